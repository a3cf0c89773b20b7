//! A loaded article: its id, text (byte-exact), publication date and where that came from.

use crate::span::{LineIndex, Location, Span};
use jiff::civil::Date;
use serde::Serialize;
use std::fmt;

/// A document's id: its file name without extension.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PublishedSource;

    #[test]
    fn published_source_names_are_its_serialised_names() {
        use PublishedSource::*;
        for s in [Manifest, DateLine, FrontMatter, Dateline, Inferred] {
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
}

impl Document {
    pub fn locate(&self, span: Span) -> Location {
        self.lines.locate(&self.text, span)
    }

    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }
}
