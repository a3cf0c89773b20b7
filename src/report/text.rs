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
    for claim in r.claims.iter() {
        let c = &claim.to_value();
        let kind = c["kind"].as_str().unwrap_or("");
        let detail = claim.table_detail();
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

#[cfg(test)]
mod tests {
    /// The detail each kind wrote when the table read the claim's JSON value by key: the
    /// typed `table_detail` of every kind must print the same.
    fn detail_from_value(c: &serde_json::Value) -> String {
        let s = |v: &serde_json::Value| v.as_str().map(String::from);
        match c["kind"].as_str().unwrap_or("") {
            "communication" => format!(
                "{} on {}",
                c["participants"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join(" & "),
                s(&c["date"]["value"]).unwrap_or("?".into())
            ),
            "role" => format!(
                "{} = {}{}",
                s(&c["person"]).unwrap_or_default(),
                s(&c["title"]).unwrap_or_default(),
                s(&c["jurisdiction"])
                    .map(|j| format!(" ({j})"))
                    .unwrap_or_default()
            ),
            "quote" => format!(
                "{}: {}",
                s(&c["speaker"]).unwrap_or("?".into()),
                s(&c["quote"]).unwrap_or_default()
            ),
            "quantity" => format!(
                "{} {} [{}]",
                c["value"],
                s(&c["noun"]).unwrap_or_default(),
                s(&c["hedge"]).unwrap_or_default()
            ),
            "age" => format!("{} = {}", s(&c["person"]).unwrap_or_default(), c["years"]),
            "event-date" => format!(
                "{} on {}",
                s(&c["event"]).unwrap_or_default(),
                s(&c["date"]["value"]).unwrap_or("?".into())
            ),
            k => panic!("unknown kind {k}"),
        }
    }

    #[test]
    fn every_kinds_table_detail_is_what_its_json_says() {
        let articles = [
            (
                "a",
                "date 2031-04-02\n\nVeldra's Foreign Minister Ana Okafor spoke with Marenland's \
                 Prime Minister Tomas Calloway on Monday, officials said. At least 26 \
                 tourists were hurt in the fire in Harbourton on Sunday, police said. \
                 \"We will rebuild the pier,\" Okafor said. \"Nothing was lost.\" Harbour \
                 pilot Piet Anders, 61, said the fire was out.\n",
            ),
            (
                "b",
                "date 2031-04-03\n\nOkafor spoke with Calloway on Tuesday. Nearly 30 tourists \
                 were hurt in the fire in Harbourton on Sunday. \"We will rebuild the old \
                 pier,\" Okafor said.\n",
            ),
        ];
        let mut bundle = crate::ingest::Bundle::default();
        for (id, text) in articles {
            bundle.documents.push(crate::ingest::document_from_text(
                id,
                &format!("{id}.txt"),
                text.to_string(),
            ));
        }
        crate::ingest::finish_bundle(&mut bundle);
        let outcome = crate::check::run(bundle, &[]);
        let report = crate::report::json::build(&outcome);
        let mut kinds = std::collections::BTreeSet::new();
        for c in report.claims.iter() {
            let v = c.to_value();
            kinds.insert(v["kind"].as_str().unwrap().to_string());
            assert_eq!(c.table_detail(), detail_from_value(&v), "{v}");
        }
        assert_eq!(kinds.len(), crate::claim::KIND_NAMES.len(), "{kinds:?}");
    }
}
