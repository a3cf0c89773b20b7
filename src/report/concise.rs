//! `--format concise`: one line per finding, `path:line:col: CODE severity message`, the
//! position of its first evidence (and ` [story ID]` in a `check --by-story` report). For
//! grep, editors' quickfix lists and quick reading.

use super::json::Report;
use super::text::sanitise;
use crate::document::Document;
use std::fmt::Write;

pub fn render(r: &Report, docs: &[Document]) -> String {
    let mut o = String::new();
    for f in &r.findings {
        let code = f.rule.split('/').next().unwrap_or(&f.rule);
        let (path, line, col) = match f.evidence.first() {
            Some(e) => (
                docs.iter()
                    .find(|d| d.id.0 == e.document)
                    .map_or(e.document.as_str(), |d| d.path.as_str()),
                e.file_position().0,
                e.file_position().1,
            ),
            None => ("-", 1, 1),
        };
        let _ = write!(
            o,
            "{}:{line}:{col}: {code} {} {}",
            sanitise(path),
            f.severity,
            sanitise(&f.message)
        );
        // `check --by-story`: the finding's story, last, so the line still parses as
        // `path:line:col: message`.
        if let Some(story) = &f.story {
            let _ = write!(o, " [story {}]", sanitise(story));
        }
        o.push('\n');
    }
    o
}
