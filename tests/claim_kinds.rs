//! Every claim kind's rule fields, side value, subject and table line on fictional
//! articles: each claim the check finds, with the value of every field its kind declares
//! (`claim::Kind::FIELDS`), snapshotted (`snapshots/claim-kinds.snap`).

mod common;

use claimgraph::claim::{Compared, rule_fields};
use claimgraph::ingest::{Bundle, document_from_text, finish_bundle};

const ARTICLES: &[(&str, &str)] = &[
    (
        "a",
        "date 2031-04-02\n\nVeldra's Foreign Minister Ana Okafor spoke by phone with Marenland's \
         Prime Minister Tomas Calloway on Monday, officials said.\n\nAt least 26 tourists \
         were hurt in the fire in Harbourton on Sunday, police said.\n\n\"We will rebuild \
         the pier,\" Okafor said in a statement.\n\nA 61-year-old harbour pilot, Piet \
         Anders, said the fire was out.\n",
    ),
    (
        "b",
        "date 2031-04-03\n\nOkafor spoke with Calloway on Tuesday.\n\nNearly 30 tourists were \
         hurt in the fire in Harbourton on Sunday.\n\n\"We will rebuild the old pier,\" \
         Okafor said.\n",
    ),
];

#[test]
fn each_kinds_fields_on_fictional_articles() {
    let mut bundle = Bundle::default();
    for (id, text) in ARTICLES {
        bundle.documents.push(document_from_text(
            id,
            &format!("{id}.txt"),
            text.to_string(),
        ));
    }
    finish_bundle(&mut bundle);
    let outcome = claimgraph::check::run(bundle, &[]);
    let ents = &outcome.analysis.entities;
    let fields = rule_fields();
    let mut dump = String::new();
    let mut kinds = std::collections::BTreeSet::new();
    for c in &outcome.analysis.claims {
        let doc = outcome
            .bundle
            .documents
            .iter()
            .find(|d| d.id == c.document)
            .unwrap();
        let cx = c.cx(ents, &doc.text);
        kinds.insert(c.kind.name());
        dump.push_str(&format!("{} {:?}\n", c.id, c.span.slice(&doc.text)));
        for f in &fields {
            let applies = f.kinds.as_ref().is_none_or(|k| k.contains(&c.kind.name()));
            let v = c.field(f.name, ents, &doc.text);
            if !applies {
                assert_eq!(v, None, "{}: `{}` is not a field of its kind", c.id, f.name);
                continue;
            }
            if let Some(v) = v {
                dump.push_str(&format!("  {} = {v:?}\n", f.name));
            }
        }
        dump.push_str(&format!(
            "  side = {:?}; by speaker = {:?}\n  subject = {:?}\n  evidence = {:?}\n  table = {:?}\n",
            c.kind.side_value(Compared::Other, &cx),
            c.kind.side_value(Compared::Speaker, &cx),
            c.kind.subject(&cx),
            c.evidence_span().slice(&doc.text),
            c.json(doc, ents).table_detail(),
        ));
    }
    assert_eq!(
        kinds.len(),
        claimgraph::claim::KIND_NAMES.len(),
        "{kinds:?}"
    );
    common::snapshot_settings().bind(|| insta::assert_snapshot!("claim-kinds", dump));
}
