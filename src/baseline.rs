//! Baselines: accept the findings a bundle has today and report only new ones from then on.
//!
//! `check --write-baseline FILE` records every current finding by its stable fingerprint
//! (SHA-256 over the rule id and the normalised evidence texts, see
//! [`crate::rules::finding::fingerprint`]): no line numbers, so the baseline survives edits
//! elsewhere in the articles. `check --baseline FILE` hides the findings whose fingerprint is
//! in the file and lists the entries that no longer match anything (fixed, or reworded).
//!
//! The file is JSON, `{"schema": "claimgraph/baseline/v1", "findings": [...]}`. A file that
//! is not valid JSON, lacks the schema, or has a schema from a newer claimgraph is an error
//! (exit 2), never silently ignored: a CI run that cannot read its baseline must not pass
//! or fail for the wrong reason.
//!
//! Review decisions (`claimgraph serve`, docs/review.md) extend v1 backwards-compatibly:
//! an entry may carry an optional `decision` (confirmed, false positive or won't fix, with
//! a reason, a reviewer and a time). A file without decisions is byte for byte what it was;
//! every v1 file still reads. An entry without a decision, or dismissed as a false positive
//! or won't fix, hides its finding; a *confirmed* entry does not (the copy is to be fixed).
//! Matching stays by fingerprint, so a dismissed finding whose evidence changed has a new
//! fingerprint and is reported as new again, its old entry listed as stale.

use crate::error::{Error, Result};
use crate::rules::Finding;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

pub const SCHEMA: &str = "claimgraph/baseline/v1";
const PREFIX: &str = "claimgraph/baseline/v";
const VERSION: u32 = 1;

/// The baseline file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub schema: String,
    pub findings: Vec<Entry>,
}

/// One accepted finding. Only `fingerprint` is matched; the rest is there for people
/// reading the file and for the report of stale entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub message: String,
    /// The documents the evidence came from.
    pub documents: Vec<String>,
    /// A reviewer's decision on this finding (absent in files written by
    /// `--write-baseline`, and then not written at all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}

impl Entry {
    /// Does this entry hide its finding? Everything but a confirmed finding does.
    pub fn hides(&self) -> bool {
        !matches!(
            self.decision,
            Some(Decision {
                kind: DecisionKind::Confirmed,
                ..
            })
        )
    }
}

/// A reviewer's decision on one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub kind: DecisionKind,
    /// Why: required, as code-scanning tools require a dismissal reason.
    pub reason: String,
    /// Who decided.
    pub reviewer: String,
    /// When, RFC 3339 in UTC.
    pub at: String,
}

/// What the reviewer decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionKind {
    /// A real inconsistency, to be fixed: the finding stays reported.
    Confirmed,
    /// Not an inconsistency: hidden.
    FalsePositive,
    /// Worded so on purpose: hidden.
    WontFix,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 3] = [
        DecisionKind::Confirmed,
        DecisionKind::FalsePositive,
        DecisionKind::WontFix,
    ];

    /// As serialised: `confirmed`, `false-positive`, `wont-fix`.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Confirmed => "confirmed",
            DecisionKind::FalsePositive => "false-positive",
            DecisionKind::WontFix => "wont-fix",
        }
    }

    /// For people: `confirmed`, `false positive`, `won't fix`.
    pub fn label(self) -> &'static str {
        match self {
            DecisionKind::Confirmed => "confirmed",
            DecisionKind::FalsePositive => "false positive",
            DecisionKind::WontFix => "won't fix",
        }
    }

    pub fn parse(s: &str) -> Option<DecisionKind> {
        DecisionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What applying a baseline did: the `baseline` object of the JSON report.
#[derive(Debug, Clone, Serialize)]
pub struct BaselineOut {
    /// The baseline file as given.
    pub path: String,
    /// How many entries the file has.
    pub entries: usize,
    /// How many current findings it hid.
    pub hidden: usize,
    /// The ids of the hidden findings.
    pub hidden_findings: Vec<String>,
    /// Entries that match no current finding: fixed, or worded differently now.
    pub stale: Vec<Entry>,
}

impl BaselineOut {
    /// One line for people (stderr and the `full` report).
    pub fn describe(&self) -> String {
        let mut s = format!(
            "baseline {}: {} known finding{} hidden",
            self.path,
            self.hidden,
            if self.hidden == 1 { "" } else { "s" }
        );
        if !self.stale.is_empty() {
            s.push_str(&format!(
                "; {} entr{} no longer match{} (fixed or reworded: write the baseline again to drop {}): {}",
                self.stale.len(),
                if self.stale.len() == 1 { "y" } else { "ies" },
                if self.stale.len() == 1 { "es" } else { "" },
                if self.stale.len() == 1 { "it" } else { "them" },
                self.stale
                    .iter()
                    .map(|e| format!("{} {}", e.rule, &e.fingerprint[..10.min(e.fingerprint.len())]))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        s
    }
}

/// The baseline for these findings, entries in the findings' order.
pub fn from_findings(findings: &[Finding]) -> Baseline {
    Baseline {
        schema: SCHEMA.into(),
        findings: findings.iter().map(entry).collect(),
    }
}

/// The entry for one finding, without a decision.
pub fn entry(f: &Finding) -> Entry {
    let mut documents: Vec<String> = Vec::new();
    for e in &f.evidence {
        if !documents.contains(&e.document.0) {
            documents.push(e.document.0.clone());
        }
    }
    Entry {
        fingerprint: f.fingerprint.clone(),
        rule: f.rule.clone(),
        message: f.message.clone(),
        documents,
        decision: None,
    }
}

pub fn to_string(b: &Baseline) -> String {
    let mut s = serde_json::to_string_pretty(b).expect("baseline serialises");
    s.push('\n');
    s
}

/// Parse a baseline file's text. `path` is only for messages.
pub fn parse(path: &Path, text: &str) -> Result<Baseline> {
    let bad = |message: String| Error::BadInput {
        path: path.to_path_buf(),
        message,
    };
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        // serde_json ends its message with the position; the error states it once, in front.
        let full = e.to_string();
        let what = full
            .rsplit_once(" at line ")
            .map_or(full.as_str(), |(what, _)| what);
        crate::yaml::error_at(
            &path.display().to_string(),
            text,
            e.line().max(1),
            e.column().max(1),
            format!(
                "not a claimgraph baseline: invalid JSON: {what}; write it again with \
                 --write-baseline"
            ),
        )
    })?;
    let schema = v.get("schema").and_then(|s| s.as_str()).ok_or_else(|| {
        bad(format!(
            "not a claimgraph baseline: no \"schema\" field (expected \"{SCHEMA}\")"
        ))
    })?;
    match schema.strip_prefix(PREFIX).map(str::parse::<u32>) {
        Some(Ok(VERSION)) => {}
        Some(Ok(n)) if n > VERSION => {
            return Err(bad(format!(
                "baseline schema \"{schema}\" is newer than this claimgraph reads (\"{SCHEMA}\"): \
                 upgrade claimgraph, or write the baseline again with this version"
            )));
        }
        _ => {
            return Err(bad(format!(
                "not a claimgraph baseline: unknown schema \"{schema}\" (expected \"{SCHEMA}\")"
            )));
        }
    }
    let b: Baseline = serde_json::from_value(v).map_err(|e| {
        bad(format!(
            "corrupt baseline: {e}; write it again with --write-baseline"
        ))
    })?;
    for (i, e) in b.findings.iter().enumerate() {
        if e.fingerprint.len() != 64 || !e.fingerprint.bytes().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad(format!(
                "corrupt baseline: findings[{i}].fingerprint is not 64 hex digits"
            )));
        }
    }
    Ok(b)
}

/// Read and parse a baseline file.
pub fn read(path: &Path) -> Result<Baseline> {
    let text = std::fs::read_to_string(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound {
                path: path.to_path_buf(),
            }
        } else {
            Error::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    })?;
    parse(path, &text)
}

/// Carry the reviewers' decisions of `old` over to the entries of `new` with the same
/// fingerprint (`check --baseline F --write-baseline F` refreshes a file without losing
/// them). Entries of `old` whose finding is gone are not carried: they were stale.
pub fn keep_decisions(new: &mut Baseline, old: &Baseline) {
    let decided: HashMap<&str, &Decision> = old
        .findings
        .iter()
        .filter_map(|e| Some((e.fingerprint.as_str(), e.decision.as_ref()?)))
        .collect();
    for e in &mut new.findings {
        if let Some(d) = decided.get(e.fingerprint.as_str()) {
            e.decision = Some((*d).clone());
        }
    }
}

/// Drop the findings the baseline knows (but not those confirmed by a reviewer: they are
/// to be fixed); say what was hidden and which entries are stale.
pub fn apply(b: &Baseline, path: &str, findings: &mut Vec<Finding>) -> BaselineOut {
    let known: BTreeSet<&str> = b
        .findings
        .iter()
        .filter(|e| e.hides())
        .map(|e| e.fingerprint.as_str())
        .collect();
    let current: BTreeSet<String> = findings.iter().map(|f| f.fingerprint.clone()).collect();
    let mut hidden_findings = Vec::new();
    findings.retain(|f| {
        if known.contains(f.fingerprint.as_str()) {
            hidden_findings.push(f.id.clone());
            false
        } else {
            true
        }
    });
    let stale = b
        .findings
        .iter()
        .filter(|e| !current.contains(&e.fingerprint))
        .cloned()
        .collect();
    BaselineOut {
        path: path.to_string(),
        entries: b.findings.len(),
        hidden: hidden_findings.len(),
        hidden_findings,
        stale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_schema_and_garbage_are_errors() {
        let p = Path::new("b.json");
        let e = parse(p, r#"{"schema": "claimgraph/baseline/v2", "findings": []}"#).unwrap_err();
        assert!(e.to_string().contains("newer"), "{e}");
        let e = parse(p, "{\n  nope").unwrap_err();
        let first = e.to_string().lines().next().unwrap().to_string();
        assert!(first.starts_with("b.json:2:3: "), "{e}");
        assert!(first.contains("invalid JSON: key must be a string;"), "{e}");
        assert!(!first.contains("line 2"), "the position is said once: {e}");
        let e = parse(p, r#"{"findings": []}"#).unwrap_err();
        assert!(e.to_string().contains("no \"schema\""), "{e}");
        let e = parse(p, r#"{"schema": "claimgraph/baseline/v1", "findings": [{"fingerprint": "x", "rule": "r", "message": "m", "documents": []}]}"#).unwrap_err();
        assert!(e.to_string().contains("64 hex"), "{e}");
        assert!(parse(p, r#"{"schema": "claimgraph/baseline/v1", "findings": []}"#).is_ok());
    }

    fn finding(id: &str, rule: &str, docs: &[&str]) -> Finding {
        use crate::document::DocId;
        use crate::rules::{Evidence, Severity};
        Finding {
            id: id.into(),
            rule: rule.into(),
            severity: Severity::Error,
            message: format!("Harbourton and Veldra disagree ({id})"),
            help: None,
            fingerprint: crate::rules::finding::fingerprint(rule, &[id.to_string()]),
            evidence: docs
                .iter()
                .map(|d| Evidence {
                    document: DocId((*d).into()),
                    claim: None,
                    span: crate::span::Span::new(0, 1),
                    value: None,
                })
                .collect(),
        }
    }

    #[test]
    fn entries_keep_the_findings_order_and_name_each_document_once() {
        let b = from_findings(&[
            finding("F2", "CG401/numeric-conflict", &["b", "a", "b"]),
            finding("F1", "CG301/quote-drift", &["a"]),
        ]);
        assert_eq!(b.schema, SCHEMA);
        let rules: Vec<&str> = b.findings.iter().map(|e| e.rule.as_str()).collect();
        assert_eq!(rules, ["CG401/numeric-conflict", "CG301/quote-drift"]);
        assert_eq!(b.findings[0].documents, ["b", "a"]);
        assert_eq!(b.findings[0].message, "Harbourton and Veldra disagree (F2)");
        let again = parse(Path::new("b.json"), &to_string(&b)).unwrap();
        assert_eq!(again.findings, b.findings, "what is written reads back");
    }

    #[test]
    fn apply_hides_known_findings_and_lists_stale_entries() {
        let old = [
            finding("F1", "CG301/quote-drift", &["a"]),
            finding("F2", "CG401/numeric-conflict", &["a", "b"]),
        ];
        let b = from_findings(&old);
        let mut now = vec![
            finding("F3", "CG501/role-conflict", &["c"]),
            finding("F2", "CG401/numeric-conflict", &["a", "b"]),
        ];
        let out = apply(&b, "base.json", &mut now);
        let left: Vec<&str> = now.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(left, ["F3"], "only the new finding is left");
        assert_eq!(out.path, "base.json");
        assert_eq!(out.entries, 2);
        assert_eq!(out.hidden, 1);
        assert_eq!(out.hidden_findings, ["F2"]);
        assert_eq!(
            out.stale,
            [b.findings[0].clone()],
            "F1 is fixed or reworded"
        );
        let stale_fp = &b.findings[0].fingerprint[..10];
        assert_eq!(
            out.describe(),
            format!(
                "baseline base.json: 1 known finding hidden; 1 entry no longer matches \
                 (fixed or reworded: write the baseline again to drop it): CG301/quote-drift {stale_fp}"
            )
        );
    }

    #[test]
    fn an_empty_baseline_hides_nothing() {
        let b = from_findings(&[]);
        let mut now = vec![finding("F1", "CG301/quote-drift", &["a"])];
        let out = apply(&b, "b.json", &mut now);
        assert_eq!(now.len(), 1);
        assert_eq!((out.entries, out.hidden), (0, 0));
        assert!(out.stale.is_empty());
        assert_eq!(out.describe(), "baseline b.json: 0 known findings hidden");
    }

    fn decided(f: &Finding, kind: DecisionKind) -> Entry {
        Entry {
            decision: Some(Decision {
                kind,
                reason: "Calloway's count is of boats, not crews".into(),
                reviewer: "Okafor".into(),
                at: "2026-12-07T06:30:00Z".into(),
            }),
            ..entry(f)
        }
    }

    #[test]
    fn decisions_round_trip_and_files_without_them_are_unchanged() {
        let f = finding("F1", "CG401/numeric-conflict", &["a"]);
        let plain = to_string(&from_findings(std::slice::from_ref(&f)));
        assert!(!plain.contains("decision"), "{plain}");
        let b = Baseline {
            schema: SCHEMA.into(),
            findings: vec![decided(&f, DecisionKind::FalsePositive)],
        };
        let text = to_string(&b);
        assert!(text.contains("\"kind\": \"false-positive\""), "{text}");
        let again = parse(Path::new("b.json"), &text).unwrap();
        assert_eq!(again.findings, b.findings);
        // A v1 file written before decisions existed still reads, without decisions.
        let old = format!(
            r#"{{"schema": "claimgraph/baseline/v1", "findings": [{{"fingerprint": "{}", "rule": "r", "message": "m", "documents": ["a"]}}]}}"#,
            f.fingerprint
        );
        let old = parse(Path::new("b.json"), &old).unwrap();
        assert_eq!(old.findings[0].decision, None);
        let bad = text.replace("false-positive", "maybe");
        assert!(parse(Path::new("b.json"), &bad).is_err());
        for k in DecisionKind::ALL {
            assert_eq!(DecisionKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }

    #[test]
    fn rewriting_a_baseline_keeps_the_decisions_of_findings_still_there() {
        let f1 = finding("F1", "CG401/numeric-conflict", &["a"]);
        let f2 = finding("F2", "CG401/numeric-conflict", &["b"]);
        let gone = finding("F3", "CG301/quote-drift", &["c"]);
        let old = Baseline {
            schema: SCHEMA.into(),
            findings: vec![
                decided(&f1, DecisionKind::Confirmed),
                entry(&f2),
                decided(&gone, DecisionKind::WontFix),
            ],
        };
        let mut new = from_findings(&[f1.clone(), f2.clone()]);
        keep_decisions(&mut new, &old);
        assert_eq!(new.findings, old.findings[..2]);
        // Without decisions in the old file, the new one is what --write-baseline writes.
        let mut plain = from_findings(&[f1.clone(), f2.clone()]);
        keep_decisions(&mut plain, &from_findings(&[f1, f2]));
        assert!(plain.findings.iter().all(|e| e.decision.is_none()));
    }

    #[test]
    fn dismissed_findings_are_hidden_confirmed_ones_stay_and_changed_evidence_is_new() {
        let f1 = finding("F1", "CG401/numeric-conflict", &["a"]);
        let f2 = finding("F2", "CG401/numeric-conflict", &["b"]);
        let f3 = finding("F3", "CG301/quote-drift", &["c"]);
        let b = Baseline {
            schema: SCHEMA.into(),
            findings: vec![
                decided(&f1, DecisionKind::FalsePositive),
                decided(&f2, DecisionKind::Confirmed),
                decided(&f3, DecisionKind::WontFix),
            ],
        };
        // F3's evidence was reworded: same rule, another fingerprint.
        let mut f3_changed = f3.clone();
        f3_changed.fingerprint = crate::rules::finding::fingerprint(&f3.rule, &["F3 again".into()]);
        let mut now = vec![f1.clone(), f2.clone(), f3_changed];
        let out = apply(&b, "b.json", &mut now);
        let left: Vec<&str> = now.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            left,
            ["F2", "F3"],
            "confirmed stays; the reworded one is new"
        );
        assert_eq!(out.hidden_findings, ["F1"]);
        assert_eq!(out.stale.len(), 1);
        assert_eq!(out.stale[0].fingerprint, f3.fingerprint);
    }
}
