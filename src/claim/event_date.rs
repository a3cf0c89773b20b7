//! `event-date`: when something happened ("the attack on Tuesday").

use super::json::{Common, DateOut, JsonCx, SortedLocation};
use super::{Compared, Cx, FieldSpec, Kind, TimeRef};
use crate::entities::EntityId;
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct EventDate {
    /// Lower-case event word: "attack", "shooting", "indictment".
    pub event: String,
    pub participants: Vec<EntityId>,
    pub places: Vec<EntityId>,
    /// The day, or [`TimeRef::undated`] when the sentence names the event without one.
    pub date: TimeRef,
    /// What the sentence says besides names and dates: its content words, lower case,
    /// crudely stemmed, sorted (see `extract::event_date::content_words`). Two sentences
    /// of different articles that share most of them tell the same happening. Empty for
    /// undated claims. Internal, not in the JSON.
    pub context: crate::sorted::Words,
    /// An undated event told as a number of days from another event of its sentence ("X
    /// died a day after Y was killed"): its day follows once that event's day is known.
    /// Internal; resolved in the document (`extract::event_date::resolve_relatives`).
    pub relative: Option<Box<Relative>>,
}

/// The other event an undated event is dated from, and by how many days.
#[derive(Debug, Clone)]
pub struct Relative {
    /// This event's day minus the other event's.
    pub days: i64,
    /// The other event's type and participants.
    pub event: String,
    pub participants: Vec<EntityId>,
    /// The words that give the offset ("a day after").
    pub span: crate::span::Span,
}

/// Keys in alphabetical order.
#[derive(Debug, Serialize)]
pub struct Json<'a> {
    date: DateOut<'a>,
    document: &'a str,
    event: &'a str,
    id: &'a str,
    kind: &'static str,
    participants: Vec<&'a str>,
    span: SortedLocation,
    text: &'a str,
}

impl Kind for EventDate {
    const NAME: &'static str = "event-date";
    const FIELDS: &'static [FieldSpec<Self>] = &[
        FieldSpec::claim("date", "The TIMEX3 value.", |x, _| {
            Some(x.date.value.clone())
        }),
        FieldSpec::claim("event", "The event word.", |x, _| Some(x.event.clone())),
    ];
    type Json<'a> = Json<'a>;

    fn side_value(&self, _: Compared, cx: &Cx) -> String {
        format!("{} ({})", self.date.span.slice(cx.text), self.date.value)
    }

    fn subject(&self, _: &Cx) -> Option<String> {
        Some(self.event.clone())
    }

    fn date(&self) -> Option<&TimeRef> {
        Some(&self.date)
    }

    fn entities(&self) -> Vec<EntityId> {
        self.participants
            .iter()
            .chain(&self.places)
            .copied()
            .collect()
    }

    fn json<'a>(&'a self, c: Common<'a>, cx: JsonCx<'a>) -> Json<'a> {
        Json {
            date: cx.date(&self.date),
            document: c.document,
            event: &self.event,
            id: c.id,
            kind: c.kind,
            participants: cx.names(&self.participants),
            span: c.span,
            text: c.text,
        }
    }

    fn table_detail(j: &Json<'_>) -> String {
        format!("{} on {}", j.event, j.date.value)
    }
}
