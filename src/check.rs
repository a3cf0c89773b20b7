//! `check`: the whole pipeline on a loaded bundle, from claims to findings.

use crate::analysis::{self, Analysis};
use crate::events::{self, Ledger};
use crate::graph::{self, ClaimGraph};
use crate::ingest::Bundle;
use crate::rules::engine::{self, Context};
use crate::rules::{Finding, Rule};

pub struct Outcome {
    pub bundle: Bundle,
    pub analysis: Analysis,
    pub ledger: Ledger,
    pub graph: ClaimGraph,
    pub findings: Vec<Finding>,
}

pub fn run(mut bundle: Bundle, rules: &[Rule]) -> Outcome {
    // Inline `claimgraph:` suppression comments are not article text (src/suppress.rs).
    let originals = crate::suppress::mask(&mut bundle);
    let analysis = analysis::analyse(&bundle);
    let ledger = events::build(&analysis.claims, &analysis.entities);
    let graph = graph::build(&analysis, &ledger, &bundle.documents);
    let cx = Context {
        documents: &bundle.documents,
        analysis: &analysis,
        graph: &graph,
    };
    let mut findings: Vec<Finding> = rules
        .iter()
        .flat_map(|r| engine::evaluate(r, &cx))
        .collect();
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| first_evidence(a).cmp(&first_evidence(b)))
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
    findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    crate::suppress::unmask(&mut bundle, originals);
    Outcome {
        bundle,
        analysis,
        ledger,
        graph,
        findings,
    }
}

fn first_evidence(f: &Finding) -> Option<(String, usize)> {
    f.evidence
        .first()
        .map(|e| (e.document.0.clone(), e.span.start))
}
