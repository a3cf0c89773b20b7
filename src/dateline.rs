//! Publication dates from the text itself: a leading `date YYYY-MM-DD` marker, and wire
//! datelines such as `Harbourton, March 14 (Wire)` near the head of the body.

use crate::document::Dateline;
use crate::span::Span;
use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

/// A leading `date YYYY-MM-DD` marker; agency feeds indent it and run on into the text.
static DATE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*date[ \t]+(\d{4})-(\d{2})-(\d{2})\b[ \t]*").unwrap());

/// `PLACE, Month Day[, Year] [(AGENCY)]`: PLACE is one to four capitalised words; the
/// month is a capitalised name or abbreviation from `rules/lexicon/time-months.tsv`.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let mut months: Vec<String> = crate::temporal::month_names()
        .map(|(w, _)| capitalised(w))
        .collect();
    // Longest first, so "September" is preferred to "Sept" where both fit.
    months.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    months.dedup();
    let months: Vec<String> = months.iter().map(|m| regex::escape(m)).collect();
    Regex::new(&format!(
        concat!(
            r"(?m)(?:^|[ \t])(?P<place>[A-Z][A-Za-z.'\-]+(?:[ \t][A-Z][A-Za-z.'\-]+){{0,3}}(?:,[ \t][A-Z][A-Za-z.]+)?)",
            r",[ \t](?P<month>{})\.?",
            r"[ \t](?P<day>\d{{1,2}})\b(?:,[ \t](?P<year>\d{{4}}))?",
            r"(?:[ \t]*\((?P<agency>[^()\n]{{1,40}})\))?"
        ),
        months.join("|")
    ))
    .expect("dateline regex compiles")
});

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A dateline that is just a place on a line of its own: `Washington:`.
static PLACE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]*(?P<place>[A-Z][A-Za-z.'\-]+(?:[ \t][A-Z][A-Za-z.'\-]+){0,2})[ \t]*:[ \t]*$",
    )
    .unwrap()
});

/// The date of a leading `date YYYY-MM-DD` marker and the byte offset where the body starts.
pub fn date_marker(text: &str) -> Option<(Date, usize)> {
    let first_line_end = text.find(['\n', '\r']).unwrap_or(text.len());
    let caps = DATE_MARKER.captures(&text[..first_line_end])?;
    let y: i16 = caps[1].parse().ok()?;
    let m: i8 = caps[2].parse().ok()?;
    let d: i8 = caps[3].parse().ok()?;
    let date = Date::new(y, m, d).ok()?;
    Some((date, caps.get(0)?.end()))
}

fn month_number(name: &str) -> Option<i8> {
    crate::lexicon::with_lowercase(name, |l| {
        crate::temporal::month_names().find_map(|(w, n)| (w == l).then_some(n))
    })
}

/// How far into the body a dateline may stand (news pages put a synopsis before it).
const DATELINE_WINDOW: usize = 2_000;

/// Find a wire dateline in the first part of the body starting at `body_start`.
pub fn find_dateline(text: &str, body_start: usize) -> Option<Dateline> {
    let mut end = (body_start + DATELINE_WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(body_start..end)?;
    // Matches are found by the DFA; groups are taken only for one that opens a line.
    for m in DATELINE.find_iter(head) {
        // A dateline opens a line or follows the date marker, not the middle of a sentence.
        // (The match starts at the place or at the blank before it.)
        let line_head = head[..m.start()].rsplit(['\n', '\r']).next().unwrap_or("");
        if !line_head.trim().is_empty() {
            continue;
        }
        let caps = DATELINE.captures_at(head, m.start())?;
        let whole = caps.get(0)?;
        let place = caps.name("place")?;
        let month = caps.name("month").and_then(|m| month_number(m.as_str()));
        let day: Option<i8> = caps.name("day").and_then(|d| d.as_str().parse().ok());
        if !matches!(day, Some(1..=31)) {
            continue;
        }
        let year = caps.name("year").and_then(|y| y.as_str().parse().ok());
        return Some(Dateline {
            span: Span::new(body_start + place.start(), body_start + whole.end()),
            place: Some(place.as_str().to_string()),
            month,
            day,
            year,
            agency: caps.name("agency").map(|a| a.as_str().trim().to_string()),
        });
    }
    let caps = PLACE_LINE.captures(head)?;
    let place = caps.name("place")?;
    Some(Dateline {
        span: Span::new(body_start + place.start(), body_start + caps.get(0)?.end()),
        place: Some(place.as_str().to_string()),
        month: None,
        day: None,
        year: None,
        agency: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_marker_with_leading_space_running_into_text() {
        let t = " date 2031-03-14 Harbourton, March 14 (Agency) The talks began.";
        let (d, start) = date_marker(t).unwrap();
        assert_eq!(d, Date::new(2031, 3, 14).unwrap());
        assert!(t[start..].starts_with("Harbourton"));
    }

    #[test]
    fn date_marker_rejects_impossible_dates_and_mid_text() {
        assert!(date_marker("date 2031-02-30 text").is_none());
        assert!(date_marker("The date 2031-02-03 was set").is_none());
    }

    #[test]
    fn wire_dateline_without_year() {
        let t =
            "Headline here\nKey points\nPortsmouth, Sept. 9 (WireCo) On Monday the council met.";
        let d = find_dateline(t, 0).unwrap();
        assert_eq!(d.place.as_deref(), Some("Portsmouth"));
        assert_eq!((d.month, d.day, d.year), (Some(9), Some(9), None));
        assert_eq!(d.agency.as_deref(), Some("WireCo"));
        assert_eq!(d.span.slice(t), "Portsmouth, Sept. 9 (WireCo)");
    }

    #[test]
    fn dateline_with_year_and_two_word_place() {
        let t = "NEW DELHI, India\nSan Diego, Aug. 21, 2018 - A grand jury has indicted";
        let d = find_dateline(t, 0).unwrap();
        assert_eq!(d.place.as_deref(), Some("San Diego"));
        assert_eq!((d.month, d.day, d.year), (Some(8), Some(21), Some(2018)));
    }

    #[test]
    fn mid_sentence_date_is_not_a_dateline() {
        let t = "The minister said in Paris, May 4 was the deadline.";
        assert!(find_dateline(t, 0).is_none());
    }

    #[test]
    fn place_only_dateline() {
        let t = "Some headline\n\nLisbon:\n\nThe mayor spoke.";
        let d = find_dateline(t, 0).unwrap();
        assert_eq!(d.place.as_deref(), Some("Lisbon"));
        assert_eq!(d.month, None);
    }
}
