//! The pipeline per bundle: segment and tag each document (in parallel), resolve names
//! across the bundle, then extract claims from each document (in parallel). Output order
//! never depends on thread scheduling: results are collected in document order.

use crate::claim::{Claim, ClaimId, ClaimKind, TimeRef};
use crate::document::Document;
use crate::entities::{self, EntityTable};
use crate::extract::{self, DocState, Resolved};
use crate::ingest::{Bundle, bundle_year};
use crate::mentions::{BareTitle, Mention, MentionKind, find_mentions};
use crate::segment::{Segmented, segment};
use crate::span::Span;
use crate::temporal::{self, Anchor, Timex, TimexType};
use rayon::prelude::*;
use std::collections::BTreeMap;

#[derive(Debug)]
pub struct DocAnalysis {
    pub seg: Segmented,
    pub anchor: Anchor,
    pub timexes: Vec<Timex>,
    pub times: Vec<TimeRef>,
    /// Mentions in text order, with the index of their sentence.
    pub mentions: Vec<Mention>,
    pub mention_sentence: Vec<usize>,
    pub bare_titles: Vec<(usize, BareTitle)>,
}

#[derive(Debug)]
pub struct Analysis {
    pub docs: Vec<DocAnalysis>,
    pub entities: EntityTable,
    pub claims: Vec<Claim>,
}

pub fn anchor_for(doc: &Document, year_hint: Option<i16>) -> Anchor {
    Anchor {
        date: doc.published,
        tz: doc.timezone.clone(),
        year_hint,
    }
}

impl From<&Timex> for TimeRef {
    fn from(t: &Timex) -> Self {
        TimeRef {
            span: t.span,
            value: t.value.clone(),
            utc: t.utc.map(|u| (u.start, u.end)),
            weekday: t.weekday,
            year_inferred: t.year_inferred,
            tz: t.tz.clone(),
        }
    }
}

/// Segment, tag times and find mentions in one document.
pub fn analyse_document(doc: &Document, year_hint: Option<i16>) -> DocAnalysis {
    let seg = segment(&doc.text, doc.body_start);
    let anchor = anchor_for(doc, year_hint);
    let regions = seg.content_regions();
    let timexes = temporal::tag(&doc.text, &regions, &anchor);
    let times = timexes
        .iter()
        .filter(|t| matches!(t.ty, TimexType::Date | TimexType::Time))
        .map(TimeRef::from)
        .collect();
    let mut mentions = Vec::new();
    let mut mention_sentence = Vec::new();
    let mut bare_titles = Vec::new();
    for (i, s) in seg.sentences.iter().enumerate() {
        if seg.paragraphs[s.paragraph].kind == crate::segment::ParagraphKind::Boilerplate {
            continue;
        }
        let sm = find_mentions(&doc.text, s.span);
        for m in sm.mentions {
            mentions.push(m);
            mention_sentence.push(i);
        }
        bare_titles.extend(sm.bare_titles.into_iter().map(|b| (i, b)));
    }
    DocAnalysis {
        seg,
        anchor,
        timexes,
        times,
        mentions,
        mention_sentence,
        bare_titles,
    }
}

pub fn analyse(bundle: &Bundle) -> Analysis {
    let year = bundle_year(&bundle.documents);
    let docs: Vec<DocAnalysis> = bundle
        .documents
        .par_iter()
        .map(|d| analyse_document(d, year))
        .collect();
    let inputs: Vec<_> = bundle
        .documents
        .iter()
        .zip(&docs)
        .map(|(d, a)| (d.id.clone(), a.mentions.clone()))
        .collect();
    let entities = entities::resolve(&inputs);
    let claims: Vec<Claim> = bundle
        .documents
        .par_iter()
        .zip(&docs)
        .map(|(d, a)| extract_claims(d, a, &entities))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    Analysis {
        docs,
        entities,
        claims,
    }
}

/// Claims of one document, ids numbered per kind in text order.
pub fn extract_claims(doc: &Document, an: &DocAnalysis, ents: &EntityTable) -> Vec<Claim> {
    let text = &doc.text;
    let mut state = DocState::default();
    let mut found: Vec<(Span, ClaimKind)> = Vec::new();
    let mut by_sentence: BTreeMap<usize, Vec<Resolved>> = BTreeMap::new();
    for (i, m) in an.mentions.iter().enumerate() {
        let entity = ents.of(&doc.id, i);
        let kind = entity.map(|e| ents.get(e).kind).unwrap_or(m.kind);
        by_sentence
            .entry(an.mention_sentence[i])
            .or_default()
            .push(Resolved {
                mention: m,
                entity,
                kind,
            });
    }
    let quotes: Vec<Span> = Vec::new();
    for (si, s) in an.seg.sentences.iter().enumerate() {
        if an.seg.paragraphs[s.paragraph].kind == crate::segment::ParagraphKind::Boilerplate {
            continue;
        }
        let ms = by_sentence.get(&si).map(Vec::as_slice).unwrap_or(&[]);
        let subject_before = state.last_subject;
        for c in extract::communication::extract(text, s.span, ms, &an.times, &quotes, &mut state) {
            found.push((s.span, ClaimKind::Communication(c)));
        }
        for (span, r) in extract::role::extract(text, s.span, ms) {
            found.push((span, ClaimKind::Role(r)));
        }
        // Unless a communication named its subject, the sentence's first person is the
        // one "he"/"she" in the next sentence most likely stands for.
        if state.last_subject == subject_before {
            if let Some(p) = ms
                .iter()
                .find(|r| r.kind == MentionKind::Person && r.entity.is_some())
            {
                state.last_subject = p.entity;
            }
        }
    }
    found.sort_by_key(|(span, k)| (span.start, span.end, k.name()));
    let mut counters: BTreeMap<&'static str, usize> = BTreeMap::new();
    found
        .into_iter()
        .map(|(span, kind)| {
            let n = counters.entry(kind.name()).or_default();
            *n += 1;
            Claim {
                id: ClaimId(format!("{}:{}:{}", doc.id, kind.name(), n)),
                document: doc.id.clone(),
                span,
                kind,
            }
        })
        .collect()
}
