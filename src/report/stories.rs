//! The report of a `check --by-story` run: one report for the whole feed, built from
//! each story's, in which documents, events and findings carry their story and
//! `stories[]` lists the stories (docs/report-format.md).
//!
//! The order is a single check's: documents by path, claims in document order, findings
//! by severity, rule and first evidence; events are grouped by story, in story order.

use super::json::{
    ClaimsOut, DocumentOut, Report, SCHEMA, StoryOut, Summary, build, document_out, finding_out,
};
use crate::document::{DocId, Document};
use crate::stories::Checked;
use foldhash::HashMap;

pub fn of_stories(c: &Checked) -> Report<'_> {
    let by_id: HashMap<&DocId, &Document> = c.documents.iter().map(|d| (&d.id, d)).collect();
    let doc = |id: &DocId| -> &Document { by_id[id] };
    let rank: HashMap<&str, usize> = c
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.0.as_str(), i))
        .collect();

    let mut story_of: HashMap<String, String> = HashMap::default();
    let mut claims = Vec::with_capacity(c.stories.len());
    let mut events = Vec::new();
    let mut notices = c.notices.clone();
    let mut stories = Vec::with_capacity(c.stories.len());
    for s in &c.stories {
        // The story's own report (its findings were moved out: they are added below).
        let part = build(&s.outcome);
        for d in &part.documents {
            story_of.insert(d.id.clone(), s.id.clone());
        }
        stories.push(StoryOut {
            id: s.id.clone(),
            documents: part.documents.iter().map(|d| d.id.clone()).collect(),
            claims: part.claims.len(),
            events: part.events.len(),
            errors: 0,
            warnings: 0,
            infos: 0,
        });
        claims.push(part.claims);
        events.extend(part.events.into_iter().map(|mut e| {
            e.story = Some(s.id.clone());
            e
        }));
        notices.extend(part.notices);
    }
    // Each story's claims are in its document order: a stable sort by the feed's order
    // of documents puts them in the feed's.
    let mut claims = ClaimsOut::concat(claims);
    claims.sort_by_key(|cl| {
        rank.get(cl.document.0.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    });
    notices.extend(c.suppression_notices.iter().cloned());

    let mut summary = Summary {
        documents: c.documents.len(),
        claims: claims.len(),
        events: events.len(),
        undated_documents: c.documents.iter().filter(|d| d.published.is_none()).count(),
        stories: Some(c.stories.len()),
        ..Default::default()
    };
    let findings = c
        .findings
        .iter()
        .map(|(s, f)| {
            summary.count(f.severity);
            let st = &mut stories[*s];
            match f.severity {
                crate::rules::Severity::Error => st.errors += 1,
                crate::rules::Severity::Warning => st.warnings += 1,
                crate::rules::Severity::Info => st.infos += 1,
            }
            let mut out = finding_out(f, &doc);
            out.story = Some(st.id.clone());
            out
        })
        .collect();
    let documents = c
        .documents
        .iter()
        .map(|d| DocumentOut {
            story: story_of.get(&d.id.0).cloned(),
            ..document_out(d)
        })
        .collect();
    Report {
        schema: SCHEMA,
        documents,
        claims,
        events,
        findings,
        notices,
        baseline: c.baseline.clone(),
        suppressions: c.suppressions.clone(),
        stories: Some(stories),
        summary,
    }
}
