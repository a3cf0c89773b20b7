//! `rules schema`: a JSON Schema for rule files, for editors' autocompletion.

use serde_json::{Value, json};

pub fn schema() -> String {
    let empty = json!({"type": "object", "additionalProperties": false});
    let fields = super::fields::names();
    let filters = json!({"type": "object", "additionalProperties": {"type": "string"},
        "propertyNames": {"enum": fields}});
    let check_variant = |name: &str, props: Value| {
        json!({"type": "object", "additionalProperties": false, "required": [name],
               "properties": {name: props}})
    };
    let v = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "claimgraph rule",
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "severity", "summary", "message", "check"],
        "properties": {
            "id": {"type": "string", "pattern": "^[A-Z]+[0-9]+/[a-z0-9-]+$"},
            "severity": {"enum": ["info", "warning", "error"]},
            "summary": {"type": "string"},
            "message": {"type": "string"},
            "help": {"type": "string"},
            "scope": {"type": "object", "additionalProperties": false, "properties": {
                "kind": {"enum": super::model::KindName::ALL.map(|k| k.as_str())},
                "where": filters,
                "group-by": {"type": "array", "items": {"enum": fields}}
            }},
            "check": {"oneOf": [
                check_variant("date-conflict", json!({"type": "object", "additionalProperties": false,
                    "properties": {"max-days-apart": {"type": "integer", "minimum": 0}}})),
                check_variant("numeric-conflict", empty.clone()),
                check_variant("descriptor-conflict", empty.clone()),
                check_variant("name-variant", empty.clone()),
                check_variant("quote-drift", json!({"type": "object", "additionalProperties": false,
                    "properties": {"min-similarity": {"type": "number", "minimum": 0, "maximum": 1}}})),
                check_variant("quote-attribution", empty.clone()),
                check_variant("role-conflict", empty.clone()),
                check_variant("consistency", json!({"type": "object", "additionalProperties": false,
                    "required": ["prefer", "avoid"], "properties": {
                        "prefer": {"type": "string"}, "avoid": {"type": "array", "items": {"type": "string"}},
                        "case-sensitive": {"type": "boolean"}}})),
                check_variant("conditional", json!({"type": "object", "additionalProperties": false,
                    "required": ["if", "then"], "properties": {"if": filters, "then": filters}})),
                check_variant("weekday-mismatch", empty.clone())
            ]},
            "examples": {"type": "array", "items": {"type": "object", "additionalProperties": false,
                "required": ["expect", "articles"], "properties": {
                    "expect": {"enum": ["fail", "pass"]},
                    "articles": {"type": "object", "additionalProperties": {"type": "string"}}}}}
        }
    });
    serde_json::to_string_pretty(&v).unwrap()
}
