//! `communication`: who spoke with whom, and when ("A spoke with B on Thursday").

use super::json::{Common, DateOut, JsonCx, SortedLocation};
use super::{Compared, Cx, FieldSpec, Kind, TimeRef};
use crate::entities::EntityId;
use crate::span::Span;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Medium {
    Call,
    Meeting,
    Statement,
    SocialMedia,
}

impl Medium {
    /// The name in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            Medium::Call => "call",
            Medium::Meeting => "meeting",
            Medium::Statement => "statement",
            Medium::SocialMedia => "social-media",
        }
    }

    /// The JSON name without its hyphen (`socialmedia`): the value of the `medium` rule
    /// field (docs/claim-model.md) and the word in an events ledger label.
    pub fn label(self) -> &'static str {
        match self {
            Medium::SocialMedia => "socialmedia",
            m => m.as_str(),
        }
    }
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

/// Keys in alphabetical order.
#[derive(Debug, Serialize)]
pub struct Json<'a> {
    date: Option<DateOut<'a>>,
    document: &'a str,
    id: &'a str,
    initiator: Option<&'a str>,
    kind: &'static str,
    medium: Medium,
    participants: Vec<&'a str>,
    span: SortedLocation,
    text: &'a str,
}

impl Kind for Communication {
    const NAME: &'static str = "communication";
    const FIELDS: &'static [FieldSpec<Self>] = &[
        FieldSpec::claim(
            "participants",
            "Canonical names, sorted, joined with ` & `.",
            |x, cx| {
                let mut n: Vec<&str> = x.participants.iter().map(|p| cx.name(*p)).collect();
                n.sort();
                Some(n.join(" & "))
            },
        ),
        FieldSpec::claim("initiator", "A canonical name.", |x, cx| {
            x.initiator.map(|e| cx.name(e).to_string())
        }),
        FieldSpec::claim(
            "medium",
            "`call`, `meeting`, `statement`, `socialmedia`.",
            |x, _| Some(x.medium.label().to_string()),
        ),
        FieldSpec::claim("date", "The TIMEX3 value.", |x, _| {
            x.date.as_ref().map(|d| d.value.clone())
        }),
    ];
    type Json<'a> = Json<'a>;

    fn side_value(&self, _: Compared, cx: &Cx) -> String {
        self.date
            .as_ref()
            .map(|d| format!("{} ({})", d.span.slice(cx.text), d.value))
            .unwrap_or_default()
    }

    fn subject(&self, cx: &Cx) -> Option<String> {
        let mut n: Vec<&str> = self.participants.iter().map(|p| cx.name(*p)).collect();
        n.sort();
        Some(n.join(" and "))
    }

    fn date(&self) -> Option<&TimeRef> {
        self.date.as_ref()
    }

    fn entities(&self) -> Vec<EntityId> {
        self.participants
            .iter()
            .copied()
            .chain(self.initiator)
            .collect()
    }

    fn json<'a>(&'a self, c: Common<'a>, cx: JsonCx<'a>) -> Json<'a> {
        Json {
            date: self.date.as_ref().map(|t| cx.date(t)),
            document: c.document,
            id: c.id,
            initiator: self.initiator.map(|e| cx.name(e)),
            kind: c.kind,
            medium: self.medium,
            participants: cx.names(&self.participants),
            span: c.span,
            text: c.text,
        }
    }

    fn table_detail(j: &Json<'_>) -> String {
        format!(
            "{} on {}",
            j.participants.join(" & "),
            j.date.as_ref().map_or("?", |d| d.value)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medium_names_are_the_json_names() {
        for m in [
            Medium::Call,
            Medium::Meeting,
            Medium::Statement,
            Medium::SocialMedia,
        ] {
            assert_eq!(serde_json::to_value(m).unwrap(), m.as_str());
            // The rule field keeps the spelling it has always had.
            assert_eq!(m.label(), format!("{m:?}").to_lowercase());
        }
    }
}
