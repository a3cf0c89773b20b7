//! The review's data: one check's findings, documents, events and rules, owned and looked
//! up by id. Built from [`crate::pipeline::Checked`]; pages read it, never the files.

use crate::check::Outcome;
use crate::document::Document;
use crate::ingest::Notice;
use crate::pipeline::Checked;
use crate::rules::{Finding, Rule};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::decisions::{State, Store};

/// A rule's text for reviewers.
#[derive(Debug, Clone)]
pub struct RuleText {
    pub summary: String,
    pub help: Option<String>,
}

/// One loaded check.
pub struct Review {
    /// The check's outcome: findings after inline suppressions, before any baseline.
    pub outcome: Outcome,
    pub rules: BTreeMap<String, RuleText>,
    pub notices: Vec<Notice>,
    by_fingerprint: HashMap<String, usize>,
    by_document: HashMap<String, usize>,
}

impl Review {
    pub fn build(checked: Checked, rules: &[Rule]) -> Review {
        let mut notices = checked.outcome.notices();
        notices.extend(checked.suppression_notices);
        let outcome = checked.outcome;
        let by_fingerprint = outcome
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| (f.fingerprint.clone(), i))
            .collect();
        let by_document = outcome
            .bundle
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.0.clone(), i))
            .collect();
        let rules = rules
            .iter()
            .map(|r| {
                (
                    r.id.clone(),
                    RuleText {
                        summary: r.summary.clone(),
                        help: r.help.clone(),
                    },
                )
            })
            .collect();
        Review {
            outcome,
            rules,
            notices,
            by_fingerprint,
            by_document,
        }
    }

    pub fn findings(&self) -> &[Finding] {
        &self.outcome.findings
    }

    /// The finding with this fingerprint and its position in the list.
    pub fn finding(&self, fingerprint: &str) -> Option<(usize, &Finding)> {
        let &i = self.by_fingerprint.get(fingerprint)?;
        Some((i, &self.outcome.findings[i]))
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        self.by_document
            .get(id)
            .map(|&i| &self.outcome.bundle.documents[i])
    }

    /// The findings the filter lets through, in the check's order.
    pub fn filtered<'a>(&'a self, filter: &'a Filter, store: &'a Store) -> Vec<&'a Finding> {
        self.findings()
            .iter()
            .filter(|f| filter.admits(f, store.state(&f.fingerprint)))
            .collect()
    }

    /// The values each filter can take: rules and documents that occur.
    pub fn rule_ids(&self) -> Vec<String> {
        let s: BTreeSet<&str> = self.findings().iter().map(|f| f.rule.as_str()).collect();
        s.into_iter().map(str::to_string).collect()
    }

    pub fn document_ids(&self) -> Vec<String> {
        self.outcome
            .bundle
            .documents
            .iter()
            .map(|d| d.id.0.clone())
            .collect()
    }
}

/// The list's filters, as the query string has them; empty means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub severity: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub rule: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub document: String,
    /// A [`State`] name, or `open`: new or confirmed (what `check --baseline` reports).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub state: String,
}

impl Filter {
    pub fn admits(&self, f: &Finding, state: State) -> bool {
        (self.severity.is_empty() || f.severity.as_str() == self.severity)
            && (self.rule.is_empty() || f.rule == self.rule)
            && (self.document.is_empty()
                || f.evidence.iter().any(|e| e.document.0 == self.document))
            && (self.state.is_empty()
                || state.as_str() == self.state
                || (self.state == "open"
                    && matches!(
                        state,
                        State::New | State::Decided(crate::baseline::DecisionKind::Confirmed)
                    )))
    }

    /// `?severity=…&…`, or empty: encoded here, so what is echoed is always well formed.
    pub fn query(&self) -> String {
        match serde_urlencoded::to_string(self) {
            Ok(q) if !q.is_empty() => format!("?{q}"),
            _ => String::new(),
        }
    }

    /// Parse a query string (without `?`); anything unreadable is no filter.
    pub fn parse(q: &str) -> Filter {
        serde_urlencoded::from_str(q.trim_start_matches('?')).unwrap_or_default()
    }
}
