//! `--format github`: GitHub Actions workflow commands, so findings show as annotations on
//! the pull request's files.
//!
//! `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=TITLE::MESSAGE` per finding
//! (`::warning` for warnings, `::notice` for infos), at its first evidence; the other
//! evidence is listed in the message. Columns are 1-based characters, `endColumn` is the
//! column just after the span. Suppression problems and what a baseline hid are `::notice`s.
//!
//! Escaping follows the Actions runner: in the message `%`, `\r` and `\n` become `%25`,
//! `%0D` and `%0A`; in property values `:` and `,` also become `%3A` and `%2C`. So article
//! text can never end the command or start another one (`::set-output`, `::add-mask`...).

use super::json::Report;
use super::text::sanitise;
use crate::document::Document;
use std::fmt::Write;

/// Escape the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Article-derived text: no control characters but the line breaks we put in ourselves.
fn clean(s: &str) -> String {
    sanitise(s)
}

pub fn render(r: &Report, docs: &[Document]) -> String {
    let mut o = String::new();
    let path_of = |id: &str| {
        docs.iter()
            .find(|d| d.id.0 == id)
            .map_or(id.to_string(), |d| d.path.clone())
    };
    for f in &r.findings {
        let cmd = match f.severity {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let mut props = Vec::new();
        if let Some(e) = f.evidence.first() {
            props.push(format!("file={}", escape_property(&path_of(&e.document))));
            let (line, col) = e.file_position();
            props.push(format!("line={line}"));
            props.push(format!("col={col}"));
            if let Some(s) = &e.source {
                props.push(format!("endLine={}", s.end_line));
                props.push(format!("endColumn={}", s.end_column));
            } else if let Some(d) = docs.iter().find(|d| d.id.0 == e.document) {
                let (l2, c2) = d.lines.line_col(&d.text, e.span.end);
                props.push(format!("endLine={l2}"));
                props.push(format!("endColumn={c2}"));
            }
        }
        let (code, name) = f.rule.split_once('/').unwrap_or((&f.rule, ""));
        props.push(format!(
            "title={}",
            escape_property(&format!("{code} {name} ({})", f.severity))
        ));
        let mut msg = clean(&f.message);
        if f.evidence.len() > 1 {
            msg.push_str("\nEvidence:");
            for e in &f.evidence {
                let _ = write!(
                    msg,
                    "\n  {}:{}:{}: \"{}\"",
                    clean(&path_of(&e.document)),
                    e.file_position().0,
                    e.file_position().1,
                    clean(&e.text)
                );
            }
        }
        if let Some(h) = &f.help {
            let _ = write!(msg, "\nHelp: {}", clean(h));
        }
        let _ = writeln!(o, "::{cmd} {}::{}", props.join(","), escape_data(&msg));
    }
    for s in &r.suppressions {
        if s.problems.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "::notice file={},line={},col={},title={}::{}",
            escape_property(&s.path),
            s.span.line,
            s.span.column,
            escape_property("claimgraph suppression"),
            escape_data(&clean(&s.describe()))
        );
    }
    if let Some(b) = &r.baseline {
        let _ = writeln!(
            o,
            "::notice title={}::{}",
            escape_property("claimgraph baseline"),
            escape_data(&clean(&b.describe()))
        );
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(escape_data("50%\r\n::x"), "50%25%0D%0A::x");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
