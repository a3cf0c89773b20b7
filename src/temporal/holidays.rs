//! Named days of the calendar ("Christmas Eve", "Easter weekend", "Thanksgiving"): the rule
//! that gives each one's date in a year, read from `rules/lexicon/time-holidays.tsv`.
//! The year is inferred like a month and day written without one (the resolver's job).

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// How a named day falls in a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holiday {
    /// The same month and day every year.
    Fixed { month: i8, day: i8 },
    /// Days from Easter Sunday (Gregorian).
    Easter { offset: i8 },
    /// The n-th given weekday of a month; n = -1 is the last.
    Nth { month: i8, weekday: Weekday, n: i8 },
}

impl Holiday {
    /// Parse a rule: `fixed 12-25`, `easter -2`, `nth 11 thu 4`, `last 05 mon`.
    pub fn parse(s: &str) -> Option<Holiday> {
        let parts: Vec<&str> = s.split_whitespace().collect();
        match parts[..] {
            ["fixed", md] => {
                let (m, d) = md.split_once('-')?;
                let (month, day) = (m.parse().ok()?, d.parse().ok()?);
                Date::new(2000, month, day).ok()?;
                Some(Holiday::Fixed { month, day })
            }
            ["easter", off] => Some(Holiday::Easter {
                offset: off.parse().ok()?,
            }),
            ["nth", m, wd, n] => Some(Holiday::Nth {
                month: month(m)?,
                weekday: weekday(wd)?,
                n: n.parse().ok().filter(|n| (1..=5).contains(n))?,
            }),
            ["last", m, wd] => Some(Holiday::Nth {
                month: month(m)?,
                weekday: weekday(wd)?,
                n: -1,
            }),
            _ => None,
        }
    }

    /// The day in `year`, if there is one.
    pub fn date_in(self, year: i16) -> Option<Date> {
        match self {
            Holiday::Fixed { month, day } => Date::new(year, month, day).ok(),
            Holiday::Easter { offset } => easter(year)?.checked_add((offset as i64).days()).ok(),
            Holiday::Nth { month, weekday, n } => {
                if n < 0 {
                    let first = Date::new(year, month, 1).ok()?;
                    let last = first.last_of_month();
                    let back = (last.weekday().to_monday_zero_offset() as i64
                        - weekday.to_monday_zero_offset() as i64)
                        .rem_euclid(7);
                    last.checked_sub(back.days()).ok()
                } else {
                    let first = Date::new(year, month, 1).ok()?;
                    let ahead = (weekday.to_monday_zero_offset() as i64
                        - first.weekday().to_monday_zero_offset() as i64)
                        .rem_euclid(7);
                    let d = first
                        .checked_add((ahead + 7 * (n as i64 - 1)).days())
                        .ok()?;
                    (d.month() == month).then_some(d)
                }
            }
        }
    }
}

fn month(s: &str) -> Option<i8> {
    s.parse().ok().filter(|m| (1..=12).contains(m))
}

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm).
fn easter(year: i16) -> Option<Date> {
    let y = year as i32;
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, month as i8, day as i8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn easter_against_known_years() {
        // Published Gregorian Easter dates.
        for (y, m, day) in [
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2038, 4, 25),
        ] {
            assert_eq!(easter(y), Some(d(y, m, day)), "{y}");
        }
        let good_friday = Holiday::parse("easter -2").unwrap();
        assert_eq!(good_friday.date_in(2025), Some(d(2025, 4, 18)));
    }

    #[test]
    fn fixed_nth_and_last() {
        let xmas = Holiday::parse("fixed 12-25").unwrap();
        assert_eq!(xmas.date_in(2031), Some(d(2031, 12, 25)));
        // US Thanksgiving: fourth Thursday of November.
        let tg = Holiday::parse("nth 11 thu 4").unwrap();
        assert_eq!(tg.date_in(2025), Some(d(2025, 11, 27)));
        assert_eq!(tg.date_in(2026), Some(d(2026, 11, 26)));
        // Last Monday of May.
        let last = Holiday::parse("last 05 mon").unwrap();
        assert_eq!(last.date_in(2025), Some(d(2025, 5, 26)));
        assert_eq!(last.date_in(2027), Some(d(2027, 5, 31)));
        // A fifth Friday that does not exist.
        assert_eq!(Holiday::parse("nth 02 fri 5").unwrap().date_in(2026), None);
        for bad in [
            "fixed 02-30",
            "nth 13 mon 1",
            "nth 05 xyz 1",
            "easter",
            "weekly",
        ] {
            assert_eq!(Holiday::parse(bad), None, "{bad}");
        }
    }
}
