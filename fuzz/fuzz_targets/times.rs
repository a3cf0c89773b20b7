//! `times` normalisation: temporal tagging of arbitrary text against an arbitrary anchor
//! (any date jiff accepts, a known, unknown or malformed zone, a year hint) and arbitrary
//! regions. Spans must lie inside the text and the UTC intervals be ordered.
#![no_main]

use claimgraph::span::Span;
use claimgraph::temporal::{Anchor, tag};
use jiff::civil::Date;
use libfuzzer_sys::fuzz_target;

/// A civil date from fuzz bytes (may be `None`); years span the whole range jiff allows.
fn date_from(b: &[u8]) -> Option<Date> {
    let y = i16::from_le_bytes([b[0], b[1]]).rem_euclid(9999) + 1;
    Date::new(y, (b[2] % 12 + 1) as i8, (b[3] % 31 + 1) as i8).ok()
}

const ZONES: &[&str] = &[
    "UTC",
    "Asia/Kolkata",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "Pacific/Kiritimati",
    "Not/AZone",
    "",
    "+05:30",
];

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let (head, rest) = data.split_at(8);
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let anchor = Anchor {
        date: if head[4] & 1 == 0 {
            date_from(head)
        } else {
            None
        },
        tz: match head[5] as usize % (ZONES.len() + 1) {
            i if i < ZONES.len() => Some(ZONES[i].to_string()),
            _ => None,
        },
        year_hint: if head[4] & 2 == 0 {
            Some(i16::from_le_bytes([head[6], head[7]]))
        } else {
            None
        },
    };
    // Whole text, or regions cut at arbitrary (possibly non-boundary, overlapping) offsets.
    let regions = if head[4] & 4 == 0 {
        vec![Span::new(0, text.len())]
    } else {
        let a = head[6] as usize;
        let b = head[7] as usize * 3;
        vec![
            Span::new(0, b),
            Span::new(a, a + b),
            Span::new(b, text.len() + 5),
        ]
    };
    let lines = claimgraph::span::LineIndex::new(text);
    for t in tag(text, &regions, &anchor) {
        assert!(
            t.span.start <= t.span.end && t.span.end <= text.len(),
            "{t:?}"
        );
        assert!(text.get(t.span.start..t.span.end).is_some(), "{t:?}");
        if let Some(u) = t.utc {
            assert!(u.start <= u.end, "{t:?}");
        }
        // What `times` prints for it: its line and column.
        let _ = lines.locate(text, t.span);
    }
});
