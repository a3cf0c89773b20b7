//! JSON Lines, single JSON/ninjs files and one-line documents on any text: no panics;
//! every article's map stays inside the file, and every notice names its line and item.
#![no_main]

use claimgraph::input::jsonl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let out = jsonl::read(src);
    for n in &out.notices {
        assert!(n.starts_with("line "), "{n}");
    }
    // Lines as reports count them: `\n`, `\r\n` or a lone `\r` ends one.
    let lines = claimgraph::span::LineIndex::new(src).line_col(src, src.len()).0;
    for a in &out.articles {
        let item = a.item.as_ref().expect("a JSON Lines article has its item");
        assert!(item.line >= 1 && item.line <= lines);
        for r in a.map.runs() {
            assert!(r.source + r.len <= src.len() && r.text + r.len <= a.text.len());
        }
    }
    if let Ok(out) = jsonl::read_json(src) {
        for a in &out.articles {
            for r in a.map.runs() {
                assert!(r.source + r.len <= src.len() && r.text + r.len <= a.text.len());
            }
        }
    }
    if let Some(line) = src.lines().next()
        && let Ok((d, _)) = claimgraph::ingest::document_from_jsonl_line("f.jsonl", 3, line)
    {
        let s = claimgraph::span::Span::new(0, d.text.len());
        if let Some(loc) = d.source_location(s) {
            // Line 3, or later when the line holds a lone `\r` (which ends a line in reports).
            assert!(loc.line >= 3 && loc.line <= 3 + line.matches('\r').count(), "{loc:?}");
            assert!(loc.end <= line.len());
        }
    }
});
