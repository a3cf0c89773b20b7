//! A loaded article: its id, text (byte-exact), publication date and where that came from.

use crate::input::source_map::SourceMap;
use crate::span::{LineIndex, Location, Span};
use jiff::civil::Date;
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// A document's id: its file name without extension.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A document's position in its bundle (`Bundle::documents`, `Analysis::docs`): what
/// claims and the stages after them hash and compare instead of the [`DocId`] string.
/// Its order is the bundle's (by path), not the ids': where output is ordered by the
/// document's name, the name is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocIdx(pub u32);

impl DocIdx {
    pub fn new(i: usize) -> Self {
        DocIdx(u32::try_from(i).expect("fewer than 2^32 documents"))
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Where a document's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PublishedSource {
    /// `bundle.yaml` beside the articles.
    Manifest,
    /// A first line `date YYYY-MM-DD`.
    DateLine,
    /// `date:` in Markdown front matter.
    FrontMatter,
    /// A wire dateline such as `Washington, May 10 (Agency)`, with the year in it.
    Dateline,
    /// A dateline without a year, the year taken from the rest of the bundle.
    Inferred,
    /// A web page's JSON-LD `datePublished`.
    JsonLd,
    /// A web page's OpenGraph `article:published_time`.
    OpenGraph,
    /// A web page's `<time datetime>`.
    TimeElement,
    /// The date field of a JSON Lines record, a ninjs item or a feed item.
    Item,
}

impl PublishedSource {
    /// As serialised: `manifest`, `date-line`, `front-matter`, `dateline`, `inferred`.
    pub fn as_str(self) -> &'static str {
        match self {
            PublishedSource::Manifest => "manifest",
            PublishedSource::DateLine => "date-line",
            PublishedSource::FrontMatter => "front-matter",
            PublishedSource::Dateline => "dateline",
            PublishedSource::Inferred => "inferred",
            PublishedSource::JsonLd => "json-ld",
            PublishedSource::OpenGraph => "open-graph",
            PublishedSource::TimeElement => "time-element",
            PublishedSource::Item => "item",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PublishedSource;

    #[test]
    fn published_source_names_are_its_serialised_names() {
        use PublishedSource::*;
        for s in [
            Manifest,
            DateLine,
            FrontMatter,
            Dateline,
            Inferred,
            JsonLd,
            OpenGraph,
            TimeElement,
            Item,
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
    }
}

/// A wire dateline found at the head of the body: `Harbourton, March 14 (Wire)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub span: Span,
    pub place: Option<String>,
    pub month: Option<i8>,
    pub day: Option<i8>,
    pub year: Option<i16>,
    pub agency: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub id: DocId,
    /// The path as the user gave it (relative paths stay relative).
    pub path: String,
    /// The text exactly as on disk (after decoding); every span points into it.
    pub text: String,
    pub lines: LineIndex,
    pub published: Option<Date>,
    pub published_source: Option<PublishedSource>,
    pub timezone: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub dateline: Option<Dateline>,
    /// Where the article body starts: after a leading `date YYYY-MM-DD` marker.
    pub body_start: usize,
    /// True when the file was not valid UTF-8 and was decoded lossily.
    pub lossy: bool,
    /// For a document read from a page, a JSON file or a feed: the file its text was
    /// extracted from, and how to find the text in it. `None` for `.txt` and `.md`, whose
    /// text is the file.
    pub origin: Option<Origin>,
}

/// The format a document was read from, beyond plain text and Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Html,
    /// JSON Lines: one article object a line.
    Jsonl,
    /// One JSON file holding an article object (or an array of them).
    Json,
    /// IPTC ninjs (1.x, 2.x or 3.x).
    Ninjs,
    Rss,
    Atom,
    /// JSON Feed, which the feed reader also reads.
    JsonFeed,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Ninjs => "ninjs",
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::JsonFeed => "json-feed",
        }
    }
}

/// One metadata value and where it came from (`json-ld`, `open-graph`, `canonical-link`,
/// `jsonl:date`...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetaValue {
    pub field: &'static str,
    pub value: String,
    pub source: String,
}

/// The item of a multi-article file a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// 1-based position among the file's items.
    pub index: usize,
    /// 1-based line of the item in the file (its JSON line, its `<item>` or `<entry>` tag).
    pub line: usize,
    /// The item's own id (`id`, `uri`, `guid`), when it has one.
    pub id: Option<String>,
}

/// A source file's text, shared by the documents read from it.
#[derive(Debug)]
pub struct SourceFile {
    pub text: String,
    pub lines: LineIndex,
    /// Lines of the real file before `text` (0 unless `text` is one line of a larger file
    /// read on its own, as a stream reader reads JSON Lines).
    pub line_base: usize,
}

impl SourceFile {
    pub fn new(text: String) -> SourceFile {
        SourceFile {
            lines: LineIndex::new(&text),
            text,
            line_base: 0,
        }
    }
}

/// Where an extracted document came from.
#[derive(Debug, Clone)]
pub struct Origin {
    pub format: Format,
    pub file: Arc<SourceFile>,
    /// Document text offsets to file offsets.
    pub map: SourceMap,
    pub item: Option<Item>,
    /// Headline, byline, date, outlet and URL, each with where it came from.
    pub meta: Vec<MetaValue>,
}

/// How precisely a source location points at the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// At the evidence's own first character in the file.
    Text,
    /// At the start of the item (JSON line, feed item) the evidence is in.
    Item,
}

/// A position in the original file (byte offsets, 1-based line and character column of
/// its start and of its end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SourceLocation {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub anchor: Anchor,
}

impl Document {
    pub fn locate(&self, span: Span) -> Location {
        self.lines.locate(&self.text, span)
    }

    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// Where a span of the text is in the original file, for extracted documents: at the
    /// text itself when the map has it, else at the item's line.
    pub fn source_location(&self, span: Span) -> Option<SourceLocation> {
        let o = self.origin.as_ref()?;
        let f = &o.file;
        let (s, anchor) = match o.map.source_span(span) {
            Some(s) => (s, Anchor::Text),
            None => {
                let item = o.item.as_ref()?;
                let line = item.line.saturating_sub(f.line_base).max(1);
                (f.lines.line_span(&f.text, line), Anchor::Item)
            }
        };
        let (line, column) = f.lines.line_col(&f.text, s.start);
        let (end_line, end_column) = f.lines.line_col(&f.text, s.end);
        Some(SourceLocation {
            start: s.start,
            end: s.end,
            line: line + f.line_base,
            column,
            end_line: end_line + f.line_base,
            end_column,
            anchor,
        })
    }
}
