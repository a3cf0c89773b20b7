//! The name-spelling aspect for people: two people whose names are one spelling apart
//! ([`crate::compare::names::spelling_variant`]), blocked by the surname's first letter
//! or, in a large bundle, by surname deletion neighbourhoods. *It does not* merge the
//! two (entity resolution keeps them apart) nor judge capitalised words that are not
//! people's names ([`super::words`]).

use super::{ClaimGraph, spelling_edge};
use crate::analysis::Analysis;
use crate::compare::names;
use std::collections::BTreeMap;

/// People whose names are one spelling apart; blocked by the first letter of the surname
/// (surname variants) and by the surname (given-name variants).
pub(super) fn link(g: &mut ClaimGraph, an: &Analysis) {
    let people: Vec<_> = an
        .entities
        .entities
        .iter()
        .filter(|e| {
            use crate::mentions::MentionKind as K;
            // Unknown single words too: a bare surname not taken for a person.
            (e.kind == K::Person || (e.kind == K::Unknown && !e.canonical.contains(' ')))
                && !e.surname.is_empty()
        })
        .collect();
    let surnames: Vec<&str> = people.iter().map(|e| e.surname.as_str()).collect();
    // `name_pairs` gives each pair of people once, in order; the pairs are judged in
    // parallel and linked in that order (the graph does not depend on the thread count).
    let mut pairs = name_pairs(&surnames);
    pairs.extend(bare_speaker_pairs(&people, &pairs));
    let variants: Vec<(usize, usize, String)> = {
        use rayon::prelude::*;
        pairs
            .par_iter()
            .filter_map(|&(a, b)| names::spelling_variant(people[a], people[b]).map(|w| (a, b, w)))
            .collect()
    };
    for (a, b, what) in variants {
        let (ea, eb) = (people[a], people[b]);
        let (na, nb) = (g.entity_nodes[&ea.id], g.entity_nodes[&eb.id]);
        let reason = format!(
            "{what} spelled two ways: {} / {}",
            ea.canonical, eb.canonical
        );
        spelling_edge(g, na, nb, reason, &ea.canonical, &eb.canonical);
    }
}

/// Pairs the surname blocks miss: a bare surname taken for a person ("Wu said") and each
/// person introduced in full in the same article, whatever their initials ("Mei Wo"), for
/// the in-article slip of [`names::spelling_variant`]. Sorted, without the pairs given.
fn bare_speaker_pairs(
    people: &[&crate::entities::Entity],
    given: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    use crate::mentions::MentionKind as K;
    let mut introduced_in: BTreeMap<&crate::document::DocId, Vec<usize>> = BTreeMap::new();
    for (i, e) in people.iter().enumerate() {
        if e.kind == K::Person && !e.given.is_empty() {
            for d in &e.documents {
                introduced_in.entry(d).or_default().push(i);
            }
        }
    }
    let known: std::collections::BTreeSet<(usize, usize)> = given.iter().copied().collect();
    let mut out = std::collections::BTreeSet::new();
    for (x, e) in people.iter().enumerate() {
        if e.kind != K::Person || !e.given.is_empty() || e.canonical.contains(' ') {
            continue;
        }
        for d in &e.documents {
            for &y in introduced_in.get(d).into_iter().flatten() {
                let pair = (x.min(y), x.max(y));
                if x != y && !known.contains(&pair) {
                    out.insert(pair);
                }
            }
        }
    }
    out.into_iter().collect()
}

/// Pairs (a, b), a < b, each once, of people to compare for spelling variants, in the order
/// of the
/// blocks by the surname's first letter. Few people: every pair of a block. Many: only the
/// pairs that can be variants ([`names::spelling_variant`]: the same surname, or surnames
/// of at least four letters at most two edits apart), found through the strings left by
/// deleting up to two letters from each surname (two strings that many edits apart share
/// one), so the work grows with the people, not with their pairs.
fn name_pairs(surnames: &[&str]) -> Vec<(usize, usize)> {
    let initial = |s: &str| -> String { s.chars().take(1).collect() };
    if surnames.len() <= 256 {
        let mut blocks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, s) in surnames.iter().enumerate() {
            blocks.entry(initial(s)).or_default().push(i);
        }
        return blocks
            .values()
            .flat_map(|m| {
                m.iter()
                    .enumerate()
                    .flat_map(move |(k, &a)| m[k + 1..].iter().map(move |&b| (a, b)))
            })
            .collect();
    }
    let mut by_surname: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, s) in surnames.iter().enumerate() {
        by_surname.entry(s).or_default().push(i);
    }
    let mut out: Vec<(usize, usize)> = Vec::new();
    for people in by_surname.values() {
        for (k, &a) in people.iter().enumerate() {
            out.extend(people[k + 1..].iter().map(|&b| (a, b)));
        }
    }
    let distinct: Vec<&str> = by_surname.keys().copied().collect();
    // Each surname's deletion neighbourhood as 64-bit hashes (a fixed seed, so the same
    // on every run), built in parallel, then sorted: runs of one hash are the surnames
    // sharing that string. A collision only adds a pair that `spelling_variant` rejects.
    let mut keys: Vec<(u64, u32)> = {
        use rayon::prelude::*;
        distinct
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, s)| deletion_hashes(s).into_iter().map(move |h| (h, i as u32)))
            .collect()
    };
    keys.sort_unstable();
    keys.dedup();
    let distinct_initial: Vec<Option<char>> = distinct.iter().map(|s| s.chars().next()).collect();
    let mut close: Vec<(usize, usize)> = Vec::new();
    for run in keys.chunk_by(|x, y| x.0 == y.0) {
        for (k, &(_, x)) in run.iter().enumerate() {
            for &(_, y) in &run[k + 1..] {
                let (x, y) = (x as usize, y as usize);
                if distinct_initial[x] == distinct_initial[y] {
                    close.push((x.min(y), x.max(y)));
                }
            }
        }
    }
    close.sort_unstable();
    close.dedup();
    for (x, y) in close {
        for &a in &by_surname[distinct[x]] {
            for &b in &by_surname[distinct[y]] {
                out.push((a.min(b), a.max(b)));
            }
        }
    }
    // By the surname's first letter (no letter first, as the block keys sort), then pair.
    let first: Vec<Option<char>> = surnames.iter().map(|s| s.chars().next()).collect();
    out.sort_unstable_by_key(|&(a, b)| (first[a], a, b));
    out
}

/// Hashes of `s` and of the strings left by deleting one character of it (four
/// letters) or up to two (five or more); none for shorter surnames. The strings are
/// hashed, never built.
fn deletion_hashes(s: &str) -> Vec<u64> {
    use std::hash::{BuildHasher, Hasher};
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    if n <= 3 {
        return Vec::new();
    }
    let state = foldhash::fast::FixedState::with_seed(0x636c_6169_6d67_7270);
    let hash = |skip: [usize; 2]| {
        let mut h = state.build_hasher();
        for (_, c) in chars.iter().enumerate().filter(|(k, _)| !skip.contains(k)) {
            h.write_u32(*c as u32);
        }
        h.finish()
    };
    let mut out = vec![hash([usize::MAX; 2])];
    for x in 0..n {
        out.push(hash([x, usize::MAX]));
        if n >= 5 {
            for y in x + 1..n {
                out.push(hash([x, y]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The indexed candidate pairs hold every pair of the full blocks that can be a
    /// spelling variant, in the same order.
    #[test]
    fn name_pairs_index_keeps_every_close_pair() {
        let stems = [
            "brennholt",
            "brenholt",
            "brennhlot",
            "korval",
            "korvall",
            "kroval",
        ];
        let mut names: Vec<String> = Vec::new();
        for i in 0..300 {
            names.push(format!(
                "{}{}",
                stems[i % stems.len()],
                ["", "a", "ab"][i % 3]
            ));
        }
        names.extend(["li", "lu", "berg", "borg", "bergg", "ølund", "ølunde"].map(String::from));
        let surnames: Vec<&str> = names.iter().map(String::as_str).collect();
        assert!(surnames.len() > 256);
        let indexed = name_pairs(&surnames);
        // The full blocks, filtered to pairs that can be variants.
        let initial = |s: &str| -> String { s.chars().take(1).collect() };
        let mut expected = Vec::new();
        let mut blocks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, s) in surnames.iter().enumerate() {
            blocks.entry(initial(s)).or_default().push(i);
        }
        for m in blocks.values() {
            for (k, &a) in m.iter().enumerate() {
                for &b in &m[k + 1..] {
                    let (x, y) = (surnames[a], surnames[b]);
                    let n = x.chars().count().min(y.chars().count());
                    let d = strsim::damerau_levenshtein(x, y);
                    if x == y || (n >= 4 && d <= 2) {
                        expected.push((a, b));
                    }
                }
            }
        }
        let got: Vec<(usize, usize)> = indexed
            .into_iter()
            .filter(|p| {
                expected
                    .binary_search_by(|e| {
                        let key = |q: &(usize, usize)| (initial(surnames[q.0]), q.0, q.1);
                        key(e).cmp(&key(p))
                    })
                    .is_ok()
            })
            .collect();
        assert_eq!(got, expected);
    }
}

/// Text in, the linker's claims and edges out (see `graph::testing`).
#[cfg(test)]
mod linking {
    use crate::graph::Aspect::NameSpelling;
    use crate::graph::testing::link_dated;

    /// One person's surname spelled two ways in two articles: an edge between the two
    /// entities.
    #[test]
    fn a_surname_spelled_two_ways_contradicts() {
        let l = link_dated(&[
            (
                "a",
                "Harbourton, May 9 (Wire) Foreign Minister Ilse Marrick arrived on Friday. Marrick said little.",
            ),
            (
                "b",
                "Harbourton, May 9 (Post) Foreign Minister Ilse Marick arrived on Friday.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("person", &[NameSpelling]), @r#"
        person Ilse Marrick
        person Ilse Marick
        contradicts name-spelling | entity:Ilse Marrick | entity:Ilse Marick | surname spelled two ways: Ilse Marrick / Ilse Marick
        "#);
    }

    /// The same spelling everywhere, and a second person with another surname: no edge.
    #[test]
    fn one_spelling_and_another_person_are_not_linked() {
        let l = link_dated(&[
            (
                "a",
                "Harbourton, May 9 (Wire) Foreign Minister Ilse Marrick arrived on Friday.",
            ),
            (
                "b",
                "Harbourton, May 9 (Post) Foreign Minister Ilse Marrick and her deputy Ilse Marner arrived.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("person", &[NameSpelling]), @r#"
        person Ilse Marrick
        person Ilse Marner
        "#);
    }

    /// One surname with two unrelated given names is two people, not a spelling: no edge.
    #[test]
    fn given_names_that_disagree_are_two_people() {
        let l = link_dated(&[
            (
                "a",
                "Harbourton, May 9 (Wire) Foreign Minister Ilse Marrick arrived on Friday.",
            ),
            (
                "b",
                "Harbourton, May 9 (Post) Police Chief Piet Marick arrived on Friday.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("person", &[NameSpelling]), @r#"
        person Ilse Marrick
        person Piet Marick
        "#);
    }
}
