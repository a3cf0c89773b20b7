//! Findings read back from JSON Lines (`claimgraph report FILE`): the lines `check --format
//! jsonl` and a Spark job write (one finding a line) or `reduce` writes (`{"finding": …}`,
//! `{"event": …}`, `{"notice": …}`), turned into a report that every format renders.
//!
//! The articles are not there, only each evidence's text: a report format that shows the
//! text around the evidence gets, per document, its evidence texts one after another.

use crate::document::{DocId, Document};
use crate::ingest::Notice;
use crate::report::json::{EventOut, FindingOut, Report, SCHEMA, Summary};
use crate::span::LineIndex;
use std::collections::BTreeSet;

/// A finding as written: [`FindingOut`] but for its severity, which is read as a name
/// (the report's type holds a `&'static str`).
#[derive(serde::Deserialize)]
struct FindingIn {
    id: String,
    rule: String,
    severity: String,
    message: String,
    help: Option<String>,
    fingerprint: String,
    evidence: Vec<crate::report::json::EvidenceOut>,
    #[serde(default)]
    story: Option<String>,
}

impl FindingIn {
    fn finding(self) -> Result<FindingOut, String> {
        use crate::rules::Severity;
        let severity = [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .map(|v| v.as_str())
            .find(|n| *n == self.severity)
            .ok_or_else(|| format!("unknown severity `{}`", self.severity))?;
        Ok(FindingOut {
            id: self.id,
            rule: self.rule,
            severity,
            message: self.message,
            help: self.help,
            fingerprint: self.fingerprint,
            evidence: self.evidence,
            story: self.story,
        })
    }
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum Wrapped {
    Finding(FindingIn),
    Event(EventOut),
    Notice(Notice),
}

/// What the lines held; a line that is neither is a notice with its number.
#[derive(Debug, Default)]
pub struct ReadBack {
    pub findings: Vec<FindingOut>,
    pub events: Vec<EventOut>,
    pub notices: Vec<Notice>,
}

pub fn read(src: &str, path: &str) -> ReadBack {
    let mut out = ReadBack::default();
    for (i, line) in src.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let finding = match serde_json::from_str::<Wrapped>(line) {
            Ok(Wrapped::Event(e)) => {
                out.events.push(e);
                continue;
            }
            Ok(Wrapped::Notice(n)) => {
                out.notices.push(n);
                continue;
            }
            Ok(Wrapped::Finding(f)) => f.finding(),
            // A bare finding (`check --format jsonl`, the Spark job's findings).
            Err(_) => serde_json::from_str::<FindingIn>(line)
                .map_err(|e| e.to_string())
                .and_then(FindingIn::finding),
        };
        match finding {
            Ok(f) => out.findings.push(f),
            Err(e) => out.notices.push(Notice {
                path: path.to_string(),
                message: format!(
                    "line {}: not a finding, an event or a notice ({e}): skipped",
                    i + 1
                ),
            }),
        }
    }
    out
}

fn rank(severity: &str) -> u8 {
    match severity {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    }
}

/// The report of what was read (findings in the report's order), and stand-in documents
/// made of the evidence texts, whose spans are moved to point into them.
pub fn report(mut back: ReadBack) -> (Report<'static>, Vec<Document>) {
    back.findings.sort_by(|a, b| {
        let first = |f: &FindingOut| {
            f.evidence
                .first()
                .map(|e| (e.document.clone(), e.span.start))
        };
        (rank(a.severity), &a.rule, first(a), &a.fingerprint).cmp(&(
            rank(b.severity),
            &b.rule,
            first(b),
            &b.fingerprint,
        ))
    });
    let mut texts: std::collections::BTreeMap<String, String> = Default::default();
    for f in &mut back.findings {
        for e in &mut f.evidence {
            let t = texts.entry(e.document.clone()).or_default();
            if !t.is_empty() {
                t.push_str("\n\n");
            }
            e.span.start = t.len();
            t.push_str(&e.text);
            e.span.end = t.len();
        }
    }
    let mut ids: BTreeSet<String> = texts.keys().cloned().collect();
    for e in &back.events {
        ids.extend(e.documents.iter().cloned());
    }
    let documents: Vec<Document> = ids
        .iter()
        .map(|id| {
            let text = texts.remove(id).unwrap_or_default();
            Document {
                id: DocId(id.clone()),
                path: id.clone(),
                lines: LineIndex::new(&text),
                text,
                published: None,
                published_source: None,
                timezone: None,
                outlet: None,
                url: None,
                dateline: None,
                body_start: 0,
                lossy: false,
                origin: None,
            }
        })
        .collect();
    let stories: BTreeSet<&str> = back
        .findings
        .iter()
        .filter_map(|f| f.story.as_deref())
        .chain(back.events.iter().filter_map(|e| e.story.as_deref()))
        .collect();
    let mut summary = Summary {
        documents: documents.len(),
        events: back.events.len(),
        stories: (!stories.is_empty()).then_some(stories.len()),
        ..Default::default()
    };
    for f in &back.findings {
        match f.severity {
            "error" => summary.errors += 1,
            "warning" => summary.warnings += 1,
            _ => summary.infos += 1,
        }
    }
    let report = Report {
        schema: SCHEMA,
        documents: documents
            .iter()
            .map(crate::report::json::document_out)
            .collect(),
        claims: crate::report::json::ClaimsOut::default(),
        events: back.events,
        findings: back.findings,
        notices: back.notices,
        baseline: None,
        suppressions: Vec::new(),
        stories: None,
        summary,
    };
    (report, documents)
}
