//! Ingestion and dateline parsing: bytes as a file would hold them, decoded, then the date
//! marker, the wire dateline (from an arbitrary body offset too) and a whole document.
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
    let doc = document_from_text("fuzz", "fuzz.txt", text);
    assert!(doc.body_start <= doc.text.len());
    if let Some(dl) = &doc.dateline {
        let loc = doc.lines.locate(&doc.text, dl.span);
        assert!(loc.line >= 1 && loc.column >= 1);
        assert!(doc.text.get(dl.span.start..dl.span.end).is_some());
    }
});
