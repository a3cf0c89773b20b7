//! The rule-file loader: any text as a user rule file. Errors must render (with their
//! position); a rule that loads is evaluated against the example bundle.
#![no_main]

use claimgraph::check::Outcome;
use claimgraph::ingest::{Bundle, document_from_text, finish_bundle};
use claimgraph::rules::engine::{Context, evaluate};
use libfuzzer_sys::fuzz_target;

const EXAMPLE: &[(&str, &str)] = &[
    (
        "01_meridian-times",
        include_str!("../../examples/harbour-talks/01_meridian-times.txt"),
    ),
    (
        "02_continental-press",
        include_str!("../../examples/harbour-talks/02_continental-press.txt"),
    ),
    (
        "03_asia-news-service",
        include_str!("../../examples/harbour-talks/03_asia-news-service.txt"),
    ),
    (
        "04_coast-chronicle",
        include_str!("../../examples/harbour-talks/04_coast-chronicle.txt"),
    ),
    (
        "05_tidewater-review",
        include_str!("../../examples/harbour-talks/05_tidewater-review.txt"),
    ),
];

thread_local! {
    static OUTCOME: Outcome = {
        let mut bundle = Bundle {
            documents: EXAMPLE
                .iter()
                .map(|(id, t)| document_from_text(id, &format!("{id}.txt"), t.to_string()))
                .collect(),
            ..Bundle::default()
        };
        finish_bundle(&mut bundle);
        claimgraph::check::run(bundle, &[])
    };
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    match claimgraph::rules::load::parse_rule(src, "fuzz.yaml") {
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.contains("fuzz.yaml"),
                "error does not name the file: {msg}"
            );
        }
        Ok(rule) => OUTCOME.with(|o| {
            let cx = Context::new(&o.bundle.documents, &o.analysis, &o.graph);
            for f in evaluate(&rule, &cx) {
                assert!(!f.message.contains('\n'));
            }
        }),
    }
});
