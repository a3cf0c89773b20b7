//! One article record from JSON (a JSON Lines line, a ninjs item, a house-format object):
//! which fields it had, and the article built from them, with each string located in the
//! file where that is certain.

use super::json_str;
use super::{Article, Item, TextBuilder};
use crate::document::PublishedSource;
use std::ops::Range;

/// A field's value and the JSON key it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Text(Field),
    Html(Field),
}

/// The article fields of a record, whatever the format called them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub id: Option<Field>,
    pub headline: Option<Field>,
    pub byline: Option<Field>,
    pub body: Option<Body>,
    pub date: Option<Field>,
    pub outlet: Option<Field>,
    pub url: Option<Field>,
}

/// The string at `key` of an object, when it is a non-empty string.
pub fn string(v: &serde_json::Value, key: &'static str) -> Option<Field> {
    let s = v.get(key)?.as_str()?.trim();
    (!s.is_empty()).then(|| Field {
        key,
        value: s.to_string(),
    })
}

/// The first of `keys` that is a non-empty string.
pub fn first(v: &serde_json::Value, keys: &[&'static str]) -> Option<Field> {
    keys.iter().find_map(|k| string(v, k))
}

impl Record {
    /// The house format (JSON Lines): `headline` (or `title`), `body` (or `text`),
    /// `body_html`, `date` (or `published`), `outlet` (or `source`), `url`, `byline`, `id`.
    pub fn house(v: &serde_json::Value) -> Record {
        Record {
            id: first(v, &["id", "guid"]),
            headline: first(v, &["headline", "title"]),
            byline: first(v, &["byline", "author"]),
            body: first(v, &["body", "text"])
                .map(Body::Text)
                .or_else(|| string(v, "body_html").map(Body::Html)),
            date: first(v, &["date", "published", "datePublished"]),
            outlet: first(v, &["outlet", "source", "publisher"]),
            url: string(v, "url"),
        }
    }

    /// Build the article; `range` is the record's bytes in `src` (where its strings are
    /// looked for), `format` names the source of its metadata (`jsonl`, `ninjs`).
    pub fn article(
        &self,
        src: &str,
        range: Range<usize>,
        item: Item,
        format: &str,
    ) -> Result<Article, String> {
        let body = match &self.body {
            Some(Body::Text(f)) | Some(Body::Html(f)) if !f.value.trim().is_empty() => &self.body,
            _ => return Err("has no body text: skipped".into()),
        };
        let mut a = Article {
            item: Some(item),
            ..Default::default()
        };
        let src_of = |f: &Field| format!("{format}:{}", f.key);
        for (name, f) in [
            ("headline", &self.headline),
            ("byline", &self.byline),
            ("published", &self.date),
            ("outlet", &self.outlet),
            ("url", &self.url),
        ] {
            if let Some(f) = f {
                a.meta(name, &f.value, &src_of(f));
            }
        }
        if let Some(f) = &self.date
            && super::meta_date(&f.value).is_none()
        {
            a.notes.push(format!(
                "`{}: {}` is not a date this reader knows (ISO 8601 or RFC 2822); ignored",
                f.key, f.value
            ));
        }
        a.settle(PublishedSource::Item);
        let locate = |f: &Field| json_str::find_value(src, range.clone(), f.key, &f.value);
        let mut out = TextBuilder::new();
        for f in [&self.headline, &self.byline].into_iter().flatten() {
            let offs = locate(f);
            out.paragraph(&f.value, offs.as_deref());
        }
        let before_body = out.len();
        match body {
            Some(Body::Text(f)) => {
                let offs = locate(f).or_else(|| json_str::find_any(src, range.clone(), &f.value));
                let mut at = 0;
                for line in f.value.split('\n') {
                    let o = offs.as_ref().map(|o| &o[at..at + line.len()]);
                    out.paragraph(line, o);
                    at += line.len() + 1;
                }
            }
            Some(Body::Html(f)) => {
                let lit = locate(f).or_else(|| json_str::find_any(src, range.clone(), &f.value));
                for (p, offs) in super::html::fragment(&f.value) {
                    // Offsets into the decoded string, then into the file.
                    let o: Option<Vec<Option<usize>>> = lit.as_ref().map(|lit| {
                        offs.iter()
                            .map(|o| o.and_then(|i| lit.get(i).copied().flatten()))
                            .collect()
                    });
                    out.paragraph(&p, o.as_deref());
                }
            }
            None => {}
        }
        if out.len() == before_body {
            return Err("its body has no text (only markup or white space): skipped".into());
        }
        (a.text, a.map) = out.finish();
        Ok(a)
    }
}
