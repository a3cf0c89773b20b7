//! The sentence splitter: paragraphs and sentences lie inside the text, on character
//! boundaries, in order, without overlapping, and sentences inside their paragraphs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Start after a prefix, as after a `date` marker (callers pass a char boundary).
    let mut start = text
        .len()
        .min(text.bytes().take_while(|b| *b == b'#').count() * 3);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let seg = claimgraph::segment::segment(text, start);
    let mut prev_end = start;
    for p in &seg.paragraphs {
        assert!(p.span.start >= prev_end, "paragraphs overlap or go back");
        assert!(p.span.start <= p.span.end && p.span.end <= text.len());
        assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
        assert!(p.sentences.end <= seg.sentences.len());
        for s in &seg.sentences[p.sentences.clone()] {
            assert!(p.span.contains(s.span), "sentence outside its paragraph");
        }
        prev_end = p.span.end;
    }
    let mut prev_end = start;
    for (i, s) in seg.sentences.iter().enumerate() {
        assert!(s.span.start >= prev_end, "sentences overlap or go back");
        assert!(s.span.start <= s.span.end && s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        assert!(s.paragraph < seg.paragraphs.len());
        assert!(seg.paragraphs[s.paragraph].sentences.contains(&i));
        prev_end = s.span.end;
        if !s.span.is_empty() {
            assert_eq!(seg.sentence_at(s.span.start).map(|x| x.span), Some(s.span));
        }
    }
    let _ = seg.content_regions();
});
