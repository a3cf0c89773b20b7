//! Inline suppressions: an editor who has checked a finding and accepts it writes, inside
//! the article, `<!-- claimgraph: ignore[CG301] reason="agency style, confirmed with desk" -->`.
//!
//! **Scope.** `ignore[...]` covers one paragraph (one line of the article: exports put one
//! paragraph per line): the paragraph the comment stands in or, when the comment is alone
//! on its line, the next non-blank paragraph below it, like a note pinned above a passage.
//! Editors vouch for a passage they have checked, not for a whole story that may be
//! rewritten later, so the narrow scope is the default. `ignore-document[...]` covers the
//! whole document, for the rarer case of a house-style choice that runs through a story.
//! A finding is suppressed when its rule matches and any of its evidence lies in the scope.
//!
//! **Rules.** A comma-separated list of codes (`CG301`), full ids (`CG301/quote-drift`) or
//! names (`quote-drift`), compared case-insensitively.
//!
//! **Reported, never silent.** A suppression without a `reason`, one that matched no
//! finding, and a `claimgraph:` comment that cannot be read each give a notice (standard
//! error and the report's `notices`), and every suppression is listed with what it hid in
//! the report's `suppressions`.
//!
//! The comments are not article text: [`mask`] blanks them (byte offsets kept) before the
//! claims are extracted, so the words of a reason never become a claim or a quote.

use crate::document::Document;
use crate::ingest::{Bundle, Notice};
use crate::rules::Finding;
use crate::span::{Location, Span};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--\s*claimgraph\s*:(.*?)-->").expect("valid regex"));
static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)^\s*ignore(-document)?\s*\[([^\]]*)\]\s*(?:reason\s*=\s*"([^"]*)"\s*)?$"#)
        .expect("valid regex")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    Paragraph,
    Document,
}

/// One `claimgraph:` comment and what it did: an entry of the report's `suppressions`.
#[derive(Debug, Clone, Serialize)]
pub struct Suppression {
    pub document: String,
    pub path: String,
    /// Where the comment is.
    pub span: Location,
    pub scope: Scope,
    /// The line of the paragraph covered (`null` for document scope or when no paragraph
    /// follows the comment).
    pub paragraph_line: Option<usize>,
    /// The rules as written.
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// The ids of the findings it hid.
    pub suppressed: Vec<String>,
    /// Why it is reported: `no reason given`, `matched no finding`, or `not understood`.
    pub problems: Vec<String>,
    #[serde(skip)]
    covers: Option<Span>,
}

impl Suppression {
    /// One line for people: `path:line:col: suppression of CG301 hid 1 finding (reason)`.
    pub fn describe(&self) -> String {
        let mut s = format!(
            "{}:{}:{}: suppression ignore{}[{}] hid {} finding{}",
            self.path,
            self.span.line,
            self.span.column,
            if self.scope == Scope::Document {
                "-document"
            } else {
                ""
            },
            self.rules.join(", "),
            self.suppressed.len(),
            if self.suppressed.len() == 1 { "" } else { "s" }
        );
        match &self.reason {
            Some(r) => s.push_str(&format!(" (reason: {r})")),
            None => s.push_str(" (no reason given)"),
        }
        for p in &self.problems {
            if p != "no reason given" {
                s.push_str(&format!("; {p}"));
            }
        }
        s
    }

    fn matches_rule(&self, rule: &str) -> bool {
        let code = rule.split('/').next().unwrap_or(rule);
        let name = rule.split_once('/').map(|(_, n)| n).unwrap_or(rule);
        self.rules.iter().any(|r| {
            r.eq_ignore_ascii_case(rule)
                || r.eq_ignore_ascii_case(code)
                || r.eq_ignore_ascii_case(name)
        })
    }
}

/// The `claimgraph:` comments of one document.
pub fn find(d: &Document) -> Vec<Suppression> {
    let text = &d.text;
    let mut out = Vec::new();
    for m in COMMENT.captures_iter(text) {
        let whole = m.get(0).expect("match");
        let span = Span::new(whole.start(), whole.end());
        let inner = m.get(1).map_or("", |g| g.as_str());
        let mut s = Suppression {
            document: d.id.0.clone(),
            path: d.path.clone(),
            span: d.locate(span),
            scope: Scope::Paragraph,
            paragraph_line: None,
            rules: Vec::new(),
            reason: None,
            suppressed: Vec::new(),
            problems: Vec::new(),
            covers: None,
        };
        match DIRECTIVE.captures(inner) {
            None => s.problems.push(
                "not understood (expected ignore[RULE] reason=\"...\" or ignore-document[RULE] reason=\"...\")"
                    .into(),
            ),
            Some(c) => {
                if c.get(1).is_some() {
                    s.scope = Scope::Document;
                }
                s.rules = c[2]
                    .split(',')
                    .map(|r| r.trim().to_string())
                    .filter(|r| !r.is_empty())
                    .collect();
                s.reason = c
                    .get(3)
                    .map(|r| r.as_str().trim().to_string())
                    .filter(|r| !r.is_empty());
                if s.rules.is_empty() {
                    s.problems.push("not understood (no rule between the brackets)".into());
                }
                if s.reason.is_none() {
                    s.problems.push("no reason given".into());
                }
                s.covers = match s.scope {
                    Scope::Document => Some(Span::new(0, text.len())),
                    Scope::Paragraph => paragraph_of(d, span),
                };
                if s.scope == Scope::Paragraph {
                    s.paragraph_line = s.covers.map(|p| d.locate(p).line);
                }
            }
        }
        out.push(s);
    }
    out
}

/// The paragraph (line) a comment covers: its own line if that holds other text, else the
/// next non-blank line.
fn paragraph_of(d: &Document, comment: Span) -> Option<Span> {
    let (first, _) = d.lines.line_col(&d.text, comment.start);
    let (last, _) = d.lines.line_col(&d.text, comment.end);
    let line = d.lines.line_span(&d.text, first);
    let end_line = d.lines.line_span(&d.text, last);
    let own = Span::new(line.start, end_line.end);
    let rest = format!(
        "{}{}",
        Span::between(&d.text, own.start, comment.start),
        Span::between(&d.text, comment.end, own.end)
    );
    if !rest.trim().is_empty() {
        return Some(own);
    }
    let mut n = last + 1;
    loop {
        let l = d.lines.line_span(&d.text, n);
        if l.start >= d.text.len() || l.start <= own.start {
            return None;
        }
        if !l.slice(&d.text).trim().is_empty() {
            return Some(l);
        }
        n += 1;
    }
}

/// Blank the `claimgraph:` comments of every document (each byte but line ends becomes a
/// space, so offsets and lines do not move), returning the original texts for [`unmask`].
pub fn mask(bundle: &mut Bundle) -> Vec<Option<String>> {
    bundle
        .documents
        .iter_mut()
        .map(|d| {
            if !COMMENT.is_match(&d.text) {
                return None;
            }
            let mut bytes = d.text.clone().into_bytes();
            for m in COMMENT.find_iter(&d.text) {
                for b in &mut bytes[m.start()..m.end()] {
                    if *b != b'\n' && *b != b'\r' {
                        *b = b' ';
                    }
                }
            }
            let masked = String::from_utf8(bytes).expect("ASCII spaces keep UTF-8 valid");
            Some(std::mem::replace(&mut d.text, masked))
        })
        .collect()
}

/// Put back the texts [`mask`] blanked.
pub fn unmask(bundle: &mut Bundle, originals: Vec<Option<String>>) {
    for (d, o) in bundle.documents.iter_mut().zip(originals) {
        if let Some(t) = o {
            d.text = t;
        }
    }
}

/// Apply the suppressions of every document to the findings: drop the findings they
/// cover, and return every suppression with what it hid and its problems, plus one notice
/// per problem.
pub fn apply(
    documents: &[Document],
    findings: &mut Vec<Finding>,
) -> (Vec<Suppression>, Vec<Notice>) {
    let mut sups: Vec<Suppression> = documents.iter().flat_map(find).collect();
    findings.retain(|f| {
        let mut hit = false;
        for s in sups.iter_mut() {
            let Some(cover) = s.covers else { continue };
            if !s.matches_rule(&f.rule) {
                continue;
            }
            let touches = f.evidence.iter().any(|e| {
                e.document.0 == s.document
                    && (cover.overlaps(e.span) || (e.span.is_empty() && cover.contains(e.span)))
            });
            if touches {
                s.suppressed.push(f.id.clone());
                hit = true;
            }
        }
        !hit
    });
    let mut notices = Vec::new();
    for s in &mut sups {
        if s.covers.is_some() && s.suppressed.is_empty() && !s.rules.is_empty() {
            s.problems.push("matched no finding".into());
        }
        for p in &s.problems {
            notices.push(Notice {
                path: s.path.clone(),
                message: if s.rules.is_empty() {
                    format!("line {}: claimgraph comment: {p}", s.span.line)
                } else {
                    format!(
                        "line {}: claimgraph suppression ignore[{}]: {p}",
                        s.span.line,
                        s.rules.join(", ")
                    )
                },
            });
        }
    }
    (sups, notices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocId;
    use crate::ingest::document_from_text;
    use crate::rules::{Evidence, Severity};

    /// A finding of `rule` with one piece of evidence: the first occurrence of `text` in
    /// document `doc`.
    fn finding(id: &str, rule: &str, doc: &Document, text: &str) -> Finding {
        let start = doc.text.find(text).expect("evidence text in the document");
        Finding {
            id: id.into(),
            rule: rule.into(),
            severity: Severity::Error,
            message: "sources disagree".into(),
            help: None,
            fingerprint: format!("{id:0>64}"),
            evidence: vec![Evidence {
                document: doc.id.clone(),
                claim: None,
                span: Span::new(start, start + text.len()),
                value: None,
            }],
        }
    }

    fn ids(findings: &[Finding]) -> Vec<&str> {
        findings.iter().map(|f| f.id.as_str()).collect()
    }

    const A: &str = "date 2030-04-02\n\
        <!-- claimgraph: ignore[CG401] reason=\"checked with the Harbourton desk\" -->\n\
        \n\
        The ferry from Veldra carried 40 passengers.\n\
        The mayor of Harbourton said 12 were hurt.\n";

    #[test]
    fn a_comment_alone_on_its_line_covers_the_next_paragraph_only() {
        let a = document_from_text("a", "a.txt", A.into());
        let b = document_from_text(
            "b",
            "b.txt",
            "The ferry from Veldra carried 40 passengers.\n".into(),
        );
        let mut findings = vec![
            finding("F1", "CG401/numeric-conflict", &a, "40 passengers"),
            finding("F2", "CG401/numeric-conflict", &a, "12 were hurt"),
            finding("F3", "CG401/numeric-conflict", &b, "40 passengers"),
            finding("F4", "CG301/quote-drift", &a, "40 passengers"),
        ];
        let (sups, notices) = apply(&[a, b], &mut findings);
        assert_eq!(ids(&findings), ["F2", "F3", "F4"]);
        assert_eq!(sups.len(), 1);
        let s = &sups[0];
        assert_eq!(s.scope, Scope::Paragraph);
        assert_eq!(s.paragraph_line, Some(4));
        assert_eq!(s.span.line, 2);
        assert_eq!(s.rules, ["CG401"]);
        assert_eq!(
            s.reason.as_deref(),
            Some("checked with the Harbourton desk")
        );
        assert_eq!(s.suppressed, ["F1"]);
        assert!(s.problems.is_empty());
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(
            s.describe(),
            "a.txt:2:1: suppression ignore[CG401] hid 1 finding (reason: checked with the Harbourton desk)"
        );
    }

    #[test]
    fn a_comment_inside_a_paragraph_covers_that_paragraph() {
        let a = document_from_text(
            "a",
            "a.txt",
            "Okafor spoke in Calloway. <!-- claimgraph: ignore[quote-drift] reason=\"style\" -->\n\
             Okafor left Calloway.\n"
                .into(),
        );
        let mut findings = vec![
            finding("F1", "CG301/quote-drift", &a, "spoke"),
            finding("F2", "CG301/quote-drift", &a, "left"),
        ];
        let (sups, _) = apply(&[a], &mut findings);
        assert_eq!(ids(&findings), ["F2"]);
        assert_eq!(sups[0].paragraph_line, Some(1));
    }

    #[test]
    fn rules_match_by_code_full_id_or_name_in_any_case() {
        for written in ["cg301", "CG301/Quote-Drift", "QUOTE-DRIFT", "CG999, CG301"] {
            let a = document_from_text(
                "a",
                "a.txt",
                format!(
                    "<!-- claimgraph: ignore-document[{written}] reason=\"ok\" -->\nOkafor spoke.\n"
                ),
            );
            let mut findings = vec![finding("F1", "CG301/quote-drift", &a, "spoke")];
            let (sups, _) = apply(&[a], &mut findings);
            assert!(findings.is_empty(), "{written} did not match");
            assert_eq!(sups[0].scope, Scope::Document);
            assert_eq!(sups[0].paragraph_line, None);
        }
        let a = document_from_text(
            "a",
            "a.txt",
            "<!-- claimgraph: ignore-document[CG30] reason=\"ok\" -->\nOkafor spoke.\n".into(),
        );
        let mut findings = vec![finding("F1", "CG301/quote-drift", &a, "spoke")];
        apply(&[a], &mut findings);
        assert_eq!(ids(&findings), ["F1"], "a code prefix is not the code");
    }

    #[test]
    fn problems_are_notices_and_stay_on_the_suppression() {
        let a = document_from_text(
            "a",
            "a.txt",
            "<!-- claimgraph: ignore[CG401] -->\nMarenland sent 3 ships.\n\
             <!-- claimgraph: ignore[CG501] reason=\"house style\" -->\nVeldra sent 4 ships.\n\
             <!-- claimgraph: please ignore -->\n"
                .into(),
        );
        let mut findings = vec![finding("F1", "CG401/numeric-conflict", &a, "3 ships")];
        let (sups, notices) = apply(&[a], &mut findings);
        assert!(findings.is_empty());
        assert_eq!(sups[0].problems, ["no reason given"]);
        assert_eq!(sups[0].suppressed, ["F1"]);
        assert!(
            sups[0]
                .describe()
                .ends_with("hid 1 finding (no reason given)")
        );
        assert_eq!(sups[1].problems, ["matched no finding"]);
        assert!(sups[2].problems[0].starts_with("not understood"));
        let messages: Vec<&str> = notices.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            messages[..2],
            [
                "line 1: claimgraph suppression ignore[CG401]: no reason given",
                "line 3: claimgraph suppression ignore[CG501]: matched no finding",
            ]
        );
        assert!(messages[2].starts_with("line 5: claimgraph comment: not understood"));
        assert!(notices.iter().all(|n| n.path == "a.txt"));
    }

    #[test]
    fn mask_blanks_comments_keeping_offsets_and_unmask_restores_them() {
        let mut bundle = Bundle::default();
        bundle
            .documents
            .push(document_from_text("a", "a.txt", A.into()));
        bundle.documents.push(document_from_text(
            "b",
            "b.txt",
            "Calloway is quiet.\n".into(),
        ));
        let originals = mask(&mut bundle);
        let masked = &bundle.documents[0].text;
        assert_eq!(masked.len(), A.len());
        assert!(!masked.contains("claimgraph") && !masked.contains("Harbourton desk"));
        assert_eq!(masked.lines().count(), A.lines().count());
        assert!(masked.ends_with("The mayor of Harbourton said 12 were hurt.\n"));
        assert!(
            originals[1].is_none(),
            "a document without comments is not copied"
        );
        unmask(&mut bundle, originals);
        assert_eq!(bundle.documents[0].text, A);
        assert_eq!(bundle.documents[0].id, DocId("a".into()));
    }
}
