//! The claim model: what one sentence of one article asserts, with its evidence span and
//! fields resolved against the bundle (canonical entities, dates as UTC intervals).
//!
//! A claim kind is one module (`communication`, `role`, `quantity`, `quote`,
//! `event_date`, `age`): its struct and a [`Kind`] implementation that owns its name, its rule
//! fields, its side of a disagreement, its subject, its date, its evidence span, its JSON
//! form and its line in the claims table. [`ClaimKind`] is generated from the registry at
//! the end of this file, with one `match` per method, so a new kind is one registry line
//! and the compiler points at everything else it needs.

mod age;
mod communication;
mod event_date;
pub mod json;
mod quantity;
mod quote;
mod role;

pub use age::Age;
pub use communication::{Communication, Medium};
pub use event_date::{EventDate, Relative};
pub use quantity::{Quantity, class_name, hedge_name};
pub use quote::Quote;
pub use role::Role;

use crate::document::{DocId, DocIdx, Document};
use crate::entities::{EntityId, EntityTable};
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

/// The TIMEX3 value of a date the sentence does not give (an undated event-date claim).
pub const UNDATED: &str = "XXXX-XX-XX";

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

    /// [`TimeRef::day`] as a calendar date.
    pub fn civil_date(&self) -> Option<jiff::civil::Date> {
        self.day()?.parse().ok()
    }

    /// The date of an event the sentence names without a day: `span` (empty, where the
    /// event word starts), the [`UNDATED`] value and nothing resolved.
    pub fn undated(span: Span) -> TimeRef {
        TimeRef {
            span,
            value: UNDATED.into(),
            utc: None,
            weekday: None,
            year_inferred: false,
            tz: None,
            zone_stated: false,
        }
    }

    pub fn is_undated(&self) -> bool {
        self.value == UNDATED
    }
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub id: ClaimId,
    pub document: DocId,
    /// The same document by position: the linkers' keys and comparisons.
    pub doc: DocIdx,
    /// The evidence: usually the sentence, or the quotation.
    pub span: Span,
    pub kind: ClaimKind,
}

/// What a kind's methods may read besides the kind's own struct: the claim around it,
/// the bundle's entity names and the claim's document text.
#[derive(Clone, Copy)]
pub struct Cx<'a> {
    pub claim: &'a Claim,
    pub entities: &'a EntityTable,
    pub text: &'a str,
}

impl<'a> Cx<'a> {
    pub fn name(&self, e: EntityId) -> &'a str {
        self.entities.name(e)
    }

    /// The claim's evidence sentence (or quotation) as written.
    pub fn sentence(&self) -> &'a str {
        self.claim.span.slice(self.text)
    }
}

/// What a disagreement compares, for the value each side shows: a quotation stands for
/// its speaker when speakers are compared, and for its document when wordings are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compared {
    Speaker,
    Other,
}

/// A field rules may name (`where`, `group-by`, `if`/`then`), with how a kind reads it.
pub struct FieldSpec<K: ?Sized> {
    pub name: &'static str,
    /// One line for the docs: what the value is.
    pub about: &'static str,
    /// Read from the words of the evidence sentence, not from the claim's own fields; such
    /// fields are listed after the claim fields.
    pub from_sentence: bool,
    pub get: fn(&K, &Cx) -> Option<String>,
}

impl<K: ?Sized> FieldSpec<K> {
    /// A field read from the claim.
    pub const fn claim(
        name: &'static str,
        about: &'static str,
        get: fn(&K, &Cx) -> Option<String>,
    ) -> Self {
        FieldSpec {
            name,
            about,
            from_sentence: false,
            get,
        }
    }

    /// A field read from the evidence sentence's words.
    pub const fn sentence(
        name: &'static str,
        about: &'static str,
        get: fn(&K, &Cx) -> Option<String>,
    ) -> Self {
        FieldSpec {
            name,
            about,
            from_sentence: true,
            get,
        }
    }
}

/// One claim kind: everything the rules and the reports need to know of it.
pub trait Kind: 'static {
    /// In claim ids (`DOC:NAME:N`), the `kind` field and the JSON, and in rule scopes.
    const NAME: &'static str;
    /// The fields a rule may name for this kind, besides `kind` and `document`.
    const FIELDS: &'static [FieldSpec<Self>];
    /// The subject of a group of claims none of which names one.
    const UNNAMED_SUBJECT: Option<&'static str> = None;
    /// The claim as the JSON report prints it: keys in alphabetical order, the common
    /// keys (`document`, `id`, `kind`, `span`, `text`) among them.
    type Json<'a>: Serialize + fmt::Debug
    where
        Self: 'a;

    /// A field's value by name: none when the kind has no such field or it is empty.
    fn field(&self, name: &str, cx: &Cx) -> Option<String> {
        Self::FIELDS
            .iter()
            .find(|f| f.name == name)
            .and_then(|f| (f.get)(self, cx))
    }

    /// The value this claim stands for on its side of a disagreement (evidence `value`).
    fn side_value(&self, compared: Compared, cx: &Cx) -> String;

    /// Who or what a disagreement over this claim is about, if the claim says.
    fn subject(&self, cx: &Cx) -> Option<String>;

    /// The date the claim gives, for rules that bound how far apart dates may be.
    fn date(&self) -> Option<&TimeRef> {
        None
    }

    /// The people, organisations and places the claim names (for views around one entity).
    fn entities(&self) -> Vec<EntityId> {
        Vec::new()
    }

    /// The span an editor should look at: the claim's own span unless the kind knows a
    /// narrower one.
    fn evidence_span(&self, claim: Span) -> Span {
        claim
    }

    fn json<'a>(&'a self, common: json::Common<'a>, cx: json::JsonCx<'a>) -> Self::Json<'a>;

    /// The claim's detail in `claims --format table`, from its JSON form.
    fn table_detail(json: &Self::Json<'_>) -> String;
}

/// A rule field across the kinds: its name, the kinds that have it (`None`: every kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub about: &'static str,
    pub kinds: Option<Vec<&'static str>>,
    pub from_sentence: bool,
}

/// Fields every claim has.
const COMMON_FIELDS: [(&str, &str); 2] = [
    ("kind", "The claim kind's name."),
    ("document", "The document id."),
];

impl Claim {
    /// A field's value by name, for rule scopes: `kind` and `document` for every claim,
    /// else the kind's own fields (see [`Kind::FIELDS`]).
    pub fn field(&self, name: &str, entities: &EntityTable, text: &str) -> Option<String> {
        match name {
            "kind" => Some(self.kind.name().into()),
            "document" => Some(self.document.0.clone()),
            _ => self.kind.field(name, &self.cx(entities, text)),
        }
    }

    pub fn cx<'a>(&'a self, entities: &'a EntityTable, text: &'a str) -> Cx<'a> {
        Cx {
            claim: self,
            entities,
            text,
        }
    }

    /// The span an editor should look at for this claim (the quotation for quotes).
    pub fn evidence_span(&self) -> Span {
        self.kind.evidence_span(self.span)
    }

    /// The claim as the JSON report prints it.
    pub fn json<'a>(&'a self, d: &'a Document, entities: &'a EntityTable) -> ClaimJson<'a> {
        let common = json::Common {
            document: self.document.0.as_str(),
            id: self.id.0.as_str(),
            kind: self.kind.name(),
            span: json::SortedLocation::from(d.locate(self.span)),
            text: d.slice(self.span),
        };
        self.kind.json(common, json::JsonCx { doc: d, entities })
    }
}

/// Adds `K`'s fields to the union (a field several kinds share is listed once).
fn add_fields<K: Kind>(out: &mut Vec<Field>) {
    for f in K::FIELDS {
        match out.iter_mut().find(|x| x.name == f.name) {
            Some(x) => x.kinds.get_or_insert_with(Vec::new).push(K::NAME),
            None => out.push(Field {
                name: f.name,
                about: f.about,
                kinds: Some(vec![K::NAME]),
                from_sentence: f.from_sentence,
            }),
        }
    }
}

/// The registry: one line per claim kind, `Variant(payload) => KindType`. It generates
/// `ClaimKind`, `ClaimJson`, the list of kind names, the union of rule fields and the
/// dispatch of every [`Kind`] method (one `match` each).
macro_rules! registry {
    ($( $(#[$meta:meta])* $variant:ident($payload:ty) => $kind:ty ),* $(,)?) => {
        /// What a claim asserts: one variant per kind, from the registry.
        #[derive(Debug, Clone)]
        pub enum ClaimKind {
            $( $(#[$meta])* $variant($payload), )*
        }

        /// A claim as the report prints it, borrowed from the analysis so that a large
        /// bundle's report is not a second copy of every claim.
        #[derive(Debug, Serialize)]
        #[serde(untagged)]
        pub enum ClaimJson<'a> {
            $( $variant(<$kind as Kind>::Json<'a>), )*
        }

        /// Every claim kind's name, in registry order.
        pub const KIND_NAMES: &[&str] = &[$( <$kind as Kind>::NAME, )*];

        /// Every field a rule may name: `kind` and `document`, then each kind's claim
        /// fields in registry order, then the fields read from the sentence.
        pub fn rule_fields() -> Vec<Field> {
            let mut out: Vec<Field> = COMMON_FIELDS
                .iter()
                .map(|&(name, about)| Field { name, about, kinds: None, from_sentence: false })
                .collect();
            $( add_fields::<$kind>(&mut out); )*
            // Stable: claim fields keep their order, sentence fields follow.
            out.sort_by_key(|f| f.from_sentence);
            out
        }

        impl ClaimKind {
            pub fn name(&self) -> &'static str {
                match self { $( ClaimKind::$variant(_) => <$kind as Kind>::NAME, )* }
            }

            pub fn field(&self, name: &str, cx: &Cx) -> Option<String> {
                match self { $( ClaimKind::$variant(x) => <$kind as Kind>::field(x, name, cx), )* }
            }

            pub fn side_value(&self, compared: Compared, cx: &Cx) -> String {
                match self {
                    $( ClaimKind::$variant(x) => <$kind as Kind>::side_value(x, compared, cx), )*
                }
            }

            pub fn subject(&self, cx: &Cx) -> Option<String> {
                match self { $( ClaimKind::$variant(x) => <$kind as Kind>::subject(x, cx), )* }
            }

            pub fn unnamed_subject(&self) -> Option<&'static str> {
                match self { $( ClaimKind::$variant(_) => <$kind as Kind>::UNNAMED_SUBJECT, )* }
            }

            pub fn date(&self) -> Option<&TimeRef> {
                match self { $( ClaimKind::$variant(x) => <$kind as Kind>::date(x), )* }
            }

            pub fn entities(&self) -> Vec<EntityId> {
                match self { $( ClaimKind::$variant(x) => <$kind as Kind>::entities(x), )* }
            }

            pub fn evidence_span(&self, claim: Span) -> Span {
                match self {
                    $( ClaimKind::$variant(x) => <$kind as Kind>::evidence_span(x, claim), )*
                }
            }

            fn json<'a>(&'a self, common: json::Common<'a>, cx: json::JsonCx<'a>) -> ClaimJson<'a> {
                match self {
                    $( ClaimKind::$variant(x) =>
                        ClaimJson::$variant(<$kind as Kind>::json(x, common, cx)), )*
                }
            }
        }

        impl ClaimJson<'_> {
            /// The claim's detail in `claims --format table`.
            pub fn table_detail(&self) -> String {
                match self {
                    $( ClaimJson::$variant(j) => <$kind as Kind>::table_detail(j), )*
                }
            }
        }
    };
}

registry! {
    // Boxed (all but the two-word age): a claim is as large as its largest kind, and every
    // claim lives to the end of a check. Unboxed, an event-date's 200 bytes made each of a
    // 16 MB bundle's 140,000 claims 272 bytes; boxed, a claim is 88 and each kind's
    // payload costs only its own claims.
    Communication(Box<Communication>) => Communication,
    Role(Box<Role>) => Role,
    Quote(Box<Quote>) => Quote,
    // The quantity analysis is several times larger than the other kinds.
    Quantity(Box<Quantity>) => Quantity,
    EventDate(Box<EventDate>) => EventDate,
    Age(Age) => Age,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_fields_are_the_documented_list_in_its_order() {
        let names: Vec<&str> = rule_fields().iter().map(|f| f.name).collect();
        assert_eq!(
            names,
            [
                "kind",
                "document",
                "participants",
                "initiator",
                "medium",
                "date",
                "person",
                "title",
                "jurisdiction",
                "qualifier",
                "unit",
                "speaker",
                "channel",
                "noun",
                "class",
                "predicate",
                "hedge",
                "value",
                "event",
                "attributed",
            ]
        );
    }

    #[test]
    fn a_shared_field_lists_each_kind_that_has_it() {
        let f = rule_fields();
        let date = f.iter().find(|f| f.name == "date").unwrap();
        assert_eq!(date.kinds, Some(vec!["communication", "event-date"]));
        let kind = f.iter().find(|f| f.name == "kind").unwrap();
        assert_eq!(kind.kinds, None);
    }

    #[test]
    fn kind_names_are_unique_and_kebab_case() {
        let mut n = KIND_NAMES.to_vec();
        n.sort_unstable();
        n.dedup();
        assert_eq!(n.len(), KIND_NAMES.len());
        assert!(
            KIND_NAMES
                .iter()
                .all(|k| k.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        );
    }

    #[test]
    fn an_undated_time_is_undated_and_names_no_day() {
        let t = TimeRef::undated(Span::new(4, 4));
        assert!(t.is_undated());
        assert_eq!(
            (t.value.as_str(), t.day(), t.span),
            (UNDATED, None, Span::new(4, 4))
        );
    }
}
