//! JSON Lines (the house format: one article object a line) and single JSON files (one
//! article object, a ninjs item, or an array of either). Each record becomes one article;
//! a line that is not JSON, or a record without a body, is a notice naming its line, and
//! the other records are still read.

use super::record::Record;
use super::{Item, ReadOut};
use crate::span::LineIndex;
use std::ops::Range;

/// The article fields of a JSON object: ninjs when it looks like ninjs, else the house format.
fn record(v: &serde_json::Value) -> (Record, &'static str) {
    if super::ninjs::is_ninjs(v) {
        (super::ninjs::record(v), "ninjs")
    } else {
        (Record::house(v), "jsonl")
    }
}

/// Read one record; `lines` numbers lines as the report does (a lone `\r` ends one too), so
/// that a notice's line and an evidence's line agree.
fn one(
    src: &str,
    lines: &LineIndex,
    range: Range<usize>,
    v: &serde_json::Value,
    index: usize,
    out: &mut ReadOut,
) {
    let line = lines.line_col(src, range.start).0;
    let where_ = format!("line {line} (item {index})");
    if !v.is_object() {
        out.notices
            .push(format!("{where_}: not a JSON object: skipped"));
        return;
    }
    let (rec, format) = record(v);
    let item = Item {
        index,
        line,
        id: rec.id.as_ref().map(|f| f.value.clone()),
    };
    match rec.article(src, range, item, format) {
        Ok(mut a) => {
            for n in std::mem::take(&mut a.notes) {
                out.notices.push(format!("{where_}: {n}"));
            }
            out.articles.push(a);
        }
        Err(e) => out.notices.push(format!("{where_}: {e}")),
    }
}

/// Read one JSON Lines record on its own (a stream reader's line): the article with its
/// source map relative to `line`, and notes about it. `line_no` is the line's number in
/// its file, `index` its item number. `Err` says why the line is not an article.
pub fn read_line(line: &str, line_no: usize, index: usize) -> Result<super::Article, String> {
    let line = line.trim_end_matches(['\n', '\r']);
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("not JSON ({e}): skipped"))?;
    if !v.is_object() {
        return Err("not a JSON object: skipped".into());
    }
    let (rec, format) = record(&v);
    let item = Item {
        index,
        line: line_no,
        id: rec.id.as_ref().map(|f| f.value.clone()),
    };
    rec.article(line, 0..line.len(), item, format)
}

/// Read JSON Lines: every non-blank line is one record.
pub fn read(src: &str) -> ReadOut {
    let mut out = ReadOut::default();
    let mut at = 0;
    let mut index = 0;
    let lines = LineIndex::new(src);
    for raw in src.split_inclusive('\n') {
        let start = at;
        at += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        index += 1;
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) => one(src, &lines, start..start + line.len(), &v, index, &mut out),
            Err(e) => out.notices.push(format!(
                "line {} (item {index}): not JSON ({e}): skipped",
                lines.line_col(src, start).0
            )),
        }
    }
    out
}

/// Read a `.json` file: one article or ninjs object, or an array of them. `Err` when it
/// is JSON of another kind (or not JSON).
pub fn read_json(src: &str) -> Result<ReadOut, String> {
    let v: serde_json::Value =
        serde_json::from_str(src).map_err(|e| format!("not valid JSON ({e})"))?;
    let mut out = ReadOut::default();
    let lines = LineIndex::new(src);
    match &v {
        serde_json::Value::Object(_) => {
            if !is_article(&v) {
                return Err("JSON that is neither a ninjs item nor an article object (no `body`, `body_text`, `body_html` or `bodies`)".into());
            }
            one(src, &lines, 0..src.len(), &v, 1, &mut out);
        }
        serde_json::Value::Array(items) => {
            if !items.iter().any(is_article) {
                return Err("a JSON array with no ninjs item or article object in it".into());
            }
            let ranges = array_elements(src);
            for (i, x) in items.iter().enumerate() {
                let r = ranges.get(i).cloned().unwrap_or(0..src.len());
                one(src, &lines, r, x, i + 1, &mut out);
            }
        }
        _ => return Err("JSON that is neither a ninjs item nor an article object".into()),
    }
    Ok(out)
}

fn is_article(v: &serde_json::Value) -> bool {
    let Some(o) = v.as_object() else {
        return false;
    };
    [
        "body",
        "text",
        "body_text",
        "body_html",
        "body_xhtml",
        "bodies",
    ]
    .iter()
    .any(|k| o.contains_key(*k))
}

/// The byte ranges of a top-level JSON array's elements (the file is valid JSON).
fn array_elements(src: &str) -> Vec<Range<usize>> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut in_str = false;
    let mut start = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if in_str {
            match c {
                b'\\' => i += 1,
                b'"' => in_str = false,
                _ => {}
            }
        } else {
            match c {
                b'"' => {
                    in_str = true;
                    if depth == 1 && start.is_none() {
                        start = Some(i);
                    }
                }
                b'[' | b'{' => {
                    if depth == 1 && start.is_none() {
                        start = Some(i);
                    }
                    depth += 1;
                }
                b']' | b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        if let Some(s) = start.take() {
                            out.push(s..i);
                        }
                    } else if depth == 1
                        && let Some(s) = start.take()
                    {
                        out.push(s..i + 1);
                    }
                }
                b',' if depth == 1 => {
                    if let Some(s) = start.take() {
                        out.push(s..i);
                    }
                }
                c if depth == 1 && !c.is_ascii_whitespace() && start.is_none() => start = Some(i),
                _ => {}
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_are_read_and_bad_lines_named() {
        let src = "{\"headline\": \"Pier 7 shut\", \"body\": \"The pier stayed shut on Friday.\", \"date\": \"2031-03-14\", \"outlet\": \"Harbour Wire\"}\n{not json\n\n{\"headline\": \"No body\"}\n";
        let r = read(src);
        assert_eq!(r.articles.len(), 1);
        let a = &r.articles[0];
        assert_eq!(a.text, "Pier 7 shut\n\nThe pier stayed shut on Friday.");
        assert_eq!(a.outlet.as_deref(), Some("Harbour Wire"));
        assert_eq!(a.published.unwrap().0.to_string(), "2031-03-14");
        // The body's first byte maps to its place in the line.
        let body_at = a.text.find("The pier").unwrap();
        assert_eq!(a.map.source(body_at), Some(src.find("The pier").unwrap()));
        assert_eq!(r.notices.len(), 2, "{:?}", r.notices);
        assert!(r.notices[0].starts_with("line 2 (item 2): not JSON"));
        assert!(r.notices[1].starts_with("line 4 (item 3): has no body text"));
        // One line on its own reads the same article, mapped within the line.
        let one = read_line(src.lines().next().unwrap(), 1, 1).unwrap();
        assert_eq!(one.text, a.text);
        assert_eq!(one.map, a.map);
        assert!(
            read_line("{not json", 2, 2)
                .unwrap_err()
                .starts_with("not JSON")
        );
    }

    #[test]
    fn arrays_split_into_elements() {
        let src = "[\n {\"body\": \"a]b\"},\n {\"body\": \"c\"}\n]";
        let r = array_elements(src);
        assert_eq!(r.len(), 2);
        assert_eq!(&src[r[0].clone()], "{\"body\": \"a]b\"}");
        assert_eq!(&src[r[1].clone()], "{\"body\": \"c\"}");
        let out = read_json(src).unwrap();
        assert_eq!(out.articles.len(), 2);
        assert_eq!(out.articles[1].item.as_ref().unwrap().line, 3);
    }

    #[test]
    fn an_html_body_maps_through_the_json_string_into_the_file() {
        let src = "{\"headline\": \"Pier 7\", \"body_html\": \"<p>The pier stayed shut.</p>\\n<p>Crews \\\"waited\\\" &amp; watched.</p>\"}\n";
        let r = read(src);
        assert!(r.notices.is_empty(), "{:?}", r.notices);
        let a = &r.articles[0];
        assert_eq!(
            a.text,
            "Pier 7\n\nThe pier stayed shut.\n\nCrews \"waited\" & watched."
        );
        let at = |w: &str| a.map.source(a.text.find(w).unwrap());
        assert_eq!(at("The pier"), src.find("The pier"));
        // After a JSON escape (\") and at an entity (&amp;): the escape's and the entity's
        // first byte.
        assert_eq!(at("\"waited"), src.find("\\\"waited"));
        assert_eq!(at("& watched"), src.find("&amp;"));
    }

    #[test]
    fn lines_are_numbered_as_reports_number_them() {
        // Found by the input_jsonl fuzz target: a lone `\r` between a record's tokens ends
        // a line in the report's numbering, so later notices count it too.
        let src = "{\"headline\": \"A\",\r\"body\": \"The pier stayed shut.\"}\n{bad\n";
        let r = read(src);
        assert_eq!(r.articles[0].item.as_ref().unwrap().line, 1);
        assert!(
            r.notices[0].starts_with("line 3 (item 2): not JSON"),
            "{:?}",
            r.notices
        );
    }

    #[test]
    fn other_json_is_refused() {
        assert!(read_json("{\"name\": \"config\"}").is_err());
        assert!(read_json("[1, 2]").is_err());
    }
}
