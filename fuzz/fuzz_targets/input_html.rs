//! The saved-page reader on any text: it never panics, and every article it returns has a
//! source map whose runs lie inside the page, start on character boundaries and copy the
//! page's bytes verbatim.
#![no_main]

use claimgraph::input::{Article, html};
use libfuzzer_sys::fuzz_target;

pub fn check_map(src: &str, a: &Article) {
    for r in a.map.runs() {
        assert!(r.text + r.len <= a.text.len(), "run {r:?} past the text");
        assert!(r.source + r.len <= src.len(), "run {r:?} past the file");
        assert!(src.is_char_boundary(r.source), "run {r:?} inside a character");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(a) = html::read(src) {
        assert!(!a.text.is_empty());
        check_map(src, &a);
    }
    for (p, offs) in html::fragment(src) {
        assert_eq!(p.len(), offs.len());
        assert!(offs.iter().flatten().all(|o| *o < src.len()));
    }
});
