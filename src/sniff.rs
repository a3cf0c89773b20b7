//! What a file's content looks like, when it is plainly not a plain-text article.
//!
//! claimgraph reads plain text and Markdown. A saved web page or a feed named as an
//! article would be read as prose: script text would become claims, and a feed's articles
//! would merge into one document, so their conflicts would vanish. Such files are refused
//! with a notice that says what they look like. The tests are deliberately narrow ("plainly"):
//! an article that merely contains a tag or a brace is still an article.

/// A format that is not a plain-text article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foreign {
    Html,
    /// RSS or Atom.
    Feed,
    Xml,
    Json,
    JsonLines,
}

impl Foreign {
    pub fn describe(self) -> &'static str {
        match self {
            Foreign::Html => "an HTML page",
            Foreign::Feed => "an RSS or Atom feed",
            Foreign::Xml => "an XML document",
            Foreign::Json => "JSON",
            Foreign::JsonLines => "JSON Lines (one JSON record a line)",
        }
    }
}

/// How far into a file the markup tests look.
const HEAD: usize = 4096;

/// The foreign format `text` plainly is, if any.
pub fn sniff(text: &str) -> Option<Foreign> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('<') {
        return markup(t);
    }
    if t.starts_with('{') || t.starts_with('[') {
        return json(t);
    }
    None
}

fn markup(t: &str) -> Option<Foreign> {
    // An inline suppression comment at the top of an article is not markup.
    if t.starts_with("<!--") && !lower_head(t).contains("<html") {
        return None;
    }
    let head = lower_head(t);
    if head.starts_with("<?xml") || head.starts_with("<rss") || head.starts_with("<feed") {
        if head.contains("<rss") || head.contains("<feed") {
            return Some(Foreign::Feed);
        }
        if head.contains("<html") {
            return Some(Foreign::Html);
        }
        return Some(Foreign::Xml);
    }
    const HTML: [&str; 9] = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<div",
        "<article",
        "<script",
        "<p>",
    ];
    HTML.iter()
        .any(|m| head.contains(m))
        .then_some(Foreign::Html)
}

fn lower_head(t: &str) -> String {
    let mut end = t.len().min(HEAD);
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    t[..end].to_ascii_lowercase()
}

fn json(t: &str) -> Option<Foreign> {
    use serde::de::IgnoredAny;
    if serde_json::from_str::<IgnoredAny>(t).is_ok() {
        return Some(Foreign::Json);
    }
    // JSON Lines: every non-empty line among the first few is a JSON object or array.
    let lines: Vec<&str> = t
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
        .collect();
    let all_json = lines.iter().all(|l| {
        (l.starts_with('{') || l.starts_with('[')) && serde_json::from_str::<IgnoredAny>(l).is_ok()
    });
    (all_json && !lines.is_empty()).then_some(Foreign::JsonLines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_feeds() {
        assert_eq!(
            sniff("<!DOCTYPE html>\n<html><body><p>Text</p></body></html>"),
            Some(Foreign::Html)
        );
        assert_eq!(
            sniff("  <div class=\"story\">Text</div>"),
            Some(Foreign::Html)
        );
        assert_eq!(
            sniff("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>"),
            Some(Foreign::Feed)
        );
        assert_eq!(
            sniff("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>"),
            Some(Foreign::Feed)
        );
        assert_eq!(sniff("<?xml version=\"1.0\"?><doc/>"), Some(Foreign::Xml));
    }

    #[test]
    fn json_and_json_lines() {
        assert_eq!(
            sniff("{\"headline\": \"x\", \"body\": \"y\"}"),
            Some(Foreign::Json)
        );
        assert_eq!(sniff("[1, 2]"), Some(Foreign::Json));
        assert_eq!(
            sniff("{\"body\": \"a\"}\n{\"body\": \"b\"}\n"),
            Some(Foreign::JsonLines)
        );
    }

    #[test]
    fn articles_stay_articles() {
        assert_eq!(sniff("The council met on Monday."), None);
        assert_eq!(
            sniff(
                "<!-- claimgraph: ignore-document[CG201] reason=\"checked\" -->\nThe council met."
            ),
            None
        );
        assert_eq!(sniff("[Updated] The council met on Monday."), None);
        assert_eq!(sniff("{Editor's note} The council met."), None);
        assert_eq!(sniff("<Harbourton> The council met."), None);
    }
}
