//! Reports: the JSON contract (`claimgraph/report/v1`) and the renderings built on it, one
//! module per format. Every renderer reads the same [`Report`]; those that quote article
//! text also get the documents (for the source lines) and escape for their medium.
//!
//! [`FORMATS`] is the one list of `check --format` values: the command line's choices and
//! their help, the dispatch, and the table in docs/formats.md (a test compares them) all
//! read it. Adding a format is a module and one entry here.

pub mod concise;
pub mod full;
pub mod github;
pub mod graph;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod stories;
pub mod text;
pub mod times;

pub use json::{Report, build};
pub use stories::of_stories;

use crate::document::Document;
use crate::pipeline::Checked;
use crate::rules::Rule;
use std::io::Write;

/// The report of a finished check: the outcome's, with the inline suppressions, their
/// notices (after the input's and the graph's) and what the baseline hid.
pub fn of_check(c: &Checked) -> Report<'_> {
    let mut rep = build(&c.outcome);
    rep.notices.extend(c.suppression_notices.iter().cloned());
    rep.suppressions = c.suppressions.clone();
    rep.baseline = c.baseline.clone();
    rep
}

/// What a renderer may read besides the report.
pub struct Context<'a> {
    /// The documents, for the source lines around the evidence.
    pub documents: &'a [Document],
    /// The rules in effect, for formats that describe them (SARIF's `rules`).
    pub rules: &'a [Rule],
    /// Whether to colour the output (only `full` colours).
    pub colour: bool,
}

/// How a format is produced.
#[derive(Clone, Copy)]
pub enum Render {
    /// Streamed to the writer: the JSON report of a large bundle is several times its text.
    Stream(fn(&Report, &mut dyn Write) -> std::io::Result<()>),
    /// Built in memory, then written.
    Text(fn(&Report, &Context) -> String),
}

/// One `--format` value.
pub struct Format {
    pub name: &'static str,
    /// Other names accepted for it.
    pub aliases: &'static [&'static str],
    /// One line for `--help`.
    pub help: &'static str,
    /// Who it is for (docs/formats.md).
    pub audience: &'static str,
    /// What happens to article text in it (docs/formats.md).
    pub article_text: &'static str,
    pub render: Render,
}

/// Every report format, the default first.
pub static FORMATS: &[Format] = &[
    Format {
        name: "full",
        aliases: &["text"],
        help: "rustc-style diagnostics with source snippets (`text` is an alias)",
        audience: "an editor at a terminal",
        article_text: "control characters, ANSI escapes and bidi controls replaced by U+FFFD",
        render: Render::Text(|r, cx| full::render(r, cx.documents, cx.colour)),
    },
    Format {
        name: "concise",
        aliases: &[],
        help: "One line per finding: `path:line:col: CODE severity message`",
        audience: "grep, editor quickfix lists",
        article_text: "as in `full`",
        render: Render::Text(|r, cx| concise::render(r, cx.documents)),
    },
    Format {
        name: "json",
        aliases: &[],
        help: "The JSON report (docs/report-format.md)",
        audience: "tools; the stable contract",
        article_text: "JSON-escaped",
        render: Render::Stream(|r, w| json::write(r, w)),
    },
    Format {
        name: "jsonl",
        aliases: &[],
        help: "One finding per line, as in the JSON report's `findings`",
        audience: "streaming tools, `jq -c`",
        article_text: "JSON-escaped",
        render: Render::Text(|r, _| json::to_jsonl(r)),
    },
    Format {
        name: "markdown",
        aliases: &[],
        help: "For a pull-request comment or a CI job summary",
        audience: "a PR comment, a CI job summary",
        article_text: "escaped for Markdown and HTML; no @-mentions, issue references or autolinks",
        render: Render::Text(|r, cx| markdown::render(r, cx.documents)),
    },
    Format {
        name: "sarif",
        aliases: &[],
        help: "SARIF 2.1.0, for code-scanning UIs",
        audience: "code-scanning UIs (GitHub, VS Code, Azure DevOps)",
        article_text: "JSON-escaped",
        render: Render::Text(|r, cx| sarif::render(r, cx.documents, cx.rules)),
    },
    Format {
        name: "github",
        aliases: &[],
        help: "GitHub Actions annotations (workflow commands)",
        audience: "annotations on a PR's files in GitHub Actions",
        article_text: "workflow-command escaped",
        render: Render::Text(|r, cx| github::render(r, cx.documents)),
    },
    Format {
        name: "html",
        aliases: &[],
        help: "One self-contained HTML page",
        audience: "the QA desk, in a browser",
        article_text: "HTML-escaped, in text and attributes",
        render: Render::Text(|r, cx| html::render(r, cx.documents)),
    },
];

/// The format `--format` uses when none is given.
pub fn default_format() -> &'static Format {
    &FORMATS[0]
}

/// The format with this name or alias.
pub fn format(name: &str) -> Option<&'static Format> {
    FORMATS
        .iter()
        .find(|f| f.name == name || f.aliases.contains(&name))
}

impl Format {
    /// Its row of the table in docs/formats.md.
    pub fn doc_row(&self) -> String {
        let mut name = format!("`{}`", self.name);
        let mut notes = Vec::new();
        if std::ptr::eq(self, default_format()) {
            notes.push("default".to_string());
        }
        for a in self.aliases {
            notes.push(format!("`{a}` is an alias"));
        }
        if !notes.is_empty() {
            name.push_str(&format!(" ({})", notes.join("; ")));
        }
        format!("| {name} | {} | {} |", self.audience, self.article_text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_are_unique_and_found() {
        let mut seen = std::collections::BTreeSet::new();
        for f in FORMATS {
            for n in std::iter::once(&f.name).chain(f.aliases) {
                assert!(seen.insert(*n), "{n} names two formats");
                assert_eq!(format(n).map(|g| g.name), Some(f.name));
            }
        }
        assert_eq!(format("text").map(|f| f.name), Some("full"));
        assert!(format("yaml").is_none());
        assert_eq!(default_format().name, "full");
    }

    #[test]
    fn docs_formats_table_is_the_registry() {
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/formats.md"))
            .expect("docs/formats.md");
        let rows: Vec<&str> = doc
            .lines()
            .skip_while(|l| !l.starts_with("| format |"))
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .collect();
        let want: Vec<String> = FORMATS.iter().map(Format::doc_row).collect();
        assert_eq!(
            rows, want,
            "docs/formats.md's table differs from report::FORMATS"
        );
    }
}
