//! Every report format on the example bundle (insta snapshots in `snapshots/`), the SARIF
//! schema check, escaping in HTML, Markdown and GitHub annotations, colour, baselines,
//! inline suppressions and the exit codes that go with them.

mod common;

use common::{EXAMPLE, example_articles, json, run, snapshot_settings, temp_dir};
use std::path::Path;

// ---------------------------------------------------------------------------------------
// Snapshots: one per format
// ---------------------------------------------------------------------------------------

fn snapshot_format(format: &str) {
    let r = run(&["check", EXAMPLE, "--format", format]);
    assert_eq!(r.code, 1, "{}", r.describe());
    snapshot_settings().bind(|| {
        insta::assert_snapshot!(format!("check-harbour-talks-{format}"), r.stdout);
    });
}

#[test]
fn snapshot_full() {
    snapshot_format("full");
}

#[test]
fn snapshot_concise() {
    snapshot_format("concise");
}

#[test]
fn snapshot_jsonl() {
    snapshot_format("jsonl");
}

#[test]
fn snapshot_markdown() {
    snapshot_format("markdown");
}

#[test]
fn snapshot_sarif() {
    snapshot_format("sarif");
}

#[test]
fn snapshot_github() {
    snapshot_format("github");
}

#[test]
fn snapshot_html() {
    snapshot_format("html");
}

#[test]
fn text_is_an_alias_of_full_and_the_default_without_a_terminal() {
    let full = run(&["check", EXAMPLE, "--format", "full"]);
    let text = run(&["check", EXAMPLE, "--format", "text"]);
    let default = run(&["check", EXAMPLE]);
    assert_eq!(full.stdout, text.stdout);
    assert_eq!(full.stdout, default.stdout);
    // Not a terminal: no colour.
    assert!(!default.stdout.contains('\u{1b}'));
}

#[test]
fn color_always_and_never() {
    let always = run(&["check", EXAMPLE, "--color", "always"]);
    assert!(always.stdout.contains("\u{1b}["), "no ANSI styles");
    let never = run(&["check", EXAMPLE, "--color", "never"]);
    assert!(!never.stdout.contains('\u{1b}'));
    assert_eq!(always.code, 1);
}

#[test]
fn jsonl_lines_are_the_json_findings() {
    let report = json(&run(&["check", EXAMPLE, "--format", "json"]).stdout);
    let lines = run(&["check", EXAMPLE, "--format", "jsonl"]).stdout;
    let parsed: Vec<serde_json::Value> = lines.lines().map(json).collect();
    assert_eq!(&parsed, report["findings"].as_array().unwrap());
}

#[test]
fn concise_is_one_line_per_finding() {
    let report = json(&run(&["check", EXAMPLE, "--format", "json"]).stdout);
    let out = run(&["check", EXAMPLE, "--format", "concise"]).stdout;
    let n = report["findings"].as_array().unwrap().len();
    assert_eq!(out.lines().count(), n);
    let first = out.lines().next().unwrap();
    let f = &report["findings"][0];
    let code = f["rule"].as_str().unwrap().split('/').next().unwrap();
    assert!(
        first.starts_with(&format!(
            "examples/harbour-talks/{}.txt:{}:{}: {code} {} ",
            f["evidence"][0]["document"].as_str().unwrap(),
            f["evidence"][0]["span"]["line"],
            f["evidence"][0]["span"]["column"],
            f["severity"].as_str().unwrap()
        )),
        "{first}"
    );
}

#[test]
fn output_file_gets_the_report() {
    let dir = temp_dir("output");
    let out = dir.join("report.html");
    let r = run(&[
        "check",
        EXAMPLE,
        "--format",
        "html",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{}", r.describe());
    assert!(r.stdout.is_empty());
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
}

// ---------------------------------------------------------------------------------------
// SARIF against the vendored schema
// ---------------------------------------------------------------------------------------

const BROKEN_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

fn repair_language_patterns(v: &mut serde_json::Value) -> usize {
    match v {
        serde_json::Value::Object(m) => {
            let mut n = 0;
            for (k, x) in m.iter_mut() {
                if k == "pattern" && x == BROKEN_PATTERN {
                    *x = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
                    n += 1;
                } else {
                    n += repair_language_patterns(x);
                }
            }
            n
        }
        serde_json::Value::Array(a) => a.iter_mut().map(repair_language_patterns).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    // The schema's `language` patterns, `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, have a
    // stray `]` and fail the strict `regex` format check when the schema itself is checked
    // against the draft-04 meta-schema. Repair them in memory (the vendored file stays as
    // published); we never emit a `language`.
    let mut schema = schema;
    assert!(repair_language_patterns(&mut schema) >= 1);
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let r = run(&["check", EXAMPLE, "--format", "sarif"]);
    let sarif = json(&r.stdout);
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF is not valid:\n{}",
        errors.join("\n")
    );
    // A broken document is caught: the check is not vacuous.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));

    let run0 = &sarif["runs"][0];
    let report = json(&run(&["check", EXAMPLE, "--format", "json"]).stdout);
    let findings = report["findings"].as_array().unwrap();
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (res, f) in results.iter().zip(findings) {
        assert_eq!(
            res["partialFingerprints"]["claimgraph/v1"],
            f["fingerprint"]
        );
        let ev = f["evidence"].as_array().unwrap();
        let region = &res["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], ev[0]["span"]["line"]);
        assert_eq!(region["snippet"]["text"], ev[0]["text"]);
        let related = res["relatedLocations"].as_array().map_or(0, Vec::len);
        assert_eq!(related, ev.len() - 1);
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run0["tool"]["driver"]["rules"][idx]["id"], res["ruleId"]);
    }
    for rule in run0["tool"]["driver"]["rules"].as_array().unwrap() {
        for k in ["id", "name", "shortDescription", "fullDescription", "help"] {
            assert!(!rule[k].is_null(), "rule without {k}: {rule}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------------------

const PAYLOAD: &str =
    r#"<script>alert(1)</script> "><img src=x onerror=alert(2)> ' onmouseover='alert(3)"#;

/// A rule that reports every quote with its sentence in the message, so the hostile text
/// below reaches a finding's message, its evidence, the per-document view and attributes.
const EVERY_QUOTE_RULE: &str = r#"id: CG901/every-quote
severity: warning
summary: Every quote, for the escaping tests
message: "quoted: {text}"
help: "Help with <b>markup</b> from a rule file."
scope:
  kind: quote
check:
  conditional:
    if: {kind: quote}
    then: {channel: /^this never matches$/}
"#;

/// A bundle with `<script>`, attribute-breaking quotes, an @-mention and links in a quoted
/// sentence (a finding quotes it) and on a line of their own (only the per-document view
/// shows that one). Returns the directory and the `check` arguments.
fn hostile_bundle() -> (common::TempDir, Vec<String>) {
    let dir = temp_dir("hostile");
    dir.write(
        "a.txt",
        format!(
            "date 2031-03-14\nHarbourton, March 14 (Wire) \"We saw <script>alert(1)</script> and ' onmouseover='alert(3) @octocat https://evil.example today,\" Foreign Minister Ana Ruiz said on Wednesday.\n\n{PAYLOAD} [click](https://evil.example) @octocat www.evil.example\n"
        ),
    );
    let rule = dir.write("rule.yaml", EVERY_QUOTE_RULE);
    let args = vec![
        "check".to_string(),
        dir.join("a.txt").to_str().unwrap().to_string(),
        "--rules".into(),
        rule.to_str().unwrap().to_string(),
        "--exit-zero".into(),
    ];
    (dir, args)
}

/// The names of every tag in `html`.
fn tags(html: &str) -> Vec<String> {
    let re = regex::Regex::new(r"<\s*/?\s*([A-Za-z!][A-Za-z0-9]*)").unwrap();
    re.captures_iter(html)
        .map(|c| c[1].to_lowercase())
        .collect()
}

#[test]
fn html_has_no_live_markup_from_articles_and_makes_no_requests() {
    let (_dir, mut args) = hostile_bundle();
    args.extend(["--format".into(), "html".into()]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.describe());
    let html = &r.stdout;
    // The finding quotes the payload (message, evidence, per-document view), escaped.
    assert!(
        html.contains("CG901/every-quote"),
        "the finding with the payload is gone"
    );
    assert!(
        html.matches("&lt;script&gt;alert(1)&lt;/script&gt;")
            .count()
            >= 3
    );
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    assert!(html.contains("&#39; onmouseover=&#39;alert(3)"));
    assert!(html.contains("Help with &lt;b&gt;markup&lt;/b&gt;"));
    // No tag from the payload: its `<` are all `&lt;`. (Its words, such as `onerror=`, are
    // still there as text; the attribute check below shows they are in no tag.)
    let lower = html.to_lowercase();
    for bad in ["<script", "<img", "javascript:"] {
        assert!(!lower.contains(bad), "live markup {bad:?} in the HTML");
    }
    let allowed = [
        "!doctype",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "span",
        "nav",
        "a",
        "section",
        "article",
        "div",
        "figure",
        "figcaption",
        "blockquote",
        "mark",
        "b",
        "ol",
        "ul",
        "li",
        "time",
        "br",
        "details",
        "summary",
    ];
    for t in tags(html) {
        assert!(allowed.contains(&t.as_str()), "unexpected tag <{t}>");
    }
    // Attributes: only ours, and every value quoted.
    let attr = regex::Regex::new(r#"<[a-z0-9]+((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*/?>"#).unwrap();
    let open = regex::Regex::new(r"<[a-z][a-z0-9]*[\s>]").unwrap();
    assert_eq!(
        attr.find_iter(html).count(),
        open.find_iter(html).count(),
        "a tag with an unquoted or broken attribute"
    );
    let name = regex::Regex::new(r#"\s([a-z-]+)(="[^"]*")?"#).unwrap();
    for c in attr.captures_iter(html) {
        for a in name.captures_iter(&c[1]) {
            assert!(
                [
                    "class",
                    "id",
                    "href",
                    "title",
                    "lang",
                    "charset",
                    "http-equiv",
                    "content",
                    "name",
                    "open"
                ]
                .contains(&&a[1]),
                "unexpected attribute {}",
                &a[1]
            );
        }
    }
    // Links stay inside the page; nothing is fetched.
    for h in regex::Regex::new(r#"href="([^"]*)""#)
        .unwrap()
        .captures_iter(html)
    {
        assert!(h[1].starts_with('#'), "link out of the page: {}", &h[1]);
    }
    assert!(!lower.contains("url("), "CSS loads a resource");
    assert!(html.contains("default-src 'none'"));
}

#[test]
fn markdown_has_no_live_markup_mentions_or_links_from_articles() {
    let (_dir, mut args) = hostile_bundle();
    args.extend(["--format".into(), "markdown".into()]);
    let r = run(&args);
    let md = &r.stdout;
    assert!(md.contains("CG901"), "{md}");
    assert!(!md.contains("<b>markup"), "{md}");
    assert!(!md.contains("www.evil"), "{md}");
    for bad in [
        "<script",
        "<img",
        "@octocat",
        "https://evil",
        "](",
        "onerror=alert(2)>",
    ] {
        assert!(!md.contains(bad), "{bad:?} survives in the Markdown");
    }
    // Only our own tags.
    for t in tags(md) {
        assert!(
            ["details", "summary", "b", "code"].contains(&t.as_str()),
            "unexpected tag <{t}>"
        );
    }
}

#[test]
fn github_annotations_cannot_be_broken_by_article_text() {
    let dir = temp_dir("gh");
    let a = "date 2031-03-14\nHarbourton, March 14 (Wire) Foreign Minister Ana Ruiz spoke with Ambassador Tomas Held on Wednesday.\n";
    let b = "date 2031-03-14\nHarbourton, March 14 (Post) Foreign Minister Ana Ruis spoke with Ambassador Tomas Held on Wednesday, officials said.\n";
    dir.write("a,b:50%.txt", a);
    dir.write("b.txt", b);
    let r = run(&["check", dir.path().to_str().unwrap(), "--format", "github"]);
    assert_eq!(r.code, 1, "{}", r.describe());
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("::error "))
        .unwrap_or_else(|| panic!("{}", r.describe()));
    assert!(line.contains("a%2Cb%3A50%25.txt"), "{line}");
    assert!(
        line.contains("title=CG201 name-variant (error)::"),
        "{line}"
    );
    // Every line is a workflow command: nothing from the articles starts a line.
    for l in r.stdout.lines() {
        assert!(l.starts_with("::"), "{l}");
    }
}

// ---------------------------------------------------------------------------------------
// Baseline
// ---------------------------------------------------------------------------------------

fn copy_example(name: &str) -> common::TempDir {
    let dir = temp_dir(name);
    for p in example_articles() {
        dir.write(
            p.file_name().unwrap().to_str().unwrap(),
            std::fs::read(&p).unwrap(),
        );
    }
    std::fs::copy(
        common::root().join(EXAMPLE).join("bundle.yaml"),
        dir.join("bundle.yaml"),
    )
    .unwrap();
    dir
}

#[test]
fn baseline_round_trip_reports_only_the_new_finding() {
    let dir = copy_example("baseline");
    let bundle = dir.path().to_str().unwrap().to_string();
    let base = dir.join("baseline.json");
    let base = base.to_str().unwrap();
    let before = json(&run(&["check", &bundle, "--format", "json"]).stdout);
    let n_before = before["findings"].as_array().unwrap().len();

    let w = run(&[
        "check",
        &bundle,
        "--write-baseline",
        base,
        "--format",
        "concise",
    ]);
    assert_eq!(w.code, 0, "writing a baseline exits 0: {}", w.describe());
    assert!(
        w.stderr.contains(&format!("wrote {n_before} findings")),
        "{}",
        w.stderr
    );
    let file = json(&std::fs::read_to_string(base).unwrap());
    assert_eq!(file["schema"], "claimgraph/baseline/v1");
    assert_eq!(file["findings"].as_array().unwrap().len(), n_before);

    // Unchanged articles: everything is known, exit 0.
    let same = run(&["check", &bundle, "--baseline", base, "--format", "json"]);
    assert_eq!(same.code, 0, "{}", same.describe());
    let v = json(&same.stdout);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    assert_eq!(v["baseline"]["hidden"], n_before);
    assert!(
        same.stderr
            .contains(&format!("{n_before} known findings hidden"))
    );

    // Edit one article: a new count that disagrees with the others.
    let p = dir.join("05_tidewater-review.txt");
    let mut text = std::fs::read_to_string(&p).unwrap();
    text.push_str("\nThe fire killed 16 dock workers, the port authority said on Friday.\n");
    std::fs::write(&p, text).unwrap();

    let after = run(&["check", &bundle, "--baseline", base, "--format", "json"]);
    assert_eq!(after.code, 1, "{}", after.describe());
    let v = json(&after.stdout);
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{}", after.stdout);
    assert_eq!(findings[0]["rule"], "CG401/numeric-conflict");
    assert!(
        findings[0]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["text"].as_str().unwrap().contains("16 dock workers"))
    );
    assert_eq!(v["baseline"]["hidden"], n_before);
    assert_eq!(v["baseline"]["stale"].as_array().unwrap().len(), 0);
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn baseline_entries_that_no_longer_match_are_listed() {
    let dir = copy_example("stale");
    let bundle = dir.path().to_str().unwrap().to_string();
    let base = dir.join("baseline.json");
    let base = base.to_str().unwrap();
    run(&["check", &bundle, "--write-baseline", base]);
    // Fix the misspelling: the name-variant and role-conflict findings go away.
    let p = dir.join("04_coast-chronicle.txt");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("Brenholt", "Brennholt");
    std::fs::write(&p, text).unwrap();
    let r = run(&["check", &bundle, "--baseline", base, "--format", "json"]);
    let v = json(&r.stdout);
    let stale: Vec<&str> = v["baseline"]["stale"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["rule"].as_str().unwrap())
        .collect();
    assert!(stale.contains(&"CG201/name-variant"), "{stale:?}");
    assert!(r.stderr.contains("no longer match"), "{}", r.stderr);
}

#[test]
fn a_bad_baseline_is_an_error() {
    let dir = temp_dir("badbase");
    let cases = [
        ("garbage.json", "{not json", "invalid JSON"),
        (
            "newer.json",
            r#"{"schema": "claimgraph/baseline/v9", "findings": []}"#,
            "newer",
        ),
        (
            "other.json",
            r#"{"schema": "something/else", "findings": []}"#,
            "unknown schema",
        ),
        ("noschema.json", r#"{"findings": []}"#, "no \"schema\""),
    ];
    for (name, content, want) in cases {
        let p = dir.write(name, content);
        let r = run(&["check", EXAMPLE, "--baseline", p.to_str().unwrap()]);
        assert_eq!(r.code, 2, "{name}: {}", r.describe());
        assert!(r.stderr.contains(want), "{name}: {}", r.stderr);
        assert!(
            r.stderr.contains(name),
            "the message names the file: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "no report when the baseline is bad");
    }
    let r = run(&["check", EXAMPLE, "--baseline", "no/such/baseline.json"]);
    assert_eq!(r.code, 2, "{}", r.describe());
}

// ---------------------------------------------------------------------------------------
// Inline suppression
// ---------------------------------------------------------------------------------------

#[test]
fn inline_suppression_hides_the_finding_in_its_paragraph() {
    let dir = copy_example("suppress");
    let bundle = dir.path().to_str().unwrap().to_string();
    // The defence-minister role conflict: Hendrik Saal in 04.
    let p = dir.join("04_coast-chronicle.txt");
    let text = std::fs::read_to_string(&p).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("Saal told parliament"))
        .expect("04 names Hendrik Saal")
        .to_string();
    let edited = text.replacen(
        &line,
        &format!(
            "<!-- claimgraph: ignore[CG501] reason=\"Saal took over on Friday; confirmed with the desk\" -->\n{line}"
        ),
        1,
    );
    // Two more comments: one without a reason, one that matches nothing.
    let edited = format!(
        "{edited}\nThe port remains closed. <!-- claimgraph: ignore[CG301] -->\n<!-- claimgraph: ignore[CG999] reason=\"nothing here\" -->\n<!-- claimgraph: ignore CG101 -->\n"
    );
    std::fs::write(&p, edited).unwrap();

    let r = run(&["check", &bundle, "--format", "json"]);
    let v = json(&r.stdout);
    let messages: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        !messages.iter().any(|m| m.starts_with("defence minister")),
        "{messages:?}"
    );
    // Findings whose evidence lies in 04's other paragraphs stay.
    assert!(
        messages
            .iter()
            .any(|m| m.contains("one name, two spellings")),
        "a suppression covers its paragraph only: {messages:?}"
    );
    let sups = v["suppressions"].as_array().unwrap();
    assert_eq!(sups.len(), 4, "{sups:?}");
    assert_eq!(sups[0]["suppressed"].as_array().unwrap().len(), 1);
    assert_eq!(sups[0]["scope"], "paragraph");
    assert!(sups[0]["problems"].as_array().unwrap().is_empty());
    let problems = |i: usize| sups[i]["problems"].to_string();
    assert!(problems(1).contains("no reason given"), "{}", problems(1));
    assert!(
        problems(1).contains("matched no finding"),
        "{}",
        problems(1)
    );
    assert!(
        problems(2).contains("matched no finding"),
        "{}",
        problems(2)
    );
    assert!(problems(3).contains("not understood"), "{}", problems(3));
    // Reported on stderr and in the notices, never silently.
    assert!(r.stderr.contains("no reason given"), "{}", r.stderr);
    assert!(r.stderr.contains("matched no finding"), "{}", r.stderr);
    let notices = v["notices"].to_string();
    assert!(notices.contains("no reason given") && notices.contains("not understood"));
    // The comment's reason never becomes a claim.
    assert!(
        !v["claims"].to_string().contains("confirmed with the desk"),
        "a suppression comment was read as article text"
    );
}

#[test]
fn document_scope_and_rule_names() {
    let dir = copy_example("suppress-doc");
    let bundle = dir.path().to_str().unwrap().to_string();
    let p = dir.join("04_coast-chronicle.txt");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        format!("{text}\n<!-- claimgraph: ignore-document[name-variant, CG501/role-conflict] reason=\"house spelling\" -->\n"),
    )
    .unwrap();
    let v = json(&run(&["check", &bundle, "--format", "json"]).stdout);
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"CG201/name-variant"), "{rules:?}");
    assert!(!rules.contains(&"CG501/role-conflict"), "{rules:?}");
    assert!(rules.contains(&"CG101/call-date-conflict"), "{rules:?}");
    assert_eq!(v["suppressions"][0]["scope"], "document");
}

// ---------------------------------------------------------------------------------------
// Exit codes
// ---------------------------------------------------------------------------------------

#[test]
fn exit_codes_for_every_format() {
    for f in [
        "full", "concise", "json", "jsonl", "markdown", "sarif", "github", "html",
    ] {
        assert_eq!(run(&["check", EXAMPLE, "--format", f]).code, 1, "{f}");
        assert_eq!(
            run(&["check", EXAMPLE, "--format", f, "--exit-zero"]).code,
            0,
            "{f}"
        );
    }
    // A usage error wins over findings.
    assert_eq!(run(&["check", EXAMPLE, "--format", "yaml"]).code, 2);
    assert_eq!(run(&["check", EXAMPLE, "--color", "sometimes"]).code, 2);
    let help = run(&["check", "--help"]);
    assert!(help.stdout.contains("Exit codes"), "{}", help.stdout);
}
