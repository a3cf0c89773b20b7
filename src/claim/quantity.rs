//! `quantity`: a count or figure ("at least 26 people, mostly tourists", "$1.2 million").

use super::json::{Common, JsonCx, SortedLocation};
use super::{Compared, Cx, FieldSpec, Kind};
use crate::quantities::{Hedge, NounClass};
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct Quantity {
    pub value: f64,
    pub range: (f64, f64),
    pub hedge: Hedge,
    pub noun: Option<String>,
    pub class: NounClass,
    pub predicate: Option<String>,
    pub descriptors: Vec<String>,
    /// The full analysis from the quantities layer, for comparison.
    pub detail: crate::quantities::Quantity,
}

/// A hedge's name in the JSON and in rule fields (its serde name).
pub fn hedge_name(h: Hedge) -> &'static str {
    match h {
        Hedge::Exact => "exact",
        Hedge::AtLeast => "at-least",
        Hedge::MoreThan => "more-than",
        Hedge::AtMost => "at-most",
        Hedge::LessThan => "less-than",
        Hedge::About => "about",
        Hedge::UpTo => "up-to",
        Hedge::Nearly => "nearly",
        Hedge::AsManyAs => "as-many-as",
    }
}

/// A noun class's name in the JSON and in rule fields (its serde name).
pub fn class_name(c: NounClass) -> &'static str {
    match c {
        NounClass::Person => "person",
        NounClass::Place => "place",
        NounClass::Object => "object",
        NounClass::Document => "document",
        NounClass::Money => "money",
        NounClass::Age => "age",
        NounClass::Duration => "duration",
        NounClass::Event => "event",
        NounClass::Percent => "percent",
        NounClass::Measure => "measure",
        NounClass::Label => "label",
        NounClass::Other => "other",
        NounClass::Unknown => "unknown",
    }
}

/// Does the sentence say who says so ("police said", "according to")?
pub fn attributed(sentence: &str) -> bool {
    let l = sentence.to_lowercase();
    [
        " said",
        " says",
        "according to",
        " told ",
        " reported",
        " confirmed",
        " estimated",
        " put the",
        " announced",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// Keys in alphabetical order.
#[derive(Debug, Serialize)]
pub struct Json<'a> {
    class: &'static str,
    descriptors: &'a [String],
    document: &'a str,
    hedge: &'static str,
    id: &'a str,
    kind: &'static str,
    noun: &'a Option<String>,
    predicate: &'a Option<String>,
    range: [f64; 2],
    span: SortedLocation,
    text: &'a str,
    value: f64,
}

impl Kind for Quantity {
    const NAME: &'static str = "quantity";
    const FIELDS: &'static [FieldSpec<Self>] = &[
        FieldSpec::claim("noun", "The lemma of the counted noun.", |x, _| {
            x.noun.clone()
        }),
        FieldSpec::claim(
            "class",
            "What is counted: `person`, `money`, ...",
            |x, _| Some(class_name(x.class).to_string()),
        ),
        FieldSpec::claim("predicate", "The verb lemma.", |x, _| x.predicate.clone()),
        FieldSpec::claim("hedge", "`exact`, `at-least`, `about`, ...", |x, _| {
            Some(hedge_name(x.hedge).to_string())
        }),
        FieldSpec::claim("value", "The value as a decimal string.", |x, _| {
            Some(x.value.to_string())
        }),
        FieldSpec::sentence(
            "attributed",
            "`true` when the sentence says who says so, else `false`.",
            |_, cx| Some(attributed(cx.sentence()).to_string()),
        ),
    ];
    type Json<'a> = Json<'a>;

    /// The figure as written.
    fn side_value(&self, _: Compared, cx: &Cx) -> String {
        self.detail.span.slice(cx.text).to_string()
    }

    fn subject(&self, _: &Cx) -> Option<String> {
        // A measure's noun is its unit ("ft", "metre"): the dimension names what is measured.
        if let Some(d) = &self.detail.dimension {
            return Some(if d == "time" {
                "duration".into()
            } else {
                d.clone()
            });
        }
        Some(self.noun.clone().unwrap_or_else(|| "figure".into()))
    }

    fn json<'a>(&'a self, c: Common<'a>, _: JsonCx<'a>) -> Json<'a> {
        Json {
            class: class_name(self.class),
            descriptors: &self.descriptors,
            document: c.document,
            hedge: hedge_name(self.hedge),
            id: c.id,
            kind: c.kind,
            noun: &self.noun,
            predicate: &self.predicate,
            range: [self.range.0, self.range.1],
            span: c.span,
            text: c.text,
            value: self.value,
        }
    }

    /// `26 tourist [at-least]`; the value as JSON writes it (`26.0`).
    fn table_detail(j: &Json<'_>) -> String {
        format!(
            "{} {} [{}]",
            serde_json::Value::from(j.value),
            j.noun.as_deref().unwrap_or(""),
            j.hedge
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedge_and_class_names_are_their_serde_names() {
        use Hedge::*;
        for h in [
            Exact, AtLeast, MoreThan, AtMost, LessThan, About, UpTo, Nearly, AsManyAs,
        ] {
            assert_eq!(serde_json::to_value(h).unwrap(), hedge_name(h));
        }
        use NounClass::*;
        for c in [
            Person, Place, Object, Document, Money, Age, Duration, Event, Percent, Measure, Label,
            Other, Unknown,
        ] {
            assert_eq!(serde_json::to_value(c).unwrap(), class_name(c));
        }
    }

    #[test]
    fn attribution_words_say_who_says_so() {
        assert!(attributed("Twelve were hurt, Harbourton police said."));
        assert!(attributed("According to Calloway, 40 boats left."));
        assert!(!attributed("Twelve boats left Marenland on Monday."));
    }
}
