//! `age`: how old a named person is ("Okafor, 54,", "54-year-old Ana Okafor", "a
//! 54-year-old nurse, Ana Okafor,"). An age nobody named is no claim about anyone and stays
//! a `quantity`.

use super::json::{Common, JsonCx, SortedLocation};
use super::{Compared, Cx, FieldSpec, Kind};
use crate::entities::EntityId;
use crate::span::Span;
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct Age {
    /// The person the age qualifies, resolved.
    pub person: EntityId,
    /// The figure's analysis: the number as written ("47" in "Veldra, 47,", "forty-seven"),
    /// its hedge and range for the comparison, and the name it qualifies.
    pub detail: Box<crate::quantities::Quantity>,
}

impl Age {
    /// The age in years.
    pub fn years(&self) -> f64 {
        self.detail.number.value
    }
}

/// Keys in alphabetical order.
#[derive(Debug, Serialize)]
pub struct Json<'a> {
    document: &'a str,
    id: &'a str,
    kind: &'static str,
    person: &'a str,
    span: SortedLocation,
    text: &'a str,
    years: f64,
}

impl Kind for Age {
    const NAME: &'static str = "age";
    const FIELDS: &'static [FieldSpec<Self>] = &[
        FieldSpec::claim("person", "A canonical name.", |x, cx| {
            Some(cx.name(x.person).to_string())
        }),
        FieldSpec::claim("value", "The value as a decimal string.", |x, _| {
            Some(x.years().to_string())
        }),
    ];
    type Json<'a> = Json<'a>;

    /// The age as written ("47", "49-year-old").
    fn side_value(&self, _: Compared, cx: &Cx) -> String {
        self.detail.number.span.slice(cx.text).to_string()
    }

    fn subject(&self, cx: &Cx) -> Option<String> {
        Some(cx.name(self.person).to_string())
    }

    /// The age with the name it qualifies ("Tomas Veldra, 47", "49-year-old fisherman,
    /// Tomas Veldra"): what an editor compares, not the whole sentence.
    fn evidence_span(&self, claim: Span) -> Span {
        let d = &self.detail;
        let Some(name) = d.subject_of else {
            return claim;
        };
        let (start, end) = (d.span.start.min(name.start), d.span.end.max(name.end));
        if claim.start <= start && end <= claim.end {
            Span::new(start, end)
        } else {
            claim
        }
    }

    fn entities(&self) -> Vec<EntityId> {
        vec![self.person]
    }

    fn json<'a>(&'a self, c: Common<'a>, cx: JsonCx<'a>) -> Json<'a> {
        Json {
            document: c.document,
            id: c.id,
            kind: c.kind,
            person: cx.name(self.person),
            span: c.span,
            text: c.text,
            years: self.years(),
        }
    }

    /// `Ana Okafor = 54`.
    fn table_detail(j: &Json<'_>) -> String {
        format!("{} = {}", j.person, serde_json::Value::from(j.years))
    }
}
