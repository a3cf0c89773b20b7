//! The feed reader (RSS, Atom, JSON Feed through feed-rs) on any text: no panics; each
//! article has a body, its item line is a line of the file, and notices name line and item.
#![no_main]

use claimgraph::input::feed;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((_, out)) = feed::read(src) {
        let lines = claimgraph::span::LineIndex::new(src).line_col(src, src.len()).0;
        for a in &out.articles {
            assert!(!a.text.is_empty());
            let item = a.item.as_ref().expect("a feed article has its item");
            assert!(item.line >= 1 && item.line <= lines, "{item:?}");
        }
        for n in &out.notices {
            assert!(n.starts_with("line ") || n == "the feed has no items", "{n}");
        }
    }
});
