//! The JSON report: the contract reviewers' tooling and the score script read. Fields
//! listed in docs/report-format.md never change meaning; new fields may be added.

use crate::check::Outcome;
use crate::claim::Medium;
use crate::claim::{Claim, ClaimKind};
use crate::document::{DocId, Document, Format, Item, MetaValue, PublishedSource, SourceLocation};
use crate::entities::EntityTable;
use crate::ingest::Notice;
use crate::span::Location;
use foldhash::HashMap;
use serde::Serialize;

pub const SCHEMA: &str = "claimgraph/report/v1";

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub schema: &'static str,
    pub documents: Vec<DocumentOut>,
    pub claims: Vec<ClaimOut<'a>>,
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
    /// The fields below are only for documents read from a page, a JSON file or a feed
    /// (absent for `.txt` and `.md`, whose text is the file): see docs/report-format.md.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<Option<Item>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub metadata: Vec<MetaValue>,
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
    /// Where the evidence is in the original file, for a document extracted from a page,
    /// a JSON file or a feed (absent for `.txt` and `.md`, where `span` is in the file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceLocation>,
}

impl EvidenceOut {
    /// The 1-based line and column of the evidence in the file its document was read from.
    pub fn file_position(&self) -> (usize, usize) {
        match &self.source {
            Some(s) => (s.line, s.column),
            None => (self.span.line, self.span.column),
        }
    }
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
    /// Documents without a publication date: their weekdays and relative dates are not
    /// resolved (each has a notice).
    pub undated_documents: usize,
}

/// A claim as the report prints it. Keys are in alphabetical order (the order the
/// report has always had), per kind; borrowed from the analysis so a large bundle's
/// report is not a second copy of every claim.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum ClaimOut<'a> {
    Communication {
        date: Option<DateOut<'a>>,
        document: &'a str,
        id: &'a str,
        initiator: Option<&'a str>,
        kind: &'static str,
        medium: Medium,
        participants: Vec<&'a str>,
        span: SortedLocation,
        text: &'a str,
    },
    Role {
        document: &'a str,
        id: &'a str,
        jurisdiction: &'a Option<String>,
        kind: &'static str,
        person: &'a str,
        qualifier: &'a Option<String>,
        span: SortedLocation,
        text: &'a str,
        title: &'a str,
    },
    Quote {
        channel: &'a Option<String>,
        document: &'a str,
        id: &'a str,
        kind: &'static str,
        quote: &'a str,
        span: SortedLocation,
        speaker: Option<&'a str>,
        speaker_text: Option<&'a str>,
        text: &'a str,
    },
    Quantity {
        class: &'a str,
        descriptors: &'a [String],
        document: &'a str,
        hedge: &'a str,
        id: &'a str,
        kind: &'static str,
        noun: &'a Option<String>,
        predicate: &'a Option<String>,
        range: [f64; 2],
        span: SortedLocation,
        text: &'a str,
        value: f64,
    },
    EventDate {
        date: DateOut<'a>,
        document: &'a str,
        event: &'a str,
        id: &'a str,
        kind: &'static str,
        participants: Vec<&'a str>,
        span: SortedLocation,
        text: &'a str,
    },
}

/// A resolved date inside a claim (keys alphabetical).
#[derive(Debug, Serialize)]
pub struct DateOut<'a> {
    pub text: &'a str,
    pub timezone: &'a Option<String>,
    pub utc: Option<[String; 2]>,
    pub value: &'a str,
    pub year_inferred: bool,
}

/// A claim's location, keys alphabetical like the rest of the claim object.
#[derive(Debug, Serialize)]
pub struct SortedLocation {
    pub column: usize,
    pub end: usize,
    pub line: usize,
    pub start: usize,
}

impl From<Location> for SortedLocation {
    fn from(l: Location) -> Self {
        SortedLocation {
            column: l.column,
            end: l.end,
            line: l.line,
            start: l.start,
        }
    }
}

impl ClaimOut<'_> {
    /// The claim as a JSON value (for `claims --format table`).
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a claim serialises")
    }
}

fn claim_out<'a>(c: &'a Claim, d: &'a Document, ents: &'a EntityTable) -> ClaimOut<'a> {
    let name = |e: crate::entities::EntityId| ents.name(e);
    let date = |t: &'a crate::claim::TimeRef| DateOut {
        text: d.slice(t.span),
        timezone: &t.tz,
        utc: t.utc.map(|(a, b)| [a.to_string(), b.to_string()]),
        value: &t.value,
        year_inferred: t.year_inferred,
    };
    let (document, id, kind) = (c.document.0.as_str(), c.id.0.as_str(), c.kind.name());
    let span = SortedLocation::from(d.locate(c.span));
    let text = d.slice(c.span);
    match &c.kind {
        ClaimKind::Communication(x) => ClaimOut::Communication {
            date: x.date.as_ref().map(date),
            document,
            id,
            initiator: x.initiator.map(name),
            kind,
            medium: x.medium,
            participants: x.participants.iter().map(|p| name(*p)).collect(),
            span,
            text,
        },
        ClaimKind::Role(x) => ClaimOut::Role {
            document,
            id,
            jurisdiction: &x.jurisdiction,
            kind,
            person: name(x.person),
            qualifier: &x.qualifier,
            span,
            text,
            title: &x.title,
        },
        ClaimKind::Quote(x) => ClaimOut::Quote {
            channel: &x.channel,
            document,
            id,
            kind,
            quote: d.slice(x.inner),
            span,
            speaker: x.speaker.map(name),
            speaker_text: x.speaker_span.map(|s| d.slice(s)),
            text,
        },
        ClaimKind::Quantity(x) => ClaimOut::Quantity {
            class: &x.class,
            descriptors: &x.descriptors,
            document,
            hedge: &x.hedge,
            id,
            kind,
            noun: &x.noun,
            predicate: &x.predicate,
            range: [x.range.0, x.range.1],
            span,
            text,
            value: x.value,
        },
        ClaimKind::EventDate(x) => ClaimOut::EventDate {
            date: date(&x.date),
            document,
            event: &x.event,
            id,
            kind,
            participants: x.participants.iter().map(|p| name(*p)).collect(),
            span,
            text,
        },
    }
}

pub fn build(o: &Outcome) -> Report<'_> {
    use rayon::prelude::*;
    let docs = &o.bundle.documents;
    let ents = &o.analysis.entities;
    let by_id: HashMap<&DocId, &Document> = docs.iter().map(|d| (&d.id, d)).collect();
    let doc = |id: &DocId| -> &Document { by_id[id] };
    let documents = docs
        .iter()
        .map(|d| DocumentOut {
            id: d.id.0.clone(),
            path: d.path.clone(),
            published: d.published.map(|p| p.to_string()),
            published_source: d.published_source,
            outlet: d.outlet.clone(),
            timezone: d.timezone.clone(),
            format: d.origin.as_ref().map(|o| o.format),
            url: d.origin.as_ref().map(|_| d.url.clone()),
            item: d.origin.as_ref().map(|o| o.item.clone()),
            metadata: d
                .origin
                .as_ref()
                .map(|o| o.meta.clone())
                .unwrap_or_default(),
        })
        .collect();
    let claims = o
        .analysis
        .claims
        .par_iter()
        .map(|c| claim_out(c, doc(&c.document), ents))
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
        undated_documents: docs.iter().filter(|d| d.published.is_none()).count(),
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
                        let d = doc(&e.document);
                        EvidenceOut {
                            document: e.document.0.clone(),
                            claim: e.claim.as_ref().map(|c| c.0.clone()),
                            span: d.locate(e.span),
                            text: d.slice(e.span).to_string(),
                            value: e.value.clone(),
                            source: d.source_location(e.span),
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
        notices: o.notices(),
        baseline: None,
        suppressions: Vec::new(),
        summary,
    }
}

pub fn to_string(r: &Report) -> String {
    let mut out = Vec::new();
    write(r, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// Stream the report: a large bundle's report is written as it is serialised, never
/// held whole in memory.
pub fn write(r: &Report, mut w: impl std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut w, r)?;
    w.write_all(b"\n")
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
