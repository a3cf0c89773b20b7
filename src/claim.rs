//! The claim model: what one sentence of one article asserts, with its evidence span and
//! fields resolved against the bundle (canonical entities, dates as UTC intervals).

use crate::document::DocId;
use crate::entities::EntityId;
use crate::span::Span;
use jiff::Timestamp;
use jiff::civil::Weekday;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ClaimId(pub String);

impl fmt::Display for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A resolved date as a claim carries it: the TIMEX3 value and the UTC interval it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeRef {
    pub span: Span,
    /// TIMEX3 value: "2025-05-08", "2025-05-08TNI", "XXXX-WXX-4", "2025-04".
    pub value: String,
    pub utc: Option<(Timestamp, Timestamp)>,
    /// The weekday the text names, if any.
    pub weekday: Option<Weekday>,
    pub year_inferred: bool,
    pub tz: Option<String>,
    /// The text states the zone ("(US time)", "local time"); otherwise `tz` is at best the
    /// document's default zone and the day is read as a calendar day.
    pub zone_stated: bool,
}

impl Quote {
    /// The quoted words only, pieces joined by a space.
    pub fn words(&self, text: &str) -> String {
        self.pieces
            .iter()
            .map(|p| p.slice(text))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl TimeRef {
    /// The calendar day "YYYY-MM-DD" when the value names one.
    pub fn day(&self) -> Option<&str> {
        let v = self.value.get(..10)?;
        let b = v.as_bytes();
        (b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()))
        .then_some(v)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Medium {
    Call,
    Meeting,
    Statement,
    SocialMedia,
}

#[derive(Debug, Clone)]
pub struct Communication {
    /// Canonical participants, initiator first when known, then in text order.
    pub participants: Vec<EntityId>,
    pub initiator: Option<EntityId>,
    pub date: Option<TimeRef>,
    pub medium: Medium,
    pub trigger: Span,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub person: EntityId,
    /// Lower-case title, spelling normalised ("national security adviser" → "advisor").
    pub title: String,
    pub jurisdiction: Option<String>,
    /// "former", "acting", "now", "succeeding X"...
    pub qualifier: Option<String>,
    /// True when the sentence says the person is NOT the holder ("along with our X").
    pub distinct_from_holder: bool,
}

#[derive(Debug, Clone)]
pub struct Quote {
    /// The quoted words (without the marks); for a statement quoted in pieces ("A," she
    /// said. "B."), from the first piece's start to the last piece's end.
    pub inner: Span,
    /// The quoted pieces of one statement, in order.
    pub pieces: Vec<Span>,
    pub speaker: Option<EntityId>,
    /// The speaker phrase as written, if any.
    pub speaker_span: Option<Span>,
    pub channel: Option<String>,
    /// Normalised text used for comparison.
    pub normalised: String,
}

#[derive(Debug, Clone)]
pub struct Quantity {
    pub value: f64,
    pub range: (f64, f64),
    pub hedge: String,
    pub noun: Option<String>,
    pub class: String,
    pub predicate: Option<String>,
    pub descriptors: Vec<String>,
    /// The person an age or figure qualifies ("Wilson, 14,"), resolved.
    pub subject: Option<EntityId>,
    /// The full analysis from the quantities layer, for comparison.
    pub detail: crate::quantities::Quantity,
}

#[derive(Debug, Clone)]
pub struct EventDate {
    /// Lower-case event word: "attack", "shooting", "indictment".
    pub event: String,
    pub participants: Vec<EntityId>,
    pub places: Vec<EntityId>,
    pub date: TimeRef,
    /// What the sentence says besides names and dates: its content words, lower case,
    /// crudely stemmed, sorted (see `extract::event_date::content_words`). Two sentences
    /// of different articles that share most of them tell the same happening. Empty for
    /// undated claims. Internal, not in the JSON.
    pub context: Vec<String>,
}

#[derive(Debug, Clone)]
pub enum ClaimKind {
    Communication(Communication),
    Role(Role),
    // Boxed: the quantity analysis is several times larger than the other kinds.
    Quantity(Box<Quantity>),
    Quote(Quote),
    EventDate(EventDate),
}

impl ClaimKind {
    pub fn name(&self) -> &'static str {
        match self {
            ClaimKind::Communication(_) => "communication",
            ClaimKind::Role(_) => "role",
            ClaimKind::Quantity(_) => "quantity",
            ClaimKind::Quote(_) => "quote",
            ClaimKind::EventDate(_) => "event-date",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub id: ClaimId,
    pub document: DocId,
    /// The evidence: usually the sentence, or the quotation.
    pub span: Span,
    pub kind: ClaimKind,
}
