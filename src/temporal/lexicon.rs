//! The English lexicons under `rules/lexicon/time-*.tsv`, embedded at build time and
//! parsed once into word and phrase tables.

use foldhash::HashMap;
use foldhash::HashMapExt;
use std::sync::LazyLock;

use jiff::civil::Weekday;

use super::tokens::{lower, split};

macro_rules! lexicon_file {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/rules/lexicon/",
            $name
        ))
    };
}

const MONTHS: &str = lexicon_file!("time-months.tsv");
const WEEKDAYS: &str = lexicon_file!("time-weekdays.tsv");
const PARTS: &str = lexicon_file!("time-parts-of-day.tsv");
const CLOCK: &str = lexicon_file!("time-clock.tsv");
const ZONES: &str = lexicon_file!("time-zones.tsv");
const NUMBERS: &str = lexicon_file!("time-numbers.tsv");
const UNITS: &str = lexicon_file!("time-units.tsv");
const MODIFIERS: &str = lexicon_file!("time-modifiers.tsv");
const SEASONS: &str = lexicon_file!("time-seasons.tsv");
const RELATIVE: &str = lexicon_file!("time-relative.tsv");
const ANAPHORA: &str = lexicon_file!("time-anaphora.tsv");
const TENSE: &str = lexicon_file!("time-tense.tsv");
const SETS: &str = lexicon_file!("time-sets.tsv");
const YEARS: &str = lexicon_file!("time-years.tsv");
const HOLIDAYS: &str = lexicon_file!("time-holidays.tsv");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthKind {
    Full,
    Abbr,
    Ambig,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumKind {
    Card,
    Ord,
    Vague,
    Article,
}

#[derive(Clone, Copy, Debug)]
pub struct NumWord {
    /// `None` for a vague amount ("several").
    pub value: Option<i64>,
    pub kind: NumKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    pub code: &'static str,
    pub start_hour: i8,
    pub end_hour: i8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// TIMEX3 unit letter(s): D, W, M, Y, DE, CE, Q, WE, FN, H, S (M for minutes when `clock`).
    pub code: &'static str,
    pub clock: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    Offset(i8),
    Past,
    Following,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Season {
    pub code: &'static str,
    pub first_month: i8,
    pub ambig: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
}

/// Everything the lexicons say about one lower-case word.
#[derive(Clone, Debug, Default)]
pub struct WordInfo {
    pub month: Option<(i8, MonthKind)>,
    pub weekday: Option<(Weekday, bool)>,
    pub part: Option<Part>,
    pub clock: Option<(i8, i8)>,
    pub number: Option<NumWord>,
    pub unit: Option<Unit>,
    pub rel: Option<Rel>,
    pub pos: Option<&'static str>,
    pub approx: Option<&'static str>,
    pub set_quant: bool,
    pub set_freq: Option<&'static str>,
    pub season: Option<Season>,
    pub tense: Option<Tense>,
    pub year_before: bool,
    pub year_count: bool,
    pub weekday_block: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelKind {
    Day(i32),
    Night(i32),
    Ref(&'static str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhraseKind {
    /// An IANA zone name, or "LOCAL".
    Zone(&'static str),
    Relative(RelKind),
    Anaphor {
        days: i32,
        part: Option<Part>,
    },
    Approx(&'static str),
    /// A named day ("Christmas Eve"), or the weekend around it ("Easter weekend").
    Holiday {
        rule: super::holidays::Holiday,
        weekend: bool,
    },
}

#[derive(Clone, Debug)]
pub struct Phrase {
    pub toks: Vec<&'static str>,
    /// Match case exactly (zone abbreviations).
    pub exact_case: bool,
    pub kind: PhraseKind,
}

pub struct Lexicon {
    words: HashMap<&'static str, WordInfo>,
    phrases: HashMap<String, Vec<Phrase>>,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

/// The count a number word or numeral names, exactly: "a" and "one" are 1, "three" 3, "12"
/// 12; an ordinal or a vague amount ("several") is `None`.
pub fn count_word(word: &str) -> Option<i64> {
    if !word.is_empty() && word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok();
    }
    let n = LEXICON.info(word)?.number?;
    match n.kind {
        NumKind::Card | NumKind::Article => n.value,
        NumKind::Ord | NumKind::Vague => None,
    }
}

/// Every month name and abbreviation of `time-months.tsv` (lower case) with its number.
pub fn month_names() -> impl Iterator<Item = (&'static str, i8)> {
    rows(MONTHS).filter_map(|r| Some((r[0], num(r[1])?)))
}

fn rows(file: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    file.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
        .filter(|r| r.len() >= 2)
}

fn weekday_from(n: i8) -> Option<Weekday> {
    Weekday::from_monday_one_offset(n).ok()
}

fn col(r: &[&'static str], i: usize) -> &'static str {
    r.get(i).copied().unwrap_or("")
}

fn num<T: std::str::FromStr>(s: &str) -> Option<T> {
    s.parse().ok()
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut lx = Lexicon {
            words: HashMap::new(),
            phrases: HashMap::new(),
        };
        for r in rows(MONTHS) {
            let kind = match col(&r, 2) {
                "abbr" => MonthKind::Abbr,
                "ambig" => MonthKind::Ambig,
                _ => MonthKind::Full,
            };
            if let Some(m) = num(r[1]) {
                lx.word(r[0]).month = Some((m, kind));
            }
        }
        for r in rows(WEEKDAYS) {
            if col(&r, 2) == "block" {
                lx.word(r[0]).weekday_block = true;
                continue;
            }
            if let Some(w) = num(r[1]).and_then(weekday_from) {
                lx.word(r[0]).weekday = Some((w, col(&r, 2) == "abbr"));
            }
        }
        for r in rows(PARTS) {
            if let (Some(s), Some(e)) = (num(col(&r, 2)), num(col(&r, 3))) {
                lx.word(r[0]).part = Some(Part {
                    code: r[1],
                    start_hour: s,
                    end_hour: e,
                });
            }
        }
        for r in rows(CLOCK) {
            if let (Some(h), Some(m)) = (num(r[1]), num(col(&r, 2))) {
                lx.word(r[0]).clock = Some((h, m));
            }
        }
        for r in rows(NUMBERS) {
            let kind = match col(&r, 2) {
                "ord" => NumKind::Ord,
                "vague" => NumKind::Vague,
                "article" => NumKind::Article,
                _ => NumKind::Card,
            };
            lx.word(r[0]).number = Some(NumWord {
                value: num(r[1]),
                kind,
            });
        }
        for r in rows(UNITS) {
            lx.word(r[0]).unit = Some(Unit {
                code: r[1],
                clock: col(&r, 2) == "clock",
            });
        }
        for r in rows(MODIFIERS) {
            let (word, class, value) = (r[0], r[1], col(&r, 2));
            if word.contains(' ') {
                if class == "approx" {
                    lx.phrase(word, false, PhraseKind::Approx(value));
                }
                continue;
            }
            let w = lx.word(word);
            match class {
                "rel" => {
                    w.rel = match value {
                        "past" => Some(Rel::Past),
                        "following" => Some(Rel::Following),
                        v => num(v).map(Rel::Offset),
                    }
                }
                "pos" => w.pos = Some(value),
                "approx" => w.approx = Some(value),
                "set" => w.set_quant = true,
                _ => {}
            }
        }
        for r in rows(SEASONS) {
            if let Some(m) = num(col(&r, 2)) {
                lx.word(r[0]).season = Some(Season {
                    code: r[1],
                    first_month: m,
                    ambig: col(&r, 3) == "ambig",
                });
            }
        }
        for r in rows(RELATIVE) {
            let kind = match (r[1], col(&r, 2)) {
                ("day", v) => num(v).map(RelKind::Day),
                ("night", v) => num(v).map(RelKind::Night),
                ("ref", v) => Some(RelKind::Ref(v)),
                _ => None,
            };
            if let Some(k) = kind {
                lx.phrase(r[0], false, PhraseKind::Relative(k));
            }
        }
        for r in rows(ANAPHORA) {
            let part = Self::part_by_code(col(&r, 2));
            if let Some(days) = num(r[1]) {
                lx.phrase(r[0], false, PhraseKind::Anaphor { days, part });
            }
        }
        for r in rows(HOLIDAYS) {
            if let Some(rule) = super::holidays::Holiday::parse(col(&r, 1)) {
                let weekend = col(&r, 2) == "weekend";
                lx.phrase(r[0], false, PhraseKind::Holiday { rule, weekend });
            }
        }
        for r in rows(ZONES) {
            lx.phrase(r[0], col(&r, 2) == "upper", PhraseKind::Zone(r[1]));
        }
        for r in rows(TENSE) {
            lx.word(r[0]).tense = match r[1] {
                "FUTURE" => Some(Tense::Future),
                "PAST" => Some(Tense::Past),
                _ => None,
            };
        }
        for r in rows(SETS) {
            lx.word(r[0]).set_freq = Some(r[1]);
        }
        for r in rows(YEARS) {
            match r[1] {
                "before" => lx.word(r[0]).year_before = true,
                "count" => lx.word(r[0]).year_count = true,
                _ => {}
            }
        }
        for list in lx.phrases.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.toks.len()));
        }
        lx
    }

    fn part_by_code(code: &str) -> Option<Part> {
        rows(PARTS).find(|r| r[1] == code).and_then(|r| {
            Some(Part {
                code: r[1],
                start_hour: num(col(&r, 2))?,
                end_hour: num(col(&r, 3))?,
            })
        })
    }

    fn word(&mut self, w: &'static str) -> &mut WordInfo {
        self.words.entry(w).or_default()
    }

    fn phrase(&mut self, p: &'static str, exact_case: bool, kind: PhraseKind) {
        let toks = split(p);
        let Some(first) = toks.first() else { return };
        let key = first.to_ascii_lowercase();
        self.phrases.entry(key).or_default().push(Phrase {
            toks,
            exact_case,
            kind,
        });
    }

    /// What the lexicons know about a word (any case).
    pub fn info(&self, word: &str) -> Option<&WordInfo> {
        let mut buf = [0u8; 32];
        self.words.get(lower(word, &mut buf)?)
    }

    /// Phrases starting with this token (any case), longest first.
    pub fn phrases(&self, first: &str) -> &[Phrase] {
        let mut buf = [0u8; 32];
        lower(first, &mut buf)
            .and_then(|k| self.phrases.get(k))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}
