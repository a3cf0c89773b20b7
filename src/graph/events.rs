//! The event aspect: claims of one ledger event get same-event edges, and their dates
//! agree or refine; the ledger's disputes become date contradictions. *It does not*
//! cluster or date events: that is the ledger's job (`crate::events`).

use super::{Aspect, ClaimGraph, Relation};
use crate::analysis::Analysis;
use crate::claim::{Claim, ClaimKind};
use crate::compare::dates;
use crate::events::Ledger;
use foldhash::HashMap;

/// Claims of one event: same-event edges, and how their dates relate.
pub(super) fn link(
    g: &mut ClaimGraph,
    an: &Analysis,
    ledger: &Ledger,
    index: &HashMap<&str, usize>,
) {
    for ev in &ledger.events {
        let members: Vec<usize> = ev
            .claims
            .iter()
            .filter_map(|c| index.get(c.0.as_str()).copied())
            .collect();
        let Some(&first) = members.first() else {
            continue;
        };
        // One copy of the label for all the event's edges.
        let label = g.because(ev.label.as_str());
        for &m in &members[1..] {
            g.link(first, m, Relation::SameEvent, Aspect::Event, label, 1.0);
            if let (Some(a), Some(b)) = (date_of(&an.claims[first]), date_of(&an.claims[m])) {
                let rel = match dates::compare(a, b) {
                    dates::DateRelation::Same => Some(Relation::Agrees),
                    dates::DateRelation::Refines => Some(Relation::Refines),
                    _ => None,
                };
                if let Some(rel) = rel {
                    g.link(
                        first,
                        m,
                        rel,
                        Aspect::Date,
                        format!("{} ~ {}", a.value, b.value),
                        1.0,
                    );
                }
            }
        }
    }
    for d in &ledger.disputes {
        let a = d.sides[0]
            .iter()
            .filter_map(|c| index.get(c.0.as_str()).copied());
        let b: Vec<usize> = d.sides[1]
            .iter()
            .filter_map(|c| index.get(c.0.as_str()).copied())
            .collect();
        for x in a {
            for &y in &b {
                let (da, db) = (date_of(&an.claims[x]), date_of(&an.claims[y]));
                let reason = match (da, db) {
                    (Some(p), Some(q)) => format!("{} vs {}", p.value, q.value),
                    _ => "different dates".into(),
                };
                g.link(x, y, Relation::Contradicts, Aspect::Date, reason, 1.0);
            }
        }
    }
}

fn date_of(c: &Claim) -> Option<&crate::claim::TimeRef> {
    match &c.kind {
        ClaimKind::Communication(x) => x.date.as_ref(),
        ClaimKind::EventDate(x) => Some(&x.date),
        _ => None,
    }
}

/// Text in, the linker's claims and edges out (see `graph::testing`).
#[cfg(test)]
mod linking {
    use crate::graph::Aspect::{Date, Event};
    use crate::graph::testing::link_dated;

    /// Two sources put one call on different days: one event, its dates contradict.
    #[test]
    fn a_call_told_on_two_days_contradicts() {
        let l = link_dated(&[
            (
                "a",
                "Harbourton, May 9 (Wire) Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on Wednesday, their first call since the dispute began.",
            ),
            (
                "b",
                "Harbourton, May 9 (Post) Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on Tuesday, officials said.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("communication", &[Event, Date]), @r#"
        claim a:Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on Wednesday
        claim b:Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on Tuesday
        same-event event | a:Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on Wednesday | b:Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on Tuesday | call: Lena Okafor – Piet Calloway
        contradicts date | a:Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on Wednesday | b:Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on Tuesday | 2031-05-07 vs 2031-05-06
        "#);
    }

    /// A weekday and the date it falls on are one day: the dates agree.
    #[test]
    fn a_weekday_and_its_date_agree() {
        let l = link_dated(&[
            (
                "a",
                "Harbourton, May 9 (Wire) Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on Wednesday, their first call since the dispute began.",
            ),
            (
                "b",
                "Harbourton, May 9 (Post) Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on May 7, officials said.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("communication", &[Event, Date]), @r#"
        claim a:Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on Wednesday
        claim b:Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on May 7
        same-event event | a:Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on Wednesday | b:Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on May 7 | call: Lena Okafor – Piet Calloway
        agrees date | a:Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on Wednesday | b:Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on May 7 | 2031-05-07 ~ 2031-05-07
        "#);
    }

    /// An event-date claim (a one-off event, one participant) told on two days.
    #[test]
    fn a_shooting_on_two_days_contradicts() {
        let l = link_dated(&[
            (
                "a",
                "Officer Ivo Marsh was shot on Wednesday outside the station, police said.",
            ),
            (
                "b",
                "Officer Ivo Marsh was shot on Tuesday outside the station, police said.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("event-date", &[Event, Date]), @r#"
        claim a:Officer Ivo Marsh was shot on Wednesday outside the station, police said.
        claim b:Officer Ivo Marsh was shot on Tuesday outside the station, police said.
        same-event event | a:Officer Ivo Marsh was shot on Wednesday outside the station, police said. | b:Officer Ivo Marsh was shot on Tuesday outside the station, police said. | shooting: Ivo Marsh
        contradicts date | a:Officer Ivo Marsh was shot on Wednesday outside the station, police said. | b:Officer Ivo Marsh was shot on Tuesday outside the station, police said. | 2031-05-07 vs 2031-05-06
        "#);
    }

    /// Calls between different pairs of people are different events: no edge.
    #[test]
    fn calls_between_other_people_are_not_linked() {
        let l = link_dated(&[
            (
                "a",
                "Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on Wednesday.",
            ),
            (
                "b",
                "Mayor Ivo Marsh spoke with Governor Rosa Tamberg on Tuesday, officials said.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("communication", &[Event, Date]), @r#"
        claim a:Foreign Minister Lena Okafor spoke with Ambassador Piet Calloway on Wednesday
        claim b:Mayor Ivo Marsh spoke with Governor Rosa Tamberg on Tuesday
        "#);
    }
}
