//! The JSON report: the contract reviewers' tooling and the score script read. Fields
//! listed in docs/report-format.md never change meaning; new fields may be added.

use crate::check::Outcome;
use crate::claim::Claim;
use crate::document::{DocId, Document, Format, Item, MetaValue, PublishedSource, SourceLocation};
use crate::entities::EntityTable;
use crate::ingest::Notice;
use crate::rules::Finding;
use crate::span::Location;
use foldhash::HashMap;
use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "claimgraph/report/v1";

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub schema: &'static str,
    pub documents: Vec<DocumentOut>,
    pub claims: ClaimsOut<'a>,
    pub events: Vec<EventOut>,
    pub findings: Vec<FindingOut>,
    pub notices: Vec<Notice>,
    /// What `--baseline` hid, or null when no baseline was given.
    pub baseline: Option<crate::baseline::BaselineOut>,
    /// Every inline `claimgraph:` suppression comment and what it hid.
    pub suppressions: Vec<crate::suppress::Suppression>,
    /// The stories of a `check --by-story` run (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stories: Option<Vec<StoryOut>>,
    pub summary: Summary,
}

/// One story of a `check --by-story` run: its documents and what its check found.
#[derive(Debug, Serialize)]
pub struct StoryOut {
    pub id: String,
    pub documents: Vec<String>,
    pub claims: usize,
    pub events: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
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
    /// The story the document was put in (`check --by-story` only; absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct EventOut {
    pub id: String,
    pub kind: crate::events::EventKind,
    pub label: String,
    pub participants: Vec<String>,
    pub places: Vec<String>,
    pub date: Option<String>,
    pub documents: Vec<String>,
    pub dissenting_documents: Vec<String>,
    pub claims: Vec<String>,
    /// The story of the event (`check --by-story` only; absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
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
    /// The story whose check found it (`check --by-story` only; absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
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
    /// The number of stories (`check --by-story` only; absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stories: Option<usize>,
}

/// A claim as the report prints it: each kind's module lays out its object
/// (`claim::Kind::json`), borrowed from the analysis so a large bundle's report is not a
/// second copy of every claim.
pub use crate::claim::json::{ClaimJson as ClaimOut, DateOut, SortedLocation};

/// The report's claims, each laid out as it is written or read ([`Claim::json`]): a
/// large bundle's report never holds every claim's object at once.
#[derive(Default)]
pub struct ClaimsOut<'a> {
    items: Vec<(&'a Claim, &'a Document, &'a EntityTable)>,
}

impl<'a> ClaimsOut<'a> {
    /// The claims of one check, in its order.
    pub fn of(o: &'a Outcome) -> Self {
        let docs = &o.bundle.documents;
        let ents = &o.analysis.entities;
        ClaimsOut {
            items: o
                .analysis
                .claims
                .iter()
                .map(|c| (c, &docs[c.doc.index()], ents))
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = ClaimOut<'a>> + '_ {
        self.items.iter().map(|&(c, d, e)| c.json(d, e))
    }

    /// Claims of several checks (stories), in the order given.
    pub fn concat(parts: impl IntoIterator<Item = ClaimsOut<'a>>) -> Self {
        ClaimsOut {
            items: parts.into_iter().flat_map(|p| p.items).collect(),
        }
    }

    /// The claims reordered: `key` ranks each claim (a stable sort).
    pub fn sort_by_key<K: Ord>(&mut self, mut key: impl FnMut(&Claim) -> K) {
        self.items.sort_by_key(|(c, _, _)| key(c));
    }
}

impl std::fmt::Debug for ClaimsOut<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for ClaimsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

pub fn build(o: &Outcome) -> Report<'_> {
    let docs = &o.bundle.documents;
    let ents = &o.analysis.entities;
    let by_id: HashMap<&DocId, &Document> = docs.iter().map(|d| (&d.id, d)).collect();
    let doc = |id: &DocId| -> &Document { by_id[id] };
    let documents = docs.iter().map(document_out).collect();
    let claims = ClaimsOut::of(o);
    let events = o
        .ledger
        .events
        .iter()
        .map(|e| EventOut {
            id: e.id.clone(),
            kind: e.kind,
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
            story: None,
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
            summary.count(f.severity);
            finding_out(f, &doc)
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
        stories: None,
        summary,
    }
}

impl Summary {
    /// Count a finding of this severity.
    pub fn count(&mut self, s: crate::rules::Severity) {
        match s {
            crate::rules::Severity::Error => self.errors += 1,
            crate::rules::Severity::Warning => self.warnings += 1,
            crate::rules::Severity::Info => self.infos += 1,
        }
    }
}

/// A document as the report lists it.
pub fn document_out(d: &Document) -> DocumentOut {
    DocumentOut {
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
        story: None,
    }
}

/// A finding as the report prints it, its evidence located in `doc(id)`.
pub fn finding_out<'d>(f: &Finding, doc: &impl Fn(&DocId) -> &'d Document) -> FindingOut {
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
        story: None,
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

#[cfg(test)]
mod tests {
    use crate::events::EventKind;

    #[test]
    fn event_kinds_print_their_names() {
        for k in [EventKind::Communication, EventKind::Event] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }
}
