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

/// Is `at` (a byte offset in `text`) in a sentence's attribution tail, the clause after a
/// comma or dash that opens with "according to" ("X met Y over the weekend, according to
/// reports Tuesday")? A date there is the report's, not the day of what the sentence tells.
/// A sentence that opens with "According to ..." has no such tail: its date after the
/// comma is in the main clause.
pub fn in_attribution_tail(text: &str, sentence: Span, at: usize) -> bool {
    let Some(head) = text.get(sentence.start..at) else {
        return false;
    };
    let Some(cut) = head.rfind([',', ';', '—', '–', '(']) else {
        return false;
    };
    let clause = head[cut..]
        .trim_start_matches([',', ';', '—', '–', '('])
        .trim_start();
    clause
        .get(..12)
        .is_some_and(|h| h.eq_ignore_ascii_case("according to"))
}

/// Test support: resolve a sentence's mentions naively, one entity per distinct surname
/// (kept in `names`, so several sentences share ids); capitalised words of unknown kind
/// count as people, and a sentence-initial "The" is no one.
#[cfg(test)]
pub fn resolve_by_surname<'a>(
    mentions: &'a [Mention],
    names: &mut Vec<String>,
) -> Vec<Resolved<'a>> {
    mentions
        .iter()
        .map(|m| {
            let key = m.tokens.last().unwrap_or_default().to_string();
            let id = names.iter().position(|n| *n == key).unwrap_or_else(|| {
                names.push(key);
                names.len() - 1
            });
            Resolved {
                mention: m,
                entity: (m.name() != "The").then_some(EntityId(id)),
                kind: if m.kind == MentionKind::Unknown {
                    MentionKind::Person
                } else {
                    m.kind
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_according_to_clause_is_an_attribution_tail() {
        let t = "Marsh met Okafor over the weekend, according to reports on Tuesday.";
        let whole = Span::new(0, t.len());
        assert!(in_attribution_tail(t, whole, t.find("Tuesday").unwrap()));
        assert!(!in_attribution_tail(t, whole, t.find("weekend").unwrap()));
        // Opening the sentence, it is no tail: the date after its comma is the main clause's.
        let t = "According to police, Marsh was shot on Tuesday.";
        let whole = Span::new(0, t.len());
        assert!(!in_attribution_tail(t, whole, t.find("Tuesday").unwrap()));
        // Any clause after a comma, with letters beyond ASCII, never panics.
        let t = "Marsh met Okafor, accordé à Tuesday.";
        assert!(!in_attribution_tail(
            t,
            Span::new(0, t.len()),
            t.find("Tuesday").unwrap()
        ));
    }
}
