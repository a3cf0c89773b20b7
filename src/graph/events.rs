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
        for &m in &members[1..] {
            g.link(
                first,
                m,
                Relation::SameEvent,
                Aspect::Event,
                ev.label.clone(),
                1.0,
            );
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
