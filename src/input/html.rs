//! Saved web pages: the article body (dom_smoothie, a port of Firefox's Reader mode), its
//! metadata (JSON-LD, OpenGraph, `<time>`, the canonical link) and a map from the
//! extracted text back to the page's bytes.
//!
//! dom_smoothie rebuilds a DOM and keeps no source positions, so the page is also streamed
//! once through lol_html, which gives every text node's byte range in the file. Each
//! extracted paragraph is then looked for, in order, in that stream of page text
//! (entities decoded, whitespace ignored), which gives each of its characters the offset
//! of the character it came from. A paragraph not found keeps no location (with a note).
//! Scripts, styles and everything Reader mode leaves out (navigation, share bars, related
//! links, cookie banners) never reach the text.

use super::{Article, TextBuilder};
use crate::document::PublishedSource;
use lol_html::html_content::{Element, TextChunk, TextType};
use lol_html::{HtmlRewriter, Settings, doc_text, element, text};
use std::cell::RefCell;
use std::ops::Range;

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoArticle(pub String);

/// Read a saved page into one article.
pub fn read(src: &str) -> Result<Article, NoArticle> {
    let scan = scan(src);
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        // A page of a million elements is not an article; refuse it rather than stall.
        max_elements_to_parse: 200_000,
        ..Default::default()
    };
    let mut r = dom_smoothie::Readability::new(src, None, Some(cfg))
        .map_err(|e| NoArticle(format!("cannot be read as a page: {e}")))?;
    let found = r.parse().map_err(|e| {
        NoArticle(match e {
            dom_smoothie::ReadabilityError::GrabFailed => {
                "no article found in the page (only navigation, links or page furniture)".into()
            }
            e => format!("no article read from the page: {e}"),
        })
    })?;
    let body: Vec<&str> = found
        .text_content
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if !body
        .iter()
        .any(|l| l.chars().filter(|c| c.is_alphabetic()).count() >= 20)
    {
        return Err(NoArticle(
            "no article found in the page (no paragraph of prose in what Reader mode kept)".into(),
        ));
    }

    let mut a = Article::default();
    let ld = scan.json_ld.iter().find_map(|s| json_ld_article(s));
    if let Some(ld) = &ld {
        for (field, v) in [
            ("headline", &ld.headline),
            ("byline", &ld.author),
            ("published", &ld.published),
            ("url", &ld.url),
        ] {
            if let Some(v) = v {
                a.meta(field, v, "json-ld");
            }
        }
    }
    let og = |k: &str| scan.meta(k);
    if let Some(v) = og("article:published_time") {
        a.meta("published", v, "open-graph");
    }
    if let Some(v) = &scan.time {
        a.meta("published", v, "time-element");
    }
    if let Some(v) = og("og:site_name") {
        a.meta("outlet", v, "open-graph");
    }
    if let Some(v) = ld.as_ref().and_then(|l| l.publisher.as_deref()) {
        a.meta("outlet", v, "json-ld");
    }
    if let Some(v) = og("og:title") {
        a.meta("headline", v, "open-graph");
    }
    // The page's own <h1> before <title>, which often carries the outlet's name.
    let h1 = squash(&decode_entities(&scan.h1));
    a.meta("headline", &h1, "h1");
    a.meta("headline", &found.title, "title");
    if let Some(v) = og("author") {
        a.meta("byline", v, "meta");
    }
    if let Some(v) = &found.byline {
        a.meta("byline", v, "readability");
    }
    if let Some(v) = &scan.canonical {
        a.meta("url", v, "canonical-link");
    }
    if let Some(v) = og("og:url") {
        a.meta("url", v, "open-graph");
    }
    // The date order: JSON-LD, OpenGraph, <time>; the text's dateline comes after them
    // (ingest looks for it when none of these gave a date).
    let date_source = match a.meta.iter().find(|m| m.field == "published") {
        Some(m) if m.source == "json-ld" => PublishedSource::JsonLd,
        Some(m) if m.source == "open-graph" => PublishedSource::OpenGraph,
        _ => PublishedSource::TimeElement,
    };
    a.settle(date_source);

    let stream = Stream::new(src, &scan.data);
    let mut out = TextBuilder::new();
    let mut cursor = 0;
    let headline = a.meta_value("headline").map(str::to_string);
    let mut missed = 0;
    if let Some(h) = &headline
        && body.first().is_none_or(|b| b != h)
    {
        let (offs, end) = stream.anchor(src, h, 0);
        cursor = end.unwrap_or(0);
        out.paragraph(h, offs.as_deref());
    }
    if let Some(b) = &found.byline
        && !body.iter().take(3).any(|l| l.contains(b.as_str()))
    {
        let (offs, _) = stream.anchor(src, b, cursor);
        out.paragraph(b, offs.as_deref());
    }
    let mut kept = 0;
    for p in &body {
        let (offs, end) = stream.anchor(src, p, cursor);
        // A paragraph that is all link text (an in-article promo, "Read more") is page
        // furniture Reader mode kept: it never reaches the claims.
        if let Some(o) = &offs
            && scan.all_link_text(o)
        {
            cursor = end.unwrap_or(cursor);
            continue;
        }
        match end {
            Some(e) => cursor = e,
            None => missed += 1,
        }
        kept += 1;
        out.paragraph(p, offs.as_deref());
    }
    if kept == 0 {
        return Err(NoArticle(
            "no article found in the page (what Reader mode kept is only link text)".into(),
        ));
    }
    if missed > 0 {
        a.notes.push(format!(
            "{missed} of {} extracted paragraphs were not found again in the page's text: their evidence gives the extracted text only, without a line in the page",
            body.len()
        ));
    }
    if let Some(line) = truncated(src) {
        a.notes.push(format!(
            "the page ends at line {line} without a closing </html> (truncated?): what is there was read"
        ));
    }
    (a.text, a.map) = out.finish();
    Ok(a)
}

/// The last line, when a page that opens `<html>` never closes it.
fn truncated(src: &str) -> Option<usize> {
    let lower = src.to_ascii_lowercase();
    (lower.contains("<html") && !lower.contains("</html")).then(|| src.lines().count().max(1))
}

/// What one streaming pass over the page collects.
#[derive(Debug, Default)]
struct Scan {
    /// Byte ranges of ordinary text (not script, style or title text).
    data: Vec<Range<usize>>,
    /// `<meta>` (property, name or itemprop, lower case) and content.
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    time: Option<String>,
    json_ld: Vec<String>,
    ld_open: String,
    /// Byte ranges of the text inside `<a>` elements, in page order.
    links: Vec<Range<usize>>,
    /// The raw text of the first `<h1>` (entities not decoded).
    h1: String,
    h1_done: bool,
}

impl Scan {
    /// Whether every located byte of a paragraph is link text.
    fn all_link_text(&self, offsets: &[Option<usize>]) -> bool {
        let mut any = false;
        for o in offsets.iter().flatten() {
            any = true;
            let i = self.links.partition_point(|r| r.end <= *o);
            if self.links.get(i).is_none_or(|r| r.start > *o) {
                return false;
            }
        }
        any
    }

    fn meta(&self, key: &str) -> Option<&str> {
        self.metas
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn scan(src: &str) -> Scan {
    let s = RefCell::new(Scan::default());
    {
        let settings = Settings::new()
            .append_document_content_handler(doc_text!(|t: &mut TextChunk| {
                if t.text_type() == TextType::Data {
                    let r = t.source_location().bytes();
                    if !r.is_empty() {
                        s.borrow_mut().data.push(r);
                    }
                }
                Ok(())
            }))
            .append_element_content_handler(text!("h1", |t: &mut TextChunk| {
                let mut s = s.borrow_mut();
                if !s.h1_done {
                    s.h1.push_str(t.as_str());
                    if t.last_in_text_node() && !s.h1.trim().is_empty() {
                        s.h1_done = true;
                    }
                }
                Ok(())
            }))
            .append_element_content_handler(text!("a", |t: &mut TextChunk| {
                let r = t.source_location().bytes();
                if !r.is_empty() {
                    s.borrow_mut().links.push(r);
                }
                Ok(())
            }))
            .append_element_content_handler(element!("meta[content]", |el: &mut Element| {
                let key = el
                    .get_attribute("property")
                    .or_else(|| el.get_attribute("name"))
                    .or_else(|| el.get_attribute("itemprop"));
                if let (Some(k), Some(v)) = (key, el.get_attribute("content")) {
                    s.borrow_mut().metas.push((k.to_ascii_lowercase(), v));
                }
                Ok(())
            }))
            .append_element_content_handler(element!("link[rel][href]", |el: &mut Element| {
                let rel = el.get_attribute("rel").unwrap_or_default();
                if rel.eq_ignore_ascii_case("canonical") {
                    let mut s = s.borrow_mut();
                    if s.canonical.is_none() {
                        s.canonical = el.get_attribute("href");
                    }
                }
                Ok(())
            }))
            .append_element_content_handler(element!("time[datetime]", |el: &mut Element| {
                let mut s = s.borrow_mut();
                if s.time.is_none() {
                    s.time = el.get_attribute("datetime");
                }
                Ok(())
            }))
            .append_element_content_handler(text!(
                "script[type=\"application/ld+json\"]",
                |t: &mut TextChunk| {
                    let mut s = s.borrow_mut();
                    s.ld_open.push_str(t.as_str());
                    if t.last_in_text_node() {
                        let block = std::mem::take(&mut s.ld_open);
                        s.json_ld.push(block);
                    }
                    Ok(())
                }
            ));
        let mut rw = HtmlRewriter::new(settings, |_: &[u8]| {});
        // A page lol_html cannot stream to the end keeps what was collected before.
        if rw.write(src.as_bytes()).is_ok() {
            let _ = rw.end();
        }
    }
    s.into_inner()
}

/// The article fields of a JSON-LD block.
#[derive(Debug, Default)]
struct LdArticle {
    headline: Option<String>,
    author: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
}

fn json_ld_article(block: &str) -> Option<LdArticle> {
    let v: serde_json::Value = serde_json::from_str(block.trim()).ok()?;
    let node = find_article(&v, 0)?;
    let s = |k: &str| node.get(k).and_then(name_of);
    Some(LdArticle {
        headline: s("headline").or_else(|| s("name")),
        author: node.get("author").and_then(names),
        published: s("datePublished"),
        publisher: node.get("publisher").and_then(name_of),
        url: s("url").or_else(|| node.get("mainEntityOfPage").and_then(id_of)),
    })
}

/// The first node (depth-first, through `@graph` and arrays) whose `@type` is an article.
fn find_article(v: &serde_json::Value, depth: usize) -> Option<&serde_json::Value> {
    if depth > 8 {
        return None;
    }
    match v {
        serde_json::Value::Array(a) => a.iter().find_map(|x| find_article(x, depth + 1)),
        serde_json::Value::Object(o) => {
            let is_article = |t: &serde_json::Value| {
                t.as_str()
                    .is_some_and(|t| t.ends_with("Article") || t == "BlogPosting")
            };
            let typed = match o.get("@type") {
                Some(serde_json::Value::Array(ts)) => ts.iter().any(is_article),
                Some(t) => is_article(t),
                None => false,
            };
            if typed {
                return Some(v);
            }
            o.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

fn name_of(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Object(o) => o.get("name").and_then(|n| n.as_str()).map(String::from),
        serde_json::Value::Array(a) => a.first().and_then(name_of),
        _ => None,
    }
}

fn id_of(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Object(o) => o.get("@id").and_then(|n| n.as_str()).map(String::from),
        _ => None,
    }
}

/// Authors joined with " and ".
fn names(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Array(a) => {
            let n: Vec<String> = a.iter().filter_map(name_of).collect();
            (!n.is_empty()).then(|| n.join(" and "))
        }
        v => name_of(v),
    }
}

/// The page's text, entities decoded and whitespace left out, with each character's
/// source offset and whether it was copied verbatim (not decoded from an entity).
struct Stream {
    text: String,
    /// Per byte of `text`: the source offset of its character, and whether verbatim.
    at: Vec<(usize, bool)>,
}

impl Stream {
    fn new(src: &str, data: &[Range<usize>]) -> Stream {
        let mut text = String::new();
        let mut at = Vec::new();
        for r in data {
            let Some(chunk) = src.get(r.clone()) else {
                continue;
            };
            let mut i = 0;
            while i < chunk.len() {
                let Some((ch, len, verbatim)) = char_at(chunk, i) else {
                    break;
                };
                if !ch.is_whitespace() {
                    text.push(ch);
                    at.extend(std::iter::repeat_n((r.start + i, verbatim), ch.len_utf8()));
                }
                i += len;
            }
        }
        Stream { text, at }
    }

    /// Find `para` in the stream at or after byte `from`: per-byte source offsets of
    /// `para`, and the stream offset after the match.
    fn anchor(
        &self,
        src: &str,
        para: &str,
        from: usize,
    ) -> (Option<Vec<Option<usize>>>, Option<usize>) {
        let key: String = para.chars().filter(|c| !c.is_whitespace()).collect();
        if key.is_empty() {
            return (None, None);
        }
        let Some(p) = self.text.get(from..).and_then(|t| t.find(&key)) else {
            return (None, None);
        };
        let mut q = from + p;
        let mut offs = Vec::with_capacity(para.len());
        let mut prev_end: Option<usize> = None;
        for c in para.chars() {
            if c.is_whitespace() {
                let mut buf = [0u8; 4];
                let enc = c.encode_utf8(&mut buf).as_bytes();
                match prev_end {
                    Some(e) if src.as_bytes().get(e..e + enc.len()) == Some(enc) => {
                        offs.extend((0..enc.len()).map(|k| Some(e + k)));
                        prev_end = Some(e + enc.len());
                    }
                    _ => {
                        offs.extend(std::iter::repeat_n(None, enc.len()));
                        prev_end = None;
                    }
                }
                continue;
            }
            let (s, verbatim) = self.at[q];
            let n = c.len_utf8();
            if verbatim {
                offs.extend((0..n).map(|k| Some(s + k)));
                prev_end = Some(s + n);
            } else {
                offs.push(Some(s));
                offs.extend(std::iter::repeat_n(None, n - 1));
                prev_end = None;
            }
            q += n;
        }
        (Some(offs), Some(q))
    }
}

/// Text with its character references decoded (those [`entity`] knows).
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        match (c == '&').then(|| entity(&s[i..])).flatten() {
            Some((ch, len)) => {
                out.push(ch);
                i += len;
            }
            None => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
}

/// Runs of whitespace as one space, trimmed.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An HTML character reference at the start of `s` (`&amp;`, `&#8217;`, `&#x2019;`):
/// the character and the reference's length. Only references ended by `;`.
/// The character of the page text at byte `i` of `chunk`: an entity decoded (`&amp;` is
/// `&`, five bytes, not verbatim) or the character itself, with the bytes it takes and
/// whether it is written as itself. None at the end.
fn char_at(chunk: &str, i: usize) -> Option<(char, usize, bool)> {
    let c = chunk.get(i..)?.chars().next()?;
    Some(match c {
        '&' => match entity(&chunk[i..]) {
            Some((ch, len)) => (ch, len, false),
            None => ('&', 1, true),
        },
        c => (c, c.len_utf8(), true),
    })
}

fn entity(s: &str) -> Option<(char, usize)> {
    if !s.starts_with('&') {
        return None;
    }
    let end = s.get(..s.len().min(12))?.find(';')?;
    let name = &s[1..end];
    let ch = if let Some(num) = name.strip_prefix('#') {
        let cp = match num.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(cp).unwrap_or('\u{fffd}')
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "rsquo" => '\u{2019}',
            "lsquo" => '\u{2018}',
            "rdquo" => '\u{201d}',
            "ldquo" => '\u{201c}',
            "mdash" => '\u{2014}',
            "ndash" => '\u{2013}',
            "hellip" => '\u{2026}',
            "eacute" => 'é',
            "euro" => '€',
            "pound" => '£',
            "copy" => '©',
            "middot" => '·',
            "bull" => '•',
            _ => return None,
        }
    };
    Some((ch, end + 1))
}

/// The paragraphs of an HTML fragment (a feed item's or a ninjs body): text by block
/// element, entities decoded, with per-byte offsets into the fragment.
pub fn fragment(html: &str) -> Vec<(String, Vec<Option<usize>>)> {
    #[derive(Debug)]
    enum Ev {
        Break,
        Text(Range<usize>),
    }
    let evs = RefCell::new(Vec::new());
    {
        let settings = Settings::new()
            .append_document_content_handler(doc_text!(|t: &mut TextChunk| {
                if t.text_type() == TextType::Data {
                    evs.borrow_mut().push(Ev::Text(t.source_location().bytes()));
                }
                Ok(())
            }))
            .append_element_content_handler(element!(
                "p, div, br, li, h1, h2, h3, h4, h5, h6, blockquote, tr, section, article, figure, header, footer",
                |_el: &mut Element| {
                    evs.borrow_mut().push(Ev::Break);
                    Ok(())
                }
            ));
        let mut rw = HtmlRewriter::new(settings, |_: &[u8]| {});
        if rw.write(html.as_bytes()).is_ok() {
            let _ = rw.end();
        }
    }
    let mut paras = Vec::new();
    let mut cur = String::new();
    let mut offs: Vec<Option<usize>> = Vec::new();
    let mut flush = |cur: &mut String, offs: &mut Vec<Option<usize>>| {
        // Collapse runs of whitespace to one space, keeping offsets aligned.
        let mut t = String::new();
        let mut o = Vec::new();
        let mut space = false;
        for (i, c) in cur.char_indices() {
            if c.is_whitespace() {
                space = !t.is_empty();
                continue;
            }
            if space {
                t.push(' ');
                o.push(None);
                space = false;
            }
            t.push(c);
            o.extend_from_slice(&offs[i..i + c.len_utf8()]);
        }
        if !t.is_empty() {
            paras.push((t, o));
        }
        cur.clear();
        offs.clear();
    };
    for ev in evs.into_inner() {
        match ev {
            Ev::Break => flush(&mut cur, &mut offs),
            Ev::Text(r) => {
                let Some(chunk) = html.get(r.clone()) else {
                    continue;
                };
                let mut i = 0;
                while i < chunk.len() {
                    let Some((ch, len, verbatim)) = char_at(chunk, i) else {
                        break;
                    };
                    cur.push(ch);
                    if verbatim {
                        offs.extend((0..len).map(|k| Some(r.start + i + k)));
                    } else {
                        offs.push(Some(r.start + i));
                        offs.extend(std::iter::repeat_n(None, ch.len_utf8() - 1));
                    }
                    i += len;
                }
            }
        }
    }
    flush(&mut cur, &mut offs);
    paras
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(entity("&amp; x"), Some(('&', 5)));
        assert_eq!(entity("&#8217;s"), Some(('\u{2019}', 7)));
        assert_eq!(entity("&#x2019;"), Some(('\u{2019}', 8)));
        assert_eq!(entity("& x"), None);
    }

    #[test]
    fn the_h1_comes_before_the_title_and_maps_into_the_page() {
        let page = "<html><head><title>Pier reopens - Wire</title></head><body><h1>Pier  reopens &amp; more</h1><article><p>The pier at Wexby reopened on Friday after a month of repairs, the harbour master said.</p><p>Some 40 fishing boats had used the pier by midday, he said on Friday.</p></article></body></html>";
        let a = read(page).unwrap();
        assert_eq!(a.meta_value("headline"), Some("Pier reopens & more"));
        assert!(a.text.starts_with("Pier reopens & more\n\n"), "{}", a.text);
        assert_eq!(a.map.source(0), page.find("Pier  reopens"));
        assert_eq!(decode_entities("a &amp; b &#8217;"), "a & b \u{2019}");
        // Found by the input_html fuzz target: a `;` not after a `&` is text.
        assert_eq!(decode_entities(";T &; x;"), ";T &; x;");
        assert_eq!(entity(";x"), None);
    }

    #[test]
    fn a_page_whose_article_is_only_link_text_has_no_article() {
        // Found by the input_html fuzz target: every kept paragraph was link text, and
        // an empty article came out.
        let page = "<html><body><article><p><a href=\"/a\">The pier at Wexby reopened on Friday after a month of repairs.</a></p><p><a href=\"/b\">Some 40 fishing boats had used the pier by midday, he said.</a></p></article></body></html>";
        match read(page) {
            Err(NoArticle(m)) => assert!(m.contains("no article"), "{m}"),
            Ok(a) => assert!(!a.text.is_empty(), "an empty article"),
        }
    }

    #[test]
    fn fragments_split_on_blocks() {
        let f = fragment("<p>One &amp; two.</p>\n<p>Three\n  four.</p>");
        let texts: Vec<&str> = f.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["One & two.", "Three four."]);
        assert_eq!(f[0].1.len(), f[0].0.len());
        assert_eq!(f[0].1[0], Some(3));
        assert_eq!(f[1].1[0], Some("<p>One &amp; two.</p>\n<p>".len()));
    }
}
