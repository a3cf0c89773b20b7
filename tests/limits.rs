//! Limits and hostile input beyond `bad_input.rs`: every case ends with a clear message
//! (a notice or an error naming the file, with `line:column` for rule files), never a
//! crash, a hang, a partial file or a modified input.

mod common;

use common::{EXAMPLE, check, example_articles, json, os, root, run, temp_dir};
use serde_json::Value;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

const ARTICLE: &str = "date 2031-03-14\nHarbourton, March 14 (Wire) Foreign Minister Ana Ruiz spoke with Ambassador Tomas Held on Wednesday.\nRuiz said 14 workers were killed in the fire on Saturday.\n";

fn json_report(paths: &[&Path]) -> common::Run {
    let mut a: Vec<&OsStr> = paths.iter().map(|p| p.as_os_str()).collect();
    a.extend([os("--format"), os("json"), os("--exit-zero")]);
    check(&a)
}

fn notice_for(report: &Value, path: &Path) -> String {
    let p = path.display().to_string();
    report["notices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["path"] == p.as_str())
        .map(|n| n["message"].as_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("no notice for {p}: {}", report["notices"]))
}

/// Byte offsets where lines start; lines end at \n, \r\n or a lone \r.
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut v = vec![0];
    for i in 0..b.len() {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            v.push(i + 1);
        }
    }
    v
}

/// 1-based line and character column of a byte offset.
fn line_col(text: &str, starts: &[usize], offset: usize) -> (usize, usize) {
    let line = starts.partition_point(|&s| s <= offset);
    let start = starts[line - 1];
    (line, text[start..offset].chars().count() + 1)
}

/// Every claim and evidence span of a JSON report quotes its document's bytes at the
/// reported line and column. Returns how many spans were checked.
fn assert_spans_exact(report: &Value, texts: &dyn Fn(&str) -> String) -> usize {
    let mut n = 0;
    let mut cache: std::collections::HashMap<String, (String, Vec<usize>)> = Default::default();
    let mut one = |doc: &str, span: &Value, quoted: &Value, what: String| {
        let (text, starts) = cache.entry(doc.to_string()).or_insert_with(|| {
            let t = texts(doc);
            let s = line_starts(&t);
            (t, s)
        });
        let text: &str = text;
        let (s, e) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text.get(s..e), quoted.as_str(), "{what}: {span}");
        let (line, column) = line_col(text, starts, s);
        assert_eq!(
            (
                span["line"].as_u64().unwrap() as usize,
                span["column"].as_u64().unwrap() as usize
            ),
            (line, column),
            "{what}: {span}"
        );
        n += 1;
    };
    for c in report["claims"].as_array().unwrap() {
        one(
            c["document"].as_str().unwrap(),
            &c["span"],
            &c["text"],
            format!("claim {}", c["id"]),
        );
    }
    for f in report["findings"].as_array().unwrap() {
        for e in f["evidence"].as_array().unwrap() {
            one(
                e["document"].as_str().unwrap(),
                &e["span"],
                &e["text"],
                format!("evidence of {}", f["id"]),
            );
        }
    }
    n
}

// ---------------------------------------------------------------------------------------
// Input files
// ---------------------------------------------------------------------------------------

#[test]
fn document_without_sentences_is_read_and_noted() {
    let dir = temp_dir("no-sentences");
    let good = dir.write("good.txt", ARTICLE);
    // A date marker, then only rules and punctuation: no sentence to draw a claim from.
    let bare = dir.write("bare.txt", "date 2031-03-14\n---\n* * *\n\"\"\n");
    let r = json_report(&[&good, &bare]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let v = json(&r.stdout);
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    assert!(
        v["claims"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["document"] != "bare"),
        "{}",
        r.stdout
    );
    let m = notice_for(&v, &bare);
    assert!(m.contains("no sentences"), "{m}");
    assert!(r.stderr.contains(&format!("notice: {}", bare.display())));
    // Alone, it is still a bundle: a report with no claims, not an error.
    let r = json_report(&[&bare]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(json(&r.stdout)["claims"].as_array().unwrap().len(), 0);
}

/// A line of `mb` megabytes, no newline: prose (names, figures, days, quotes) every
/// `every` bytes, lower-case words without a full stop in between.
fn long_line(mb: usize, every: usize) -> String {
    let unit = "Foreign Minister Ana Ruiz spoke with Ambassador Tomas Held on Wednesday, and \
                officials said 14 workers were killed, \"we will not allow it\" she said; ";
    let mut text = String::from("date 2031-03-14 ");
    while text.len() < mb * 1024 * 1024 {
        text.push_str(unit);
        let filler = every.saturating_sub(unit.len()) / 5;
        text.push_str(&"word ".repeat(filler));
    }
    assert!(!text.contains('\n'));
    text
}

fn check_long_line(text: &str) {
    let dir = temp_dir("long-line");
    let f = dir.write("line.txt", text);
    let r = json_report(&[&f]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let v = json(&r.stdout);
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    assert!(
        !v["claims"].as_array().unwrap().is_empty(),
        "the prose is still read"
    );
    let n = assert_spans_exact(&v, &|_| text.to_string());
    assert!(n > 0);
}

/// One fictional article of about `bytes`: a live blog of one story, the same people
/// quoted, counted, titled and dated in every update, so that every block of the graph
/// (speaker, counted thing, office, call) is one document's, and each sentence has the
/// whole article's dates and quotations around it.
fn live_blog(bytes: usize) -> String {
    use std::fmt::Write;
    let mut t = String::from(
        "date 2031-05-06\nHarbourton, May 6 (Coastal Wire) Live updates on the crane collapse.\n",
    );
    let mut i = 0;
    while t.len() < bytes {
        writeln!(
            t,
            "Update {i}: Harbour Master Ilse Varnholt said on Tuesday that {} people were \
             injured at the Tarrow terminal. \"We are checking berth {} now, and the crane will \
             be moved by {} pm,\" she said. Deputy Mayor Coran Fenwick spoke with Varnholt on \
             Wednesday about the {} workers still on site.",
            10 + i % 7,
            i % 40,
            1 + i % 11,
            20 + i % 13
        )
        .unwrap();
        i += 1;
    }
    t
}

/// The memory peak of the whole check, from `--timings` (`timing: total ... peak N MB`);
/// None where the platform does not report it.
fn timings_peak_mb(stderr: &str) -> Option<f64> {
    let line = stderr.lines().find(|l| l.starts_with("timing: total"))?;
    let (_, after) = line.split_once("peak")?;
    after.split_whitespace().next()?.parse().ok()
}

/// One 1 MiB article completes within a memory bound: nothing in the pipeline holds
/// pairs of one article's sentences, quotations or figures. Before, every block of one
/// document listed all its pairs (those of one speaker's 4,800 quotations alone are
/// 11 million), and the same text took time growing with the square of its length in
/// the claims, events and graph stages. The bound is read from `--timings`; the test
/// has no timer.
#[test]
fn one_big_article_stays_within_a_memory_bound() {
    let text = live_blog(1 << 20);
    let dir = temp_dir("big-article");
    let f = dir.write("live.txt", &text);
    let r = check(&[
        f.as_os_str(),
        os("--format"),
        os("json"),
        os("--timings"),
        os("--exit-zero"),
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let v = json(&r.stdout);
    assert!(v["claims"].as_array().unwrap().len() > 10_000);
    // One document: nothing to compare across, so nothing cut either.
    assert!(!r.stderr.contains("<graph>"), "{}", r.stderr);
    let Some(peak) = timings_peak_mb(&r.stderr) else {
        eprintln!("note: no memory peak on this platform; the run completed");
        return;
    };
    assert!(
        peak < 200.0,
        "peak {peak} MB for 1 MiB of text:\n{}",
        r.stderr
    );
}

/// Sentences over `segment::MAX_SENTENCE_BYTES` are cut, and quotation lookups reach at
/// most `MAX_REACH` bytes, so work stays linear: this ran for over ten minutes before.
/// The normal run has prose every 64 KB (a debug build analyses prose at roughly 30 s per
/// MB); the ignored test is 10 MB of dense prose (`cargo test --release --test limits --
/// --ignored`).
#[test]
fn ten_megabyte_line_without_newline_completes() {
    check_long_line(&long_line(10, 64 * 1024));
    // And a single 10 MB token with no space or punctuation.
    let dir = temp_dir("blob");
    let blob = dir.write("blob.txt", "x".repeat(10 * 1024 * 1024));
    let r = json_report(&[&blob]);
    assert_eq!(r.code, 0, "{}", r.describe());
}

#[test]
#[ignore = "slow in a debug build: 10 MB of dense prose on one line; run with --release"]
fn ten_megabyte_line_of_dense_prose_completes() {
    check_long_line(&long_line(10, 0));
}

#[test]
fn nul_byte_deep_in_a_text_file_is_binary() {
    let dir = temp_dir("nul");
    dir.write("good.txt", ARTICLE);
    let mut bytes = ARTICLE.repeat(100).into_bytes();
    bytes.push(0);
    bytes.extend_from_slice(ARTICLE.as_bytes());
    let f = dir.write("late-nul.txt", bytes);
    let r = json_report(&[dir.path()]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let v = json(&r.stdout);
    assert!(notice_for(&v, &f).contains("NUL"));
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    // UTF-16 that decodes to a NUL is binary too.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("ab\0cd".encode_utf16().flat_map(|u| u.to_le_bytes()));
    let f = dir.write("nul16.txt", utf16);
    let r = json_report(&[dir.path()]);
    assert!(notice_for(&json(&r.stdout), &f).contains("NUL"));
}

#[test]
fn utf16_big_endian_is_decoded_and_spans_refer_to_the_decoded_text() {
    let dir = temp_dir("utf16be");
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(ARTICLE.encode_utf16().flat_map(|u| u.to_be_bytes()));
    let f = dir.write("be.txt", bytes);
    let r = json_report(&[&f]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let v = json(&r.stdout);
    assert_eq!(v["documents"][0]["published"], "2031-03-14");
    // Documented in docs/security.md: offsets are into the UTF-8 re-encoding.
    let n = assert_spans_exact(&v, &|_| ARTICLE.to_string());
    assert!(n > 0, "{}", r.stdout);
}

#[test]
fn crlf_and_lone_cr_keep_spans_and_line_numbers_exact() {
    let src = std::fs::read_to_string(example_articles()[0].clone()).unwrap();
    let lf = json_report(&[&example_articles()[0]]);
    let lf = json(&lf.stdout);
    for (name, eol) in [("crlf", "\r\n"), ("cr", "\r")] {
        let dir = temp_dir(name);
        let text = src.replace('\n', eol);
        let f = dir.write("01_meridian-times.txt", &text);
        let r = json_report(&[&f]);
        assert_eq!(r.code, 0, "{}", r.describe());
        let v = json(&r.stdout);
        let n = assert_spans_exact(&v, &|_| text.clone());
        assert!(n > 5, "{name}: too few spans checked ({n})");
        // The same claims as with \n endings, on the same lines.
        let key = |v: &Value| -> Vec<(String, u64, u64)> {
            v["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    (
                        c["kind"].as_str().unwrap().to_string(),
                        c["span"]["line"].as_u64().unwrap(),
                        c["span"]["column"].as_u64().unwrap(),
                    )
                })
                .collect()
        };
        assert_eq!(
            key(&v),
            key(&lf),
            "{name}: claims differ from the \\n version"
        );
    }
}

#[test]
fn directory_symlink_loop_is_visited_once() {
    let dir = temp_dir("symlink-loop");
    dir.write("a/article.txt", ARTICLE);
    let link = dir.join("a/back");
    std::os::unix::fs::symlink(dir.join("a"), &link).unwrap();
    let self_link = dir.join("a/self");
    std::os::unix::fs::symlink(".", &self_link).unwrap();
    let r = json_report(&[&dir.join("a")]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let v = json(&r.stdout);
    assert_eq!(v["documents"].as_array().unwrap().len(), 1, "{}", r.stdout);
    assert!(notice_for(&v, &link).contains("symlink loop"));
    assert!(notice_for(&v, &self_link).contains("symlink loop"));
}

#[test]
fn unreadable_file_exits_2_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("unreadable");
    dir.write("good.txt", ARTICLE);
    let locked = dir.write("locked.txt", ARTICLE);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&locked).is_ok() {
        // Root (as in many CI containers) reads the file regardless of its mode.
        eprintln!(
            "note: running with privileges that ignore file modes; skipping the unreadable-file test"
        );
        return;
    }
    let r = check(&[dir.path().as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(
        r.stderr.contains(&locked.display().to_string()),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("ermission denied"), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "no report on an input error");
}

fn many_tiny_files(n: usize) {
    let dir = temp_dir("many");
    let started = std::time::Instant::now();
    for i in 0..n {
        // Ten files per folder level-1, so both the walk and the sort get work.
        dir.write(
            &format!("d{:03}/f{i:06}.txt", i % 1000),
            format!("date 2031-03-14\nStory {i}: the council met on Monday.\n"),
        );
    }
    eprintln!("created {n} files in {:?}", started.elapsed());
    let started = std::time::Instant::now();
    let r = check(&[dir.path().as_os_str(), os("--format"), os("json")]);
    eprintln!("checked {n} files in {:?}", started.elapsed());
    assert_eq!(r.code, 0, "{}", r.describe());
    let v = json(&r.stdout);
    assert_eq!(v["summary"]["documents"], n);
    assert!(v["notices"].as_array().unwrap().is_empty());
}

/// 10,000 files in the normal run; `cargo test -- --ignored` runs 100,000.
#[test]
fn ten_thousand_tiny_files() {
    many_tiny_files(10_000);
}

#[test]
#[ignore = "slow: 100,000 files; run with `cargo test --test limits -- --ignored`"]
fn hundred_thousand_tiny_files() {
    many_tiny_files(100_000);
}

// ---------------------------------------------------------------------------------------
// Rule files
// ---------------------------------------------------------------------------------------

const RULE_HEAD: &str = "id: CG900/x\nseverity: warning\nsummary: s\nmessage: m\n";

/// A rule file `src` is refused: exit 2, `path:LINE:COLUMN:` and `want` on stderr.
fn assert_rule_refused(name: &str, src: &str, line: usize, want: &str) -> String {
    let dir = temp_dir(name);
    let f = dir.write("r.yaml", src);
    let r = check(&[os(EXAMPLE), os("--rules"), f.as_os_str()]);
    assert_eq!(r.code, 2, "{name}: {}", r.describe());
    assert!(r.stdout.is_empty(), "{name}: no report");
    let prefix = format!("{}:{line}:", f.display());
    let at = r
        .stderr
        .find(&prefix)
        .unwrap_or_else(|| panic!("{name}: expected {prefix} in\n{}", r.stderr));
    let col = r.stderr[at + prefix.len()..].split(':').next().unwrap();
    assert!(
        col.parse::<usize>().is_ok_and(|c| c >= 1),
        "{name}: column in {}",
        r.stderr
    );
    assert!(
        r.stderr.contains(want),
        "{name}: expected `{want}` in\n{}",
        r.stderr
    );
    assert!(
        r.stderr.len() < 20_000,
        "{name}: error message is {} bytes",
        r.stderr.len()
    );
    r.stderr
}

#[test]
fn alias_bomb_in_a_rule_file_is_refused() {
    // Typed fields refuse nested lists at the first `[`, so the bomb is one a rule could
    // really carry: a 64 KB spelling repeated 5,000 times through aliases (320 MB).
    let s = format!(
        "{RULE_HEAD}check:\n  consistency:\n    prefer: &big \"{}\"\n    avoid: [{}]\n",
        "x".repeat(64 * 1024),
        vec!["*big"; 5_000].join(", ")
    );
    let err = assert_rule_refused("alias-bomb", &s, 8, "alias");
    assert!(err.contains("budget") || err.contains("limit"), "{err}");
    // And a nested bomb, refused too (by the types or by the budgets).
    let mut s = String::from(RULE_HEAD);
    s.push_str(
        "check:\n  consistency:\n    prefer: p\n    avoid: &a0 [x, x, x, x, x, x, x, x, x, x]\n",
    );
    s.push_str("examples:\n");
    for i in 1..12 {
        let p = i - 1;
        s.push_str(&format!(
            "  - &a{i} [{}]\n",
            vec![format!("*a{p}"); 10].join(", ")
        ));
    }
    assert_rule_refused("alias-bomb-nested", &s, 10, "");
}

#[test]
fn deep_nesting_in_a_rule_file_is_refused() {
    let flow = format!(
        "{RULE_HEAD}check: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    // The `check` field takes a mapping: a sequence is refused at its first bracket.
    assert_rule_refused("deep-flow", &flow, 5, "");
    // Where a mapping is accepted, nesting is refused by the depth budget.
    let mapping = format!(
        "{RULE_HEAD}check: {}{}\n",
        "{a: ".repeat(10_000),
        "}".repeat(10_000)
    );
    assert_rule_refused("deep-mapping", &mapping, 5, "");
    let mut block = String::from(RULE_HEAD);
    block.push_str("check:\n");
    for i in 0..200 {
        block.push_str(&format!("{}k{i}:\n", "  ".repeat(i + 1)));
    }
    assert_rule_refused("deep-block", &block, 6, "");
}

#[test]
fn huge_scalar_in_a_rule_file_is_refused() {
    let s = format!(
        "{RULE_HEAD}help: \"{}\"\ncheck:\n  name-variant: {{}}\n",
        "x".repeat(2 * 1024 * 1024)
    );
    // The limit in words, and what to do about it; no Rust debug text.
    let err = assert_rule_refused("huge-scalar", &s, 5, "more than 1 MiB");
    assert!(err.contains("split the rules into several files"), "{err}");
    assert!(
        !err.contains("ScalarBytes") && !err.contains("bytes: "),
        "{err}"
    );
}

#[test]
fn budget_errors_say_the_limit_in_words() {
    // Nesting: yaml::tests::budgets_are_said_in_words (typed fields refuse it here first).
    // Too many anchors in a manifest, which has the generous limits.
    let dir = temp_dir("anchors");
    dir.write("a.txt", ARTICLE);
    let mut m = String::from("documents:\n");
    for i in 0..60_000 {
        m.push_str(&format!("  d{i}: &x{i} {{outlet: o}}\n"));
    }
    let manifest = dir.write("bundle.yaml", &m);
    let r = check(&[dir.path().as_os_str(), os("--no-config")]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(
        r.stderr.contains(&format!("{}:", manifest.display())),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("too many anchors (`&name`): more than 50000"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("Anchors {"), "{}", r.stderr);
}

#[test]
fn huge_regex_in_a_rule_is_refused_at_its_position() {
    let s = format!(
        "{RULE_HEAD}scope:\n  kind: quote\n  where:\n    speaker: \"/\\\\w{{1000}}{{1000}}/\"\ncheck:\n  quote-drift: {{}}\n"
    );
    let err = assert_rule_refused("huge-regex", &s, 8, "regex");
    assert!(
        err.contains("size limit") || err.contains("too big"),
        "{err}"
    );
}

#[test]
fn unclosed_and_unknown_placeholders_in_a_conditional_rule() {
    // `{speaker}` belongs to other checks: refused with the checks' own placeholders.
    let s = "id: CG900/x\nseverity: info\nsummary: s\nmessage: \"{text} by {speaker} {\"\ncheck:\n  conditional:\n    if: {class: person}\n    then: {attributed: \"true\"}\n";
    let err = assert_rule_refused("placeholder", s, 4, "{speaker}");
    assert!(err.contains("{text}"), "{err}");
}

// ---------------------------------------------------------------------------------------
// Inputs are never modified
// ---------------------------------------------------------------------------------------

fn fingerprint(dir: &Path) -> Vec<(PathBuf, String, std::time::SystemTime, u32)> {
    use sha2::Digest;
    use std::os::unix::fs::PermissionsExt;
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.is_dir() {
                stack.push(p.clone());
                out.push((
                    p,
                    String::new(),
                    meta.modified().unwrap(),
                    meta.permissions().mode(),
                ));
            } else {
                let hash: String = sha2::Sha256::digest(std::fs::read(&p).unwrap())
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                out.push((p, hash, meta.modified().unwrap(), meta.permissions().mode()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn inputs_are_never_modified() {
    let dir = temp_dir("untouched");
    for f in std::fs::read_dir(root().join(EXAMPLE)).unwrap() {
        let p = f.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap().to_str().unwrap())).unwrap();
    }
    // Every kind of input: CRLF, Latin-1, UTF-16, a user rule, a config, entities.
    dir.write("crlf.txt", ARTICLE.replace('\n', "\r\n"));
    dir.write(
        "latin1.txt",
        b"date 2031-03-14\nThe caf\xe9 reopened on Friday.\n",
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(ARTICLE.encode_utf16().flat_map(|u| u.to_le_bytes()));
    dir.write("utf16.txt", utf16);
    let rule = dir.write(
        "rules/style.yaml",
        "id: HS001/harbour\nseverity: info\nsummary: s\nmessage: \"Use {prefer}\"\ncheck:\n  consistency:\n    prefer: harbour\n    avoid: [harbor]\n",
    );
    dir.write("claimgraph.yml", "ignore: [CG5]\n");
    dir.write(
        "entities.yaml",
        "entities:\n  - name: Ana Ruiz\n    aliases: [Ruiz]\n",
    );
    let before = fingerprint(dir.path());
    let out = temp_dir("untouched-out");
    let report = out.join("report.json");
    let d = dir.path().as_os_str();
    let runs: Vec<Vec<OsString>> = vec![
        vec!["check".into(), d.into()],
        vec!["check".into(), d.into(), "--format".into(), "json".into()],
        vec![
            "check".into(),
            d.into(),
            "--rules".into(),
            rule.clone().into(),
            "-o".into(),
            report.clone().into(),
        ],
        vec!["claims".into(), d.into()],
        vec!["graph".into(), d.into()],
        vec!["times".into(), dir.join("crlf.txt").into()],
    ];
    for args in &runs {
        let r = run(args);
        assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.describe());
    }
    assert!(report.is_file());
    let after = fingerprint(dir.path());
    assert_eq!(
        before.len(),
        after.len(),
        "files were added or removed among the inputs"
    );
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a, "an input changed (hash, modification time or mode)");
    }
}

// ---------------------------------------------------------------------------------------
// Terminals
// ---------------------------------------------------------------------------------------

/// Nothing that can move the cursor, clear the screen or rewrite a line.
fn assert_terminal_safe(what: &str, s: &str) {
    assert!(!s.contains('\x1b'), "{what}: ESC in the output:\n{s:?}");
    assert!(
        !s.contains('\r'),
        "{what}: carriage return in the output:\n{s:?}"
    );
    assert!(
        !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{what}: control character in the output:\n{s:?}"
    );
}

#[test]
fn screen_clearing_escapes_and_carriage_returns_never_reach_the_terminal() {
    let dir = temp_dir("ansi-clear");
    let hostile = "date 2031-03-14\nHarbourton, March 14 (Post) \x1b[2JForeign Minister Ana Ruiz spoke with Ambassador \x1b]0;pwned\x07Tomas Held on Tuesday,\r officials said. \"We agreed\x1b[1A\x1b[K,\" Ruiz said. 9 workers\x08\x08 were killed on\x0b Saturday.\n";
    dir.write("a.txt", ARTICLE);
    dir.write("b.txt", hostile);
    let d = dir.path().as_os_str();
    let r = check(&[d, os("--exit-zero")]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(
        r.stdout.contains("Ruiz"),
        "the article is reported: {}",
        r.stdout
    );
    assert_terminal_safe("check (text)", &r.stdout);
    assert_terminal_safe("check (stderr)", &r.stderr);
    let r = run(&[os("claims"), d]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_terminal_safe("claims (table)", &r.stdout);
    let r = run(&[os("times"), dir.join("b.txt").as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stdout.contains("Tuesday"), "{}", r.stdout);
    assert_terminal_safe("times (table)", &r.stdout);
    // JSON escapes them: the bytes are kept, but as \u001b, never raw.
    let r = check(&[d, os("--format"), os("json"), os("--exit-zero")]);
    assert!(!r.stdout.contains('\x1b') && !r.stdout.contains('\r'));
}

#[test]
fn escapes_in_file_names_never_reach_the_terminal() {
    let dir = temp_dir("ansi-name");
    dir.write("a.txt", ARTICLE);
    dir.write("b\x1b[2J.txt", ARTICLE.replace("Wednesday", "Tuesday"));
    dir.write("c\x1b[31m.csv", "x");
    let r = check(&[dir.path().as_os_str(), os("--exit-zero")]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_terminal_safe("check (text)", &r.stdout);
    assert_terminal_safe("check (stderr)", &r.stderr);
}
