//! `--format html`: one self-contained page for editors and the QA desk.
//!
//! - The findings, each with the evidence from every source side by side (one card per
//!   piece of evidence, the span highlighted in its paragraph).
//! - The events ledger as a timeline.
//! - A per-document view: each article in full with every evidence span highlighted and
//!   linked to its finding.
//!
//! **Self-contained.** Inline CSS only: no scripts, no external fonts, images or links out.
//! A Content-Security-Policy (`default-src 'none'`) makes the browser refuse any request
//! the page might still try to make.
//!
//! **Escaping.** Every string from an article, a path, a rule or the command line goes
//! through [`escape`] (`& < > " '` as entities, control characters replaced), in text and in
//! attributes alike. Element ids are generated (`f3`, `d1`), never taken from file names.

use super::json::{FindingOut, Report};
use crate::document::Document;
use crate::span::Span;
use std::fmt::Write;

/// Escape for HTML text and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\n' | '\t' => o.push(c),
            '\r' => o.push('\n'),
            c if c.is_control() => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

const CSS: &str = r#"
:root{--err:#b3261e;--warn:#8a5a00;--info:#1f5fa8;--bg:#fff;--fg:#1b1b1b;--mute:#5f6368;--line:#d9d9d9;--mark:#fff0a8}
*{box-sizing:border-box}
body{margin:0 auto;max-width:78rem;padding:1rem 1.5rem 4rem;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;border-bottom:1px solid var(--line);padding-bottom:.25rem;margin-top:2rem}h3{font-size:1rem;margin:.25rem 0}
nav a{margin-right:1rem}
.counts span{display:inline-block;margin-right:1rem}
.sev{display:inline-block;font-size:.75rem;font-weight:700;text-transform:uppercase;padding:.05rem .4rem;border-radius:.25rem;color:#fff}
.sev-error .sev,.sev.error{background:var(--err)}.sev-warning .sev,.sev.warning{background:var(--warn)}.sev-info .sev,.sev.info{background:var(--info)}
.finding{border:1px solid var(--line);border-left:4px solid var(--info);border-radius:.4rem;padding:.75rem 1rem;margin:1rem 0}
.finding.sev-error{border-left-color:var(--err)}.finding.sev-warning{border-left-color:var(--warn)}
.rule{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem;color:var(--mute)}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));gap:.75rem;margin:.75rem 0}
.side{border:1px solid var(--line);border-radius:.3rem;padding:.5rem .75rem;background:#fafafa;margin:0}
.side figcaption{font-size:.8rem;color:var(--mute)}.side .value{font-weight:600;color:var(--fg)}
.side blockquote{margin:.4rem 0 0;font-family:Georgia,serif}
mark{background:var(--mark);padding:0 .1rem;border-radius:.15rem}
mark.sev-error{box-shadow:inset 0 -2px var(--err)}mark.sev-warning{box-shadow:inset 0 -2px var(--warn)}mark.sev-info{box-shadow:inset 0 -2px var(--info)}
.help{font-size:.9rem;color:var(--mute)}.fp{font-size:.75rem;color:var(--mute);font-family:ui-monospace,monospace}
.timeline{list-style:none;padding:0 0 0 1.25rem;border-left:3px solid var(--line)}
.timeline li{position:relative;margin:0 0 1rem;padding-left:.5rem}
.timeline li::before{content:"";position:absolute;left:-1.72rem;top:.35rem;width:.8rem;height:.8rem;border-radius:50%;background:var(--info)}
.timeline li.dissent::before{background:var(--err)}
.timeline time{font-weight:700;margin-right:.5rem}.muted{color:var(--mute);font-size:.85rem}
.doc{border:1px solid var(--line);border-radius:.4rem;padding:.75rem 1rem;margin:1rem 0}
.doc .text{white-space:pre-wrap;font-family:Georgia,serif;max-height:40rem;overflow:auto}
details summary{cursor:pointer}
"#;

fn sev_class(sev: &str) -> &'static str {
    match sev {
        "error" => "sev-error",
        "warning" => "sev-warning",
        _ => "sev-info",
    }
}

/// A window of about `n` characters on each side of `span` within its line.
fn context(d: &Document, span: Span, n: usize) -> (&str, &str, &str, bool, bool) {
    let (line, _) = d.lines.line_col(&d.text, span.start);
    let ls = d.lines.line_span(&d.text, line);
    let start = span.start.clamp(ls.start, ls.end);
    let end = span.end.clamp(start, d.text.len());
    let line_end = ls.end.max(end);
    let before = &d.text[ls.start..start];
    let cut0 = before.char_indices().rev().nth(n).map_or(0, |(i, _)| i);
    let after = &d.text[end..line_end];
    let cut1 = after.char_indices().nth(n).map_or(after.len(), |(i, _)| i);
    (
        &before[cut0..],
        &d.text[start..end],
        &after[..cut1],
        cut0 > 0,
        cut1 < after.len(),
    )
}

fn finding_html(o: &mut String, i: usize, f: &FindingOut, docs: &[Document]) {
    let _ = writeln!(
        o,
        "<article class=\"finding {}\" id=\"f{i}\">",
        sev_class(f.severity)
    );
    let _ = writeln!(
        o,
        "<h3><span class=\"sev\">{}</span> <span class=\"rule\">{}</span></h3>\n<p>{}</p>",
        escape(f.severity),
        escape(&f.rule),
        escape(&f.message)
    );
    let _ = writeln!(o, "<div class=\"sides\">");
    for e in &f.evidence {
        let Some((di, d)) = docs.iter().enumerate().find(|(_, d)| d.id.0 == e.document) else {
            continue;
        };
        let (b, m, a, cut0, cut1) = context(d, Span::new(e.span.start, e.span.end), 160);
        let _ = writeln!(
            o,
            "<figure class=\"side\"><figcaption><a href=\"#d{di}\">{}</a>{} · {}:{}{}</figcaption>",
            escape(d.outlet.as_deref().unwrap_or(&d.id.0)),
            d.published.map(|p| format!(" · {p}")).unwrap_or_default(),
            e.file_position().0,
            e.file_position().1,
            e.value
                .as_deref()
                .map(|v| format!(" · <span class=\"value\">{}</span>", escape(v)))
                .unwrap_or_default()
        );
        let _ = writeln!(
            o,
            "<blockquote>{}{}<mark class=\"{}\">{}</mark>{}{}</blockquote></figure>",
            if cut0 { "… " } else { "" },
            escape(b),
            sev_class(f.severity),
            escape(m),
            escape(a),
            if cut1 { " …" } else { "" }
        );
    }
    let _ = writeln!(o, "</div>");
    if let Some(h) = &f.help {
        let _ = writeln!(o, "<p class=\"help\"><b>Help:</b> {}</p>", escape(h));
    }
    let _ = writeln!(
        o,
        "<p class=\"fp\">{} · fingerprint {}</p>\n</article>",
        escape(&f.id),
        escape(&f.fingerprint)
    );
}

/// One document's text with every evidence span highlighted.
fn document_text(o: &mut String, di: usize, d: &Document, r: &Report) {
    // (start, end, finding index)
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for (fi, f) in r.findings.iter().enumerate() {
        for e in f.evidence.iter().filter(|e| e.document == d.id.0) {
            let s = e.span.start.min(d.text.len());
            let t = e.span.end.clamp(s, d.text.len());
            if t > s {
                spans.push((s, t, fi));
            }
        }
    }
    let mut cuts: Vec<usize> = vec![0, d.text.len()];
    for (s, t, _) in &spans {
        cuts.push(*s);
        cuts.push(*t);
    }
    cuts.retain(|c| d.text.is_char_boundary(*c));
    cuts.sort_unstable();
    cuts.dedup();
    let _ = write!(o, "<div class=\"text\" id=\"d{di}-text\">");
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let seg = &d.text[a..b];
        let covering: Vec<usize> = spans
            .iter()
            .filter(|(s, t, _)| *s <= a && b <= *t)
            .map(|x| x.2)
            .collect();
        match covering.first() {
            None => o.push_str(&escape(seg)),
            Some(&fi) => {
                let f = &r.findings[fi];
                let title = covering
                    .iter()
                    .map(|i| format!("{}: {}", r.findings[*i].rule, r.findings[*i].message))
                    .collect::<Vec<_>>()
                    .join("\n");
                let _ = write!(
                    o,
                    "<a href=\"#f{fi}\"><mark class=\"{}\" title=\"{}\">{}</mark></a>",
                    sev_class(f.severity),
                    escape(&title),
                    escape(seg)
                );
            }
        }
    }
    let _ = writeln!(o, "</div>");
}

pub fn render(r: &Report, docs: &[Document]) -> String {
    let mut o = String::new();
    let s = &r.summary;
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>claimgraph report: {} errors, {} warnings, {} infos</title>\n<style>{CSS}</style>\n</head>\n<body>",
        s.errors, s.warnings, s.infos
    );
    let _ = writeln!(
        o,
        "<header><h1>claimgraph report</h1>\n<p class=\"counts\"><span class=\"sev error\">{} errors</span><span class=\"sev warning\">{} warnings</span><span class=\"sev info\">{} infos</span><span>{} documents</span><span>{} claims</span><span>{} events</span></p>\n\
         <nav><a href=\"#findings\">Findings</a><a href=\"#events\">Events</a><a href=\"#documents\">Documents</a></nav></header>",
        s.errors, s.warnings, s.infos, s.documents, s.claims, s.events
    );
    let _ = writeln!(
        o,
        "<section id=\"findings\"><h2>Findings ({})</h2>",
        r.findings.len()
    );
    if r.findings.is_empty() {
        let _ = writeln!(o, "<p>No findings.</p>");
    }
    for (i, f) in r.findings.iter().enumerate() {
        finding_html(&mut o, i, f, docs);
    }
    let _ = writeln!(o, "</section>");

    let _ = writeln!(
        o,
        "<section id=\"events\"><h2>Events ledger ({})</h2>",
        r.events.len()
    );
    if r.events.is_empty() {
        let _ = writeln!(o, "<p>No events.</p>");
    } else {
        let _ = writeln!(o, "<ol class=\"timeline\">");
        let doc_link = |id: &str| match docs.iter().position(|d| d.id.0 == id) {
            Some(i) => format!("<a href=\"#d{i}\">{}</a>", escape(id)),
            None => escape(id),
        };
        for e in &r.events {
            let supporting: Vec<String> = e
                .documents
                .iter()
                .filter(|d| !e.dissenting_documents.contains(d))
                .map(|d| doc_link(d))
                .collect();
            let dissent: Vec<String> = e.dissenting_documents.iter().map(|d| doc_link(d)).collect();
            let _ = writeln!(
                o,
                "<li{}><time>{}</time><b>{}</b><br><span class=\"muted\">{}{}</span><br>reported by {}{}</li>",
                if dissent.is_empty() {
                    ""
                } else {
                    " class=\"dissent\""
                },
                escape(e.date.as_deref().unwrap_or("undated")),
                escape(&e.label),
                escape(&e.participants.join(", ")),
                if e.places.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", escape(&e.places.join(", ")))
                },
                supporting.join(", "),
                if dissent.is_empty() {
                    String::new()
                } else {
                    format!("; <b>another day in</b> {}", dissent.join(", "))
                }
            );
        }
        let _ = writeln!(o, "</ol>");
    }
    let _ = writeln!(o, "</section>");

    let _ = writeln!(
        o,
        "<section id=\"documents\"><h2>Documents ({})</h2>",
        docs.len()
    );
    for (di, d) in docs.iter().enumerate() {
        let n = r
            .findings
            .iter()
            .filter(|f| f.evidence.iter().any(|e| e.document == d.id.0))
            .count();
        let _ = writeln!(
            o,
            "<article class=\"doc\" id=\"d{di}\"><h3>{}</h3>\n<p class=\"muted\">{}{}{} · {n} finding{}</p>",
            escape(&d.path),
            escape(d.outlet.as_deref().unwrap_or("outlet unknown")),
            d.published
                .map(|p| format!(" · published {p}"))
                .unwrap_or_else(|| " · date unknown".into()),
            d.url
                .as_deref()
                .map(|u| format!(" · {}", escape(u)))
                .unwrap_or_default(),
            if n == 1 { "" } else { "s" }
        );
        let _ = writeln!(
            o,
            "<details{}><summary>Text</summary>",
            if n > 0 { " open" } else { "" }
        );
        document_text(&mut o, di, d, r);
        let _ = writeln!(o, "</details></article>");
    }
    let _ = writeln!(o, "</section>");

    if !r.suppressions.is_empty() || r.baseline.is_some() || !r.notices.is_empty() {
        let _ = writeln!(
            o,
            "<section id=\"notes\"><h2>Suppressions, baseline and notices</h2><ul>"
        );
        for s in &r.suppressions {
            let _ = writeln!(o, "<li>{}</li>", escape(&s.describe()));
        }
        if let Some(b) = &r.baseline {
            let _ = writeln!(o, "<li>{}</li>", escape(&b.describe()));
        }
        for n in &r.notices {
            let _ = writeln!(
                o,
                "<li>notice: {}: {}</li>",
                escape(&n.path),
                escape(&n.message)
            );
        }
        let _ = writeln!(o, "</ul></section>");
    }
    let _ = writeln!(o, "</body>\n</html>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_text_and_attributes() {
        assert_eq!(
            escape("<script>\"x\" 'y' & \u{1b}"),
            "&lt;script&gt;&quot;x&quot; &#39;y&#39; &amp; \u{FFFD}"
        );
    }
}
