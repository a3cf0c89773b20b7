//! Claim extraction of a whole document: a one-document bundle through the full pipeline
//! with the default rules, then the JSON and text reports. Every claim and evidence span
//! lies inside the document and quotes its text; the text report never carries a control
//! character from the article.
#![no_main]

use claimgraph::ingest::{Bundle, document_from_text, finish_bundle};
use claimgraph::rules::Rule;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

thread_local! {
    static RULES: Vec<Rule> = claimgraph::rules::load::default_rules();
}

fn check_span(text: &str, v: &Value, quoted: &Value) {
    let s = v["start"].as_u64().unwrap() as usize;
    let e = v["end"].as_u64().unwrap() as usize;
    assert!(s <= e && e <= text.len(), "span {v} outside the document");
    assert_eq!(
        text.get(s..e),
        quoted.as_str(),
        "span {v} does not quote its text"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut bundle = Bundle {
        documents: vec![document_from_text("fuzz", "fuzz.txt", text.to_string())],
        ..Bundle::default()
    };
    finish_bundle(&mut bundle);
    let outcome = RULES.with(|rules| claimgraph::check::run(bundle, rules));
    let rep = claimgraph::report::build(&outcome);
    let json: Value = serde_json::from_str(&claimgraph::report::json::to_string(&rep)).unwrap();
    for c in json["claims"].as_array().unwrap() {
        check_span(text, &c["span"], &c["text"]);
    }
    for f in json["findings"].as_array().unwrap() {
        for e in f["evidence"].as_array().unwrap() {
            check_span(text, &e["span"], &e["text"]);
        }
    }
    let out = claimgraph::report::full::render(&rep, &outcome.bundle.documents, false);
    assert!(
        !out.chars().any(|c| c.is_control() && c != '\n'),
        "control character in the text report"
    );
    let _ = claimgraph::report::graph::json(&outcome);
    let _ = claimgraph::report::graph::dot(&outcome);
});
