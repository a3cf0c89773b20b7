//! `role`: who holds which office ("Veldra's National Security Advisor Omar Zaki").

use super::json::{Common, JsonCx, SortedLocation};
use super::{Compared, Cx, FieldSpec, Kind};
use crate::entities::EntityId;
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct Role {
    pub person: EntityId,
    /// Lower-case title, spelling normalised ("national security adviser" → "advisor").
    pub title: String,
    pub jurisdiction: Option<String>,
    /// "former", "acting", "now", "succeeding X"...
    pub qualifier: Option<String>,
    /// The part of the organisation the title is of, lower case as written ("products
    /// division"), when an apposition names one.
    pub unit: Option<String>,
    /// True when the sentence says the person is NOT the holder ("along with our X").
    pub distinct_from_holder: bool,
}

/// Keys in alphabetical order.
#[derive(Debug, Serialize)]
pub struct Json<'a> {
    document: &'a str,
    id: &'a str,
    jurisdiction: &'a Option<String>,
    kind: &'static str,
    person: &'a str,
    qualifier: &'a Option<String>,
    span: SortedLocation,
    text: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: &'a Option<String>,
}

impl Kind for Role {
    const NAME: &'static str = "role";
    const FIELDS: &'static [FieldSpec<Self>] = &[
        FieldSpec::claim("person", "A canonical name.", |x, cx| {
            Some(cx.name(x.person).to_string())
        }),
        FieldSpec::claim("title", "Lower case, spelling normalised.", |x, _| {
            Some(x.title.clone())
        }),
        FieldSpec::claim(
            "jurisdiction",
            "The country or body, when written.",
            |x, _| x.jurisdiction.clone(),
        ),
        FieldSpec::claim("qualifier", "`former`, `acting`, `now`, ...", |x, _| {
            x.qualifier.clone()
        }),
        FieldSpec::claim(
            "unit",
            "The part of the organisation, when written (\"mobility division\").",
            |x, _| x.unit.clone(),
        ),
    ];
    type Json<'a> = Json<'a>;

    /// "former advisor Zaki": a one-word qualifier other than "now" is part of the value.
    fn side_value(&self, _: Compared, cx: &Cx) -> String {
        let holder = cx.name(self.person);
        let title = match &self.unit {
            Some(u) => format!("{} of {u}", self.title),
            None => self.title.clone(),
        };
        match self.qualifier.as_deref() {
            Some(q) if q != "now" && !q.contains(' ') => format!("{q} {title} {holder}"),
            _ => format!("{title} {holder}"),
        }
    }

    fn subject(&self, _: &Cx) -> Option<String> {
        Some(self.title.clone())
    }

    fn entities(&self) -> Vec<EntityId> {
        vec![self.person]
    }

    fn json<'a>(&'a self, c: Common<'a>, cx: JsonCx<'a>) -> Json<'a> {
        Json {
            document: c.document,
            id: c.id,
            jurisdiction: &self.jurisdiction,
            kind: c.kind,
            person: cx.name(self.person),
            qualifier: &self.qualifier,
            span: c.span,
            text: c.text,
            title: &self.title,
            unit: &self.unit,
        }
    }

    fn table_detail(j: &Json<'_>) -> String {
        format!(
            "{} = {}{}",
            j.person,
            j.title,
            j.jurisdiction
                .as_ref()
                .map(|x| format!(" ({x})"))
                .unwrap_or_default()
        )
    }
}
