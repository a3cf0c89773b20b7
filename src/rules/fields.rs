//! Claim field names for rule scopes (`where`, `group-by`, `if`/`then`). Each claim kind
//! declares its fields (`claim::Kind::FIELDS`); this is their union, as rules see it. A
//! claim's value for one is `Claim::field`.

use std::sync::OnceLock;

/// The names a rule may use (checked when rules load), in the order the schema and the
/// "unknown field" message list them.
pub fn names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| crate::claim::rule_fields().iter().map(|f| f.name).collect())
}
