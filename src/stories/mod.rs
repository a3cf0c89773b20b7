//! `stories`: a mixed feed checked story by story (`check --by-story`), and split into
//! story bundles on disk (`cluster --out`, in [`write`]).
//!
//! The feed is clustered ([`crate::cluster`]); each story's documents become a bundle of
//! their own and get the whole check ([`crate::check`]), the stories side by side. Inline
//! suppressions, the baseline and the exit status then apply to the findings of every
//! story together, as they would to one check: a baseline entry is stale only if no story
//! found it.
//!
//! *It does not* cluster (that is `cluster`'s), render (the report layer merges the
//! stories' reports: `report::of_stories`) or print.

pub mod write;

use crate::baseline::{self, Baseline, BaselineOut};
use crate::check::{self, Outcome};
use crate::cluster::{self, Clustering};
use crate::document::Document;
use crate::ingest::{Bundle, Notice};
use crate::pipeline::{Plan, Status, decide};
use crate::rules::Finding;
use crate::suppress::{self, Suppression};
use crate::timings::Timings;
use std::time::{Duration, Instant};

/// One story's check. Its outcome's findings are moved to [`Checked::findings`].
pub struct StoryCheck {
    pub id: String,
    pub outcome: Outcome,
}

/// The result of [`check`]: the stories' checks and the findings of them all.
pub struct Checked {
    /// The whole feed, in path order (for the report's documents and source lines).
    pub documents: Vec<Document>,
    /// The feed's input notices.
    pub notices: Vec<Notice>,
    /// The stories, in id order.
    pub stories: Vec<StoryCheck>,
    /// Every story's findings left after the inline suppressions and the baseline, in the
    /// report's order, each with its story's index in `stories`.
    pub findings: Vec<(usize, Finding)>,
    pub suppressions: Vec<Suppression>,
    pub suppression_notices: Vec<Notice>,
    /// With `--write-baseline`: the findings after suppressions.
    pub accepted: Option<Baseline>,
    pub baseline: Option<BaselineOut>,
    pub status: Status,
    /// What the clustering did, and how long it took.
    pub clustering: cluster::Stats,
    pub cluster_time: Duration,
    pub report_clock: Instant,
}

/// The documents of one story as a bundle of their own (copies: the feed keeps its
/// documents for the report), with the feed's declared entities.
fn story_bundle(feed: &Bundle, docs: &[usize]) -> Bundle {
    Bundle {
        documents: docs.iter().map(|&d| feed.documents[d].clone()).collect(),
        notices: Vec::new(),
        entities: feed.entities.clone(),
        read: Vec::new(),
    }
}

/// Cluster the feed, check each story with the plan's rules, then apply the suppressions
/// and the baseline to all the findings and decide the status.
pub fn check(plan: &Plan, feed: Bundle, t: &mut Timings) -> Checked {
    use rayon::prelude::*;
    let clock = Instant::now();
    let clustering: Clustering = cluster::cluster(&feed.documents);
    let cluster_time = clock.elapsed();
    let rules = &plan.rules.rules;
    // Stories are checked side by side and collected in id order; their stage times
    // are summed.
    let checked: Vec<(StoryCheck, Timings)> = clustering
        .stories
        .par_iter()
        .map(|s| {
            let mut st = Timings::default();
            let outcome = check::run_timed(story_bundle(&feed, &s.documents), rules, &mut st);
            (
                StoryCheck {
                    id: s.id.clone(),
                    outcome,
                },
                st,
            )
        })
        .collect();
    let mut stories = Vec::with_capacity(checked.len());
    for (s, st) in checked {
        t.add(&st);
        stories.push(s);
    }
    let report_clock = Instant::now();

    let mut all: Vec<Finding> = stories
        .iter_mut()
        .flat_map(|s| std::mem::take(&mut s.outcome.findings))
        .collect();
    check::sort_findings(&mut all);
    let (suppressions, suppression_notices) = suppress::apply(&feed.documents, &mut all);
    let r = &plan.request;
    let accepted = r
        .write_baseline
        .as_ref()
        .map(|_| baseline::from_findings(&all));
    let applied = match (&plan.known, &r.baseline) {
        (Some(k), Some(p)) => Some(baseline::apply(k, &p.display().to_string(), &mut all)),
        _ => None,
    };
    let status = decide(&all, r.fail_on, r.exit_zero || r.write_baseline.is_some());

    // A finding belongs to the story of its documents (a story's check sees only its own).
    let of = clustering.story_of(feed.documents.len());
    let index: foldhash::HashMap<&str, usize> = feed
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.0.as_str(), of[i]))
        .collect();
    let findings = all
        .into_iter()
        .map(|f| {
            let story = f
                .evidence
                .first()
                .and_then(|e| index.get(e.document.0.as_str()).copied())
                .unwrap_or(0);
            (story, f)
        })
        .collect();
    Checked {
        documents: feed.documents,
        notices: feed.notices,
        stories,
        findings,
        suppressions,
        suppression_notices,
        accepted,
        baseline: applied,
        status,
        clustering: clustering.stats,
        cluster_time,
        report_clock,
    }
}
