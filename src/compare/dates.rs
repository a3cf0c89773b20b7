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
    t.civil_date()
}

/// How far a time of unknown zone may lie from UTC, each way.
const UNKNOWN_ZONE_SLACK_HOURS: i64 = 12;
/// With neither zone known and a clock time on one side ("8.40am on Saturday"), the
/// hours each side is widened: a clock time is exact, so only a zone difference moves it
/// across midnight, and articles that state no zone most likely tell one local time
/// (three hours each way, six in all, covers neighbouring zones).
const TWO_UNKNOWN_ZONES_CLOCK_SLACK_HOURS: i64 = 3;

/// A clock time ("2025-05-08T15:00"), not a part of the day ("2025-05-08TNI").
fn clock_time(t: &TimeRef) -> bool {
    t.value.as_bytes().get(11).is_some_and(u8::is_ascii_digit) && finer_than_day(t)
}

fn finer_than_day(t: &TimeRef) -> bool {
    t.value.len() > 10 && t.value.as_bytes().get(10) == Some(&b'T')
}

/// Compare two dates.
/// - Whole days whose zones are both known (stated, or the document's own): their UTC
///   intervals decide, so "Saturday (Indian time)" can be "Friday (US time)".
/// - A part of the day or a time on either side, with one zone known: UTC intervals
///   decide, a side whose zone is unknown widened by twelve hours each way ("Friday
///   morning, local time" can be "Thursday evening" in a zone far to the west).
/// - A clock time with neither zone known: the intervals widened by three hours each way
///   ("8.40am on Saturday" is not "Friday"; "1am on Saturday" can be "late Friday").
/// - Otherwise the calendar days decide, as an editor reads "Tuesday" against "Wednesday":
///   with neither zone known, "Sunday night" against "early Monday" too (the stated
///   days differ, though the night may cross midnight).
pub fn compare(a: &TimeRef, b: &TimeRef) -> DateRelation {
    let no_zone = a.tz.is_none() && b.tz.is_none();
    let clock = clock_time(a) || clock_time(b);
    let finer = (finer_than_day(a) || finer_than_day(b)) && (!no_zone || clock);
    let zoned_days = a.tz.is_some() && b.tz.is_some() && (a.zone_stated || b.zone_stated);
    if (finer || zoned_days)
        && let (Some(ia), Some(ib)) = (a.utc, b.utc)
    {
        let hours = if no_zone {
            TWO_UNKNOWN_ZONES_CLOCK_SLACK_HOURS
        } else {
            UNKNOWN_ZONE_SLACK_HOURS
        };
        let widen = |t: &TimeRef, (s, e): (jiff::Timestamp, jiff::Timestamp)| {
            if t.tz.is_some() {
                (s, e)
            } else {
                let slack = jiff::SignedDuration::from_hours(hours);
                (
                    s.checked_sub(slack).unwrap_or(s),
                    e.checked_add(slack).unwrap_or(e),
                )
            }
        };
        let ((a0, a1), (b0, b1)) = (widen(a, ia), widen(b, ib));
        return if a0 < b1 && b0 < a1 {
            if civil_day(a) == civil_day(b) {
                DateRelation::Same
            } else {
                DateRelation::Refines
            }
        } else {
            DateRelation::Conflict
        };
    }
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
            zone_stated: true,
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
            zone_stated: false,
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
    fn calendar_days_without_zones_differ() {
        let tue = TimeRef {
            zone_stated: false,
            tz: None,
            ..day_in("2031-03-11", "UTC")
        };
        let wed = TimeRef {
            zone_stated: false,
            tz: None,
            ..day_in("2031-03-12", "UTC")
        };
        assert_eq!(compare(&tue, &wed), DateRelation::Conflict);
        // A morning in an unknown "local time" can be the evening before in a zone far to the west.
        let mut fri_morning = day_in("2031-03-14", "UTC");
        fri_morning.value = "2031-03-14TMO".into();
        fri_morning.tz = None;
        let mut thu_evening = day_in("2031-03-13", "America/New_York");
        thu_evening.value = "2031-03-13TEV".into();
        assert_ne!(compare(&fri_morning, &thu_evening), DateRelation::Conflict);
    }

    #[test]
    fn two_unknown_zones_read_the_stated_days() {
        let unzoned = |value: &str, day: &str, start_h: i64, end_h: i64| {
            let d: Date = day.parse().unwrap();
            let t0 = d.to_zoned(jiff::tz::TimeZone::UTC).unwrap().timestamp();
            TimeRef {
                span: Span::default(),
                value: value.into(),
                utc: Some((
                    t0 + jiff::SignedDuration::from_hours(start_h),
                    t0 + jiff::SignedDuration::from_hours(end_h),
                )),
                weekday: None,
                year_inferred: false,
                tz: None,
                zone_stated: false,
            }
        };
        // Thursday evening and all of Wednesday, both in unknown local time: a day apart
        // once the evening starts, whatever the two zones.
        let thu_evening = unzoned("2034-06-08TEV", "2034-06-08", 17, 24);
        let wednesday = unzoned("2034-06-07", "2034-06-07", 0, 24);
        assert_eq!(compare(&thu_evening, &wednesday), DateRelation::Conflict);
        // With neither zone known the stated days decide: Monday night is not Tuesday,
        // and Monday morning is Monday evening's day.
        let mon_night = unzoned("2034-06-05TNI", "2034-06-05", 21, 24);
        let tuesday = unzoned("2034-06-06", "2034-06-06", 0, 24);
        assert_eq!(compare(&mon_night, &tuesday), DateRelation::Conflict);
        let mon_morning = unzoned("2034-06-05TMO", "2034-06-05", 6, 12);
        assert_eq!(compare(&mon_night, &mon_morning), DateRelation::Same);
        // A clock time is exact: 8.40am on Saturday is not Friday, but 1am can be.
        let sat_0840 = unzoned("2034-06-10T08:40", "2034-06-10", 8, 9);
        let friday = unzoned("2034-06-09", "2034-06-09", 0, 24);
        assert_eq!(compare(&sat_0840, &friday), DateRelation::Conflict);
        let sat_0100 = unzoned("2034-06-10T01:00", "2034-06-10", 1, 2);
        assert_eq!(compare(&sat_0100, &friday), DateRelation::Refines);
    }

    #[test]
    fn whole_day_in_unknown_local_time_is_its_calendar_day() {
        let wed = TimeRef {
            zone_stated: false,
            tz: None,
            ..day_in("2035-10-10", "UTC")
        };
        let thu_local = TimeRef {
            zone_stated: true,
            tz: None,
            ..day_in("2035-10-11", "UTC")
        };
        assert_eq!(compare(&wed, &thu_local), DateRelation::Conflict);
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
