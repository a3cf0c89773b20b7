//! The claim graph around one event or one entity: its nodes and the edges among them,
//! laid out on a circle for a small SVG (and listed as a table beside it).

use crate::check::Outcome;
use crate::entities::EntityId;
use crate::graph::{Node, Relation};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeSet, HashMap};

/// At most this many nodes are drawn: a hub entity links to many claims.
pub const MAX_NODES: usize = 48;

pub enum Focus {
    /// Index into the ledger's events.
    Event(usize),
    Entity(EntityId),
}

pub struct NodeView {
    pub label: String,
    /// "claim", "entity" or "word".
    pub kind: &'static str,
    /// The claim's document, for claims.
    pub document: String,
    pub x: i32,
    pub y: i32,
    /// Where the label goes: outside the circle.
    pub tx: i32,
    pub ty: i32,
    pub anchor: &'static str,
}

pub struct EdgeView {
    pub from: String,
    pub to: String,
    pub relation: &'static str,
    pub aspect: String,
    pub reason: String,
    pub x1: i32,
    pub y1: i32,
    pub x2: i32,
    pub y2: i32,
}

pub struct GraphView {
    pub nodes: Vec<NodeView>,
    pub edges: Vec<EdgeView>,
    /// Nodes left out beyond [`MAX_NODES`].
    pub omitted: usize,
}

pub const SIZE: i32 = 640;

fn relation(r: Relation) -> &'static str {
    match r {
        Relation::Agrees => "agrees",
        Relation::Contradicts => "contradicts",
        Relation::Refines => "refines",
        Relation::SameEvent => "same-event",
    }
}

fn short(s: &str, n: usize) -> String {
    let mut t: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() > n {
        t = t.chars().take(n).collect();
        t.push('…');
    }
    t
}

fn node_label(o: &Outcome, n: Node) -> (String, &'static str, String) {
    match n {
        Node::Claim(i) => {
            let c = &o.analysis.claims[i];
            let text = o
                .bundle
                .documents
                .iter()
                .find(|d| d.id == c.document)
                .map(|d| d.slice(c.span))
                .unwrap_or("");
            (short(text, 48), "claim", c.document.0.clone())
        }
        Node::Entity(e) => (
            o.analysis.entities.name(e).to_string(),
            "entity",
            String::new(),
        ),
        Node::Word(w) => (o.graph.words[w].text.clone(), "word", String::new()),
    }
}

/// A node for the edge table: a claim's text with its document.
fn described(o: &Outcome, n: Node) -> String {
    match node_label(o, n) {
        (label, _, doc) if !doc.is_empty() => format!("{doc}: {label}"),
        (label, ..) => label,
    }
}

/// The nodes of the focus, in graph order.
fn members(o: &Outcome, focus: &Focus) -> Vec<NodeIndex> {
    let g = &o.graph.graph;
    match *focus {
        Focus::Event(i) => {
            let Some(ev) = o.ledger.events.get(i) else {
                return Vec::new();
            };
            let ids: BTreeSet<&str> = ev.claims.iter().map(|c| c.0.as_str()).collect();
            g.node_indices()
                .filter(|&n| match g[n] {
                    Node::Claim(c) => ids.contains(o.analysis.claims[c].id.0.as_str()),
                    _ => false,
                })
                .collect()
        }
        Focus::Entity(e) => {
            // The claims that name the entity, and the entity's own node and neighbours
            // (spelling variants) when it is one.
            let mut set: BTreeSet<NodeIndex> = g
                .node_indices()
                .filter(|&n| match g[n] {
                    Node::Claim(c) => o.analysis.claims[c].kind.entities().contains(&e),
                    Node::Entity(x) => x == e,
                    Node::Word(_) => false,
                })
                .collect();
            if let Some(hub) = g.node_indices().find(|&n| g[n] == Node::Entity(e)) {
                set.extend(g.neighbors(hub));
            }
            set.into_iter().collect()
        }
    }
}

pub fn view(o: &Outcome, focus: &Focus) -> GraphView {
    let g = &o.graph.graph;
    let all = members(o, focus);
    let omitted = all.len().saturating_sub(MAX_NODES);
    let nodes: Vec<NodeIndex> = all.into_iter().take(MAX_NODES).collect();
    let centre = SIZE / 2;
    let radius = f64::from(SIZE / 2 - 150);
    let place: HashMap<NodeIndex, (i32, i32, f64)> = nodes
        .iter()
        .enumerate()
        .map(|(k, &n)| {
            let a = std::f64::consts::TAU * k as f64 / nodes.len().max(1) as f64;
            let x = centre + (radius * a.cos()).round() as i32;
            let y = centre + (radius * a.sin()).round() as i32;
            (n, (x, y, a))
        })
        .collect();
    let node_views = nodes
        .iter()
        .map(|n| {
            let (label, kind, document) = node_label(o, g[*n]);
            let (x, y, a) = place[n];
            NodeView {
                label,
                kind,
                document,
                x,
                y,
                tx: x + (12.0 * a.cos()).round() as i32,
                ty: y + (12.0 * a.sin()).round() as i32 + 4,
                anchor: if a.cos() < -0.1 {
                    "end"
                } else if a.cos() > 0.1 {
                    "start"
                } else {
                    "middle"
                },
            }
        })
        .collect();
    let mut edges = Vec::new();
    for e in g.edge_references() {
        let (Some(&(x1, y1, _)), Some(&(x2, y2, _))) =
            (place.get(&e.source()), place.get(&e.target()))
        else {
            continue;
        };
        let w = e.weight();
        edges.push(EdgeView {
            from: described(o, g[e.source()]),
            to: described(o, g[e.target()]),
            relation: relation(w.relation),
            aspect: format!("{:?}", w.aspect).to_lowercase(),
            reason: o.graph.reason(w.reason).to_string(),
            x1,
            y1,
            x2,
            y2,
        });
    }
    GraphView {
        nodes: node_views,
        edges,
        omitted,
    }
}

/// The entities that claims name, with how many claims name each, most named first.
pub fn entities(o: &Outcome) -> Vec<(usize, String, usize)> {
    let mut count: HashMap<EntityId, usize> = HashMap::new();
    for c in &o.analysis.claims {
        let mut named = c.kind.entities();
        named.sort_unstable_by_key(|e| e.0);
        named.dedup();
        for e in named {
            *count.entry(e).or_default() += 1;
        }
    }
    let mut v: Vec<(usize, String, usize)> = count
        .into_iter()
        .map(|(e, n)| (e.0, o.analysis.entities.name(e).to_string(), n))
        .collect();
    v.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then_with(|| a.1.cmp(&b.1))
            .then(a.0.cmp(&b.0))
    });
    v
}
