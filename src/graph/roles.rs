//! The role aspect: one person's title with and without a rank, a holder called former by
//! one source and current by another, two current holders of one office in one
//! jurisdiction. *It does not* extract titles (`crate::extract::role`) nor report
//! successions: offices that change hands in the story and articles of other days are
//! left out.

use super::blocks::{self, Bound, Skipped};
use super::{Aspect, ClaimGraph, Relation, docs_of, speaker_clusters};
use crate::analysis::Analysis;
use crate::claim::{Claim, ClaimKind};
use crate::document::{DocIdx, Document};
use crate::entities::EntityId;
use foldhash::{HashMap, HashMapExt, HashSetExt};
use std::collections::{BTreeMap, BTreeSet};

/// Offices held by one person at a time ("defence minister", "prime minister"), as
/// opposed to titles many hold at once ("spokesperson", "minister", "senator":
/// `rules/lexicon/shared-offices.txt`).
fn unique_office(title: &str) -> bool {
    !crate::lexicon::lexicons().shared_offices.contains(title)
}

fn jurisdiction_key(j: &str) -> String {
    let l = j.to_lowercase();
    let l = l.trim_start_matches("the ").to_string();
    // "veldran"/"veldra", "indian"/"india": compare on a shared stem.
    let cut = ["ian", "an", "ese", "i", "ish"]
        .iter()
        .find(|s| l.len() > s.len() + 3 && l.ends_with(*s));
    match cut {
        Some(s) => l[..l.len() - s.len()].to_string(),
        None => l.trim_end_matches('a').to_string(),
    }
}

/// Titles whose holder changes within the story: some sentence names the title next to a
/// word such as "resigned", "succeeded" or "sworn in".
fn offices_changing_hands(an: &Analysis, documents: &[Document]) -> foldhash::HashSet<String> {
    let lx = crate::lexicon::lexicons();
    let mut out = foldhash::HashSet::new();
    for (doc, da) in documents.iter().zip(&an.docs) {
        for s in da.seg.content_sentences() {
            let text = s.span.slice(&doc.text);
            if lx.office_change.find_words(text).is_empty() {
                continue;
            }
            for (a, b, _) in lx.titles.find_words(text) {
                out.insert(crate::extract::role::normalise_title(&text[a..b]));
            }
        }
    }
    out
}

/// One title with and without a rank word: an assistant district attorney is not the
/// district attorney.
fn rank_variant(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    long.strip_suffix(short)
        .map(str::trim)
        .is_some_and(|prefix| crate::lexicon::lexicons().ranks.contains(prefix))
}

/// The words that say which part of an organisation a unit is: lower case, without its
/// owner ("Orvex's", "its"), function words and words for a kind of part ("division",
/// `rules/lexicon/org-units.txt`), a plural's "s" dropped.
fn unit_words(unit: &str) -> BTreeSet<String> {
    let lx = crate::lexicon::lexicons();
    unit.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .filter(|w| !(w.ends_with("'s") || w.ends_with("’s") || w.ends_with('\'')))
        .map(|w| w.to_lowercase())
        .filter(|w| !lx.org_units.contains(w) && !lx.stopwords.contains(w))
        .map(|w| w.strip_suffix('s').map_or(w.clone(), str::to_string))
        .collect()
}

/// Two units of one title that name different parts: each has words of its own
/// ("mobility division" / "industrial equipment group"). A unit whose words the other has
/// ("data systems" / "the Data Systems group") is the same one, told shorter.
///
/// One of them must name a part ("division", "group"): "a spokeswoman for the ruling
/// party" and "for the prime minister" may both be true.
fn units_differ(a: &str, b: &str) -> bool {
    let lx = crate::lexicon::lexicons();
    let names_part = |u: &str| {
        u.split(|c: char| !c.is_alphanumeric())
            .any(|w| lx.org_units.contains(w))
    };
    let (wa, wb) = (unit_words(a), unit_words(b));
    (names_part(a) || names_part(b))
        && !wa.is_empty()
        && !wb.is_empty()
        && !wa.is_subset(&wb)
        && !wb.is_subset(&wa)
}

/// Role contradictions: one person's title with and without a rank; a holder called former
/// by one source and current by another; two current holders of one office in one known
/// jurisdiction. Offices that change hands in the story, and articles of other days, are
/// successions, not contradictions.
pub(super) fn link(g: &mut ClaimGraph, an: &Analysis, documents: &[Document], bound: Bound) {
    // One person spelled two ways is one holder (the name rule reports the spelling).
    let rep = speaker_clusters(g, an);
    let changing = offices_changing_hands(an, documents);
    let published = |c: &Claim| documents[c.doc.index()].published;
    // Articles days apart may tell a succession; only same-day accounts conflict.
    let same_day = |x: &Claim, y: &Claim| match (published(x), published(y)) {
        (Some(p), Some(q)) => p == q,
        _ => true,
    };
    // One person, the same title with and without a rank ("assistant district attorney").
    let mut by_person: BTreeMap<EntityId, Vec<usize>> = BTreeMap::new();
    for (i, c) in an.claims.iter().enumerate() {
        if let ClaimKind::Role(r) = &c.kind {
            by_person.entry(rep[&r.person]).or_default().push(i);
        }
    }
    for (person, members) in &by_person {
        // Pairs from different documents only: one article naming a holder thousands of
        // times lists none.
        let docs = docs_of(an, members.iter().copied());
        let total = blocks::cross_pair_count(&docs);
        if total > bound.max_comparisons {
            g.skipped.push(Skipped {
                aspect: "title",
                block: an.entities.name(*person).to_string(),
                claims: members.len(),
                compared: bound.max_comparisons,
                skipped: total - bound.max_comparisons,
            });
        }
        for (x, y) in blocks::cross_pairs(&docs).take(bound.max_comparisons as usize) {
            let (a, b) = (members[x], members[y]);
            {
                let (ca, cb) = (&an.claims[a], &an.claims[b]);
                let (ClaimKind::Role(ra), ClaimKind::Role(rb)) = (&ca.kind, &cb.kind) else {
                    continue;
                };
                if ca.doc != cb.doc
                    && ra.title == rb.title
                    && same_day(ca, cb)
                    && let (Some(ua), Some(ub)) = (&ra.unit, &rb.unit)
                    && units_differ(ua, ub)
                {
                    g.link(
                        a,
                        b,
                        Relation::Contradicts,
                        Aspect::Role,
                        format!(
                            "{} is \"{}\" of \"{ua}\" in one source, of \"{ub}\" in another",
                            an.entities.name(ra.person),
                            ra.title,
                        ),
                        1.0,
                    );
                    continue;
                }
                if ca.doc != cb.doc
                    && rank_variant(&ra.title, &rb.title)
                    && !changing.contains(&ra.title)
                    && !changing.contains(&rb.title)
                {
                    g.link(
                        a,
                        b,
                        Relation::Contradicts,
                        Aspect::Role,
                        format!(
                            "{} is \"{}\" in one source, \"{}\" in another",
                            an.entities.name(ra.person),
                            ra.title,
                            rb.title
                        ),
                        1.0,
                    );
                }
            }
        }
    }
    // A person's jurisdiction, from any role claim that names one.
    let mut person_j: HashMap<EntityId, String> = HashMap::new();
    for c in &an.claims {
        if let ClaimKind::Role(r) = &c.kind
            && let Some(j) = &r.jurisdiction
        {
            person_j
                .entry(r.person)
                .or_insert_with(|| jurisdiction_key(j));
        }
    }
    let current = |r: &crate::claim::Role| {
        r.qualifier
            .as_deref()
            .is_none_or(|q| q == "now" || q == "acting" || q == "interim")
    };
    let former = |r: &crate::claim::Role| {
        matches!(
            r.qualifier.as_deref(),
            Some("former" | "ex" | "outgoing" | "erstwhile")
        )
    };
    let mut blocks: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in an.claims.iter().enumerate() {
        if let ClaimKind::Role(r) = &c.kind
            && unique_office(&r.title)
            && (current(r) || former(r))
        {
            blocks.entry(r.title.as_str()).or_default().push(i);
        }
    }
    let jur = |r: &crate::claim::Role| {
        r.jurisdiction
            .as_deref()
            .map(jurisdiction_key)
            .or_else(|| person_j.get(&r.person).cloned())
    };
    for (title, members) in &blocks {
        let docs = docs_of(an, members.iter().copied());
        let total = blocks::cross_pair_count(&docs);
        let bound = bound.max_comparisons;
        if total > bound {
            g.skipped.push(Skipped {
                aspect: "office",
                block: title.to_string(),
                claims: members.len(),
                compared: bound,
                skipped: total - bound,
            });
        }
        // The block's members by document, for the holder named beside a former one.
        let mut by_doc: HashMap<DocIdx, Vec<usize>> = HashMap::new();
        for (&m, &d) in members.iter().zip(&docs) {
            by_doc.entry(d).or_default().push(m);
        }
        for (x, y) in blocks::cross_pairs(&docs).take(bound as usize) {
            let (a, b) = (members[x], members[y]);
            {
                let (ca, cb) = (&an.claims[a], &an.claims[b]);
                let (ClaimKind::Role(ra), ClaimKind::Role(rb)) = (&ca.kind, &cb.kind) else {
                    continue;
                };
                if ca.doc == cb.doc || changing.contains(&ra.title) || !same_day(ca, cb) {
                    continue;
                }
                let (ja, jb) = (jur(ra), jur(rb));
                let compatible = match (&ja, &jb) {
                    (Some(x), Some(y)) => x == y,
                    _ => true,
                };
                if !compatible {
                    continue;
                }
                let name = |e| an.entities.name(e);
                // One source calls the person the former holder, another the holder.
                let same_person = rep[&ra.person] == rep[&rb.person];
                if same_person && former(ra) != former(rb) {
                    g.link(
                        a,
                        b,
                        Relation::Contradicts,
                        Aspect::Role,
                        format!(
                            "{} is the {} in one source, the former one in another",
                            name(ra.person),
                            ra.title
                        ),
                        1.0,
                    );
                    // The holder named in the source that calls the person former.
                    let (former_doc, other) = if former(ra) { (ca.doc, a) } else { (cb.doc, b) };
                    for &m in by_doc.get(&former_doc).into_iter().flatten() {
                        let cm = &an.claims[m];
                        if let ClaimKind::Role(rm) = &cm.kind
                            && rep[&rm.person] != rep[&ra.person]
                            && current(rm)
                        {
                            g.link(
                                other,
                                m,
                                Relation::Contradicts,
                                Aspect::Role,
                                format!(
                                    "{} held by {} and {}",
                                    ra.title,
                                    name(ra.person),
                                    name(rm.person)
                                ),
                                1.0,
                            );
                        }
                    }
                    continue;
                }
                // Two people, each the current holder of one office in one jurisdiction.
                if !same_person && current(ra) && current(rb) && ja.is_some() && ja == jb {
                    g.link(
                        a,
                        b,
                        Relation::Contradicts,
                        Aspect::Role,
                        format!(
                            "{} held by {} and {}",
                            ra.title,
                            name(ra.person),
                            name(rb.person)
                        ),
                        1.0,
                    );
                }
            }
        }
    }
}

/// Text in, the linker's claims and edges out (see `graph::testing`).
#[cfg(test)]
mod linking {
    use crate::graph::Aspect::Role;
    use crate::graph::testing::link_dated;

    /// A page's time stamp ("7:15 PM CDT Sep 3") holds no person and no office: "PM"
    /// after a clock is not a prime minister, "CDT Sep" not a name.
    #[test]
    fn a_time_stamp_holds_no_person_and_no_office() {
        let l = link_dated(&[(
            "a",
            "Published 7:15 PM CDT Sep 3, 2031\nA ferry sank off Lornhaven, the coastguard said.",
        )]);
        assert_eq!(l.dump("person", &[]), "");
        assert_eq!(l.dump("role", &[Role]), "");
    }

    /// Two people, each the current holder of one office in one jurisdiction, on the same
    /// day.
    #[test]
    fn two_holders_of_one_office_contradict() {
        let l = link_dated(&[
            (
                "a",
                "Veldran Defence Minister Tomas Okafor ordered patrol boats to the harbour on Friday.",
            ),
            (
                "b",
                "Veldran Defence Minister Piet Calloway ordered patrol boats to the harbour on Friday.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("role", &[Role]), @r#"
        claim a:Veldran Defence Minister Tomas Okafor
        claim b:Veldran Defence Minister Piet Calloway
        contradicts role | a:Veldran Defence Minister Tomas Okafor | b:Veldran Defence Minister Piet Calloway | defence minister held by Tomas Okafor and Piet Calloway
        "#);
    }

    /// One person's title with and without a rank word: an assistant district attorney is
    /// not the district attorney.
    #[test]
    fn a_title_with_and_without_a_rank_contradicts() {
        let l = link_dated(&[
            (
                "a",
                "District Attorney Rosa Tamberg filed the charges on Friday.",
            ),
            (
                "b",
                "Assistant District Attorney Rosa Tamberg filed the charges on Friday.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("role", &[Role]), @r#"
        claim a:District Attorney Rosa Tamberg
        claim b:Assistant District Attorney Rosa Tamberg
        contradicts role | a:District Attorney Rosa Tamberg | b:Assistant District Attorney Rosa Tamberg | Rosa Tamberg is "district attorney" in one source, "assistant district attorney" in another
        "#);
    }

    /// A former holder and the current one are a succession: no edge.
    #[test]
    fn a_former_holder_beside_the_holder_is_not_linked() {
        let l = link_dated(&[
            (
                "a",
                "Veldran Defence Minister Tomas Okafor ordered patrol boats to the harbour on Friday.",
            ),
            (
                "b",
                "Former defence minister Piet Calloway criticised the order on Friday.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("role", &[Role]), @r#"
        claim a:Veldran Defence Minister Tomas Okafor
        claim b:defence minister Piet Calloway
        "#);
    }

    /// A title many people hold at once (shared-offices.txt): two holders are no
    /// contradiction.
    #[test]
    fn a_title_many_hold_is_not_one_office() {
        let l = link_dated(&[
            (
                "a",
                "Veldran Minister Tomas Okafor ordered patrol boats to the harbour on Friday.",
            ),
            (
                "b",
                "Veldran Minister Piet Calloway ordered patrol boats to the harbour on Friday.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("role", &[Role]), @r#"
        claim a:Veldran Minister Tomas Okafor
        claim b:Veldran Minister Piet Calloway
        "#);
    }
}

#[cfg(test)]
mod tests {
    use super::units_differ;

    #[test]
    fn units_that_name_different_parts_differ() {
        assert!(units_differ(
            "corvane's mobility division",
            "its industrial equipment group"
        ));
        assert!(units_differ("fast sensing group", "city networks"));
    }

    #[test]
    fn one_unit_told_shorter_or_two_bodies_do_not() {
        // The same part with and without its kind or owner.
        assert!(!units_differ("city networks", "the city networks group"));
        assert!(!units_differ(
            "corvane's mobility division",
            "its mobility unit"
        ));
        // Neither names a part of an organisation: both may be true.
        assert!(!units_differ(
            "the port authority",
            "the harbour contractors"
        ));
        // Only the kind of part, no words of its own.
        assert!(!units_differ("the division", "city networks"));
    }
}
