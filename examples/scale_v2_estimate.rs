//! Figures for the design of the scale-out record (docs/scale.md, "Why the record carries
//! the text"): could a document extract its claims without the rest of its story, and
//! how much would a record of claims instead of text weigh? Not a test: it measures.
//!
//! ```sh
//! cargo run --profile quick --example scale_v2_estimate -- BUNDLE...    # each a story
//! cargo run --profile quick --example scale_v2_estimate -- --feed DIR   # clustered
//! ```
//!
//! For each document it resolves names twice: across its story (as `check` does) and in
//! the document alone (all a map task sees). It compares the two views (each mention's
//! entity, up to renaming, and kind) and the claims extracted under each. It also adds up
//! the bytes a claim record would have to carry besides its structured fields.

use claimgraph::analysis::{self, DocView};
use claimgraph::claim::Claim;
use claimgraph::entities;
use std::collections::{BTreeSet, HashMap};

/// The same view up to renaming the entities: one partition of the mentions, same kinds.
fn same_up_to_renaming(a: &DocView, b: &DocView) -> bool {
    if a.kind != b.kind || a.entity.len() != b.entity.len() {
        return false;
    }
    let (mut f, mut g) = (HashMap::new(), HashMap::new());
    a.entity.iter().zip(&b.entity).all(|(x, y)| match (x, y) {
        (None, None) => true,
        (Some(x), Some(y)) => *f.entry(*x).or_insert(*y) == *y && *g.entry(*y).or_insert(*x) == *x,
        _ => false,
    })
}

#[derive(Default)]
struct Totals {
    documents: usize,
    same_view: usize,
    same_claims: usize,
    claims: usize,
    claims_differing: usize,
    text: usize,
    claim_spans: usize,
    line_words: usize,
    capitalised: usize,
    mentions: usize,
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let feed = args.first().is_some_and(|a| a == "--feed");
    if feed {
        args.remove(0);
    }
    let mut t = Totals::default();
    for path in &args {
        let b = claimgraph::ingest::load(&[path.into()], &Default::default()).expect("readable");
        let stories: Vec<Vec<usize>> = if feed {
            let c = claimgraph::cluster::cluster(&b.documents);
            c.stories.iter().map(|s| s.documents.clone()).collect()
        } else {
            vec![(0..b.documents.len()).collect()]
        };
        for story in stories {
            let docs: Vec<_> = story.iter().map(|&i| &b.documents[i]).collect();
            let owned: Vec<_> = docs.iter().map(|d| (*d).clone()).collect();
            let year = claimgraph::ingest::bundle_year(&owned);
            let an: Vec<_> = docs
                .iter()
                .map(|d| analysis::analyse_document(d, year))
                .collect();
            let inputs: Vec<_> = docs
                .iter()
                .zip(&an)
                .map(|(d, a)| (d.id.clone(), a.mentions.as_slice()))
                .collect();
            let whole = entities::resolve_with(&inputs, &b.entities);
            for (k, (d, a)) in docs.iter().zip(&an).enumerate() {
                let alone = entities::resolve_with(&inputs[k..k + 1], &b.entities);
                let vw = DocView::of(&whole, &d.id, a.mentions.len());
                let va = DocView::of(&alone, &d.id, a.mentions.len());
                let at = claimgraph::document::DocIdx::new(k);
                let cw = analysis::extract_claims(d, at, a, &vw);
                let ca = analysis::extract_claims(d, at, a, &va);
                add(&mut t, d, a, &cw, &ca, same_up_to_renaming(&vw, &va));
            }
        }
    }
    let per = |n: usize| n as f64 / t.text.max(1) as f64;
    println!(
        "{} documents: {} resolve alone as in their story, {} extract the same claims alone \
         ({} of {} claims differ in span or kind)",
        t.documents, t.same_view, t.same_claims, t.claims_differing, t.claims
    );
    println!(
        "bytes per byte of text ({} B): claim spans {:.2}, distinct words per line {:.2}, \
         capitalised words {:.2}, mentions {:.2}",
        t.text,
        per(t.claim_spans),
        per(t.line_words),
        per(t.capitalised),
        per(t.mentions)
    );
}

fn add(
    t: &mut Totals,
    d: &claimgraph::document::Document,
    a: &analysis::DocAnalysis,
    in_story: &[Claim],
    alone: &[Claim],
    same_view: bool,
) {
    let key = |cs: &[Claim]| -> Vec<_> { cs.iter().map(|c| (c.span, c.kind.name())).collect() };
    let (x, y) = (key(in_story), key(alone));
    t.documents += 1;
    t.same_view += usize::from(same_view);
    t.same_claims += usize::from(x == y);
    t.claims += x.len();
    t.claims_differing +=
        x.iter().filter(|c| !y.contains(c)).count() + y.iter().filter(|c| !x.contains(c)).count();
    t.text += d.text.len();
    // What the claims quote: the union of their spans (a claim's evidence is its text).
    let mut covered = vec![false; d.text.len()];
    for c in in_story {
        covered[c.span.start..c.span.end].fill(true);
    }
    t.claim_spans += covered.iter().filter(|x| **x).count();
    // What the quotation weights count (each line's words) and the spelling linker reads
    // (capitalised words, with a span and a count: about 16 bytes each besides the word).
    let mut capitalised = BTreeSet::new();
    for line in d.text.lines() {
        let words: BTreeSet<String> = line
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        t.line_words += words.iter().map(|w| w.len() + 3).sum::<usize>();
        capitalised.extend(
            line.split(|c: char| !c.is_alphabetic())
                .filter(|w| claimgraph::compare::spelling::is_candidate(w)),
        );
    }
    t.capitalised += capitalised.iter().map(|w| w.len() + 16).sum::<usize>();
    // A mention as a record: its tokens and titles, and about 48 bytes of spans and flags.
    t.mentions += a
        .mentions
        .iter()
        .map(|m| {
            m.tokens.iter().map(|s| s.len() + 3).sum::<usize>()
                + m.titles.iter().map(|x| x.title.len() + 24).sum::<usize>()
                + 48
        })
        .sum::<usize>();
}
