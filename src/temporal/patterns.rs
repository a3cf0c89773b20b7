//! The grammar: one left-to-right pass over the tokens of a region. At each token the
//! lexicon entry of the word (looked up once) decides which anchored rules can start
//! there; the longest rule that matches wins and the scan resumes after it.

use jiff::civil::Weekday;

use super::lexicon::{
    LEXICON, Lexicon, MonthKind, NumKind, Part, PhraseKind, Rel, RelKind, Season, Tense, Unit,
    WordInfo,
};
use super::tense::tense_near;
use super::tokens::{Kind, Tok};
use crate::span::Span;

/// How an underspecified weekday, month or season is placed relative to the anchor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dir {
    /// By the tense of the clause (past: on or before the anchor; future: on or after).
    #[default]
    Tense,
    /// "last": strictly before the anchor.
    Before,
    /// "next", "coming": strictly after the anchor.
    After,
    /// "this": the current one.
    This,
    /// "the following Monday": after the date in focus.
    Following,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cal {
    pub year: Option<i16>,
    pub month: Option<i8>,
    pub day: Option<i8>,
    pub weekday: Option<Weekday>,
    pub dir: Dir,
    pub part: Option<Part>,
    pub clock: Option<Clock>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    pub hour: i8,
    pub minute: Option<i8>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A calendar expression with whatever parts the text gives. With no date part
    /// and a clock, it is a bare time that takes its day from a neighbour or the focus.
    Cal(Cal),
    /// today, yesterday, tonight...: days from the anchor.
    RelDay {
        days: i32,
        part: Option<Part>,
    },
    /// last week, this year, two days ago (from the anchor), a week later (from the focus).
    RelUnit {
        unit: Unit,
        n: i64,
        from_focus: bool,
    },
    Season {
        season: Season,
        year: Option<i16>,
        dir: Dir,
    },
    /// A decade by its first three digits ("199" for the 1990s).
    Decade(i16),
    Quarter {
        q: i8,
        year: Option<i16>,
    },
    /// the same day, the day before...: days from the date in focus.
    Anaphor {
        days: i32,
        part: Option<Part>,
    },
    Ref(&'static str),
    /// A named day of the calendar, its year inferred.
    Holiday {
        rule: super::holidays::Holiday,
        weekend: bool,
    },
    Duration(String),
    Set(String),
}

#[derive(Clone, Debug)]
pub struct Raw {
    pub span: Span,
    pub expr: Expr,
    /// IANA zone (or "LOCAL") from a zone phrase after the expression.
    pub zone: Option<&'static str>,
    pub tense: Option<Tense>,
    pub modifier: Option<&'static str>,
}

struct P<'a> {
    text: &'a str,
    toks: &'a [Tok],
    lx: &'static Lexicon,
}

/// Scan the tokens of one region.
pub fn scan(text: &str, toks: &[Tok]) -> Vec<Raw> {
    let p = P {
        text,
        toks,
        lx: &LEXICON,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match p.at(i) {
            Some((mut raw, end)) => {
                let next = p.zone(end, &mut raw);
                if raw.tense.is_none() && needs_tense(&raw.expr) {
                    raw.tense = tense_near(text, toks, i, end.saturating_sub(1).max(i));
                }
                out.push(raw);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

fn needs_tense(e: &Expr) -> bool {
    match e {
        Expr::Cal(Cal { year, dir, .. }) => year.is_none() && *dir == Dir::Tense,
        Expr::Season { year, dir, .. } => year.is_none() && *dir == Dir::Tense,
        Expr::Holiday { .. } => true,
        _ => false,
    }
}

fn is_dateish(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Cal(Cal { .. })
            | Expr::RelDay { .. }
            | Expr::Anaphor { .. }
            | Expr::RelUnit { .. }
            | Expr::Holiday { .. }
    )
}

enum Amount {
    N(i64),
    Dec(String),
    X,
}

fn cal(weekday: Option<Weekday>, dir: Dir) -> Cal {
    Cal {
        weekday,
        dir,
        ..Cal::default()
    }
}

impl<'a> P<'a> {
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }
    fn s(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }
    fn kind(&self, i: usize) -> Option<Kind> {
        self.tok(i).map(|t| t.kind)
    }
    fn word(&self, i: usize) -> Option<&'static WordInfo> {
        if self.kind(i)? != Kind::Word {
            return None;
        }
        self.lx.info(self.s(i))
    }
    fn is(&self, i: usize, w: &str) -> bool {
        self.s(i).eq_ignore_ascii_case(w)
    }
    fn punct(&self, i: usize, c: &str) -> bool {
        self.kind(i) == Some(Kind::Punct) && self.s(i) == c
    }
    fn apostrophe(&self, i: usize) -> bool {
        self.punct(i, "'") || self.punct(i, "\u{2019}")
    }
    /// Token `i` ends exactly where token `i + 1` starts.
    fn glued(&self, i: usize) -> bool {
        match (self.tok(i), self.tok(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }
    fn cap(&self, i: usize) -> bool {
        self.s(i).chars().next().is_some_and(char::is_uppercase)
    }
    fn span(&self, a: usize, b_excl: usize) -> Span {
        let s = self.toks.get(a).map_or(0, |t| t.start);
        let e = self.toks.get(b_excl.wrapping_sub(1)).map_or(s, |t| t.end);
        Span::new(s, e.max(s))
    }
    fn int(&self, i: usize) -> Option<i64> {
        if self.kind(i)? != Kind::Num {
            return None;
        }
        let s = self.s(i);
        if s.len() > 9 {
            return None;
        }
        s.parse().ok()
    }
    fn raw(&self, a: usize, end: usize, expr: Expr) -> Option<(Raw, usize)> {
        Some((
            Raw {
                span: self.span(a, end),
                expr,
                zone: None,
                tense: None,
                modifier: None,
            },
            end,
        ))
    }

    /// A zone phrase right after an expression ("(Indian time)", "GMT"): sets the zone
    /// and returns where scanning resumes. The zone is not part of the extent.
    fn zone(&self, end: usize, raw: &mut Raw) -> usize {
        if !is_dateish(&raw.expr) {
            return end;
        }
        let paren = self.punct(end, "(");
        let j = if paren { end + 1 } else { end };
        if self.kind(j) != Some(Kind::Word) {
            return end;
        }
        for ph in self.lx.phrases(self.s(j)) {
            let PhraseKind::Zone(z) = ph.kind else {
                continue;
            };
            if let Some(k) = self.match_phrase(j, &ph.toks, ph.exact_case) {
                if paren && !self.punct(k, ")") {
                    continue;
                }
                raw.zone = Some(z);
                return if paren { k + 1 } else { k };
            }
        }
        end
    }

    fn match_phrase(&self, i: usize, toks: &[&str], exact: bool) -> Option<usize> {
        for (k, w) in toks.iter().enumerate() {
            let s = self.s(i + k);
            let ok = if exact {
                s == *w
            } else {
                s.eq_ignore_ascii_case(w)
            };
            if !ok {
                return None;
            }
        }
        Some(i + toks.len())
    }

    /// The rule that matches at token `i`, with the index after it.
    fn at(&self, i: usize) -> Option<(Raw, usize)> {
        match self.kind(i)? {
            Kind::Num => self.numeric(i),
            Kind::Punct => None,
            Kind::Word => self.wordy(i),
        }
    }

    fn wordy(&self, i: usize) -> Option<(Raw, usize)> {
        if let Some(r) = self.phrase(i) {
            return Some(r);
        }
        // "Q2 2025"
        if self.s(i) == "Q"
            && self.glued(i)
            && let Some(q) = self.int(i + 1).filter(|q| (1..=4).contains(q))
        {
            let (year, end) = self.year_after(i + 2, true);
            return self.raw(i, end, Expr::Quarter { q: q as i8, year });
        }
        let info = self.word(i)?;
        if info.set_quant
            && let Some(r) = self.set(i)
        {
            return Some(r);
        }
        if let Some(v) = info.set_freq {
            return self.raw(i, i + 1, Expr::Set(v.to_string()));
        }
        if let Some(pos) = info.pos
            && let Some(r) = self.positioned(i, pos)
        {
            return Some(r);
        }
        if let Some(rel) = info.rel
            && let Some(r) = self.relative(i, rel)
        {
            return Some(r);
        }
        if info.weekday.is_some()
            && self.cap(i)
            && !self.holiday_prefix(i)
            && let Some(r) = self.weekday(i)
        {
            return Some(r);
        }
        if info.month.is_some()
            && self.cap(i)
            && let Some(r) = self.month(i)
        {
            return Some(r);
        }
        if let Some(season) = info.season
            && let Some(r) = self.season(i, season, Dir::Tense)
        {
            return Some(r);
        }
        if let Some((h, m)) = info.clock {
            return self.raw(
                i,
                i + 1,
                Expr::Cal(Cal {
                    clock: Some(Clock {
                        hour: h,
                        minute: Some(m),
                    }),
                    ..cal(None, Dir::Tense)
                }),
            );
        }
        if let Some(n) = info.number {
            if n.kind == NumKind::Ord
                && let Some(r) = self.ordinal_quarter(i, n.value)
            {
                return Some(r);
            }
            if let Some(r) = self.amount_led(i, None) {
                return Some(r);
            }
        }
        if let Some(a) = info.approx
            && let Some((mut r, e)) = self.amount_led(i + 1, None)
        {
            r.span.start = self.toks[i].start;
            r.modifier = Some(a);
            return Some((r, e));
        }
        if let Some(u) = info.unit {
            return self.bare_units(i, u);
        }
        // "on Fridays": a set of weekdays.
        let s = self.s(i);
        if self.cap(i)
            && s.len() > 4
            && s.ends_with('s')
            && self.is(i.wrapping_sub(1), "on")
            && let Some((wd, false)) = self.lx.info(&s[..s.len() - 1]).and_then(|w| w.weekday)
        {
            let v = format!("XXXX-WXX-{}", wd.to_monday_one_offset());
            return self.raw(i, i + 1, Expr::Set(v));
        }
        None
    }

    fn phrase(&self, i: usize) -> Option<(Raw, usize)> {
        for ph in self.lx.phrases(self.s(i)) {
            let Some(end) = self.match_phrase(i, &ph.toks, ph.exact_case) else {
                continue;
            };
            match ph.kind {
                PhraseKind::Zone(_) => continue,
                PhraseKind::Approx(m) => {
                    if let Some((mut r, e)) = self.amount_led(end, None) {
                        r.span.start = self.toks[i].start;
                        r.modifier = Some(m);
                        return Some((r, e));
                    }
                }
                PhraseKind::Relative(RelKind::Ref(v)) => {
                    // "in the past three years" is a duration, not PAST_REF.
                    let next = self.word(end);
                    if self.kind(end) == Some(Kind::Num)
                        || next.is_some_and(|w| w.number.is_some() || w.unit.is_some())
                    {
                        continue;
                    }
                    return self.raw(i, end, Expr::Ref(v));
                }
                PhraseKind::Relative(RelKind::Day(d)) => {
                    let (part, e) = self.part_after(end);
                    return self.raw(i, e, Expr::RelDay { days: d, part });
                }
                PhraseKind::Relative(RelKind::Night(d)) => {
                    let part = self.lx.info("night").and_then(|w| w.part);
                    return self.raw(i, end, Expr::RelDay { days: d, part });
                }
                PhraseKind::Anaphor { days, part } => {
                    return self.raw(i, end, Expr::Anaphor { days, part });
                }
                PhraseKind::Holiday { rule, weekend } => {
                    // "Easter Sunday, April 5, 2015": the date written out wins.
                    let j = if self.punct(end, ",") { end + 1 } else { end };
                    if let Some((e, m, d, y)) =
                        self.month_day_year(j).or_else(|| self.day_month_year(j))
                    {
                        let c = Cal {
                            year: y,
                            month: Some(m),
                            day: d,
                            ..cal(None, Dir::Tense)
                        };
                        return self.raw(i, e, Expr::Cal(c));
                    }
                    // "Christmas 2010": that year's.
                    if let (Some(y), e) = self.year_after(end, false)
                        && !weekend
                        && let Some(date) = rule.date_in(y)
                    {
                        let c = Cal {
                            year: Some(y),
                            month: Some(date.month()),
                            day: Some(date.day()),
                            ..cal(None, Dir::Tense)
                        };
                        return self.raw(i, e, Expr::Cal(c));
                    }
                    return self.raw(i, end, Expr::Holiday { rule, weekend });
                }
            }
        }
        None
    }

    fn part_after(&self, j: usize) -> (Option<Part>, usize) {
        match self.word(j).and_then(|w| w.part) {
            Some(p) => (Some(p), j + 1),
            None => (None, j),
        }
    }

    fn set(&self, i: usize) -> Option<(Raw, usize)> {
        let j = i + 1;
        let s = self.s(j);
        if s.eq_ignore_ascii_case("season") {
            // A season is a quarter of the year.
            return self.raw(i, j + 1, Expr::Set("P3M".to_string()));
        }
        let w = self.word(j)?;
        let v = if let Some(u) = w.unit {
            if u.code == "WE" {
                "XXXX-WXX-WE".to_string()
            } else if u.code == "FN" {
                "P2W".to_string()
            } else if u.clock {
                format!("PT1{}", u.code)
            } else {
                format!("P1{}", u.code)
            }
        } else if let Some((wd, false)) = w.weekday {
            format!("XXXX-WXX-{}", wd.to_monday_one_offset())
        } else if let Some(season) = w.season {
            format!("XXXX-{}", season.code)
        } else if let Some(p) = w.part {
            format!("XXXX-XX-XXT{}", p.code)
        } else {
            return None;
        };
        self.raw(i, j + 1, Expr::Set(v))
    }

    /// early/mid/late + an expression ("early Wednesday", "mid-May", "late last year",
    /// "earlier this month"); "end"/"beginning"/"middle" need "of".
    fn positioned(&self, i: usize, pos: &'static str) -> Option<(Raw, usize)> {
        let s = self.s(i);
        let needs_of = ["end", "beginning", "middle"]
            .iter()
            .any(|w| s.eq_ignore_ascii_case(w));
        let mut j = i + 1;
        if needs_of {
            if !self.is(j, "of") {
                return None;
            }
            j += 1;
        } else if self.punct(j, "-") {
            j += 1;
        }
        let (mut r, e) = match self.kind(j)? {
            Kind::Num => self.numeric(j)?,
            Kind::Word => {
                let w = self.word(j)?;
                if let Some(rel) = w.rel {
                    self.relative(j, rel)?
                } else if w.weekday.is_some() && self.cap(j) {
                    self.weekday(j)?
                } else if w.month.is_some() && self.cap(j) {
                    self.month_after_pos(j)?
                } else if let Some(season) = w.season {
                    self.season(j, season, Dir::Tense)?
                } else if w.tense.is_none() {
                    // "earlier today", "later today" are lexicon phrases; "early
                    // yesterday" etc. come here.
                    let (r, e) = self.phrase(j)?;
                    if !matches!(r.expr, Expr::RelDay { .. }) {
                        return None;
                    }
                    (r, e)
                } else {
                    return None;
                }
            }
            Kind::Punct => return None,
        };
        match r.expr {
            Expr::Duration(_) | Expr::Set(_) | Expr::Ref(_) | Expr::Anaphor { .. } => None,
            Expr::Cal(Cal { clock: Some(_), .. }) => None,
            _ => {
                r.span.start = self.toks[i].start;
                r.modifier = Some(pos);
                Some((r, e))
            }
        }
    }

    /// A month after early/mid/late: the bare name is enough ("mid-May").
    fn month_after_pos(&self, j: usize) -> Option<(Raw, usize)> {
        if let Some(r) = self.month(j) {
            return Some(r);
        }
        let (m, kind) = self.word(j)?.month?;
        if kind == MonthKind::Abbr {
            return None;
        }
        self.raw(
            j,
            j + 1,
            Expr::Cal(Cal {
                month: Some(m),
                ..cal(None, Dir::Tense)
            }),
        )
    }

    /// last/next/this/past/coming/following + unit, weekday, month, season or amount.
    fn relative(&self, i: usize, rel: Rel) -> Option<(Raw, usize)> {
        let j = i + 1;
        let dir = match rel {
            Rel::Offset(n) if n < 0 => Dir::Before,
            Rel::Offset(n) if n > 0 => Dir::After,
            Rel::Offset(_) => Dir::This,
            Rel::Past => Dir::Before,
            Rel::Following => Dir::Following,
        };
        if self.kind(j) == Some(Kind::Num) {
            if matches!(rel, Rel::Offset(0)) {
                return None;
            }
            return self.amount_led(j, Some(i));
        }
        let w = self.word(j)?;
        if let Some(u) = w.unit {
            let plural = self.s(j).ends_with('s');
            if plural {
                return None;
            }
            let expr = match rel {
                Rel::Past => Expr::Duration(duration_value(u, &Amount::N(1))),
                Rel::Following => {
                    if u.clock {
                        return None;
                    }
                    Expr::RelUnit {
                        unit: u,
                        n: 1,
                        from_focus: true,
                    }
                }
                Rel::Offset(n) => {
                    if u.clock || u.code == "D" || u.code == "FN" {
                        return None;
                    }
                    Expr::RelUnit {
                        unit: u,
                        n: n as i64,
                        from_focus: false,
                    }
                }
            };
            return self.raw(i, j + 1, expr);
        }
        if let Some((wd, _)) = w.weekday {
            if !self.cap(j) {
                return None;
            }
            let (part, e) = self.part_after(j + 1);
            return self.raw(
                i,
                e,
                Expr::Cal(Cal {
                    part,
                    ..cal(Some(wd), dir)
                }),
            );
        }
        if let Some((m, kind)) = w.month {
            if !self.cap(j) || kind == MonthKind::Abbr {
                return None;
            }
            return self.raw(
                i,
                j + 1,
                Expr::Cal(Cal {
                    month: Some(m),
                    ..cal(None, dir)
                }),
            );
        }
        if let Some(season) = w.season {
            return self.raw(
                i,
                j + 1,
                Expr::Season {
                    season,
                    year: None,
                    dir,
                },
            );
        }
        if let Some(p) = w.part {
            if rel == Rel::Offset(0) {
                return self.raw(
                    i,
                    j + 1,
                    Expr::RelDay {
                        days: 0,
                        part: Some(p),
                    },
                );
            }
            return None;
        }
        if w.number.is_some() && rel != Rel::Offset(0) {
            return self.amount_led(j, Some(i));
        }
        None
    }

    /// "Black Friday", "Good Friday": a capitalised prefix the weekday lexicon marks.
    fn holiday_prefix(&self, i: usize) -> bool {
        i > 0 && self.cap(i - 1) && self.word(i - 1).is_some_and(|w| w.weekday_block)
    }

    fn weekday(&self, i: usize) -> Option<(Raw, usize)> {
        let (wd, abbr) = self.word(i)?.weekday?;
        let mut j = i + 1;
        if abbr && self.punct(j, ".") && self.glued(i) {
            j += 1;
        }
        if self.punct(j, ",") {
            j += 1;
        }
        if let Some((end, m, d, y)) = self.month_day_year(j).or_else(|| self.day_month_year(j)) {
            return self.raw(
                i,
                end,
                Expr::Cal(Cal {
                    year: y,
                    month: Some(m),
                    day: d,
                    ..cal(Some(wd), Dir::Tense)
                }),
            );
        }
        if abbr {
            return None;
        }
        let (part, e) = self.part_after(i + 1);
        self.raw(
            i,
            e,
            Expr::Cal(Cal {
                part,
                ..cal(Some(wd), Dir::Tense)
            }),
        )
    }

    /// Month [.] day [st] [,] [year] | Month [of] year, starting at a month name.
    fn month_day_year(&self, i: usize) -> Option<(usize, i8, Option<i8>, Option<i16>)> {
        if !self.cap(i) {
            return None;
        }
        let (m, kind) = self.word(i)?.month?;
        let mut j = i + 1;
        if kind == MonthKind::Abbr && self.punct(j, ".") && self.glued(i) {
            j += 1;
        }
        if let Some(d) = self.day_number(j) {
            let mut e = j + 1;
            if self.ordinal_suffix(j) {
                e += 1;
            }
            let (year, end) = self.year_after(e, true);
            if !valid_day(year, m, d) {
                return None;
            }
            return Some((end, m, Some(d), year));
        }
        let k = if self.is(j, "of") { j + 1 } else { j };
        let (year, end) = self.year_after(k, true);
        year.map(|y| (end, m, None, Some(y)))
    }

    /// day [st] [of] Month [.] [,] [year], starting at the day number.
    fn day_month_year(&self, i: usize) -> Option<(usize, i8, Option<i8>, Option<i16>)> {
        let d = self.day_number(i)?;
        let mut j = i + 1;
        if self.ordinal_suffix(i) {
            j += 1;
        }
        if self.is(j, "of") {
            j += 1;
        }
        if !self.cap(j) {
            return None;
        }
        let (m, kind) = self.word(j)?.month?;
        let mut e = j + 1;
        if kind == MonthKind::Abbr && self.punct(e, ".") && self.glued(j) {
            e += 1;
        }
        let (year, end) = self.year_after(e, true);
        if !valid_day(year, m, d) {
            return None;
        }
        Some((end, m, Some(d), year))
    }

    /// A day-of-month number at `i` (1..=31) that is not part of a time, decimal or
    /// larger number.
    fn day_number(&self, i: usize) -> Option<i8> {
        let s = self.s(i);
        if self.kind(i) != Some(Kind::Num) || s.len() > 2 {
            return None;
        }
        let d = self.int(i)?;
        if !(1..=31).contains(&d) {
            return None;
        }
        if self.glued(i) {
            let n = self.s(i + 1);
            if n == ":" || (n == "." && self.kind(i + 2) == Some(Kind::Num) && self.glued(i + 1)) {
                return None;
            }
            if n == "," && self.glued(i + 1) && self.kind(i + 2) == Some(Kind::Num) {
                return None;
            }
            if self.kind(i + 1) == Some(Kind::Word) && !self.ordinal_suffix(i) {
                return None;
            }
        }
        Some(d as i8)
    }

    fn ordinal_suffix(&self, i: usize) -> bool {
        self.glued(i)
            && self.kind(i + 1) == Some(Kind::Word)
            && ["st", "nd", "rd", "th"]
                .iter()
                .any(|s| self.s(i + 1).eq_ignore_ascii_case(s))
    }

    /// An optional [","] 4-digit year at `j`. Returns the year and the index after it
    /// (or `j` unchanged when there is none).
    fn year_after(&self, j: usize, comma: bool) -> (Option<i16>, usize) {
        let k = if comma && self.punct(j, ",") {
            j + 1
        } else {
            j
        };
        match self.plain_year(k) {
            Some(y) => (Some(y), k + 1),
            None => (None, j),
        }
    }

    /// A 4-digit number 1000..=2199 standing alone (not "2,000", "2017.5", "2017abc").
    fn plain_year(&self, k: usize) -> Option<i16> {
        if self.kind(k)? != Kind::Num || self.s(k).len() != 4 {
            return None;
        }
        let y = self.int(k)?;
        if !(1000..=2199).contains(&y) {
            return None;
        }
        if self.glued(k) {
            let n = self.s(k + 1);
            let num_next = self.kind(k + 2) == Some(Kind::Num) && self.glued(k + 1);
            if (matches!(n, "," | "." | ":") && num_next) || n == "%" {
                return None;
            }
            if self.kind(k + 1) == Some(Kind::Word) && n != "s" {
                return None;
            }
        }
        if k > 0 && self.glued(k - 1) {
            let p = self.s(k - 1);
            if self.kind(k - 1) != Some(Kind::Punct) || matches!(p, "$" | "£" | "€" | "#" | "¥")
            {
                return None;
            }
            if matches!(p, "," | ".") && k > 1 && self.kind(k - 2) == Some(Kind::Num) {
                return None;
            }
        }
        Some(y as i16)
    }

    fn month(&self, i: usize) -> Option<(Raw, usize)> {
        let (m, kind) = self.word(i)?.month?;
        if let Some((end, m, d, y)) = self.month_day_year(i) {
            return self.raw(
                i,
                end,
                Expr::Cal(Cal {
                    year: y,
                    month: Some(m),
                    day: d,
                    ..cal(None, Dir::Tense)
                }),
            );
        }
        let bare_ok = match kind {
            MonthKind::Abbr => false,
            MonthKind::Full => !(self.kind(i + 1) == Some(Kind::Word) && self.cap(i + 1)),
            MonthKind::Ambig => {
                i > 0
                    && self.kind(i - 1) == Some(Kind::Word)
                    && !self.cap(i - 1)
                    && self.word(i - 1).is_some_and(|w| w.year_before)
            }
        };
        if !bare_ok {
            return None;
        }
        self.raw(
            i,
            i + 1,
            Expr::Cal(Cal {
                month: Some(m),
                ..cal(None, Dir::Tense)
            }),
        )
    }

    fn season(&self, i: usize, season: Season, dir: Dir) -> Option<(Raw, usize)> {
        let k = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
        let (year, end) = self.year_after(k, false);
        if year.is_none() && (season.ambig || self.cap(i) && i > 0 && self.cap(i - 1)) {
            return None;
        }
        let end = if year.is_some() { end } else { i + 1 };
        self.raw(i, end, Expr::Season { season, year, dir })
    }

    /// "the second quarter [of 2025]"
    fn ordinal_quarter(&self, i: usize, n: Option<i64>) -> Option<(Raw, usize)> {
        let q = n.filter(|q| (1..=4).contains(q))?;
        let u = self.word(i + 1)?.unit?;
        if u.code != "Q" || self.s(i + 1).ends_with('s') {
            return None;
        }
        let k = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
        let (year, end) = self.year_after(k, false);
        let end = if year.is_some() { end } else { i + 2 };
        self.raw(i, end, Expr::Quarter { q: q as i8, year })
    }

    fn numeric(&self, i: usize) -> Option<(Raw, usize)> {
        // Glued to a word before ("A320", "B-52" is fine) or part of a bigger number.
        if i > 0 && self.glued(i - 1) {
            let p = self.s(i - 1);
            if self.kind(i - 1) == Some(Kind::Word)
                || matches!(p, "$" | "£" | "€" | "#" | "¥" | "+")
                || (matches!(p, "," | "." | ":" | "/")
                    && i > 1
                    && self.kind(i - 2) == Some(Kind::Num))
            {
                return None;
            }
        }
        if let Some(r) = self.iso_date(i).or_else(|| self.slash_date(i)) {
            return Some(r);
        }
        if let Some(r) = self.time(i) {
            return Some(r);
        }
        if let Some((end, m, d, y)) = self.day_month_year(i) {
            return self.raw(
                i,
                end,
                Expr::Cal(Cal {
                    year: y,
                    month: Some(m),
                    day: d,
                    ..cal(None, Dir::Tense)
                }),
            );
        }
        if let Some(y) = self.plain_year(i) {
            // The 1990s / 1990's
            if y % 10 == 0 {
                let s_at = if self.apostrophe(i + 1) && self.glued(i) {
                    i + 2
                } else {
                    i + 1
                };
                if self.s(s_at) == "s" && self.glued(s_at - 1) {
                    return self.raw(i, s_at + 1, Expr::Decade(y / 10));
                }
            }
            if let Some(r) = self.amount_led(i, None) {
                return Some(r);
            }
            if self.year_context(i, y) {
                return self.raw(
                    i,
                    i + 1,
                    Expr::Cal(Cal {
                        year: Some(y),
                        ..cal(None, Dir::Tense)
                    }),
                );
            }
            return None;
        }
        self.amount_led(i, None)
    }

    fn year_context(&self, i: usize, y: i16) -> bool {
        if self
            .word(i + 1)
            .is_some_and(|w| w.year_count || w.unit.is_some())
        {
            return false;
        }
        if i > 0 && self.word(i - 1).is_some_and(|w| w.year_before) {
            return true;
        }
        if !(1900..=2099).contains(&y) {
            return false;
        }
        !self
            .word(i + 1)
            .is_some_and(|w| w.year_count || w.unit.is_some())
    }

    fn iso_date(&self, i: usize) -> Option<(Raw, usize)> {
        if self.s(i).len() != 4 || !self.punct(i + 1, "-") || !self.punct(i + 3, "-") {
            return None;
        }
        if !(i..i + 4).all(|k| self.glued(k))
            || self.s(i + 2).len() != 2
            || self.s(i + 4).len() != 2
        {
            return None;
        }
        let (y, m, d) = (self.int(i)?, self.int(i + 2)?, self.int(i + 4)?);
        let (y, m, d) = (i16::try_from(y).ok()?, m as i8, d as i8);
        if !valid_day(Some(y), m, d) {
            return None;
        }
        self.raw(
            i,
            i + 5,
            Expr::Cal(Cal {
                year: Some(y),
                month: Some(m),
                day: Some(d),
                ..cal(None, Dir::Tense)
            }),
        )
    }

    /// 05/10/2025 (US order; day first when the first number exceeds 12), also with dots.
    fn slash_date(&self, i: usize) -> Option<(Raw, usize)> {
        let sep = self.s(i + 1);
        if !matches!(sep, "/" | ".") || self.s(i + 3) != sep || !(i..i + 4).all(|k| self.glued(k)) {
            return None;
        }
        if self.s(i).len() > 2 || self.s(i + 2).len() > 2 {
            return None;
        }
        let (a, b, ys) = (self.int(i)?, self.int(i + 2)?, self.s(i + 4));
        let y = match ys.len() {
            4 => self.int(i + 4)?,
            2 if sep == "/" => {
                let yy = self.int(i + 4)?;
                if yy < 50 { 2000 + yy } else { 1900 + yy }
            }
            _ => return None,
        };
        let (m, d) = if sep == "." || a > 12 { (b, a) } else { (a, b) };
        let (y, m, d) = (y as i16, m as i8, d as i8);
        if !valid_day(Some(y), m, d) || self.glued(i + 4) && self.kind(i + 5) == Some(Kind::Num) {
            return None;
        }
        self.raw(
            i,
            i + 5,
            Expr::Cal(Cal {
                year: Some(y),
                month: Some(m),
                day: Some(d),
                ..cal(None, Dir::Tense)
            }),
        )
    }

    /// 9:03am, 3 p.m., 15:00, 1500 GMT, 7 o'clock.
    fn time(&self, i: usize) -> Option<(Raw, usize)> {
        let h = self.int(i)?;
        let mut j = i + 1;
        let mut minute = None;
        if self.punct(j, ":") && self.glued(i) && self.glued(j) && self.s(j + 1).len() == 2 {
            let m = self.int(j + 1)?;
            if m > 59
                || self.glued(j + 1)
                    && matches!(self.s(j + 2), ":" | ".")
                    && self.kind(j + 3) == Some(Kind::Num)
            {
                return None;
            }
            minute = Some(m as i8);
            j += 2;
        } else if self.punct(j, ".") && self.glued(i) && self.glued(j) && self.s(j + 1).len() == 2 {
            // British "11.30 p.m.": only with a meridian, so decimals stay numbers.
            if let (Some(m), (Some(_), _)) = (self.int(j + 1), self.meridian(j + 2))
                && m <= 59
            {
                minute = Some(m as i8);
                j += 2;
            }
        }
        let (meridian, e) = self.meridian(j);
        let hour = match meridian {
            Some(pm) => {
                if !(1..=12).contains(&h) {
                    return None;
                }
                (h % 12) as i8 + if pm { 12 } else { 0 }
            }
            None => {
                if minute.is_some() {
                    if h > 23 {
                        return None;
                    }
                    h as i8
                } else if self.is(j, "o") && self.apostrophe(j + 1) && self.is(j + 2, "clock") {
                    if !(1..=12).contains(&h) {
                        return None;
                    }
                    return self.raw(i, j + 3, clock_expr(h as i8, None));
                } else if self.s(i).len() == 4
                    && h % 100 < 60
                    && h / 100 < 24
                    && self.zone_follows(j)
                {
                    // "1500 GMT"
                    return self.raw(i, j, clock_expr((h / 100) as i8, Some((h % 100) as i8)));
                } else {
                    return None;
                }
            }
        };
        self.raw(i, e, clock_expr(hour, minute))
    }

    fn zone_follows(&self, j: usize) -> bool {
        let k = if self.punct(j, "(") { j + 1 } else { j };
        self.lx.phrases(self.s(k)).iter().any(|p| {
            matches!(p.kind, PhraseKind::Zone(_))
                && self.match_phrase(k, &p.toks, p.exact_case).is_some()
        })
    }

    /// am / pm / a.m. / p.m. at `j`: (Some(is_pm), index after).
    fn meridian(&self, j: usize) -> (Option<bool>, usize) {
        let s = self.s(j);
        if s.eq_ignore_ascii_case("am") || s.eq_ignore_ascii_case("pm") {
            return (Some(s.eq_ignore_ascii_case("pm")), j + 1);
        }
        if (s.eq_ignore_ascii_case("a") || s.eq_ignore_ascii_case("p"))
            && self.punct(j + 1, ".")
            && self.is(j + 2, "m")
            && self.glued(j)
            && self.glued(j + 1)
        {
            let e = if self.punct(j + 3, ".") && self.glued(j + 2) {
                j + 4
            } else {
                j + 3
            };
            return (Some(s.eq_ignore_ascii_case("p")), e);
        }
        (None, j)
    }

    /// An amount at `i` (digits or number words), then a unit: a duration, or with
    /// "ago" a date before the anchor, or with "later"/"earlier" a date from the focus.
    /// `from` is the start token when a modifier ("past", "next") precedes.
    fn amount_led(&self, i: usize, from: Option<usize>) -> Option<(Raw, usize)> {
        let (amount, mut j, article) = self.amount(i)?;
        let mut hyphen = false;
        if self.punct(j, "-") && self.glued(j - 1) && self.glued(j) {
            j += 1;
            hyphen = true;
        }
        let u = self.word(j)?.unit?;
        if self.kind(j) != Some(Kind::Word) {
            return None;
        }
        // "a second time", "one second"-as-ordinal: keep seconds for real numbers.
        if u.code == "S" && u.clock && (article || matches!(amount, Amount::N(1))) {
            return None;
        }
        let start = from.unwrap_or(i);
        let end = j + 1;
        if !hyphen && from.is_none() {
            let next = self.s(end);
            let n = match amount {
                Amount::N(n) => Some(n),
                _ => None,
            };
            if next.eq_ignore_ascii_case("ago") {
                let expr = match (n, u.clock) {
                    (Some(n), false) if u.code != "WE" => Expr::RelUnit {
                        unit: u,
                        n: -n,
                        from_focus: false,
                    },
                    _ => Expr::Ref("PAST_REF"),
                };
                return self.raw(start, end + 1, expr);
            }
            if (next.eq_ignore_ascii_case("later") || next.eq_ignore_ascii_case("earlier"))
                && let (Some(n), false) = (n, u.clock)
            {
                let sign = if next.eq_ignore_ascii_case("later") {
                    1
                } else {
                    -1
                };
                return self.raw(
                    start,
                    end + 1,
                    Expr::RelUnit {
                        unit: u,
                        n: sign * n,
                        from_focus: true,
                    },
                );
            }
        }
        self.raw(start, end, Expr::Duration(duration_value(u, &amount)))
    }

    /// (amount, index after, was an article "a"/"an").
    fn amount(&self, i: usize) -> Option<(Amount, usize, bool)> {
        if self.kind(i)? == Kind::Num {
            let mut j = i + 1;
            // 1.5 / 2,000
            if self.punct(j, ".")
                && self.glued(i)
                && self.glued(j)
                && self.kind(j + 1) == Some(Kind::Num)
            {
                let t = self.toks.get(i..j + 2)?;
                let s = self.text.get(t[0].start..t[2].end)?;
                return Some((Amount::Dec(s.to_string()), j + 2, false));
            }
            let mut n = self.int(i)?;
            while self.punct(j, ",")
                && self.glued(j - 1)
                && self.glued(j)
                && self.s(j + 1).len() == 3
            {
                n = n.checked_mul(1000)?.checked_add(self.int(j + 1)?)?;
                j += 2;
            }
            return Some((Amount::N(n), j, false));
        }
        let w = self.word(i)?.number?;
        match w.kind {
            NumKind::Ord => None,
            NumKind::Article => {
                // "a few days", "a couple of weeks", "a dozen years"
                if let Some(n2) = self.word(i + 1).and_then(|w| w.number) {
                    if n2.kind == NumKind::Vague || self.is(i + 1, "dozen") {
                        let j = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                        let a = n2.value.map_or(Amount::X, Amount::N);
                        return Some((a, j, false));
                    }
                    return None;
                }
                Some((Amount::N(1), i + 1, true))
            }
            NumKind::Vague => {
                let j = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
                Some((w.value.map_or(Amount::X, Amount::N), j, false))
            }
            NumKind::Card => {
                let mut n = w.value?;
                let mut j = i + 1;
                // twenty-five
                if (20..100).contains(&n)
                    && self.punct(j, "-")
                    && let Some(u) = self
                        .word(j + 1)
                        .and_then(|w| w.number)
                        .and_then(|x| x.value)
                    && (1..10).contains(&u)
                {
                    n += u;
                    j += 2;
                }
                Some((Amount::N(n), j, false))
            }
        }
    }

    /// Bare plural units: "decades" (always), "for years", "years ago".
    fn bare_units(&self, i: usize, u: Unit) -> Option<(Raw, usize)> {
        let s = self.s(i);
        if !s.ends_with('s') || u.code == "WE" || u.code == "FN" || u.code == "Q" {
            return None;
        }
        if self.is(i + 1, "ago") {
            return self.raw(i, i + 2, Expr::Ref("PAST_REF"));
        }
        let prev_ok = i > 0 && ["for", "over", "within"].iter().any(|w| self.is(i - 1, w));
        if prev_ok || matches!(u.code, "DE" | "CE") {
            return self.raw(i, i + 1, Expr::Duration(duration_value(u, &Amount::X)));
        }
        None
    }
}

fn clock_expr(hour: i8, minute: Option<i8>) -> Expr {
    Expr::Cal(Cal {
        clock: Some(Clock { hour, minute }),
        ..cal(None, Dir::Tense)
    })
}

fn valid_day(year: Option<i16>, m: i8, d: i8) -> bool {
    // Without a year, allow Feb 29 (a leap year may be inferred).
    jiff::civil::Date::new(year.unwrap_or(2000), m, d).is_ok()
}

fn duration_value(u: Unit, a: &Amount) -> String {
    let (n, code) = match (u.code, a) {
        ("FN", Amount::N(n)) => (Some(n * 2), "W"),
        ("Q", Amount::N(n)) => (Some(n * 3), "M"),
        ("FN", _) => (None, "W"),
        ("Q", _) => (None, "M"),
        (c, Amount::N(n)) => (Some(*n), c),
        (c, _) => (None, c),
    };
    let n = match (n, a) {
        (Some(n), _) => n.to_string(),
        (None, Amount::Dec(s)) => s.clone(),
        _ => "X".to_string(),
    };
    if u.clock {
        format!("PT{n}{code}")
    } else {
        format!("P{n}{code}")
    }
}
