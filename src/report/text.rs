//! Text helpers shared by the reports for people: [`sanitise`] for article text on a
//! terminal, the ledger table and summary that end the `full` report, and the `claims`
//! table. The `text` format itself is an alias of `full` (see `full.rs`).

use super::json::Report;
use std::fmt::Write;

/// Article text may carry control characters or ANSI escapes: never let them reach a
/// terminal.
pub fn sanitise(s: &str) -> String {
    s.chars()
        .map(|c| {
            if (c.is_control() && c != '\t') || is_bidi_control(c) {
                '\u{FFFD}'
            } else if c == '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Bidirectional overrides and isolates: they reorder what a terminal shows.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// What follows the findings in the `full` report: the events ledger as a table, what the
/// baseline and the inline suppressions hid, and the summary counts.
pub fn tail(r: &Report) -> String {
    let mut o = String::new();
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
            *w = (*w).max(sanitise(c).chars().count());
        }
    }
    let line = |cells: &[String; 4]| -> String {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            let c = sanitise(c);
            let pad = w - c.chars().count();
            s.push_str(&c);
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
    for s in &r.suppressions {
        let _ = writeln!(o, "{}", sanitise(&s.describe()));
    }
    if let Some(b) = &r.baseline {
        let _ = writeln!(o, "{}", sanitise(&b.describe()));
    }
    let s = &r.summary;
    let _ = writeln!(
        o,
        "{} documents, {} claims, {} events: {} errors, {} warnings, {} infos",
        s.documents, s.claims, s.events, s.errors, s.warnings, s.infos
    );
    o
}

/// `claims --format table`: one line per claim.
pub fn claims_table(r: &Report) -> String {
    let mut o = String::new();
    for c in &r.claims {
        let c = &c.to_value();
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
