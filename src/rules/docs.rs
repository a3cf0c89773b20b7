//! `docs/rules.md`: the reference page of the rules, generated from the rules themselves
//! (id, severity, summary, help, check, scope and the examples that `rules test` runs), so
//! the page cannot drift from what runs. `tests/docs.rs` fails when the page is stale.

use super::model::{Check, Expect, Rule};
use std::fmt::Write;

/// A fence that no line of `text` can close: one backtick more than its longest run.
fn fence_for(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat((longest + 1).max(3))
}

/// Markdown inline code for `s`, safe when `s` itself holds backticks.
fn code(s: &str) -> String {
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

/// The check with its options, as a rule file would write it.
fn check_line(check: &Check) -> String {
    let opts: Vec<String> = match check {
        Check::DateConflict(d) => d
            .max_days_apart
            .map(|m| format!("max-days-apart: {m}"))
            .into_iter()
            .collect(),
        Check::QuoteDrift(q) => q
            .min_similarity
            .map(|m| format!("min-similarity: {m}"))
            .into_iter()
            .collect(),
        Check::Consistency(c) => {
            let mut v = vec![
                format!("prefer: {}", c.prefer),
                format!("avoid: [{}]", c.avoid.join(", ")),
            ];
            if c.case_sensitive {
                v.push("case-sensitive: true".into());
            }
            v
        }
        Check::Conditional(c) => {
            let map = |m: &std::collections::BTreeMap<String, String>| {
                m.iter()
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            vec![
                format!("if: {{{}}}", map(&c.r#if)),
                format!("then: {{{}}}", map(&c.then)),
            ]
        }
        Check::NumericConflict(_)
        | Check::DescriptorConflict(_)
        | Check::NameVariant(_)
        | Check::QuoteAttribution(_)
        | Check::RoleConflict(_)
        | Check::WeekdayMismatch(_) => Vec::new(),
    };
    if opts.is_empty() {
        code(check.name())
    } else {
        format!("{} ({})", code(check.name()), opts.join(", "))
    }
}

fn scope_line(rule: &Rule) -> String {
    let s = &rule.scope;
    let mut parts = Vec::new();
    match s.kind {
        Some(k) => {
            parts.push(format!("kind {}", code(k.as_str())));
        }
        None => parts.push("every claim kind".into()),
    }
    for (f, v) in &s.r#where {
        parts.push(format!("where {}", code(&format!("{f}: {v}"))));
    }
    if !s.group_by.is_empty() {
        let g: Vec<String> = s.group_by.iter().map(|f| code(f)).collect();
        parts.push(format!("grouped by {}", g.join(", ")));
    }
    parts.join("; ")
}

/// Lower-case, kebab-case anchor of a heading, as GitHub makes it.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_ascii_lowercase())
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// The whole `docs/rules.md` page for `rules`, in the order given.
pub fn markdown(rules: &[Rule]) -> String {
    let mut o = String::new();
    o.push_str("# Rules\n\n");
    o.push_str(
        "<!-- Generated from rules/default/*.yaml by src/rules/docs.rs: do not edit by hand.\n     \
         Refresh with `UPDATE_DOCS=1 cargo test --test docs`. -->\n\n",
    );
    o.push_str(
        "The rules `claimgraph check` runs by default. Each is one YAML file under \
         `rules/default/`, embedded in the binary; `claimgraph rules list` prints the rules in \
         effect and `claimgraph rules test` runs the examples below. The rule language is \
         described in [rules-language.md](rules-language.md).\n\n",
    );
    o.push_str("| rule | severity | summary |\n|---|---|---|\n");
    for r in rules {
        let _ = writeln!(
            o,
            "| [{}](#{}) | {} | {} |",
            r.id,
            anchor(&r.id),
            r.severity.as_str(),
            r.summary.replace('|', "\\|")
        );
    }
    o.push('\n');
    for r in rules {
        let _ = writeln!(o, "## {}\n", r.id);
        let _ = writeln!(o, "{}\n", r.summary);
        let _ = writeln!(o, "- **Severity:** {}", r.severity.as_str());
        let _ = writeln!(o, "- **Check:** {}", check_line(&r.check));
        let _ = writeln!(o, "- **Scope:** {}", scope_line(r));
        let _ = writeln!(o, "- **Message:** {}\n", code(&r.message));
        if let Some(h) = &r.help {
            let _ = writeln!(o, "**Help.** {}\n", h.trim());
        }
        if r.examples.is_empty() {
            o.push_str("No examples.\n\n");
            continue;
        }
        o.push_str("### Examples\n\n");
        for (i, ex) in r.examples.iter().enumerate() {
            let expect = match ex.expect {
                Expect::Fail => "fail (the rule reports a finding)",
                Expect::Pass => "pass (no finding)",
            };
            let _ = writeln!(o, "Example {}, expect **{}**:\n", i + 1, expect);
            for (name, text) in &ex.articles {
                let fence = fence_for(text);
                let _ = writeln!(o, "{}:\n", code(name));
                let _ = writeln!(o, "{fence}text");
                o.push_str(text);
                if !text.ends_with('\n') {
                    o.push('\n');
                }
                let _ = writeln!(o, "{fence}\n");
            }
        }
    }
    // One trailing newline, no blank line at the end.
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_outlast_backticks_in_the_text() {
        assert_eq!(fence_for("plain"), "```");
        assert_eq!(fence_for("a ```` b"), "`````");
        assert_eq!(code("a`b"), "`` a`b ``");
    }

    #[test]
    fn every_default_rule_has_a_section() {
        let rules = super::super::load::default_rules();
        let md = markdown(&rules);
        for r in &rules {
            assert!(md.contains(&format!("\n## {}\n", r.id)), "{}", r.id);
        }
        assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
    }
}
