//! The `claimgraph/claims/v1` record: what `map` writes and `reduce` reads, the only thing
//! that crosses a scale-out job's shuffle (docs/scale.md).
//!
//! These serde types are the wire format and change only with the schema's version; the
//! conversions from and to the internal [`Document`] are the one place an internal
//! refactor has to follow. One record is one document: its metadata, its story, the
//! extracted text the cross-document stages read, and, for a document extracted from a
//! page or a feed, a table that locates its text in the original file (the file itself
//! never travels).

use crate::document::{Dateline, DocId, Document, PublishedSource, SourceLocation};
use crate::ingest::Notice;
use crate::span::{LineIndex, Span};
use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "claimgraph/claims/v1";

/// One line of `map`'s output: a document, a story with no document (a marker), or a
/// notice about the input.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Line {
    pub schema: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<NoticeRecord>,
}

/// A document as it crosses the shuffle.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocRecord {
    pub id: String,
    pub path: String,
    /// Its position among the documents of its file (the item's index; 0 for a file that
    /// is one article): with `path`, the order `check` reads documents in.
    pub order: usize,
    pub published: Option<String>,
    pub published_source: Option<String>,
    pub timezone: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub dateline: Option<DatelineRecord>,
    pub body_start: usize,
    pub lossy: bool,
    /// The text every span points into (the article body as extracted, not the file).
    pub text: String,
    /// Present for documents extracted from a page, a JSON file or a feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceTable>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DatelineRecord {
    pub start: usize,
    pub end: usize,
    pub place: Option<String>,
    pub month: Option<i8>,
    pub day: Option<i8>,
    pub year: Option<i16>,
    pub agency: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NoticeRecord {
    pub path: String,
    pub message: String,
}

/// Where the text's bytes are in the original file: the verbatim runs of the source map,
/// each with the line and column it starts at, so that `reduce` locates evidence in the
/// file as `check` does without the file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SourceTable {
    /// Added to every source byte offset (a line read on its own starts there in its file).
    pub offset_base: usize,
    /// Lines of the file before the source text.
    pub line_base: usize,
    /// The item's line, where evidence with no source bytes of its own is anchored.
    pub item_line: Option<LocationRecord>,
    pub runs: Vec<RunRecord>,
}

/// A run of text bytes `[text, text + len)` copied from source bytes `[source, …)`,
/// written as the array `[text, source, len, line, column, steps]` (runs are many).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunRecord(
    pub usize,
    pub usize,
    pub usize,
    pub usize,
    pub usize,
    /// Line and column at each of `source + 0 ..= len`, for a run whose source bytes are
    /// not its text (a decoded entity or escape) or that holds a carriage return; empty
    /// when they follow from the text.
    pub Vec<(usize, usize)>,
);

impl RunRecord {
    fn text(&self) -> usize {
        self.0
    }
    fn source(&self) -> usize {
        self.1
    }
    fn len(&self) -> usize {
        self.2
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct LocationRecord {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Why a record cannot be turned back into a document.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("document {id}: {field} `{value}` is not understood")]
    Field {
        id: String,
        field: &'static str,
        value: String,
    },
    #[error("document {id}: a span is outside its text")]
    Span { id: String },
}

const SOURCES: [PublishedSource; 9] = [
    PublishedSource::Manifest,
    PublishedSource::DateLine,
    PublishedSource::FrontMatter,
    PublishedSource::Dateline,
    PublishedSource::Inferred,
    PublishedSource::JsonLd,
    PublishedSource::OpenGraph,
    PublishedSource::TimeElement,
    PublishedSource::Item,
];

impl Line {
    pub fn document(story: &str, d: DocRecord) -> Line {
        Line {
            schema: SCHEMA.into(),
            story: Some(story.into()),
            document: Some(d),
            notice: None,
        }
    }

    pub fn notice(n: &Notice) -> Line {
        Line {
            schema: SCHEMA.into(),
            story: None,
            document: None,
            notice: Some(NoticeRecord {
                path: n.path.clone(),
                message: n.message.clone(),
            }),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a record serialises")
    }
}

impl DocRecord {
    /// The record of a document; `offset_base` is where its source text starts in its file
    /// (0 unless the document was read from one line of a file on its own).
    pub fn from_document(d: &Document, offset_base: usize) -> DocRecord {
        DocRecord {
            id: d.id.0.clone(),
            path: d.path.clone(),
            order: d
                .origin
                .as_ref()
                .and_then(|o| o.item.as_ref())
                .map_or(0, |i| i.index),
            published: d.published.map(|p| p.to_string()),
            published_source: d.published_source.map(|s| s.as_str().to_string()),
            timezone: d.timezone.clone(),
            outlet: d.outlet.clone(),
            url: d.url.clone(),
            dateline: d.dateline.as_ref().map(|dl| DatelineRecord {
                start: dl.span.start,
                end: dl.span.end,
                place: dl.place.clone(),
                month: dl.month,
                day: dl.day,
                year: dl.year,
                agency: dl.agency.clone(),
            }),
            body_start: d.body_start,
            lossy: d.lossy,
            text: d.text.clone(),
            source: source_table(d, offset_base),
        }
    }

    /// The document again, without its origin (the file is not in the record: evidence is
    /// located in it through [`SourceTable::locate`]).
    pub fn to_document(&self) -> Result<Document, RecordError> {
        let bad = |field: &'static str, value: &str| RecordError::Field {
            id: self.id.clone(),
            field,
            value: value.to_string(),
        };
        let published = self
            .published
            .as_deref()
            .map(|p| p.parse().map_err(|_| bad("published", p)))
            .transpose()?;
        let published_source = self
            .published_source
            .as_deref()
            .map(|s| {
                SOURCES
                    .into_iter()
                    .find(|x| x.as_str() == s)
                    .ok_or_else(|| bad("published_source", s))
            })
            .transpose()?;
        let in_text = |s: Span| s.start <= s.end && self.text.get(s.start..s.end).is_some();
        let dateline = self.dateline.as_ref().map(|dl| Dateline {
            span: Span::new(dl.start, dl.end),
            place: dl.place.clone(),
            month: dl.month,
            day: dl.day,
            year: dl.year,
            agency: dl.agency.clone(),
        });
        if dateline.as_ref().is_some_and(|d| !in_text(d.span))
            || self.text.get(self.body_start..).is_none()
        {
            return Err(RecordError::Span {
                id: self.id.clone(),
            });
        }
        Ok(Document {
            id: DocId(self.id.clone()),
            path: self.path.clone(),
            lines: LineIndex::new(&self.text),
            text: self.text.clone(),
            published,
            published_source,
            timezone: self.timezone.clone(),
            outlet: self.outlet.clone(),
            url: self.url.clone(),
            dateline,
            body_start: self.body_start,
            lossy: self.lossy,
            origin: None,
        })
    }
}

/// The location table of an extracted document (`None` for `.txt` and `.md`, whose text
/// is the file).
fn source_table(d: &Document, offset_base: usize) -> Option<SourceTable> {
    let o = d.origin.as_ref()?;
    let f = &o.file;
    let at = |offset: usize| f.lines.line_col(&f.text, offset);
    let runs = o
        .map
        .runs()
        .iter()
        .map(|r| {
            let (line, column) = at(r.source);
            let text = d.text.get(r.text..r.text + r.len);
            let verbatim = text.is_some()
                && f.text.get(r.source..r.source + r.len) == text
                && !text.is_some_and(|t| t.contains('\r'));
            let steps = if verbatim {
                Vec::new()
            } else {
                (0..=r.len).map(|k| at(r.source + k)).collect()
            };
            RunRecord(r.text, r.source, r.len, line, column, steps)
        })
        .collect();
    let item_line = o.item.as_ref().map(|item| {
        let line = item.line.saturating_sub(f.line_base).max(1);
        let s = f.lines.line_span(&f.text, line);
        let (line, column) = at(s.start);
        let (end_line, end_column) = at(s.end);
        LocationRecord {
            start: s.start,
            end: s.end,
            line,
            column,
            end_line,
            end_column,
        }
    });
    Some(SourceTable {
        offset_base,
        line_base: f.line_base,
        item_line,
        runs,
    })
}

impl SourceTable {
    /// Where a span of the text is in the original file, as
    /// [`Document::source_location`] says for the document the table was made from.
    pub fn locate(&self, text: &str, span: Span) -> Option<SourceLocation> {
        use crate::document::Anchor;
        let runs = &self.runs;
        // The same choice of runs as `SourceMap::source_span`.
        let i = runs.partition_point(|r| r.text() + r.len() <= span.start);
        let found = runs.get(i).filter(|r| r.text() < span.end).map(|first| {
            let ks = span.start.saturating_sub(first.text());
            let j = runs.partition_point(|r| r.text() < span.end);
            let last_i = j.max(i + 1) - 1;
            let last = &runs[last_i];
            let ke = span.end.min(last.text() + last.len()) - last.text();
            let (start, end) = (first.source() + ks, last.source() + ke);
            if end < start {
                ((i, ks), (i, ks), start, start)
            } else {
                ((i, ks), (last_i, ke), start, end)
            }
        });
        let (s, e, start, end, anchor) = match found {
            Some((s, e, start, end)) => (
                self.position(text, s),
                self.position(text, e),
                start,
                end,
                Anchor::Text,
            ),
            None => {
                let l = self.item_line?;
                (
                    (l.line, l.column),
                    (l.end_line, l.end_column),
                    l.start,
                    l.end,
                    Anchor::Item,
                )
            }
        };
        Some(SourceLocation {
            start: start + self.offset_base,
            end: end + self.offset_base,
            line: s.0 + self.line_base,
            column: s.1,
            end_line: e.0 + self.line_base,
            end_column: e.1,
            anchor,
        })
    }

    /// Line and column of source byte `runs[r]`'s source + k.
    fn position(&self, text: &str, (r, k): (usize, usize)) -> (usize, usize) {
        let run = &self.runs[r];
        if let Some(&p) = run.5.get(k) {
            return p;
        }
        let (mut line, mut column) = (run.3, run.4);
        let piece = text.get(run.text()..run.text() + k).unwrap_or("");
        for c in piece.chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        (line, column)
    }
}
