//! `--format full` (and its alias `text`): rustc-style diagnostics rendered with
//! annotate-snippets. Each finding is one diagnostic: a title with the rule's code and name
//! and the message, one snippet per file with every piece of evidence from that file
//! underlined and labelled with its side of the disagreement, the help line; then the events
//! ledger and the summary counts.
//!
//! Article paragraphs are long single lines: the renderer cuts each shown line to a window
//! around its spans ([`TERM_WIDTH`] columns, `...` where it is cut), and folds the lines
//! between two pieces of evidence in one file. Control characters, ANSI escapes and bidi
//! overrides in article text are replaced before rendering (offsets are mapped), so an
//! article cannot drive the terminal.

use super::json::{FindingOut, Report};
use super::text::sanitise;
use crate::document::Document;
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{Annotation, AnnotationKind, Group, Level, Renderer, Snippet};
use std::fmt::Write;

/// The width lines are cut to. Fixed, so the output does not depend on the terminal.
pub const TERM_WIDTH: usize = 140;

/// Render the report. `color` emits ANSI styles (only ever for a terminal or
/// `--color always`).
pub fn render(r: &Report, docs: &[Document], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii)
    .term_width(TERM_WIDTH);
    let mut o = String::new();
    for f in &r.findings {
        let _ = writeln!(o, "{}", diagnostic(&renderer, f, docs));
        let _ = writeln!(o);
    }
    o.push_str(&super::text::tail(r));
    o
}

/// One finding as a diagnostic.
pub fn diagnostic(renderer: &Renderer, f: &FindingOut, docs: &[Document]) -> String {
    let level = match f.severity {
        "error" => Level::ERROR,
        "warning" => Level::WARNING,
        _ => Level::INFO,
    };
    // Evidence grouped by document, documents in the order they first appear.
    let mut order: Vec<&str> = Vec::new();
    for e in &f.evidence {
        if !order.contains(&e.document.as_str()) {
            order.push(&e.document);
        }
    }
    let mut snippets: Vec<Snippet<'static, Annotation<'static>>> = Vec::new();
    // For documents extracted from a page, JSON or a feed, the snippet shows the extracted
    // text (its own line numbers) and a note gives each piece's position in the file.
    let mut in_files: Vec<String> = Vec::new();
    for id in order {
        let Some(d) = docs.iter().find(|d| d.id.0 == id) else {
            continue;
        };
        let source = clean_source(&d.text);
        let path = match &d.origin {
            Some(o) => match &o.item {
                Some(i) => format!("{} (item {}, extracted text)", sanitise(&d.path), i.index),
                None => format!("{} (extracted text)", sanitise(&d.path)),
            },
            None => sanitise(&d.path),
        };
        let mut s = Snippet::source(source.clone()).path(path).fold(true);
        for e in f.evidence.iter().filter(|e| e.document == id) {
            let a = map_offset(&d.text, e.span.start);
            let b = map_offset(&d.text, e.span.end).max(a);
            let label = e.value.as_deref().map(sanitise).unwrap_or_default();
            s = s.annotation(AnnotationKind::Primary.span(a..b).label(label));
            if let Some(src) = &e.source {
                let (line, col) = (src.line, src.column);
                in_files.push(format!("{}:{line}:{col}", sanitise(&d.path)));
            }
        }
        snippets.push(s);
    }
    let message = sanitise(&f.message);
    let mut group = level
        .primary_title(message)
        .id(f.rule.clone())
        .elements(snippets);
    if !in_files.is_empty() {
        let note = format!("in the original files: {}", in_files.join(", "));
        group = group.element(Level::NOTE.message(note));
    }
    if let Some(h) = &f.help {
        group = group.element(Level::HELP.message(sanitise(h)));
    }
    if let Some(story) = &f.story {
        group = group.element(Level::NOTE.message(format!("story: {}", sanitise(story))));
    }
    let groups: Vec<Group> = vec![group];
    renderer.render(&groups)
}

/// The article text as it may be shown: line ends as `\n`, tabs as spaces, other control
/// characters (ESC included) and bidi controls as U+FFFD.
pub fn clean_source(text: &str) -> String {
    let mut o = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                o.push('\n');
            }
            '\n' => o.push('\n'),
            _ => o.push_str(&sanitise(c.encode_utf8(&mut [0; 4]))),
        }
    }
    o
}

/// Where byte `off` of `text` lands in `clean_source(text)`.
fn map_offset(text: &str, off: usize) -> usize {
    let mut off = off.min(text.len());
    while !text.is_char_boundary(off) {
        off -= 1;
    }
    let mut n = clean_source(&text[..off]).len();
    // A `\r\n` cut between its two bytes: the `\r` already became the `\n`.
    if off > 0 && text.as_bytes()[off - 1] == b'\r' && text.as_bytes().get(off) == Some(&b'\n') {
        n -= 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_source_keeps_lines_and_maps_offsets() {
        let t = "a\r\nb\x1b[31mc\u{202e}d";
        let c = clean_source(t);
        assert_eq!(c, "a\nb\u{fffd}[31mc\u{fffd}d");
        let d = t.find('d').unwrap();
        assert_eq!(&c[map_offset(t, d)..], "d");
        let b = t.find('b').unwrap();
        assert_eq!(&c[map_offset(t, b)..map_offset(t, b) + 1], "b");
    }
}
