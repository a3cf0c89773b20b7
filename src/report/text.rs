//! The text report for people: findings grouped by severity, each piece of evidence as
//! `path:line:column` with its source line and the span underlined, then the events ledger.

use super::json::Report;
use std::fmt::Write;

/// Article text may carry control characters or ANSI escapes: never let them reach a
/// terminal.
pub fn sanitise(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{FFFD}'
            } else if c == '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

pub fn render(r: &Report, docs: &[crate::document::Document]) -> String {
    let mut o = String::new();
    let path_of = |id: &str| docs.iter().find(|d| d.id.0 == id);
    for sev in ["error", "warning", "info"] {
        let fs: Vec<_> = r.findings.iter().filter(|f| f.severity == sev).collect();
        if fs.is_empty() {
            continue;
        }
        let _ = writeln!(o, "{} ({})", sev.to_uppercase(), fs.len());
        let _ = writeln!(o);
        for f in fs {
            let _ = writeln!(o, "{sev}[{}]: {}", f.rule, sanitise(&f.message));
            for e in &f.evidence {
                let Some(d) = path_of(&e.document) else {
                    continue;
                };
                let line_span = d.lines.line_span(&d.text, e.span.line);
                let line = line_span.slice(&d.text);
                let _ = writeln!(
                    o,
                    "  --> {}:{}:{}",
                    sanitise(&d.path),
                    e.span.line,
                    e.span.column
                );
                // Show a window of the line around the span, at most ~160 characters.
                let rel_start = e.span.start.saturating_sub(line_span.start).min(line.len());
                let rel_end = e
                    .span
                    .end
                    .saturating_sub(line_span.start)
                    .min(line.len())
                    .max(rel_start);
                let (w0, w1) = window(line, rel_start, rel_end);
                let shown = sanitise(&line[w0..w1]);
                let lead = if w0 > 0 { "…" } else { "" };
                let tail = if w1 < line.len() { "…" } else { "" };
                let _ = writeln!(o, "   | {lead}{shown}{tail}");
                let pad = line[w0..rel_start].chars().count() + lead.chars().count();
                let width = line[rel_start..rel_end.min(w1)].chars().count().max(1);
                let label = e
                    .value
                    .as_deref()
                    .map(|v| format!(" {}", sanitise(v)))
                    .unwrap_or_default();
                let _ = writeln!(o, "   | {}{}{}", " ".repeat(pad), "^".repeat(width), label);
            }
            if let Some(h) = &f.help {
                let _ = writeln!(o, "   = help: {}", sanitise(h));
            }
            let _ = writeln!(o);
        }
    }
    let _ = writeln!(o, "EVENTS ({})", r.events.len());
    let _ = writeln!(o);
    let rows: Vec<[String; 4]> = r
        .events
        .iter()
        .map(|e| {
            [
                e.date.clone().unwrap_or_else(|| "(undated)".into()),
                e.participants.join(" – "),
                e.documents
                    .iter()
                    .filter(|d| !e.dissenting_documents.contains(d))
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                e.dissenting_documents.join(", "),
            ]
        })
        .collect();
    let header = ["date", "participants", "supporting", "dissenting"];
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String; 4]| -> String {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            let pad = w - c.chars().count();
            s.push_str(&sanitise(c));
            if i < 3 {
                s.push_str(&" ".repeat(pad + 2));
            }
        }
        s.trim_end().to_string()
    };
    let _ = writeln!(o, "{}", line(&header.map(String::from)));
    for row in &rows {
        let _ = writeln!(o, "{}", line(row));
    }
    let _ = writeln!(o);
    let s = &r.summary;
    let _ = writeln!(
        o,
        "{} documents, {} claims, {} events: {} errors, {} warnings, {} infos",
        s.documents, s.claims, s.events, s.errors, s.warnings, s.infos
    );
    o
}

/// A byte window of `line` around [start, end) of at most ~160 characters, on char
/// boundaries.
fn window(line: &str, start: usize, end: usize) -> (usize, usize) {
    const MAX: usize = 160;
    if line.len() <= MAX {
        return (0, line.len());
    }
    let mut w0 = start.saturating_sub(60);
    while !line.is_char_boundary(w0) {
        w0 -= 1;
    }
    let mut w1 = (end + 60).max(w0 + MAX).min(line.len());
    while !line.is_char_boundary(w1) {
        w1 += 1;
    }
    (w0, w1)
}

/// `claims --format table`: one line per claim.
pub fn claims_table(r: &Report) -> String {
    let mut o = String::new();
    for c in &r.claims {
        let kind = c["kind"].as_str().unwrap_or("");
        let detail = match kind {
            "communication" => format!(
                "{} on {}",
                c["participants"]
                    .as_array()
                    .map(|a| a
                        .iter()
                        .filter_map(|v| v.as_str())
                        .collect::<Vec<_>>()
                        .join(" & "))
                    .unwrap_or_default(),
                c["date"]["value"].as_str().unwrap_or("?")
            ),
            "role" => format!(
                "{} = {}{}",
                c["person"].as_str().unwrap_or(""),
                c["title"].as_str().unwrap_or(""),
                c["jurisdiction"]
                    .as_str()
                    .map(|j| format!(" ({j})"))
                    .unwrap_or_default()
            ),
            "quote" => format!(
                "{}: {}",
                c["speaker"].as_str().unwrap_or("?"),
                c["quote"].as_str().unwrap_or("")
            ),
            "quantity" => format!(
                "{} {} [{}]",
                c["value"],
                c["noun"].as_str().unwrap_or(""),
                c["hedge"].as_str().unwrap_or("")
            ),
            "event-date" => format!(
                "{} on {}",
                c["event"].as_str().unwrap_or(""),
                c["date"]["value"].as_str().unwrap_or("?")
            ),
            _ => String::new(),
        };
        let _ = writeln!(
            o,
            "{}\t{}:{}:{}\t{}\t{}",
            c["id"].as_str().unwrap_or(""),
            c["document"].as_str().unwrap_or(""),
            c["span"]["line"],
            c["span"]["column"],
            kind,
            sanitise(&detail)
        );
    }
    o
}
