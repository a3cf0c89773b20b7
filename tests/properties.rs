//! Properties over generated bundles (proptest), beyond `determinism.rs`:
//! - checking the same bundle twice gives the same report;
//! - every claim and evidence span lies inside its document, on character boundaries,
//!   quotes the bytes it reports, at the line and column it reports (with \n, \r\n and
//!   lone \r line endings mixed);
//! - adding an unrelated article never removes a finding about the others;
//! - weekdays resolve consistently with the calendar for anchors from 1900 to 2100
//!   (through the `times` command; `src/temporal/tests.rs` walks the whole range in the
//!   library).
//!
//! Case counts are modest so `cargo test` stays fast; raise them with `PROPTEST_CASES=N`.

mod common;

use claimgraph::ingest::{self, Bundle, IngestOptions, document_from_text, finish_bundle};
use claimgraph::rules::Rule;
use common::{EXAMPLE, example_articles, root, temp_dir};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn rules() -> &'static [Rule] {
    static R: OnceLock<Vec<Rule>> = OnceLock::new();
    R.get_or_init(claimgraph::rules::load::default_rules)
}

/// Sentences of the example bundle, to recombine.
fn sentences() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut v = Vec::new();
        for p in example_articles() {
            let text = std::fs::read_to_string(p).unwrap();
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                for s in line.split_inclusive(". ") {
                    v.push(s.to_string());
                }
            }
        }
        v
    })
}

/// Noise: control characters, quotes, dashes, digits, accents, wide and joining characters.
fn noise() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\t"),
            Just("\u{1b}[2J"),
            Just("\u{0}"),
            Just("\""),
            Just("\u{201c}"),
            Just("\u{2019}"),
            Just(" \u{2014} "),
            Just("12"),
            Just("1,200"),
            Just("Dr."),
            Just("Mr. A. B."),
            Just("\u{e9}"),
            Just("\u{1F600}"),
            Just("\u{200d}"),
            Just("\u{feff}"),
            Just("\u{928}\u{92e}"),
            Just(" "),
            Just("."),
            Just("said"),
            Just("on Monday"),
            Just("(Wire)"),
            Just("May 10"),
        ],
        0..6,
    )
    .prop_map(|v| v.concat())
}

/// One line: up to three example sentences and noise, then a line ending.
fn line() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec((any::<prop::sample::Index>(), noise()), 1..4),
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r"), Just("\n\n"), Just("")],
    )
        .prop_map(|(parts, eol)| {
            let pool = sentences();
            let mut s = String::new();
            for (i, n) in parts {
                s.push_str(&pool[i.index(pool.len())]);
                s.push_str(&n);
            }
            s.push_str(eol);
            s
        })
}

fn document() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just(""),
            Just("date 2031-03-14\n"),
            Just("date 2031-03-15\r\n"),
            Just("\u{feff}date 2031-03-13\n"),
            Just("Harbourton, March 14 (Wire) ")
        ],
        proptest::collection::vec(line(), 1..10),
    )
        .prop_map(|(head, lines)| format!("{head}{}", lines.concat()))
}

fn bundle_of(texts: &[String]) -> Bundle {
    let mut b = Bundle {
        documents: texts
            .iter()
            .enumerate()
            .map(|(i, t)| document_from_text(&format!("d{i}"), &format!("d{i}.txt"), t.clone()))
            .collect(),
        ..Bundle::default()
    };
    finish_bundle(&mut b);
    b
}

fn report(b: Bundle) -> String {
    let outcome = claimgraph::check::run(b, rules());
    claimgraph::report::json::to_string(&claimgraph::report::build(&outcome))
}

/// 1-based line and character column; lines end at \n, \r\n or a lone \r.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let (mut line, mut start) = (1, 0);
    for i in 0..offset {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            line += 1;
            start = i + 1;
        }
    }
    (line, text[start..offset].chars().count() + 1)
}

fn span_ok(texts: &[String], doc: &str, span: &Value, quoted: &Value) -> Result<(), String> {
    let i: usize = doc
        .trim_start_matches('d')
        .parse()
        .map_err(|_| doc.to_string())?;
    let text = &texts[i];
    let s = span["start"].as_u64().unwrap() as usize;
    let e = span["end"].as_u64().unwrap() as usize;
    if !(s <= e && e <= text.len()) {
        return Err(format!("{doc}: span {span} outside {} bytes", text.len()));
    }
    if text.get(s..e) != quoted.as_str() {
        return Err(format!("{doc}: span {span} does not quote {quoted}"));
    }
    let want = line_col(text, s);
    let got = (
        span["line"].as_u64().unwrap() as usize,
        span["column"].as_u64().unwrap() as usize,
    );
    if want != got {
        return Err(format!("{doc}: span {span} is at {want:?}"));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn spans_point_inside_their_documents_and_checking_twice_agrees(
        texts in proptest::collection::vec(document(), 1..4)
    ) {
        let first = report(bundle_of(&texts));
        let second = report(bundle_of(&texts));
        prop_assert!(first == second, "two checks of the same bundle differ");
        let v: Value = serde_json::from_str(&first).unwrap();
        for c in v["claims"].as_array().unwrap() {
            let r = span_ok(&texts, c["document"].as_str().unwrap(), &c["span"], &c["text"]);
            prop_assert!(r.is_ok(), "claim {}: {}", c["id"], r.unwrap_err());
        }
        for f in v["findings"].as_array().unwrap() {
            for e in f["evidence"].as_array().unwrap() {
                let r = span_ok(&texts, e["document"].as_str().unwrap(), &e["span"], &e["text"]);
                prop_assert!(r.is_ok(), "evidence of {}: {}", f["id"], r.unwrap_err());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Adding an unrelated article
// ---------------------------------------------------------------------------------------

fn example_bundle() -> Bundle {
    let mut b = ingest::load(&[root().join(EXAMPLE)], &IngestOptions::default()).unwrap();
    finish_bundle(&mut b);
    b
}

/// (rule, severity, evidence as (document, start, end)) of every finding.
type FindingKey = (String, String, BTreeSet<(String, u64, u64)>);

fn findings(report: &str) -> Vec<FindingKey> {
    let v: Value = serde_json::from_str(report).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["evidence"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| {
                        (
                            e["document"].as_str().unwrap().to_string(),
                            e["span"]["start"].as_u64().unwrap(),
                            e["span"]["end"].as_u64().unwrap(),
                        )
                    })
                    .collect(),
            )
        })
        .collect()
}

fn example_findings() -> &'static [FindingKey] {
    static F: OnceLock<Vec<FindingKey>> = OnceLock::new();
    F.get_or_init(|| {
        let f = findings(&report(example_bundle()));
        assert!(!f.is_empty(), "the example has findings");
        f
    })
}

/// An article about something else: other people, places, figures and days, in the same
/// shapes as the example (datelines, meetings, tolls, quotes, titles).
fn unrelated_article() -> impl Strategy<Value = String> {
    let people = [
        "Mayor Petra Lund",
        "Councillor Ivo Sandberg",
        "Professor Edda Morn",
        "Chief Inspector Rolf Ilves",
        "Health Minister Oskar Tamm of Kesland",
    ];
    let places = ["Eastbrook", "Millford", "Ostrava Bay", "Kesland"];
    let days = ["Monday", "Tuesday", "Friday", "Sunday"];
    (
        proptest::collection::vec(
            (
                0..people.len(),
                0..people.len(),
                0..places.len(),
                0..days.len(),
                1u32..5000,
                0..6usize,
            ),
            1..8,
        ),
        prop_oneof![Just("\n"), Just("\r\n")],
        1u8..28,
    )
        .prop_map(move |(ss, eol, day)| {
            let mut t = format!("date 2031-04-{day:02}{eol}");
            for (k, (a, b, p, d, n, shape)) in ss.into_iter().enumerate() {
                let (a, b, p, d) = (people[a], people[b], places[p], days[d]);
                let s = match shape {
                    0 => format!("{p}, April {day} (Courier) {a} met {b} on {d}."),
                    1 => format!("{a} said {n} volunteers had cleared the flooded streets of {p}."),
                    2 => format!("\"We will rebuild the library,\" {a} said on {d}."),
                    3 => format!("{b} spoke with {a} by telephone on {d}, officials in {p} said."),
                    4 => format!(
                        "Floods in {p} killed {n} sheep and injured {} farmers.",
                        n % 40
                    ),
                    _ => format!("{a}, who chairs the {p} council, opened the fair on {d}."),
                };
                t.push_str(&s);
                t.push_str(if k % 2 == 0 { " " } else { eol });
            }
            t
        })
}

proptest! {
    #![proptest_config(config(12))]

    #[test]
    fn adding_an_unrelated_article_never_removes_a_finding(article in unrelated_article()) {
        let mut b = example_bundle();
        b.documents.push(document_from_text("zz-unrelated", "zz-unrelated.txt", article.clone()));
        finish_bundle(&mut b);
        let after = findings(&report(b));
        for (rule, sev, ev) in example_findings() {
            let kept = after
                .iter()
                .any(|(r, s, e)| r == rule && s == sev && e.is_superset(ev));
            prop_assert!(kept, "finding {rule} ({sev}) on {ev:?} lost after adding:\n{article}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Weekdays against the calendar, through the `times` command
// ---------------------------------------------------------------------------------------

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn weekday_article() -> &'static common::TempDir {
    static D: OnceLock<common::TempDir> = OnceLock::new();
    D.get_or_init(|| {
        let d = temp_dir("weekdays");
        let mut t = String::new();
        for w in WEEKDAYS {
            t.push_str(&format!("The vote was held on {w}.\n"));
        }
        d.write("days.txt", t);
        d
    })
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn weekdays_resolve_to_the_calendar_from_1900_to_2100(days in 0i32..73_414) {
        use jiff::ToSpan;
        let anchor = jiff::civil::date(1900, 1, 1).checked_add(days.days()).unwrap();
        prop_assume!(anchor.year() <= 2100);
        let file = weekday_article().join("days.txt");
        let r = common::run(&[
            "times".as_ref(),
            file.as_os_str(),
            "--date".as_ref(),
            anchor.to_string().as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
        ]);
        prop_assert_eq!(r.code, 0, "{}", r.describe());
        let v = common::json(&r.stdout);
        let times = v["times"].as_array().unwrap();
        prop_assert_eq!(times.len(), 7, "{}", r.stdout);
        for (t, (k, name)) in times.iter().zip(WEEKDAYS.iter().enumerate()) {
            prop_assert_eq!(t["text"].as_str(), Some(*name));
            let got: jiff::civil::Date = t["value"].as_str().unwrap().parse().unwrap();
            prop_assert_eq!(got.weekday().to_monday_zero_offset() as usize, k, "{} @ {}", name, anchor);
            prop_assert!(got <= anchor && (anchor - got).get_days() <= 6, "{} @ {} -> {}", name, anchor, got);
            prop_assert_eq!(t["span"]["line"].as_u64(), Some(k as u64 + 1));
        }
    }
}
