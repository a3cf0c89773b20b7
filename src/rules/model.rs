//! The YAML rule language: one rule per file. See docs/rules-language.md.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected info, warning or error)"
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KindName {
    Communication,
    Role,
    Quantity,
    Quote,
    EventDate,
    Age,
    /// Entities (people, organisations), for name checks.
    Entity,
}

impl KindName {
    /// Every scope kind, in the order the schema lists them.
    pub const ALL: [KindName; 7] = [
        KindName::Communication,
        KindName::Role,
        KindName::Quantity,
        KindName::Quote,
        KindName::EventDate,
        KindName::Age,
        KindName::Entity,
    ];

    /// The scope a claim of this kind is in: a new claim kind must be named here.
    pub fn of(kind: &crate::claim::ClaimKind) -> KindName {
        use crate::claim::ClaimKind as K;
        match kind {
            K::Communication(_) => KindName::Communication,
            K::Role(_) => KindName::Role,
            K::Quantity(_) => KindName::Quantity,
            K::Quote(_) => KindName::Quote,
            K::EventDate(_) => KindName::EventDate,
            K::Age(_) => KindName::Age,
        }
    }

    /// The name in rule files (a claim kind's own name, or `entity`).
    pub fn as_str(self) -> &'static str {
        match self {
            KindName::Communication => "communication",
            KindName::Role => "role",
            KindName::Quantity => "quantity",
            KindName::Quote => "quote",
            KindName::EventDate => "event-date",
            KindName::Age => "age",
            KindName::Entity => "entity",
        }
    }
}

/// Which claims a rule looks at.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Scope {
    pub kind: Option<KindName>,
    /// Field filters: `field: value` (exact, case-insensitive) or `field: /regex/`.
    #[serde(default)]
    pub r#where: BTreeMap<String, String>,
    /// Split findings by these fields (they never group across different values).
    #[serde(default)]
    pub group_by: Vec<String>,
}

/// The one check a rule performs, with its options. Externally tagged:
/// `check: {quote-drift: {min-similarity: 0.3}}`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// Sources give dates for the same event that cannot be reconciled.
    DateConflict(DateConflict),
    /// Different figures for the same counted thing.
    NumericConflict(Empty),
    /// The same count described incompatibly ("26 tourists" / "26 people, mostly tourists").
    DescriptorConflict(Empty),
    /// One person's name spelled two ways.
    NameVariant(Empty),
    /// The same statement by the same speaker worded differently inside quotation marks.
    QuoteDrift(QuoteDrift),
    /// The same quoted words given to different speakers.
    QuoteAttribution(Empty),
    /// One office, incompatible holders.
    RoleConflict(Empty),
    /// A house-style list: one spelling preferred, others flagged.
    Consistency(Consistency),
    /// If a claim matches `if`, it must also match `then`.
    Conditional(Conditional),
    /// A weekday written beside a date it does not fall on ("Tuesday, June 4, 2031").
    WeekdayMismatch(Empty),
}

impl Check {
    pub fn name(&self) -> &'static str {
        match self {
            Check::DateConflict(_) => "date-conflict",
            Check::NumericConflict(_) => "numeric-conflict",
            Check::DescriptorConflict(_) => "descriptor-conflict",
            Check::NameVariant(_) => "name-variant",
            Check::QuoteDrift(_) => "quote-drift",
            Check::QuoteAttribution(_) => "quote-attribution",
            Check::RoleConflict(_) => "role-conflict",
            Check::Consistency(_) => "consistency",
            Check::Conditional(_) => "conditional",
            Check::WeekdayMismatch(_) => "weekday-mismatch",
        }
    }

    /// Placeholders the check fills in for `message`.
    pub fn placeholders(&self) -> &'static [&'static str] {
        match self {
            Check::Consistency(_) => &["found", "prefer", "documents"],
            Check::Conditional(_) => &["text", "document", "field"],
            Check::WeekdayMismatch(_) => &["text", "document", "written", "actual", "date"],
            _ => &["subject", "values", "documents", "reason", "count"],
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Empty {}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DateConflict {
    /// Dates further apart than this are taken as different events, not a conflict.
    pub max_days_apart: Option<i32>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuoteDrift {
    /// Minimum similarity (0..1) for two quotes to count as the same statement.
    pub min_similarity: Option<f64>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Consistency {
    pub prefer: String,
    pub avoid: Vec<String>,
    /// Match case-sensitively (default false).
    #[serde(default)]
    pub case_sensitive: bool,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Conditional {
    /// Field filters the claim must match for the rule to apply.
    pub r#if: BTreeMap<String, String>,
    /// Field filters it must then also match.
    pub then: BTreeMap<String, String>,
}

/// An example for `claimgraph rules test`: articles and whether the rule fires on them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Example {
    pub expect: Expect,
    /// File name → article text.
    pub articles: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Expect {
    Fail,
    Pass,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Rule {
    /// Stable code plus kebab-case name: `CG101/quote-drift`.
    pub id: String,
    pub severity: Severity,
    pub summary: String,
    /// One line, with `{placeholders}` from the check.
    pub message: String,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub scope: Scope,
    pub check: Check,
    #[serde(default)]
    pub examples: Vec<Example>,
}

impl Rule {
    pub fn code(&self) -> &str {
        self.id.split('/').next().unwrap_or(&self.id)
    }

    pub fn name(&self) -> &str {
        self.id.split_once('/').map(|(_, n)| n).unwrap_or(&self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_kinds_are_the_claim_kinds_and_entity() {
        let names: Vec<&str> = KindName::ALL.iter().map(|k| k.as_str()).collect();
        let mut claims: Vec<&str> = crate::claim::KIND_NAMES.to_vec();
        claims.push("entity");
        let mut sorted = names.clone();
        sorted.sort_unstable();
        claims.sort_unstable();
        assert_eq!(sorted, claims);
        for k in KindName::ALL {
            let v = serde_json::to_value(k).unwrap();
            assert_eq!(v, k.as_str());
        }
    }
}
