//! `rules test`: run each rule's examples through the whole pipeline with that rule alone,
//! in the spirit of semgrep's `ruleid:`/`ok:` tests.

use crate::ingest::{Bundle, document_from_text};
use crate::rules::model::{Expect, Rule};

pub struct ExampleResult {
    pub rule: String,
    pub index: usize,
    pub expect: &'static str,
    pub ok: bool,
    pub detail: String,
    /// Each finding of the example: its message, then one line per piece of evidence
    /// (`document:line:column value "text"`), for snapshots of what a rule reports.
    pub findings: Vec<String>,
}

pub fn run_examples(rules: &[Rule]) -> Vec<ExampleResult> {
    let mut out = Vec::new();
    for rule in rules {
        for (i, ex) in rule.examples.iter().enumerate() {
            let mut bundle = Bundle::default();
            for (name, text) in &ex.articles {
                let id = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
                bundle
                    .documents
                    .push(document_from_text(id, name, text.clone()));
            }
            crate::ingest::finish_bundle(&mut bundle);
            let outcome = crate::check::run(bundle, std::slice::from_ref(rule));
            let fired = !outcome.findings.is_empty();
            let findings = outcome
                .findings
                .iter()
                .map(|f| describe(f, &outcome.bundle.documents))
                .collect();
            let ok = match ex.expect {
                Expect::Fail => fired,
                Expect::Pass => !fired,
            };
            let detail = if fired {
                outcome
                    .findings
                    .iter()
                    .map(|f| f.message.clone())
                    .collect::<Vec<_>>()
                    .join(" | ")
            } else {
                "no finding".into()
            };
            out.push(ExampleResult {
                rule: rule.id.clone(),
                index: i,
                expect: match ex.expect {
                    Expect::Fail => "fail",
                    Expect::Pass => "pass",
                },
                ok,
                detail,
                findings,
            });
        }
    }
    out
}

/// A finding in a few lines: `[severity] message`, then its evidence.
fn describe(f: &crate::rules::Finding, documents: &[crate::document::Document]) -> String {
    let mut out = format!("[{}] {}", f.severity.as_str(), f.message);
    for e in &f.evidence {
        let doc = documents.iter().find(|d| d.id == e.document);
        let (loc, text) = match doc {
            Some(d) => {
                let l = d.lines.locate(&d.text, e.span);
                (
                    format!("{}:{}", l.line, l.column),
                    e.span.slice(&d.text).to_string(),
                )
            }
            None => ("?".into(), String::new()),
        };
        let value = e
            .value
            .as_deref()
            .map(|v| format!(" ({v})"))
            .unwrap_or_default();
        out.push_str(&format!("\n  {}:{loc}{value} {text:?}", e.document.0));
    }
    out
}
