//! The claim graph (petgraph): claims and entities as nodes, typed edges with reasons
//! (same event, agrees, contradicts, refines). Comparisons happen only inside blocks (same
//! event, same speaker, same counted thing, same office, same surname initial), never
//! across all pairs; [`blocks`] decides which pairs of a block, within a bound, and
//! records what a bound cut ([`Skipped`]).
//!
//! One module per aspect owns its linking: [`events`] (same event, date), [`names`]
//! (people's name spellings), [`words`] (capitalised words' spellings), [`quotes`]
//! (quote wording and speaker), [`quantities`] (count, descriptor), [`roles`] and
//! [`ages`]. This
//! module holds the types, [`build`] (which runs the linkers in a fixed order) and the
//! helpers they share.

mod ages;
mod blocks;
mod events;
mod names;
mod quantities;
mod quotes;
mod roles;
#[cfg(test)]
mod testing;

use crate::analysis::Analysis;
use crate::document::{DocIdx, Document};
use crate::entities::EntityId;
use crate::events::Ledger;
use crate::union_find::UnionFind;
pub use blocks::{Bound, Bounds, NOTICE_PATH, Skipped};
use foldhash::HashMap;
use foldhash::HashMapExt;
use petgraph::graph::{NodeIndex, UnGraph};
use serde::Serialize;
use std::sync::Arc;

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

/// 16 bytes (petgraph adds 16 of links): a 16 MB wire day has 1.7 M of them.
#[derive(Debug, Clone)]
pub struct Edge {
    pub relation: Relation,
    pub aspect: Aspect,
    /// One line: why the comparator decided so ([`ClaimGraph::reason`] has its text).
    pub reason: Reason,
    /// Similarity or confidence in [0, 1] where the comparator has one.
    pub score: f64,
}

/// An edge's reason: its text's index in the graph's table ([`ClaimGraph::reason`]). A
/// block's star of edges, or a linker's agreements, give one reason to many edges: one
/// text each, not one per edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reason(u32);

/// The graph's table of reason texts, each text entered once: 1.7 M edges of a 16 MB
/// bundle have 0.43 M reasons written, 0.12 M of them distinct ("same age" for every
/// pair of ages), and one copy of each held to the end was 18 MB of text.
#[derive(Debug, Default)]
pub struct Reasons {
    texts: Vec<Arc<str>>,
    /// Each text's index while the graph is built; emptied once it is.
    index: HashMap<Arc<str>, Reason>,
}

impl Reasons {
    fn enter(&mut self, text: &str) -> Reason {
        if let Some(r) = self.index.get(text) {
            return *r;
        }
        let r = Reason(u32::try_from(self.texts.len()).expect("fewer than 2^32 reasons"));
        let text: Arc<str> = Arc::from(text);
        self.texts.push(text.clone());
        self.index.insert(text, r);
        r
    }

    /// No more texts: the index goes.
    fn seal(&mut self) {
        self.index = HashMap::new();
        self.texts.shrink_to_fit();
    }
}

/// What [`ClaimGraph::link`] takes as a reason: a text entered in the table (once per
/// distinct text), or a reason already entered (shared by many edges).
pub trait IntoReason {
    fn into_reason(self, table: &mut Reasons) -> Reason;
}

impl IntoReason for Reason {
    fn into_reason(self, _: &mut Reasons) -> Reason {
        self
    }
}

impl IntoReason for String {
    fn into_reason(self, table: &mut Reasons) -> Reason {
        table.enter(&self)
    }
}

impl IntoReason for &str {
    fn into_reason(self, table: &mut Reasons) -> Reason {
        table.enter(self)
    }
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
    /// The edges' reasons, by [`Reason`].
    reasons: Reasons,
}

impl ClaimGraph {
    pub fn claim_node(&self, i: usize) -> NodeIndex {
        self.claim_nodes[i]
    }

    pub fn entity_node(&self, e: EntityId) -> Option<NodeIndex> {
        self.entity_nodes.get(&e).copied()
    }

    /// A reason's text.
    pub fn reason(&self, r: Reason) -> &str {
        &self.reasons.texts[r.0 as usize]
    }

    /// A reason entered once, for many edges to share.
    fn because(&mut self, text: impl IntoReason) -> Reason {
        text.into_reason(&mut self.reasons)
    }

    fn link(
        &mut self,
        a: usize,
        b: usize,
        relation: Relation,
        aspect: Aspect,
        reason: impl IntoReason,
        score: f64,
    ) {
        let reason = self.because(reason);
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

/// Edges reserved per claim: a generated 16 MB wire day links 12.6 per claim.
const EDGES_PER_CLAIM: usize = 16;

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
        // Edges reserved generously: a reservation's untouched pages cost nothing, and a
        // growing vector of a wire day's 1.7 M edges copied itself and had the kernel
        // zero twice its final size (5% of a 16 MB check's profile).
        graph: UnGraph::with_capacity(
            an.claims.len() + an.entities.entities.len(),
            EDGES_PER_CLAIM * an.claims.len(),
        ),
        claim_nodes: Vec::with_capacity(an.claims.len()),
        entity_nodes: HashMap::new(),
        words: Vec::new(),
        skipped: Vec::new(),
        reasons: Reasons::default(),
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
    // Linkers in this order: edge order is the order findings and reports list them,
    // and the speaker clusters of the later linkers read the name-spelling edges.
    events::link(&mut g, an, ledger, &index);
    // Only the events name claims by id: the index (6 MB at 16 MB of text) goes before
    // the quotation and count linkers' working data comes.
    drop(index);
    names::link(&mut g, an);
    words::link(&mut g, an, documents);
    quotes::link(&mut g, an, documents, bounds.quotes);
    quantities::link(&mut g, an, documents, bounds.counts);
    roles::link(&mut g, an, documents, bounds.offices);
    ages::link(&mut g, an);
    g.reasons.seal();
    g
}

/// Each member's document, for [`blocks`].
fn docs_of(an: &Analysis, members: impl Iterator<Item = usize>) -> Vec<DocIdx> {
    members.map(|i| an.claims[i].doc).collect()
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
    let reason = g.because(reason);
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
