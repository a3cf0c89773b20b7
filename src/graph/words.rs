//! Spelling variants of capitalised words across the bundle ("Marenland" in two articles,
//! "Marrenland" in a third): places, organisations, given names and headline words, which
//! the person-name linker does not see. The comparison itself is
//! [`crate::compare::spelling::variant`]; this module finds the pairs to compare and
//! decides which documents may be compared.
//!
//! - Candidates come from the bundle's distinct capitalised words through their one-letter
//!   deletion neighbourhoods (two words one edit apart share one), so the work grows with
//!   the words, not with their pairs.
//! - The two spellings stand in different documents; or, inside one article, a rare
//!   spelling (at most [`SLIP_MAX`] times in the bundle) only ever stands beside a common
//!   one (at least three times as often): a slip of the keyboard ("Korval ... Korvla ...
//!   Korval"), not a second name.
//! - Some document with one spelling and some document with the other share at least
//!   [`STORY_TIE`] other distinctive capitalised words: in a mixed bundle, "Marlow" in one
//!   story and "Marlaw" in another are not one name.
//! - Names of people are left to the person-name linker when both spellings are people's
//!   names (it knows given names and surnames apart); declared spellings are accepted.

use super::{ClaimGraph, Node, spelling_edge};
use crate::analysis::Analysis;
use crate::compare::spelling;
use crate::document::Document;
use crate::span::Span;
use petgraph::graph::NodeIndex;
use std::collections::BTreeMap;

/// The most times a spelling may occur in the bundle to count as a slip beside a common
/// spelling in the same article.
pub const SLIP_MAX: usize = 2;

/// Distinctive capitalised words two documents must share to count as one story.
pub const STORY_TIE: usize = 2;

/// One spelling of a word, with its first occurrence in each document that uses it.
#[derive(Debug, Clone)]
pub struct WordForm {
    pub text: String,
    /// (document index, span of the first occurrence), in document order.
    pub first: Vec<(usize, Span)>,
    /// Occurrences in the whole bundle.
    pub count: usize,
}

/// A pair of spellings judged to be one word: indices into the forms, and why.
pub struct Variant {
    pub a: usize,
    pub b: usize,
    pub why: &'static str,
}

/// The bundle's capitalised words and the pairs that are spelling variants.
pub fn variants(an: &Analysis, documents: &[Document]) -> (Vec<WordForm>, Vec<Variant>) {
    use rayon::prelude::*;
    // Per document: each candidate word's first span, in text order.
    let per_doc: Vec<Vec<(&str, Span, usize)>> = documents
        .par_iter()
        .zip(&an.docs)
        .map(|(doc, da)| first_words(doc, da))
        .collect();
    let mut forms: BTreeMap<&str, WordForm> = BTreeMap::new();
    for (d, words) in per_doc.iter().enumerate() {
        for &(w, span, n) in words {
            let f = forms.entry(w).or_insert_with(|| WordForm {
                text: w.to_string(),
                first: Vec::new(),
                count: 0,
            });
            f.first.push((d, span));
            f.count += n;
        }
    }
    let forms: Vec<WordForm> = forms.into_values().collect();
    let index: foldhash::HashMap<&str, u32> = forms
        .iter()
        .enumerate()
        .map(|(i, f)| (f.text.as_str(), i as u32))
        .collect();
    // Per document, its distinctive words (not ordinary English or calendar words), as
    // sorted form ids.
    let distinctive: Vec<Vec<u32>> = per_doc
        .iter()
        .map(|ws| {
            let mut ids: Vec<u32> = ws
                .iter()
                .filter(|(w, _, _)| !crate::lexicon::with_lowercase(w, spelling::is_ordinary))
                .map(|(w, _, _)| index[w])
                .collect();
            ids.sort_unstable();
            ids
        })
        .collect();
    let (people, declared) = name_tokens(an);
    let mut out = Vec::new();
    for (a, b) in candidate_pairs(&forms) {
        let (fa, fb) = (&forms[a], &forms[b]);
        let Some(why) = spelling::variant(&fa.text, &fb.text) else {
            continue;
        };
        let (la, lb) = (
            crate::entities::fold(&fa.text),
            crate::entities::fold(&fb.text),
        );
        if declared.contains(&la) || declared.contains(&lb) {
            continue;
        }
        if people.contains(&la) && people.contains(&lb) {
            continue;
        }
        let docs_a: Vec<usize> = fa.first.iter().map(|&(d, _)| d).collect();
        let docs_b: Vec<usize> = fb.first.iter().map(|&(d, _)| d).collect();
        if docs_a.iter().any(|d| docs_b.contains(d)) {
            if slip(fa, fb) || slip(fb, fa) {
                out.push(Variant {
                    a,
                    b,
                    why: "spelling inside one article",
                });
            }
            continue;
        }
        let (ia, ib) = (a as u32, b as u32);
        let tied = docs_a.iter().any(|&x| {
            docs_b
                .iter()
                .any(|&y| shared(&distinctive[x], &distinctive[y], [ia, ib]) >= STORY_TIE)
        });
        if tied {
            out.push(Variant { a, b, why });
        }
    }
    (forms, out)
}

/// Is `rare` a slip beside `common`: rare in the bundle, far rarer than `common`, and in
/// no document without it?
fn slip(rare: &WordForm, common: &WordForm) -> bool {
    rare.count <= SLIP_MAX
        && common.count >= 3 * rare.count
        && rare
            .first
            .iter()
            .all(|(d, _)| common.first.iter().any(|(c, _)| c == d))
}

/// The candidate words of one document's content paragraphs, each with its first span
/// and how often it occurs there.
fn first_words<'t>(
    doc: &'t Document,
    da: &crate::analysis::DocAnalysis,
) -> Vec<(&'t str, Span, usize)> {
    let mut seen: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
    let mut out: Vec<(&str, Span, usize)> = Vec::new();
    for region in da.seg.content_regions() {
        let text = region.slice(&doc.text);
        for (start, word) in words(text) {
            if !spelling::is_candidate(word) {
                continue;
            }
            match seen.get(word) {
                Some(&k) => out[k].2 += 1,
                None => {
                    seen.insert(word, out.len());
                    let s = region.start + start;
                    out.push((word, Span::new(s, s + word.len()), 1));
                }
            }
        }
    }
    out
}

/// Runs of letters in `text`, with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// How many ids two sorted lists share, leaving out `skip`; stops counting at the tie.
fn shared(x: &[u32], y: &[u32], skip: [u32; 2]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < x.len() && j < y.len() && n < STORY_TIE {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if !skip.contains(&x[i]) {
                    n += 1;
                }
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Folded name tokens of the bundle's people, and of every declared entity.
fn name_tokens(an: &Analysis) -> (foldhash::HashSet<String>, foldhash::HashSet<String>) {
    use crate::mentions::MentionKind;
    let mut people = foldhash::HashSet::default();
    let mut declared = foldhash::HashSet::default();
    for e in &an.entities.entities {
        if e.declared {
            for n in std::iter::once(&e.canonical).chain(&e.aliases) {
                declared.extend(n.split_whitespace().map(crate::entities::fold));
            }
        }
        if e.kind == MentionKind::Person {
            people.insert(crate::entities::fold(&e.surname));
            people.extend(e.given.iter().map(|g| crate::entities::fold(g)));
        }
    }
    (people, declared)
}

/// Pairs (a, b), a < b, of forms one deletion neighbourhood apart, each once, sorted.
fn candidate_pairs(forms: &[WordForm]) -> Vec<(usize, usize)> {
    use std::hash::BuildHasher;
    // A fixed seed: the same keys on every run (a collision only adds a pair that
    // `spelling::variant` rejects).
    let hasher = foldhash::fast::FixedState::with_seed(0x5eed);
    let hash = |s: &[char]| hasher.hash_one(s);
    let mut keys: Vec<(u64, u32)> = Vec::new();
    for (i, f) in forms.iter().enumerate() {
        let w: Vec<char> = crate::entities::fold(&f.text).chars().collect();
        keys.push((hash(&w), i as u32));
        for k in 0..w.len() {
            let mut v = w.clone();
            v.remove(k);
            keys.push((hash(&v), i as u32));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    let mut pairs = Vec::new();
    for run in keys.chunk_by(|x, y| x.0 == y.0) {
        for (k, &(_, x)) in run.iter().enumerate() {
            for &(_, y) in &run[k + 1..] {
                if x != y {
                    pairs.push((x.min(y) as usize, x.max(y) as usize));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Capitalised words spelled two ways (this module): each spelling in a pair becomes a
/// node,
/// and the pair a name-spelling contradiction.
pub(super) fn link(g: &mut ClaimGraph, an: &Analysis, documents: &[Document]) {
    let (forms, variants) = variants(an, documents);
    let mut node_of: BTreeMap<usize, NodeIndex> = BTreeMap::new();
    for v in variants {
        let mut node = |f: usize, g: &mut ClaimGraph| {
            *node_of.entry(f).or_insert_with(|| {
                g.words.push(forms[f].clone());
                g.graph.add_node(Node::Word(g.words.len() - 1))
            })
        };
        let (na, nb) = (node(v.a, g), node(v.b, g));
        let (ta, tb) = (&forms[v.a].text, &forms[v.b].text);
        spelling_edge(
            g,
            na,
            nb,
            format!("{} two ways: {ta} / {tb}", v.why),
            ta,
            tb,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_carry_their_offsets() {
        let t = "In Marenland, the Harbour's board met.";
        let ws: Vec<(usize, &str)> = words(t).collect();
        for (i, w) in &ws {
            assert_eq!(&t[*i..*i + w.len()], *w);
        }
        assert!(ws.iter().any(|(_, w)| *w == "Marenland"));
    }

    #[test]
    fn pairs_one_edit_apart_share_a_key() {
        let forms: Vec<WordForm> = ["Marenland", "Marrenland", "Harbourton", "Marenlnad"]
            .iter()
            .map(|w| WordForm {
                text: w.to_string(),
                first: vec![],
                count: 1,
            })
            .collect();
        let p = candidate_pairs(&forms);
        assert!(p.contains(&(0, 1)), "{p:?}");
        assert!(p.contains(&(0, 3)), "transposition: {p:?}");
        assert!(!p.iter().any(|&(a, b)| a == 2 || b == 2), "{p:?}");
    }

    #[test]
    fn a_slip_is_rare_and_only_beside_the_common_spelling() {
        let form = |t: &str, docs: &[usize], count| WordForm {
            text: t.into(),
            first: docs.iter().map(|&d| (d, Span::new(0, 0))).collect(),
            count,
        };
        let common = form("Korval", &[0, 1, 2], 9);
        assert!(slip(&form("Korvla", &[1], 1), &common));
        assert!(slip(&form("Korvla", &[1, 2], 2), &common));
        // Three times: a second name, not a slip.
        assert!(!slip(&form("Korvla", &[1], 3), &common));
        // In an article without the common spelling.
        assert!(!slip(&form("Korvla", &[3], 1), &common));
        // Not far rarer.
        assert!(!slip(&form("Korvla", &[1], 2), &form("Korval", &[1], 4)));
    }

    #[test]
    fn shared_counts_up_to_the_tie_and_skips() {
        assert_eq!(shared(&[1, 2, 3, 4], &[2, 3, 4, 9], [9, 9]), STORY_TIE);
        assert_eq!(shared(&[1, 2, 3], &[2, 3], [2, 9]), 1);
        assert_eq!(shared(&[], &[1], [0, 0]), 0);
    }
}

/// Text in, the linker's claims and edges out (see `graph::testing`).
#[cfg(test)]
mod linking {
    use crate::graph::Aspect::NameSpelling;
    use crate::graph::testing::link_dated;

    /// A capitalised word (not a person's name) spelled two ways in two articles of one
    /// story: word nodes and an edge.
    #[test]
    fn a_place_word_spelled_two_ways_contradicts() {
        let l = link_dated(&[
            (
                "a",
                "The Harbourton council met in Lindmark on Friday to discuss the Tarnwick Bridge.",
            ),
            (
                "b",
                "The Harbourton council met in Lindmark on Friday to discuss the Tarnwik Bridge.",
            ),
        ]);
        insta::assert_snapshot!(
            l.dump("", &[NameSpelling]),
            @"contradicts name-spelling | word:Tarnwick | word:Tarnwik | spelling two ways: Tarnwick / Tarnwik"
        );
    }

    /// Two spellings in articles that share no other distinctive word (two stories): no
    /// edge.
    #[test]
    fn spellings_in_unrelated_stories_are_not_linked() {
        let l = link_dated(&[
            (
                "a",
                "Ships bound for Marenland were turned back on Friday, the port authority said.",
            ),
            (
                "b",
                "The farmers of Marrenland sold their apples at the autumn market.",
            ),
        ]);
        // Both spellings are candidate words; they are not paired.
        let (forms, _) = super::variants(&l.analysis, &l.bundle.documents);
        let seen: Vec<&str> = forms.iter().map(|f| f.text.as_str()).collect();
        assert!(
            seen.contains(&"Marenland") && seen.contains(&"Marrenland"),
            "{seen:?}"
        );
        insta::assert_snapshot!(l.dump("", &[NameSpelling]), @"");
    }
}
