//! The age aspect: one named person's age across documents (and twice in one). Ages are
//! blocked by the person (people whose names are spelled two ways are one person here),
//! then grouped by the value written; each pair of groups is compared once, so a person
//! named in thousands of articles costs one pass, not all pairs. Conflicts are count
//! contradictions between age claims, which the `age` rules read.
//! *It does not* read ages (`crate::quantities`) nor decide which person an age belongs to
//! (`crate::analysis`).

use super::{Aspect, ClaimGraph, Relation, speaker_clusters};
use crate::analysis::Analysis;
use crate::claim::ClaimKind;
use crate::entities::EntityId;
use std::collections::BTreeMap;

/// How an age is written, for grouping: its range and hedge (two claims alike in these
/// are the same age). Two ages agree when their ranges meet ("about 50" and "52").
type Written = (u64, u64, &'static str);

pub(super) fn link(g: &mut ClaimGraph, an: &Analysis) {
    let rep = speaker_clusters(g, an);
    let mut people: BTreeMap<EntityId, BTreeMap<Written, Vec<usize>>> = BTreeMap::new();
    for (i, c) in an.claims.iter().enumerate() {
        let ClaimKind::Age(a) = &c.kind else {
            continue;
        };
        let n = &a.detail.number;
        let key = (
            n.range.0.to_bits(),
            n.range.1.to_bits(),
            crate::claim::hedge_name(n.hedge),
        );
        let person = rep.get(&a.person).copied().unwrap_or(a.person);
        people
            .entry(person)
            .or_default()
            .entry(key)
            .or_default()
            .push(i);
    }
    for groups in people.values() {
        let groups: Vec<&Vec<usize>> = groups.values().collect();
        for g_ in &groups {
            for w in g_.windows(2) {
                g.link(w[0], w[1], Relation::Agrees, Aspect::Count, "same age", 1.0);
            }
        }
        for (x, ga) in groups.iter().enumerate() {
            for gb in &groups[x + 1..] {
                let (ClaimKind::Age(a), ClaimKind::Age(b)) =
                    (&an.claims[ga[0]].kind, &an.claims[gb[0]].kind)
                else {
                    continue;
                };
                let (ra, rb) = (a.detail.number.range, b.detail.number.range);
                if ra.0 <= rb.1 && rb.0 <= ra.1 {
                    g.link(
                        ga[0],
                        gb[0],
                        Relation::Agrees,
                        Aspect::Count,
                        "compatible ages",
                        1.0,
                    );
                    continue;
                }
                let why = g.because(format!(
                    "{} vs {} years old",
                    a.detail.number.text, b.detail.number.text
                ));
                // Each claim of one side against the other side's first: every document
                // giving either age is in the finding's evidence.
                for &m in gb.iter() {
                    g.link(ga[0], m, Relation::Contradicts, Aspect::Count, why, 1.0);
                }
                for &m in &ga[1..] {
                    g.link(m, gb[0], Relation::Contradicts, Aspect::Count, why, 1.0);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Aspect::Count;
    use super::super::testing::link_dated;

    /// One person, two ages: every document giving either is linked.
    #[test]
    fn one_persons_two_ages_contradict() {
        let l = link_dated(&[
            ("a", "Harbour pilot Ana Reinholt, 46, guided the tanker in."),
            (
                "b",
                "A 48-year-old harbour pilot, Ana Reinholt, guided the tanker in.",
            ),
            ("c", "Ana Reinholt, 46, said the tide was late."),
        ]);
        insta::assert_snapshot!(l.dump("age", &[Count]), @r#"
        claim a:Harbour pilot Ana Reinholt, 46, guided the tanker in.
        claim b:A 48-year-old harbour pilot, Ana Reinholt, guided the tanker in.
        claim c:Ana Reinholt, 46, said the tide was late.
        agrees count | a:Harbour pilot Ana Reinholt, 46, guided the tanker in. | c:Ana Reinholt, 46, said the tide was late. | same age
        contradicts count | a:Harbour pilot Ana Reinholt, 46, guided the tanker in. | b:A 48-year-old harbour pilot, Ana Reinholt, guided the tanker in. | 46 vs 48 years old
        contradicts count | c:Ana Reinholt, 46, said the tide was late. | b:A 48-year-old harbour pilot, Ana Reinholt, guided the tanker in. | 46 vs 48 years old
        "#);
    }

    /// A father and his son share a surname, not an age; an age nobody is named for is
    /// no claim.
    #[test]
    fn two_people_of_one_surname_are_not_linked() {
        let l = link_dated(&[
            (
                "a",
                "Piet Reinholt, 46, and his son, Ilo Reinholt, 19, were rescued.",
            ),
            (
                "b",
                "Piet Reinholt, 46, was rescued; a 19-year-old deckhand was unhurt.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("age", &[Count]), @r#"
        claim a:Piet Reinholt, 46, and his son, Ilo Reinholt, 19, were rescued.
        claim a:Piet Reinholt, 46, and his son, Ilo Reinholt, 19, were rescued.
        claim b:Piet Reinholt, 46, was rescued; a 19-year-old deckhand was unhurt.
        agrees count | a:Piet Reinholt, 46, and his son, Ilo Reinholt, 19, were rescued. | b:Piet Reinholt, 46, was rescued; a 19-year-old deckhand was unhurt. | same age
        "#);
    }
}
