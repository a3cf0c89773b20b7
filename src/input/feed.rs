//! RSS (0.9x, 1.0, 2.0), Atom and JSON Feed, read with feed-rs: one article per item,
//! from its full content (`content:encoded`, Atom `content`), else its description or
//! summary. feed-rs keeps no source positions, so the item's text is looked for again in
//! the item's bytes (its body is usually there verbatim: CDATA, or plain text); what is not
//! found points at the line of its `<item>` or `<entry>` tag. The date is read from the
//! item's own `pubDate` / `published` text so that its civil date is the one the outlet
//! wrote.

use super::{Article, Format, Item, ReadOut, TextBuilder};
use crate::document::PublishedSource;

/// Read a feed. `Err` when it is not a feed feed-rs can read.
pub fn read(src: &str) -> Result<(Format, ReadOut), String> {
    let feed = feed_rs::parser::Builder::new()
        .sanitize_content(false)
        .build()
        .parse(src.as_bytes())
        .map_err(|e| format!("not a feed that can be read ({e})"))?;
    let format = match feed.feed_type {
        feed_rs::model::FeedType::Atom => Format::Atom,
        feed_rs::model::FeedType::JSON => Format::JsonFeed,
        _ => Format::Rss,
    };
    let tag = if format == Format::Atom {
        "entry"
    } else {
        "item"
    };
    let starts = item_starts(src, tag);
    let outlet = feed.title.as_ref().map(|t| t.content.clone());
    // Lines numbered as the report numbers them (a lone `\r` ends one too).
    let lines = crate::span::LineIndex::new(src);
    let mut out = ReadOut::default();
    if feed.entries.is_empty() {
        out.notices.push("the feed has no items".into());
    }
    for (i, e) in feed.entries.iter().enumerate() {
        let index = i + 1;
        let start = starts.get(i).copied();
        let line = start.map_or(1, |s| lines.line_col(src, s).0);
        let slice = start.map(|s| {
            let end = starts.get(i + 1).copied().unwrap_or(src.len());
            &src[s..end]
        });
        let where_ = format!("line {line} (item {index})");
        let body = e
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty())
            .map(|b| (b, "content"))
            .or_else(|| {
                e.summary
                    .as_ref()
                    .filter(|s| !s.content.trim().is_empty())
                    .map(|s| (s.content.clone(), "summary"))
            });
        let Some((body, _)) = body else {
            out.notices.push(format!(
                "{where_}: has no body (no content, description or summary): skipped"
            ));
            continue;
        };
        let id = (!e.id.is_empty() && src.contains(e.id.as_str())).then(|| e.id.clone());
        let mut a = Article {
            item: Some(Item { index, line, id }),
            ..Default::default()
        };
        let kind = format.as_str();
        let headline = e.title.as_ref().map(|t| t.content.trim().to_string());
        if let Some(h) = &headline {
            a.meta("headline", h, &format!("{kind}:title"));
        }
        let byline: Vec<&str> = e.authors.iter().filter_map(|p| p.name.as_deref()).collect();
        a.meta("byline", &byline.join(" and "), &format!("{kind}:author"));
        let raw_date = slice.and_then(|s| {
            ["pubDate", "published", "dc:date", "updated"]
                .iter()
                .find_map(|t| element_text(s, t).map(|v| (*t, v)))
        });
        match raw_date {
            Some((t, v)) => a.meta("published", v, &format!("{kind}:{t}")),
            None => {
                if let Some(d) = e.published.or(e.updated) {
                    a.meta("published", &d.to_rfc3339(), &format!("{kind}:published"));
                }
            }
        }
        if let Some(o) = &outlet {
            a.meta("outlet", o, &format!("{kind}:channel-title"));
        }
        if let Some(l) = e.links.first() {
            a.meta("url", &l.href, &format!("{kind}:link"));
        }
        a.settle(PublishedSource::Item);
        // feed-rs keeps no positions: text is looked for again in the item's own bytes.
        // The body usually is there verbatim (CDATA, or plain text without entities), and
        // then every paragraph maps through it; else each paragraph is looked for as is.
        // What is not found points at the item's line.
        let base = start.unwrap_or(0);
        let item_src = slice.unwrap_or("");
        let body_at = item_src.find(body.as_str()).map(|p| base + p);
        // From the item's title tag on, so that a short headline is not found in an id.
        let mut cursor = item_src.find("<title").unwrap_or(0);
        let mut verbatim = |p: &str, advance: bool| -> Option<Vec<Option<usize>>> {
            let at = item_src.get(cursor..)?.find(p)? + cursor;
            if advance {
                cursor = at + p.len();
            }
            Some((0..p.len()).map(|k| Some(base + at + k)).collect())
        };
        let mut b = TextBuilder::new();
        if let Some(h) = &headline {
            b.paragraph(h, verbatim(h, true).as_deref());
        }
        if !byline.is_empty() {
            let by = byline.join(" and ");
            b.paragraph(&by, verbatim(&by, false).as_deref());
        }
        let before_body = b.len();
        if body.contains('<') {
            for (p, offs) in super::html::fragment(&body) {
                let o = match body_at {
                    Some(at) => Some(offs.iter().map(|o| o.map(|o| at + o)).collect()),
                    None => verbatim(&p, true),
                };
                b.paragraph(&p, o.as_deref());
            }
        } else {
            let mut at = 0;
            for p in body.split('\n') {
                let o = match body_at {
                    Some(b0) => Some((0..p.len()).map(|k| Some(b0 + at + k)).collect()),
                    None => verbatim(p, true),
                };
                b.paragraph(p, o.as_deref());
                at += p.len() + 1;
            }
        }
        if b.len() == before_body {
            out.notices.push(format!(
                "{where_}: its body has no text (only markup or white space): skipped"
            ));
            continue;
        }
        (a.text, a.map) = b.finish();
        out.articles.push(a);
    }
    Ok((format, out))
}

/// Byte offsets of each `<tag` start tag (followed by `>` or whitespace).
fn item_starts(src: &str, tag: &str) -> Vec<usize> {
    let open = format!("<{tag}");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = src[from..].find(&open) {
        let at = from + p;
        from = at + open.len();
        if src[from..].starts_with(|c: char| c == '>' || c.is_whitespace()) {
            out.push(at);
        }
    }
    out
}

/// The text of the first `<tag>…</tag>` in `s`.
fn element_text<'a>(s: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = s.find(&open)? + open.len();
    let end = start + s[start..].find(&close)?;
    Some(s[start..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Wire</title>
<item>
  <title>Pier 7 shut</title>
  <guid>hw-1</guid>
  <pubDate>Fri, 14 Mar 2031 23:30:00 -0500</pubDate>
  <content:encoded><![CDATA[<p>The pier stayed shut on Friday.</p><p>Crews waited.</p>]]></content:encoded>
</item>
<item>
  <title>Teaser only</title>
</item>
</channel></rss>"#;

    #[test]
    fn items_become_articles_and_empty_items_notices() {
        let (f, r) = read(RSS).unwrap();
        assert_eq!(f, Format::Rss);
        assert_eq!(r.articles.len(), 1);
        let a = &r.articles[0];
        assert_eq!(
            a.text,
            "Pier 7 shut\n\nThe pier stayed shut on Friday.\n\nCrews waited."
        );
        // The date as the outlet wrote it, not moved to UTC.
        assert_eq!(a.published.unwrap().0.to_string(), "2031-03-14");
        assert_eq!(a.outlet.as_deref(), Some("Harbour Wire"));
        let item = a.item.as_ref().unwrap();
        assert_eq!(
            (item.index, item.line, item.id.as_deref()),
            (1, 4, Some("hw-1"))
        );
        assert_eq!(
            r.notices,
            ["line 10 (item 2): has no body (no content, description or summary): skipped"]
        );
    }

    #[test]
    fn atom_entries() {
        let src = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Coast</title>\n<entry><id>urn:c:1</id><title>T</title><published>2031-03-15T08:00:00Z</published><content type=\"html\">&lt;p&gt;The port reopened on Saturday.&lt;/p&gt;</content></entry></feed>";
        let (f, r) = read(src).unwrap();
        assert_eq!(f, Format::Atom);
        assert_eq!(r.articles[0].text, "T\n\nThe port reopened on Saturday.");
        assert_eq!(r.articles[0].item.as_ref().unwrap().line, 2);
    }

    #[test]
    fn item_text_maps_to_the_file_where_it_is_verbatim() {
        let (_, r) = read(RSS).unwrap();
        let a = &r.articles[0];
        for words in [
            "Pier 7 shut",
            "The pier stayed shut on Friday.",
            "Crews waited.",
        ] {
            let at = a.text.find(words).unwrap();
            assert_eq!(a.map.source(at), RSS.find(words), "{words}");
        }
        // Escaped twice (an entity inside escaped HTML): not in the file as read; the
        // report then points at the entry's line.
        let src = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>C</title>\n<entry><id>u:1</id><title>T</title><content type=\"html\">&lt;p&gt;Ships &amp;amp; boats sailed on Monday.&lt;/p&gt;</content></entry></feed>";
        let (_, r) = read(src).unwrap();
        let a = &r.articles[0];
        assert_eq!(a.text, "T\n\nShips & boats sailed on Monday.");
        assert_eq!(a.map.source(0), src.find("T</title>"));
        assert_eq!(a.map.source(a.text.find("Ships").unwrap()), None);
    }

    #[test]
    fn an_item_whose_body_is_only_markup_is_a_notice() {
        // Found by the input_feed fuzz target: a body of tags alone made an empty article.
        let src = "<rss version=\"2.0\"><channel><title>C</title>\n<item><title>T</title><description>&lt;p&gt; &lt;/p&gt;</description></item></channel></rss>";
        let (_, r) = read(src).unwrap();
        assert!(r.articles.is_empty());
        assert_eq!(
            r.notices,
            ["line 2 (item 1): its body has no text (only markup or white space): skipped"]
        );
    }

    #[test]
    fn not_a_feed() {
        assert!(read("<html><body>x</body></html>").is_err());
    }
}
