//! The pieces of a claim's JSON form that every kind shares: the common keys, the
//! location and a resolved date. Each kind's module lays out its own object (keys in
//! alphabetical order, the order the report has always had).

use super::TimeRef;
use crate::document::Document;
use crate::entities::{EntityId, EntityTable};
use crate::span::Location;
use serde::Serialize;

pub use super::ClaimJson;

/// The keys every claim object has, borrowed from the claim and its document.
#[derive(Debug)]
pub struct Common<'a> {
    pub document: &'a str,
    pub id: &'a str,
    pub kind: &'static str,
    pub span: SortedLocation,
    pub text: &'a str,
}

/// What a kind's JSON may read besides the claim: its document and the entity names.
#[derive(Clone, Copy)]
pub struct JsonCx<'a> {
    pub doc: &'a Document,
    pub entities: &'a EntityTable,
}

impl<'a> JsonCx<'a> {
    pub fn name(&self, e: EntityId) -> &'a str {
        self.entities.name(e)
    }

    pub fn names(&self, es: &[EntityId]) -> Vec<&'a str> {
        es.iter().map(|e| self.name(*e)).collect()
    }

    pub fn date(&self, t: &'a TimeRef) -> DateOut<'a> {
        DateOut {
            text: self.doc.slice(t.span),
            timezone: &t.tz,
            utc: t.utc.map(|(a, b)| [a.to_string(), b.to_string()]),
            value: &t.value,
            year_inferred: t.year_inferred,
        }
    }
}

/// A resolved date inside a claim (keys alphabetical).
#[derive(Debug, Serialize)]
pub struct DateOut<'a> {
    pub text: &'a str,
    pub timezone: &'a Option<String>,
    pub utc: Option<[String; 2]>,
    pub value: &'a str,
    pub year_inferred: bool,
}

/// A claim's location, keys alphabetical like the rest of the claim object.
#[derive(Debug, Serialize)]
pub struct SortedLocation {
    pub column: usize,
    pub end: usize,
    pub line: usize,
    pub start: usize,
}

impl From<Location> for SortedLocation {
    fn from(l: Location) -> Self {
        SortedLocation {
            column: l.column,
            end: l.end,
            line: l.line,
            start: l.start,
        }
    }
}

impl ClaimJson<'_> {
    /// The claim as a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a claim serialises")
    }
}
