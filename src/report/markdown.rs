//! `--format markdown`: for a pull-request comment or a CI job summary. A summary table
//! (severity, rule, finding, sources), one collapsible `<details>` per finding with the
//! quoted evidence and its locations, the events ledger as a table, then what inline
//! suppressions and the baseline hid.
//!
//! **Escaping.** Every piece of text that comes from an article, a path or a rule file goes
//! through [`escape`]: Markdown and HTML punctuation become numeric character references
//! (CommonMark never reads those as syntax, and they are valid inside the HTML of
//! `<summary>` too), line breaks become spaces, and a zero-width space is put after `@`,
//! `#`, inside `://` and after `www` so that GitHub makes no @-mention, no issue reference
//! and no autolink out of article text.

use super::json::{FindingOut, Report};
use crate::document::Document;
use regex::Regex;
use std::fmt::Write;
use std::sync::LazyLock;

const ZWSP: char = '\u{200B}';

static WWW: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bwww\.").expect("regex"));

/// Text that is safe in Markdown, in a table cell and inside inline HTML.
pub fn escape(s: &str) -> String {
    let s = s.replace("://", &format!(":{ZWSP}//"));
    let s = WWW.replace_all(&s, |c: &regex::Captures| {
        let w = &c[0];
        format!("{}{ZWSP}.", &w[..3])
    });
    let mut o = String::with_capacity(s.len());
    // A block marker where the text starts a line (after `> ` or `- `) would open a list,
    // heading or quote: escape it.
    let lead = s.len() - s.trim_start().len();
    let first = s[lead..].chars().next();
    let digits = s[lead..].chars().take_while(|c| c.is_ascii_digit()).count();
    let marker_at = match first {
        Some('-' | '+' | '=' | '#' | '>') => Some(lead),
        Some(c) if c.is_ascii_digit() => match s[lead + digits..].chars().next() {
            Some('.' | ')') => Some(lead + digits),
            _ => None,
        },
        _ => None,
    };
    for (i, c) in s.char_indices() {
        match c {
            '\r' | '\n' | '\t' => o.push(' '),
            c if c.is_control() => o.push('\u{FFFD}'),
            '@' | '#' => {
                o.push(c);
                o.push(ZWSP);
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '<' | '>' | '&' | '~' | '!' | '$' => {
                let _ = write!(o, "&#{};", c as u32);
            }
            c if Some(i) == marker_at => {
                let _ = write!(o, "&#{};", c as u32);
            }
            c => o.push(c),
        }
    }
    o
}

/// A rule id as inline code when it is plain (`CG201/name-variant`), else escaped text.
fn rule_code(id: &str) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
    {
        format!("`{id}`")
    } else {
        escape(id)
    }
}

fn documents_of(f: &FindingOut) -> Vec<&str> {
    let mut v: Vec<&str> = Vec::new();
    for e in &f.evidence {
        if !v.contains(&e.document.as_str()) {
            v.push(&e.document);
        }
    }
    v
}

pub fn render(r: &Report, docs: &[Document]) -> String {
    let mut o = String::new();
    let s = &r.summary;
    let path_of = |id: &str| {
        docs.iter()
            .find(|d| d.id.0 == id)
            .map_or(id.to_string(), |d| d.path.clone())
    };
    let _ = writeln!(
        o,
        "## claimgraph: {} error{}, {} warning{}, {} info{}\n",
        s.errors,
        if s.errors == 1 { "" } else { "s" },
        s.warnings,
        if s.warnings == 1 { "" } else { "s" },
        s.infos,
        if s.infos == 1 { "" } else { "s" },
    );
    let _ = writeln!(
        o,
        "{} documents, {} claims, {} events.\n",
        s.documents, s.claims, s.events
    );
    if r.findings.is_empty() {
        let _ = writeln!(o, "No findings.\n");
    } else {
        let _ = writeln!(o, "| Severity | Rule | Finding | Sources |");
        let _ = writeln!(o, "|---|---|---|---|");
        for f in &r.findings {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                f.severity,
                rule_code(&f.rule),
                escape(&f.message),
                documents_of(f)
                    .iter()
                    .map(|d| escape(d))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let _ = writeln!(o, "\n### Findings\n");
        for f in &r.findings {
            let _ = writeln!(o, "<details>");
            let _ = writeln!(
                o,
                "<summary><b>{}</b> <code>{}</code>: {}</summary>\n",
                f.severity,
                escape(&f.rule),
                escape(&f.message)
            );
            for e in &f.evidence {
                let value = e
                    .value
                    .as_deref()
                    .map(|v| format!(" ({})", escape(v)))
                    .unwrap_or_default();
                let _ = writeln!(
                    o,
                    "- **{}:{}:{}**{value}\n\n  > {}\n",
                    escape(&path_of(&e.document)),
                    e.file_position().0,
                    e.file_position().1,
                    escape(&e.text)
                );
            }
            if let Some(h) = &f.help {
                let _ = writeln!(o, "**Help:** {}\n", escape(h));
            }
            let _ = writeln!(
                o,
                "Fingerprint: {}\n",
                escape(&f.fingerprint[..16.min(f.fingerprint.len())])
            );
            let _ = writeln!(o, "</details>\n");
        }
    }
    let _ = writeln!(o, "### Events ledger\n");
    if r.events.is_empty() {
        let _ = writeln!(o, "No events.\n");
    } else {
        let _ = writeln!(
            o,
            "| Date | Event | Participants | Supporting | Dissenting |"
        );
        let _ = writeln!(o, "|---|---|---|---|---|");
        for e in &r.events {
            let supporting: Vec<String> = e
                .documents
                .iter()
                .filter(|d| !e.dissenting_documents.contains(d))
                .map(|d| escape(d))
                .collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} |",
                e.date.as_deref().map_or("(undated)".into(), escape),
                escape(&e.label),
                e.participants
                    .iter()
                    .map(|p| escape(p))
                    .collect::<Vec<_>>()
                    .join(", "),
                supporting.join(", "),
                e.dissenting_documents
                    .iter()
                    .map(|d| escape(d))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let _ = writeln!(o);
    }
    if !r.suppressions.is_empty() {
        let _ = writeln!(o, "### Suppressions\n");
        for s in &r.suppressions {
            let _ = writeln!(o, "- {}", escape(&s.describe()));
        }
        let _ = writeln!(o);
    }
    if let Some(b) = &r.baseline {
        let _ = writeln!(o, "### Baseline\n\n{}\n", escape(&b.describe()));
    }
    if !r.notices.is_empty() {
        let _ = writeln!(o, "### Notices\n");
        for n in &r.notices {
            let _ = writeln!(o, "- {}: {}", escape(&n.path), escape(&n.message));
        }
        let _ = writeln!(o);
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_cannot_make_markup_mentions_or_links() {
        let e =
            escape("<img src=x> @octocat **b** [l](https://evil.example) www.evil.example #12 | x");
        for bad in ["<img", "@octocat", "**", "](", "https://", "www.", "| x"] {
            assert!(!e.contains(bad), "{bad} survived in {e}");
        }
        assert!(e.contains("#\u{200B}12"), "{e}");
        assert_eq!(escape("- not a list"), "&#45; not a list");
        assert_eq!(escape("1. not a list"), "1&#46; not a list");
        assert_eq!(
            escape("plain text, with (brackets)."),
            "plain text, with (brackets)."
        );
    }
}
