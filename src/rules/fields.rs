//! Claim fields by name, for rule scopes (`where`, `group-by`, `if`/`then`). Each claim
//! kind declares its fields (`claim::Kind::FIELDS`); this is their union, as rules see it.

use crate::claim::Claim;
use crate::entities::EntityTable;
use std::sync::OnceLock;

/// The names a rule may use (checked when rules load), in the order the schema and the
/// "unknown field" message list them.
pub fn names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| crate::claim::rule_fields().iter().map(|f| f.name).collect())
}

/// A claim's value for a field: none when its kind has no such field.
pub fn field(c: &Claim, name: &str, ents: &EntityTable, text: &str) -> Option<String> {
    c.field(name, ents, text)
}
