//! Whether two tagged expressions may denote the same day or time.

use jiff::civil::{Date, Weekday};

use super::{Timex, TimexType};

/// The calendar parts a TIMEX3 value states.
#[derive(Debug, Default, PartialEq)]
struct Parts {
    year: Option<i16>,
    decade: Option<i16>,
    month: Option<i8>,
    day: Option<i8>,
    week: Option<i8>,
    weekday: Option<Weekday>,
}

fn field(s: &str) -> Option<i64> {
    if s.is_empty() || s.bytes().any(|b| !b.is_ascii_digit()) || s.len() > 6 {
        return None;
    }
    s.parse().ok()
}

fn parts(t: &Timex) -> Parts {
    let mut p = Parts {
        weekday: t.weekday,
        ..Parts::default()
    };
    let date_part = t.value.split('T').next().unwrap_or("");
    let mut it = date_part.split('-');
    let first = it.next().unwrap_or("");
    match first.len() {
        3 => p.decade = field(first).map(|d| d as i16),
        4 => p.year = field(first).map(|y| y as i16),
        _ => {}
    }
    if let Some(second) = it.next() {
        if let Some(w) = second.strip_prefix('W') {
            p.week = field(w).map(|w| w as i8);
            if let Some(d) = it.next().and_then(field) {
                p.weekday = p.weekday.or(Weekday::from_monday_one_offset(d as i8).ok());
            }
        } else if let Some(q) = second.strip_prefix('Q') {
            // A quarter: months 3q-2 ..= 3q; compared by year only.
            let _ = q;
        } else {
            p.month = field(second).map(|m| m as i8);
            p.day = it.next().and_then(field).map(|d| d as i8);
        }
    }
    p
}

fn full_date(p: &Parts) -> Option<Date> {
    Date::new(p.year?, p.month?, p.day?).ok()
}

fn is_ref(t: &Timex) -> bool {
    t.value.ends_with("_REF")
}

fn loosely_equal(a: &str, b: &str) -> bool {
    a == b || a.contains('X') || b.contains('X')
}

fn weekday_matches(w: Weekday, d: Date, loose: bool) -> bool {
    d.weekday() == w
        || (loose && (d.weekday().wrapping_add(1) == w || d.weekday().wrapping_sub(1) == w))
}

/// Do two resolved expressions possibly denote the same day/time? UTC intervals
/// overlap; a bare weekday (no resolvable date) is compatible with a full date on that
/// weekday (or a day either side when the two carry different explicit zones);
/// underspecified values compare on the parts they both have. Durations and sets
/// compare by value (X matches anything) and never match a date. A vague reference
/// (PRESENT_REF...) is compatible with any date.
pub fn compatible(a: &Timex, b: &Timex) -> bool {
    use TimexType::{Duration, Set};
    match (a.ty, b.ty) {
        (Duration, Duration) | (Set, Set) => return loosely_equal(&a.value, &b.value),
        (Duration | Set, _) | (_, Duration | Set) => return false,
        _ => {}
    }
    if is_ref(a) || is_ref(b) {
        return true;
    }
    if let (Some(x), Some(y)) = (a.utc, b.utc) {
        return x.overlaps(&y);
    }
    let (pa, pb) = (parts(a), parts(b));
    let loose = matches!((&a.tz, &b.tz), (Some(x), Some(y)) if x != y);
    let same = |x: Option<i64>, y: Option<i64>| match (x, y) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    let year_of = |p: &Parts| p.year.map(i64::from);
    let decade_of = |p: &Parts| {
        p.decade
            .map(i64::from)
            .or(p.year.map(|y| i64::from(y) / 10))
    };
    if !loose {
        if !same(year_of(&pa), year_of(&pb))
            || !same(pa.month.map(i64::from), pb.month.map(i64::from))
            || !same(pa.day.map(i64::from), pb.day.map(i64::from))
        {
            return false;
        }
    } else if !same(year_of(&pa), year_of(&pb)) && pa.month.is_none() && pb.month.is_none() {
        return false;
    }
    if !same(decade_of(&pa), decade_of(&pb)) {
        return false;
    }
    let (da, db) = (full_date(&pa), full_date(&pb));
    if let (Some(x), Some(y)) = (da, db) {
        let diff = (x - y).get_days().abs();
        return diff == 0 || (loose && diff <= 1);
    }
    match (pa.weekday, pb.weekday) {
        (Some(x), Some(y)) if x != y && !loose => return false,
        (Some(w), _) if db.is_some_and(|d| !weekday_matches(w, d, loose)) => return false,
        (_, Some(w)) if da.is_some_and(|d| !weekday_matches(w, d, loose)) => return false,
        _ => {}
    }
    if let (Some(w), Some(d)) = (pa.week, db)
        && d.iso_week_date().week() != w
    {
        return false;
    }
    if let (Some(w), Some(d)) = (pb.week, da)
        && d.iso_week_date().week() != w
    {
        return false;
    }
    true
}
