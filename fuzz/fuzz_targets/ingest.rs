//! Ingestion and dateline parsing: bytes as a file would hold them, decoded, then the format
//! sniffer, the date marker, Markdown front matter, the wire dateline (from an arbitrary
//! body offset too) and a whole document (as .txt and as .md).
#![no_main]

use claimgraph::dateline::{date_marker, find_dateline};
use claimgraph::ingest::{Decoded, decode, document_from_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = match decode(data) {
        Decoded::Text(t) => t,
        Decoded::Lossy(t, at) => {
            assert!(at < data.len(), "first bad byte {at} outside the input");
            t
        }
        Decoded::Binary => return,
    };
    let _ = claimgraph::sniff::sniff(&text);
    if let Some(block) = claimgraph::front_matter::find(&text) {
        assert!(block.yaml.end <= block.body_start && block.body_start <= text.len());
        assert!(text.is_char_boundary(block.body_start));
        if let Err(p) = claimgraph::front_matter::parse(&text, &block) {
            assert!(p.line >= 1);
        }
    }
    if let Some((_, end)) = date_marker(&text) {
        assert!(end <= text.len() && text.is_char_boundary(end));
    }
    // Any offset, even off a character boundary or past the end, must be safe.
    let start = data.first().map(|&b| b as usize * 7).unwrap_or(0);
    for s in [0, start, text.len(), text.len() + 1] {
        if let Some(dl) = find_dateline(&text, s) {
            assert!(dl.span.start <= dl.span.end && dl.span.end <= text.len());
            assert!(text.get(dl.span.start..dl.span.end).is_some());
        }
    }
    let md = document_from_text("fuzz", "fuzz.md", text.clone());
    assert!(md.body_start <= md.text.len() && md.text.is_char_boundary(md.body_start));
    let doc = document_from_text("fuzz", "fuzz.txt", text);
    assert!(doc.body_start <= doc.text.len());
    if let Some(dl) = &doc.dateline {
        let loc = doc.lines.locate(&doc.text, dl.span);
        assert!(loc.line >= 1 && loc.column >= 1);
        assert!(doc.text.get(dl.span.start..dl.span.end).is_some());
    }
});
