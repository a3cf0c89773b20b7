use jiff::ToSpan;

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

fn no_anchor() -> Anchor {
    Anchor::default()
}

fn all(text: &str, a: &Anchor) -> Vec<Timex> {
    tag(text, &[Span::new(0, text.len())], a)
}

/// The one expression whose extent is `needle`.
fn find<'a>(text: &str, ts: &'a [Timex], needle: &str) -> &'a Timex {
    ts.iter()
        .find(|t| t.span.slice(text) == needle)
        .unwrap_or_else(|| {
            let got: Vec<_> = ts.iter().map(|t| (t.span.slice(text), &t.value)).collect();
            panic!("no timex {needle:?} in {got:?}")
        })
}

fn value(text: &str, needle: &str) -> String {
    let ts = all(text, &anchor());
    find(text, &ts, needle).value.clone()
}

fn ts(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

#[test]
fn bare_weekday_is_on_or_before_the_anchor() {
    let text = "Police said the talks collapsed on Thursday.";
    let t = all(text, &anchor());
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].span.slice(text), "Thursday");
    assert_eq!(t[0].value, "2025-05-08");
    assert_eq!(t[0].ty, TimexType::Date);
    assert_eq!(t[0].weekday, Some(Weekday::Thursday));
    let u = t[0].utc.unwrap();
    assert_eq!(
        (u.start, u.end),
        (ts("2025-05-08T00:00Z"), ts("2025-05-09T00:00Z"))
    );
    // The anchor's own weekday is the anchor itself.
    assert_eq!(
        value("The bill was signed on Saturday.", "Saturday"),
        "2025-05-10"
    );
}

#[test]
fn zone_phrase_sets_the_zone_and_same_day_follows_it() {
    let text = "On Saturday (Indian time), the minister spoke to his counterpart. \
                He rang Islamabad the same day.";
    let t = all(text, &anchor());
    let sat = find(text, &t, "Saturday");
    assert_eq!(sat.value, "2025-05-10");
    assert_eq!(sat.tz.as_deref(), Some("Asia/Kolkata"));
    let u = sat.utc.unwrap();
    assert_eq!(
        (u.start, u.end),
        (ts("2025-05-09T18:30Z"), ts("2025-05-10T18:30Z"))
    );
    let same = find(text, &t, "the same day");
    assert_eq!(same.value, "2025-05-10");
    assert!(same.in_focus && !sat.in_focus);
    assert_eq!(same.utc, sat.utc);
    assert_eq!(same.tz.as_deref(), Some("Asia/Kolkata"));
    assert!(compatible(sat, same));
}

#[test]
fn saturday_in_india_overlaps_friday_evening_in_washington() {
    let a = "The call took place on Saturday (Indian time).";
    let b = "The call took place at 10 p.m. ET on Friday.";
    let (ta, tb) = (all(a, &anchor()), all(b, &anchor()));
    let sat = find(a, &ta, "Saturday");
    let fri = find(b, &tb, "Friday");
    let ten = find(b, &tb, "10 p.m.");
    assert_eq!(ten.value, "2025-05-09T22:00");
    assert_eq!(ten.ty, TimexType::Time);
    assert_eq!(ten.tz.as_deref(), Some("America/New_York"));
    assert_eq!(ten.utc.unwrap().start, ts("2025-05-10T02:00Z"));
    assert!(compatible(sat, ten));
    assert!(
        compatible(sat, fri),
        "Friday in UTC overlaps Saturday in India"
    );
    let thu = all("It happened on Thursday (US time).", &anchor());
    assert!(!compatible(sat, &thu[0]));
}

#[test]
fn relative_months_weeks_and_years() {
    let text = "Last month the ministry said sales fell last week, and this year and \
                next month look worse; the firm was founded three years ago and \
                closed two days ago. Earlier this year it warned of losses.";
    let t = all(text, &anchor());
    assert_eq!(find(text, &t, "Last month").value, "2025-04");
    assert_eq!(find(text, &t, "last week").value, "2025-W18");
    assert_eq!(find(text, &t, "this year").value, "2025");
    assert_eq!(find(text, &t, "next month").value, "2025-06");
    assert_eq!(find(text, &t, "three years ago").value, "2022");
    assert_eq!(find(text, &t, "two days ago").value, "2025-05-08");
    let e = find(text, &t, "Earlier this year");
    assert_eq!(
        (e.value.as_str(), e.modifier.as_deref()),
        ("2025", Some("START"))
    );
}

#[test]
fn deictic_days_and_references() {
    let text = "Yesterday morning the strike began; today talks resume, tomorrow they \
                end and tonight there is a vote. This morning he was currently in \
                London, he recently said, and now he is in Paris.";
    let t = all(text, &anchor());
    assert_eq!(find(text, &t, "Yesterday morning").value, "2025-05-09TMO");
    assert_eq!(find(text, &t, "today").value, "2025-05-10");
    assert_eq!(find(text, &t, "tomorrow").value, "2025-05-11");
    assert_eq!(find(text, &t, "tonight").value, "2025-05-10TNI");
    assert_eq!(find(text, &t, "This morning").value, "2025-05-10TMO");
    assert_eq!(find(text, &t, "currently").value, "PRESENT_REF");
    assert_eq!(find(text, &t, "recently").value, "PAST_REF");
    assert_eq!(find(text, &t, "now").value, "PRESENT_REF");
}

#[test]
fn month_day_without_year_takes_the_anchor_year() {
    let text = "The ceasefire, agreed on April 22, broke down.";
    let t = all(text, &anchor());
    let x = find(text, &t, "April 22");
    assert_eq!(x.value, "2025-04-22");
    assert!(x.year_inferred);
    // A past event named by a later month is last year's.
    assert_eq!(
        value("The deal was signed Aug. 6 by both sides.", "Aug. 6"),
        "2024-08-06"
    );
    // Future tense moves it forward.
    assert_eq!(
        value("The leaders will meet on 22 April.", "22 April"),
        "2026-04-22"
    );
    let explicit = all("It was signed on May 8, 2025.", &anchor());
    assert!(!explicit[0].year_inferred);
    // A day just ahead of the anchor in a past-tense sentence is a deadline of this year,
    // not a day eleven months back (which would carry its year).
    assert_eq!(
        value("He threatened to quit as soon as May 21.", "May 21"),
        "2025-05-21"
    );
}

#[test]
fn year_hint_and_unknown_year() {
    let text = "Talks were held on April 22.";
    let hint = Anchor {
        year_hint: Some(2019),
        ..Anchor::default()
    };
    let t = all(text, &hint);
    assert_eq!(
        (t[0].value.as_str(), t[0].year_inferred),
        ("2019-04-22", true)
    );
    let t = all(text, &no_anchor());
    assert_eq!(
        (t[0].value.as_str(), t[0].year_inferred),
        ("XXXX-04-22", false)
    );
    assert!(t[0].utc.is_none());
}

#[test]
fn parts_of_day_and_early_late() {
    let text = "Early Wednesday, rockets hit the city; Thursday night the army replied.";
    let t = all(text, &anchor());
    let e = find(text, &t, "Early Wednesday");
    assert_eq!(
        (e.value.as_str(), e.modifier.as_deref()),
        ("2025-05-07", Some("START"))
    );
    let n = find(text, &t, "Thursday night");
    assert_eq!(n.value, "2025-05-08TNI");
    assert_eq!(n.weekday, Some(Weekday::Thursday));
    assert_eq!(n.utc.unwrap().start, ts("2025-05-08T19:00Z"));
}

#[test]
fn future_tense_moves_a_weekday_forward() {
    assert_eq!(
        value("The envoy will travel to Delhi on Tuesday.", "Tuesday"),
        "2025-05-13"
    );
    assert_eq!(
        value("Talks resume next Monday, aides said.", "next Monday"),
        "2025-05-12"
    );
    assert_eq!(
        value("He said last Saturday was calm.", "last Saturday"),
        "2025-05-03"
    );
    // "poised", "slated": about to happen, though they end in "-ed".
    assert_eq!(
        value(
            "Marchers are poised on Tuesday to cross the bridge.",
            "Tuesday"
        ),
        "2025-05-13"
    );
    // "said ... Tuesday" is a report of the past even with a later "will".
    let text = "He said on Tuesday that he will resign.";
    assert_eq!(value(text, "Tuesday"), "2025-05-06");
}

#[test]
fn unanchored_weekday_stays_a_weekday_and_matches_its_dates() {
    let text = "The minister arrived on Thursday.";
    let t = all(text, &no_anchor());
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].value, "XXXX-WXX-4");
    assert_eq!(t[0].weekday, Some(Weekday::Thursday));
    assert!(t[0].utc.is_none());
    let other = "The minister arrived on May 8, 2025.";
    let full = all(other, &no_anchor());
    assert_eq!(full[0].value, "2025-05-08");
    assert!(compatible(&t[0], &full[0]));
    assert!(compatible(&full[0], &t[0]));
    let friday = all("The minister arrived on May 9, 2025.", &no_anchor());
    assert!(!compatible(&t[0], &friday[0]));
    // "the same day" keeps the weekday when there is no date.
    let text = "He landed on Thursday and met the premier the same day.";
    let t = all(text, &no_anchor());
    let same = find(text, &t, "the same day");
    assert_eq!(
        (same.value.as_str(), same.weekday),
        ("XXXX-WXX-4", Some(Weekday::Thursday))
    );
}

#[test]
fn compatible_compares_underspecified_parts() {
    let a = all("Talks were held on April 22.", &no_anchor());
    let b = all("Talks were held on April 22, 2025.", &no_anchor());
    let c = all("Talks were held on April 23, 2025.", &no_anchor());
    assert!(compatible(&a[0], &b[0]));
    assert!(!compatible(&a[0], &c[0]));
    let month = all("Talks were held in April 2025.", &no_anchor());
    assert!(compatible(&month[0], &b[0]));
    let may = all("Talks were held in May 2025.", &no_anchor());
    assert!(!compatible(&may[0], &b[0]));
    let dur = all("Talks lasted three years.", &anchor());
    let dur2 = all("The talks took three years.", &anchor());
    assert!(compatible(&dur[0], &dur2[0]));
    assert!(!compatible(&dur[0], &b[0]));
}

#[test]
fn modal_may_and_verb_march_are_not_months() {
    for text in [
        "He may go to Paris, officials said.",
        "May I ask a question?",
        "March organisers expect thousands.",
        "April Smith, a spokeswoman, declined to comment.",
        "The Sun reported the story first.",
    ] {
        let t = all(text, &anchor());
        assert!(
            t.is_empty(),
            "{text}: {:?}",
            t.iter().map(|t| t.span.slice(text)).collect::<Vec<_>>()
        );
    }
    let text = "Thousands joined the march on Tuesday and they may return in May.";
    let t = all(text, &anchor());
    let got: Vec<_> = t.iter().map(|t| t.span.slice(text)).collect();
    assert_eq!(got, ["Tuesday", "May"]);
}

#[test]
fn counts_and_money_are_not_years() {
    let text = "More than 2,000 people and 1500 troops, paid $2017 each, cast 2016 votes \
                at 2018.5 metres; 1999% up.";
    let t = all(text, &anchor());
    assert!(
        t.is_empty(),
        "{:?}",
        t.iter().map(|t| t.span.slice(text)).collect::<Vec<_>>()
    );
    let text = "The 2008 riots began in 2017 and have simmered since 1991.";
    let t = all(text, &anchor());
    let got: Vec<_> = t
        .iter()
        .map(|t| (t.span.slice(text), t.value.as_str()))
        .collect();
    assert_eq!(got, [("2008", "2008"), ("2017", "2017"), ("1991", "1991")]);
}

#[test]
fn captions_outside_regions_are_not_tagged() {
    let caption = "Photo taken on Monday, May 5, 2025.\n";
    let body = "The talks ended on Thursday.";
    let text = format!("{caption}{body}");
    let region = Span::new(caption.len(), text.len());
    let t = tag(&text, &[region], &anchor());
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].span.slice(&text), "Thursday");
    assert_eq!(all(&text, &anchor()).len(), 2);
}

#[test]
fn focus_carries_across_regions() {
    let text =
        "Fighting erupted on May 3.\n\nCAPTION: file photo, 2019.\n\nTroops withdrew the next day.";
    let p1 = Span::new(0, text.find('\n').unwrap());
    let p2s = text.rfind("Troops").unwrap();
    let t = tag(text, &[p1, Span::new(p2s, text.len())], &anchor());
    assert_eq!(t.len(), 2);
    assert_eq!(t[1].value, "2025-05-04");
    assert!(t[1].in_focus);
    let text = "Protests began on Sunday. A day later the cabinet met, and two days later it fell.";
    let t = all(text, &anchor());
    assert_eq!(find(text, &t, "A day later").value, "2025-05-05");
    assert_eq!(find(text, &t, "two days later").value, "2025-05-07");
}

#[test]
fn durations() {
    let text = "A two-year investigation found that for a month, nearly 30 years of \
                records and two hours of tape had gone missing; decades of neglect and \
                three years of war followed.";
    let t = all(text, &anchor());
    let dur = |s: &str| {
        let x = find(text, &t, s);
        assert_eq!(x.ty, TimexType::Duration, "{s}");
        assert!(x.utc.is_none());
        x.value.clone()
    };
    assert_eq!(dur("two-year"), "P2Y");
    assert_eq!(dur("a month"), "P1M");
    assert_eq!(dur("nearly 30 years"), "P30Y");
    assert_eq!(dur("two hours"), "PT2H");
    assert_eq!(dur("decades"), "PXDE");
    assert_eq!(dur("three years"), "P3Y");
    assert!(all("He won a second time.", &anchor()).is_empty());
}

#[test]
fn sets() {
    let text = "Each winter and each season the club meets every Monday; reports are \
                issued weekly and audited annually.";
    let t = all(text, &anchor());
    let set = |s: &str| {
        let x = find(text, &t, s);
        assert_eq!(x.ty, TimexType::Set, "{s}");
        x.value.clone()
    };
    assert_eq!(set("Each winter"), "XXXX-WI");
    assert_eq!(set("each season"), "P3M");
    assert_eq!(set("every Monday"), "XXXX-WXX-1");
    assert_eq!(set("weekly"), "P1W");
    assert_eq!(set("annually"), "P1Y");
}

#[test]
fn explicit_date_formats() {
    let cases = [
        (
            "It was signed May 10, 2025, in Geneva.",
            "May 10, 2025",
            "2025-05-10",
        ),
        (
            "It was signed on 10 May 2025 in Geneva.",
            "10 May 2025",
            "2025-05-10",
        ),
        (
            "Filed 2025-05-10 at the registry.",
            "2025-05-10",
            "2025-05-10",
        ),
        ("Dated 05/10/2025 by the clerk.", "05/10/2025", "2025-05-10"),
        ("Dated 22/04/2025 by the clerk.", "22/04/2025", "2025-04-22"),
        (
            "Unemployment peaked in March 2017.",
            "March 2017",
            "2017-03",
        ),
        ("Growth was weak in the 1990s.", "1990s", "199"),
        (
            "Published Thu 6 May 2010 14.00 BST.",
            "Thu 6 May 2010",
            "2010-05-06",
        ),
        ("Profits rose in Q2 2024.", "Q2 2024", "2024-Q2"),
        (
            "Profits rose in the second quarter.",
            "second quarter",
            "2025-Q2",
        ),
        (
            "The summit, held on the 6th of May 2019, failed.",
            "6th of May 2019",
            "2019-05-06",
        ),
        ("Prices rose in mid-May.", "mid-May", "2025-05"),
        ("The plant closed in late 2019.", "late 2019", "2019"),
    ];
    for (text, ext, v) in cases {
        assert_eq!(value(text, ext), v, "{text}");
    }
}

#[test]
fn clock_times_take_their_day() {
    let text = "The blast came at 9:03am on Thursday; by 3 p.m. the area was sealed. \
                A statement followed at 15:00 GMT and another at noon.";
    let t = all(text, &anchor());
    let nine = find(text, &t, "9:03am");
    assert_eq!(
        (nine.value.as_str(), nine.ty),
        ("2025-05-08T09:03", TimexType::Time)
    );
    assert_eq!(find(text, &t, "3 p.m.").value, "2025-05-08T15:00");
    let gmt = find(text, &t, "15:00");
    assert_eq!(
        (gmt.value.as_str(), gmt.tz.as_deref()),
        ("2025-05-08T15:00", Some("UTC"))
    );
    assert_eq!(gmt.utc.unwrap().start, ts("2025-05-08T15:00Z"));
    assert_eq!(find(text, &t, "noon").value, "2025-05-08T12:00");
    let bst = all("Published Thu 6 May 2010 14.00 BST.", &anchor());
    assert_eq!(bst.len(), 1, "a dotted time needs am/pm");
}

#[test]
fn anchor_zone_and_local_time() {
    let a = Anchor {
        date: Some(d(2025, 5, 10)),
        tz: Some("Asia/Karachi".into()),
        year_hint: None,
    };
    let text = "Shelling began at 2 a.m. local time on Friday.";
    let t = all(text, &a);
    let two = find(text, &t, "2 a.m.");
    assert_eq!(two.value, "2025-05-09T02:00");
    assert_eq!(two.tz.as_deref(), Some("Asia/Karachi"));
    assert_eq!(two.utc.unwrap().start, ts("2025-05-08T21:00Z"));
    let fri = find(text, &t, "Friday");
    assert_eq!(fri.utc.unwrap().start, ts("2025-05-08T19:00Z"));
}

#[test]
fn weekday_resolution_property_over_two_centuries() {
    let names = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let mut day = d(1900, 1, 1);
    let end = d(2100, 12, 31);
    let mut checked = 0;
    while day <= end {
        let a = Anchor {
            date: Some(day),
            ..Anchor::default()
        };
        for (k, name) in names.iter().enumerate() {
            let text = format!("The vote was held on {name}.");
            let t = all(&text, &a);
            assert_eq!(t.len(), 1, "{text} @ {day}");
            let got: Date = t[0].value.parse().unwrap();
            let wd = Weekday::from_monday_one_offset(k as i8 + 1).unwrap();
            assert_eq!(got.weekday(), wd, "{text} @ {day}");
            assert!(got <= day, "{got} after anchor {day}");
            assert!((day - got).get_days() <= 6, "{got} too far before {day}");
            checked += 1;
        }
        day = day.checked_add(3.days()).unwrap();
    }
    assert!(checked > 170_000);
}

#[test]
fn never_panics_and_is_deterministic() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let pieces = [
        "May",
        " ",
        "10",
        ",",
        "2025",
        "(",
        "IST",
        ")",
        "the same day",
        "é",
        "—",
        ":",
        ".",
        "p.m.",
        "Thursday",
        "last",
        "-",
        "/",
        "ago",
        "a",
        "two",
        "years",
        "\u{2019}",
        "\n",
        "every",
        "Q",
        "4",
        "1990",
        "s",
        "early",
        "of",
        "99999999999999999999",
    ];
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(seed % 40) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let n = text.len();
        let regions = [
            Span::new(0, n),
            Span::new(n / 3, n + 7),
            Span::new(n, 1),
            Span::new(1, n.saturating_sub(1)),
        ];
        for a in [anchor(), no_anchor()] {
            let x = tag(&text, &regions, &a);
            let y = tag(&text, &regions, &a);
            assert_eq!(format!("{x:?}"), format!("{y:?}"));
            for t in &x {
                assert!(text.get(t.span.start..t.span.end).is_some());
            }
        }
    }
    let huge = "On Thursday, May 8, 2025, at 9 p.m. IST, talks failed. ".repeat(20_000);
    let t = all(&huge, &anchor());
    assert_eq!(t.len(), 40_000);
    let extreme = Anchor {
        date: Some(d(9999, 12, 31)),
        ..Anchor::default()
    };
    let _ = all(
        "He will return next year, on Monday, in two days, next week.",
        &extreme,
    );
    let low = Anchor {
        date: Some(d(-9999, 1, 1)),
        ..Anchor::default()
    };
    let _ = all(
        "He left last year, on Monday, two days ago, last week.",
        &low,
    );
}

#[test]
fn json_shape() {
    let text = "Intro.\nThe talks ended on Thursday.";
    let t = all(text, &anchor());
    let full = serde_json::to_value(&t[0]).unwrap();
    assert_eq!(full["type"], t[0].ty.as_str());
    assert_eq!(full["value"], "2025-05-08");
    assert_eq!(full["utc"][0], "2025-05-08T00:00:00Z");
    assert_eq!(full["weekday"], "Thursday");
    assert_eq!(full["span"]["start"], text.find("Thursday").unwrap());
}

#[test]
fn named_days_resolve_to_their_date_in_the_inferred_year() {
    // Anchor 2025-05-10: Easter 2025 was April 20.
    assert_eq!(
        value("They met on Good Friday.", "Good Friday"),
        "2025-04-18"
    );
    let text = "Talks ran over Easter weekend.";
    let t = all(text, &anchor());
    let x = find(text, &t, "Easter weekend");
    assert_eq!(x.value, "2025-W16-WE");
    assert!(x.year_inferred);
    // Past tense, a later month: last year's; future tense: this year's.
    assert_eq!(
        value("The strike began at Christmas.", "Christmas"),
        "2024-12-25"
    );
    assert_eq!(
        value("The port will reopen on Christmas Eve.", "Christmas Eve"),
        "2025-12-24"
    );
    // A date written out after the name wins, and a year after it is that year's.
    assert_eq!(
        value(
            "She was shot on Easter Sunday, April 5, 2015.",
            "Easter Sunday, April 5, 2015"
        ),
        "2015-04-05"
    );
    assert_eq!(
        value("It opened at Christmas 2010.", "Christmas 2010"),
        "2010-12-25"
    );
}
