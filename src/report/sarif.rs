//! `--format sarif`: SARIF 2.1.0, for code-scanning UIs (GitHub code scanning, VS Code's
//! SARIF viewer, Azure DevOps).
//!
//! - `runs[0].tool.driver.rules[]`: every rule in effect, `id` its code (`CG201`), `name`
//!   its kebab-case name, `shortDescription` its summary, `fullDescription`, `help` its
//!   advice, `defaultConfiguration.level` its severity.
//! - `runs[0].results[]`: one per finding. `ruleId`/`ruleIndex` point at the rule, `level`
//!   is `error`, `warning` or `note` (info). The first evidence is `locations[0]`, the rest
//!   are `relatedLocations`; each region gives line and column (Unicode code points,
//!   `columnKind`), byte offset and length, and the quoted text as its `snippet`.
//!   `partialFingerprints["claimgraph/v1"]` is the finding's stable fingerprint.
//! - Notices (skipped files, suppression problems) are
//!   `invocations[0].toolExecutionNotifications`.
//!
//! Rule ids use the code alone because a `/` in a SARIF `ruleId` marks a sub-rule.

use super::json::{EvidenceOut, Report};
use crate::document::Document;
use crate::rules::Rule;
use serde_json::{Value, json};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A path as a relative URI reference: `/` separators, everything but unreserved
/// characters percent-encoded.
pub fn uri(path: &str) -> String {
    let mut o = String::new();
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            o.push(b as char);
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}

fn level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    }
}

fn location(e: &EvidenceOut, docs: &[Document], id: Option<usize>) -> Value {
    let d = docs.iter().find(|d| d.id.0 == e.document);
    let path = d.map_or(e.document.as_str(), |d| d.path.as_str());
    // For a document extracted from a page or feed, the region is in that file.
    let (start_line, start_col, end_line, end_col, start, end) = match &e.source {
        Some(s) => (s.line, s.column, s.end_line, s.end_column, s.start, s.end),
        None => {
            let (l2, c2) = d.map_or((e.span.line, e.span.column), |d| {
                d.lines.line_col(&d.text, e.span.end)
            });
            (e.span.line, e.span.column, l2, c2, e.span.start, e.span.end)
        }
    };
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri(path)},
            "region": {
                "startLine": start_line,
                "startColumn": start_col,
                "endLine": end_line,
                "endColumn": end_col,
                "byteOffset": start,
                "byteLength": end - start,
                "snippet": {"text": e.text},
            }
        }
    });
    if let Some(v) = &e.value {
        loc["message"] = json!({"text": v});
    }
    if let Some(i) = id {
        loc["id"] = json!(i);
    }
    loc
}

pub fn render(r: &Report, docs: &[Document], rules: &[Rule]) -> String {
    let rules_out: Vec<Value> = rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code(),
                "name": rule.name(),
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": format!("{} ({} check; message: {})", rule.summary, rule.check.name(), rule.message)},
                "help": {"text": rule.help.clone().unwrap_or_else(|| rule.summary.clone())},
                "defaultConfiguration": {"level": level(rule.severity.as_str())},
                "properties": {"claimgraph-id": rule.id},
            })
        })
        .collect();
    let results: Vec<Value> = r
        .findings
        .iter()
        .map(|f| {
            let code = f.rule.split('/').next().unwrap_or(&f.rule);
            let mut res = json!({
                "ruleId": code,
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": f.evidence.first().map(|e| vec![location(e, docs, None)]).unwrap_or_default(),
                "partialFingerprints": {"claimgraph/v1": f.fingerprint},
                "properties": {"claimgraph-id": f.id, "rule": f.rule},
            });
            if let Some(i) = rules.iter().position(|x| x.id == f.rule) {
                res["ruleIndex"] = json!(i);
            }
            let related: Vec<Value> = f
                .evidence
                .iter()
                .enumerate()
                .skip(1)
                .map(|(i, e)| location(e, docs, Some(i)))
                .collect();
            if !related.is_empty() {
                res["relatedLocations"] = json!(related);
            }
            res
        })
        .collect();
    let notifications: Vec<Value> = r
        .notices
        .iter()
        .map(|n| {
            json!({
                "level": "warning",
                "message": {"text": n.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&n.path)}}}],
            })
        })
        .collect();
    let mut run = json!({
        "tool": {"driver": {
            "name": "claimgraph",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules_out,
        }},
        "invocations": [{
            "executionSuccessful": true,
            "toolExecutionNotifications": notifications,
        }],
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(b) = &r.baseline {
        run["properties"] = json!({"baseline": b});
    }
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [run],
    });
    let mut s = serde_json::to_string_pretty(&log).expect("SARIF serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("a b/ü#1.txt"), "a%20b/%C3%BC%231.txt");
        assert_eq!(uri(r"dir\x.txt"), "dir/x.txt");
    }
}
