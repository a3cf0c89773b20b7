//! The quotation aspects: wording (one speaker's quotations across documents: verbatim
//! and excerpts agree, the best mutual rewording contradicts; one statement reworded
//! across speakers that may be one) and speaker (the same words given to two named
//! people). Blocks are the speaker (spelling variants joined) and rare word trigrams.
//! *It does not* find or compare quotations itself: that is `crate::quotes`.

use super::blocks::{self, Bound, Classes, Skipped};
use super::{Aspect, ClaimGraph, Reason, Relation, docs_of, speaker_clusters};
use crate::analysis::Analysis;
use crate::claim::ClaimKind;
use crate::document::{DocIdx, Document};
use crate::entities::EntityId;
use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeMap;

/// Quotes by the same speaker in different documents: verbatim and excerpts agree; the
/// best mutual match that is worded differently contradicts. The same words given to
/// two different people contradict on the speaker.
pub(super) fn link(g: &mut ClaimGraph, an: &Analysis, documents: &[Document], bound: Bound) {
    let text_of = |c: &crate::claim::Claim| documents[c.doc.index()].text.as_str();
    let words: Vec<(usize, &crate::claim::Quote, std::borrow::Cow<str>)> = an
        .claims
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match &c.kind {
            ClaimKind::Quote(q) => Some((i, &**q, q.words_in(text_of(c)))),
            _ => None,
        })
        .collect();
    let quotes: Vec<(usize, &crate::claim::Quote, &str)> =
        words.iter().map(|(i, q, w)| (*i, *q, w.as_ref())).collect();
    if quotes.is_empty() {
        return;
    }
    // Each quotation analysed once, not once per pair, its stems numbered and weighed
    // once against the bundle's lines (topic words of the bundle weigh less when
    // comparing wordings).
    let texts: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
    let said: Vec<&str> = quotes.iter().map(|(_, _, w)| *w).collect();
    let prepared = crate::quotes::Quotations::new(&said, &texts);
    // Quotations worded alike compare alike (a comparison reads only the wording and the
    // bundle's weights): each block compares a pair of wordings once. Wire rewrites
    // repeat a quotation word for word across a story's articles.
    let wording: Vec<u32> = {
        let mut ids: HashMap<&str, u32> = HashMap::with_capacity(quotes.len());
        quotes
            .iter()
            .map(|(_, _, w)| {
                let next = ids.len() as u32;
                *ids.entry(w).or_insert(next)
            })
            .collect()
    };
    let rep = speaker_clusters(g, an);
    let mut blocks: BTreeMap<EntityId, Vec<usize>> = BTreeMap::new();
    for (k, (_, q, _)) in quotes.iter().enumerate() {
        if let Some(s) = q.speaker {
            blocks.entry(rep[&s]).or_default().push(k);
        }
    }
    // Blocks are scored in parallel, then linked in block order (the graph does not
    // depend on the thread count).
    let scored_blocks: Vec<ScoredQuotes> = {
        use rayon::prelude::*;
        let list: Vec<&Vec<usize>> = blocks.values().collect();
        list.par_iter()
            .map(|members| {
                let docs = docs_of(an, members.iter().map(|&k| quotes[k].0));
                // A pair under the rewording threshold changes no edge: its similarity is
                // only weighed against reworded pairs' (the best counterpart), all above it.
                let floor = crate::quotes::REWORDED_THRESHOLD;
                let compare = |a: usize, b: usize| prepared.compare_over(a, b, true, floor);
                if blocks::cross_pair_count(&docs) <= bound.max_comparisons {
                    let mut memo: HashMap<(u32, u32), crate::quotes::QuoteComparison> =
                        HashMap::new();
                    // Only pairs that may make an edge are kept until the block is linked:
                    // a different pair under the floor is never a counterpart that beats
                    // a rewording (most of a speaker's pairs).
                    let pairs = blocks::cross_pairs(&docs)
                        .filter(|&(x, y)| docs[x] != docs[y])
                        .map(|(x, y)| {
                            let (a, b) = (members[x], members[y]);
                            let c = *memo
                                .entry((wording[a], wording[b]))
                                .or_insert_with(|| compare(a, b));
                            (a, b, c)
                        })
                        .filter(|(_, _, c)| {
                            c.relation != crate::quotes::QuoteRelation::Different
                                || c.similarity >= floor
                        })
                        .collect();
                    return ScoredQuotes::Pairs(pairs);
                }
                // Too many pairs: one comparison per pair of wordings.
                let classes = Classes::new(members.iter().map(|&k| quotes[k].2));
                let (pairs, skipped) = classes.pairs(&docs, bound);
                let compared = pairs
                    .par_iter()
                    .map(|&(i, j)| {
                        let (a, b) = (
                            members[classes.members[i][0]],
                            members[classes.members[j][0]],
                        );
                        (i, j, compare(a, b))
                    })
                    .collect();
                ScoredQuotes::Classes {
                    classes,
                    compared,
                    skipped,
                }
            })
            .collect()
    };
    let agreements = Agreements::new(g);
    for (scored, (speaker, members)) in scored_blocks.into_iter().zip(&blocks) {
        let scored = match scored {
            ScoredQuotes::Pairs(p) => p,
            ScoredQuotes::Classes {
                classes,
                compared,
                skipped,
            } => {
                link_quote_classes(g, an, &quotes, members, &classes, &compared, &agreements);
                if skipped > 0 {
                    g.skipped.push(Skipped {
                        aspect: "quote wording",
                        block: an.entities.name(*speaker).to_string(),
                        claims: members.len(),
                        compared: compared.len() as u64,
                        skipped,
                    });
                }
                continue;
            }
        };
        // Best counterpart of each quote in each other document.
        let mut best: HashMap<(usize, DocIdx), f64> = HashMap::new();
        for (a, b, c) in &scored {
            let (da, db) = (an.claims[quotes[*a].0].doc, an.claims[quotes[*b].0].doc);
            let e = best.entry((*a, db)).or_insert(0.0);
            *e = e.max(c.similarity);
            let e = best.entry((*b, da)).or_insert(0.0);
            *e = e.max(c.similarity);
        }
        for (a, b, c) in scored {
            let (ia, ib) = (quotes[a].0, quotes[b].0);
            use crate::quotes::QuoteRelation as R;
            match c.relation {
                R::Verbatim | R::Excerpt | R::Typo => {
                    let reason = agreements.reason(g, &c);
                    g.link(
                        ia,
                        ib,
                        Relation::Agrees,
                        Aspect::QuoteWording,
                        reason,
                        c.similarity,
                    );
                }
                R::Reworded => {
                    let (da, db) = (an.claims[ia].doc, an.claims[ib].doc);
                    let mutual = best.get(&(a, db)).is_some_and(|s| *s <= c.similarity)
                        && best.get(&(b, da)).is_some_and(|s| *s <= c.similarity);
                    if mutual {
                        g.link(
                            ia,
                            ib,
                            Relation::Contradicts,
                            Aspect::QuoteWording,
                            quote_rewording(&c),
                            c.similarity,
                        );
                    }
                }
                R::Different => {}
            }
        }
    }
    // Each quotation's speaker phrase as written ("said Ana Ruiz and Tomas Held"), for
    // telling a named speaker from an inferred one.
    let frames: Vec<&str> = quotes
        .iter()
        .map(|&(i, q, _)| {
            let text = text_of(&an.claims[i]);
            q.speaker_span
                .map_or("", |s| crate::quotes::with_coordinated(text, s).slice(text))
        })
        .collect();
    link_misattributed(g, an, &quotes, &prepared, &rep, &frames, bound);
}

/// One speaker's quotations compared: every cross-document pair (as quote positions),
/// or, for a block too large for that, one comparison per pair of wordings.
enum ScoredQuotes {
    Pairs(Vec<(usize, usize, crate::quotes::QuoteComparison)>),
    Classes {
        classes: Classes,
        /// (class, class, comparison of their first members)
        compared: Vec<(usize, usize, crate::quotes::QuoteComparison)>,
        skipped: u64,
    },
}

/// The agreements' reasons (the relation's name), one copy each for all their edges.
struct Agreements([Reason; 3]);

impl Agreements {
    fn new(g: &mut ClaimGraph) -> Self {
        Agreements(["verbatim", "excerpt", "typo"].map(|r| g.because(r)))
    }

    fn reason(&self, g: &mut ClaimGraph, c: &crate::quotes::QuoteComparison) -> Reason {
        use crate::quotes::QuoteRelation as R;
        match c.relation {
            R::Verbatim => self.0[0],
            R::Excerpt => self.0[1],
            R::Typo => self.0[2],
            r => g.because(format!("{r:?}").to_lowercase()),
        }
    }
}

fn quote_rewording(c: &crate::quotes::QuoteComparison) -> String {
    format!(
        "reworded (similarity {:.2}, {} content words shared)",
        c.similarity, c.shared_content_words
    )
}

/// [`link`] for a block split into wordings: a rewording contradicts between the
/// members of two wordings whose documents hold no closer counterpart (the best mutual
/// match, as for pairs, with a document's best counterpart taken over wordings).
fn link_quote_classes(
    g: &mut ClaimGraph,
    an: &Analysis,
    quotes: &[(usize, &crate::claim::Quote, &str)],
    members: &[usize],
    classes: &Classes,
    compared: &[(usize, usize, crate::quotes::QuoteComparison)],
    agreements: &Agreements,
) {
    let docs = docs_of(an, members.iter().map(|&k| quotes[k].0));
    // Each wording's documents, once each.
    let class_docs: Vec<Vec<DocIdx>> = classes
        .members
        .iter()
        .map(|m| {
            let mut d: Vec<DocIdx> = m.iter().map(|&x| docs[x]).collect();
            d.sort_unstable();
            d.dedup();
            d
        })
        .collect();
    // Best counterpart of each wording in each document.
    let mut best: HashMap<(usize, DocIdx), f64> = HashMap::new();
    for &(i, j, c) in compared {
        for (from, to) in [(i, j), (j, i)] {
            for &d in &class_docs[to] {
                let e = best.entry((from, d)).or_insert(0.0);
                *e = e.max(c.similarity);
            }
        }
    }
    let claim = |x: usize| quotes[members[x]].0;
    use crate::quotes::QuoteRelation as R;
    for &(i, j, c) in compared {
        let edges = match c.relation {
            R::Verbatim | R::Excerpt | R::Typo => classes.star(i, j, &docs),
            R::Reworded if i != j => {
                let mutual = |mine: usize, other: usize| -> Vec<usize> {
                    classes.members[mine]
                        .iter()
                        .copied()
                        .filter(|&x| {
                            best.get(&(other, docs[x]))
                                .is_some_and(|s| *s <= c.similarity)
                        })
                        .collect()
                };
                blocks::star(&mutual(i, j), &mutual(j, i), false, &docs)
            }
            _ => continue,
        };
        let (relation, reason) = if c.relation == R::Reworded {
            (Relation::Contradicts, g.because(quote_rewording(&c)))
        } else {
            (Relation::Agrees, agreements.reason(g, &c))
        };
        for (x, y) in edges {
            g.link(
                claim(x),
                claim(y),
                relation,
                Aspect::QuoteWording,
                reason,
                c.similarity,
            );
        }
    }
}

/// Near-verbatim quotes given to two different people. Blocked by rare word trigrams.
fn link_misattributed(
    g: &mut ClaimGraph,
    an: &Analysis,
    quotes: &[(usize, &crate::claim::Quote, &str)],
    prepared: &crate::quotes::Quotations,
    rep: &HashMap<EntityId, EntityId>,
    frames: &[&str],
    bound: Bound,
) {
    let docs = docs_of(an, quotes.iter().map(|q| q.0));
    let each: Vec<Vec<usize>> = (0..quotes.len()).map(|k| vec![k]).collect();
    let mut units = each;
    let mut shared = shared_trigrams(quotes, &units, &docs, rep, bound);
    if shared.crowded.lists > 0 || shared.sub_blocked {
        // A trigram in more quotations than a block may hold (a quotation repeated by
        // many sources): one unit per speaker and wording, so repeats count once.
        let classes = Classes::new(
            quotes
                .iter()
                .map(|(_, q, w)| (q.speaker, &q.normalised, *w)),
        );
        units = classes.members;
        shared = shared_trigrams(quotes, &units, &docs, rep, bound);
    }
    let Shared {
        pairs: shared,
        crowded,
        ..
    } = shared;
    if crowded.lists > 0 {
        g.skipped.push(Skipped {
            aspect: "quote speaker",
            block: format!(
                "{} word trigrams each shared by over {MAX_POSTINGS} wordings",
                crowded.lists
            ),
            claims: quotes.len(),
            compared: shared.len() as u64,
            skipped: crowded.pairs,
        });
    }
    let is_person = |e: EntityId| an.entities.get(e).kind == crate::mentions::MentionKind::Person;
    for ((ua, ub), n) in shared {
        if n < 3 {
            continue;
        }
        let (a, b) = (units[ua][0], units[ub][0]);
        let ((ia, qa, _), (ib, qb, _)) = (quotes[a], quotes[b]);
        if may_be_one_speaker(an, rep, (qa.speaker, frames[a]), (qb.speaker, frames[b])) {
            link_same_statement(g, quotes, prepared, &units[ua], &units[ub], &docs);
        }
        let (Some(sa), Some(sb)) = (qa.speaker, qb.speaker) else {
            continue;
        };
        let one_each = units[ua].len() == 1 && units[ub].len() == 1;
        if rep[&sa] == rep[&sb]
            || !is_person(sa)
            || !is_person(sb)
            || one_each && an.claims[ia].doc == an.claims[ib].doc
        {
            continue;
        }
        // Giving words to the wrong person is a grave charge: both speakers must be named
        // where the words are quoted (not inferred from a pronoun or an earlier quotation),
        // and a joint statement ("said Ruiz and Held") is both people's.
        let named = |f: &str| crate::quotes::names_someone(f);
        // Two people of one surname ("Ana Dole" / "Rita Dole") are told apart by the
        // given name: a frame naming one of them does not name the other.
        let one_surname = {
            let (ea, eb) = (an.entities.get(sa), an.entities.get(sb));
            !ea.surname.is_empty() && ea.surname == eb.surname
        };
        if one_surname && !distinct_given_names(an.entities.name(sa), an.entities.name(sb)) {
            continue;
        }
        let names_other = |f: &str, e: EntityId| {
            let s = &an.entities.get(e).surname;
            let given = an.entities.name(e).split_whitespace().next().unwrap_or("");
            let word = if one_surname { given } else { s.as_str() };
            !word.is_empty() && crate::quotes::mentions_word(f, word)
        };
        if !named(frames[a])
            || !named(frames[b])
            || names_other(frames[a], sb)
            || names_other(frames[b], sa)
        {
            continue;
        }
        let c = prepared.compare(a, b, false);
        // The same statement, not a shared phrase: one quote must cover most of the other,
        // and be long enough to be a statement of its own.
        let (la, lb) = (
            qa.normalised.split_whitespace().count(),
            qb.normalised.split_whitespace().count(),
        );
        let coverage = la.min(lb) as f64 / la.max(lb).max(1) as f64;
        let same_words = matches!(
            c.relation,
            crate::quotes::QuoteRelation::Verbatim | crate::quotes::QuoteRelation::Excerpt
        ) || c.similarity >= 0.9;
        if same_words && coverage >= 0.6 && la.min(lb) >= 8 {
            let reason = g.because(format!(
                "the same words, given to {} and {}",
                an.entities.name(sa),
                an.entities.name(sb)
            ));
            for (x, y) in blocks::star(&units[ua], &units[ub], false, &docs) {
                g.link(
                    quotes[x].0,
                    quotes[y].0,
                    Relation::Contradicts,
                    Aspect::QuoteSpeaker,
                    reason,
                    c.similarity,
                );
            }
        }
    }
}

/// Two full names whose given names are plainly different ("Ana Dole" / "Rita Dole"): not
/// an initial, a short form of the other ("Kat"/"Katherine") or a nickname of it
/// (`rules/lexicon/hypocorisms.tsv`).
fn distinct_given_names(a: &str, b: &str) -> bool {
    let given = |n: &str| {
        let mut w = n.split_whitespace();
        let first = w.next()?;
        w.next().map(|_| first.trim_end_matches('.').to_lowercase())
    };
    let (Some(x), Some(y)) = (given(a), given(b)) else {
        return false;
    };
    x.chars().count() > 1
        && y.chars().count() > 1
        && !x.starts_with(&y)
        && !y.starts_with(&x)
        && !crate::entities::same_given_name(&x, &y)
}

/// May two quotations be one speaker's words though [`link`] (which blocks by
/// speaker) did not compare them? When either has no resolved speaker (a document, "the
/// statement", an unresolved frame), either speaker is an organisation (it speaks through
/// a named spokesperson), either frame names nobody (a pronoun), or both are people with
/// one surname (a title written or not). Two people each named where the words are quoted
/// are left to the misattribution check. Pairs one speaker's block already compared are
/// not compared again.
fn may_be_one_speaker(
    an: &Analysis,
    rep: &HashMap<EntityId, EntityId>,
    (sa, fa): (Option<EntityId>, &str),
    (sb, fb): (Option<EntityId>, &str),
) -> bool {
    let (Some(sa), Some(sb)) = (sa, sb) else {
        return true;
    };
    if rep[&sa] == rep[&sb] {
        return false;
    }
    let (ea, eb) = (an.entities.get(sa), an.entities.get(sb));
    let person = crate::mentions::MentionKind::Person;
    ea.kind != person
        || eb.kind != person
        || !crate::quotes::names_someone(fa)
        || !crate::quotes::names_someone(fb)
        || (!ea.surname.is_empty() && ea.surname == eb.surname)
}

/// Two units of quotations (groups of one wording, judged by their first) that are clearly
/// one statement by their words ([`crate::quotes::same_statement`]) and differ by words
/// changed inside it: a rewording, linked between their members from different documents.
fn link_same_statement(
    g: &mut ClaimGraph,
    quotes: &[(usize, &crate::claim::Quote, &str)],
    prepared: &crate::quotes::Quotations,
    ua: &[usize],
    ub: &[usize],
    docs: &[DocIdx],
) {
    let (a, b) = (ua[0], ub[0]);
    let crate::quotes::Statement::Reworded(changes) = prepared.same_statement(a, b) else {
        return;
    };
    let reason = g.because(format!(
        "the same statement reworded ({})",
        changes
            .iter()
            .map(|(x, y)| format!("\"{x}\" / \"{y}\""))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    for (x, y) in blocks::star(ua, ub, false, docs) {
        g.link(
            quotes[x].0,
            quotes[y].0,
            Relation::Contradicts,
            Aspect::QuoteWording,
            reason,
            1.0,
        );
    }
}

/// A word trigram in more units than this is a phrase of the story rather than evidence
/// of one statement: it pairs only units of different speakers from different documents
/// (the only pairs that can be misattributions), within the bound.
const MAX_POSTINGS: usize = 50;

/// Trigram lists over [`MAX_POSTINGS`] units whose pairs of speakers the bound cut.
struct Crowded {
    lists: usize,
    pairs: u64,
}

struct Shared {
    /// Pairs (a, b), a < b, of units with the number of word trigrams they share, in order.
    pairs: Vec<((usize, usize), usize)>,
    crowded: Crowded,
    /// Some list was over [`MAX_POSTINGS`] and was paired by speaker.
    sub_blocked: bool,
}

/// Units (groups of quotations, judged by their first) that share word trigrams.
fn shared_trigrams(
    quotes: &[(usize, &crate::claim::Quote, &str)],
    units: &[Vec<usize>],
    docs: &[DocIdx],
    rep: &HashMap<EntityId, EntityId>,
    bound: Bound,
) -> Shared {
    // Word trigrams as triples of word ranks (a word's place in the sorted vocabulary of
    // the quotations): a trigram's order is its words' order, and its key is 12 bytes,
    // not three borrowed strings (48). The postings of a 16 MB bundle were the graph
    // stage's high-water mark.
    let first_words = |u: usize| quotes[units[u][0]].1.normalised.split_whitespace();
    let rank: HashMap<&str, u32> = {
        let mut vocabulary: Vec<&str> = (0..units.len()).flat_map(first_words).collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        let n = |i: usize| u32::try_from(i).expect("fewer than 2^32 words");
        vocabulary
            .into_iter()
            .enumerate()
            .map(|(i, w)| (w, n(i)))
            .collect()
    };
    let unit = |u: usize| u32::try_from(u).expect("fewer than 2^32 quotations");
    let mut postings: HashMap<[u32; 3], Vec<u32>> = HashMap::new();
    let mut words: Vec<u32> = Vec::new();
    for u in 0..units.len() {
        words.clear();
        words.extend(first_words(u).map(|w| rank[w]));
        if words.len() < 6 {
            continue;
        }
        let mut grams: Vec<[u32; 3]> = words.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
        grams.sort_unstable();
        grams.dedup();
        for gram in grams {
            postings.entry(gram).or_default().push(unit(u));
        }
    }
    // Per unit: its speaker, and its document when all its quotations share one.
    let speaker: Vec<Option<EntityId>> = units
        .iter()
        .map(|m| quotes[m[0]].1.speaker.map(|s| rep[&s]))
        .collect();
    let home: Vec<Option<DocIdx>> = units
        .iter()
        .map(|m| {
            m.iter()
                .all(|&k| docs[k] == docs[m[0]])
                .then_some(docs[m[0]])
        })
        .collect();
    // Pairs sharing trigrams, sorted, then counted by runs. Lists are taken in trigram
    // order, so the bound cuts the same ones on every run.
    let mut lists: Vec<(&[u32; 3], &Vec<u32>)> = postings.iter().collect();
    lists.sort_unstable();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut crowded = Crowded { lists: 0, pairs: 0 };
    let mut sub_blocked = false;
    let mut budget = bound.max_comparisons;
    for (_, list) in lists {
        if list.len() <= MAX_POSTINGS {
            for (x, &a) in list.iter().enumerate() {
                pairs.extend(list[x + 1..].iter().map(|&b| (a.min(b), a.max(b))));
            }
            continue;
        }
        sub_blocked = true;
        // The list by speaker; pairs of different speakers, from the shares' sizes.
        let mut per_speaker: BTreeMap<Option<EntityId>, Vec<u32>> = BTreeMap::new();
        for &u in list {
            per_speaker.entry(speaker[u as usize]).or_default().push(u);
        }
        let n = list.len() as u64;
        let same: u64 = per_speaker.values().map(|v| (v.len() as u64).pow(2)).sum();
        let across = (n * n - same) / 2;
        if across > budget {
            crowded.lists += 1;
            crowded.pairs += across;
            continue;
        }
        budget -= across;
        let shares: Vec<&Vec<u32>> = per_speaker.values().collect();
        for (x, ga) in shares.iter().enumerate() {
            for gb in &shares[x + 1..] {
                for &a in ga.iter() {
                    let home_a = home[a as usize];
                    pairs.extend(
                        gb.iter()
                            .filter(|&&b| !(home_a.is_some() && home_a == home[b as usize]))
                            .map(|&b| (a.min(b), a.max(b))),
                    );
                }
            }
        }
    }
    pairs.sort_unstable();
    let pairs = pairs
        .chunk_by(|x, y| x == y)
        .map(|run| ((run[0].0 as usize, run[0].1 as usize), run.len()))
        .collect();
    Shared {
        pairs,
        crowded,
        sub_blocked,
    }
}

/// Text in, the linker's claims and edges out (see `graph::testing`).
#[cfg(test)]
mod linking {
    use crate::graph::Aspect::{QuoteSpeaker, QuoteWording};
    use crate::graph::testing::link_dated;

    /// One speaker's quotation worded differently by two sources: the best mutual match
    /// contradicts on wording.
    #[test]
    fn given_names_told_apart() {
        use super::distinct_given_names as distinct;
        assert!(distinct("Greta Holm", "Marta Holm"));
        // An initial, a short form, a nickname, or no given name at all: not told apart.
        assert!(!distinct("G. Holm", "Greta Holm"));
        assert!(!distinct("Kat Sorell", "Katherine Sorell"));
        assert!(!distinct("Kate Sorell", "Katherine Sorell"));
        assert!(!distinct("Holm", "Greta Holm"));
    }

    #[test]
    fn one_speakers_rewording_contradicts() {
        let l = link_dated(&[
            (
                "a",
                "\"We will not allow the families of this city to be bargained over,\" Mayor Lena Okafor said on Friday.",
            ),
            (
                "b",
                "\"We will not let the families of this city become a bargaining chip,\" Mayor Lena Okafor said on Friday.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quote", &[QuoteWording, QuoteSpeaker]), @r#"
        claim a:"We will not allow the families of this city to be bargained over," Mayor Lena Okafor said on Friday.
        claim b:"We will not let the families of this city become a bargaining chip," Mayor Lena Okafor said on Friday.
        contradicts quote-wording | a:"We will not allow the families of this city to be bargained over," Mayor Lena Okafor said on Friday. | b:"We will not let the families of this city become a bargaining chip," Mayor Lena Okafor said on Friday. | reworded (similarity 0.59, 3 content words shared)
        "#);
    }

    /// The same words from the same speaker, framed two ways: they agree.
    #[test]
    fn one_speakers_verbatim_quotation_agrees() {
        let l = link_dated(&[
            (
                "a",
                "\"We will not allow the families of this city to be bargained over,\" Mayor Lena Okafor said on Friday.",
            ),
            (
                "b",
                "\"We will not allow the families of this city to be bargained over,\" said Mayor Lena Okafor.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quote", &[QuoteWording, QuoteSpeaker]), @r#"
        claim a:"We will not allow the families of this city to be bargained over," Mayor Lena Okafor said on Friday.
        claim b:"We will not allow the families of this city to be bargained over," said Mayor Lena Okafor.
        agrees quote-wording | a:"We will not allow the families of this city to be bargained over," Mayor Lena Okafor said on Friday. | b:"We will not allow the families of this city to be bargained over," said Mayor Lena Okafor. | verbatim
        "#);
    }

    /// Two different statements by one speaker: no edge.
    #[test]
    fn one_speakers_different_statements_are_not_linked() {
        let l = link_dated(&[
            (
                "a",
                "\"We will not allow the families of this city to be bargained over,\" Mayor Lena Okafor said on Friday.",
            ),
            (
                "b",
                "\"The new library opens its doors to every reader next spring,\" Mayor Lena Okafor said on Friday.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quote", &[QuoteWording, QuoteSpeaker]), @r#"
        claim a:"We will not allow the families of this city to be bargained over," Mayor Lena Okafor said on Friday.
        claim b:"The new library opens its doors to every reader next spring," Mayor Lena Okafor said on Friday.
        "#);
    }

    /// The same words given to two people, each named where the words are quoted:
    /// misattribution.
    #[test]
    fn the_same_words_given_to_two_people_contradict_on_the_speaker() {
        let l = link_dated(&[
            (
                "a",
                "\"The harbour will reopen once every vessel has been inspected,\" Mayor Lena Okafor said.",
            ),
            (
                "b",
                "\"The harbour will reopen once every vessel has been inspected,\" Police Chief Omar Calloway said.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quote", &[QuoteWording, QuoteSpeaker]), @r#"
        claim a:"The harbour will reopen once every vessel has been inspected," Mayor Lena Okafor said.
        claim b:"The harbour will reopen once every vessel has been inspected," Police Chief Omar Calloway said.
        contradicts quote-speaker | a:"The harbour will reopen once every vessel has been inspected," Mayor Lena Okafor said. | b:"The harbour will reopen once every vessel has been inspected," Police Chief Omar Calloway said. | the same words, given to Lena Okafor and Omar Calloway
        "#);
    }

    /// One statement given to a person and to an organisation (which may speak through that
    /// person), with a word changed inside it: the same statement reworded.
    #[test]
    fn one_statement_with_a_word_changed_contradicts() {
        let l = link_dated(&[
            (
                "a",
                "\"The harbour will reopen on Monday once every vessel in the port has been inspected by divers,\" Mayor Lena Okafor said.",
            ),
            (
                "b",
                "\"The harbour will reopen on Thursday once every vessel in the port has been inspected by divers,\" the Harbourton Port Authority said in a statement.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quote", &[QuoteWording, QuoteSpeaker]), @r#"
        claim a:"The harbour will reopen on Monday once every vessel in the port has been inspected by divers," Mayor Lena Okafor said.
        claim b:"The harbour will reopen on Thursday once every vessel in the port has been inspected by divers," the Harbourton Port Authority said in a statement.
        contradicts quote-wording | a:"The harbour will reopen on Monday once every vessel in the port has been inspected by divers," Mayor Lena Okafor said. | b:"The harbour will reopen on Thursday once every vessel in the port has been inspected by divers," the Harbourton Port Authority said in a statement. | the same statement reworded ("monday" / "thursday")
        "#);
    }

    /// The same statement, unchanged, from a person and an organisation: neither a
    /// rewording nor a misattribution.
    #[test]
    fn one_statement_unchanged_is_no_rewording() {
        let l = link_dated(&[
            (
                "a",
                "\"The harbour will reopen on Monday once every vessel in the port has been inspected by divers,\" Mayor Lena Okafor said.",
            ),
            (
                "b",
                "\"The harbour will reopen on Monday once every vessel in the port has been inspected by divers,\" the Harbourton Port Authority said in a statement.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quote", &[QuoteWording, QuoteSpeaker]), @r#"
        claim a:"The harbour will reopen on Monday once every vessel in the port has been inspected by divers," Mayor Lena Okafor said.
        claim b:"The harbour will reopen on Monday once every vessel in the port has been inspected by divers," the Harbourton Port Authority said in a statement.
        "#);
    }
}
