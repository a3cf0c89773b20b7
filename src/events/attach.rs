//! The last step of the ledger: a dated sentence without an event word ("X and Y, in the
//! capital on Sunday"; "X's plan, unveiled on Monday, ...") that no event took in tells
//! the event of that day whose people it names, when exactly one event of that day names
//! them best. Its source then cites that event, whatever kind the event is (a call or a
//! meeting as much as a shooting or a speech).
//!
//! Before this step, [`super::corroborate`] joins such sentences that name two or more of
//! an event-date event's people; this one also reaches communication events and a sentence
//! that names one person, and it never joins on a place alone (a city is where many
//! things of one day happen). Disputes are found before, on the claims themselves: this
//! changes only which documents and claims an event cites.

use super::Event;
use crate::claim::{Claim, ClaimId, ClaimKind};
use crate::entities::EntityId;
use crate::extract::event_date::HAPPENING;
use std::collections::{BTreeMap, BTreeSet};

/// Attach every dated event-word-less claim that no event cites to the one event of its
/// day that shares the most of its participants (at least one), when exactly one does.
pub fn attach_happenings(events: &mut [Event], claims: &[Claim]) {
    let cited: BTreeSet<&ClaimId> = events.iter().flat_map(|e| &e.claims).collect();
    let mut by_day: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, e) in events.iter().enumerate() {
        if let Some(d) = &e.date {
            by_day.entry(d.as_str()).or_default().push(i);
        }
    }
    let mut joins: Vec<(usize, &Claim)> = Vec::new();
    for c in claims {
        let ClaimKind::EventDate(x) = &c.kind else {
            continue;
        };
        if x.event != HAPPENING || x.participants.is_empty() || cited.contains(&c.id) {
            continue;
        }
        let Some(day) = x.date.day() else {
            continue;
        };
        let Some(candidates) = by_day.get(day) else {
            continue;
        };
        // A source the event already cites adds nothing (and a sentence would be linked
        // to itself: a call also reads as a dated sentence without an event word).
        if let Some(e) = best_event(events, candidates, &x.participants)
            && !events[e].documents.contains(&c.document)
        {
            joins.push((e, c));
        }
    }
    for (e, c) in joins {
        let ev = &mut events[e];
        ev.documents.insert(c.document.clone());
        ev.claims.push(c.id.clone());
    }
}

/// The one candidate sharing the most participants with the claim (at least one), if no
/// other shares as many.
fn best_event(events: &[Event], candidates: &[usize], people: &[EntityId]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    let mut tied = false;
    for &i in candidates {
        let shared = people
            .iter()
            .filter(|p| events[i].participants.contains(p))
            .count();
        if shared == 0 {
            continue;
        }
        match best {
            Some((_, n)) if n > shared => {}
            Some((_, n)) if n == shared => tied = true,
            _ => {
                best = Some((i, shared));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocId;

    /// A dated claim without an event word ("happening").
    fn happening(doc: &str, n: usize, people: &[usize], day: &str) -> Claim {
        super::super::tests::claim(doc, n, HAPPENING, people, &[], day)
    }

    fn event(label: &str, people: &[usize], day: &str, doc: &str) -> Event {
        Event {
            id: format!("{day}/{label}"),
            kind: super::super::EventKind::Event,
            label: label.into(),
            participants: people.iter().map(|&p| EntityId(p)).collect(),
            places: Vec::new(),
            date: Some(day.into()),
            documents: [DocId(doc.into())].into(),
            claims: vec![ClaimId(format!("{doc}:x:1"))],
            dissent: BTreeSet::new(),
        }
    }

    fn docs(e: &Event) -> Vec<&str> {
        e.documents.iter().map(|d| d.0.as_str()).collect()
    }

    #[test]
    fn a_sentence_naming_one_events_people_on_its_day_cites_it() {
        // "Aldo Renn and Mira Tosk met in Harbourton on Sunday" (a meeting, source a);
        // "Renn and Tosk, in Harbourton on Sunday." (source b, no event word).
        let mut events = vec![
            event("meeting", &[0, 1], "2031-04-06", "a"),
            event("speech", &[0], "2031-04-07", "a"),
        ];
        attach_happenings(&mut events, &[happening("b", 1, &[0, 1], "2031-04-06")]);
        assert_eq!(docs(&events[0]), ["a", "b"]);
        assert_eq!(docs(&events[1]), ["a"]);
        assert!(events[0].claims.iter().any(|c| c.0 == "b:event-date:1"));
    }

    #[test]
    fn the_event_naming_more_of_its_people_wins_and_a_tie_attaches_nowhere() {
        let mut events = vec![
            event("meeting", &[0, 1], "2031-04-06", "a"),
            event("speech", &[0, 2], "2031-04-06", "a"),
        ];
        let claims = [
            // Renn and Tosk: the meeting names both.
            happening("b", 1, &[0, 1], "2031-04-06"),
            // Renn alone: both events name him, so neither is chosen.
            happening("c", 1, &[0], "2031-04-06"),
            // Another day: no event of that day.
            happening("d", 1, &[0, 1], "2031-04-09"),
        ];
        attach_happenings(&mut events, &claims);
        assert_eq!(docs(&events[0]), ["a", "b"]);
        assert_eq!(docs(&events[1]), ["a"]);
    }

    #[test]
    fn a_cited_claim_or_a_sentence_with_an_event_word_is_left_alone() {
        let mut events = vec![event("meeting", &[0, 1], "2031-04-06", "a")];
        let mut worded = happening("b", 1, &[0, 1], "2031-04-06");
        if let ClaimKind::EventDate(x) = &mut worded.kind {
            x.event = "visit".into();
        }
        let mut cited = happening("a", 1, &[0, 1], "2031-04-06");
        cited.id = ClaimId("a:x:1".into());
        attach_happenings(&mut events, &[worded, cited]);
        assert_eq!(docs(&events[0]), ["a"]);
        assert_eq!(events[0].claims.len(), 1);
    }
}
