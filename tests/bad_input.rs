//! Bad input: every problem gets a clear message naming the file, and the right exit code
//! (2 when the tool cannot do its job; a notice when a file is skipped or repaired).

mod common;

use common::{EXAMPLE, check, json, os, run, temp_dir};
use std::path::Path;

const ARTICLE: &str = "date 2031-03-14\nHarbourton, March 14 (Wire) Foreign Minister Ana Ruiz spoke with Ambassador Tomas Held on Wednesday.\n";

fn notices(report: &str) -> Vec<(String, String)> {
    json(report)["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["path"].as_str().unwrap().to_string(),
                n["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn notice_for<'a>(ns: &'a [(String, String)], path: &Path) -> &'a str {
    let p = path.display().to_string();
    ns.iter()
        .find(|(np, _)| *np == p)
        .map(|(_, m)| m.as_str())
        .unwrap_or_else(|| panic!("no notice for {p}: {ns:?}"))
}

#[test]
fn empty_file_is_skipped_with_a_notice() {
    let dir = temp_dir("empty");
    dir.write("good.txt", ARTICLE);
    let empty = dir.write("empty.txt", "");
    let blank = dir.write("blank.md", "  \n\n \t\n");
    let r = check(&[
        dir.path().as_os_str(),
        os("--format"),
        os("json"),
        os("--exit-zero"),
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let ns = notices(&r.stdout);
    assert!(notice_for(&ns, &empty).contains("empty"), "{ns:?}");
    assert!(notice_for(&ns, &blank).contains("empty"), "{ns:?}");
    assert!(
        r.stderr.contains(&format!("notice: {}", empty.display())),
        "{}",
        r.stderr
    );
    assert_eq!(json(&r.stdout)["documents"].as_array().unwrap().len(), 1);
}

#[test]
fn only_an_empty_file_is_no_articles() {
    let dir = temp_dir("only-empty");
    let empty = dir.write("empty.txt", "");
    let r = check(&[empty.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(r.stderr.contains("no articles"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&empty.display().to_string()),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty(), "{}", r.describe());
}

#[test]
fn binary_file_is_skipped_with_a_notice() {
    let dir = temp_dir("binary");
    dir.write("good.txt", ARTICLE);
    let bin = dir.write("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    let r = check(&[
        dir.path().as_os_str(),
        os("--format"),
        os("json"),
        os("--exit-zero"),
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let ns = notices(&r.stdout);
    let m = notice_for(&ns, &bin);
    assert!(m.contains("binary") && m.contains("NUL"), "{m}");
    assert!(
        r.stderr.contains(&bin.display().to_string()),
        "{}",
        r.stderr
    );
}

#[test]
fn non_utf8_file_is_decoded_lossily_with_a_notice() {
    let dir = temp_dir("latin1");
    // "café" in Latin-1, then ordinary text.
    let bad = dir.write(
        "latin1.txt",
        b"date 2031-03-14\nThe caf\xe9 by the harbour reopened on Friday, the owner said.\n",
    );
    let r = check(&[
        bad.as_os_str(),
        os("--format"),
        os("json"),
        os("--exit-zero"),
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let ns = notices(&r.stdout);
    let m = notice_for(&ns, &bad);
    assert!(m.contains("UTF-8") && m.contains("offset 23"), "{m}");
    let v = json(&r.stdout);
    assert_eq!(
        v["documents"].as_array().unwrap().len(),
        1,
        "the file is still read"
    );
    assert_eq!(v["documents"][0]["published"], "2031-03-14");
}

#[test]
fn utf16_with_bom_is_decoded() {
    let dir = temp_dir("utf16");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(ARTICLE.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let f = dir.write("utf16.txt", bytes);
    let r = check(&[f.as_os_str(), os("--format"), os("json"), os("--exit-zero")]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let v = json(&r.stdout);
    assert_eq!(v["documents"][0]["published"], "2031-03-14");
    assert!(
        v["claims"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "communication"),
        "the decoded text is analysed: {}",
        r.stdout
    );
}

#[test]
fn missing_path_exits_2_naming_it() {
    let r = check(&[os("no/such/bundle")]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(r.stderr.contains("no/such/bundle"), "{}", r.stderr);
    assert!(r.stderr.contains("no such file"), "{}", r.stderr);
}

#[test]
fn missing_path_among_good_ones_exits_2() {
    let r = check(&[os(EXAMPLE), os("no/such/article.txt")]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(r.stderr.contains("no/such/article.txt"), "{}", r.stderr);
    assert!(
        r.stdout.is_empty(),
        "no report on an input error: {}",
        r.stdout
    );
}

#[test]
fn directory_without_articles_exits_2() {
    let dir = temp_dir("no-articles");
    let other = dir.write("notes.csv", "a,b\n");
    let r = check(&[dir.path().as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(r.stderr.contains("no articles"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&dir.path().display().to_string()),
        "{}",
        r.stderr
    );
    let _ = other;
    let empty = temp_dir("empty-dir");
    let r = check(&[empty.path().as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(r.stderr.contains("no articles"), "{}", r.stderr);
}

/// `path:line:column` somewhere in `stderr`, for the file `path`.
fn assert_position(stderr: &str, path: &Path, line: usize, column: usize) {
    let want = format!("{}:{line}:{column}", path.display());
    assert!(stderr.contains(&want), "expected {want} in:\n{stderr}");
}

#[test]
fn malformed_rule_file_exits_2_with_position() {
    let dir = temp_dir("malformed-rule");
    let bad = dir.write(
        "bad.yaml",
        "id: CG900/x\nseverity: warning\nsummary: \"unterminated\nmessage: m\n",
    );
    let r = check(&[os(EXAMPLE), os("--rules"), bad.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(
        r.stderr.contains(&format!("{}:", bad.display())),
        "{}",
        r.stderr
    );
    // file:line:column, whatever column the parser points at.
    let prefix = format!("{}:", bad.display());
    let rest = &r.stderr[r.stderr.find(&prefix).unwrap() + prefix.len()..];
    let mut it = rest.splitn(3, ':');
    let line: usize = it.next().unwrap().parse().expect("a line number");
    let col: usize = it.next().unwrap().parse().expect("a column number");
    assert!(line >= 3 && col >= 1, "{}", r.stderr);
    assert!(r.stdout.is_empty());

    let bad = dir.write("flow.yaml", "id: CG900/x\nseverity: [warning\nsummary: s\n");
    let r = check(&[os(EXAMPLE), os("--rules"), bad.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_position(&r.stderr, &bad, 2, 11);
}

#[test]
fn unknown_rule_field_exits_2_with_position() {
    let dir = temp_dir("unknown-field");
    let bad = dir.write(
        "r.yaml",
        "id: CG900/x\nseverity: warning\nsummary: s\nmessage: m\ncolour: red\ncheck:\n  quote-drift: {}\n",
    );
    let r = check(&[os(EXAMPLE), os("--rules"), bad.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_position(&r.stderr, &bad, 5, 1);
    assert!(r.stderr.contains("unknown field `colour`"), "{}", r.stderr);
}

#[test]
fn unknown_check_option_exits_2() {
    let dir = temp_dir("unknown-option");
    let bad = dir.write(
        "r.yaml",
        "id: CG900/x\nseverity: warning\nsummary: s\nmessage: m\ncheck:\n  quote-drift:\n    min-similarty: 0.5\n",
    );
    let r = check(&[os(EXAMPLE), os("--rules"), bad.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(r.stderr.contains("min-similarty"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("{}:7:", bad.display())),
        "{}",
        r.stderr
    );
}

#[test]
fn unknown_placeholder_exits_2_with_position() {
    let dir = temp_dir("placeholder");
    let bad = dir.write(
        "r.yaml",
        "id: CG900/x\nseverity: warning\nsummary: s\nmessage: \"{who} said it\"\ncheck:\n  quote-drift: {}\n",
    );
    let r = check(&[os(EXAMPLE), os("--rules"), bad.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_position(&r.stderr, &bad, 4, 11);
    assert!(
        r.stderr.contains("{who}") && r.stderr.contains("{subject}"),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_rule_in_a_rules_directory_is_named() {
    let dir = temp_dir("rules-dir");
    dir.write(
        "rules/a-good.yaml",
        "id: CG900/x\nseverity: info\nsummary: s\nmessage: m\ncheck:\n  name-variant: {}\n",
    );
    let bad = dir.write(
        "rules/b-bad.yml",
        "id: not an id\nseverity: info\nsummary: s\nmessage: m\ncheck:\n  name-variant: {}\n",
    );
    let r = check(&[os(EXAMPLE), os("--rules"), dir.join("rules").as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_position(&r.stderr, &bad, 1, 1);
    assert!(r.stderr.contains("rule id"), "{}", r.stderr);
}

#[test]
fn missing_rules_path_exits_2() {
    let r = check(&[os(EXAMPLE), os("--rules"), os("no/such/rules.yaml")]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(r.stderr.contains("no/such/rules.yaml"), "{}", r.stderr);
}

#[test]
fn bad_config_exits_2_with_position() {
    let dir = temp_dir("config");
    let cfg = dir.write("claimgraph.yml", "select: [CG1]\nfail-on: error\n");
    let r = check(&[os(EXAMPLE), os("--config"), cfg.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_position(&r.stderr, &cfg, 2, 1);
}

#[test]
fn config_selects_and_ignores_rules() {
    let dir = temp_dir("config-ok");
    let cfg = dir.write(
        "claimgraph.yml",
        "ignore: [CG2, CG4, CG5]\nseverity:\n  CG101: info\n",
    );
    let r = check(&[
        os(EXAMPLE),
        os("--config"),
        cfg.as_os_str(),
        os("--format"),
        os("json"),
    ]);
    // Only CG101 (now info) and CG3xx can fire: no error from CG2/4/5.
    let v = json(&r.stdout);
    for f in v["findings"].as_array().unwrap() {
        let rule = f["rule"].as_str().unwrap();
        assert!(rule.starts_with("CG1") || rule.starts_with("CG3"), "{rule}");
        if rule.starts_with("CG101") {
            assert_eq!(f["severity"], "info");
        }
    }
    let errors = v["summary"]["errors"].as_u64().unwrap();
    assert_eq!(r.code, if errors > 0 { 1 } else { 0 }, "{}", r.describe());
}

#[test]
fn mistyped_rule_in_config_exits_2_with_position_and_the_nearest_rules() {
    let dir = temp_dir("config-typo");
    let cfg = dir.write("claimgraph.yml", "select: [CG4, quote-drfit]\n");
    let r = check(&[os(EXAMPLE), os("--config"), cfg.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(r.stdout.is_empty(), "no report: {}", r.describe());
    assert_position(&r.stderr, &cfg, 1, 15);
    assert!(
        r.stderr.contains("`quote-drfit` in select matches no rule"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("did you mean CG301 (quote-drift)?"),
        "{}",
        r.stderr
    );

    // A code no rule has: the known rules are listed.
    let cfg = dir.write("ignore.yml", "select: [CG4]\nignore:\n  - CG999\n");
    let r = run(&["rules", "list", "--config", cfg.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_position(&r.stderr, &cfg, 3, 5);
    assert!(r.stderr.contains("CG301 (quote-drift)"), "{}", r.stderr);

    // A severity key is checked the same way.
    let cfg = dir.write("severity.yml", "severity:\n  quote-drfit: info\n");
    let r = run(&["rules", "list", "--config", cfg.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_position(&r.stderr, &cfg, 2, 3);

    // A code prefix that matches a rule stays valid, and so does a rule a user file adds.
    let rule = dir.write(
        "house/extra.yaml",
        "id: HX1/house-rule\nseverity: info\nsummary: s\nmessage: m\ncheck:\n  name-variant: {}\n",
    );
    assert!(rule.is_file());
    let cfg = dir.write("ok.yml", "select: [CG4, HX1]\nrules: [house/]\n");
    let r = run(&["rules", "list", "--config", cfg.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(
        r.stdout.contains("CG401/") && r.stdout.contains("HX1/house-rule"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("CG301/"), "{}", r.stdout);
}

#[test]
fn missing_rules_folder_in_config_names_the_config_position_and_the_path() {
    let dir = temp_dir("config-rules");
    let cfg = dir.write(
        "claimgraph.yml",
        "select: [CG1]\nrules:\n  - house-rules/\n",
    );
    let r = check(&[os(EXAMPLE), os("--config"), cfg.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_position(&r.stderr, &cfg, 3, 5);
    assert!(
        r.stderr
            .contains(&dir.join("house-rules/").display().to_string()),
        "the path looked for: {}",
        r.stderr
    );
}

/// The first line of an error: `error: PATH:LINE:COLUMN: message`, the position said
/// once (a snippet may follow on the next lines).
fn assert_said_once(stderr: &str, path: &Path, line: usize, column: usize) {
    let first = stderr.lines().next().unwrap_or("");
    let head = format!("error: {}:{line}:{column}: ", path.display());
    assert!(first.starts_with(&head), "expected {head} in:\n{stderr}");
    let rest = &first[head.len()..];
    for twice in [
        "error:".to_string(),
        format!("line {line}"),
        format!("column {column}"),
    ] {
        assert!(
            !rest.contains(&twice),
            "the position is said twice ({twice}):\n{stderr}"
        );
    }
}

#[test]
fn yaml_errors_say_their_position_once() {
    let dir = temp_dir("once");
    let art = dir.write("story/a.txt", ARTICLE);
    assert!(art.is_file());

    let rule = dir.write("rule.yaml", "id: CG900/x\nseverity: [warning\nsummary: s\n");
    let r = check(&[os(EXAMPLE), os("--rules"), rule.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_said_once(&r.stderr, &rule, 2, 11);
    assert!(
        r.stderr.contains(" --> "),
        "a snippet follows: {}",
        r.stderr
    );

    let cfg = dir.write("claimgraph.yml", "select: [CG1]\nfail-on: error\n");
    let r = check(&[os(EXAMPLE), os("--config"), cfg.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_said_once(&r.stderr, &cfg, 2, 1);

    let entities = dir.write(
        "story/entities.yaml",
        "entities:\n  - name: A B\n    colour: red\n",
    );
    let r = check(&[dir.join("story").as_os_str(), os("--no-config")]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_said_once(&r.stderr, &entities, 3, 5);
    std::fs::remove_file(&entities).unwrap();

    let manifest = dir.write("story/bundle.yaml", "documents:\n  a:\n    outlet: [x\n");
    let r = check(&[dir.join("story").as_os_str(), os("--no-config")]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_said_once(&r.stderr, &manifest, 3, 13);
    std::fs::remove_file(&manifest).unwrap();

    let baseline = dir.write(
        "baseline.json",
        "{\n  \"schema\": \"claimgraph/baseline/v1\",\n  oops\n",
    );
    let r = check(&[
        dir.join("story").as_os_str(),
        os("--no-config"),
        os("--baseline"),
        baseline.as_os_str(),
    ]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_said_once(&r.stderr, &baseline, 3, 3);
    assert!(r.stderr.contains("invalid JSON"), "{}", r.stderr);
}

#[test]
fn duplicate_keys_are_named_with_their_positions() {
    let dir = temp_dir("dup");
    let cfg = dir.write(
        "claimgraph.yml",
        "select: [CG1]\nignore: []\nselect: [CG2]\n",
    );
    let r = check(&[os(EXAMPLE), os("--config"), cfg.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_said_once(&r.stderr, &cfg, 3, 1);
    assert!(
        r.stderr
            .contains("key `select` appears twice (first at line 1)"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("DuplicateKeyPolicy"), "{}", r.stderr);

    dir.write("story/a.txt", ARTICLE);
    let manifest = dir.write(
        "story/bundle.yaml",
        "documents:\n  a:\n    outlet: X\n  a:\n    outlet: Y\n",
    );
    let r = check(&[dir.join("story").as_os_str(), os("--no-config")]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_said_once(&r.stderr, &manifest, 4, 3);
    assert!(
        r.stderr.contains("key `a` appears twice (first at line 2)"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_tab_is_reported_at_its_line() {
    let dir = temp_dir("tab");
    // The parser read `CG1` when it met the tab: it used to point at line 2.
    let cfg = dir.write("claimgraph.yml", "select:\n  - CG1\n\t- CG2\n");
    let r = check(&[os(EXAMPLE), os("--config"), cfg.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_said_once(&r.stderr, &cfg, 3, 1);
    assert!(r.stderr.contains("tab"), "{}", r.stderr);
    // In a rule file, the same: the tab's line, not the line of the value before it.
    let rule = dir.write(
        "r.yaml",
        "id: CG900/x\nseverity: info\nsummary: s\n\tmessage: m\ncheck:\n  name-variant: {}\n",
    );
    let r = check(&[os(EXAMPLE), os("--rules"), rule.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_said_once(&r.stderr, &rule, 4, 1);
    // A tab that indents a key, where the parser's message does not mention it.
    let cfg = dir.write("indent.yml", "select: [CG1]\n\tignore: [CG2]\n");
    let r = check(&[os(EXAMPLE), os("--config"), cfg.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_said_once(&r.stderr, &cfg, 2, 1);
    assert!(r.stderr.contains("indented with a tab"), "{}", r.stderr);
}

#[test]
fn unwritable_output_exits_2_and_leaves_no_file() {
    let dir = temp_dir("unwritable");
    // A parent that is a file: no one can create a file under it, not even root.
    let blocker = dir.write("blocker", "x");
    let out = blocker.join("report.json");
    let r = check(&[
        os(EXAMPLE),
        os("--format"),
        os("json"),
        os("-o"),
        out.as_os_str(),
    ]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(
        r.stderr.contains(&out.display().to_string()),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("cannot write"), "{}", r.stderr);
    // A directory in the way of the target: the temporary file must not be left behind.
    let target = dir.join("taken");
    std::fs::create_dir(&target).unwrap();
    let r = check(&[os(EXAMPLE), os("-o"), target.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert!(
        r.stderr.contains(&target.display().to_string()),
        "{}",
        r.stderr
    );
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["blocker", "taken"],
        "partial or temporary files left behind"
    );
    assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0);
}

#[test]
fn oversized_file_is_skipped_with_a_notice() {
    let dir = temp_dir("oversized");
    dir.write("small.txt", ARTICLE);
    let big = dir.write("big.txt", ARTICLE.repeat(10));
    let r = check(&[
        dir.path().as_os_str(),
        os("--max-file-size"),
        os("500"),
        os("--format"),
        os("json"),
        os("--exit-zero"),
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let ns = notices(&r.stdout);
    assert!(notice_for(&ns, &big).contains("--max-file-size"), "{ns:?}");
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = temp_dir("ansi");
    let text = "date 2031-03-14\nHarbourton, March 14 (Wire) Foreign Minister Ana Ruiz spoke with Ambassador Tomas Held on Wednesday.\n";
    dir.write("a.txt", text);
    dir.write(
        "b.txt",
        "date 2031-03-14\nHarbourton, March 14 (Post) Foreign Minister Ana Ruiz spoke with Ambassador \x1b[31mTomas Held\x1b[0m on Tuesday, officials said.\n",
    );
    let r = check(&[dir.path().as_os_str(), os("--exit-zero")]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(
        !r.stdout.contains('\x1b'),
        "escape sequence in the text report"
    );
}

// ---- Nothing lost (issue 12) ----

/// Run `check` with an output option aimed at `target`, and assert it is refused with
/// exit 2, a message naming `target` and `article`, and the article left byte for byte.
fn assert_output_refused(dir: &Path, option: &str, target: &Path, article: &Path) {
    let before = std::fs::read(article).unwrap();
    let r = check(&[dir.as_os_str(), os(option), target.as_os_str()]);
    assert_eq!(r.code, 2, "{option} {}: {}", target.display(), r.describe());
    assert!(
        r.stderr.contains(&target.display().to_string())
            && r.stderr.contains(&article.display().to_string()),
        "the message names both files: {}",
        r.stderr
    );
    assert!(r.stderr.contains("read by this run"), "{}", r.stderr);
    assert_eq!(
        std::fs::read(article).unwrap(),
        before,
        "the article is untouched"
    );
}

#[test]
fn output_onto_an_input_article_is_refused_by_any_path() {
    let dir = temp_dir("output-is-input");
    let article = dir.write("story/a.txt", ARTICLE);
    dir.write("story/b.txt", ARTICLE.replace("Wednesday", "Thursday"));
    let story = dir.join("story");
    std::fs::create_dir_all(dir.join("story/sub")).unwrap();
    std::os::unix::fs::symlink(&article, dir.join("link.txt")).unwrap();
    std::fs::hard_link(&article, dir.join("hard.txt")).unwrap();
    for option in ["-o", "--output", "--write-baseline"] {
        assert_output_refused(&story, option, &article, &article);
        assert_output_refused(&story, option, &dir.join("story/sub/../a.txt"), &article);
        assert_output_refused(&story, option, &dir.join("link.txt"), &article);
        assert_output_refused(&story, option, &dir.join("hard.txt"), &article);
    }
}

#[test]
fn output_onto_a_rule_file_config_or_baseline_is_refused() {
    let dir = temp_dir("output-is-config");
    dir.write("story/a.txt", ARTICLE);
    let story = dir.join("story");
    let cfg = dir.write("story/claimgraph.yml", "ignore: [CG501]\n");
    assert_output_refused(&story, "-o", &cfg, &cfg);
    // A baseline that is read may be refreshed in place, but not overwritten by the report.
    let base = dir.join("base.json");
    let w = check(&[story.as_os_str(), os("--write-baseline"), base.as_os_str()]);
    assert_eq!(w.code, 0, "{}", w.describe());
    let r = check(&[
        story.as_os_str(),
        os("--baseline"),
        base.as_os_str(),
        os("-o"),
        base.as_os_str(),
    ]);
    assert_eq!(r.code, 2, "{}", r.describe());
    let refresh = check(&[
        story.as_os_str(),
        os("--baseline"),
        base.as_os_str(),
        os("--write-baseline"),
        base.as_os_str(),
    ]);
    assert_eq!(refresh.code, 0, "{}", refresh.describe());
}

#[test]
fn report_and_baseline_cannot_be_one_file() {
    let dir = temp_dir("output-twice");
    dir.write("story/a.txt", ARTICLE);
    let out = dir.write("out.json", "old");
    let r = check(&[
        dir.join("story").as_os_str(),
        os("-o"),
        out.as_os_str(),
        os("--write-baseline"),
        out.as_os_str(),
    ]);
    assert_eq!(r.code, 2, "{}", r.describe());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
}

#[test]
fn a_named_pipe_is_skipped_with_a_notice_not_waited_on() {
    let dir = temp_dir("fifo");
    dir.write("good.txt", ARTICLE);
    let fifo = dir.join("x.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("note: mkfifo is not available here; skipping the named-pipe test");
        return;
    }
    for args in [
        vec![dir.path().as_os_str()],
        vec![
            dir.join("good.txt").into_os_string().leak() as &std::ffi::OsStr,
            fifo.as_os_str(),
        ],
    ] {
        let mut a = args.clone();
        a.extend([os("--format"), os("json"), os("--exit-zero")]);
        let r = common::check_within(&a, 30);
        assert_eq!(r.code, 0, "{}", r.describe());
        let ns = notices(&r.stdout);
        assert!(notice_for(&ns, &fifo).contains("named pipe"), "{ns:?}");
        assert_eq!(json(&r.stdout)["documents"].as_array().unwrap().len(), 1);
    }
}

#[test]
fn a_dangling_symlink_is_a_notice_and_the_rest_is_read() {
    let dir = temp_dir("dangling");
    dir.write("good.txt", ARTICLE);
    let link = dir.join("gone.txt");
    std::os::unix::fs::symlink(dir.join("missing.txt"), &link).unwrap();
    for first in [dir.path().as_os_str(), link.as_os_str()] {
        let r = check(&[
            first,
            dir.join("good.txt").as_os_str(),
            os("--format"),
            os("json"),
            os("--exit-zero"),
        ]);
        assert_eq!(r.code, 0, "{}", r.describe());
        let ns = notices(&r.stdout);
        assert!(
            notice_for(&ns, &link).contains("broken symbolic link"),
            "{ns:?}"
        );
        assert_eq!(json(&r.stdout)["documents"].as_array().unwrap().len(), 1);
    }
}

#[test]
fn foreign_content_goes_to_its_reader_whatever_the_extension() {
    // A page, JSON Lines, a JSON record or a feed named .txt or .md is read by its reader
    // (never as prose: script text never becomes claims, a feed's items never merge into
    // one document); a page with no article in it, and XML that is not a feed, are notices.
    let dir = temp_dir("foreign");
    dir.write("good.txt", ARTICLE);
    let page = dir.write(
        "page.txt",
        "<!DOCTYPE html>\n<html><head><script>var x = \"Ana Ruiz met Petra Vell on Friday\";</script></head><body><p>Text.</p></body></html>\n",
    );
    let lines = "{\"headline\": \"One\", \"body\": \"Ana Ruiz spoke on Monday.\"}\n{\"headline\": \"Two\", \"body\": \"Ana Ruiz spoke on Friday.\"}\n";
    dir.write("feed.md", lines);
    dir.write(
        "item.txt",
        "{\"headline\": \"One\",\n \"body\": \"Ana Ruiz spoke on Monday.\"}\n",
    );
    dir.write(
        "rss.txt",
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><item><description>Ana Ruiz spoke.</description></item></channel></rss>\n",
    );
    let xml = dir.write(
        "data.txt",
        "<?xml version=\"1.0\"?>\n<inventory><crate>Ana Ruiz</crate></inventory>\n",
    );
    let r = check(&[
        dir.path().as_os_str(),
        os("--format"),
        os("json"),
        os("--exit-zero"),
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let ns = notices(&r.stdout);
    let report = json(&r.stdout);
    let docs = report["documents"].as_array().unwrap();
    let formats: Vec<&str> = docs
        .iter()
        .map(|d| d["format"].as_str().unwrap_or("text"))
        .collect();
    // feed.md: 2 records; item.txt: 1; rss.txt: 1 item; good.txt.
    assert_eq!(formats, ["jsonl", "jsonl", "text", "json", "rss"], "{ns:?}");
    assert!(notice_for(&ns, &page).contains("no article"), "{ns:?}");
    let n = notice_for(&ns, &xml);
    assert!(n.contains("skipped") && n.contains("XML"), "{n}");
    assert!(
        !r.stdout.contains("Petra Vell"),
        "script text never reaches the report"
    );
    // Named directly with a reader's extension.
    let direct = dir.write("elsewhere/export.jsonl", lines);
    let r = check(&[direct.as_os_str(), os("--format"), os("json")]);
    let report = json(&r.stdout);
    assert_eq!(
        report["documents"].as_array().unwrap().len(),
        2,
        "{}",
        r.describe()
    );
}

#[test]
fn an_article_that_starts_with_a_suppression_comment_is_still_read() {
    let dir = temp_dir("comment-first");
    let a = dir.write(
        "a.md",
        format!("<!-- claimgraph: ignore-document[CG201] reason=\"checked\" -->\n{ARTICLE}"),
    );
    let r = check(&[a.as_os_str(), os("--format"), os("json"), os("--exit-zero")]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(json(&r.stdout)["documents"].as_array().unwrap().len(), 1);
}

#[test]
fn the_manifest_named_as_an_article_is_refused() {
    let dir = temp_dir("manifest-direct");
    dir.write("good.txt", ARTICLE);
    let manifest = dir.write("bundle.yaml", "documents:\n  good: {outlet: Wire}\n");
    let entities = dir.write("entities.yaml", "entities: []\n");
    let r = check(&[
        manifest.as_os_str(),
        entities.as_os_str(),
        dir.join("good.txt").as_os_str(),
        os("--format"),
        os("json"),
        os("--exit-zero"),
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let ns = notices(&r.stdout);
    assert!(notice_for(&ns, &manifest).contains("manifest"), "{ns:?}");
    assert!(notice_for(&ns, &entities).contains("entities"), "{ns:?}");
    let docs = json(&r.stdout)["documents"].as_array().unwrap().clone();
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert_eq!(
        docs[0]["outlet"], "Wire",
        "the manifest still applies to its folder"
    );
}

#[test]
fn markdown_front_matter_gives_the_date_and_weekdays_resolve_against_it() {
    let dir = temp_dir("front-matter");
    let body = "Foreign Minister Ana Ruiz spoke with Ambassador Tomas Held on Wednesday.\n";
    let a = dir.write(
        "a.md",
        format!("---\ntitle: Harbour talks\ndate: 2031-03-14\noutlet: Coast Wire\ntags: [ports]\n---\n{body}"),
    );
    let r = check(&[a.as_os_str(), os("--format"), os("json"), os("--exit-zero")]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let v = json(&r.stdout);
    let doc = &v["documents"][0];
    assert_eq!(doc["published"], "2031-03-14");
    assert_eq!(doc["published_source"], "front-matter");
    assert_eq!(doc["outlet"], "Coast Wire");
    assert_eq!(v["summary"]["undated_documents"], 0);
    // The Wednesday before Friday 14 March 2031.
    let claims = v["claims"].as_array().unwrap();
    let dated = claims
        .iter()
        .find(|c| c["kind"] == "communication")
        .unwrap_or_else(|| panic!("{claims:?}"));
    assert!(dated.to_string().contains("2031-03-12"), "{dated}");
    // No claim comes from the front matter itself.
    let fm_end =
        "---\ntitle: Harbour talks\ndate: 2031-03-14\noutlet: Coast Wire\ntags: [ports]\n---\n"
            .len();
    for c in claims {
        let start = c["span"]["start"].as_u64().expect("every claim has a span") as usize;
        assert!(start >= fm_end, "{c}");
    }
}

#[test]
fn bad_front_matter_is_a_notice_with_its_line() {
    let dir = temp_dir("front-matter-bad");
    let a = dir.write(
        "a.md",
        format!("---\ntitle: ok\ndate: [2031\n---\n{ARTICLE}"),
    );
    let r = check(&[a.as_os_str(), os("--format"), os("json"), os("--exit-zero")]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let ns = notices(&r.stdout);
    let n = notice_for(&ns, &a);
    assert!(n.contains("front matter, line 3"), "{n}");
}

#[test]
fn an_undated_document_gets_a_notice_and_is_counted() {
    let dir = temp_dir("undated");
    let dated = dir.write("a.txt", ARTICLE);
    let undated = dir.write(
        "b.txt",
        "Foreign Minister Ana Ruiz spoke with Ambassador Tomas Held on Thursday.\n",
    );
    let r = check(&[
        dir.path().as_os_str(),
        os("--format"),
        os("json"),
        os("--exit-zero"),
    ]);
    let v = json(&r.stdout);
    assert_eq!(v["summary"]["undated_documents"], 1, "{}", r.describe());
    let ns = notices(&r.stdout);
    assert!(
        notice_for(&ns, &undated).contains("no publication date"),
        "{ns:?}"
    );
    assert!(
        !ns.iter().any(|(p, _)| *p == dated.display().to_string()),
        "{ns:?}"
    );
    assert!(r.stderr.contains("no publication date"), "{}", r.stderr);
}

#[test]
fn an_os_error_is_said_once() {
    let dir = temp_dir("os-error-once");
    let file = dir.write("a.txt", ARTICLE);
    let under_a_file = file.join("b.txt");
    let r = check(&[under_a_file.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.describe());
    let os_error = "os error";
    assert_eq!(r.stderr.matches(os_error).count(), 1, "{}", r.stderr);
}

/// A suppression comment that cannot be read is a notice naming the file and line; a
/// terminal escape in the file's name reaches standard error only as a replacement mark.
#[test]
fn an_unreadable_suppression_is_a_sanitised_notice() {
    let dir = temp_dir("suppression-escape");
    dir.write(
        "a\u{1b}[2J.txt",
        format!("{ARTICLE}\n<!-- claimgraph: please ignore -->\n"),
    );
    let r = check(&[dir.path().as_os_str(), os("--exit-zero")]);
    assert_eq!(r.code, 0, "{}", r.describe());
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains("claimgraph comment"))
        .unwrap_or_else(|| panic!("no suppression notice: {}", r.stderr));
    assert!(
        line.starts_with("notice: ") && line.contains("a\u{FFFD}[2J.txt: line "),
        "{line}"
    );
    assert!(!r.stderr.contains('\u{1b}'), "{:?}", r.stderr);
}
