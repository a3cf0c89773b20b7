//! The JSON report: the contract reviewers' tooling and the score script read. Fields
//! listed in docs/report-format.md never change meaning; new fields may be added.

use crate::check::Outcome;
use crate::claim::{Claim, ClaimKind};
use crate::document::{Document, PublishedSource};
use crate::entities::EntityTable;
use crate::ingest::Notice;
use crate::span::Location;
use serde::Serialize;
use serde_json::{Map, Value, json};

pub const SCHEMA: &str = "claimgraph/report/v1";

#[derive(Debug, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub documents: Vec<DocumentOut>,
    pub claims: Vec<Value>,
    pub events: Vec<EventOut>,
    pub findings: Vec<FindingOut>,
    pub notices: Vec<Notice>,
    /// What `--baseline` hid, or null when no baseline was given.
    pub baseline: Option<crate::baseline::BaselineOut>,
    /// Every inline `claimgraph:` suppression comment and what it hid.
    pub suppressions: Vec<crate::suppress::Suppression>,
    pub summary: Summary,
}

#[derive(Debug, Serialize)]
pub struct DocumentOut {
    pub id: String,
    pub path: String,
    pub published: Option<String>,
    pub published_source: Option<PublishedSource>,
    pub outlet: Option<String>,
    pub timezone: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EventOut {
    pub id: String,
    pub kind: String,
    pub label: String,
    pub participants: Vec<String>,
    pub places: Vec<String>,
    pub date: Option<String>,
    pub documents: Vec<String>,
    pub dissenting_documents: Vec<String>,
    pub claims: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct EvidenceOut {
    pub document: String,
    pub claim: Option<String>,
    pub span: Location,
    pub text: String,
    pub value: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FindingOut {
    pub id: String,
    pub rule: String,
    pub severity: &'static str,
    pub message: String,
    pub help: Option<String>,
    pub fingerprint: String,
    pub evidence: Vec<EvidenceOut>,
}

#[derive(Debug, Serialize, Default)]
pub struct Summary {
    pub documents: usize,
    pub claims: usize,
    pub events: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

fn doc<'a>(docs: &'a [Document], id: &crate::document::DocId) -> &'a Document {
    docs.iter()
        .find(|d| &d.id == id)
        .expect("evidence documents are in the bundle")
}

fn claim_json(c: &Claim, d: &Document, ents: &EntityTable) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(c.id));
    m.insert("kind".into(), json!(c.kind.name()));
    m.insert("document".into(), json!(c.document));
    m.insert("span".into(), json!(d.locate(c.span)));
    m.insert("text".into(), json!(d.slice(c.span)));
    let name = |e: crate::entities::EntityId| json!(ents.name(e));
    let date = |t: &crate::claim::TimeRef| {
        json!({
            "text": d.slice(t.span),
            "value": t.value,
            "utc": t.utc.map(|(a, b)| [a.to_string(), b.to_string()]),
            "timezone": t.tz,
            "year_inferred": t.year_inferred,
        })
    };
    match &c.kind {
        ClaimKind::Communication(x) => {
            m.insert(
                "participants".into(),
                Value::Array(x.participants.iter().map(|p| name(*p)).collect()),
            );
            m.insert(
                "initiator".into(),
                x.initiator.map(name).unwrap_or(Value::Null),
            );
            m.insert("medium".into(), json!(x.medium));
            m.insert(
                "date".into(),
                x.date.as_ref().map(date).unwrap_or(Value::Null),
            );
        }
        ClaimKind::Role(x) => {
            m.insert("person".into(), name(x.person));
            m.insert("title".into(), json!(x.title));
            m.insert("jurisdiction".into(), json!(x.jurisdiction));
            m.insert("qualifier".into(), json!(x.qualifier));
        }
        ClaimKind::Quote(x) => {
            m.insert("quote".into(), json!(d.slice(x.inner)));
            m.insert("speaker".into(), x.speaker.map(name).unwrap_or(Value::Null));
            m.insert(
                "speaker_text".into(),
                json!(x.speaker_span.map(|s| d.slice(s))),
            );
            m.insert("channel".into(), json!(x.channel));
        }
        ClaimKind::Quantity(x) => {
            m.insert("value".into(), json!(x.value));
            m.insert("range".into(), json!([x.range.0, x.range.1]));
            m.insert("hedge".into(), json!(x.hedge));
            m.insert("noun".into(), json!(x.noun));
            m.insert("class".into(), json!(x.class));
            m.insert("predicate".into(), json!(x.predicate));
            m.insert("descriptors".into(), json!(x.descriptors));
        }
        ClaimKind::EventDate(x) => {
            m.insert("event".into(), json!(x.event));
            m.insert(
                "participants".into(),
                Value::Array(x.participants.iter().map(|p| name(*p)).collect()),
            );
            m.insert("date".into(), date(&x.date));
        }
    }
    Value::Object(m)
}

pub fn build(o: &Outcome) -> Report {
    let docs = &o.bundle.documents;
    let ents = &o.analysis.entities;
    let documents = docs
        .iter()
        .map(|d| DocumentOut {
            id: d.id.0.clone(),
            path: d.path.clone(),
            published: d.published.map(|p| p.to_string()),
            published_source: d.published_source,
            outlet: d.outlet.clone(),
            timezone: d.timezone.clone(),
        })
        .collect();
    let claims = o
        .analysis
        .claims
        .iter()
        .map(|c| claim_json(c, doc(docs, &c.document), ents))
        .collect();
    let events = o
        .ledger
        .events
        .iter()
        .map(|e| EventOut {
            id: e.id.clone(),
            kind: e.kind.clone(),
            label: e.label.clone(),
            participants: e
                .participants
                .iter()
                .map(|p| ents.name(*p).to_string())
                .collect(),
            places: e.places.iter().map(|p| ents.name(*p).to_string()).collect(),
            date: e.date.clone(),
            documents: e.documents.iter().map(|d| d.0.clone()).collect(),
            dissenting_documents: e.dissent.iter().map(|d| d.0.clone()).collect(),
            claims: e.claims.iter().map(|c| c.0.clone()).collect(),
        })
        .collect();
    let mut summary = Summary {
        documents: docs.len(),
        claims: o.analysis.claims.len(),
        events: o.ledger.events.len(),
        ..Default::default()
    };
    let findings = o
        .findings
        .iter()
        .map(|f| {
            match f.severity {
                crate::rules::Severity::Error => summary.errors += 1,
                crate::rules::Severity::Warning => summary.warnings += 1,
                crate::rules::Severity::Info => summary.infos += 1,
            }
            FindingOut {
                id: f.id.clone(),
                rule: f.rule.clone(),
                severity: f.severity.as_str(),
                message: f.message.clone(),
                help: f.help.clone(),
                fingerprint: f.fingerprint.clone(),
                evidence: f
                    .evidence
                    .iter()
                    .map(|e| {
                        let d = doc(docs, &e.document);
                        EvidenceOut {
                            document: e.document.0.clone(),
                            claim: e.claim.as_ref().map(|c| c.0.clone()),
                            span: d.locate(e.span),
                            text: d.slice(e.span).to_string(),
                            value: e.value.clone(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    Report {
        schema: SCHEMA,
        documents,
        claims,
        events,
        findings,
        notices: o.bundle.notices.clone(),
        baseline: None,
        suppressions: Vec::new(),
        summary,
    }
}

pub fn to_string(r: &Report) -> String {
    let mut s = serde_json::to_string_pretty(r).expect("report serialises");
    s.push('\n');
    s
}

/// `--format jsonl`: one finding per line, each the same object as in `findings[]`.
pub fn to_jsonl(r: &Report) -> String {
    let mut s = String::new();
    for f in &r.findings {
        s.push_str(&serde_json::to_string(f).expect("finding serialises"));
        s.push('\n');
    }
    s
}
