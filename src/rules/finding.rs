//! Findings: one per inconsistency, with evidence from every document on each side and a
//! fingerprint that survives edits elsewhere in the articles (no line numbers in it).

use crate::claim::ClaimId;
use crate::document::DocId;
use crate::rules::model::Severity;
use crate::span::Span;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub document: DocId,
    pub claim: Option<ClaimId>,
    pub span: Span,
    /// The side of the disagreement this evidence stands on ("Levit", "2031-03-11").
    pub value: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub id: String,
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub evidence: Vec<Evidence>,
    /// SHA-256 (hex) of the rule id and the normalised evidence texts.
    pub fingerprint: String,
}

/// Whitespace-folded, lower-case text: what a fingerprint is made of.
pub fn normalise_for_fingerprint(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A stable fingerprint: SHA-256 over the rule id and the sorted evidence texts.
pub fn fingerprint(rule: &str, texts: &[String]) -> String {
    let mut t: Vec<String> = texts.iter().map(|s| normalise_for_fingerprint(s)).collect();
    t.sort();
    t.dedup();
    let mut h = Sha256::new();
    h.update(rule.as_bytes());
    for s in t {
        h.update([0u8]);
        h.update(s.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_order_case_and_spacing() {
        let a = fingerprint("CG1/x", &["Hello  World".into(), "b".into()]);
        let b = fingerprint("CG1/x", &["B".into(), "hello world".into()]);
        assert_eq!(a, b);
        assert_ne!(a, fingerprint("CG2/x", &["b".into(), "hello world".into()]));
        // A documented hash: the value never changes across Rust releases.
        assert_eq!(&fingerprint("r", &[])[..16], "454349e422f05297");
    }
}
