//! Temporal expression tagging and normalisation for news text, in the manner of
//! HeidelTime's news strategy: expressions are found by a rule grammar over a token
//! stream (words looked up once in the `rules/lexicon/time-*.tsv` lexicons), then
//! normalised to TIMEX3 values against the document date, the tense of the clause
//! and the date in focus.
//!
//! Module map: [`tokens`] splits text; [`lexicon`] loads the word lists;
//! [`patterns`] is the grammar; [`tense`] finds tense cues; [`resolve`] computes
//! values; [`zones`] handles time zones and UTC intervals; [`compare`] decides
//! whether two expressions may denote the same time.
//!
//! UTC intervals: a date is the day `[00:00, 24:00)` on the wall clock of its zone:
//! the zone phrase attached to it ("(Indian time)", "GMT"), else the date in focus's
//! zone for anaphora, else the anchor's zone, else UTC (`tz` stays `None` then). So
//! "Saturday (Indian time)" and "Friday (US time)" overlap over Friday evening in
//! New York, while two zone-less days never overlap unless they are the same day.

mod compare;
mod holidays;
mod lexicon;
pub use lexicon::{count_word, month_names};

/// Whether `lower` (lower case) is a word of the temporal lexicons (a weekday, a month, a
/// unit or modifier of time).
pub fn is_time_word(lower: &str) -> bool {
    lexicon::LEXICON.info(lower).is_some()
}

/// Whether `word`, as written, is a month's name or abbreviation ("Sep", "March").
pub fn is_month(word: &str) -> bool {
    lexicon::LEXICON
        .info(word)
        .is_some_and(|i| i.month.is_some())
}

/// Whether `word`, as written, is a time zone's abbreviation in capitals ("CDT", "GMT").
pub fn is_zone_abbreviation(word: &str) -> bool {
    word.len() >= 2
        && word.bytes().all(|b| b.is_ascii_uppercase())
        && lexicon::LEXICON
            .phrases(word)
            .iter()
            .any(|p| p.toks.len() == 1 && matches!(p.kind, lexicon::PhraseKind::Zone(_)))
}
mod patterns;
mod resolve;
mod tense;
mod tokens;
mod zones;

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use serde::{Serialize, Serializer};

use crate::span::Span;
use crate::tokens::Streams;

pub use compare::compatible;

/// What an expression is resolved against.
#[derive(Clone, Debug, Default)]
pub struct Anchor {
    /// Document creation/publication date (DCT); `None` = unknown.
    pub date: Option<Date>,
    /// The document's default IANA zone if known, else `None`.
    pub tz: Option<String>,
    /// A year inferred from the bundle, used when `date` is `None`.
    pub year_hint: Option<i16>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    /// As serialised: `DATE`, `TIME`, `DURATION`, `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A UTC interval `[start, end)`; serialises as two RFC 3339 strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UtcInterval {
    pub start: Timestamp,
    pub end: Timestamp,
}

impl UtcInterval {
    pub fn overlaps(&self, other: &UtcInterval) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl Serialize for UtcInterval {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start.to_string(), self.end.to_string()].serialize(s)
    }
}

/// One tagged temporal expression (TIMEX3).
#[derive(Clone, Debug, Serialize)]
pub struct Timex {
    /// Byte span of the TimeML extent ("Thursday", not "on Thursday"; a trailing zone
    /// phrase is not part of it).
    #[serde(serialize_with = "ser_span")]
    pub span: Span,
    #[serde(rename = "type")]
    pub ty: TimexType,
    /// TIMEX3 value: "2025-05-08", "2025-W19", "2025-05-08TNI", "P1M", "PAST_REF",
    /// "XXXX-WXX-4"...
    pub value: String,
    /// The interval in UTC for dates and times; `None` for durations, sets, references
    /// and anything unresolved.
    pub utc: Option<UtcInterval>,
    /// The IANA zone applied, if any.
    pub tz: Option<String>,
    /// The text states a zone for it ("(US time)", "local time"), directly or through
    /// the date it refers back to.
    #[serde(skip)]
    pub zone_stated: bool,
    /// The weekday the text names, if any.
    #[serde(serialize_with = "ser_weekday")]
    pub weekday: Option<Weekday>,
    /// The year came from the anchor or the bundle, not from the text.
    pub year_inferred: bool,
    /// The expression refers back to the date in focus ("the same day").
    pub in_focus: bool,
    /// TIMEX3 `mod` (START, MID, END, APPROX, LESS_THAN, MORE_THAN...).
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
}

fn ser_span<S: Serializer>(span: &Span, s: S) -> Result<S::Ok, S::Error> {
    serde_json::json!({"start": span.start, "end": span.end}).serialize(s)
}

fn ser_weekday<S: Serializer>(w: &Option<Weekday>, s: S) -> Result<S::Ok, S::Error> {
    w.map(|w| format!("{w:?}")).serialize(s)
}

/// Move `i` to a character boundary of `text` (down, or up when `up`).
fn boundary(text: &str, i: usize, up: bool) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        if up {
            i += 1;
        } else {
            i -= 1;
        }
    }
    i
}

/// Tag every temporal expression inside `regions` (byte spans of `text`, in document
/// order; text outside them is not tagged). Anaphoric expressions ("the same day",
/// "the day before") resolve against the last date in focus, carried across regions
/// in order. Out-of-range or overlapping regions are clipped.
pub fn tag(text: &str, regions: &[Span], anchor: &Anchor) -> Vec<Timex> {
    let streams = Streams::build(text, clipped(text, regions).map(|r| (r, true)));
    tag_streams(text, regions, &streams, anchor)
}

/// `regions` on character boundaries, each starting after the one before, empty ones left
/// out.
fn clipped<'a>(text: &'a str, regions: &'a [Span]) -> impl Iterator<Item = Span> + 'a {
    let mut done_to = 0;
    regions.iter().filter_map(move |r| {
        let start = boundary(text, r.start.max(done_to), true);
        let end = boundary(text, r.end, false);
        if start >= end {
            return None;
        }
        done_to = end;
        Some(Span::new(start, end))
    })
}

/// [`tag`], reading the tokens from the sentences' shared token streams (`streams`, in
/// text order, covering `regions`) instead of tokenising the text again.
pub fn tag_streams(text: &str, regions: &[Span], streams: &Streams, anchor: &Anchor) -> Vec<Timex> {
    let mut out = Vec::new();
    let mut resolver = resolve::Resolver::new(anchor);
    for within in clipped(text, regions) {
        let toks = tokens::from_streams(text, streams, within);
        let raws = patterns::scan(text, &toks);
        resolver.region(text, &raws, &mut out);
    }
    out
}

#[cfg(test)]
mod tests;
