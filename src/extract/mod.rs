//! Claim extractors, one per claim kind. Each reads one sentence with its resolved
//! mentions and dates; none compares across documents (that is the graph's job).

pub mod communication;
pub mod event_date;
pub mod role;

use crate::entities::EntityId;
use crate::mentions::{Mention, MentionKind};
use crate::span::Span;

/// A mention with the entity it resolved to.
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'a> {
    pub mention: &'a Mention,
    pub entity: Option<EntityId>,
    /// The resolved entity's kind (a sentence-initial "Okafor" is Unknown as a mention but
    /// a person once the bundle has resolved it).
    pub kind: MentionKind,
}

impl Resolved<'_> {
    pub fn is_actor(&self) -> bool {
        self.entity.is_some() && matches!(self.kind, MentionKind::Person | MentionKind::Org)
    }
}

/// What the extractors remember from earlier sentences of the same document.
#[derive(Debug, Default, Clone)]
pub struct DocState {
    /// The last person who was the subject of a sentence (for "he", "she").
    pub last_subject: Option<EntityId>,
    /// The last quote's speaker (for continuations and "she added").
    pub last_speaker: Option<EntityId>,
}

/// Is `inner` inside any of `spans`?
pub fn inside(spans: &[Span], inner: Span) -> bool {
    spans.iter().any(|s| s.contains(inner))
}
