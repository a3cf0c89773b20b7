//! `map` then `reduce` gives exactly the findings and events of `check` (docs/scale.md):
//! on every example, fixture story and public bundle, on a feed read line by line against
//! `check --by-story`, and whatever the order of the records. Bad records are notices.

mod common;

use claimgraph::scale::{self, Stories};
use common::{cmd, finish, root, run, temp_dir};
use proptest::prelude::*;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// Run claimgraph with `input` on standard input.
fn run_with(args: &[&str], input: &str) -> common::Run {
    let mut child = cmd()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimgraph runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    finish(out)
}

/// Objects as compared: keys sorted, optionally without their `story`, then sorted.
fn canonical(items: impl Iterator<Item = Value>, drop_story: bool) -> Vec<String> {
    let mut out: Vec<String> = items
        .map(|mut v| {
            if drop_story {
                v.as_object_mut().unwrap().remove("story");
            }
            // serde_json's map is ordered by key: this is a canonical form.
            serde_json::to_string(&v).unwrap()
        })
        .collect();
    out.sort();
    out
}

struct Compared {
    findings: Vec<String>,
    events: Vec<String>,
}

fn from_check(args: &[&str], drop_story: bool) -> Compared {
    let mut all = vec!["check", "--no-config", "--format", "json", "--exit-zero"];
    all.extend(args);
    let r = run(&all);
    assert_eq!(r.code, 0, "{}", r.describe());
    let j: Value = serde_json::from_str(&r.stdout).unwrap();
    let list = |k: &str| j[k].as_array().unwrap().clone().into_iter();
    Compared {
        findings: canonical(list("findings"), drop_story),
        events: canonical(list("events"), drop_story),
    }
}

/// `reduce`'s output lines of one kind.
fn of_kind(out: &str, kind: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter_map(|v| v.get(kind).cloned())
        .collect()
}

fn from_reduce(records: &str, drop_story: bool) -> (Compared, String) {
    let r = run_with(&["reduce", "--no-config", "-"], records);
    assert_eq!(r.code, 0, "{}", r.describe());
    let c = Compared {
        findings: canonical(of_kind(&r.stdout, "finding").into_iter(), drop_story),
        events: canonical(of_kind(&r.stdout, "event").into_iter(), drop_story),
    };
    (c, r.stdout)
}

fn assert_equal(what: &str, check: &Compared, reduced: &Compared) {
    for (kind, a, b) in [
        ("findings", &check.findings, &reduced.findings),
        ("events", &check.events, &reduced.events),
    ] {
        // The first difference, not two long lists.
        let first = a.iter().zip(b.iter()).find(|(x, y)| x != y);
        assert!(
            a == b,
            "{what}: {kind} differ ({} from check, {} from reduce); first difference:\n{first:#?}",
            a.len(),
            b.len()
        );
    }
}

/// `map --story` of a bundle, then `reduce`, against `check` of the bundle.
fn bundle_equality(dir: &Path) -> usize {
    let d = dir.to_str().unwrap();
    let m = run(&["map", "--story", "one", d]);
    assert_eq!(m.code, 0, "{}", m.describe());
    assert!(
        m.stdout.lines().any(|l| l.contains("\"document\":{")),
        "map wrote no document record for {d}"
    );
    let (reduced, _) = from_reduce(&m.stdout, true);
    let check = from_check(&[d], true);
    assert_equal(d, &check, &reduced);
    check.findings.len() + check.events.len()
}

fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

#[test]
fn map_then_reduce_equals_check_on_the_examples_and_fixture_stories() {
    let mut dirs = subdirs(&root().join("examples"));
    dirs.extend(subdirs(&root().join("tests/fixtures/stories")));
    assert!(dirs.len() >= 10, "{dirs:?}");
    let compared: usize = dirs.iter().map(|d| bundle_equality(d)).sum();
    assert!(
        compared > 50,
        "only {compared} findings and events compared"
    );
}

#[test]
#[cfg_attr(not(shared_corpus), ignore = "../shared/corpus is absent")]
fn map_then_reduce_equals_check_on_every_public_bundle() {
    let dirs = subdirs(&root().join("../shared/corpus"));
    assert!(!dirs.is_empty());
    for d in &dirs {
        bundle_equality(d);
    }
}

/// A mixed feed of every fixture story's articles, one JSON Lines record each (no story
/// field: the stories come from the clustering).
fn fixture_feed() -> String {
    let mut out = String::new();
    for story in subdirs(&root().join("tests/fixtures/stories")) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&story)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let id = format!(
                "{}-{}",
                story.file_name().unwrap().to_string_lossy(),
                f.file_stem().unwrap().to_string_lossy()
            );
            let rec = serde_json::json!({"id": id, "headline": text.lines().next(), "body": text});
            out.push_str(&rec.to_string());
            out.push('\n');
        }
    }
    out
}

/// The feed's lines as a distributed reader hands them to `map --numbered`.
fn numbered(feed: &str) -> String {
    let mut out = String::new();
    let mut offset = 0;
    for (i, l) in feed.split_inclusive('\n').enumerate() {
        out.push_str(&format!("{}\t{}\t{}\n", i + 1, offset, l.trim_end()));
        offset += l.len();
    }
    out
}

#[test]
fn a_feed_mapped_line_by_line_equals_check_by_story() {
    let dir = temp_dir("scale-feed");
    let feed = dir.join("feed.jsonl");
    std::fs::write(&feed, fixture_feed()).unwrap();
    let path = feed.to_str().unwrap();
    let check = from_check(&["--by-story", path], false);
    assert!(check.findings.len() > 5, "{:?}", check.findings);

    // Clustered by map itself, which here reads the whole feed.
    let m = run_with(
        &["map", "--numbered", "--stdin-path", path, "-"],
        &numbered(&std::fs::read_to_string(&feed).unwrap()),
    );
    assert_eq!(m.code, 0, "{}", m.describe());
    let (reduced, _) = from_reduce(&m.stdout, false);
    assert_equal("clustered by map", &check, &reduced);
    // Articles left without a date get check's notice, with their line.
    let undated = |notices: Vec<Value>| -> Vec<String> {
        let mut v: Vec<String> = notices
            .into_iter()
            .filter(|n| {
                n["message"]
                    .as_str()
                    .unwrap()
                    .contains("no publication date")
            })
            .map(|n| n.to_string())
            .collect();
        v.sort();
        v
    };
    let report: Value = serde_json::from_str(
        &run(&[
            "check",
            "--by-story",
            "--exit-zero",
            "--format",
            "json",
            path,
        ])
        .stdout,
    )
    .unwrap();
    let from_map = undated(of_kind(&m.stdout, "notice"));
    assert!(!from_map.is_empty());
    assert_eq!(
        from_map,
        undated(report["notices"].as_array().unwrap().clone())
    );

    // With the stories of `cluster`, as a distributed job gives them to each partition:
    // here every line is mapped on its own.
    let c = run(&["cluster", "--format", "json", path]);
    assert_eq!(c.code, 0, "{}", c.describe());
    let stories = dir.join("stories.json");
    std::fs::write(&stories, &c.stdout).unwrap();
    let mut records = String::new();
    for line in numbered(&std::fs::read_to_string(&feed).unwrap()).lines() {
        let m = run_with(
            &[
                "map",
                "--numbered",
                "--stdin-path",
                path,
                "--stories",
                stories.to_str().unwrap(),
                "-",
            ],
            &format!("{line}\n"),
        );
        assert_eq!(m.code, 0, "{}", m.describe());
        records.push_str(&m.stdout);
    }
    let (reduced, _) = from_reduce(&records, false);
    assert_equal("mapped one line at a time", &check, &reduced);
}

#[test]
fn bad_records_and_empty_stories_are_notices_with_their_line() {
    let m = run(&["map", "--story", "s", "tests/fixtures/stories/ages"]);
    let good: Vec<&str> = m.stdout.lines().collect();
    let input = format!(
        "{}\nnot json at all\n{}\n{{\"schema\":\"claimgraph/claims/v1\",\"story\":\"empty\"}}\n{{\"schema\":\"other/v9\"}}\n",
        good[0],
        good[1..].join("\n")
    );
    let r = run_with(&["reduce", "--no-config", "-"], &input);
    assert_eq!(r.code, 0, "{}", r.describe());
    let notices: Vec<String> = of_kind(&r.stdout, "notice")
        .iter()
        .map(|n| n["message"].as_str().unwrap().to_string())
        .collect();
    let n = good.len();
    assert!(
        notices
            .iter()
            .any(|m| m.starts_with("line 2: not a claimgraph/claims/v1 record")),
        "{notices:?}"
    );
    let empty = format!("line {}: story `empty` has no documents", n + 2);
    assert!(notices.iter().any(|m| m.starts_with(&empty)), "{notices:?}");
    let schema = format!("line {}: schema `other/v9`", n + 3);
    assert!(
        notices.iter().any(|m| m.starts_with(&schema)),
        "{notices:?}"
    );
    assert!(
        r.stderr.contains("notice: <standard input>: line 2:"),
        "{}",
        r.stderr
    );
    // The good records are still checked.
    let (alone, _) = from_reduce(&m.stdout, false);
    assert_eq!(
        canonical(of_kind(&r.stdout, "finding").into_iter(), false),
        alone.findings
    );

    // A story whose documents hold no claim says so.
    let dir = temp_dir("scale-empty");
    std::fs::write(dir.join("a.txt"), "Nothing is said here.\n").unwrap();
    let m = run(&["map", "--story", "quiet", dir.path().to_str().unwrap()]);
    let r = run_with(&["reduce", "--no-config", "-"], &m.stdout);
    assert!(
        r.stdout
            .contains("line 2: story `quiet` has no claims (1 documents)"),
        "{}",
        r.describe()
    );
}

/// The records of two bundles, each its own story, as `map` writes them.
fn two_stories() -> Vec<String> {
    let mut lines = Vec::new();
    for (story, dir) in [
        ("talks", "examples/harbour-talks"),
        ("figures", "tests/fixtures/stories/figures"),
    ] {
        let mut b = claimgraph::pipeline::load(&claimgraph::pipeline::Inputs::paths(vec![
            root().join(dir),
        ]))
        .unwrap();
        let (s, _) = scale::assign_stories(&mut b.documents, &[], &Stories::One(story.into()));
        lines.extend(
            scale::map(&b.documents, |i| s[i].clone(), |_| 0)
                .iter()
                .map(|l| l.to_json()),
        );
    }
    lines
}

fn reduce_lines(lines: &[String]) -> String {
    let rules =
        claimgraph::pipeline::rules_in_effect(&claimgraph::pipeline::ConfigChoice::Ignore, &[])
            .unwrap();
    let mut g = scale::Groups::default();
    for (i, l) in lines.iter().enumerate() {
        g.read_line("-", i + 1, l);
    }
    scale::reduce(g, "-", &rules.rules, &[])
        .iter()
        .filter(|o| !matches!(o, scale::Output::Notice(_)))
        .map(|o| o.to_json() + "\n")
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Records reach a reducer in whatever order the shuffle delivers them: the output is
    /// the same bytes.
    #[test]
    fn reduce_output_does_not_depend_on_record_order(
        shuffled in Just(two_stories()).prop_shuffle()
    ) {
        let expected = reduce_lines(&two_stories());
        prop_assert!(expected.contains("\"finding\""));
        prop_assert_eq!(reduce_lines(&shuffled), expected);
    }
}

#[test]
fn report_reads_findings_back_into_markdown_and_html() {
    let jsonl = run(&[
        "check",
        "--no-config",
        "--exit-zero",
        "--format",
        "jsonl",
        "examples/harbour-talks",
    ]);
    let findings: Vec<Value> = jsonl
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(findings.len() > 2);
    let input = format!("{}not a finding\n", jsonl.stdout);
    let md = run_with(&["report", "-"], &input);
    assert_eq!(md.code, 0, "{}", md.describe());
    let rows = md
        .stdout
        .lines()
        .filter(|l| l.starts_with("| error |") || l.starts_with("| warning |"))
        .count();
    assert_eq!(rows, findings.len(), "{}", md.stdout);
    assert!(
        md.stderr.contains(&format!(
            "line {}: not a finding, an event or a notice",
            findings.len() + 1
        )),
        "{}",
        md.stderr
    );
    // reduce's output reads back the same, with its events.
    let m = run(&["map", "--story", "s", "examples/harbour-talks"]);
    let r = run_with(&["reduce", "--no-config", "-"], &m.stdout);
    let html = run_with(&["report", "--format", "html", "-"], &r.stdout);
    assert_eq!(html.code, 0, "{}", html.describe());
    // Every evidence is quoted from its own text.
    let evidence: usize = findings
        .iter()
        .map(|f| f["evidence"].as_array().unwrap().len())
        .sum();
    assert_eq!(html.stdout.matches("<blockquote>").count(), evidence);
    let events = of_kind(&r.stdout, "event").len();
    assert!(
        html.stdout.contains(&format!("{events} events")),
        "the summary counts the events"
    );
}
