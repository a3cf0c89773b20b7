//! `scale`: `check` split in two for a distributed engine (`claimgraph map` and
//! `claimgraph reduce`, docs/scale.md).
//!
//! [`map`] turns documents into [`record`] lines, each with its story: the per-document
//! work (reading the file or the feed line, extracting the body from a page, the metadata,
//! the dateline, locating the text in its file). [`reduce`] reads records in any order,
//! groups them by story and gives each story the whole check of a bundle
//! ([`crate::check`]), so its findings and events are exactly those of `check` on that
//! bundle (`check --by-story` on a feed). Claims are extracted in `reduce`, not in `map`:
//! extraction reads the entities resolved across the story's documents, and the graph
//! reads text that no claim holds (docs/scale.md, "Why the record carries the text").
//!
//! *It does not* read files or standard input (the command line does), cluster a feed
//! (`cluster`), or render a report beyond the report contract's JSON objects.

pub mod read_back;
pub mod record;

use crate::check;
use crate::document::{DocId, Document};
use crate::entities::UserEntity;
use crate::ingest::{self, Bundle, Notice};
use crate::report::json::{EventOut, FindingOut};
use crate::rules::Rule;
use record::{DocRecord, Line, SourceTable};
use serde::Serialize;
use std::collections::BTreeMap;

/// One line of `reduce`'s output: a finding or an event in the report contract's shape
/// (docs/report-format.md), each with its story, or a notice.
#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Output {
    Finding(FindingOut),
    Event(EventOut),
    Notice(Notice),
}

impl Output {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an output line serialises")
    }
}

/// The records of `docs`, each in the story `story_of` gives it. `offset_base(i)` is where
/// document `i`'s source text starts in its file.
pub fn map(
    docs: &[Document],
    story_of: impl Fn(usize) -> String,
    offset_base: impl Fn(usize) -> usize,
) -> Vec<Line> {
    docs.iter()
        .enumerate()
        .map(|(i, d)| Line::document(&story_of(i), DocRecord::from_document(d, offset_base(i))))
        .collect()
}

/// How `map` puts documents in stories.
#[derive(Debug)]
pub enum Stories {
    /// All in this one (a bundle is one story).
    One(String),
    /// As `stories.json` (`claimgraph cluster --format json`) says.
    Mapping(StoryMap),
    /// Cluster the documents `map` reads (right when it reads the whole feed).
    Cluster,
}

/// `stories.json` read for `map`: each document's story, and its publication date as the
/// feed's reading gave it (a dateline's year is inferred from the whole feed).
#[derive(Debug, Default)]
pub struct StoryMap {
    of: BTreeMap<String, (String, Option<String>)>,
}

#[derive(serde::Deserialize)]
struct StoriesJson {
    stories: Vec<StoryJson>,
}

#[derive(serde::Deserialize)]
struct StoryJson {
    id: String,
    documents: Vec<StoryDocJson>,
}

#[derive(serde::Deserialize)]
struct StoryDocJson {
    id: String,
    published: Option<String>,
}

impl StoryMap {
    pub fn parse(src: &str) -> Result<StoryMap, serde_json::Error> {
        let s: StoriesJson = serde_json::from_str(src)?;
        let mut of = BTreeMap::new();
        for story in s.stories {
            for d in story.documents {
                of.insert(d.id, (story.id.clone(), d.published));
            }
        }
        Ok(StoryMap { of })
    }
}

/// The story of each document: its own (`given`, a feed line's `story` field) when it has
/// one, else as `how` says. A document the mapping does not list is a story of its own,
/// with a notice. With a mapping, a document without a date takes the date the feed's
/// reading inferred for it.
pub fn assign_stories(
    docs: &mut [Document],
    given: &[Option<String>],
    how: &Stories,
) -> (Vec<String>, Vec<Notice>) {
    let mut notices = Vec::new();
    let clustered = match how {
        Stories::Cluster => {
            let c = crate::cluster::cluster(docs);
            let of = c.story_of(docs.len());
            of.into_iter().map(|s| c.stories[s].id.clone()).collect()
        }
        _ => Vec::new(),
    };
    let mut out = Vec::with_capacity(docs.len());
    for (i, d) in docs.iter_mut().enumerate() {
        if let Some(s) = given.get(i).cloned().flatten() {
            out.push(s);
            continue;
        }
        out.push(match how {
            Stories::One(s) => s.clone(),
            Stories::Cluster => clustered[i].clone(),
            Stories::Mapping(m) => match m.of.get(&d.id.0) {
                Some((story, published)) => {
                    if d.published.is_none()
                        && let Some(p) = published.as_deref().and_then(|p| p.parse().ok())
                    {
                        d.published = Some(p);
                        d.published_source = Some(crate::document::PublishedSource::Inferred);
                    }
                    story.clone()
                }
                None => {
                    notices.push(Notice {
                        path: d.path.clone(),
                        message: format!(
                            "document {} is not in the stories file: it is a story of its own",
                            d.id
                        ),
                    });
                    d.id.0.clone()
                }
            },
        });
    }
    (out, notices)
}

/// What `reduce` read: the documents of each story and the notices of its input.
#[derive(Debug, Default)]
pub struct Groups {
    /// Story id → (line number, record), in input order.
    pub stories: BTreeMap<String, Vec<(usize, DocRecord)>>,
    /// Stories named by a marker line, with the line: a story with no document is a notice.
    pub named: BTreeMap<String, usize>,
    pub notices: Vec<Notice>,
}

impl Groups {
    /// Read one input line (1-based `line_no`); a line that is not a record is a notice.
    pub fn read_line(&mut self, source: &str, line_no: usize, line: &str) {
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            return;
        }
        let bad = |m: String| Notice {
            path: source.to_string(),
            message: format!("line {line_no}: {m}: skipped"),
        };
        let rec: Line = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                self.notices
                    .push(bad(format!("not a {} record ({e})", record::SCHEMA)));
                return;
            }
        };
        if rec.schema != record::SCHEMA {
            self.notices.push(bad(format!(
                "schema `{}` (expected {})",
                rec.schema,
                record::SCHEMA
            )));
            return;
        }
        match (rec.notice, rec.document, rec.story) {
            (Some(n), _, _) => self.notices.push(Notice {
                path: n.path,
                message: n.message,
            }),
            (None, Some(d), Some(story)) => {
                self.stories.entry(story).or_default().push((line_no, d))
            }
            (None, Some(_), None) => self.notices.push(bad("a document without a story".into())),
            (None, None, Some(story)) => {
                self.named.entry(story).or_insert(line_no);
            }
            (None, None, None) => self
                .notices
                .push(bad("neither a document, a story nor a notice".into())),
        }
    }
}

/// Check every story on its own and return the output lines: per story in id order, its
/// findings in the report's order, then its events, then its notices; the input's notices
/// first. `source` names the input in notices.
pub fn reduce(
    groups: Groups,
    source: &str,
    rules: &[Rule],
    entities: &[UserEntity],
) -> Vec<Output> {
    use rayon::prelude::*;
    let mut out: Vec<Output> = groups.notices.into_iter().map(Output::Notice).collect();
    for (story, line) in &groups.named {
        if !groups.stories.contains_key(story) {
            out.push(Output::Notice(Notice {
                path: source.to_string(),
                message: format!("line {line}: story `{story}` has no documents, so no claims"),
            }));
        }
    }
    let stories: Vec<(String, Vec<(usize, DocRecord)>)> = groups.stories.into_iter().collect();
    let per_story: Vec<Vec<Output>> = stories
        .into_par_iter()
        .map(|(story, recs)| check_story(&story, recs, source, rules, entities))
        .collect();
    out.extend(per_story.into_iter().flatten());
    out
}

/// One story's check, as `check` runs it on a bundle of those documents.
fn check_story(
    story: &str,
    mut recs: Vec<(usize, DocRecord)>,
    source: &str,
    rules: &[Rule],
    entities: &[UserEntity],
) -> Vec<Output> {
    let mut out = Vec::new();
    let first_line = recs.iter().map(|(l, _)| *l).min().unwrap_or(0);
    // `check` reads documents by path, then in their file's order.
    recs.sort_by(|(_, a), (_, b)| (&a.path, a.order).cmp(&(&b.path, b.order)));
    let mut documents = Vec::with_capacity(recs.len());
    let mut tables: BTreeMap<DocId, SourceTable> = BTreeMap::new();
    for (line, r) in recs {
        match r.to_document() {
            Ok(d) => {
                if let Some(t) = r.source {
                    tables.insert(d.id.clone(), t);
                }
                documents.push(d);
            }
            Err(e) => out.push(Output::Notice(Notice {
                path: source.to_string(),
                message: format!("line {line}: {e}: skipped"),
            })),
        }
    }
    let mut bundle = Bundle {
        documents,
        entities: entities.to_vec(),
        ..Bundle::default()
    };
    ingest::finish_bundle(&mut bundle);
    let mut outcome = check::run(bundle, rules);
    let (_, sup_notices) = crate::suppress::apply(&outcome.bundle.documents, &mut outcome.findings);
    let rep = crate::report::build(&outcome);
    if rep.claims.is_empty() {
        out.push(Output::Notice(Notice {
            path: source.to_string(),
            message: format!(
                "line {first_line}: story `{story}` has no claims ({} documents)",
                outcome.bundle.documents.len()
            ),
        }));
    }
    let docs = &outcome.bundle.documents;
    for mut f in rep.findings {
        for e in &mut f.evidence {
            if let Some(t) = tables.get(&DocId(e.document.clone())) {
                let text = docs
                    .iter()
                    .find(|d| d.id.0 == e.document)
                    .map_or("", |d| d.text.as_str());
                e.source = t.locate(text, crate::span::Span::new(e.span.start, e.span.end));
            }
        }
        f.story = Some(story.to_string());
        out.push(Output::Finding(f));
    }
    for mut e in rep.events {
        e.story = Some(story.to_string());
        out.push(Output::Event(e));
    }
    out.extend(rep.notices.into_iter().map(Output::Notice));
    out.extend(sup_notices.into_iter().map(Output::Notice));
    out
}
