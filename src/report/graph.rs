//! `graph --format dot|json`: the claim graph for Graphviz (agreement green, contradiction
//! red) or for tools.

use crate::check::Outcome;
use crate::graph::{Node, Relation};
use petgraph::visit::EdgeRef;
use std::fmt::Write;

fn label(o: &Outcome, n: Node) -> String {
    match n {
        Node::Claim(i) => {
            let c = &o.analysis.claims[i];
            let d = o
                .bundle
                .documents
                .iter()
                .find(|d| d.id == c.document)
                .unwrap();
            let mut t: String = d.slice(c.span).chars().take(60).collect();
            if t.len() < d.slice(c.span).len() {
                t.push('…');
            }
            format!("{}\\n{}", c.id, escape(&t))
        }
        Node::Entity(e) => escape(o.analysis.entities.name(e)),
        Node::Word(w) => escape(&o.graph.words[w].text),
    }
}

fn escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            c if c.is_control() => vec![' '],
            c => vec![c],
        })
        .collect()
}

/// Only nodes that take part in an edge are drawn.
pub fn dot(o: &Outcome) -> String {
    let g = &o.graph.graph;
    let mut s = String::from("graph claimgraph {\n  node [shape=box, fontsize=10];\n");
    let mut used: Vec<bool> = vec![false; g.node_count()];
    for e in g.edge_references() {
        used[e.source().index()] = true;
        used[e.target().index()] = true;
    }
    for n in g.node_indices() {
        if used[n.index()] {
            let shape = if matches!(g[n], Node::Entity(_) | Node::Word(_)) {
                ", shape=ellipse"
            } else {
                ""
            };
            let _ = writeln!(
                s,
                "  n{} [label=\"{}\"{}];",
                n.index(),
                label(o, g[n]),
                shape
            );
        }
    }
    for e in g.edge_references() {
        let w = e.weight();
        let color = match w.relation {
            Relation::Agrees => "green",
            Relation::Contradicts => "red",
            Relation::Refines => "blue",
            Relation::SameEvent => "gray",
        };
        let _ = writeln!(
            s,
            "  n{} -- n{} [color={color}, label=\"{:?}: {}\"];",
            e.source().index(),
            e.target().index(),
            w.aspect,
            escape(o.graph.reason(w.reason))
        );
    }
    s.push_str("}\n");
    s
}

pub fn json(o: &Outcome) -> String {
    let g = &o.graph.graph;
    let nodes: Vec<serde_json::Value> = g
        .node_indices()
        .map(|n| match g[n] {
            Node::Claim(i) => {
                serde_json::json!({"id": n.index(), "claim": o.analysis.claims[i].id})
            }
            Node::Entity(e) => {
                serde_json::json!({"id": n.index(), "entity": o.analysis.entities.name(e)})
            }
            Node::Word(w) => {
                serde_json::json!({"id": n.index(), "word": o.graph.words[w].text})
            }
        })
        .collect();
    let edges: Vec<serde_json::Value> = g
        .edge_references()
        .map(|e| {
            serde_json::json!({
                "from": e.source().index(),
                "to": e.target().index(),
                "relation": e.weight().relation,
                "aspect": e.weight().aspect,
                "reason": o.graph.reason(e.weight().reason),
                "score": e.weight().score,
            })
        })
        .collect();
    let mut s =
        serde_json::to_string_pretty(&serde_json::json!({"nodes": nodes, "edges": edges})).unwrap();
    s.push('\n');
    s
}
