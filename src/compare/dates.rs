//! Dates compare as intervals: two claims agree when their UTC intervals overlap, so
//! "Saturday (Indian time)" and "Friday evening (US time)" can be one call. A bare weekday
//! agrees with a full date that falls on it.

use crate::claim::TimeRef;
use jiff::civil::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRelation {
    Same,
    /// Compatible, one more specific ("Thursday" vs "2025-05-08").
    Refines,
    Conflict,
    /// Nothing to compare (durations, unresolved values).
    Unknown,
}

fn civil_day(t: &TimeRef) -> Option<Date> {
    t.day()?.parse().ok()
}

pub fn compare(a: &TimeRef, b: &TimeRef) -> DateRelation {
    match (&a.utc, &b.utc) {
        (Some((a0, a1)), Some((b0, b1))) => {
            if a0 < b1 && b0 < a1 {
                if civil_day(a) == civil_day(b) {
                    DateRelation::Same
                } else {
                    DateRelation::Refines
                }
            } else {
                DateRelation::Conflict
            }
        }
        _ => {
            let (da, db) = (civil_day(a), civil_day(b));
            match (da, db, a.weekday, b.weekday) {
                (Some(x), Some(y), _, _) => {
                    if x == y {
                        DateRelation::Same
                    } else {
                        DateRelation::Conflict
                    }
                }
                (Some(x), None, _, Some(w)) | (None, Some(x), Some(w), _) => {
                    if x.weekday() == w {
                        DateRelation::Refines
                    } else {
                        DateRelation::Conflict
                    }
                }
                (None, None, Some(x), Some(y)) => {
                    if x == y {
                        DateRelation::Same
                    } else {
                        DateRelation::Conflict
                    }
                }
                _ => DateRelation::Unknown,
            }
        }
    }
}

pub fn compatible(a: &TimeRef, b: &TimeRef) -> bool {
    matches!(
        compare(a, b),
        DateRelation::Same | DateRelation::Refines | DateRelation::Unknown
    )
}

/// Days between two resolved days, if both have one.
pub fn days_apart(a: &TimeRef, b: &TimeRef) -> Option<i32> {
    let (x, y) = (civil_day(a)?, civil_day(b)?);
    Some((y - x).get_days().abs())
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::span::Span;
    use jiff::Timestamp;
    use jiff::civil::Weekday;

    pub fn day_in(value: &str, tz: &str) -> TimeRef {
        let d: Date = value.parse().unwrap();
        let zone = jiff::tz::TimeZone::get(tz).unwrap();
        let start = d.to_zoned(zone.clone()).unwrap().timestamp();
        let end = d.tomorrow().unwrap().to_zoned(zone).unwrap().timestamp();
        TimeRef {
            span: Span::default(),
            value: value.into(),
            utc: Some((start, end)),
            weekday: None,
            year_inferred: false,
            tz: Some(tz.into()),
        }
    }

    fn weekday(w: Weekday) -> TimeRef {
        TimeRef {
            span: Span::default(),
            value: "XXXX-WXX-4".into(),
            utc: None,
            weekday: Some(w),
            year_inferred: false,
            tz: None,
        }
    }

    #[test]
    fn zones_make_neighbouring_days_overlap() {
        let sat_india = day_in("2031-03-15", "Asia/Kolkata");
        let fri_us = day_in("2031-03-14", "America/New_York");
        assert_eq!(compare(&sat_india, &fri_us), DateRelation::Refines);
        let thu_us = day_in("2031-03-13", "America/New_York");
        assert_eq!(compare(&sat_india, &thu_us), DateRelation::Conflict);
    }

    #[test]
    fn weekday_against_full_date() {
        let d = day_in("2031-03-13", "UTC"); // a Thursday
        assert_eq!(
            compare(
                &weekday(Weekday::Thursday),
                &TimeRef {
                    utc: None,
                    ..d.clone()
                }
            ),
            DateRelation::Refines
        );
        assert_eq!(
            compare(&weekday(Weekday::Friday), &TimeRef { utc: None, ..d }),
            DateRelation::Conflict
        );
        let _ = Timestamp::UNIX_EPOCH;
    }
}
