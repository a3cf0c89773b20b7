//! A mixed feed split into stories (issue 16): the clustering's quality on labelled feeds
//! (B-cubed, as docs/clustering.md reports it), its independence of input order and
//! thread count, `cluster --out`, and `check --by-story`'s report.

mod common;

use claimgraph::cluster::{self, Clustering};
use claimgraph::document::Document;
use claimgraph::ingest::{self, IngestOptions};
use common::{json, root, run, snapshot_settings, temp_dir};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The fictional mixed feed: five invented stories in one folder, the true story the
/// part of each file name before the first `_` (two shootings in one city on one day,
/// two quakes a week apart, a council vote in the same city).
const FEED: &str = "tests/fixtures/feed";

fn load(paths: &[PathBuf]) -> Vec<Document> {
    ingest::load(paths, &IngestOptions::default())
        .expect("the feed reads")
        .documents
}

/// A document's true story: its file-name prefix in the fictional feed, else its folder.
fn truth(d: &Document) -> String {
    let p = Path::new(&d.path);
    let folder = p.parent().unwrap().display().to_string();
    if folder.ends_with(FEED) {
        let name = p.file_name().unwrap().to_string_lossy();
        format!("feed/{}", name.split('_').next().unwrap())
    } else {
        folder
    }
}

/// B-cubed precision, recall and F1 of `found` (a story per document) against `gold`.
fn b_cubed(found: &[usize], gold: &[String]) -> (f64, f64, f64) {
    let n = found.len() as f64;
    let mut both: BTreeMap<(usize, &str), f64> = BTreeMap::new();
    let mut f_size: BTreeMap<usize, f64> = BTreeMap::new();
    let mut g_size: BTreeMap<&str, f64> = BTreeMap::new();
    for (f, g) in found.iter().zip(gold) {
        *both.entry((*f, g)).or_default() += 1.0;
        *f_size.entry(*f).or_default() += 1.0;
        *g_size.entry(g).or_default() += 1.0;
    }
    let p = both
        .iter()
        .map(|((f, _), c)| c * c / f_size[f])
        .sum::<f64>()
        / n;
    let r = both
        .iter()
        .map(|((_, g), c)| c * c / g_size[g])
        .sum::<f64>()
        / n;
    (p, r, 2.0 * p * r / (p + r))
}

fn score(docs: &[Document], c: &Clustering) -> (f64, f64, f64) {
    let gold: Vec<String> = docs.iter().map(truth).collect();
    b_cubed(&c.story_of(docs.len()), &gold)
}

/// The stories as sets of document ids, with their story ids.
fn as_sets(docs: &[Document], c: &Clustering) -> BTreeMap<String, BTreeSet<String>> {
    c.stories
        .iter()
        .map(|s| {
            let ids = s.documents.iter().map(|&d| docs[d].id.0.clone()).collect();
            (s.id.clone(), ids)
        })
        .collect()
}

#[test]
fn the_fictional_feed_splits_into_its_stories() {
    let docs = load(&[root().join(FEED)]);
    let c = cluster::cluster(&docs);
    let found: BTreeSet<BTreeSet<String>> = as_sets(&docs, &c).into_values().collect();
    let mut want: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in &docs {
        want.entry(truth(d)).or_default().insert(d.id.0.clone());
    }
    let want: BTreeSet<BTreeSet<String>> = want.into_values().collect();
    assert_eq!(found, want, "{:?}", c.stories);
    // Ids: the earliest date, then distinctive words.
    let ids: Vec<&str> = c.stories.iter().map(|s| s.id.as_str()).collect();
    assert!(ids.contains(&"2031-06-03-tolvik-esker-hills"), "{ids:?}");
    assert!(ids.iter().all(|i| i.starts_with("2031-06-")), "{ids:?}");
    // Blocking compared far fewer pairs than all of them.
    assert!(c.stats.candidates < docs.len() * (docs.len() - 1) / 2);
}

/// A small deterministic permutation (no rand dependency): Fisher-Yates with an LCG.
fn shuffle<T>(v: &mut [T], seed: u64) {
    let mut s = seed;
    for i in (1..v.len()).rev() {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        v.swap(i, (s >> 33) as usize % (i + 1));
    }
}

#[test]
fn shuffled_input_gives_the_same_stories() {
    // The fictional stories pooled with the feed: 46 documents, 14 stories.
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/stories"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.push(root().join(FEED));
    paths.push(root().join(common::EXAMPLE));
    let docs = load(&paths);
    let want = as_sets(&docs, &cluster::cluster(&docs));
    assert!(want.len() > 10, "{want:?}");
    for seed in 1..=5 {
        let mut shuffled = docs.clone();
        shuffle(&mut shuffled, seed);
        assert_ne!(
            shuffled.iter().map(|d| &d.id).collect::<Vec<_>>(),
            docs.iter().map(|d| &d.id).collect::<Vec<_>>()
        );
        let got = as_sets(&shuffled, &cluster::cluster(&shuffled));
        assert_eq!(got, want, "seed {seed}");
    }
}

#[test]
fn the_pooled_fictional_stories_are_told_apart() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/stories"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.push(root().join(FEED));
    paths.push(root().join(common::EXAMPLE));
    let docs = load(&paths);
    let c = cluster::cluster(&docs);
    let (p, r, f) = score(&docs, &c);
    // Measured 1.00 / 1.00 (docs/clustering.md).
    assert!(
        p >= 0.99 && r >= 0.95 && f >= 0.97,
        "B-cubed P {p:.3} R {r:.3} F1 {f:.3}"
    );
}

/// Every bundle of the shared corpus is one story: pooled, they make a labelled feed.
#[test]
#[cfg_attr(not(shared_corpus), ignore = "../shared/corpus is absent")]
fn the_pooled_public_corpus_meets_the_quality_floor() {
    let dir = root().join(common::corpus_bundle(""));
    let mut bundles: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    bundles.sort();
    assert!(bundles.len() >= 10, "{bundles:?}");
    let docs = load(&bundles);
    let c = cluster::cluster(&docs);
    let (p, r, f) = score(&docs, &c);
    // Measured P 1.000, R 0.970, F1 0.985 (20 stories, 88 documents); the issue's
    // target is F1 >= 0.95.
    assert!(
        p >= 0.98 && f >= 0.95,
        "B-cubed P {p:.3} R {r:.3} F1 {f:.3}"
    );
}

/// The same pooled corpus with every publication date set to one day (a copy in a
/// temporary folder): time no longer separates the stories, their words and names must.
#[test]
#[cfg_attr(not(shared_corpus), ignore = "../shared/corpus is absent")]
fn the_pooled_public_corpus_comes_apart_on_one_day_too() {
    let dir = root().join(common::corpus_bundle(""));
    let t = temp_dir("one-day");
    for b in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
        if !b.is_dir() {
            continue;
        }
        let name = b.file_name().unwrap().to_string_lossy().into_owned();
        for f in std::fs::read_dir(&b).unwrap().map(|e| e.unwrap().path()) {
            if f.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&f).unwrap();
            let body = match text.strip_prefix("date ") {
                Some(rest) => rest.split_once('\n').map_or("", |(_, b)| b),
                None => &text,
            };
            let file = f.file_name().unwrap().to_string_lossy().into_owned();
            t.write(
                &format!("{name}/{file}"),
                format!("date 2031-03-14\n{body}"),
            );
        }
    }
    let docs = load(&[t.path().to_path_buf()]);
    assert!(
        docs.iter()
            .all(|d| d.published.is_some_and(|p| p.to_string() == "2031-03-14"))
    );
    let (p, r, f) = score(&docs, &cluster::cluster(&docs));
    // Measured 1.00 / 1.00 / 1.00.
    assert!(
        p >= 0.98 && f >= 0.95,
        "B-cubed P {p:.3} R {r:.3} F1 {f:.3}"
    );
}

#[test]
fn cluster_and_by_story_output_is_the_same_at_one_and_two_threads() {
    let out = |threads: &str, args: &[&str]| {
        let o = common::cmd()
            .env("RAYON_NUM_THREADS", threads)
            .args(args)
            .args([FEED, "tests/fixtures/stories"])
            .output()
            .unwrap();
        assert!(o.status.code().is_some_and(|c| c < 2), "{o:?}");
        o.stdout
    };
    for args in [
        &["cluster", "--format", "json"][..],
        &["check", "--by-story", "--format", "json"][..],
    ] {
        assert_eq!(out("1", args), out("2", args), "{args:?}");
    }
}

#[test]
fn cluster_out_writes_story_bundles_that_read_back() {
    let t = temp_dir("cluster-out");
    let dir = t.join("stories");
    let r = run(&[
        "cluster".as_ref(),
        FEED.as_ref(),
        "--out".as_ref(),
        dir.as_os_str(),
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(
        r.stderr.contains("12 documents in 5 stories"),
        "{}",
        r.describe()
    );
    let map = json(&std::fs::read_to_string(dir.join("stories.json")).unwrap());
    assert_eq!(map["schema"], "claimgraph/stories/v1");
    let stories = map["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 5);
    for s in stories {
        let folder = dir.join(s["id"].as_str().unwrap());
        let files: BTreeSet<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        for d in s["documents"].as_array().unwrap() {
            let file = d["file"].as_str().unwrap();
            let copy = std::fs::read_to_string(dir.join(file)).unwrap();
            let original = std::fs::read_to_string(root().join(d["path"].as_str().unwrap()));
            assert_eq!(copy, original.unwrap(), "{file}");
            assert!(files.contains(file.rsplit('/').next().unwrap()));
        }
        // A story folder is a bundle: it checks on its own.
        let c = run(&[
            "check".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            folder.as_os_str(),
        ]);
        assert!(c.code == 0 || c.code == 1, "{}", c.describe());
        assert_eq!(
            json(&c.stdout)["summary"]["documents"].as_u64().unwrap() as usize,
            s["documents"].as_array().unwrap().len()
        );
    }
    // Nothing is overwritten: the folder is not empty now.
    let again = run(&[
        "cluster".as_ref(),
        FEED.as_ref(),
        "--out".as_ref(),
        dir.as_os_str(),
    ]);
    assert_eq!(again.code, 2, "{}", again.describe());
    assert!(again.stderr.contains("not empty"), "{}", again.describe());
}

#[test]
fn by_story_findings_carry_their_story_and_stay_inside_it() {
    let r = run(&["check", "--by-story", "--format", "json", FEED]);
    assert_eq!(r.code, 1, "an error is found: {}", r.describe());
    let rep = json(&r.stdout);
    let stories = rep["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 5);
    assert_eq!(rep["summary"]["stories"], 5);
    let story_docs: BTreeMap<&str, BTreeSet<&str>> = stories
        .iter()
        .map(|s| {
            let docs = s["documents"].as_array().unwrap();
            (
                s["id"].as_str().unwrap(),
                docs.iter().map(|d| d.as_str().unwrap()).collect(),
            )
        })
        .collect();
    for d in rep["documents"].as_array().unwrap() {
        let s = d["story"].as_str().expect("a document has its story");
        assert!(story_docs[s].contains(d["id"].as_str().unwrap()));
    }
    let findings = rep["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        let s = f["story"].as_str().expect("a finding has its story");
        for e in f["evidence"].as_array().unwrap() {
            assert!(
                story_docs[s].contains(e["document"].as_str().unwrap()),
                "{f}"
            );
        }
    }
    let sum: u64 = stories.iter().map(|s| s["errors"].as_u64().unwrap()).sum();
    assert_eq!(sum, rep["summary"]["errors"].as_u64().unwrap());

    // The same feed checked as one bundle compares figures across stories (a landslide's
    // four dead against a shooting's two children); story by story, it does not.
    let whole = json(&run(&["check", "--format", "json", FEED]).stdout);
    let across = |rep: &serde_json::Value| {
        rep["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| {
                let prefixes: BTreeSet<&str> = f["evidence"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e["document"].as_str().unwrap().split('_').next().unwrap())
                    .collect();
                prefixes.len() > 1
            })
            .count()
    };
    assert!(
        across(&whole) > 0,
        "the mixed feed as one bundle mixes stories"
    );
    assert_eq!(across(&rep), 0);
    // Without --by-story, the contract's new fields are absent.
    assert!(whole.get("stories").is_none());
    assert!(whole["summary"].get("stories").is_none());
    assert!(whole["findings"][0].get("story").is_none());
}

#[test]
fn by_story_report_snapshot() {
    let r = run(&["check", "--by-story", "--format", "json", FEED]);
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("check-feed-by-story-json", r.stdout);
    });
    // The human formats name each finding's story too.
    let r = run(&["check", "--by-story", "--format", "concise", FEED]);
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("check-feed-by-story-concise", r.stdout);
    });
    let full = run(&["check", "--by-story", "--color", "never", FEED]).stdout;
    assert!(full.contains("= note: story: 2031-06-10-"), "{full}");
}

fn fingerprints(jsonl: &str) -> BTreeSet<String> {
    jsonl
        .lines()
        .map(|l| json(l)["fingerprint"].as_str().unwrap().to_string())
        .collect()
}

/// Story by story, the pooled corpus gives the findings its bundles give one by one
/// (measured: the same 26); checked as one bundle it does not (7 more, 2 fewer).
#[test]
#[cfg_attr(not(shared_corpus), ignore = "../shared/corpus is absent")]
fn by_story_on_the_pooled_corpus_finds_what_its_bundles_find() {
    let dir = root().join(common::corpus_bundle(""));
    let mut bundles: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.display().to_string())
        .collect();
    bundles.sort();
    let mut one_by_one = BTreeSet::new();
    for b in &bundles {
        one_by_one.extend(fingerprints(
            &run(&["check", "--format", "jsonl", b]).stdout,
        ));
    }
    let mut args = vec!["check", "--by-story", "--format", "jsonl"];
    args.extend(bundles.iter().map(String::as_str));
    let by_story = fingerprints(&run(&args).stdout);
    assert!(!one_by_one.is_empty());
    assert_eq!(by_story, one_by_one);
}

#[test]
fn by_story_baseline_applies_to_all_stories_together() {
    let t = temp_dir("by-story-baseline");
    let base = t.join("known.json");
    let w = run(&[
        "check".as_ref(),
        "--by-story".as_ref(),
        "--write-baseline".as_ref(),
        base.as_os_str(),
        FEED.as_ref(),
        "tests/fixtures/stories".as_ref(),
    ]);
    assert_eq!(w.code, 0, "{}", w.describe());
    let known = json(&std::fs::read_to_string(&base).unwrap());
    let n = known["findings"].as_array().unwrap().len();
    assert!(n > 1, "{known}");
    let r = run(&[
        "check".as_ref(),
        "--by-story".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--baseline".as_ref(),
        base.as_os_str(),
        FEED.as_ref(),
        "tests/fixtures/stories".as_ref(),
    ]);
    assert_eq!(r.code, 0, "everything known: {}", r.describe());
    let rep = json(&r.stdout);
    assert!(rep["findings"].as_array().unwrap().is_empty());
    assert_eq!(rep["baseline"]["hidden"].as_u64().unwrap() as usize, n);
    assert!(rep["baseline"]["stale"].as_array().unwrap().is_empty());
    for s in rep["stories"].as_array().unwrap() {
        assert_eq!(s["errors"], 0, "{s}");
    }
}
