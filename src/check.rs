//! `check`: the whole pipeline on a loaded bundle, from claims to findings.

use crate::analysis::{self, Analysis};
use crate::events::{self, Ledger};
use crate::graph::{self, ClaimGraph};
use crate::ingest::Bundle;
use crate::rules::engine::{self, Context};
use crate::rules::{Finding, Rule};
use crate::timings::{Stage, Timings};
use std::time::Instant;

pub struct Outcome {
    pub bundle: Bundle,
    pub analysis: Analysis,
    pub ledger: Ledger,
    pub graph: ClaimGraph,
    pub findings: Vec<Finding>,
}

impl Outcome {
    /// Every notice of the check: the input's (files skipped or repaired), then the graph
    /// stage's (comparisons a bound cut), in that order.
    pub fn notices(&self) -> Vec<crate::ingest::Notice> {
        let mut out = self.bundle.notices.clone();
        out.extend(self.graph.skipped.iter().map(graph::Skipped::notice));
        out
    }
}

pub fn run(bundle: Bundle, rules: &[Rule]) -> Outcome {
    run_timed(bundle, rules, &mut Timings::default())
}

/// [`run`], recording the time of each stage in `t`.
/// The outcome's analysis holds the claims and the entities; each document's working
/// data is let go once the rules have run ([`Analysis::release_documents`]).
pub fn run_timed(mut bundle: Bundle, rules: &[Rule], t: &mut Timings) -> Outcome {
    // Inline `claimgraph:` suppression comments are not article text (src/suppress.rs).
    let originals = crate::suppress::mask(&mut bundle);
    let analysis = analysis::analyse_timed(&bundle, t);
    let clock = Instant::now();
    let ledger = events::build(&analysis.claims, &analysis.entities);
    t.record(Stage::Events, clock);
    let clock = Instant::now();
    let graph = graph::build(&analysis, &ledger, &bundle.documents);
    t.record(Stage::Graph, clock);
    let clock = Instant::now();
    let cx = Context::new(&bundle.documents, &analysis, &graph);
    // Rules are independent: evaluated in parallel, their findings taken in rule order.
    let per_rule: Vec<Vec<Finding>> = {
        use rayon::prelude::*;
        rules.par_iter().map(|r| engine::evaluate(r, &cx)).collect()
    };
    let mut findings: Vec<Finding> = per_rule.into_iter().flatten().collect();
    sort_findings(&mut findings);
    findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    drop(cx);
    // The rules were the last readers of each document's segments, times and mentions
    // and of the mention-to-entity map: the report reads the claims and the entities.
    // Freed here, they make room for the report (on a 16 MB bundle, 60 MB of them).
    let mut analysis = analysis;
    analysis.release_documents();
    t.record(Stage::Rules, clock);
    crate::suppress::unmask(&mut bundle, originals);
    Outcome {
        bundle,
        analysis,
        ledger,
        graph,
        findings,
    }
}

/// The report's order of findings: severity (errors first), rule, first evidence
/// (document, then offset), fingerprint.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| first_evidence(a).cmp(&first_evidence(b)))
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
}

fn first_evidence(f: &Finding) -> Option<(String, usize)> {
    f.evidence
        .first()
        .map(|e| (e.document.0.clone(), e.span.start))
}
