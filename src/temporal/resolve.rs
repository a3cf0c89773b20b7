//! Turning parsed expressions into TIMEX3 values and UTC intervals, against the
//! document date (anchor) and the date in focus (for "the same day").

use jiff::ToSpan;
use jiff::civil::{Date, DateTime, Weekday};

use super::lexicon::{Part, Season, Tense, Unit};
use super::patterns::{Cal, Clock, Dir, Expr, Raw};
use super::zones::{to_utc, zone};
use super::{Anchor, Timex, TimexType, UtcInterval};

/// A resolved expression before it is written out.
#[derive(Clone, Debug)]
pub enum Val {
    Day {
        date: Date,
        part: Option<Part>,
        clock: Option<Clock>,
    },
    Week {
        date: Date,
        weekend: bool,
    },
    Month(i16, i8),
    Year(i16),
    Decade(i16),
    Century(i16),
    Quarter(i16, i8),
    Season(i16, &'static str),
    /// Not resolvable to a calendar position: keep the parts the text gave.
    Under {
        year: Option<i16>,
        month: Option<i8>,
        day: Option<i8>,
        weekday: Option<Weekday>,
        part: Option<Part>,
        clock: Option<Clock>,
    },
    Other(TimexType, String),
}

#[derive(Clone, Debug, Default)]
struct Focus {
    date: Option<Date>,
    weekday: Option<Weekday>,
    tz: Option<String>,
    zone_stated: bool,
}

/// Resolves expressions region after region, carrying the focus along.
pub struct Resolver<'a> {
    anchor: &'a Anchor,
    focus: Option<Focus>,
}

struct Out {
    val: Val,
    tz: Option<String>,
    /// The text names a zone for this expression ("(Indian time)", "local time"), or it
    /// refers back to one that did.
    zone_stated: bool,
    year_inferred: bool,
    in_focus: bool,
}

impl<'a> Resolver<'a> {
    pub fn new(anchor: &'a Anchor) -> Self {
        Resolver {
            anchor,
            focus: None,
        }
    }

    /// Resolve the expressions of one region (in text order).
    pub fn region(&mut self, text: &str, raws: &[Raw], out: &mut Vec<Timex>) {
        let mut done: Vec<Option<Out>> = Vec::with_capacity(raws.len());
        let mut focus_at: Vec<Option<Focus>> = Vec::with_capacity(raws.len());
        for raw in raws {
            focus_at.push(self.focus.clone());
            if is_bare_time(&raw.expr) {
                done.push(None);
                continue;
            }
            let o = self.resolve(raw);
            self.update_focus(&o);
            done.push(Some(o));
        }
        // Bare times take the day of an adjacent date, else the focus, else the anchor.
        for k in 0..raws.len() {
            if done[k].is_some() {
                continue;
            }
            let Expr::Cal(Cal {
                clock: Some(clock), ..
            }) = raws[k].expr
            else {
                continue;
            };
            let neighbour = [k.wrapping_sub(1), k + 1]
                .into_iter()
                .filter(|&n| n < raws.len() && n != k)
                .filter(|&n| linked(text, &raws[k], &raws[n]))
                .find_map(|n| {
                    done[n]
                        .as_ref()
                        .and_then(|o| day_of(o).map(|d| (d, o.tz.clone())))
                });
            let (day, ntz) = match neighbour {
                Some(x) => x,
                None => {
                    let f = focus_at[k].as_ref();
                    let d = f
                        .and_then(|f| f.date.map(DayRef::Date).or(f.weekday.map(DayRef::Weekday)))
                        .or(self.anchor.date.map(DayRef::Date));
                    (d.unwrap_or(DayRef::None), f.and_then(|f| f.tz.clone()))
                }
            };
            let val = match day {
                DayRef::Date(date) => Val::Day {
                    date,
                    part: None,
                    clock: Some(clock),
                },
                DayRef::Weekday(w) => Val::Under {
                    year: None,
                    month: None,
                    day: None,
                    weekday: Some(w),
                    part: None,
                    clock: Some(clock),
                },
                DayRef::None => under_clock(clock),
            };
            let zone_stated = raws[k].zone.is_some() || ntz.is_some();
            let tz = self
                .zone_name(raws[k].zone)
                .or(ntz)
                .or_else(|| self.anchor.tz.clone());
            done[k] = Some(Out {
                val,
                tz,
                zone_stated,
                year_inferred: false,
                in_focus: false,
            });
        }
        for (raw, o) in raws.iter().zip(done) {
            if let Some(o) = o {
                out.push(emit(raw, o));
            }
        }
    }

    fn zone_name(&self, z: Option<&'static str>) -> Option<String> {
        match z? {
            "LOCAL" => self.anchor.tz.clone(),
            z => Some(z.to_string()),
        }
    }

    fn update_focus(&mut self, o: &Out) {
        match &o.val {
            Val::Day { date, .. } => {
                self.focus = Some(Focus {
                    date: Some(*date),
                    weekday: Some(date.weekday()),
                    tz: o.tz.clone(),
                    zone_stated: o.zone_stated,
                })
            }
            Val::Under {
                weekday: Some(w), ..
            } => {
                self.focus = Some(Focus {
                    date: None,
                    weekday: Some(*w),
                    tz: o.tz.clone(),
                    zone_stated: o.zone_stated,
                })
            }
            _ => {}
        }
    }

    fn resolve(&self, raw: &Raw) -> Out {
        let explicit_tz = self.zone_name(raw.zone);
        let mut o = Out {
            val: Val::Other(TimexType::Date, String::new()),
            tz: explicit_tz.clone().or_else(|| self.anchor.tz.clone()),
            zone_stated: raw.zone.is_some(),
            year_inferred: false,
            in_focus: false,
        };
        let a = self.anchor.date;
        let future = raw.tense == Some(Tense::Future);
        o.val = match &raw.expr {
            Expr::Cal(Cal {
                year,
                month,
                day,
                weekday,
                dir,
                part,
                clock,
            }) => match (*year, *month, *day, *weekday) {
                (Some(y), Some(m), Some(d), _) => match Date::new(y, m, d) {
                    Ok(date) => Val::Day {
                        date,
                        part: *part,
                        clock: *clock,
                    },
                    Err(_) => under(Some(y), Some(m), Some(d), *weekday),
                },
                (Some(y), Some(m), None, _) => Val::Month(y, m),
                (Some(y), None, _, _) => Val::Year(y),
                (None, Some(m), d, wd) => {
                    o.year_inferred = true;
                    match self.infer_year(m, d, *dir, raw.tense) {
                        Some(y) => match d {
                            Some(d) => match Date::new(y, m, d) {
                                Ok(date) => Val::Day {
                                    date,
                                    part: *part,
                                    clock: *clock,
                                },
                                Err(_) => under(Some(y), Some(m), Some(d), wd),
                            },
                            None => Val::Month(y, m),
                        },
                        None => {
                            o.year_inferred = false;
                            under(None, Some(m), d, wd)
                        }
                    }
                }
                (None, None, _, Some(wd)) => {
                    let base = match dir {
                        Dir::Following => self.focus.as_ref().and_then(|f| f.date).or(a),
                        _ => a,
                    };
                    match base.and_then(|b| weekday_near(b, wd, *dir, future)) {
                        Some(date) => Val::Day {
                            date,
                            part: *part,
                            clock: *clock,
                        },
                        None => Val::Under {
                            year: None,
                            month: None,
                            day: None,
                            weekday: Some(wd),
                            part: *part,
                            clock: *clock,
                        },
                    }
                }
                _ => Val::Other(TimexType::Date, "XXXX-XX-XX".into()),
            },
            Expr::RelDay { days, part } => match a.and_then(|d| d.checked_add((*days).days()).ok())
            {
                Some(date) => Val::Day {
                    date,
                    part: *part,
                    clock: None,
                },
                None => Val::Under {
                    year: None,
                    month: None,
                    day: None,
                    weekday: None,
                    part: *part,
                    clock: None,
                },
            },
            Expr::RelUnit {
                unit,
                n,
                from_focus,
            } => {
                let base = if *from_focus {
                    o.in_focus = true;
                    if let Some(f) = &self.focus
                        && explicit_tz.is_none()
                    {
                        o.tz = f.tz.clone();
                        o.zone_stated |= f.zone_stated;
                    }
                    self.focus.as_ref().and_then(|f| f.date).or(a)
                } else {
                    a
                };
                match base {
                    Some(b) => shift(b, *unit, *n, *from_focus),
                    None => match (unit.code, self.anchor.year_hint, from_focus) {
                        ("Y", Some(y), false) => {
                            o.year_inferred = true;
                            Val::Year(y.saturating_add(*n as i16))
                        }
                        ("Y", _, _) => Val::Other(TimexType::Date, "XXXX".into()),
                        ("M", _, _) => Val::Other(TimexType::Date, "XXXX-XX".into()),
                        ("W" | "WE", _, _) => Val::Other(TimexType::Date, "XXXX-WXX".into()),
                        _ => Val::Other(TimexType::Date, "XXXX-XX-XX".into()),
                    },
                }
            }
            Expr::Season { season, year, dir } => match year {
                Some(y) => Val::Season(*y, season.code),
                None => match a {
                    Some(d) => {
                        o.year_inferred = true;
                        Val::Season(season_year(d, *season, *dir, future), season.code)
                    }
                    None => match self.anchor.year_hint {
                        Some(y) => {
                            o.year_inferred = true;
                            Val::Season(y, season.code)
                        }
                        None => Val::Other(TimexType::Date, format!("XXXX-{}", season.code)),
                    },
                },
            },
            Expr::Holiday { rule, weekend } => {
                // This year's date gives the month and day the year is inferred from.
                let year = match a {
                    Some(d) => rule.date_in(d.year()).and_then(|h| {
                        self.infer_year(h.month(), Some(h.day()), Dir::Tense, raw.tense)
                    }),
                    None => self.anchor.year_hint,
                };
                match year.and_then(|y| rule.date_in(y)) {
                    Some(date) => {
                        o.year_inferred = true;
                        if *weekend {
                            Val::Week {
                                date,
                                weekend: true,
                            }
                        } else {
                            Val::Day {
                                date,
                                part: None,
                                clock: None,
                            }
                        }
                    }
                    None => Val::Other(TimexType::Date, "XXXX-XX-XX".into()),
                }
            }
            Expr::Decade(d) => Val::Decade(*d),
            Expr::Quarter { q, year } => {
                let y = year.or_else(|| {
                    o.year_inferred = true;
                    a.map(|d| d.year()).or(self.anchor.year_hint)
                });
                match y {
                    Some(y) => Val::Quarter(y, *q),
                    None => {
                        o.year_inferred = false;
                        Val::Other(TimexType::Date, format!("XXXX-Q{q}"))
                    }
                }
            }
            Expr::Anaphor { days, part } => {
                o.in_focus = true;
                let f = self.focus.clone().unwrap_or(Focus {
                    date: a,
                    weekday: a.map(|d| d.weekday()),
                    tz: None,
                    zone_stated: false,
                });
                if explicit_tz.is_none() && f.tz.is_some() {
                    o.tz = f.tz.clone();
                }
                o.zone_stated |= f.zone_stated;
                match f.date.and_then(|d| d.checked_add((*days).days()).ok()) {
                    Some(date) => Val::Day {
                        date,
                        part: *part,
                        clock: None,
                    },
                    None => Val::Under {
                        year: None,
                        month: None,
                        day: None,
                        weekday: f.weekday.map(|w| w.wrapping_add(*days as i64)),
                        part: *part,
                        clock: None,
                    },
                }
            }
            Expr::Ref(v) => Val::Other(TimexType::Date, (*v).to_string()),
            Expr::Duration(v) => Val::Other(TimexType::Duration, v.clone()),
            Expr::Set(v) => Val::Other(TimexType::Set, v.clone()),
        };
        o
    }

    /// The year for a month (and day) named without one.
    fn infer_year(&self, m: i8, d: Option<i8>, dir: Dir, tense: Option<Tense>) -> Option<i16> {
        let Some(a) = self.anchor.date else {
            return self.anchor.year_hint;
        };
        let y = a.year();
        let cmp = match d {
            Some(d) => (m, d).cmp(&(a.month(), a.day())),
            None => m.cmp(&a.month()),
        };
        use std::cmp::Ordering::{Greater, Less};
        let y = match dir {
            Dir::This => y,
            Dir::Before => {
                if m < a.month() {
                    y
                } else {
                    y - 1
                }
            }
            Dir::After | Dir::Following => {
                if m > a.month() {
                    y
                } else {
                    y + 1
                }
            }
            Dir::Tense => match (tense, cmp) {
                (Some(Tense::Future), Less) => y + 1,
                (Some(Tense::Future), _) => y,
                (_, Greater) => {
                    // Past by default, but a day just ahead of the anchor is more
                    // likely an announced event than one a year back, even in a past-tense
                    // sentence ("threatened to quit as soon as May 12"): a date a year
                    // back would carry its year.
                    let ahead = d
                        .and_then(|d| Date::new(y, m, d).ok())
                        .and_then(|x| a.until(x).ok())
                        .map(|sp| sp.get_days());
                    if ahead.is_some_and(|n| n <= 31) {
                        y
                    } else {
                        y - 1
                    }
                }
                _ => y,
            },
        };
        Some(y)
    }
}

enum DayRef {
    Date(Date),
    Weekday(Weekday),
    None,
}

fn is_bare_time(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Cal(Cal {
            year: None,
            month: None,
            day: None,
            weekday: None,
            clock: Some(_),
            ..
        })
    )
}

fn day_of(o: &Out) -> Option<DayRef> {
    match &o.val {
        Val::Day { date, .. } => Some(DayRef::Date(*date)),
        Val::Under {
            weekday: Some(w), ..
        } => Some(DayRef::Weekday(*w)),
        _ => None,
    }
}

/// A bare time and a date next to each other in the same clause ("3 p.m. on
/// Thursday", "Thursday at 9:03am").
fn linked(text: &str, a: &Raw, b: &Raw) -> bool {
    let (s, e) = if a.span.end <= b.span.start {
        (a.span.end, b.span.start)
    } else {
        (b.span.end, a.span.start)
    };
    let Some(gap) = text.get(s..e) else {
        return false;
    };
    if gap.len() > 24 || gap.contains(['.', '!', '?', ';', '\n']) {
        return false;
    }
    gap.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| {
            ["on", "at", "of", "in", "the", "local", "time"]
                .iter()
                .any(|x| w.eq_ignore_ascii_case(x))
                || w.chars().next().is_some_and(char::is_uppercase)
        })
}

fn under(year: Option<i16>, month: Option<i8>, day: Option<i8>, weekday: Option<Weekday>) -> Val {
    Val::Under {
        year,
        month,
        day,
        weekday,
        part: None,
        clock: None,
    }
}

fn under_clock(clock: Clock) -> Val {
    Val::Under {
        year: None,
        month: None,
        day: None,
        weekday: None,
        part: None,
        clock: Some(clock),
    }
}

/// The `wd` nearest to `base` in direction `dir`. Past (the default for news): on or
/// before `base`; future tense: on or after; "last": strictly before; "next": after.
pub fn weekday_near(base: Date, wd: Weekday, dir: Dir, future: bool) -> Option<Date> {
    let same = base.weekday() == wd;
    match dir {
        Dir::Before => base.nth_weekday(-1, wd).ok(),
        Dir::After | Dir::Following => base.nth_weekday(1, wd).ok(),
        Dir::Tense | Dir::This => {
            if same {
                Some(base)
            } else if future {
                base.nth_weekday(1, wd).ok()
            } else {
                base.nth_weekday(-1, wd).ok()
            }
        }
    }
}

fn shift(b: Date, unit: Unit, n: i64, from_focus: bool) -> Val {
    let day = |date: Date| Val::Day {
        date,
        part: None,
        clock: None,
    };
    let fallback = Val::Other(TimexType::Date, "XXXX-XX-XX".into());
    let n32 = n.clamp(-100_000, 100_000);
    match unit.code {
        "D" => b.checked_add(n32.days()).map_or(fallback, day),
        "FN" => b.checked_add((n32 * 14).days()).map_or(fallback, day),
        "W" if from_focus => b.checked_add((n32 * 7).days()).map_or(fallback, day),
        "W" | "WE" => match b.checked_add((n32 * 7).days()) {
            Ok(date) => Val::Week {
                date,
                weekend: unit.code == "WE",
            },
            Err(_) => fallback,
        },
        "M" => match b.first_of_month().checked_add(n32.months()) {
            Ok(d) => Val::Month(d.year(), d.month()),
            Err(_) => fallback,
        },
        "Q" => {
            let q0 = (b.year() as i64) * 4 + (b.month() as i64 - 1) / 3 + n;
            Val::Quarter((q0.div_euclid(4)) as i16, (q0.rem_euclid(4) + 1) as i8)
        }
        "Y" => Val::Year((b.year() as i64 + n).clamp(-9999, 9999) as i16),
        "DE" => Val::Decade(((b.year() as i64).div_euclid(10) + n) as i16),
        "CE" => Val::Century(((b.year() as i64).div_euclid(100) + n) as i16),
        _ => fallback,
    }
}

/// Which year's season: the current or most recent one (past/default), the next one
/// (future or "next"), the one before the current ("last"). A winter is named by
/// the year of its January (it starts in December of the year before).
fn season_year(a: Date, s: Season, dir: Dir, future: bool) -> i16 {
    let start = |y: i16| -> Option<Date> {
        if s.first_month == 12 {
            Date::new(y - 1, 12, 1).ok()
        } else {
            Date::new(y, s.first_month, 1).ok()
        }
    };
    let y = a.year();
    // The latest season start on or before the anchor.
    let cur = if start(y + 1).is_some_and(|d| d <= a) {
        y + 1
    } else if start(y).is_some_and(|d| d <= a) {
        y
    } else {
        y - 1
    };
    let in_it = start(cur)
        .and_then(|d| d.checked_add(3.months()).ok())
        .is_some_and(|end| a < end);
    match dir {
        Dir::This => cur,
        Dir::Before => {
            if in_it {
                cur - 1
            } else {
                cur
            }
        }
        Dir::After | Dir::Following => cur + 1,
        Dir::Tense => {
            if future && !in_it {
                cur + 1
            } else {
                cur
            }
        }
    }
}

fn emit(raw: &Raw, o: Out) -> Timex {
    let (ty, value) = value_of(&o.val);
    let tzname = o.tz.clone();
    let tz = tzname.as_deref().and_then(zone);
    let utc = interval(&o.val, tz.as_ref());
    let weekday = match (&raw.expr, &o.val) {
        (
            Expr::Cal(Cal {
                weekday: Some(w), ..
            }),
            _,
        ) => Some(*w),
        (Expr::Anaphor { .. }, Val::Under { weekday, .. }) => *weekday,
        _ => None,
    };
    let is_time = matches!(
        o.val,
        Val::Day { clock: Some(_), .. } | Val::Under { clock: Some(_), .. }
    );
    Timex {
        span: raw.span,
        ty: if is_time { TimexType::Time } else { ty },
        value,
        utc,
        tz: if tz.is_some() { tzname } else { None },
        weekday,
        zone_stated: o.zone_stated,
        year_inferred: o.year_inferred,
        in_focus: o.in_focus,
        modifier: raw.modifier.map(str::to_string),
    }
}

fn suffix(part: Option<Part>, clock: Option<Clock>) -> String {
    match (clock, part) {
        (Some(c), _) => format!("T{:02}:{:02}", c.hour, c.minute.unwrap_or(0)),
        (None, Some(p)) => format!("T{}", p.code),
        (None, None) => String::new(),
    }
}

fn value_of(v: &Val) -> (TimexType, String) {
    let s = match v {
        Val::Day { date, part, clock } => format!(
            "{:04}-{:02}-{:02}{}",
            date.year(),
            date.month(),
            date.day(),
            suffix(*part, *clock)
        ),
        Val::Week { date, weekend } => {
            let w = date.iso_week_date();
            format!(
                "{:04}-W{:02}{}",
                w.year(),
                w.week(),
                if *weekend { "-WE" } else { "" }
            )
        }
        Val::Month(y, m) => format!("{y:04}-{m:02}"),
        Val::Year(y) => format!("{y:04}"),
        Val::Decade(d) => format!("{d:03}"),
        Val::Century(c) => format!("{c:02}"),
        Val::Quarter(y, q) => format!("{y:04}-Q{q}"),
        Val::Season(y, c) => format!("{y:04}-{c}"),
        Val::Under {
            year,
            month,
            day,
            weekday,
            part,
            clock,
        } => {
            let y = year.map_or("XXXX".to_string(), |y| format!("{y:04}"));
            let sfx = suffix(*part, *clock);
            match (month, day, weekday) {
                (None, None, Some(w)) => format!("{y}-WXX-{}{sfx}", w.to_monday_one_offset()),
                (Some(m), None, _) => format!("{y}-{m:02}"),
                (m, d, _) => {
                    let m = m.map_or("XX".to_string(), |m| format!("{m:02}"));
                    let d = d.map_or("XX".to_string(), |d| format!("{d:02}"));
                    format!("{y}-{m}-{d}{sfx}")
                }
            }
        }
        Val::Other(ty, s) => return (*ty, s.clone()),
    };
    (TimexType::Date, s)
}

/// The UTC interval of a resolved value in `tz` (UTC when unknown).
fn interval(v: &Val, tz: Option<&jiff::tz::TimeZone>) -> Option<UtcInterval> {
    let utc = jiff::tz::TimeZone::UTC;
    let tz = tz.unwrap_or(&utc);
    let midnight = |d: Date| d.to_datetime(jiff::civil::Time::midnight());
    let (start, end): (DateTime, DateTime) = match v {
        Val::Day { date, part, clock } => {
            let m = midnight(*date);
            match (clock, part) {
                (Some(c), _) => {
                    let s = m
                        .checked_add((c.hour as i64).hours())
                        .ok()?
                        .checked_add((c.minute.unwrap_or(0) as i64).minutes())
                        .ok()?;
                    let len = if c.minute.is_some() {
                        1.minute()
                    } else {
                        1.hour()
                    };
                    (s, s.checked_add(len).ok()?)
                }
                (None, Some(p)) => (
                    m.checked_add((p.start_hour as i64).hours()).ok()?,
                    m.checked_add((p.end_hour as i64).hours()).ok()?,
                ),
                (None, None) => (m, m.checked_add(1.day()).ok()?),
            }
        }
        Val::Week { date, weekend } => {
            let monday = date
                .checked_sub(((date.weekday().to_monday_zero_offset()) as i64).days())
                .ok()?;
            let s = if *weekend {
                monday.checked_add(5.days()).ok()?
            } else {
                monday
            };
            (midnight(s), midnight(monday.checked_add(7.days()).ok()?))
        }
        Val::Month(y, m) => {
            let s = Date::new(*y, *m, 1).ok()?;
            (midnight(s), midnight(s.checked_add(1.month()).ok()?))
        }
        Val::Year(y) => year_range(*y as i64, 1)?,
        Val::Decade(d) => year_range(*d as i64 * 10, 10)?,
        Val::Century(c) => year_range(*c as i64 * 100, 100)?,
        Val::Quarter(y, q) => {
            let s = Date::new(*y, (*q - 1) * 3 + 1, 1).ok()?;
            (midnight(s), midnight(s.checked_add(3.months()).ok()?))
        }
        Val::Season(..) | Val::Under { .. } | Val::Other(..) => return None,
    };
    let (s, e) = to_utc(tz, start, end)?;
    Some(UtcInterval { start: s, end: e })
}

fn year_range(y: i64, n: i64) -> Option<(DateTime, DateTime)> {
    let s = Date::new(i16::try_from(y).ok()?, 1, 1).ok()?;
    let e = Date::new(i16::try_from(y + n).ok()?, 1, 1).ok()?;
    let t = jiff::civil::Time::midnight();
    Some((s.to_datetime(t), e.to_datetime(t)))
}
