//! Each default rule's examples, run through the whole check with that rule alone: a
//! snapshot per rule of what every example reports (message and evidence, with document,
//! line, column and text), not only whether it fired. The examples are the rules' own
//! fictional articles (`rules/default/*.yaml`).

mod common;

use claimgraph::rule_examples::run_examples;
use claimgraph::rules::load::default_rules;

#[test]
fn every_default_rule_example_reports_what_its_snapshot_says() {
    let rules = default_rules();
    assert!(!rules.is_empty());
    for rule in &rules {
        let results = run_examples(std::slice::from_ref(rule));
        assert!(!results.is_empty(), "{} has no examples", rule.id);
        let mut dump = String::new();
        for r in &results {
            dump.push_str(&format!(
                "example {} (expect {}): {}\n",
                r.index + 1,
                r.expect,
                if r.ok { "ok" } else { "NOT AS EXPECTED" }
            ));
            if r.findings.is_empty() {
                dump.push_str("  no finding\n");
            }
            for f in &r.findings {
                for line in f.lines() {
                    dump.push_str(&format!("  {line}\n"));
                }
            }
        }
        let name = format!("rule-{}", rule.id.replace('/', "-"));
        common::snapshot_settings().bind(|| insta::assert_snapshot!(name, dump));
        assert!(
            results.iter().all(|r| r.ok),
            "{}: an example does not behave as its expect says:\n{dump}",
            rule.id
        );
    }
}
