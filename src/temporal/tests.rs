use super::*;

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn anchor() -> Anchor {
    Anchor {
        date: Some(d(2025, 5, 10)),
        tz: None,
        year_hint: None,
    }
}

fn all(text: &str, a: &Anchor) -> Vec<Timex> {
    tag(text, &[Span::new(0, text.len())], a)
}

#[test]
fn debug_dump() {
    let text = std::env::var("TT").unwrap_or_default();
    for t in all(&text, &anchor()) {
        eprintln!(
            "{:?} {:?} {} {:?} tz={:?} inf={} focus={} mod={:?}",
            t.span.slice(&text),
            t.ty,
            t.value,
            t.utc.map(|u| (u.start.to_string(), u.end.to_string())),
            t.tz,
            t.year_inferred,
            t.in_focus,
            t.modifier
        );
    }
}
