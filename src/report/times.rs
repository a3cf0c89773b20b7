//! The `times` command: every temporal expression of each article, with its TIMEX3 value,
//! its UTC interval and the anchor date it was resolved against. One section per article,
//! in path order, as a table or as JSON (typed structs, so the shape is in one place).

use crate::analysis::analyse_document;
use crate::document::Document;
use crate::temporal::{TimexType, UtcInterval};
use jiff::civil::Date;
use serde::Serialize;

/// One article's times. Fields are in alphabetical order, the order the JSON has always
/// had.
#[derive(Debug, Serialize)]
pub struct Section {
    pub anchor: Anchor,
    pub document: String,
    pub times: Vec<Time>,
    /// The path as given, for the table's heading.
    #[serde(skip)]
    pub path: String,
}

/// The date relative expressions were resolved against, and where it came from:
/// `option` for `--date`, otherwise the document's `published_source` (or `unknown`).
#[derive(Debug, Serialize)]
pub struct Anchor {
    pub date: Option<String>,
    pub source: String,
}

#[derive(Debug, Serialize)]
pub struct Time {
    pub span: TimeSpan,
    pub text: String,
    #[serde(rename = "type")]
    pub ty: TimexType,
    /// `[start, end)` in UTC (RFC 3339); `null` for durations, sets, references and
    /// anything unresolved.
    pub utc: Option<UtcInterval>,
    pub value: String,
}

/// Byte offsets `[start, end)` into the text, and the 1-based line and character column.
#[derive(Debug, Serialize)]
pub struct TimeSpan {
    pub column: usize,
    pub end: usize,
    pub line: usize,
    pub start: usize,
}

/// Tag the times of each document, against `date` when given, otherwise against the
/// document's own publication date.
pub fn sections(docs: &[Document], date: Option<Date>) -> Vec<Section> {
    docs.iter()
        .map(|doc| {
            let (anchor_date, source) = match date {
                Some(d) => (Some(d), "option"),
                None => (
                    doc.published,
                    doc.published_source.map_or("unknown", |s| s.as_str()),
                ),
            };
            let mut anchored = doc.clone();
            anchored.published = anchor_date;
            let an = analyse_document(&anchored, None);
            let times = an
                .timexes
                .iter()
                .map(|t| {
                    let at = doc.locate(t.span);
                    Time {
                        span: TimeSpan {
                            column: at.column,
                            end: at.end,
                            line: at.line,
                            start: at.start,
                        },
                        text: doc.slice(t.span).to_string(),
                        ty: t.ty,
                        utc: t.utc,
                        value: t.value.clone(),
                    }
                })
                .collect();
            Section {
                anchor: Anchor {
                    date: anchor_date.map(|d| d.to_string()),
                    source: source.to_string(),
                },
                document: doc.id.0.clone(),
                times,
                path: doc.path.clone(),
            }
        })
        .collect()
}

/// The table: per article, a heading `PATH (anchor DATE from SOURCE)`, then one line per
/// expression: `LINE:COLUMN  TYPE  VALUE  UTC-START/UTC-END  TEXT` (tab-separated; `-`
/// when there is no UTC interval). Articles are separated by a blank line.
pub fn table(sections: &[Section]) -> String {
    use super::text::sanitise;
    let mut s = String::new();
    for (i, sec) in sections.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str(&format!(
            "{} (anchor {} from {})\n",
            sanitise(&sec.path),
            sec.anchor.date.as_deref().unwrap_or("unknown"),
            sec.anchor.source
        ));
        for t in &sec.times {
            let utc = t
                .utc
                .map_or_else(|| "-".to_string(), |u| format!("{}/{}", u.start, u.end));
            s.push_str(&format!(
                "{}:{}\t{}\t{}\t{}\t{}\n",
                t.span.line,
                t.span.column,
                t.ty.as_str(),
                t.value,
                utc,
                sanitise(&t.text)
            ));
        }
    }
    s
}

/// The JSON: one section's object for a file, an array of them for a folder.
pub fn json(sections: &[Section], folder: bool) -> serde_json::Result<String> {
    let mut s = if folder {
        serde_json::to_string_pretty(sections)?
    } else {
        match sections {
            [one] => serde_json::to_string_pretty(one)?,
            many => serde_json::to_string_pretty(many)?,
        }
    };
    s.push('\n');
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{IngestOptions, load};

    fn docs(files: &[(&str, &str)]) -> (tempdir::Dir, Vec<Document>) {
        let dir = tempdir::Dir::new();
        for (name, text) in files {
            std::fs::write(dir.0.join(name), text).unwrap();
        }
        let b = load(std::slice::from_ref(&dir.0), &IngestOptions::default()).unwrap();
        (dir, b.documents)
    }

    mod tempdir {
        pub struct Dir(pub std::path::PathBuf);
        impl Dir {
            pub fn new() -> Self {
                use std::sync::atomic::{AtomicUsize, Ordering};
                static N: AtomicUsize = AtomicUsize::new(0);
                let p = std::env::temp_dir().join(format!(
                    "claimgraph-times-{}-{}",
                    std::process::id(),
                    N.fetch_add(1, Ordering::Relaxed)
                ));
                std::fs::create_dir_all(&p).unwrap();
                Dir(p)
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    #[test]
    fn json_shape_and_the_table_has_the_utc_interval() {
        let (_d, docs) = docs(&[("a.txt", "date 2025-05-09\nThe talks ended on Thursday.\n")]);
        let s = sections(&docs, None);
        let j: serde_json::Value = serde_json::from_str(&json(&s, false).unwrap()).unwrap();
        assert_eq!(j["document"], "a");
        assert_eq!(j["anchor"]["source"], "date-line");
        let t = &j["times"][0];
        assert_eq!(t["span"]["line"], 2);
        assert_eq!(t["span"]["column"], 20);
        assert_eq!(t["text"], "Thursday");
        assert_eq!(t["type"], "DATE");
        assert_eq!(t["value"], "2025-05-08");
        assert_eq!(t["utc"][0], "2025-05-08T00:00:00Z");
        let table = table(&s);
        assert!(
            table.contains(
                "2:20\tDATE\t2025-05-08\t2025-05-08T00:00:00Z/2025-05-09T00:00:00Z\tThursday\n"
            ),
            "{table}"
        );
    }

    #[test]
    fn one_section_per_article_in_path_order() {
        let (_d, docs) = docs(&[
            ("b.txt", "date 2025-05-09\nIt rained on Monday.\n"),
            ("a.txt", "date 2025-05-09\nThe talks ended on Thursday.\n"),
        ]);
        let s = sections(&docs, None);
        let names: Vec<&str> = s.iter().map(|s| s.document.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        let j: serde_json::Value = serde_json::from_str(&json(&s, true).unwrap()).unwrap();
        assert_eq!(j.as_array().unwrap().len(), 2);
        assert_eq!(j[1]["times"][0]["text"], "Monday");
        let table = table(&s);
        let a = table.find("a.txt (anchor 2025-05-09").unwrap();
        let b = table.find("\n\n").unwrap();
        assert!(a < b && table[b..].contains("b.txt (anchor"), "{table}");
    }
}
