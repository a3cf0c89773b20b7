//! The answer keys of our own fixture bundles (examples/ and tests/fixtures/stories/) hold:
//! no finding falls into a trap (a known false alarm), and recall of the required findings
//! and of the events never drops below what the checker reaches today (a ratchet: raise the
//! numbers when it improves). Matching follows ../shared/tools/score.py.

mod common;

use serde_json::Value;
use std::path::Path;

struct Score {
    found: usize,
    required: usize,
    traps: Vec<String>,
    events_found: usize,
    events: usize,
}

fn lower_text(f: &Value) -> String {
    let mut parts = vec![f["message"].as_str().unwrap_or("").to_string()];
    for e in f["evidence"].as_array().into_iter().flatten() {
        parts.push(e["text"].as_str().unwrap_or("").to_string());
    }
    parts.join(" ").to_lowercase()
}

fn cites(names: &[String], groups: &toml::Value) -> bool {
    groups.as_array().into_iter().flatten().all(|g| {
        g.as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str())
            .any(|p| names.iter().any(|n| n.starts_with(p)))
    })
}

fn matches(item: &toml::Value, names: &[String], text: &str) -> bool {
    cites(names, &item["docs"])
        && item["terms"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t.as_str())
            .all(|t| text.contains(&t.to_lowercase()))
}

fn score(dir: &str) -> Score {
    let src = std::fs::read_to_string(Path::new(dir).join("expected.toml")).unwrap();
    let key = toml::Value::Table(toml::from_str(&src).expect("the key is TOML"));
    let out = common::run(&["check", "--format", "json", dir]);
    let report: Value = serde_json::from_str(&out.stdout).expect("JSON report");
    let empty = vec![];
    let findings = report["findings"].as_array().unwrap_or(&empty);
    let gold = key
        .get("finding")
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    let traps = key
        .get("trap")
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    let mut matched = std::collections::BTreeSet::new();
    let mut trap_hits = Vec::new();
    for f in findings {
        let names: Vec<String> = f["evidence"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["document"].as_str().map(String::from))
            .collect();
        let text = lower_text(f);
        let hits: Vec<String> = gold
            .iter()
            .filter(|g| matches(g, &names, &text))
            .map(|g| g["id"].as_str().unwrap().to_string())
            .collect();
        if hits.is_empty() {
            for t in traps.iter().filter(|t| matches(t, &names, &text)) {
                trap_hits.push(format!("{}: {}", t["id"].as_str().unwrap(), f["message"]));
            }
        }
        matched.extend(hits);
    }
    let required: Vec<&toml::Value> = gold
        .iter()
        .filter(|g| g.get("required").and_then(|r| r.as_bool()).unwrap_or(true))
        .collect();
    let found = required
        .iter()
        .filter(|g| matched.contains(g["id"].as_str().unwrap()))
        .count();
    let events = key
        .get("event")
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    let report_events = report["events"].as_array().cloned().unwrap_or_default();
    let events_found = events
        .iter()
        .filter(|g| {
            report_events.iter().any(|e| {
                let mut names: Vec<String> = ["participants", "places"]
                    .iter()
                    .flat_map(|f| e[f].as_array().cloned().unwrap_or_default())
                    .filter_map(|v| v.as_str().map(|s| s.to_lowercase()))
                    .collect();
                names.push(e["label"].as_str().unwrap_or("").to_lowercase());
                let who = g["participants"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .all(|aliases| {
                        aliases
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|a| a.as_str())
                            .any(|a| names.iter().any(|n| n.contains(&a.to_lowercase())))
                    });
                let date = e["date"].as_str().unwrap_or("null");
                let when = g["dates"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|d| d.as_str() == Some(date));
                let docs: Vec<&str> = e["documents"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|d| d.as_str())
                    .collect();
                let cited = g["docs"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|d| d.as_str())
                    .all(|p| docs.iter().any(|d| d.starts_with(p)));
                who && when && cited
            })
        })
        .count();
    Score {
        found,
        required: required.len(),
        traps: trap_hits,
        events_found,
        events: events.len(),
    }
}

/// (bundle, required findings found at least, events found at least)
const RATCHET: &[(&str, usize, usize)] = &[
    ("examples/harbour-talks", 6, 7),
    ("tests/fixtures/stories/quake", 2, 2),
    ("tests/fixtures/stories/trial", 3, 2),
    ("tests/fixtures/stories/announcement", 2, 3),
    ("tests/fixtures/stories/spelling", 4, 0),
    ("tests/fixtures/stories/arrest", 2, 4),
    ("tests/fixtures/stories/figures", 5, 0),
    ("tests/fixtures/stories/quotes", 2, 0),
    ("tests/fixtures/stories/ages", 2, 0),
    ("tests/fixtures/stories/ledger", 1, 3),
    ("tests/fixtures/stories/measures", 3, 1),
    ("tests/fixtures/stories/titles", 1, 1),
    ("tests/fixtures/stories/weekdays", 2, 0),
];

#[test]
fn fixture_keys_hold() {
    let mut problems = Vec::new();
    for (dir, min_found, min_events) in RATCHET {
        let s = score(dir);
        eprintln!(
            "{dir}: recall {}/{}, events {}/{}, traps {}",
            s.found,
            s.required,
            s.events_found,
            s.events,
            s.traps.len()
        );
        if !s.traps.is_empty() {
            problems.push(format!("{dir}: false alarms {:?}", s.traps));
        }
        if s.found < *min_found {
            problems.push(format!(
                "{dir}: recall {}/{} fell below {min_found}",
                s.found, s.required
            ));
        }
        if s.events_found < *min_events {
            problems.push(format!(
                "{dir}: events {}/{} fell below {min_events}",
                s.events_found, s.events
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Each fixture story's findings, one line each (`--format concise`), snapshotted: a change
/// in what the checker finds in a story shows in review as a change of its snapshot
/// (`snapshots/story-<name>.snap`).
#[test]
fn fixture_story_reports() {
    let mut dirs: Vec<_> = std::fs::read_dir(common::root().join("tests/fixtures/stories"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 8, "{dirs:?}");
    for name in dirs {
        let dir = format!("tests/fixtures/stories/{name}");
        let run = common::run(&["check", "--format", "concise", "--no-config", dir.as_str()]);
        assert!(run.code == 0 || run.code == 1, "{dir}: {}", run.describe());
        common::snapshot_settings().bind(|| {
            insta::assert_snapshot!(format!("story-{name}"), run.stdout);
        });
    }
}
