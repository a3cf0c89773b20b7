//! Readers for newsroom formats: saved web pages, JSON Lines, IPTC ninjs and RSS/Atom
//! feeds. Each turns one file into articles: the text the analysis reads (headline, byline,
//! paragraphs, one a paragraph), the metadata with where each value came from, and a
//! [`SourceMap`] back to the bytes of the file. *They do not* decide which files are read
//! (that is `ingest`), analyse text, or skip anything without a notice.

pub mod feed;
pub mod html;
pub mod json_str;
pub mod jsonl;
pub mod ninjs;
pub mod record;
pub mod source_map;

use crate::document::PublishedSource;
pub use crate::document::{Format, Item, MetaValue};
use jiff::civil::Date;
pub use source_map::{SourceMap, TextBuilder};

/// One article as a reader made it.
#[derive(Debug, Clone, Default)]
pub struct Article {
    pub text: String,
    pub map: SourceMap,
    pub item: Option<Item>,
    pub meta: Vec<MetaValue>,
    pub published: Option<(Date, PublishedSource)>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// Things the user should know about this article (paragraphs not re-anchored...).
    pub notes: Vec<String>,
}

impl Article {
    /// Record a metadata value (the first one given for a field wins).
    pub fn meta(&mut self, field: &'static str, value: &str, source: &str) {
        let value = value.trim();
        if value.is_empty() || self.meta.iter().any(|m| m.field == field) {
            return;
        }
        self.meta.push(MetaValue {
            field,
            value: value.to_string(),
            source: source.to_string(),
        });
    }

    pub fn meta_value(&self, field: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|m| m.field == field)
            .map(|m| m.value.as_str())
    }

    /// Set `published`, `outlet` and `url` from the recorded metadata.
    pub fn settle(&mut self, date_source: PublishedSource) {
        if self.published.is_none()
            && let Some(d) = self.meta_value("published").and_then(meta_date)
        {
            self.published = Some((d, date_source));
        }
        self.outlet = self.meta_value("outlet").map(str::to_string);
        self.url = self.meta_value("url").map(str::to_string);
    }
}

/// What a reader made of one file: its articles and notices about what it could not read
/// (each naming the line or item).
#[derive(Debug, Default)]
pub struct ReadOut {
    pub articles: Vec<Article>,
    pub notices: Vec<String>,
}

/// A metadata date: ISO 8601 (`2031-03-14`, `2031-03-14T09:00:00+02:00`, the civil date as
/// written) or RFC 2822 (`Fri, 14 Mar 2031 09:00:00 GMT`, as in RSS).
pub fn meta_date(v: &str) -> Option<Date> {
    let v = v.trim();
    if let Some(d) = crate::front_matter::date(v) {
        return Some(d);
    }
    jiff::fmt::rfc2822::parse(v).ok().map(|z| z.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_metadata() {
        let d = Date::new(2031, 3, 14).unwrap();
        assert_eq!(meta_date("2031-03-14"), Some(d));
        assert_eq!(meta_date("2031-03-14T23:30:00-05:00"), Some(d));
        assert_eq!(meta_date("Fri, 14 Mar 2031 09:00:00 GMT"), Some(d));
        assert_eq!(meta_date("last Friday"), None);
    }
}
