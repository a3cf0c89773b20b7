//! The command line end to end: report snapshots, exit codes, `rules`, `times`, and spans
//! that point at exactly the bytes they quote.

mod common;

use common::{EXAMPLE, cmd, corpus_bundle, json, root, run, snapshot_settings};
use insta_cmd::assert_cmd_snapshot;
use serde_json::Value;

// ---------------------------------------------------------------------------------------
// Report snapshots
// ---------------------------------------------------------------------------------------

#[test]
fn check_example_text_report() {
    snapshot_settings().bind(|| {
        assert_cmd_snapshot!("check-harbour-talks-text", cmd().args(["check", EXAMPLE]));
    });
}

#[test]
fn check_example_json_report() {
    let r = run(&["check", EXAMPLE, "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.describe());
    let v = json(&r.stdout);
    assert_eq!(v["schema"], "claimgraph/report/v1");
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("check-harbour-talks-json", r.stdout);
    });
}

/// Every field of the shared corpus report that can hold article text.
const ARTICLE_TEXT_FIELDS: &[&str] =
    &["text", "quote", "speaker_text", "value", "message", "label"];

/// Replace every field named in ARTICLE_TEXT_FIELDS, at any depth, by "[redacted]": the
/// same redaction the snapshot applies, used to check nothing is left over.
fn redact(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if ARTICLE_TEXT_FIELDS.contains(&k.as_str()) {
                    *x = Value::String("[redacted]".into());
                } else {
                    redact(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(redact),
        _ => {}
    }
}

/// Non-overlapping 40-character pieces of each article that would show up verbatim in a
/// JSON string (no quotes, backslashes or control characters).
fn article_pieces(dir: &std::path::Path) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no articles in {}", dir.display());
    for f in files {
        let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned();
        let chars: Vec<char> = text.chars().collect();
        for chunk in chars.chunks(40) {
            if chunk.len() == 40
                && chunk
                    .iter()
                    .all(|c| !c.is_control() && !matches!(c, '"' | '\\'))
            {
                pieces.push(chunk.iter().collect());
            }
        }
    }
    pieces
}

fn assert_no_article_text(haystack: &str, pieces: &[String], what: &str) {
    for p in pieces {
        assert!(
            !haystack.contains(p.as_str()),
            "article text leaked into {what}: {p:?}"
        );
    }
}

/// The `shared_corpus` cfg (build.rs) says what is on disk: a corpus put beside the
/// repository after the last build, where build.rs could not watch for it, is not skipped
/// silently.
#[test]
fn shared_corpus_cfg_matches_the_disk() {
    assert_eq!(
        cfg!(shared_corpus),
        root().join("../shared/corpus").is_dir(),
        "../shared/corpus appeared or went away since the build script ran: `touch build.rs` \
         and run the tests again"
    );
}

#[test]
#[cfg_attr(not(shared_corpus), ignore = "../shared/corpus is absent")]
fn check_shared_corpus_json_report_redacted() {
    let bundle = corpus_bundle("rubio-calls");
    let r = run(&["check", &bundle, "--format", "json"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.describe());
    let report = json(&r.stdout);

    // Our own redaction leaves no article text behind...
    let pieces = article_pieces(&root().join(&bundle));
    assert!(
        pieces.len() > 20,
        "too few pieces to check: {}",
        pieces.len()
    );
    let mut redacted = report.clone();
    redact(&mut redacted);
    assert_no_article_text(
        &serde_json::to_string(&redacted).unwrap(),
        &pieces,
        "the redacted report",
    );
    // ...and the unredacted report does hold some (so the check above can fail).
    assert!(
        pieces.iter().any(|p| r.stdout.contains(p.as_str())),
        "the leak check found no article text even in the raw report: it checks nothing"
    );

    snapshot_settings().bind(|| {
        insta::assert_json_snapshot!("check-rubio-calls-json-redacted", report, {
            ".claims[].text" => "[redacted]",
            ".claims[].quote" => "[redacted]",
            ".claims[].speaker_text" => "[redacted]",
            ".claims[].value" => "[redacted]",
            ".claims[].date.text" => "[redacted]",
            ".events[].label" => "[redacted]",
            ".findings[].message" => "[redacted]",
            ".findings[].evidence[].text" => "[redacted]",
            ".findings[].evidence[].value" => "[redacted]",
            // Anything else named like an article-text field, at any depth.
            ".**.text" => "[redacted]",
            ".**.quote" => "[redacted]",
            ".**.speaker_text" => "[redacted]",
            ".**.message" => "[redacted]",
            ".**.label" => "[redacted]",
        });
    });

    // The committed snapshot file itself holds no article text.
    let snap = root().join("snapshots/check-rubio-calls-json-redacted.snap");
    if let Ok(content) = std::fs::read_to_string(&snap) {
        assert_no_article_text(
            &content,
            &pieces,
            "snapshots/check-rubio-calls-json-redacted.snap",
        );
    }
}

// ---------------------------------------------------------------------------------------
// Exit codes
// ---------------------------------------------------------------------------------------

#[test]
fn exit_1_when_error_findings_exist() {
    let r = run(&["check", EXAMPLE]);
    assert_eq!(r.code, 1, "{}", r.describe());
    assert!(r.stdout.contains("error["), "{}", r.describe());
}

#[test]
fn fail_on_never_exits_0() {
    let r = run(&["check", EXAMPLE, "--fail-on", "never"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stdout.contains("error["), "findings are still reported");
}

#[test]
fn exit_zero_exits_0_with_findings() {
    let r = run(&["check", EXAMPLE, "--exit-zero", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(json(&r.stdout)["summary"]["errors"].as_u64().unwrap() > 0);
}

#[test]
fn fail_on_warning_counts_warnings() {
    // Every finding is at least a warning, and there are some: exit 1.
    let r = run(&["check", EXAMPLE, "--fail-on", "warning"]);
    assert_eq!(r.code, 1, "{}", r.describe());
}

#[test]
fn clean_bundle_exits_0() {
    let dir = common::temp_dir("clean");
    dir.write(
        "a.txt",
        "date 2031-03-14\nThe harbour reopened on Friday after a week of repairs.\n",
    );
    dir.write(
        "b.txt",
        "date 2031-03-14\nShips began moving through the harbour again on Friday.\n",
    );
    let r = run(&["check".as_ref(), dir.path().as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.describe());
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let r = run(&["check", EXAMPLE, "--no-such-flag"]);
    assert_eq!(r.code, 2, "{}", r.describe());
    let r = run(&["check", EXAMPLE, "--fail-on", "sometimes"]);
    assert_eq!(r.code, 2, "{}", r.describe());
    let r = run(&["check"]);
    assert_eq!(r.code, 2, "{}", r.describe());
    let r = run(&["--help"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stdout.contains("Exit codes"), "{}", r.stdout);
}

#[test]
fn error_exit_2_takes_precedence_over_findings() {
    let dir = common::temp_dir("precedence");
    let bad = dir.write("bad.yaml", "id: CG900/x\nseverity: [warning\n");
    let r = run(&[
        "check".as_ref(),
        EXAMPLE.as_ref(),
        "--rules".as_ref(),
        bad.as_os_str(),
    ]);
    assert_eq!(r.code, 2, "{}", r.describe());
}

// ---------------------------------------------------------------------------------------
// rules, times
// ---------------------------------------------------------------------------------------

#[test]
fn rules_test_passes_for_builtin_rules() {
    let r = run(&["rules", "test"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stdout.contains(" passed, 0 failed"), "{}", r.stdout);
}

#[test]
fn rules_test_runs_every_builtin_example() {
    // Independent of which examples pass today: every example of every default rule runs
    // and is reported, ending with the summary line.
    let rules = claimgraph::rules::load::default_rules();
    let n: usize = rules.iter().map(|r| r.examples.len()).sum();
    let r = run(&["rules", "test"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.describe());
    let lines: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("ok   ") || l.starts_with("FAIL "))
        .collect();
    assert_eq!(lines.len(), n, "{}", r.stdout);
    let last = r.stdout.lines().last().unwrap_or("");
    assert!(
        last.ends_with(" failed") && last.contains(" passed, "),
        "{last}"
    );
}

const USER_RULE: &str = r#"id: CG901/test-names
severity: warning
summary: A test rule
message: "{subject}: two spellings ({values})"
check:
  name-variant: {}
examples:
  - expect: EXPECT
    articles:
      a.txt: |
        date 2031-03-14
        Harbourton, March 14 (Wire) Foreign Minister Ana Ruiz spoke with Ambassador Tomas Held on Wednesday.
      b.txt: |
        date 2031-03-14
        Harbourton, March 14 (Post) Foreign Minister Ana Ruis met Ambassador Tomas Held on Wednesday, officials said.
"#;

#[test]
fn rules_test_on_user_rules_reports_pass_and_fail() {
    let dir = common::temp_dir("user-rule");
    let good = dir.write("good.yaml", USER_RULE.replace("EXPECT", "fail"));
    let r = run(&["rules".as_ref(), "test".as_ref(), good.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stdout.contains("1 passed, 0 failed"), "{}", r.stdout);

    let wrong = dir.write("wrong.yaml", USER_RULE.replace("EXPECT", "pass"));
    let r = run(&["rules".as_ref(), "test".as_ref(), wrong.as_os_str()]);
    assert_eq!(r.code, 1, "{}", r.describe());
    assert!(r.stdout.contains("0 passed, 1 failed"), "{}", r.stdout);
}

#[test]
fn rules_list_shows_every_default_rule() {
    let r = run(&["rules", "list"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    for rule in claimgraph::rules::load::default_rules() {
        assert!(
            r.stdout.contains(&rule.id),
            "{} missing:\n{}",
            rule.id,
            r.stdout
        );
    }
}

#[test]
fn rules_schema_is_valid_json() {
    let r = run(&["rules", "schema"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let v = json(&r.stdout);
    assert_eq!(v["type"], "object");
    let required: Vec<&str> = v["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    for f in ["id", "severity", "summary", "message", "check"] {
        assert!(required.contains(&f), "{f} not required: {required:?}");
    }
    assert!(v["properties"]["check"]["oneOf"].as_array().unwrap().len() >= 9);
}

#[test]
fn times_json_has_anchor_and_resolved_times() {
    let file = format!("{EXAMPLE}/01_meridian-times.txt");
    let r = run(&["times", &file, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let v = json(&r.stdout);
    assert_eq!(v["document"], "01_meridian-times");
    assert_eq!(v["anchor"]["date"], "2031-03-14");
    assert!(v["anchor"]["source"].is_string());
    let times = v["times"].as_array().unwrap();
    assert!(!times.is_empty());
    let text = std::fs::read_to_string(root().join(&file)).unwrap();
    for t in times {
        for f in ["span", "text", "type", "value"] {
            assert!(!t[f].is_null(), "time without {f}: {t}");
        }
        let (s, e) = (
            t["span"]["start"].as_u64().unwrap() as usize,
            t["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], t["text"].as_str().unwrap(), "{t}");
    }
    assert!(
        times
            .iter()
            .any(|t| t["text"] == "Wednesday" && t["value"] == "2031-03-12"),
        "Wednesday before Friday 14 March 2031 is the 12th: {}",
        r.stdout
    );
}

#[test]
fn times_table_shows_the_utc_interval() {
    let file = format!("{EXAMPLE}/01_meridian-times.txt");
    let r = run(&["times", &file]);
    assert_eq!(r.code, 0, "{}", r.describe());
    // LINE:COLUMN, type, value, UTC interval, text.
    let line = r
        .stdout
        .lines()
        .find(|l| l.ends_with("\tWednesday"))
        .unwrap_or_else(|| panic!("no Wednesday in\n{}", r.stdout));
    let cols: Vec<&str> = line.split('\t').collect();
    assert_eq!(
        cols[1..],
        [
            "DATE",
            "2031-03-12",
            "2031-03-12T00:00:00Z/2031-03-13T00:00:00Z",
            "Wednesday"
        ],
        "{line}"
    );
    // No interval for what has none ("now" is a reference).
    assert!(r.stdout.contains("\tPRESENT_REF\t-\tnow\n"), "{}", r.stdout);
}

#[test]
fn times_of_a_folder_has_one_section_per_file_in_path_order() {
    let articles = common::example_articles();
    assert!(articles.len() > 1);
    let r = run(&["times", EXAMPLE]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let headings: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.contains(" (anchor "))
        .collect();
    assert_eq!(headings.len(), articles.len(), "{}", r.stdout);
    for (h, a) in headings.iter().zip(&articles) {
        let rel = a.strip_prefix(root()).unwrap().display().to_string();
        assert!(h.starts_with(&rel), "{h} is not {rel}");
    }

    let r = run(&["times", EXAMPLE, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let v = json(&r.stdout);
    let sections = v.as_array().expect("an array of sections for a folder");
    let ids: Vec<&str> = sections
        .iter()
        .map(|s| s["document"].as_str().unwrap())
        .collect();
    let want: Vec<String> = articles
        .iter()
        .map(|a| a.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(ids, want);
    // Each section is what `times FILE` prints for that file, anchored the same way.
    let one = json(
        &run(&[
            "times",
            &format!("{EXAMPLE}/01_meridian-times.txt"),
            "--format",
            "json",
        ])
        .stdout,
    );
    assert_eq!(sections[0], one);
    assert!(sections.iter().all(|s| s["times"].is_array()));
}

#[test]
fn times_with_explicit_date() {
    let file = format!("{EXAMPLE}/01_meridian-times.txt");
    let r = run(&["times", &file, "--date", "2031-03-21", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let v = json(&r.stdout);
    assert_eq!(v["anchor"]["source"], "option");
    let r = run(&["times", &file, "--date", "21 March"]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(r.stderr.contains("--date"), "{}", r.stderr);
}

#[test]
fn claims_and_graph_commands_run() {
    let r = run(&["claims", EXAMPLE, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(json(&r.stdout).as_array().is_some_and(|a| !a.is_empty()));
    let r = run(&["claims", EXAMPLE]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let r = run(&["graph", EXAMPLE, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    json(&r.stdout);
    let r = run(&["graph", EXAMPLE]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stdout.trim_start().starts_with("graph") || r.stdout.contains("graph {"));
}

// ---------------------------------------------------------------------------------------
// Spans
// ---------------------------------------------------------------------------------------

/// 1-based line and character column of a byte offset (lines end at \n, \r\n or \r).
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let mut line = 1;
    let mut line_start = 0;
    let b = before.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'\r' if b.get(i + 1) != Some(&b'\n') => {
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    (line, before[line_start..].chars().count() + 1)
}

fn check_span(
    texts: &std::collections::BTreeMap<String, String>,
    doc: &str,
    span: &Value,
    text: &str,
    what: &str,
) {
    let file = &texts[doc];
    let s = span["start"].as_u64().unwrap() as usize;
    let e = span["end"].as_u64().unwrap() as usize;
    assert!(
        s <= e && e <= file.len(),
        "{what}: span {span} out of {doc}"
    );
    assert_eq!(
        file.get(s..e),
        Some(text),
        "{what}: text differs from {doc}[{s}..{e}]"
    );
    let (line, column) = line_col(file, s);
    assert_eq!(
        span["line"].as_u64().unwrap() as usize,
        line,
        "{what}: line of {span}"
    );
    assert_eq!(
        span["column"].as_u64().unwrap() as usize,
        column,
        "{what}: column of {span}"
    );
}

#[test]
fn spans_point_at_the_bytes_they_quote() {
    let r = run(&["check", EXAMPLE, "--format", "json", "--exit-zero"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let v = json(&r.stdout);
    let mut texts = std::collections::BTreeMap::new();
    for d in v["documents"].as_array().unwrap() {
        let path = d["path"].as_str().unwrap();
        let bytes = std::fs::read(root().join(path)).unwrap();
        texts.insert(
            d["id"].as_str().unwrap().to_string(),
            String::from_utf8(bytes).unwrap(),
        );
    }
    let claims = v["claims"].as_array().unwrap();
    assert!(!claims.is_empty());
    for c in claims {
        let what = format!("claim {}", c["id"]);
        check_span(
            &texts,
            c["document"].as_str().unwrap(),
            &c["span"],
            c["text"].as_str().unwrap(),
            &what,
        );
    }
    let mut n = 0;
    for f in v["findings"].as_array().unwrap() {
        for e in f["evidence"].as_array().unwrap() {
            let what = format!("evidence of {}", f["id"]);
            check_span(
                &texts,
                e["document"].as_str().unwrap(),
                &e["span"],
                e["text"].as_str().unwrap(),
                &what,
            );
            n += 1;
        }
    }
    assert!(n > 0, "the example has findings with evidence");
}

#[test]
fn json_report_has_the_documented_fields() {
    let r = run(&["check", EXAMPLE, "--format", "json", "--exit-zero"]);
    let v = json(&r.stdout);
    for k in [
        "schema",
        "documents",
        "claims",
        "events",
        "findings",
        "notices",
        "summary",
    ] {
        assert!(!v[k].is_null(), "report without {k}");
    }
    for d in v["documents"].as_array().unwrap() {
        for k in ["id", "path", "published", "published_source"] {
            assert!(d.get(k).is_some(), "document without {k}: {d}");
        }
        let src = &d["published_source"];
        assert!(
            src.is_null()
                || ["manifest", "date-line", "dateline", "inferred"]
                    .contains(&src.as_str().unwrap()),
            "{src}"
        );
    }
    for c in v["claims"].as_array().unwrap() {
        for k in ["id", "kind", "document", "span", "text"] {
            assert!(c.get(k).is_some(), "claim without {k}: {c}");
        }
    }
    for e in v["events"].as_array().unwrap() {
        for k in [
            "id",
            "kind",
            "label",
            "participants",
            "places",
            "date",
            "documents",
            "dissenting_documents",
            "claims",
        ] {
            assert!(e.get(k).is_some(), "event without {k}: {e}");
        }
    }
    for f in v["findings"].as_array().unwrap() {
        for k in [
            "id",
            "rule",
            "severity",
            "message",
            "help",
            "fingerprint",
            "evidence",
        ] {
            assert!(f.get(k).is_some(), "finding without {k}: {f}");
        }
        let fp = f["fingerprint"].as_str().unwrap();
        assert!(
            fp.len() == 64 && fp.bytes().all(|b| b.is_ascii_hexdigit()),
            "SHA-256 hex: {fp}"
        );
        for e in f["evidence"].as_array().unwrap() {
            for k in ["document", "claim", "span", "text", "value"] {
                assert!(e.get(k).is_some(), "evidence without {k}: {e}");
            }
        }
    }
    let s = &v["summary"];
    let count = |sev: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == sev)
            .count() as u64
    };
    assert_eq!(s["errors"].as_u64().unwrap(), count("error"));
    assert_eq!(s["warnings"].as_u64().unwrap(), count("warning"));
    assert_eq!(s["infos"].as_u64().unwrap(), count("info"));
    assert_eq!(
        s["claims"].as_u64().unwrap(),
        v["claims"].as_array().unwrap().len() as u64
    );
}

#[test]
fn output_file_gets_the_same_report() {
    let dir = common::temp_dir("output");
    let out = dir.join("report.json");
    let r = run(&[
        "check".as_ref(),
        EXAMPLE.as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(r.code, 1, "{}", r.describe());
    assert!(r.stdout.is_empty(), "report went to stdout too");
    let direct = run(&["check", EXAMPLE, "--format", "json"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), direct.stdout);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "temporary files left behind: {left:?}");
}

// ---------------------------------------------------------------------------------------
// The rule language through the command line (docs/rules-language.md)
// ---------------------------------------------------------------------------------------

fn findings_of(report: &str, rule: &str) -> Vec<Value> {
    json(report)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .cloned()
        .collect()
}

#[test]
fn consistency_rule_reports_avoided_spellings() {
    let dir = common::temp_dir("consistency");
    let rule = dir.write(
        "style.yaml",
        "id: HS001/harbour\nseverity: info\nsummary: House style is harbour\n\
         message: \"Use {prefer}, not {found} ({documents})\"\n\
         check:\n  consistency:\n    prefer: harbour\n    avoid: [harbor, harbors]\n",
    );
    let r = run(&[
        "check".as_ref(),
        EXAMPLE.as_ref(),
        "--rules".as_ref(),
        rule.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--fail-on".as_ref(),
        "never".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let fs = findings_of(&r.stdout, "HS001/harbour");
    assert!(!fs.is_empty(), "02_continental-press writes `harbor`");
    for f in &fs {
        assert_eq!(f["severity"], "info");
        let m = f["message"].as_str().unwrap();
        assert!(m.starts_with("Use harbour, not harbor"), "{m}");
        for e in f["evidence"].as_array().unwrap() {
            assert!(
                e["text"]
                    .as_str()
                    .unwrap()
                    .to_lowercase()
                    .starts_with("harbor")
            );
        }
    }
}

const CONDITIONAL: &str = r#"id: HS002/sourced-tolls
severity: warning
summary: Casualty figures need a source
message: "{document}: a figure without a source: {text} (check {field})"
scope:
  kind: quantity
check:
  conditional:
    if: {class: person, predicate: "/^(kill|injure)$/"}
    then: {attributed: "true"}
examples:
  - expect: fail
    articles:
      a.txt: |
        date 2031-03-14
        The fire killed 14 workers on Saturday.
"#;

#[test]
fn conditional_rule_fills_its_placeholders() {
    let dir = common::temp_dir("conditional");
    let rule = dir.write("cond.yaml", CONDITIONAL);
    let r = run(&["rules".as_ref(), "test".as_ref(), rule.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let r = run(&[
        "check".as_ref(),
        EXAMPLE.as_ref(),
        "--rules".as_ref(),
        rule.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--exit-zero".as_ref(),
    ]);
    let fs = findings_of(&r.stdout, "HS002/sourced-tolls");
    assert!(!fs.is_empty(), "{}", r.stdout);
    for f in &fs {
        let m = f["message"].as_str().unwrap();
        assert!(m.contains("(check attributed)") && !m.contains('{'), "{m}");
        assert_eq!(f["evidence"].as_array().unwrap().len(), 1);
    }
}

#[test]
fn attributed_field_reads_the_sentence() {
    let dir = common::temp_dir("attributed");
    let rule = dir.write(
        "cond.yaml",
        CONDITIONAL.replace(
            "  - expect: fail\n    articles:\n      a.txt: |\n        date 2031-03-14\n        The fire killed 14 workers on Saturday.\n",
            "  - expect: pass\n    articles:\n      a.txt: |\n        date 2031-03-14\n        Police said 12 people were injured in the fire.\n",
        ),
    );
    let r = run(&["rules".as_ref(), "test".as_ref(), rule.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.describe());
}

#[test]
fn user_rule_with_a_default_code_replaces_it() {
    let dir = common::temp_dir("override");
    let rule = dir.write(
        "cg201.yaml",
        "id: CG201/my-names\nseverity: info\nsummary: Names, quietly\nmessage: \"{subject}\"\ncheck:\n  name-variant: {}\n",
    );
    let r = run(&[
        "rules".as_ref(),
        "list".as_ref(),
        "--rules".as_ref(),
        rule.as_os_str(),
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stdout.contains("CG201/my-names"), "{}", r.stdout);
    assert!(!r.stdout.contains("CG201/name-variant"), "{}", r.stdout);
    let r = run(&[
        "check".as_ref(),
        EXAMPLE.as_ref(),
        "--rules".as_ref(),
        rule.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--exit-zero".as_ref(),
    ]);
    assert!(findings_of(&r.stdout, "CG201/name-variant").is_empty());
    let fs = findings_of(&r.stdout, "CG201/my-names");
    assert!(
        !fs.is_empty() && fs.iter().all(|f| f["severity"] == "info"),
        "{}",
        r.stdout
    );
}

// ---------------------------------------------------------------------------------------
// --timings
// ---------------------------------------------------------------------------------------

/// `--timings` adds one stderr line per stage (with the memory peak on Linux) and leaves
/// the report exactly as it is without it, for the streamed JSON and for a text format.
#[test]
fn timings_go_to_stderr_and_leave_the_report_alone() {
    for format in ["json", "concise"] {
        let plain = run(&["check", EXAMPLE, "--format", format]);
        let timed = run(&["check", EXAMPLE, "--format", format, "--timings"]);
        assert_eq!(timed.code, plain.code, "{}", timed.describe());
        assert_eq!(
            timed.stdout, plain.stdout,
            "--timings changed the {format} report"
        );
        let stages = [
            "ingest", "segment", "mentions", "resolve", "claims", "events", "graph", "rules",
            "report", "total",
        ];
        for stage in stages {
            let line = timed
                .stderr
                .lines()
                .find(|l| l.starts_with(&format!("timing: {stage} ")))
                .unwrap_or_else(|| panic!("no {stage} line:\n{}", timed.stderr));
            assert!(line.contains(" ms ") && line.contains("MB/s"), "{line}");
            if cfg!(target_os = "linux") {
                assert!(line.contains("peak"), "no memory peak on Linux: {line}");
            }
        }
        assert!(
            timed.stderr.contains("bytes of text"),
            "{}",
            timed.describe()
        );
        assert!(!plain.stderr.contains("timing:"), "{}", plain.describe());
    }
}
