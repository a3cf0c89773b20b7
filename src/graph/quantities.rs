//! The count and descriptor aspects: figures of one thing across documents, blocked by
//! what they count, compared when their sentences share a context, a disagreement kept
//! only when no better-matching figure explains it. *It does not* read or compare figures
//! itself (that is `crate::quantities`), nor named people's ages (`super::ages`).

use super::blocks::{self, Bound, Classes, Skipped};
use super::{Aspect, ClaimGraph, Relation, docs_of};
use crate::analysis::Analysis;
use crate::claim::{Claim, ClaimKind};
use crate::document::{DocIdx, Document};
use crate::sorted::common;
use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeMap;

/// What a figure is about, for blocking: its kind (label, measure, money, percent,
/// count) with the label's kind and noun or the measure's dimension, and the year it
/// belongs to when that is not the story's.
type QuantityBlock = (&'static str, String, Option<i16>);

/// Do two figures' sentences speak of the same thing (content words shared, see
/// [`crate::quantities::context_overlap`], `near` of them next to both figures)? A date
/// naming an event needs no shared word; a year or number label, or two counts with the
/// same verb, one; other figures three, or two with one next to the figure. Figures that
/// are not labels must also be of one order: values under twice each other; small ones
/// (whole numbers up to ten, in one unit) need the same verb as well. `words` gives
/// (overlap, near): asked only once the values allow a comparison, as most pairs of a
/// large block are of different orders. Some(overlap) when they do.
fn same_context(
    a: &crate::quantities::Quantity,
    b: &crate::quantities::Quantity,
    words: impl FnOnce() -> (usize, usize),
) -> Option<usize> {
    use crate::quantities::NounClass as C;
    if a.class == C::Label {
        let (overlap, _) = words();
        return (overlap >= usize::from(a.unit.as_deref() != Some("date"))).then_some(overlap);
    }
    let whole = |v: f64| v.fract() == 0.0;
    let small = a.number.value.max(b.number.value) <= 10.0
        && whole(a.number.value)
        && whole(b.number.value)
        && !a.number.scale_word
        && a.unit == b.unit;
    let same_verb = a.predicate.is_some() && a.predicate == b.predicate;
    if small {
        if !same_verb {
            return None;
        }
        let (overlap, near) = words();
        return (overlap >= 2 && near >= 1).then_some(overlap);
    }
    if !same_order(a, b) {
        return None;
    }
    let (overlap, near) = words();
    (overlap >= 3 || (overlap >= 2 && near >= 1) || (same_verb && overlap >= 1)).then_some(overlap)
}

/// Can two figures be the same count told twice though their sentences share no words:
/// one noun, of one order, not small (up to ten), with the same verb or none? (Each must
/// also be the only one of its noun in its document: see `link`.)
fn sole_figures(a: &crate::quantities::Quantity, b: &crate::quantities::Quantity) -> bool {
    use crate::quantities::NounClass as C;
    a.class != C::Label
        && a.noun.is_some()
        && a.noun == b.noun
        && a.predicate == b.predicate
        && a.number.value.max(b.number.value) > 10.0
        && same_order(a, b)
}

/// Values under twice each other. Measures in two units also when the numbers as written
/// are: "40 metres" against "40ft" is one depth, one of them in the wrong unit.
fn same_order(a: &crate::quantities::Quantity, b: &crate::quantities::Quantity) -> bool {
    let close = |x: f64, y: f64| x.min(y) > 0.0 && x.max(y) < 2.0 * x.min(y);
    close(a.number.value * a.factor, b.number.value * b.factor)
        || a.dimension.is_some()
            && a.dimension == b.dimension
            && a.unit != b.unit
            && close(a.number.value, b.number.value)
}

/// Two sentences anchored by a figure they agree on ("nine homes ... in the past 14
/// months" / "nine homes ... in the last 19 months"): each holds another figure of a
/// named thing, and those two are the same number of it. Their other figures of one kind then speak of
/// the same thing with a content word shared, as rewrites of one report do.
fn anchored(
    an: &Analysis,
    in_sentence: &HashMap<(DocIdx, usize), Vec<usize>>,
    a: usize,
    b: usize,
) -> bool {
    let others = |i: usize| {
        let c = &an.claims[i];
        in_sentence
            .get(&(c.doc, c.span.start))
            .into_iter()
            .flatten()
            .copied()
            .filter(move |&o| o != i)
    };
    let quantity = |i: usize| match &an.claims[i].kind {
        ClaimKind::Quantity(q) => Some(&q.detail),
        _ => None,
    };
    others(a).any(|x| {
        others(b).any(|y| {
            let (Some(qx), Some(qy)) = (quantity(x), quantity(y)) else {
                return false;
            };
            // The same number of the same thing, whatever each says happened to it.
            qx.noun.is_some()
                && qx.noun == qy.noun
                && qx.number.value * qx.factor == qy.number.value * qy.factor
                && qx.number.hedge == qy.number.hedge
        })
    })
}

/// The figures' context words as numbers, in flat vectors: each distinct word is its rank
/// among all the figures' words, so each figure's sorted, deduplicated words stay sorted
/// and two figures' shared words are counted by one merge of integers (string searches
/// were most of the stage). Each figure also gets a *key*: figures with one key (the same
/// analysis and the same words, spans aside) compare alike with any other, so a block
/// judges a pair of keys once.
struct Figures {
    words: Vec<u32>,
    /// Per claim: its context's and its near words' ranges in `words` (empty for claims
    /// that are not figures).
    context: Vec<(u32, u32)>,
    near: Vec<(u32, u32)>,
    key: Vec<u32>,
}

impl Figures {
    fn new(an: &Analysis) -> Self {
        let quantities = || {
            an.claims.iter().filter_map(|c| match &c.kind {
                ClaimKind::Quantity(q) => Some(&q.detail),
                _ => None,
            })
        };
        let mut vocabulary: Vec<&str> = quantities()
            .flat_map(|d| d.context.iter().chain(d.near.iter()))
            .collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        let rank: HashMap<&str, u32> = vocabulary
            .iter()
            .enumerate()
            .map(|(i, w)| (*w, i as u32))
            .collect();
        let n = an.claims.len();
        let mut f = Figures {
            words: Vec::new(),
            context: vec![(0, 0); n],
            near: vec![(0, 0); n],
            key: vec![u32::MAX; n],
        };
        let mut keys: HashMap<(String, Vec<u32>, u64), u32> = HashMap::new();
        for (i, c) in an.claims.iter().enumerate() {
            let ClaimKind::Quantity(q) = &c.kind else {
                continue;
            };
            let d = &q.detail;
            let start = f.words.len() as u32;
            f.words.extend(d.context.iter().map(|w| rank[w]));
            let mid = f.words.len() as u32;
            f.words.extend(d.near.iter().map(|w| rank[w]));
            let end = f.words.len() as u32;
            f.context[i] = (start, mid);
            f.near[i] = (mid, end);
            let next = keys.len() as u32;
            let words = f.words[start as usize..end as usize].to_vec();
            // The near words are a subset of the context's: their count tells them apart.
            let key = (
                quantity_signature(c) + &format!("|{}", mid - start),
                words,
                d.factor.to_bits(),
            );
            f.key[i] = *keys.entry(key).or_insert(next);
        }
        f
    }

    fn context(&self, i: usize) -> &[u32] {
        let (a, b) = self.context[i];
        &self.words[a as usize..b as usize]
    }

    fn near(&self, i: usize) -> &[u32] {
        let (a, b) = self.near[i];
        &self.words[a as usize..b as usize]
    }

    /// (overlap, near) of claims `a` and `b`: [`crate::quantities::context_overlap`] and
    /// [`crate::quantities::near_overlap`] over the numbered words.
    fn overlap(&self, a: usize, b: usize) -> (usize, usize) {
        let near = common(self.near(a), self.near(b));
        (common(self.context(a), self.context(b)) + near, near)
    }
}

/// How a pair of figures was judged: not of one context (None), or their overlap and
/// verdict.
type Judged = Option<(usize, Verdict)>;

/// A [`crate::quantities::QuantityRelation`] with a conflict's reason entered in the
/// graph: copied per pair of a block, where a relation's `String` was cloned.
#[derive(Debug, Clone, Copy)]
enum Verdict {
    Same,
    Compatible,
    Refines,
    Conflict(super::Reason),
    Unrelated,
}

impl Verdict {
    fn of(g: &mut ClaimGraph, r: crate::quantities::QuantityRelation) -> Self {
        use crate::quantities::QuantityRelation as Q;
        match r {
            Q::Same => Verdict::Same,
            Q::Compatible => Verdict::Compatible,
            Q::Refines => Verdict::Refines,
            Q::Conflict(why) => Verdict::Conflict(g.because(why)),
            Q::Unrelated => Verdict::Unrelated,
        }
    }
}

/// Figures of the same thing across documents. Figures are
/// blocked by what they are about, then each pair in a block is compared only when its
/// sentences share enough content words, and a disagreement is kept only when neither
/// figure has a matching figure in the other document that fits its context as well: "$512
/// million, including $140 million in cash" in two articles pairs 512 with 512 and 140
/// with 140, never 512 with 140.
pub(super) fn link(g: &mut ClaimGraph, an: &Analysis, documents: &[Document], bound: Bound) {
    use crate::quantities::NounClass as C;
    use crate::quantities::QuantityRelation as Q;
    let published = |c: &Claim| documents[c.doc.index()].published;
    // A figure in a sentence dated to another year ("a 1998 quake killed 61") counts
    // something else than the story's figures.
    // (Each document's dates by position: a scan of them all per figure is quadratic
    // in the length of one article.)
    let times: Vec<crate::analysis::near::Times> = an
        .docs
        .iter()
        .map(|d| crate::analysis::near::Times::new(&d.times))
        .collect();
    let era = |c: &Claim, own: crate::span::Span| -> Option<i16> {
        let i = c.doc.index();
        let year = documents[i].published.map(|d| d.year());
        times[i]
            .within(c.span)
            .iter()
            .filter(|t| c.span.contains(t.span) && !t.year_inferred && !own.contains(t.span))
            // Only a year written out: "four years ago" is no other era.
            .filter(|t| {
                let w = t.span.slice(&documents[i].text).as_bytes();
                w.windows(4).any(|x| x.iter().all(u8::is_ascii_digit))
            })
            .filter_map(|t| t.value.get(..4)?.parse::<i16>().ok())
            .find(|y| Some(*y) != year)
    };
    let mut blocks: BTreeMap<QuantityBlock, Vec<usize>> = BTreeMap::new();
    for (i, c) in an.claims.iter().enumerate() {
        let ClaimKind::Quantity(q) = &c.kind else {
            continue;
        };
        let d = &q.detail;
        if d.number.vague || d.conversion {
            continue;
        }
        // An age nobody is named for is nobody's: not compared (named people's ages are
        // age claims).
        if d.class == C::Age {
            continue;
        }
        let (kind, sub) = match d.class {
            C::Label => (
                "label",
                format!(
                    "{}|{}",
                    d.unit.as_deref().unwrap_or_default(),
                    d.noun.as_deref().unwrap_or_default()
                ),
            ),
            _ if d.dimension.is_some() => ("measure", d.dimension.clone().unwrap_or_default()),
            C::Money => ("money", String::new()),
            C::Percent => ("percent", String::new()),
            _ => ("count", String::new()),
        };
        let era = if kind == "label" {
            None
        } else {
            era(c, d.span)
        };
        blocks.entry((kind, sub, era)).or_default().push(i);
    }
    // Per sentence, its figures (for anchors).
    let mut in_sentence: HashMap<(DocIdx, usize), Vec<usize>> = HashMap::new();
    for members in blocks.values() {
        for &i in members {
            let c = &an.claims[i];
            in_sentence
                .entry((c.doc, c.span.start))
                .or_default()
                .push(i);
        }
    }
    let doc_of = |i: usize| an.claims[i].doc;
    // A later article revising a toll is an update, not a contradiction.
    let is_update = |qa: &crate::quantities::Quantity, a: &Claim, b: &Claim| {
        let toll = matches!(
            qa.class,
            C::Person | C::Object | C::Event | C::Other | C::Unknown
        );
        let (pa, pb) = (published(a), published(b));
        toll && matches!((pa, pb), (Some(x), Some(y)) if (y - x).get_days().abs() >= 1)
    };
    let figures = Figures::new(an);
    // One copy of each fixed reason for all the edges that give it.
    let (compatible, refines) = (
        g.because("compatible figures"),
        g.because("one is more specific"),
    );
    let detail = |i: usize| match &an.claims[i].kind {
        ClaimKind::Quantity(q) => Some(&q.detail),
        _ => None,
    };
    for (key, members) in &blocks {
        let docs = docs_of(an, members.iter().copied());
        if blocks::cross_pair_count(&docs) > bound.max_comparisons {
            link_quantity_classes(
                g, an, &figures, key, members, &docs, bound, &published, &is_update,
            );
            continue;
        }
        // Pairs of keys judged once; relations of keys compared once (the best-match
        // filter below asks again).
        let mut judged: HashMap<(u32, u32), Judged> = HashMap::new();
        let mut related: HashMap<(u32, u32), bool> = HashMap::new();
        // Each figure's agreeing figures of another document, with their context overlap:
        // (claim, other document, agreeing claim, overlap), sorted by the first two once
        // the block is judged. Flat `u32`s: a map of small vectors held ~100 bytes per
        // figure and document for the block's life (a 16 MB bundle's 1.3 M agreements).
        let mut agreed: Vec<(u32, DocIdx, u32, u32)> = Vec::new();
        let mut conflicts = Vec::new();
        // Per document and counted noun, the values this block counts of it. A figure
        // that is the only one of its noun and order in its document, alone in its
        // sentence, is compared with the like figure of another document without shared
        // words ("1.2 million pilgrims" /
        // "1.4 million pilgrims"); a sentence of several figures may break a total down.
        let mut per_noun: HashMap<(DocIdx, &str), Vec<f64>> = HashMap::new();
        for &i in members {
            let Some(q) = detail(i) else { continue };
            if let Some(n) = q.noun.as_deref() {
                per_noun
                    .entry((doc_of(i), n))
                    .or_default()
                    .push(q.number.value * q.factor);
            }
        }
        let only_one = |i: usize, q: &crate::quantities::Quantity| {
            let v = q.number.value * q.factor;
            let near = |w: &f64| *w > 0.0 && v / w < 10.0 && w / v < 10.0;
            let c = &an.claims[i];
            in_sentence
                .get(&(c.doc, c.span.start))
                .is_some_and(|v| v.len() == 1)
                && q.noun.as_deref().is_some_and(|n| {
                    per_noun
                        .get(&(doc_of(i), n))
                        .is_some_and(|vs| vs.iter().filter(|w| near(w)).count() == 1)
                })
        };
        // Every pair across documents, listed as it is judged (a block of two million
        // pairs listed first held 32 MB until its end).
        for (x, y) in blocks::cross_pairs(&docs) {
            let (a, b) = (members[x], members[y]);
            let (Some(qa), Some(qb)) = (detail(a), detail(b)) else {
                continue;
            };
            let judgement = judged
                .entry((figures.key[a], figures.key[b]))
                .or_insert_with(|| {
                    let overlap = same_context(qa, qb, || figures.overlap(a, b))?;
                    Some((overlap, Verdict::of(g, crate::quantities::compare(qa, qb))))
                })
                .to_owned()
                // Not memoised by key: an anchor is the sentence's, not the figure's. It is
                // looked for only when the words do not suffice.
                .or_else(|| {
                    if qa.class == C::Label || !same_order(qa, qb) {
                        return None;
                    }
                    let (overlap, _) = figures.overlap(a, b);
                    (overlap >= 1 && anchored(an, &in_sentence, a, b))
                        .then(|| (overlap, Verdict::of(g, crate::quantities::compare(qa, qb))))
                })
                .or_else(|| {
                    (sole_figures(qa, qb) && only_one(a, qa) && only_one(b, qb))
                        .then(|| (0, Verdict::of(g, crate::quantities::compare(qa, qb))))
                });
            let Some((overlap, rel)) = judgement else {
                continue;
            };
            let (da, db) = (doc_of(a), doc_of(b));
            match rel {
                Verdict::Same | Verdict::Compatible | Verdict::Refines => {
                    agreed.push((a as u32, db, b as u32, overlap as u32));
                    agreed.push((b as u32, da, a as u32, overlap as u32));
                    let (relation, reason) = if matches!(rel, Verdict::Refines) {
                        (Relation::Refines, refines)
                    } else {
                        (Relation::Agrees, compatible)
                    };
                    g.link(a, b, relation, Aspect::Count, reason, 1.0);
                }
                Verdict::Conflict(why) => conflicts.push((a, b, overlap, why)),
                Verdict::Unrelated => {}
            }
        }
        // Stable: each figure's agreements stay in the order they were found.
        agreed.sort_by_key(|&(x, d, _, _)| (x, d));
        let agreed_with = |x: usize, d: DocIdx| {
            let key = (x as u32, d);
            let from = agreed.partition_point(|&(y, e, _, _)| (y, e) < key);
            let to = agreed.partition_point(|&(y, e, _, _)| (y, e) <= key);
            agreed[from..to]
                .iter()
                .map(|&(_, _, m, o)| (m as usize, o as usize))
        };
        for (a, b, overlap, why) in conflicts {
            let (ca, cb) = (&an.claims[a], &an.claims[b]);
            let (ClaimKind::Quantity(qa), ClaimKind::Quantity(qb)) = (&ca.kind, &cb.kind) else {
                continue;
            };
            let (da, db) = (doc_of(a), doc_of(b));
            // Either figure is matched in the other document by a figure that disagrees
            // with the other side ("$512 million, including $140 million" against "$512
            // million"): they count different things. A label ("3/14 victims") is matched
            // only by a label in a context at least as close.
            let label = qa.detail.class == C::Label;
            let mut matched = |x: usize, other_doc: DocIdx, rival: usize| {
                agreed_with(x, other_doc).any(|(m, o)| {
                    let (Some(qm), Some(qr)) = (detail(m), detail(rival)) else {
                        return false;
                    };
                    let apart = !*related
                        .entry((figures.key[m], figures.key[rival]))
                        .or_insert_with(|| {
                            matches!(
                                crate::quantities::compare(qm, qr),
                                Q::Same | Q::Compatible | Q::Refines
                            )
                        });
                    apart && (!label || o >= overlap)
                })
            };
            if da != db && (matched(a, db, b) || matched(b, da, a)) {
                continue;
            }
            if is_update(&qa.detail, ca, cb) {
                continue;
            }
            g.link(
                a,
                b,
                Relation::Contradicts,
                conflict_aspect(qa, qb),
                why,
                1.0,
            );
        }
    }
}

/// A count conflict whose ranges meet differs in how the figure is described; otherwise
/// in the figure.
fn conflict_aspect(qa: &crate::claim::Quantity, qb: &crate::claim::Quantity) -> Aspect {
    // Measures meet in their base unit: "40ft" and "40 metres" differ in the figure.
    let (fa, fb) = (qa.detail.factor, qb.detail.factor);
    let ranges_meet = qa.range.0 * fa <= qb.range.1 * fb && qb.range.0 * fb <= qa.range.1 * fa;
    if ranges_meet && qa.detail.class != crate::quantities::NounClass::Label {
        Aspect::Descriptor
    } else {
        Aspect::Count
    }
}

/// A block of figures with more cross-document pairs than its bound: one comparison per
/// pair of figures written alike (see [`blocks`]), each judged as a pair is (context,
/// figures, updates), but without the best-match filter; the pairs the bound still cuts
/// are a notice.
#[allow(clippy::too_many_arguments)]
fn link_quantity_classes(
    g: &mut ClaimGraph,
    an: &Analysis,
    figures: &Figures,
    key: &QuantityBlock,
    members: &[usize],
    docs: &[DocIdx],
    bound: Bound,
    published: &dyn Fn(&Claim) -> Option<jiff::civil::Date>,
    is_update: &dyn Fn(&crate::quantities::Quantity, &Claim, &Claim) -> bool,
) {
    use crate::quantities::QuantityRelation as Q;
    let classes = Classes::new(members.iter().map(|&i| {
        let c = &an.claims[i];
        (published(c), quantity_signature(c))
    }));
    let (pairs, compared, skipped) = classes.lazy_pairs(docs, bound);
    for (i, j) in pairs {
        let (a, b) = (
            members[classes.members[i][0]],
            members[classes.members[j][0]],
        );
        let (ca, cb) = (&an.claims[a], &an.claims[b]);
        let (ClaimKind::Quantity(qa), ClaimKind::Quantity(qb)) = (&ca.kind, &cb.kind) else {
            continue;
        };
        if same_context(&qa.detail, &qb.detail, || figures.overlap(a, b)).is_none() {
            continue;
        }
        let (rel, aspect, why) = match crate::quantities::compare(&qa.detail, &qb.detail) {
            Q::Same | Q::Compatible => {
                (Relation::Agrees, Aspect::Count, "compatible figures".into())
            }
            Q::Refines => (
                Relation::Refines,
                Aspect::Count,
                "one is more specific".into(),
            ),
            Q::Conflict(why) if !is_update(&qa.detail, ca, cb) => {
                (Relation::Contradicts, conflict_aspect(qa, qb), why)
            }
            _ => continue,
        };
        let why = g.because(why);
        for (x, y) in classes.star(i, j, docs) {
            g.link(members[x], members[y], rel, aspect, why, 1.0);
        }
    }
    if skipped > 0 {
        let (kind, sub, era) = key;
        let mut label: Vec<String> = vec![kind.to_string()];
        label.extend((!sub.is_empty()).then(|| sub.clone()));
        label.extend(era.map(|y| y.to_string()));
        g.skipped.push(Skipped {
            aspect: "count",
            block: label.join(" "),
            claims: members.len(),
            compared,
            skipped,
        });
    }
}

/// Everything [`crate::quantities::compare`] reads of a figure, as one key: the figure
/// with its positions blanked (two copies of "11 injured" compare alike with anything).
fn quantity_signature(c: &Claim) -> String {
    let ClaimKind::Quantity(q) = &c.kind else {
        return String::new();
    };
    let mut d = q.detail.clone();
    let nowhere = crate::span::Span::new(0, 0);
    d.span = nowhere;
    d.number.span = nowhere;
    d.number.hedge_span = d.number.hedge_span.map(|_| nowhere);
    d.noun_span = d.noun_span.map(|_| nowhere);
    d.subject_of = d.subject_of.map(|_| nowhere);
    for x in &mut d.descriptors {
        x.span = nowhere;
    }
    serde_json::to_string(&d).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbered words count what the strings count, for every pair of figures
    /// (keys aside: those only say which pairs are judged alike).
    #[test]
    fn numbered_words_overlap_as_the_strings_do() {
        let l = crate::graph::testing::link_dated(&[
            (
                "a",
                "Police said 9 people were injured in the blaze at the harbour on Friday. \
                 The council spent $4 million on the harbour wall, officials said.",
            ),
            (
                "b",
                "Police said 12 people were injured in the harbour blaze. The harbour \
                 wall cost $4.2 million, the council said, and 40 boats stayed in port.",
            ),
        ]);
        let an = &l.analysis;
        let figures = Figures::new(an);
        let quantities: Vec<(usize, &crate::quantities::Quantity)> = an
            .claims
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match &c.kind {
                ClaimKind::Quantity(q) => Some((i, &q.detail)),
                _ => None,
            })
            .collect();
        assert!(quantities.len() >= 4, "{}", quantities.len());
        let mut some_shared = false;
        for &(a, qa) in &quantities {
            for &(b, qb) in &quantities {
                let want = (
                    crate::quantities::context_overlap(qa, qb),
                    crate::quantities::near_overlap(qa, qb),
                );
                assert_eq!(figures.overlap(a, b), want, "{a} {b}");
                some_shared |= a != b && want.0 > 0;
            }
        }
        assert!(some_shared);
        // Two figures with one key have one analysis and the same words.
        for &(a, qa) in &quantities {
            for &(b, qb) in &quantities {
                if figures.key[a] == figures.key[b] {
                    assert_eq!(qa.context, qb.context);
                    assert_eq!(qa.near, qb.near);
                    assert_eq!(
                        quantity_signature(&an.claims[a]),
                        quantity_signature(&an.claims[b])
                    );
                }
            }
        }
    }
}

/// Text in, the linker's claims and edges out (see `graph::testing`).
#[cfg(test)]
mod linking {
    use crate::graph::Aspect::{Count, Descriptor};
    use crate::graph::testing::link_dated;

    /// Two figures for the people injured in one blaze contradict on the count.
    #[test]
    fn two_counts_of_the_injured_contradict() {
        let l = link_dated(&[
            (
                "a",
                "Police said 9 people were injured in the blaze at the harbour on Friday.",
            ),
            (
                "b",
                "Police said 12 people were injured in the blaze at the harbour on Friday.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quantity", &[Count, Descriptor]), @r#"
        claim a:Police said 9 people were injured in the blaze at the harbour on Friday.
        claim b:Police said 12 people were injured in the blaze at the harbour on Friday.
        contradicts count | a:Police said 9 people were injured in the blaze at the harbour on Friday. | b:Police said 12 people were injured in the blaze at the harbour on Friday. | 9 vs 12 people (injure)
        "#);
    }

    /// "nine" and "9" of the same thing agree.
    #[test]
    fn a_figure_anchored_by_an_agreed_one_is_compared() {
        let l = link_dated(&[
            (
                "a",
                "Mayor Ilse Varo said nine homes have flooded in the past 14 months.",
            ),
            (
                "b",
                "Varo said nine homes were damaged by storms over the last 19 months.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quantity", &[Count, Descriptor]), @r"
        claim a:Mayor Ilse Varo said nine homes have flooded in the past 14 months.
        claim a:Mayor Ilse Varo said nine homes have flooded in the past 14 months.
        claim b:Varo said nine homes were damaged by storms over the last 19 months.
        claim b:Varo said nine homes were damaged by storms over the last 19 months.
        contradicts count | a:Mayor Ilse Varo said nine homes have flooded in the past 14 months. | b:Varo said nine homes were damaged by storms over the last 19 months. | 14 months vs 19 months
        ");
        // Without the anchor, two spans of months in unlike sentences are not compared.
        let l = link_dated(&[
            (
                "a",
                "Mayor Ilse Varo said nine homes have flooded in the past 14 months.",
            ),
            (
                "b",
                "Varo said the pier was closed for repairs over the last 19 months.",
            ),
        ]);
        assert!(!l.dump("quantity", &[Count]).contains("contradicts"));
    }

    #[test]
    fn a_number_word_and_its_digits_agree() {
        let l = link_dated(&[
            (
                "a",
                "Police said nine people were injured in the blaze at the harbour on Friday.",
            ),
            (
                "b",
                "Police said 9 people were injured in the blaze at the harbour on Friday.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quantity", &[Count, Descriptor]), @r#"
        claim a:Police said nine people were injured in the blaze at the harbour on Friday.
        claim b:Police said 9 people were injured in the blaze at the harbour on Friday.
        agrees count | a:Police said nine people were injured in the blaze at the harbour on Friday. | b:Police said 9 people were injured in the blaze at the harbour on Friday. | compatible figures
        "#);
    }

    /// One figure, its members described two ways: a descriptor contradiction.
    #[test]
    fn one_figure_described_two_ways_contradicts_on_the_descriptor() {
        let l = link_dated(&[
            (
                "a",
                "The fire killed 14 workers, including two contractors, officials said.",
            ),
            (
                "b",
                "The fire killed 14 contractors on Saturday, officials said.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quantity", &[Count, Descriptor]), @r#"
        claim a:The fire killed 14 workers, including two contractors, officials said.
        claim a:The fire killed 14 workers, including two contractors, officials said.
        claim b:The fire killed 14 contractors on Saturday, officials said.
        contradicts descriptor | a:The fire killed 14 workers, including two contractors, officials said. | b:The fire killed 14 contractors on Saturday, officials said. | only "including two contractors" in one, all 14 contractors in the other
        "#);
    }

    /// The only figure of its noun in each article, in sentences that share no content
    /// word: the same count told twice, and here told two ways.
    #[test]
    fn the_only_figure_of_a_noun_in_each_article_is_compared() {
        let l = link_dated(&[
            (
                "a",
                "Organisers expect as many as 1.2 million pilgrims at the shrine this autumn.",
            ),
            (
                "b",
                "The festival draws up to 1.4 million pilgrims, the tourism board says.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quantity", &[Count, Descriptor]), @r#"
        claim a:Organisers expect as many as 1.2 million pilgrims at the shrine this autumn.
        claim b:The festival draws up to 1.4 million pilgrims, the tourism board says.
        contradicts count | a:Organisers expect as many as 1.2 million pilgrims at the shrine this autumn. | b:The festival draws up to 1.4 million pilgrims, the tourism board says. | as many as 1.2 million vs up to 1.4 million pilgrim
        "#);
    }

    /// One depth in two units: the written numbers are close ("40 metres" / "40ft"), the
    /// lengths are not: one of them is in the wrong unit.
    #[test]
    fn a_measure_in_the_wrong_unit_contradicts() {
        let l = link_dated(&[
            (
                "a",
                "The diver descended about 40 metres below the wreck before the line snapped.",
            ),
            (
                "b",
                "The diver descended about 40ft below the wreck before the line snapped.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quantity", &[Count, Descriptor]), @r#"
        claim a:The diver descended about 40 metres below the wreck before the line snapped.
        claim b:The diver descended about 40ft below the wreck before the line snapped.
        contradicts count | a:The diver descended about 40 metres below the wreck before the line snapped. | b:The diver descended about 40ft below the wreck before the line snapped. | about 40 metres vs about 40 ft
        "#);
    }

    /// The same depth converted ("40 metres" / "130ft") agrees.
    #[test]
    fn a_measure_converted_agrees() {
        let l = link_dated(&[
            (
                "a",
                "The diver descended about 40 metres below the wreck before the line snapped.",
            ),
            (
                "b",
                "The diver descended about 130ft below the wreck before the line snapped.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quantity", &[Count, Descriptor]), @r#"
        claim a:The diver descended about 40 metres below the wreck before the line snapped.
        claim b:The diver descended about 130ft below the wreck before the line snapped.
        agrees count | a:The diver descended about 40 metres below the wreck before the line snapped. | b:The diver descended about 130ft below the wreck before the line snapped. | compatible figures
        "#);
    }

    /// A sentence holding two figures may break a total down ("60,000 letters and 40,000
    /// maps" against "100,000 letters"): no comparison without shared words.
    #[test]
    fn a_breakdown_is_not_compared_without_shared_words() {
        let l = link_dated(&[
            (
                "a",
                "The archive holds 60,000 letters and 40,000 maps from the colonial era.",
            ),
            (
                "b",
                "Volunteers have scanned 100,000 letters since the library reopened.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quantity", &[Count, Descriptor]), @r#"
        claim a:The archive holds 60,000 letters and 40,000 maps from the colonial era.
        claim a:The archive holds 60,000 letters and 40,000 maps from the colonial era.
        claim b:Volunteers have scanned 100,000 letters since the library reopened.
        "#);
    }

    /// Figures of different things in different contexts: no edge.
    #[test]
    fn figures_of_different_things_are_not_linked() {
        let l = link_dated(&[
            (
                "a",
                "Police said 12 people were injured in the blaze at the harbour on Friday.",
            ),
            (
                "b",
                "The harbour master said 40 boats stayed in port on Friday.",
            ),
        ]);
        insta::assert_snapshot!(l.dump("quantity", &[Count, Descriptor]), @r#"
        claim a:Police said 12 people were injured in the blaze at the harbour on Friday.
        claim b:The harbour master said 40 boats stayed in port on Friday.
        "#);
    }
}
