//! The claim graph (petgraph): claims and entities as nodes, typed edges with reasons
//! (same event, agrees, contradicts, refines). Comparisons happen only inside blocks (same
//! event, same speaker, same counted thing, same office, same surname initial), never
//! across all pairs; [`blocks`] decides which pairs of a block, within a bound, and
//! records what a bound cut ([`Skipped`]).

mod blocks;

use crate::analysis::Analysis;
use crate::claim::{Claim, ClaimKind};
use crate::compare::{dates, names};
use crate::document::{DocId, Document};
use crate::entities::EntityId;
use crate::events::Ledger;
use crate::union_find::UnionFind;
use blocks::Classes;
pub use blocks::{Bound, Bounds, NOTICE_PATH, Skipped};
use foldhash::HashMap;
use foldhash::{HashMapExt, HashSetExt};
use petgraph::graph::{NodeIndex, UnGraph};
use serde::Serialize;
use std::collections::BTreeMap;

pub mod words;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    SameEvent,
    Agrees,
    Contradicts,
    Refines,
}

/// What a contradiction or agreement is about; rules select edges by aspect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Aspect {
    Event,
    Date,
    Count,
    Descriptor,
    QuoteWording,
    QuoteSpeaker,
    Role,
    NameSpelling,
}

#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    pub relation: Relation,
    pub aspect: Aspect,
    /// One line: why the comparator decided so.
    pub reason: String,
    /// Similarity or confidence in [0, 1] where the comparator has one.
    pub score: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    /// Index into `Analysis::claims`.
    Claim(usize),
    Entity(EntityId),
    /// Index into `ClaimGraph::words`: a capitalised word's spelling.
    Word(usize),
}

pub struct ClaimGraph {
    pub graph: UnGraph<Node, Edge>,
    claim_nodes: Vec<NodeIndex>,
    entity_nodes: HashMap<EntityId, NodeIndex>,
    /// Spellings of capitalised words that are nodes (those in a spelling-variant pair).
    pub words: Vec<words::WordForm>,
    /// Blocks whose comparisons a bound cut, in the order they were built: the graph
    /// stage's notices. Empty unless a block is far beyond any one story's size.
    pub skipped: Vec<Skipped>,
}

impl ClaimGraph {
    pub fn claim_node(&self, i: usize) -> NodeIndex {
        self.claim_nodes[i]
    }

    pub fn entity_node(&self, e: EntityId) -> Option<NodeIndex> {
        self.entity_nodes.get(&e).copied()
    }

    fn link(
        &mut self,
        a: usize,
        b: usize,
        relation: Relation,
        aspect: Aspect,
        reason: String,
        score: f64,
    ) {
        let (na, nb) = (self.claim_nodes[a], self.claim_nodes[b]);
        self.graph.add_edge(
            na,
            nb,
            Edge {
                relation,
                aspect,
                reason,
                score,
            },
        );
    }

    /// Edges of one relation and aspect, as (a, b, edge) node pairs in insertion order.
    pub fn edges(
        &self,
        relation: Relation,
        aspect: Aspect,
    ) -> impl Iterator<Item = (Node, Node, &Edge)> {
        self.graph.edge_indices().filter_map(move |e| {
            let w = &self.graph[e];
            if w.relation != relation || w.aspect != aspect {
                return None;
            }
            let (a, b) = self.graph.edge_endpoints(e)?;
            Some((self.graph[a], self.graph[b], w))
        })
    }
}

pub fn build(an: &Analysis, ledger: &Ledger, documents: &[Document]) -> ClaimGraph {
    build_with(an, ledger, documents, &Bounds::default())
}

/// [`build`] with other per-block bounds (tests: small bounds reach the signature split
/// and the cut with a handful of documents).
pub fn build_with(
    an: &Analysis,
    ledger: &Ledger,
    documents: &[Document],
    bounds: &Bounds,
) -> ClaimGraph {
    let mut g = ClaimGraph {
        graph: UnGraph::with_capacity(
            an.claims.len() + an.entities.entities.len(),
            an.claims.len(),
        ),
        claim_nodes: Vec::with_capacity(an.claims.len()),
        entity_nodes: HashMap::new(),
        words: Vec::new(),
        skipped: Vec::new(),
    };
    for i in 0..an.claims.len() {
        let n = g.graph.add_node(Node::Claim(i));
        g.claim_nodes.push(n);
    }
    for e in &an.entities.entities {
        let n = g.graph.add_node(Node::Entity(e.id));
        g.entity_nodes.insert(e.id, n);
    }
    let index: HashMap<&str, usize> = an
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.0.as_str(), i))
        .collect();
    link_events(&mut g, an, ledger, &index);
    link_names(&mut g, an);
    link_words(&mut g, an, documents);
    link_quotes(&mut g, an, documents, bounds.quotes);
    link_quantities(&mut g, an, documents, bounds.counts);
    link_roles(&mut g, an, documents, bounds.offices);
    g
}

/// Each member's document, for [`blocks`].
fn docs_of(an: &Analysis, members: impl Iterator<Item = usize>) -> Vec<&DocId> {
    members.map(|i| &an.claims[i].document).collect()
}

/// Claims of one event: same-event edges, and how their dates relate.
fn link_events(g: &mut ClaimGraph, an: &Analysis, ledger: &Ledger, index: &HashMap<&str, usize>) {
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

/// People whose names are one spelling apart; blocked by the first letter of the surname
/// (surname variants) and by the surname (given-name variants).
fn link_names(g: &mut ClaimGraph, an: &Analysis) {
    let people: Vec<_> = an
        .entities
        .entities
        .iter()
        .filter(|e| e.kind == crate::mentions::MentionKind::Person && !e.surname.is_empty())
        .collect();
    let surnames: Vec<&str> = people.iter().map(|e| e.surname.as_str()).collect();
    // `name_pairs` gives each pair of people once, in order; the pairs are judged in
    // parallel and linked in that order (the graph does not depend on the thread count).
    let pairs = name_pairs(&surnames);
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

/// A name-spelling contradiction between two nodes (people or words) written `a` and `b`.
fn spelling_edge(
    g: &mut ClaimGraph,
    na: NodeIndex,
    nb: NodeIndex,
    reason: String,
    a: &str,
    b: &str,
) {
    g.graph.add_edge(
        na,
        nb,
        Edge {
            relation: Relation::Contradicts,
            aspect: Aspect::NameSpelling,
            reason,
            score: strsim::jaro_winkler(a, b),
        },
    );
}

/// Capitalised words spelled two ways ([`words`]): each spelling in a pair becomes a node,
/// and the pair a name-spelling contradiction.
fn link_words(g: &mut ClaimGraph, an: &Analysis, documents: &[Document]) {
    let (forms, variants) = words::variants(an, documents);
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

/// Pairs (a, b), a < b, each once, of people to compare for spelling variants, in the order of the
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

/// Speakers that are one person spelled two ways share a block (name-variant edges).
/// Each entity maps to the smallest id of its connected group (union-find; relabelling
/// every entity per edge was quadratic). Entity ids are indices into the entity table.
fn speaker_clusters(g: &ClaimGraph, an: &Analysis) -> HashMap<EntityId, EntityId> {
    let mut sets = UnionFind::new(an.entities.entities.len());
    for (a, b, _) in g.edges(Relation::Contradicts, Aspect::NameSpelling) {
        if let (Node::Entity(a), Node::Entity(b)) = (a, b) {
            sets.union(a.0, b.0);
        }
    }
    an.entities
        .entities
        .iter()
        .map(|e| (e.id, EntityId(sets.find(e.id.0))))
        .collect()
}

/// Quotes by the same speaker in different documents: verbatim and excerpts agree; the
/// best mutual match that is worded differently contradicts. The same words given to
/// two different people contradict on the speaker.
fn link_quotes(g: &mut ClaimGraph, an: &Analysis, documents: &[Document], bound: Bound) {
    let text_of: HashMap<&str, &str> = documents
        .iter()
        .map(|d| (d.id.0.as_str(), d.text.as_str()))
        .collect();
    let words: Vec<(usize, &crate::claim::Quote, String)> = an
        .claims
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match &c.kind {
            ClaimKind::Quote(q) => Some((i, q, q.words(text_of[c.document.0.as_str()]))),
            _ => None,
        })
        .collect();
    let quotes: Vec<(usize, &crate::claim::Quote, &str)> =
        words.iter().map(|(i, q, w)| (*i, *q, w.as_str())).collect();
    if quotes.is_empty() {
        return;
    }
    // Each quotation analysed once, not once per pair.
    let prepared: Vec<crate::quotes::Prepared> = {
        use rayon::prelude::*;
        quotes
            .par_iter()
            .map(|(_, _, w)| crate::quotes::Prepared::new(w))
            .collect()
    };
    // Topic words of the bundle weigh less when comparing wordings.
    let texts: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
    let background = crate::quotes::Background::for_quotations(&texts, &prepared);
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
                let compare = |a: usize, b: usize| {
                    crate::quotes::compare_prepared(&prepared[a], &prepared[b], Some(&background))
                };
                if blocks::cross_pair_count(&docs) <= bound.max_comparisons {
                    let pairs = blocks::cross_pairs(&docs)
                        .filter(|&(x, y)| docs[x] != docs[y])
                        .map(|(x, y)| {
                            let (a, b) = (members[x], members[y]);
                            (a, b, compare(a, b))
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
    for (scored, (speaker, members)) in scored_blocks.into_iter().zip(&blocks) {
        let scored = match scored {
            ScoredQuotes::Pairs(p) => p,
            ScoredQuotes::Classes {
                classes,
                compared,
                skipped,
            } => {
                link_quote_classes(g, an, &quotes, members, &classes, &compared);
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
        let mut best: HashMap<(usize, &str), f64> = HashMap::new();
        for (a, b, c) in &scored {
            let (da, db) = (
                an.claims[quotes[*a].0].document.0.as_str(),
                an.claims[quotes[*b].0].document.0.as_str(),
            );
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
                    g.link(
                        ia,
                        ib,
                        Relation::Agrees,
                        Aspect::QuoteWording,
                        quote_agreement(&c),
                        c.similarity,
                    );
                }
                R::Reworded => {
                    let (da, db) = (
                        an.claims[ia].document.0.as_str(),
                        an.claims[ib].document.0.as_str(),
                    );
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
            let text = text_of[an.claims[i].document.0.as_str()];
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

fn quote_agreement(c: &crate::quotes::QuoteComparison) -> String {
    format!("{:?}", c.relation).to_lowercase()
}

fn quote_rewording(c: &crate::quotes::QuoteComparison) -> String {
    format!(
        "reworded (similarity {:.2}, {} content words shared)",
        c.similarity, c.shared_content_words
    )
}

/// [`link_quotes`] for a block split into wordings: a rewording contradicts between the
/// members of two wordings whose documents hold no closer counterpart (the best mutual
/// match, as for pairs, with a document's best counterpart taken over wordings).
fn link_quote_classes(
    g: &mut ClaimGraph,
    an: &Analysis,
    quotes: &[(usize, &crate::claim::Quote, &str)],
    members: &[usize],
    classes: &Classes,
    compared: &[(usize, usize, crate::quotes::QuoteComparison)],
) {
    let docs = docs_of(an, members.iter().map(|&k| quotes[k].0));
    // Each wording's documents, once each.
    let class_docs: Vec<Vec<&DocId>> = classes
        .members
        .iter()
        .map(|m| {
            let mut d: Vec<&DocId> = m.iter().map(|&x| docs[x]).collect();
            d.sort_unstable();
            d.dedup();
            d
        })
        .collect();
    // Best counterpart of each wording in each document.
    let mut best: HashMap<(usize, &DocId), f64> = HashMap::new();
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
            (Relation::Contradicts, quote_rewording(&c))
        } else {
            (Relation::Agrees, quote_agreement(&c))
        };
        for (x, y) in edges {
            g.link(
                claim(x),
                claim(y),
                relation,
                Aspect::QuoteWording,
                reason.clone(),
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
    prepared: &[crate::quotes::Prepared],
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
            || one_each && an.claims[ia].document == an.claims[ib].document
        {
            continue;
        }
        // Giving words to the wrong person is a grave charge: both speakers must be named
        // where the words are quoted (not inferred from a pronoun or an earlier quotation),
        // and a joint statement ("said Ruiz and Held") is both people's.
        let named = |f: &str| crate::quotes::names_someone(f);
        let names_other = |f: &str, e: EntityId| {
            let s = &an.entities.get(e).surname;
            !s.is_empty() && crate::quotes::mentions_word(f, s)
        };
        if !named(frames[a])
            || !named(frames[b])
            || names_other(frames[a], sb)
            || names_other(frames[b], sa)
        {
            continue;
        }
        let c = crate::quotes::compare_prepared(&prepared[a], &prepared[b], None);
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
            let reason = format!(
                "the same words, given to {} and {}",
                an.entities.name(sa),
                an.entities.name(sb)
            );
            for (x, y) in blocks::star(&units[ua], &units[ub], false, &docs) {
                g.link(
                    quotes[x].0,
                    quotes[y].0,
                    Relation::Contradicts,
                    Aspect::QuoteSpeaker,
                    reason.clone(),
                    c.similarity,
                );
            }
        }
    }
}

/// May two quotations be one speaker's words though [`link_quotes`] (which blocks by
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
    prepared: &[crate::quotes::Prepared],
    ua: &[usize],
    ub: &[usize],
    docs: &[&DocId],
) {
    let (a, b) = (ua[0], ub[0]);
    let crate::quotes::Statement::Reworded(changes) =
        crate::quotes::same_statement(&prepared[a], &prepared[b])
    else {
        return;
    };
    let reason = format!(
        "the same statement reworded ({})",
        changes
            .iter()
            .map(|(x, y)| format!("\"{x}\" / \"{y}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for (x, y) in blocks::star(ua, ub, false, docs) {
        g.link(
            quotes[x].0,
            quotes[y].0,
            Relation::Contradicts,
            Aspect::QuoteWording,
            reason.clone(),
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
    docs: &[&DocId],
    rep: &HashMap<EntityId, EntityId>,
    bound: Bound,
) -> Shared {
    // Word trigrams borrowed from the normalised quotations (no string per trigram).
    let mut postings: HashMap<[&str; 3], Vec<usize>> = HashMap::new();
    for (u, members) in units.iter().enumerate() {
        let q = quotes[members[0]].1;
        let words: Vec<&str> = q.normalised.split_whitespace().collect();
        if words.len() < 6 {
            continue;
        }
        let mut grams: Vec<[&str; 3]> = words.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
        grams.sort_unstable();
        grams.dedup();
        for gram in grams {
            postings.entry(gram).or_default().push(u);
        }
    }
    // Per unit: its speaker, and its document when all its quotations share one.
    let speaker: Vec<Option<EntityId>> = units
        .iter()
        .map(|m| quotes[m[0]].1.speaker.map(|s| rep[&s]))
        .collect();
    let home: Vec<Option<&DocId>> = units
        .iter()
        .map(|m| {
            m.iter()
                .all(|&k| docs[k] == docs[m[0]])
                .then_some(docs[m[0]])
        })
        .collect();
    // Pairs sharing trigrams, sorted, then counted by runs. Lists are taken in trigram
    // order, so the bound cuts the same ones on every run.
    let mut lists: Vec<(&[&str; 3], &Vec<usize>)> = postings.iter().collect();
    lists.sort_unstable();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
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
        let mut per_speaker: BTreeMap<Option<EntityId>, Vec<usize>> = BTreeMap::new();
        for &u in list {
            per_speaker.entry(speaker[u]).or_default().push(u);
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
        let shares: Vec<&Vec<usize>> = per_speaker.values().collect();
        for (x, ga) in shares.iter().enumerate() {
            for gb in &shares[x + 1..] {
                for &a in ga.iter() {
                    pairs.extend(
                        gb.iter()
                            .filter(|&&b| !(home[a].is_some() && home[a] == home[b]))
                            .map(|&b| (a.min(b), a.max(b))),
                    );
                }
            }
        }
    }
    pairs.sort_unstable();
    let pairs = pairs
        .chunk_by(|x, y| x == y)
        .map(|run| (run[0], run.len()))
        .collect();
    Shared {
        pairs,
        crowded,
        sub_blocked,
    }
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

/// What a figure is about, for blocking: its kind (label, measure, money, age, percent,
/// count) with the label's kind and noun or the measure's dimension, the person an age
/// qualifies, and the year it belongs to when that is not the story's.
type QuantityBlock = (&'static str, String, Option<EntityId>, Option<i16>);

/// Do two figures' sentences speak of the same thing (content words shared, see
/// [`crate::quantities::context_overlap`], `near` of them next to both figures)? A date
/// naming an event needs no shared word; a year or number label, or two counts with the
/// same verb, one; other figures three, or two with one next to the figure. Figures that
/// are not labels must also be of one order: values under twice each other; small ones
/// (whole numbers up to ten, in one unit) need the same verb as well.
fn same_context(
    a: &crate::quantities::Quantity,
    b: &crate::quantities::Quantity,
    overlap: usize,
    near: usize,
) -> bool {
    use crate::quantities::NounClass as C;
    if a.class == C::Label {
        return overlap >= usize::from(a.unit.as_deref() != Some("date"));
    }
    let (x, y) = (a.number.value * a.factor, b.number.value * b.factor);
    let whole = |v: f64| v.fract() == 0.0;
    let small = a.number.value.max(b.number.value) <= 10.0
        && whole(a.number.value)
        && whole(b.number.value)
        && !a.number.scale_word
        && a.unit == b.unit;
    let same_verb = a.predicate.is_some() && a.predicate == b.predicate;
    if small {
        return same_verb && overlap >= 2 && near >= 1;
    }
    if x.min(y) <= 0.0 || x.max(y) >= 2.0 * x.min(y) {
        return false;
    }
    overlap >= 3 || (overlap >= 2 && near >= 1) || (same_verb && overlap >= 1)
}

/// Figures of the same thing across documents (and an age stated twice in one). Figures are
/// blocked by what they are about, then each pair in a block is compared only when its
/// sentences share enough content words, and a disagreement is kept only when neither
/// figure has a matching figure in the other document that fits its context as well: "$512
/// million, including $140 million in cash" in two articles pairs 512 with 512 and 140
/// with 140, never 512 with 140.
fn link_quantities(g: &mut ClaimGraph, an: &Analysis, documents: &[Document], bound: Bound) {
    use crate::quantities::NounClass as C;
    use crate::quantities::QuantityRelation as Q;
    let published: HashMap<&str, Option<jiff::civil::Date>> = documents
        .iter()
        .map(|d| (d.id.0.as_str(), d.published))
        .collect();
    let rep = speaker_clusters(g, an);
    let doc_index: HashMap<&str, usize> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.0.as_str(), i))
        .collect();
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
        let i = doc_index[c.document.0.as_str()];
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
        let subject = q.subject.map(|s| rep[&s]);
        if d.class == C::Age && subject.is_none() {
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
            C::Age => ("age", d.modifies.clone().unwrap_or_default()),
            C::Percent => ("percent", String::new()),
            _ => ("count", String::new()),
        };
        let era = if kind == "label" {
            None
        } else {
            era(c, d.span)
        };
        blocks.entry((kind, sub, subject, era)).or_default().push(i);
    }
    let doc_of = |i: usize| doc_index[an.claims[i].document.0.as_str()];
    // A later article revising a toll is an update, not a contradiction.
    let is_update = |qa: &crate::quantities::Quantity, a: &Claim, b: &Claim| {
        let toll = matches!(
            qa.class,
            C::Person | C::Object | C::Event | C::Other | C::Unknown
        );
        let (pa, pb) = (
            published[a.document.0.as_str()],
            published[b.document.0.as_str()],
        );
        toll && matches!((pa, pb), (Some(x), Some(y)) if (y - x).get_days().abs() >= 1)
    };
    for (key, members) in &blocks {
        let by_subject = key.2.is_some();
        let docs = docs_of(an, members.iter().copied());
        if blocks::cross_pair_count(&docs) > bound.max_comparisons {
            link_quantity_classes(g, an, key, members, &docs, bound, &published, &is_update);
            continue;
        }
        // Every pair across documents; an age of one person also inside one document.
        let mut pairs: Vec<(usize, usize)> = blocks::cross_pairs(&docs).collect();
        if by_subject {
            for x in 0..members.len() {
                for y in x + 1..members.len() {
                    if docs[x] == docs[y] {
                        pairs.push((x, y));
                    }
                }
            }
            pairs.sort_unstable();
        }
        // The best context overlap of each figure with an agreeing figure of another
        // document: (claim, other document) -> overlap.
        let mut agreed: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::new();
        let mut conflicts = Vec::new();
        for (x, y) in pairs {
            let (a, b) = (members[x], members[y]);
            let (ca, cb) = (&an.claims[a], &an.claims[b]);
            let (ClaimKind::Quantity(qa), ClaimKind::Quantity(qb)) = (&ca.kind, &cb.kind) else {
                continue;
            };
            let overlap = crate::quantities::context_overlap(&qa.detail, &qb.detail);
            let near = crate::quantities::near_overlap(&qa.detail, &qb.detail);
            if !by_subject && !same_context(&qa.detail, &qb.detail, overlap, near) {
                continue;
            }
            let (da, db) = (doc_of(a), doc_of(b));
            match crate::quantities::compare(&qa.detail, &qb.detail) {
                rel @ (Q::Same | Q::Compatible | Q::Refines) => {
                    agreed.entry((a, db)).or_default().push((b, overlap));
                    agreed.entry((b, da)).or_default().push((a, overlap));
                    let (relation, reason) = if rel == Q::Refines {
                        (Relation::Refines, "one is more specific")
                    } else {
                        (Relation::Agrees, "compatible figures")
                    };
                    g.link(a, b, relation, Aspect::Count, reason.into(), 1.0);
                }
                Q::Conflict(why) => conflicts.push((a, b, overlap, why)),
                Q::Unrelated => {}
            }
        }
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
            let matched = |x: usize, other_doc: usize, rival: usize| {
                agreed.get(&(x, other_doc)).is_some_and(|v| {
                    v.iter().any(|&(m, o)| {
                        let (ClaimKind::Quantity(qm), ClaimKind::Quantity(qr)) =
                            (&an.claims[m].kind, &an.claims[rival].kind)
                        else {
                            return false;
                        };
                        let apart = !matches!(
                            crate::quantities::compare(&qm.detail, &qr.detail),
                            Q::Same | Q::Compatible | Q::Refines
                        );
                        apart && (!label || o >= overlap)
                    })
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
    let ranges_meet = qa.range.0 <= qb.range.1 && qb.range.0 <= qa.range.1;
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
    key: &QuantityBlock,
    members: &[usize],
    docs: &[&DocId],
    bound: Bound,
    published: &HashMap<&str, Option<jiff::civil::Date>>,
    is_update: &dyn Fn(&crate::quantities::Quantity, &Claim, &Claim) -> bool,
) {
    use crate::quantities::QuantityRelation as Q;
    let classes = Classes::new(members.iter().map(|&i| {
        let c = &an.claims[i];
        (published[c.document.0.as_str()], quantity_signature(c))
    }));
    let (pairs, skipped) = classes.pairs(docs, bound);
    for &(i, j) in &pairs {
        let (a, b) = (
            members[classes.members[i][0]],
            members[classes.members[j][0]],
        );
        let (ca, cb) = (&an.claims[a], &an.claims[b]);
        let (ClaimKind::Quantity(qa), ClaimKind::Quantity(qb)) = (&ca.kind, &cb.kind) else {
            continue;
        };
        let overlap = crate::quantities::context_overlap(&qa.detail, &qb.detail);
        let near = crate::quantities::near_overlap(&qa.detail, &qb.detail);
        if key.2.is_none() && !same_context(&qa.detail, &qb.detail, overlap, near) {
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
        for (x, y) in classes.star(i, j, docs) {
            g.link(members[x], members[y], rel, aspect, why.clone(), 1.0);
        }
    }
    if skipped > 0 {
        let (kind, sub, subject, era) = key;
        let mut label: Vec<String> = vec![kind.to_string()];
        label.extend((!sub.is_empty()).then(|| sub.clone()));
        label.extend(subject.map(|e| an.entities.name(e).to_string()));
        label.extend(era.map(|y| y.to_string()));
        g.skipped.push(Skipped {
            aspect: "count",
            block: label.join(" "),
            claims: members.len(),
            compared: pairs.len() as u64,
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

/// Offices held by one person at a time ("defence minister", "prime minister"), as
/// opposed to titles many hold at once ("spokesperson", "minister", "senator").
fn unique_office(title: &str) -> bool {
    const GENERIC: &[&str] = &[
        "spokesperson",
        "minister",
        "secretary",
        "advisor",
        "adviser",
        "official",
        "lawyer",
        "attorney",
        "officer",
        "director",
        "head",
        "leader",
        "chief",
        "commander",
        "general",
        "judge",
        "senator",
        "representative",
        "congressman",
        "congresswoman",
        "ambassador",
        "envoy",
        "deputy minister",
        "minister of state",
        "mp",
        "mep",
        "inspector",
        "detective",
        "prosecutor",
        "justice",
        "colonel",
        "admiral",
        "brigadier",
        "chairman",
        "chairwoman",
        "chair",
        "chairperson",
        "commissioner",
        "superintendent",
        "sheriff",
        "magistrate",
        "deputy prime minister",
        "vice president",
        "rep",
        "sen",
        "under secretary",
        "undersecretary",
        "deputy secretary",
        "lieutenant general",
        "major general",
        "field marshal",
        "special envoy",
        "defense attorney",
        "defence lawyer",
        "district attorney",
        "state attorney",
        "us attorney",
        "u.s. attorney",
        "security adviser",
        "mla",
        "cm",
        "ag",
        "deputy mayor",
        "lieutenant governor",
        "prince",
        "princess",
        "archbishop",
        "bishop",
        "cardinal",
        "imam",
        "rabbi",
        "king",
        "queen",
        "emir",
        "sheikh",
        "consul general",
        "high commissioner",
        "opposition leader",
        "party leader",
        "director general",
        "chief of staff",
    ];
    !GENERIC.contains(&title)
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

/// Role contradictions: one person's title with and without a rank; a holder called former
/// by one source and current by another; two current holders of one office in one known
/// jurisdiction. Offices that change hands in the story, and articles of other days, are
/// successions, not contradictions.
fn link_roles(g: &mut ClaimGraph, an: &Analysis, documents: &[Document], bound: Bound) {
    // One person spelled two ways is one holder (the name rule reports the spelling).
    let rep = speaker_clusters(g, an);
    let changing = offices_changing_hands(an, documents);
    let published: HashMap<&str, Option<jiff::civil::Date>> = documents
        .iter()
        .map(|d| (d.id.0.as_str(), d.published))
        .collect();
    // Articles days apart may tell a succession; only same-day accounts conflict.
    let same_day = |x: &Claim, y: &Claim| match (
        published[x.document.0.as_str()],
        published[y.document.0.as_str()],
    ) {
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
                if ca.document != cb.document
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
        let mut by_doc: HashMap<&DocId, Vec<usize>> = HashMap::new();
        for (&m, d) in members.iter().zip(&docs) {
            by_doc.entry(d).or_default().push(m);
        }
        for (x, y) in blocks::cross_pairs(&docs).take(bound as usize) {
            let (a, b) = (members[x], members[y]);
            {
                let (ca, cb) = (&an.claims[a], &an.claims[b]);
                let (ClaimKind::Role(ra), ClaimKind::Role(rb)) = (&ca.kind, &cb.kind) else {
                    continue;
                };
                if ca.document == cb.document || changing.contains(&ra.title) || !same_day(ca, cb) {
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
                    let (former_doc, other) = if former(ra) {
                        (&ca.document, a)
                    } else {
                        (&cb.document, b)
                    };
                    for &m in by_doc.get(former_doc).into_iter().flatten() {
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
