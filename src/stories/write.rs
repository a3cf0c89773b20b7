//! Story bundles on disk (`cluster --out DIR`): one folder per story holding its
//! articles, a `bundle.yaml` carrying the metadata the feed's manifests gave them, and
//! `DIR/stories.json`, the mapping from stories to documents (`claimgraph/stories/v1`,
//! docs/formats.md).
//!
//! Articles are written from their decoded text, so a story folder reads back as the
//! same documents (an article that was UTF-16 on disk is UTF-8 in its story folder).
//!
//! *It does not* decide the stories (`cluster`) nor overwrite anything: the folder must be
//! new or empty.

use crate::cluster::Clustering;
use crate::document::{Document, PublishedSource};
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub const STORIES_SCHEMA: &str = "claimgraph/stories/v1";
pub const STORIES_FILE: &str = "stories.json";

/// `stories.json`.
#[derive(Debug, Serialize)]
pub struct StoriesOut {
    pub schema: &'static str,
    pub stories: Vec<StoryOut>,
    pub summary: SummaryOut,
}

#[derive(Debug, Serialize)]
pub struct StoryOut {
    pub id: String,
    pub documents: Vec<DocumentOut>,
}

#[derive(Debug, Serialize)]
pub struct DocumentOut {
    pub id: String,
    /// The path the document was read from.
    pub path: String,
    /// Where it was written, relative to the output folder.
    pub file: String,
    pub published: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SummaryOut {
    pub documents: usize,
    pub stories: usize,
    /// Pairs of documents compared (from blocking) and found to be one story.
    pub candidate_pairs: usize,
    pub linked_pairs: usize,
}

/// The mapping, with each document's file name in its story folder: the last part of
/// its id, made safe, plus `.md` or `.txt` as it was read; `-2`, `-3` ... when two
/// documents of a story would share a name.
pub fn mapping(docs: &[Document], c: &Clustering) -> StoriesOut {
    let stories = c
        .stories
        .iter()
        .map(|s| {
            let mut taken = BTreeSet::new();
            let documents = s
                .documents
                .iter()
                .map(|&i| {
                    let d = &docs[i];
                    let ext = if d.path.ends_with(".md") { "md" } else { "txt" };
                    let stem = safe_name(&d.id.0);
                    let mut name = format!("{stem}.{ext}");
                    let mut n = 1;
                    while !taken.insert(name.clone()) {
                        n += 1;
                        name = format!("{stem}-{n}.{ext}");
                    }
                    DocumentOut {
                        id: d.id.0.clone(),
                        path: d.path.clone(),
                        file: format!("{}/{name}", s.id),
                        published: d.published.map(|p| p.to_string()),
                    }
                })
                .collect();
            StoryOut {
                id: s.id.clone(),
                documents,
            }
        })
        .collect();
    StoriesOut {
        schema: STORIES_SCHEMA,
        stories,
        summary: SummaryOut {
            documents: docs.len(),
            stories: c.stories.len(),
            candidate_pairs: c.stats.candidates,
            linked_pairs: c.stats.linked,
        },
    }
}

/// The last component of an id, with anything but letters, digits, `-`, `_` and `.`
/// replaced, and no leading dot (a hidden file would not be read back).
fn safe_name(id: &str) -> String {
    let last = id.rsplit(['/', '\\']).next().unwrap_or(id);
    let s: String = last
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let s = s.trim_start_matches('.').to_string();
    if s.is_empty() { "article".into() } else { s }
}

/// A JSON string, which is also a YAML double-quoted scalar.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// The `bundle.yaml` of a story: the metadata of its documents that came from a
/// manifest (outlet, time zone, URL, and the date when the manifest gave it), keyed by
/// their new file stems; `None` when there is none.
fn manifest(docs: &[&Document], files: &[&DocumentOut]) -> Option<String> {
    let mut out = String::from("documents:\n");
    let mut any = false;
    for (d, f) in docs.iter().zip(files) {
        let mut fields = Vec::new();
        if let Some(o) = &d.outlet {
            fields.push(format!("outlet: {}", quoted(o)));
        }
        if let (Some(p), Some(PublishedSource::Manifest)) = (d.published, d.published_source) {
            fields.push(format!("published: {}", quoted(&p.to_string())));
        }
        if let Some(z) = &d.timezone {
            fields.push(format!("timezone: {}", quoted(z)));
        }
        if let Some(u) = &d.url {
            fields.push(format!("url: {}", quoted(u)));
        }
        if fields.is_empty() {
            continue;
        }
        any = true;
        let stem = Path::new(&f.file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push_str(&format!("  {}: {{{}}}\n", quoted(&stem), fields.join(", ")));
    }
    any.then_some(out)
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    }
}

/// Refuse an output folder that exists and is not empty (nothing is ever overwritten).
pub fn guard(dir: &Path) -> Result<()> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Error::BadInput {
                    path: dir.to_path_buf(),
                    message:
                        "the output folder exists and is not empty; choose a new or empty folder"
                            .into(),
                });
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Err(Error::BadInput {
            path: dir.to_path_buf(),
            message: "the output folder is a file".into(),
        }),
        Err(e) => Err(io(dir)(e)),
    }
}

/// Write every story's folder and `stories.json` under `dir` (see [`guard`]); returns
/// the mapping written.
pub fn write(dir: &Path, docs: &[Document], c: &Clustering) -> Result<StoriesOut> {
    guard(dir)?;
    let map = mapping(docs, c);
    for (story, out) in c.stories.iter().zip(&map.stories) {
        let folder: PathBuf = dir.join(&out.id);
        std::fs::create_dir_all(&folder).map_err(io(&folder))?;
        let members: Vec<&Document> = story.documents.iter().map(|&i| &docs[i]).collect();
        let files: Vec<&DocumentOut> = out.documents.iter().collect();
        for (d, f) in members.iter().zip(&files) {
            let p = dir.join(&f.file);
            std::fs::write(&p, &d.text).map_err(io(&p))?;
        }
        if let Some(m) = manifest(&members, &files) {
            let p = folder.join("bundle.yaml");
            std::fs::write(&p, m).map_err(io(&p))?;
        }
    }
    let p = dir.join(STORIES_FILE);
    let mut json = serde_json::to_string_pretty(&map).expect("the mapping serialises");
    json.push('\n');
    std::fs::write(&p, json).map_err(io(&p))?;
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(safe_name("01_wire"), "01_wire");
        assert_eq!(safe_name("feeds/day one/02 wire"), "02_wire");
        assert_eq!(safe_name("..hidden"), "hidden");
        assert_eq!(safe_name("/"), "article");
    }
}
