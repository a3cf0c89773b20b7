//! Markdown front matter: a YAML block between `---` lines at the very top of a file,
//! which carries the article's metadata (`title`, `date`, `outlet`, `url`).
//!
//! Only the fields claimgraph uses are read; any other key is ignored. The block stays in
//! the text (spans are byte-exact) but the body starts after it, so no claim comes from it.

use crate::span::Span;
use jiff::civil::Date;
use serde::Deserialize;

/// The fields of a front-matter block that claimgraph uses.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
}

/// A front-matter block found at the top of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The YAML between the fences.
    pub yaml: Span,
    /// Where the text after the closing fence (and its line break) starts.
    pub body_start: usize,
}

/// The block at the top of `text`, when the first line is `---` and a later line closes it
/// with `---` or `...`. A UTF-8 byte-order mark before the fence is allowed.
pub fn find(text: &str) -> Option<Block> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_end = rest.find('\n')?;
    if rest[..first_end].trim_end_matches('\r') != "---" {
        return None;
    }
    let yaml_start = start + first_end + 1;
    let mut at = yaml_start;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[at..end].trim_end_matches('\r');
        if line == "---" || line == "..." {
            return Some(Block {
                yaml: Span::new(yaml_start, at),
                body_start: (end + 1).min(text.len()),
            });
        }
        at = end + 1;
    }
    None
}

/// Why a block's metadata could not be used.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// 1-based line in the file.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parse a block's YAML. Errors carry the line and column in the whole file.
pub fn parse(text: &str, block: &Block) -> Result<FrontMatter, Problem> {
    let yaml = block.yaml.slice(text);
    // The block starts on the line after the opening fence.
    let offset = text[..block.yaml.start].matches('\n').count();
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    crate::yaml::parse::<FrontMatter>(yaml, "front matter").map_err(|e| match e {
        crate::error::Error::Rule { line, column, .. } => Problem {
            line: line + offset,
            column,
            message: "not a YAML mapping of text fields (title, date, outlet, url)".into(),
        },
        other => Problem {
            line: offset + 1,
            column: 1,
            message: other.to_string(),
        },
    })
}

/// A front-matter date: `YYYY-MM-DD`, or a timestamp whose date part is that (the date as
/// written, in the article's own time zone).
pub fn date(value: &str) -> Option<Date> {
    let v = value.trim();
    let day = v.get(..10)?;
    let rest = &v[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    day.parse::<Date>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_block_and_the_body_after_it() {
        let t = "---\ntitle: Harbour talks\ndate: 2031-03-14\n---\nBody line.\n";
        let b = find(t).unwrap();
        assert_eq!(b.yaml.slice(t), "title: Harbour talks\ndate: 2031-03-14\n");
        assert_eq!(&t[b.body_start..], "Body line.\n");
        let fm = parse(t, &b).unwrap();
        assert_eq!(fm.date.as_deref(), Some("2031-03-14"));
        assert_eq!(fm.title.as_deref(), Some("Harbour talks"));
    }

    #[test]
    fn crlf_bom_and_dots_close() {
        let t = "\u{feff}---\r\ndate: 2031-03-14\r\n...\r\nBody.";
        let b = find(t).unwrap();
        assert_eq!(&t[b.body_start..], "Body.");
        assert_eq!(parse(t, &b).unwrap().date.as_deref(), Some("2031-03-14"));
    }

    #[test]
    fn no_block_without_both_fences() {
        assert_eq!(find("Body.\n---\n"), None);
        assert_eq!(find("---\ndate: 2031-03-14\n"), None);
        assert_eq!(find("--- \nx"), None);
    }

    #[test]
    fn unknown_keys_are_ignored_and_errors_point_into_the_file() {
        let t = "---\ntags: [a, b]\ndate: 2031-03-14\n---\n";
        assert!(parse(t, &find(t).unwrap()).is_ok());
        let bad = "---\ntitle: ok\ndate: [unclosed\n---\n";
        let p = parse(bad, &find(bad).unwrap()).unwrap_err();
        assert!(p.line >= 3, "{p:?}");
    }

    #[test]
    fn dates_and_timestamps() {
        assert_eq!(date("2031-03-14"), Some(jiff::civil::date(2031, 3, 14)));
        assert_eq!(
            date("2031-03-14T22:10:00-04:00"),
            Some(jiff::civil::date(2031, 3, 14))
        );
        assert_eq!(date("March 14, 2031"), None);
        assert_eq!(date("2031-13-01"), None);
    }
}
