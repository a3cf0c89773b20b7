//! Test support for the linkers: a bundle from `(doc id, text)` pairs run through the
//! analysis, the events ledger and the graph, and a compact dump of what one aspect
//! linked, for `check(input, expect)` tests with inline snapshots.

use super::{Aspect, ClaimGraph, Node};
use crate::analysis::Analysis;
use crate::ingest::{Bundle, document_from_text, finish_bundle};

/// A bundle analysed and linked, as the pipeline does before the rules.
pub struct Linked {
    pub bundle: Bundle,
    pub analysis: Analysis,
    pub graph: ClaimGraph,
}

/// Analyses `docs` (id, text; the id is also the file name) and builds the ledger and
/// the graph.
pub fn link(docs: &[(&str, &str)]) -> Linked {
    let mut bundle = Bundle {
        documents: docs
            .iter()
            .map(|(id, text)| document_from_text(id, &format!("{id}.txt"), text.to_string()))
            .collect(),
        notices: Vec::new(),
        entities: Vec::new(),
        read: Vec::new(),
    };
    finish_bundle(&mut bundle);
    let analysis = crate::analysis::analyse(&bundle);
    let ledger = crate::events::build(&analysis.claims, &analysis.entities);
    let graph = super::build(&analysis, &ledger, &bundle.documents);
    Linked {
        bundle,
        analysis,
        graph,
    }
}

/// [`link`] with every article dated Friday 9 May 2031 (a `date` line above its text).
pub fn link_dated(docs: &[(&str, &str)]) -> Linked {
    let texts: Vec<(&str, String)> = docs
        .iter()
        .map(|(id, text)| (*id, format!("date 2031-05-09\n{text}\n")))
        .collect();
    let docs: Vec<(&str, &str)> = texts.iter().map(|(id, t)| (*id, t.as_str())).collect();
    link(&docs)
}

impl Linked {
    /// One line per claim of `kind` (its id's kind part: "quote", "quantity", ...; or
    /// per person entity for "person"), then
    /// one line per edge of `aspects`, in insertion order: relation, aspect, both ends,
    /// reason. A claim end is `doc:text` (its evidence, whitespace collapsed), an entity
    /// `entity:name`, a word `word:spelling`.
    pub fn dump(&self, kind: &str, aspects: &[Aspect]) -> String {
        let mut out = String::new();
        if kind == "person" {
            for e in &self.analysis.entities.entities {
                if e.kind == crate::mentions::MentionKind::Person {
                    out.push_str(&format!("person {}\n", e.canonical));
                }
            }
        }
        for c in &self.analysis.claims {
            if c.id.0.rsplit(':').nth(1) == Some(kind) {
                out.push_str(&format!("claim {}\n", self.claim(c)));
            }
        }
        for e in self.graph.graph.edge_indices() {
            let w = &self.graph.graph[e];
            if !aspects.contains(&w.aspect) {
                continue;
            }
            let (a, b) = self.graph.graph.edge_endpoints(e).expect("an edge's ends");
            out.push_str(&format!(
                "{} {} | {} | {} | {}\n",
                kebab(&w.relation),
                kebab(&w.aspect),
                self.node(self.graph.graph[a]),
                self.node(self.graph.graph[b]),
                self.graph.reason(w.reason)
            ));
        }
        out
    }

    fn claim(&self, c: &crate::claim::Claim) -> String {
        let doc = self
            .bundle
            .documents
            .iter()
            .find(|d| d.id == c.document)
            .expect("the claim's document");
        let text: Vec<&str> = c.span.slice(&doc.text).split_whitespace().collect();
        format!("{}:{}", c.document.0, text.join(" "))
    }

    fn node(&self, n: Node) -> String {
        match n {
            Node::Claim(i) => self.claim(&self.analysis.claims[i]),
            Node::Entity(e) => format!("entity:{}", self.analysis.entities.name(e)),
            Node::Word(w) => format!("word:{}", self.graph.words[w].text),
        }
    }
}

/// A relation or aspect as the reports write it.
fn kebab(x: &impl serde::Serialize) -> String {
    serde_json::to_value(x)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
