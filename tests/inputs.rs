//! Newsroom inputs (issue 16): saved pages, JSON Lines, ninjs, RSS/Atom and Markdown front
//! matter. Each reader's good and bad inputs, the metadata it finds, and evidence that
//! points at the original file: the line and column, and for HTML the byte offset of the
//! text inside the markup. The example reports are insta snapshots.

mod common;

use common::{check, json, os, root, snapshot_settings};
use serde_json::Value;

const PAGES: &str = "examples/ferry-pages";
const WIRE: &str = "examples/ferry-wire";
const FIX: &str = "tests/fixtures/inputs";

fn report(args: &[&str]) -> Value {
    let mut a: Vec<&std::ffi::OsStr> = args.iter().map(|s| os(s)).collect();
    a.extend([os("--format"), os("json"), os("--exit-zero")]);
    let r = check(&a);
    assert_eq!(r.code, 0, "{}", r.describe());
    json(&r.stdout)
}

fn doc<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no document {id}: {}", r["documents"]))
}

fn notice_messages(r: &Value, path: &str) -> Vec<String> {
    r["notices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["path"] == path)
        .map(|n| n["message"].as_str().unwrap().to_string())
        .collect()
}

fn evidence(r: &Value) -> Vec<&Value> {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["evidence"].as_array().unwrap())
        .collect()
}

/// 1-based line and character column of byte `at` in `text`, counted here independently
/// of the crate's line index.
fn line_col(text: &str, at: usize) -> (u64, u64) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line as u64, col as u64)
}

/// The visible text of an HTML fragment: tags dropped, the few entities the fixtures use
/// decoded, whitespace collapsed.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&rsquo;", "\u{2019}")
        .replace("&ldquo;", "\u{201c}")
        .replace("&rdquo;", "\u{201d}")
        .replace("&amp;", "&")
        .replace("&quot;", "\"");
    squash(&out)
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn source_of(e: &Value) -> (usize, usize, u64, u64, &str) {
    let s = &e["source"];
    assert!(s.is_object(), "evidence without a source: {e}");
    (
        s["start"].as_u64().unwrap() as usize,
        s["end"].as_u64().unwrap() as usize,
        s["line"].as_u64().unwrap(),
        s["column"].as_u64().unwrap(),
        s["anchor"].as_str().unwrap(),
    )
}

// ---------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------

#[test]
fn html_evidence_points_at_the_text_inside_the_markup() {
    let r = report(&[PAGES]);
    let ev = evidence(&r);
    assert!(ev.len() >= 4, "the example has findings: {}", r["findings"]);
    for e in ev {
        let d = doc(&r, e["document"].as_str().unwrap());
        let page = std::fs::read_to_string(root().join(d["path"].as_str().unwrap())).unwrap();
        let (start, end, line, col, anchor) = source_of(e);
        assert_eq!(anchor, "text", "{e}");
        // The offset is the evidence's first character in the page (or the entity that
        // encodes it), and the line and column are that offset's.
        let first = e["text"].as_str().unwrap().chars().next().unwrap();
        let at = &page[start..];
        assert!(
            at.starts_with(first) || at.starts_with('&'),
            "{e}: {at:.40}"
        );
        assert_eq!((line, col), line_col(&page, start), "{e}");
        // The page's bytes there are the evidence's text, once the markup is read.
        assert_eq!(
            visible(&page[start..end]),
            squash(e["text"].as_str().unwrap()),
            "{e}"
        );
        // Never inside a script, a style or the head.
        let before = page[..start].to_ascii_lowercase();
        assert!(before.rfind("<script").unwrap_or(0) <= before.rfind("</script").unwrap_or(0));
        assert!(before.contains("<body"), "{e}");
    }
}

#[test]
fn html_text_maps_to_its_bytes_in_the_page_across_entities() {
    let path = format!("{PAGES}/01_saltmere-gazette.html");
    let page = std::fs::read_to_string(root().join(&path)).unwrap();
    let d = &load(&path)[0];
    // `Saltmere&rsquo;s mayor`: the apostrophe is the entity's first byte in the page.
    let loc = locate(d, "Saltmere\u{2019}s mayor");
    assert_eq!(&page[loc.start..loc.end], "Saltmere&rsquo;s mayor");
    assert_eq!(
        (loc.line as u64, loc.column as u64),
        line_col(&page, loc.start)
    );
    let loc = locate(d, "an inquiry & a review");
    assert_eq!(&page[loc.start..loc.end], "an inquiry &amp; a review");
    // The headline is the <h1>'s text, not the <title>'s or the JSON-LD's.
    let loc = locate(d, "Saltmere mayor demands answers");
    assert!(page[..loc.start].ends_with("<h1 class=\"headline\">"));
}

#[test]
fn html_metadata_comes_from_json_ld_then_opengraph_then_time() {
    let r = report(&[PAGES]);
    let d = doc(&r, "01_saltmere-gazette");
    assert_eq!(d["format"], "html");
    assert_eq!(d["published"], "2031-06-11");
    assert_eq!(d["published_source"], "json-ld");
    assert_eq!(d["outlet"], "Saltmere Gazette");
    assert_eq!(
        d["url"],
        "https://saltmeregazette.example/news/2031/06/11/ferry-crash-mayor"
    );
    assert!(d["item"].is_null());
    let meta = |d: &Value, f: &str| -> (String, String) {
        let m = d["metadata"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["field"] == f)
            .unwrap_or_else(|| panic!("no {f} in {d}"));
        (
            m["value"].as_str().unwrap().into(),
            m["source"].as_str().unwrap().into(),
        )
    };
    assert_eq!(
        meta(d, "byline"),
        ("Hester Quayle".into(), "json-ld".into())
    );
    let d = doc(&r, "02_northern-ledger");
    assert_eq!(d["published_source"], "open-graph");
    assert_eq!(d["outlet"], "Northern Ledger");
    assert_eq!(meta(d, "byline").0, "Tobias Wren");
    let d = doc(&r, "03_coastline-radio");
    // No datePublished, no article:published_time: the <time> element's date.
    assert_eq!(d["published"], "2031-06-12");
    assert_eq!(d["published_source"], "time-element");
    // The outlet from JSON-LD `publisher` (no og:site_name on this page).
    assert_eq!(
        meta(d, "outlet"),
        ("Coastline Radio".into(), "json-ld".into())
    );
    assert!(d["url"].is_null());
}

#[test]
fn scripts_styles_and_page_furniture_never_reach_the_claims() {
    let r = report(&[PAGES]);
    let claims = r["claims"].as_array().unwrap();
    assert!(claims.len() >= 10, "{}", claims.len());
    for c in claims {
        let t = c["text"].as_str().unwrap();
        for furniture in [
            "harbour lease", // a script's string
            "on Friday\"",   // a script comment (the text has "until Friday.")
            "cookies",
            "Subscribe",
            "Related stories",
            "Most read",
            "Sign in",
            "On air now",
            "All rights reserved",
            "window.dataLayer",
        ] {
            assert!(!t.contains(furniture), "{furniture:?} in claim {c}");
        }
    }
    // The sentence planted in a script names a meeting on Sunday: no event on that day.
    assert!(
        !r["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["date"] == "2031-06-08"),
        "{}",
        r["events"]
    );
}

#[test]
fn a_page_without_date_metadata_takes_the_dateline_in_its_text() {
    let path = format!("{FIX}/html/dateline-only.html");
    let r = report(&[&path]);
    let d = doc(&r, "dateline-only");
    assert_eq!(d["published"], "2031-09-19");
    assert_eq!(d["published_source"], "dateline");
    assert!(d["outlet"].is_null());
    assert!(notice_messages(&r, &path).is_empty());
}

#[test]
fn bad_pages_are_notices_naming_the_file_and_the_rest_is_read() {
    let trunc = format!("{FIX}/html/truncated.html");
    let none = format!("{FIX}/html/no-article.html");
    let good = format!("{PAGES}/01_saltmere-gazette.html");
    let r = report(&[&trunc, &none, &good]);
    let ids: Vec<&str> = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["01_saltmere-gazette", "truncated"]);
    let n = notice_messages(&r, &none);
    assert!(n.iter().any(|m| m.contains("no article found")), "{n:?}");
    let n = notice_messages(&r, &trunc);
    assert!(
        n.iter()
            .any(|m| m.contains("line 15") && m.contains("truncated")),
        "{n:?}"
    );
    // What the truncated page has is read, up to its cut.
    let d = doc(&r, "truncated");
    assert_eq!(d["published_source"], "open-graph");
    let texts: Vec<&str> = r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["document"] == "truncated")
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("14 narrowboats")),
        "{texts:?}"
    );
}

// ---------------------------------------------------------------------------------------
// JSON Lines, ninjs
// ---------------------------------------------------------------------------------------

#[test]
fn jsonl_evidence_points_at_the_record_line_and_the_bytes_in_it() {
    let r = report(&[WIRE]);
    let file = std::fs::read_to_string(root().join(WIRE).join("wire.jsonl")).unwrap();
    let ev = evidence(&r);
    assert!(!ev.is_empty(), "{}", r["findings"]);
    for e in ev {
        let d = doc(&r, e["document"].as_str().unwrap());
        assert_eq!(d["format"], "jsonl");
        let (start, end, line, col, anchor) = source_of(e);
        assert_eq!(anchor, "text");
        assert_eq!(line, d["item"]["line"].as_u64().unwrap(), "{e}");
        assert_eq!((line, col), line_col(&file, start));
        // No escapes in these sentences: the file's bytes are the text.
        assert_eq!(&file[start..end], e["text"].as_str().unwrap());
    }
    let d = doc(&r, "wire-pl-7781");
    assert_eq!(d["published_source"], "item");
    assert_eq!(d["outlet"], "Portland Ledger Wire");
    assert_eq!(d["url"], "https://plw.example/7781");
    assert_eq!(d["item"]["index"], 3);
}

#[test]
fn concise_and_github_formats_give_the_file_position() {
    let mut a: Vec<&std::ffi::OsStr> = vec![os(WIRE), os("--format"), os("concise")];
    let r = check(&a);
    let j = report(&[WIRE]);
    let f = &j["findings"][0];
    let (_, _, line, col, _) = source_of(&f["evidence"][0]);
    let first = r.stdout.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("{WIRE}/wire.jsonl:{line}:{col}: ")),
        "{first}"
    );
    a[2] = os("github");
    let r = check(&a);
    assert!(
        r.stdout.contains(&format!("line={line},col={col},")),
        "{}",
        r.stdout
    );
}

#[test]
fn bad_jsonl_lines_are_notices_naming_line_and_item() {
    let path = format!("{FIX}/jsonl/mixed.jsonl");
    let r = report(&[&path]);
    let ids: Vec<&str> = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["mixed-wc-101", "mixed-wc-105", "mixed-wc-102"]);
    let n = notice_messages(&r, &path);
    let has = |prefix: &str, what: &str| {
        assert!(
            n.iter().any(|m| m.starts_with(prefix) && m.contains(what)),
            "{prefix} {what}: {n:?}"
        )
    };
    has("line 2 (item 2): ", "not JSON");
    has("line 4 (item 3): ", "no body");
    has("line 5 (item 4): ", "not a JSON object");
    has("line 6 (item 5): ", "not a date");
    has("line 6 (item 5): ", "no publication date");
    // A body with escapes (\u2014, \") still maps into its line, escapes skipped.
    let file = std::fs::read_to_string(root().join(&path)).unwrap();
    let line7 = file.lines().nth(6).unwrap();
    assert!(
        line7.contains("\\u2014") && line7.contains("\\\""),
        "{line7}"
    );
    let d = &load(&path)[2];
    assert_eq!(d.id.0, "mixed-wc-102");
    for words in ["16 narrowboats", "a lost day"] {
        let loc = locate(d, words);
        assert_eq!(loc.line, 7);
        assert_eq!(&file[loc.start..loc.end], words);
    }
}

/// The documents `ingest` reads from `path` (a file or folder, relative to the crate).
fn load(path: &str) -> Vec<claimgraph::document::Document> {
    claimgraph::ingest::load(&[root().join(path)], &Default::default())
        .unwrap()
        .documents
}

/// Where the first occurrence of `words` in a document's text is in its original file.
fn locate(d: &claimgraph::document::Document, words: &str) -> claimgraph::document::SourceLocation {
    let at = d
        .text
        .find(words)
        .unwrap_or_else(|| panic!("{words:?} not in {}", d.text));
    d.source_location(claimgraph::span::Span::new(at, at + words.len()))
        .unwrap_or_else(|| panic!("{words:?} has no source"))
}

#[test]
fn one_jsonl_line_is_one_document_with_positions_in_its_file() {
    // The house format read line by line (the scale-out reader's way): line 7 of a file.
    let line = r#"{"id": "x-1", "headline": "Wexby ferry cut", "body": "The Wexby ferry will run 8 crossings a day from October, Councillor Bryn Hollis said on Monday.", "date": "2031-09-15", "outlet": "Wexby Courier", "url": "https://wexby.example/x-1"}"#;
    let (d, notices) =
        claimgraph::ingest::document_from_jsonl_line("feeds/day.jsonl", 7, line).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(d.id.0, "day-x-1");
    assert_eq!(d.outlet.as_deref(), Some("Wexby Courier"));
    assert_eq!(d.url.as_deref(), Some("https://wexby.example/x-1"));
    assert_eq!(d.published.unwrap().to_string(), "2031-09-15");
    let at = d.text.find("8 crossings").unwrap();
    let span = claimgraph::span::Span::new(at, at + "8 crossings".len());
    let loc = d.source_location(span).unwrap();
    assert_eq!(loc.line, 7);
    assert_eq!(loc.start, line.find("8 crossings").unwrap());
    assert_eq!(loc.column, line[..loc.start].chars().count() + 1);
    let bad =
        claimgraph::ingest::document_from_jsonl_line("feeds/day.jsonl", 8, "{\"headline\": 1");
    let n = bad.unwrap_err();
    assert!(
        n.message.starts_with("line 8 (item 8): not JSON"),
        "{}",
        n.message
    );
}

#[test]
fn ninjs_three_series_read_as_one_article() {
    let r = report(&[&format!("{FIX}/ninjs")]);
    let docs = r["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3, "{docs:?}");
    let texts: Vec<Vec<&str>> = ["v1", "v2", "v3"]
        .iter()
        .map(|v| {
            r["claims"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["document"].as_str().unwrap().starts_with(v))
                .map(|c| c["text"].as_str().unwrap())
                .collect()
        })
        .collect();
    assert!(!texts[0].is_empty());
    assert_eq!(texts[0], texts[1]);
    assert_eq!(texts[0], texts[2]);
    for d in docs {
        assert_eq!(d["format"], "ninjs");
        assert_eq!(d["published"], "2031-09-09");
        assert_eq!(d["outlet"], "Wexby Courier");
        assert_eq!(d["url"], "https://wexby.example/ninjs/201");
    }
    // Text in a ninjs file points into the body's string literal: plain text (v1, after a
    // `\n` escape), HTML inside JSON (v3: after `<p>`).
    for v in ["v1", "v3"] {
        let path = format!("{FIX}/ninjs/{v}.json");
        let file = std::fs::read_to_string(root().join(&path)).unwrap();
        let d = &load(&path)[0];
        for words in ["Fog closed the Wexby estuary", "6 ships were waiting"] {
            let loc = locate(d, words);
            assert_eq!(loc.anchor, claimgraph::document::Anchor::Text);
            assert_eq!(&file[loc.start..loc.end], words, "{v}");
            assert_eq!(
                (loc.line as u64, loc.column as u64),
                line_col(&file, loc.start)
            );
        }
        // The headline too (v3: inside `headlines[]`).
        let loc = locate(d, "Fog closes Wexby estuary");
        assert_eq!(&file[loc.start..loc.end], "Fog closes Wexby estuary");
    }
    // Unknown JSON is a notice, not a document.
    let other = format!("{FIX}/ninjs/not-an-article.json");
    let r = report(&[&other, &format!("{FIX}/ninjs/v1.json")]);
    assert_eq!(r["documents"].as_array().unwrap().len(), 1);
    let n = notice_messages(&r, &other);
    assert!(
        n.iter().any(|m| m.contains("neither a ninjs item")),
        "{n:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Feeds, front matter
// ---------------------------------------------------------------------------------------

#[test]
fn feed_items_are_documents_and_an_item_without_body_is_named() {
    let rss = format!("{FIX}/feed/rss.xml");
    let atom = format!("{FIX}/feed/atom.xml");
    let r = report(&[&rss, &atom]);
    let d = doc(&r, "rss-wc-301");
    assert_eq!(d["format"], "rss");
    // pubDate 23:10 +0100: the outlet's civil date, not UTC's.
    assert_eq!(d["published"], "2031-09-15");
    assert_eq!(d["outlet"], "Wexby Courier");
    assert_eq!(d["item"]["line"], 7);
    assert_eq!(doc(&r, "rss-wc-303")["item"]["index"], 3);
    let d = doc(&r, "atom-urn-island-post-77");
    assert_eq!(d["format"], "atom");
    assert_eq!(d["published"], "2031-09-16");
    assert_eq!(d["outlet"], "Island Post");
    let n = notice_messages(&r, &rss);
    assert_eq!(
        n,
        ["line 15 (item 2): has no body (no content, description or summary): skipped"]
    );
    // feed-rs decodes items without positions; the text is found again in the item.
    let file = std::fs::read_to_string(root().join(&rss)).unwrap();
    let docs = load(&rss);
    let d = docs.iter().find(|d| d.id.0 == "rss-wc-303").unwrap();
    let words = "The island council will meet on Thursday";
    let loc = locate(d, words);
    assert_eq!(loc.anchor, claimgraph::document::Anchor::Text);
    assert_eq!(&file[loc.start..loc.end], words);
    assert_eq!((loc.line, loc.column), (24, 18));
    // Inside CDATA HTML, across an entity: `&ldquo;a blow`.
    let d = docs.iter().find(|d| d.id.0 == "rss-wc-301").unwrap();
    let loc = locate(d, "\u{201c}a blow");
    assert_eq!(&file[loc.start..loc.end], "&ldquo;a blow");
    assert_eq!(loc.line, 13);
    // The Atom entry's escaped HTML: its paragraph is in the file as written.
    let file = std::fs::read_to_string(root().join(&atom)).unwrap();
    let d = &load(&atom)[0];
    let loc = locate(d, "6 crossings a day");
    assert_eq!(&file[loc.start..loc.end], "6 crossings a day");
    assert_eq!(loc.line, 12);
}

#[test]
fn markdown_front_matter_gives_date_and_outlet() {
    let r = report(&[&format!("{FIX}/markdown/front-matter.md")]);
    let d = doc(&r, "front-matter");
    assert_eq!(d["published"], "2031-09-18");
    assert_eq!(d["published_source"], "front-matter");
    assert_eq!(d["outlet"], "Wexby Courier");
    // A Markdown file's text is the file: no extraction fields, spans are file positions.
    assert!(d.get("format").is_none() && d.get("metadata").is_none());
}

// ---------------------------------------------------------------------------------------
// Snapshots of the example reports
// ---------------------------------------------------------------------------------------

#[test]
fn snapshot_example_pages_and_wire() {
    for (name, path) in [("ferry-pages", PAGES), ("ferry-wire", WIRE)] {
        let r = check(&[os(path), os("--format"), os("json")]);
        assert_eq!(r.code, 1, "{}", r.describe());
        snapshot_settings().bind(|| {
            insta::assert_snapshot!(format!("check-{name}-json"), r.stdout);
        });
    }
}

// ---------------------------------------------------------------------------------------
// Damaged input: every reader survives it (the fuzz targets do this at length)
// ---------------------------------------------------------------------------------------

mod damaged {
    use super::*;
    use proptest::prelude::*;

    fn fixtures() -> Vec<(&'static str, String)> {
        [
            "examples/ferry-pages/01_saltmere-gazette.html",
            "examples/ferry-wire/wire.jsonl",
            "tests/fixtures/inputs/jsonl/mixed.jsonl",
            "tests/fixtures/inputs/ninjs/v3.json",
            "tests/fixtures/inputs/feed/rss.xml",
            "tests/fixtures/inputs/feed/atom.xml",
        ]
        .iter()
        .map(|p| (*p, std::fs::read_to_string(root().join(p)).unwrap()))
        .collect()
    }

    /// `src` cut at `cut` (a fraction), with `insert` put in at `at` (a fraction): the
    /// damage real files have (truncation, a stray quote, bracket, entity or escape).
    fn damage(src: &str, cut: f64, at: f64, insert: &str) -> String {
        let floor = |s: &str, i: usize| {
            (0..=i.min(s.len()))
                .rev()
                .find(|&i| s.is_char_boundary(i))
                .unwrap()
        };
        let cut_at = floor(src, (src.len() as f64 * cut) as usize);
        let mut s = src[..cut_at].to_string();
        let i = floor(&s, (s.len() as f64 * at) as usize);
        s.insert_str(i, insert);
        s
    }

    fn check_runs(src: &str, a: &claimgraph::input::Article) {
        for r in a.map.runs() {
            assert!(r.text + r.len <= a.text.len(), "{r:?} past the text");
            assert!(r.source + r.len <= src.len(), "{r:?} past the file");
            assert!(src.is_char_boundary(r.source), "{r:?} inside a character");
        }
    }

    proptest! {
        // 128 cases by default; raise with PROPTEST_CASES=N.
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(128),
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn readers_never_panic_and_maps_stay_in_the_file(
            which in 0usize..6,
            cut in 0.0f64..1.0,
            at in 0.0f64..1.0,
            insert in prop::sample::select(vec!["", "\"", "<", "</p>", "&", "&amp", "\\", "\\u12", "{", "]", "<![CDATA[", "\n", "é", "<item>", "&#xD800;"]),
        ) {
            let (_, src) = &fixtures()[which];
            let src = damage(src, cut, at, insert);
            if let Ok(a) = claimgraph::input::html::read(&src) {
                check_runs(&src, &a);
            }
            for a in claimgraph::input::jsonl::read(&src).articles {
                check_runs(&src, &a);
            }
            if let Ok(out) = claimgraph::input::jsonl::read_json(&src) {
                for a in &out.articles {
                    check_runs(&src, a);
                }
            }
            if let Ok((_, out)) = claimgraph::input::feed::read(&src) {
                for a in &out.articles {
                    check_runs(&src, a);
                    prop_assert!(!a.text.is_empty());
                }
            }
        }
    }
}
