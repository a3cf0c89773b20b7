//! Issue 12, "nothing lost": a finding about two reports survives any number of
//! agreeing rewrites and unrelated articles added to their bundle, and a comparison that
//! a bound cuts is a notice, never silence. All text here is fictional.

mod common;

use claimgraph::graph::{self, Aspect, Bound, Bounds, Node, Relation};
use common::{check, json, os, temp_dir};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const CRANE: &str = "when a crane collapsed at the Tarrow ferry terminal on Tuesday.";
const QUOTE_A: &str = "We will reopen the terminal once every berth has been inspected by our own engineers and the crane has been removed.";
const QUOTE_B: &str = "We will reopen the terminal when each berth has been checked by engineers and the wreck of the crane is gone.";

fn report(outlet: &str, injured: u32, quote: &str) -> String {
    format!(
        "date 2031-05-06\nHarbourton, May 6 ({outlet}) Police said {injured} people were injured \
         {CRANE}\nHarbour Master Ilse Varnholt said: \"{quote}\"\n"
    )
}

/// Another story: other people, places, figures and verbs.
fn unrelated(i: usize) -> String {
    let names = [
        "Odile Brandvik",
        "Pavo Lindqvar",
        "Seren Maltby",
        "Tomas Ekwall",
    ];
    let name = names[i % names.len()];
    format!(
        "date 2031-05-06\nElmbrook, May 6 (Valley Courier {i}) Volunteers sorted 240 books at the \
         Elmbrook library on Saturday.\nLibrarian {name} said: \"The new reading room opens to \
         every school in the valley next month, and the shelves are nearly full already.\"\n"
    )
}

/// The two reports, `n` wire rewrites agreeing with the first, and `n` unrelated articles.
fn bundle(n: usize) -> common::TempDir {
    let dir = temp_dir(&format!("nothing-lost-{n}"));
    dir.write("a-report.txt", report("Coastal Wire", 11, QUOTE_A));
    dir.write("b-report.txt", report("Gull Post", 15, QUOTE_B));
    for i in 0..n {
        dir.write(
            &format!("c-rewrite-{i:04}.txt"),
            report(&format!("Wire {i}"), 11, QUOTE_A),
        );
        dir.write(&format!("d-other-{i:04}.txt"), unrelated(i));
    }
    dir
}

fn findings_of<'a>(v: &'a Value, rule: &str) -> Vec<&'a Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with(rule))
        .collect()
}

fn documents_of(f: &Value) -> BTreeSet<String> {
    f["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["document"].as_str().unwrap().to_string())
        .collect()
}

/// The count conflict (11 against 15 injured) and the quote drift between the two
/// reports are found with 0, 5, 40 and 200 agreeing rewrites and as many unrelated
/// articles beside them (the story-entity filter lost both past 32 documents).
#[test]
fn a_finding_survives_agreeing_and_unrelated_documents() {
    for n in [0, 5, 40, 200] {
        let dir = bundle(n);
        let r = check(&[
            dir.path().as_os_str(),
            os("--format"),
            os("json"),
            os("--exit-zero"),
        ]);
        assert_eq!(r.code, 0, "{}", r.describe());
        let v = json(&r.stdout);
        assert_eq!(v["documents"].as_array().unwrap().len(), 2 + 2 * n);
        for rule in ["CG401", "CG301"] {
            let found = findings_of(&v, rule);
            assert!(
                found.iter().any(|f| {
                    let d = documents_of(f);
                    d.contains("a-report") && d.contains("b-report")
                }),
                "{rule} lost with {n} extra documents of each kind: {}",
                v["findings"]
            );
        }
        // Nothing was cut to get there.
        assert!(!r.stderr.contains(graph::NOTICE_PATH), "{n}: {}", r.stderr);
    }
}

/// Contradiction groups of one aspect, as sets of claim ids.
fn groups(
    an: &claimgraph::analysis::Analysis,
    g: &graph::ClaimGraph,
    aspect: Aspect,
) -> BTreeSet<BTreeSet<String>> {
    let mut parent: BTreeMap<usize, usize> = BTreeMap::new();
    fn find(p: &mut BTreeMap<usize, usize>, x: usize) -> usize {
        let up = *p.entry(x).or_insert(x);
        if up == x {
            return x;
        }
        let r = find(p, up);
        p.insert(x, r);
        r
    }
    for (a, b, _) in g.edges(Relation::Contradicts, aspect) {
        if let (Node::Claim(a), Node::Claim(b)) = (a, b) {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            parent.insert(ra.max(rb), ra.min(rb));
        }
    }
    let mut by_root: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    let nodes: Vec<usize> = parent.keys().copied().collect();
    for x in nodes {
        let r = find(&mut parent, x);
        by_root
            .entry(r)
            .or_default()
            .insert(an.claims[x].id.0.clone());
    }
    by_root.into_values().collect()
}

/// A block over its bound is split into signatures (figures and wordings written alike):
/// the contradiction groups are the same as when every pair is compared. A bound too
/// small even for the signatures cuts, and the cut is recorded, named, for the notices.
#[test]
fn a_block_over_its_bound_finds_the_same_groups_or_says_what_it_cut() {
    let dir = bundle(12);
    let b = claimgraph::ingest::load(&[dir.path().to_path_buf()], &Default::default()).unwrap();
    let an = claimgraph::analysis::analyse(&b);
    let ledger = claimgraph::events::build(&an.claims, &an.entities);
    let every_pair = graph::build(&an, &ledger, &b.documents);
    assert!(every_pair.skipped.is_empty());
    // Offices are not split into signatures: left unbounded here.
    let small = |n| Bounds {
        counts: Bound { max_comparisons: n },
        offices: Bound {
            max_comparisons: u64::MAX,
        },
        quotes: Bound { max_comparisons: n },
    };
    // 14 reports of the count: 91 pairs, 2 signatures (11 and 15 injured).
    let split = graph::build_with(&an, &ledger, &b.documents, &small(10));
    assert!(split.skipped.is_empty(), "{:?}", split.skipped);
    for aspect in [Aspect::Count, Aspect::QuoteWording, Aspect::Descriptor] {
        let (all, signatures) = (
            groups(&an, &every_pair, aspect),
            groups(&an, &split, aspect),
        );
        assert_eq!(all, signatures, "{aspect:?}");
    }
    assert!(!groups(&an, &split, Aspect::Count).is_empty());
    assert!(!groups(&an, &split, Aspect::QuoteWording).is_empty());
    // A bound of one comparison: the count block (every count of the story's time,
    // compared when their sentences share context) makes one comparison of signatures
    // and skips the rest, and says so.
    let cut = graph::build_with(&an, &ledger, &b.documents, &small(1));
    let count = cut
        .skipped
        .iter()
        .find(|s| s.aspect == "count")
        .unwrap_or_else(|| panic!("{:?}", cut.skipped));
    assert_eq!(count.compared, 1, "{count:?}");
    assert!(count.skipped >= 1, "{count:?}");
    assert!(count.block.contains("count"), "{}", count.block);
    let notice = count.notice();
    assert_eq!(notice.path, graph::NOTICE_PATH);
    assert!(
        notice
            .message
            .contains(&format!("{} skipped", count.skipped)),
        "{}",
        notice.message
    );
}
