//! The claim graph (petgraph): claims and entities as nodes, typed edges with reasons
//! (same event, agrees, contradicts, refines). Comparisons happen only inside blocks (same
//! event, same speaker, same counted thing, same surname initial), never across all pairs.

use crate::analysis::Analysis;
use crate::claim::{Claim, ClaimKind};
use crate::compare::{dates, names};
use crate::entities::EntityId;
use crate::events::Ledger;
use petgraph::graph::{NodeIndex, UnGraph};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

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
}

pub struct ClaimGraph {
    pub graph: UnGraph<Node, Edge>,
    claim_nodes: Vec<NodeIndex>,
    entity_nodes: HashMap<EntityId, NodeIndex>,
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

pub fn build(an: &Analysis, ledger: &Ledger) -> ClaimGraph {
    let mut g = ClaimGraph {
        graph: UnGraph::with_capacity(
            an.claims.len() + an.entities.entities.len(),
            an.claims.len(),
        ),
        claim_nodes: Vec::with_capacity(an.claims.len()),
        entity_nodes: HashMap::new(),
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
    g
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
    let mut blocks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, e) in people.iter().enumerate() {
        let initial: String = e.surname.chars().take(1).collect();
        blocks.entry(format!("i:{initial}")).or_default().push(i);
    }
    let mut done = std::collections::HashSet::new();
    for members in blocks.values() {
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[k + 1..] {
                let (ea, eb) = (people[a], people[b]);
                if !done.insert((ea.id, eb.id)) {
                    continue;
                }
                if let Some(what) = names::spelling_variant(ea, eb) {
                    let (na, nb) = (g.entity_nodes[&ea.id], g.entity_nodes[&eb.id]);
                    g.graph.add_edge(
                        na,
                        nb,
                        Edge {
                            relation: Relation::Contradicts,
                            aspect: Aspect::NameSpelling,
                            reason: format!(
                                "{what} spelled two ways: {} / {}",
                                ea.canonical, eb.canonical
                            ),
                            score: strsim::jaro_winkler(&ea.canonical, &eb.canonical),
                        },
                    );
                }
            }
        }
    }
}
