//! Reading a bundle: files and directories to documents, with their publication dates.
//! Nothing is skipped silently: every file passed over gets a notice.

use crate::dateline;
use crate::document::{DocId, Document, PublishedSource};
use crate::error::{Error, Result};
use crate::span::LineIndex;
use foldhash::HashSet;
use foldhash::HashSetExt;
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const DEFAULT_MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
const MANIFEST: &str = "bundle.yaml";
/// User-declared entities beside the articles.
pub const ENTITIES: &str = "entities.yaml";

#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub max_file_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// Something the user should know about the input that did not stop the run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Notice {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Bundle {
    pub documents: Vec<Document>,
    pub notices: Vec<Notice>,
    /// Entities declared in `entities.yaml` files beside the articles or with `--entities`.
    pub entities: Vec<crate::entities::UserEntity>,
    /// Every file read to build the bundle (articles, manifests, entity files), so that
    /// no output is ever written onto one of them.
    pub read: Vec<PathBuf>,
}

/// Read an `entities.yaml` file (canonical names, aliases, roles).
pub fn read_entities(path: &Path) -> Result<Vec<crate::entities::UserEntity>> {
    let src = std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let parsed: crate::entities::UserEntities =
        crate::yaml::parse(&src, &path.display().to_string())?;
    Ok(parsed.entities)
}

/// One document's entry in `bundle.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub timezone: Option<String>,
    pub url: Option<String>,
}

/// `bundle.yaml`: `documents: {ID: {outlet, published, timezone, url}}`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    #[serde(default)]
    pub documents: BTreeMap<String, ManifestEntry>,
}

/// The notice for a document without a publication date.
pub const UNDATED: &str = "no publication date found (none in bundle.yaml, a first line `date YYYY-MM-DD`, front matter `date:` or a dateline): its weekdays and relative dates (\"on Tuesday\", \"yesterday\") cannot be resolved, so they are not compared";

/// What a path is, following symbolic links.
enum Entry {
    Dir,
    /// A regular file.
    File,
    /// Anything else, with what it is: a named pipe would block the run forever, a
    /// dangling link has nothing to read.
    Other(&'static str),
}

fn entry_kind(p: &Path) -> std::io::Result<Entry> {
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // The path itself exists, but what it points to does not.
            return match std::fs::symlink_metadata(p) {
                Ok(l) if l.file_type().is_symlink() => Ok(Entry::Other(
                    "a broken symbolic link (what it points to does not exist)",
                )),
                _ => Err(e),
            };
        }
        Err(e) => return Err(e),
    };
    let ft = meta.file_type();
    if ft.is_dir() {
        return Ok(Entry::Dir);
    }
    if ft.is_file() {
        return Ok(Entry::File);
    }
    Ok(Entry::Other(special_file(&ft)))
}

#[cfg(unix)]
fn special_file(ft: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_fifo() {
        "a named pipe (FIFO), not a regular file: only regular files are read"
    } else if ft.is_socket() {
        "a socket, not a regular file: only regular files are read"
    } else if ft.is_block_device() || ft.is_char_device() {
        "a device, not a regular file: only regular files are read"
    } else {
        "not a regular file: only regular files are read"
    }
}

#[cfg(not(unix))]
fn special_file(_: &std::fs::FileType) -> &'static str {
    "not a regular file: only regular files are read"
}

/// The bundle's own metadata files, which are never articles even when named directly.
fn metadata_file(p: &Path) -> Option<&'static str> {
    match p.file_name().and_then(|n| n.to_str()) {
        Some(MANIFEST) => Some("bundle.yaml is the bundle's manifest"),
        Some(ENTITIES) => Some("entities.yaml declares the bundle's entities"),
        _ => None,
    }
}

fn is_article(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("txt") | Some("md")
    ) || reader_by_extension(path).is_some()
}

/// The reader a file's extension asks for, beyond plain text and Markdown.
fn reader_by_extension(path: &Path) -> Option<Reader> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "html" | "htm" | "xhtml" => Reader::Html,
        "jsonl" | "ndjson" => Reader::JsonLines,
        "json" => Reader::Json,
        "xml" | "rss" | "atom" => Reader::Feed,
        _ => return None,
    })
}

/// Which reader turns a file into documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    Html,
    JsonLines,
    Json,
    Feed,
}

impl Reader {
    /// The reader for what `sniff` found a file's content to be; `None` for XML that is not
    /// a feed, which no reader reads.
    fn for_content(f: crate::sniff::Foreign) -> Option<Reader> {
        use crate::sniff::Foreign;
        match f {
            Foreign::Html => Some(Reader::Html),
            Foreign::Feed => Some(Reader::Feed),
            Foreign::Json => Some(Reader::Json),
            Foreign::JsonLines => Some(Reader::JsonLines),
            Foreign::Xml => None,
        }
    }
}

/// A file read: skipped, plain text (and whether lossy), or articles extracted by a reader.
enum FileRead {
    Skipped,
    Text(String, bool),
    Extracted {
        format: crate::document::Format,
        file: std::sync::Arc<crate::document::SourceFile>,
        articles: Vec<crate::input::Article>,
    },
}

/// Load every article under `paths`, sorted by path.
pub fn load(paths: &[PathBuf], opts: &IngestOptions) -> Result<Bundle> {
    let mut bundle = Bundle::default();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut seen_dirs = HashSet::new();
    for p in paths {
        match entry_kind(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound { path: p.clone() },
            _ => Error::Io {
                path: p.clone(),
                source: e,
            },
        })? {
            Entry::Dir => walk(p, &mut files, &mut bundle.notices, &mut seen_dirs)?,
            Entry::File => match metadata_file(p) {
                Some(what) => bundle.notices.push(Notice {
                    path: p.display().to_string(),
                    message: format!(
                        "skipped: {what}, not an article (name the folder that holds it)"
                    ),
                }),
                None => files.push(p.clone()),
            },
            Entry::Other(why) => bundle.notices.push(Notice {
                path: p.display().to_string(),
                message: format!("skipped: {why}"),
            }),
        }
    }
    files.sort();
    files.dedup();

    let mut manifests: BTreeMap<PathBuf, Manifest> = BTreeMap::new();
    for f in &files {
        let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
        if manifests.contains_key(&dir) {
            continue;
        }
        let epath = dir.join(ENTITIES);
        if epath.is_file() {
            bundle.entities.extend(read_entities(&epath)?);
            bundle.read.push(epath);
        }
        let mpath = dir.join(MANIFEST);
        let m = if mpath.is_file() {
            bundle.read.push(mpath.clone());
            let src = std::fs::read_to_string(&mpath).map_err(|e| Error::Io {
                path: mpath.clone(),
                source: e,
            })?;
            crate::yaml::parse::<Manifest>(&src, &mpath.display().to_string())?
        } else {
            Manifest::default()
        };
        manifests.insert(dir, m);
    }

    // Files are read and analysed in parallel; ids, notices and the first error are
    // taken in path order, so the bundle does not depend on the thread count.
    use rayon::prelude::*;
    type Read = (FileRead, Vec<Notice>);
    let reads: Vec<Result<Read>> = files
        .par_iter()
        .map(|f| {
            let mut notices = Vec::new();
            read_file(f, opts, &mut notices).map(|t| (t, notices))
        })
        .collect();
    let mut ids: HashSet<String> = HashSet::new();
    let mut pending = Vec::new();
    for (f, read) in files.iter().zip(reads) {
        let (read, notices) = read?;
        bundle.notices.extend(notices);
        bundle.read.push(f.clone());
        let (text, lossy) = match read {
            FileRead::Skipped => continue,
            FileRead::Text(t, lossy) => (t, lossy),
            FileRead::Extracted {
                format,
                file,
                articles,
            } => {
                let display = f.display().to_string();
                let stem = f
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| display.clone());
                for a in articles {
                    let want = match &a.item {
                        Some(item) => item_id(&stem, item),
                        None => stem.clone(),
                    };
                    let id = unique_id(&mut ids, want, &stem, f);
                    let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
                    let entry = manifests
                        .get(&dir)
                        .and_then(|m| m.documents.get(&id))
                        .cloned()
                        .unwrap_or_default();
                    let origin = crate::document::Origin {
                        format,
                        file: file.clone(),
                        map: a.map.clone(),
                        item: a.item.clone(),
                        meta: a.meta.clone(),
                    };
                    pending.push(Pending {
                        id: DocId(id),
                        display: display.clone(),
                        text: a.text.clone(),
                        lossy: false,
                        entry,
                        extracted: Some((a, origin)),
                    });
                }
                continue;
            }
        };
        let display = f.display().to_string();
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| display.clone());
        // Two files with the same name in different folders keep distinct ids.
        let id = if ids.insert(stem.clone()) {
            stem.clone()
        } else {
            let alt = f.with_extension("").display().to_string();
            ids.insert(alt.clone());
            alt
        };
        let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
        let entry = manifests
            .get(&dir)
            .and_then(|m| m.documents.get(&stem))
            .cloned()
            .unwrap_or_default();
        pending.push(Pending {
            id: DocId(id),
            display,
            text,
            lossy,
            entry,
            extracted: None,
        });
    }
    let built: Vec<(Document, Vec<Notice>)> = pending
        .into_par_iter()
        .map(|p| {
            let mut notices = Vec::new();
            let doc = match p.extracted {
                None => build_document(p.id, p.display, p.text, p.lossy, p.entry, &mut notices),
                Some((a, origin)) => {
                    build_extracted(p.id, p.display, a, origin, p.entry, &mut notices)
                }
            };
            if !has_sentences(&doc) {
                notices.push(Notice {
                    path: doc.path.clone(),
                    message: "no sentences to check (only headings, punctuation or page furniture): read, but no claims can come from it".into(),
                });
            }
            (doc, notices)
        })
        .collect();
    for (doc, notices) in built {
        bundle.notices.extend(notices);
        bundle.documents.push(doc);
    }
    if bundle.documents.is_empty() {
        bundle.notices.sort();
        let skipped: String = bundle
            .notices
            .iter()
            .map(|n| format!("\n  {}: {}", n.path, n.message))
            .collect();
        return Err(Error::NoDocuments {
            paths: paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            skipped,
        });
    }
    infer_years(&mut bundle.documents);
    bundle.notices.extend(undated_notices(&bundle.documents));
    bundle.notices.sort();
    Ok(bundle)
}

/// A document waiting to be built (in parallel).
struct Pending {
    id: DocId,
    display: String,
    text: String,
    lossy: bool,
    entry: ManifestEntry,
    /// For an extracted article: it, and where it came from.
    extracted: Option<(crate::input::Article, crate::document::Origin)>,
}

/// An item's document id: the file stem and the item's own id (sanitised), else its
/// position in the file; stable across runs, and across edits to other items when the
/// items carry ids.
fn item_id(stem: &str, item: &crate::document::Item) -> String {
    let own = item.id.as_deref().map(|id| {
        let id = id.split_once("://").map_or(id, |(_, rest)| rest);
        let s: String = id
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let s = s.trim_matches('-').to_string();
        s.chars().take(64).collect::<String>()
    });
    match own.filter(|s| !s.is_empty()) {
        Some(own) => format!("{stem}-{own}"),
        None => format!("{stem}-{}", item.index),
    }
}

/// `want` (`STEM` or `STEM-ITEM`), or a variant of it no other document has: the
/// file's path for its stem (as two same-named `.txt` files get), then a counter.
fn unique_id(ids: &mut HashSet<String>, want: String, stem: &str, f: &Path) -> String {
    if ids.insert(want.clone()) {
        return want;
    }
    let suffix = want.strip_prefix(stem).unwrap_or("");
    let alt = format!("{}{suffix}", f.with_extension("").display());
    if ids.insert(alt.clone()) {
        return alt;
    }
    (2..)
        .map(|n| format!("{want}-{n}"))
        .find(|c| ids.insert(c.clone()))
        .expect("an unused id")
}

#[cfg(test)]
mod id_tests {
    use super::*;

    #[test]
    fn item_ids_stay_distinct_across_files_and_within_one() {
        let mut ids = HashSet::new();
        let a = Path::new("a/feed.jsonl");
        let b = Path::new("b/feed.jsonl");
        assert_eq!(
            unique_id(&mut ids, "feed-x-1".into(), "feed", a),
            "feed-x-1"
        );
        assert_eq!(
            unique_id(&mut ids, "feed-x-1".into(), "feed", b),
            "b/feed-x-1"
        );
        assert_eq!(
            unique_id(&mut ids, "feed-x-1".into(), "feed", b),
            "feed-x-1-2"
        );
        let item = crate::document::Item {
            index: 4,
            line: 9,
            id: Some("urn:wire:2031/06?a=1".into()),
        };
        assert_eq!(item_id("feed", &item), "feed-urn-wire-2031-06-a-1");
        let item = crate::document::Item { id: None, ..item };
        assert_eq!(item_id("feed", &item), "feed-4");
    }
}

/// Build a document from an extracted article: dates from the bundle manifest first, then
/// the article's metadata, then the text (a dateline).
fn build_extracted(
    id: DocId,
    path: String,
    a: crate::input::Article,
    origin: crate::document::Origin,
    mut entry: ManifestEntry,
    notices: &mut Vec<Notice>,
) -> Document {
    entry.outlet = entry.outlet.or(a.outlet);
    entry.url = entry.url.or(a.url);
    let where_ = item_prefix(Some(&origin));
    for n in a.notes {
        notices.push(Notice {
            path: path.clone(),
            message: format!("{where_}{n}"),
        });
    }
    let mut doc = build_document(id, path, a.text, false, entry, notices);
    if doc.published_source != Some(PublishedSource::Manifest)
        && let Some((d, src)) = a.published
    {
        doc.published = Some(d);
        doc.published_source = Some(src);
    }
    doc.origin = Some(origin);
    doc
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    notices: &mut Vec<Notice>,
    seen: &mut HashSet<PathBuf>,
) -> Result<()> {
    let canon = std::fs::canonicalize(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    if !seen.insert(canon) {
        notices.push(Notice {
            path: dir.display().to_string(),
            message: "skipped: directory already visited (symlink loop?)".into(),
        });
        return Ok(());
    }
    let rd = std::fs::read_dir(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let mut entries: Vec<PathBuf> = Vec::new();
    for e in rd {
        let e = e.map_err(|e| Error::Io {
            path: dir.to_path_buf(),
            source: e,
        })?;
        entries.push(e.path());
    }
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let kind = match entry_kind(&p) {
            Ok(k) => k,
            Err(e) => {
                notices.push(Notice {
                    path: p.display().to_string(),
                    message: format!("skipped: cannot be inspected: {e}"),
                });
                continue;
            }
        };
        if let Entry::Other(why) = kind {
            if is_article(&p) {
                notices.push(Notice {
                    path: p.display().to_string(),
                    message: format!("skipped: {why}"),
                });
            } else if name != MANIFEST && name != ENTITIES {
                notices.push(Notice {
                    path: p.display().to_string(),
                    message: "skipped: not an article (articles are .txt, .md, .html, .htm, .xhtml, .jsonl, .ndjson, .json, .xml, .rss and .atom files)".into(),
                });
            }
            continue;
        }
        if matches!(kind, Entry::Dir) {
            if name.starts_with('.') || name == "target" {
                notices.push(Notice {
                    path: p.display().to_string(),
                    message: "skipped: hidden or build directory".into(),
                });
                continue;
            }
            walk(&p, files, notices, seen)?;
        } else if is_article(&p) {
            files.push(p);
        } else if name != MANIFEST && name != ENTITIES {
            notices.push(Notice {
                path: p.display().to_string(),
                message: "skipped: not an article (articles are .txt, .md, .html, .htm, .xhtml, .jsonl, .ndjson, .json, .xml, .rss and .atom files)".into(),
            });
        }
    }
    Ok(())
}

/// Read and decode one file, and extract its articles when it is a page, JSON or a feed.
fn read_file(path: &Path, opts: &IngestOptions, notices: &mut Vec<Notice>) -> Result<FileRead> {
    let Some((text, lossy)) = read_text(path, opts, notices)? else {
        return Ok(FileRead::Skipped);
    };
    let display = path.display().to_string();
    let sniffed = crate::sniff::sniff(&text);
    let reader = match (reader_by_extension(path), sniffed) {
        (Some(Reader::Json), Some(crate::sniff::Foreign::JsonLines)) => Reader::JsonLines,
        (Some(r), _) => r,
        (None, None) => return Ok(FileRead::Text(text, lossy)),
        (None, Some(f)) => match Reader::for_content(f) {
            Some(r) => r,
            None => {
                notices.push(Notice {
                    path: display,
                    message: format!(
                        "skipped: looks like {}, not a plain-text article, and not a format claimgraph reads (HTML pages, JSON Lines, ninjs, RSS/Atom)",
                        f.describe()
                    ),
                });
                return Ok(FileRead::Skipped);
            }
        },
    };
    Ok(extract(reader, path, text, notices))
}

/// Run a reader over a file's text; its notices name the file.
fn extract(reader: Reader, path: &Path, text: String, notices: &mut Vec<Notice>) -> FileRead {
    use crate::document::Format;
    let display = path.display().to_string();
    let mut note = |m: String| {
        notices.push(Notice {
            path: display.clone(),
            message: m,
        })
    };
    let (format, out) = match reader {
        Reader::Html => match crate::input::html::read(&text) {
            Ok(a) => (
                Format::Html,
                crate::input::ReadOut {
                    articles: vec![a],
                    notices: Vec::new(),
                },
            ),
            Err(e) => {
                note(format!("skipped: {}", e.0));
                return FileRead::Skipped;
            }
        },
        Reader::JsonLines => (Format::Jsonl, crate::input::jsonl::read(&text)),
        Reader::Json => match crate::input::jsonl::read_json(&text) {
            Ok(out) => {
                let ninjs = out
                    .articles
                    .iter()
                    .any(|a| a.meta.iter().any(|m| m.source.starts_with("ninjs:")));
                (if ninjs { Format::Ninjs } else { Format::Json }, out)
            }
            Err(e) => {
                note(format!("skipped: {e}"));
                return FileRead::Skipped;
            }
        },
        Reader::Feed => match crate::input::feed::read(&text) {
            Ok(x) => x,
            Err(e) => {
                note(format!("skipped: {e}"));
                return FileRead::Skipped;
            }
        },
    };
    for n in out.notices {
        note(n);
    }
    if out.articles.is_empty() {
        note("no article read from this file (see the notices above)".into());
        return FileRead::Skipped;
    }
    let file = std::sync::Arc::new(crate::document::SourceFile::new(text));
    FileRead::Extracted {
        format,
        file,
        articles: out.articles,
    }
}

/// Read and decode one file; `None` when it is skipped (with a notice).
fn read_text(
    path: &Path,
    opts: &IngestOptions,
    notices: &mut Vec<Notice>,
) -> Result<Option<(String, bool)>> {
    let display = path.display().to_string();
    let io = |e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > opts.max_file_bytes {
        notices.push(Notice {
            path: display,
            message: format!(
                "skipped: {len} bytes is over the size limit of {} bytes (--max-file-size)",
                opts.max_file_bytes
            ),
        });
        return Ok(None);
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let (text, bad_byte) = match decode(&bytes) {
        Decoded::Text(t) => (t, None),
        Decoded::Lossy(t, at) => (t, Some(at)),
        Decoded::Binary => {
            notices.push(Notice {
                path: display,
                message: "skipped: binary file (contains NUL bytes)".into(),
            });
            return Ok(None);
        }
    };
    if text.trim().is_empty() {
        notices.push(Notice {
            path: display,
            message: "skipped: empty file".into(),
        });
        return Ok(None);
    }
    if let Some(at) = bad_byte {
        notices.push(Notice {
            path: display,
            message: format!(
                "not valid UTF-8 (first bad byte at offset {at}): decoded with U+FFFD replacements; spans after that point refer to the decoded text"
            ),
        });
    }
    Ok(Some((text, bad_byte.is_some())))
}

#[derive(Debug, PartialEq)]
pub enum Decoded {
    Text(String),
    /// Lossily decoded, with the offset of the first invalid byte.
    Lossy(String, usize),
    Binary,
}

/// Decode a file's bytes: UTF-8 (a BOM is kept, so offsets stay exact), UTF-16 with a BOM,
/// lossy UTF-8 for other encodings; NUL bytes mean binary.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    if bytes.contains(&0) {
        return Decoded::Binary;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded::Text(s.to_string()),
        Err(e) => Decoded::Lossy(String::from_utf8_lossy(bytes).into_owned(), e.valid_up_to()),
    }
}

fn decode_utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> Decoded {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| f([c[0], c[1]])).collect();
    let s: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if s.contains('\0') {
        return Decoded::Binary;
    }
    // Offsets then refer to the UTF-8 re-encoding; the notice-free path keeps it simple.
    Decoded::Text(s)
}

fn build_document(
    id: DocId,
    path: String,
    text: String,
    lossy: bool,
    entry: ManifestEntry,
    notices: &mut Vec<Notice>,
) -> Document {
    let mut published = None;
    let mut source = None;
    if let Some(p) = entry.published.as_deref() {
        match p.parse::<Date>() {
            Ok(d) => {
                published = Some(d);
                source = Some(PublishedSource::Manifest);
            }
            Err(_) => notices.push(Notice {
                path: path.clone(),
                message: format!("bundle.yaml: `published: {p}` is not a YYYY-MM-DD date; ignored"),
            }),
        }
    }
    let mut outlet = entry.outlet;
    let mut url = entry.url;
    // Markdown front matter: the body starts after it, and its date counts unless the
    // manifest gives one.
    let block = path
        .ends_with(".md")
        .then(|| crate::front_matter::find(&text))
        .flatten();
    let marker = if block.is_some() {
        None
    } else {
        dateline::date_marker(&text)
    };
    let mut body_start = marker.map(|(_, end)| end).unwrap_or(0);
    if let Some(block) = &block {
        body_start = block.body_start;
        match crate::front_matter::parse(&text, block) {
            Ok(fm) => {
                if let Some(v) = fm.date.as_deref() {
                    match crate::front_matter::date(v) {
                        Some(d) if published.is_none() => {
                            published = Some(d);
                            source = Some(PublishedSource::FrontMatter);
                        }
                        Some(_) => {}
                        None => notices.push(Notice {
                            path: path.clone(),
                            message: format!(
                                "front matter: `date: {v}` is not a YYYY-MM-DD date or timestamp; ignored"
                            ),
                        }),
                    }
                }
                outlet = outlet.or(fm.outlet);
                url = url.or(fm.url);
            }
            Err(p) => notices.push(Notice {
                path: path.clone(),
                message: format!(
                    "front matter, line {} column {}: {}; its metadata is ignored",
                    p.line, p.column, p.message
                ),
            }),
        }
    }
    if published.is_none()
        && let Some((d, _)) = marker
    {
        published = Some(d);
        source = Some(PublishedSource::DateLine);
    }
    let dl = dateline::find_dateline(&text, body_start);
    if published.is_none()
        && let Some(d) = &dl
        && let (Some(y), Some(m), Some(day)) = (d.year, d.month, d.day)
        && let Ok(date) = Date::new(y, m, day)
    {
        published = Some(date);
        source = Some(PublishedSource::Dateline);
    }
    Document {
        id,
        path,
        lines: LineIndex::new(&text),
        text,
        published,
        published_source: source,
        timezone: entry.timezone,
        outlet,
        url,
        dateline: dl,
        body_start,
        lossy,
        origin: None,
    }
}

/// Whether any sentence claims could come from has a letter or a digit in it.
fn has_sentences(doc: &Document) -> bool {
    // Paragraph by paragraph: splitting only the first content paragraph into sentences
    // usually settles it (the whole document is segmented again during analysis).
    crate::segment::paragraphs(&doc.text, doc.body_start)
        .iter()
        .filter(|p| p.kind != crate::segment::ParagraphKind::Boilerplate)
        .any(|p| {
            crate::segment::split_sentences(&doc.text, p.span)
                .iter()
                .any(|s| s.slice(&doc.text).chars().any(char::is_alphanumeric))
        })
}

/// A document from text in memory (rule examples, tests): dates from the text only.
pub fn document_from_text(id: &str, path: &str, text: String) -> Document {
    build_document(
        DocId(id.to_string()),
        path.to_string(),
        text,
        false,
        ManifestEntry::default(),
        &mut Vec::new(),
    )
}

/// `line L (item N): ` for a document from a multi-article file, else nothing: how a
/// notice about one article of a file says which.
/// A notice per document left without a publication date (after the years are inferred).
pub fn undated_notices(docs: &[Document]) -> Vec<Notice> {
    docs.iter()
        .filter(|d| d.published.is_none())
        .map(|d| Notice {
            path: d.path.clone(),
            message: format!("{}{UNDATED}", item_prefix(d.origin.as_ref())),
        })
        .collect()
}

fn item_prefix(origin: Option<&crate::document::Origin>) -> String {
    origin
        .and_then(|o| o.item.as_ref())
        .map(|i| format!("line {} (item {}): ", i.line, i.index))
        .unwrap_or_default()
}

/// One JSON Lines article record (the house format: `headline`, `body`, `date`, `outlet`,
/// `url`; a ninjs object too) as a document, for readers that stream a feed line by line
/// (the scale-out work). `path` is the file the line is from and `line_no` its 1-based
/// line: the id is `STEM-ID` (the record's `id`) or `STEM-LINE`, and evidence locations
/// point at that line of that file. Notices name the line. `Err` is the notice for a line
/// that is not an article (not JSON, no body).
pub fn document_from_jsonl_line(
    path: &str,
    line_no: usize,
    line: &str,
) -> std::result::Result<(Document, Vec<Notice>), Notice> {
    let where_ = |m: String| Notice {
        path: path.to_string(),
        message: format!("line {line_no} (item {line_no}): {m}"),
    };
    let mut a = crate::input::jsonl::read_line(line, line_no, line_no).map_err(where_)?;
    let stem = Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned());
    let item = a.item.clone().expect("a JSON Lines article has its item");
    let id = match item.id {
        Some(_) => item_id(&stem, &item),
        None => format!("{stem}-{line_no}"),
    };
    let mut file = crate::document::SourceFile::new(line.trim_end_matches(['\n', '\r']).into());
    file.line_base = line_no.saturating_sub(1);
    let origin = crate::document::Origin {
        format: crate::document::Format::Jsonl,
        file: std::sync::Arc::new(file),
        map: std::mem::take(&mut a.map),
        item: Some(item),
        meta: a.meta.clone(),
    };
    let mut notices = Vec::new();
    let doc = build_extracted(
        DocId(id),
        path.to_string(),
        a,
        origin,
        ManifestEntry::default(),
        &mut notices,
    );
    Ok((doc, notices))
}

/// Bundle-level steps after all documents are in: sort by path, infer missing years.
pub fn finish_bundle(bundle: &mut Bundle) {
    bundle.documents.sort_by(|a, b| a.path.cmp(&b.path));
    infer_years(&mut bundle.documents);
}

/// A dateline without a year takes the bundle's year: the most common publication year,
/// choosing the year that puts the dateline nearest to the dated articles.
fn infer_years(docs: &mut [Document]) {
    let dated: Vec<Date> = docs.iter().filter_map(|d| d.published).collect();
    if dated.is_empty() {
        return;
    }
    for doc in docs.iter_mut() {
        if doc.published.is_some() {
            continue;
        }
        let Some((m, d)) = doc
            .dateline
            .as_ref()
            .and_then(|dl| Some((dl.month?, dl.day?)))
        else {
            continue;
        };
        let best = dated
            .iter()
            .flat_map(|ref_date| {
                let y = ref_date.year();
                [y - 1, y, y + 1].into_iter().filter_map(move |y| {
                    let c = Date::new(y, m, d).ok()?;
                    let dist = (c - *ref_date).get_days().unsigned_abs();
                    Some((dist, c))
                })
            })
            .min();
        if let Some((_, date)) = best {
            doc.published = Some(date);
            doc.published_source = Some(PublishedSource::Inferred);
        }
    }
}

/// The year most documents of the bundle were published in, for dates without a year.
pub fn bundle_year(docs: &[Document]) -> Option<i16> {
    let mut counts: BTreeMap<i16, usize> = BTreeMap::new();
    for d in docs.iter().filter_map(|d| d.published) {
        *counts.entry(d.year()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(y, n)| (*n, *y))
        .map(|(y, _)| y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_kinds() {
        assert_eq!(decode(b"hello"), Decoded::Text("hello".into()));
        assert_eq!(decode(b"a\0b"), Decoded::Binary);
        assert!(matches!(decode(b"caf\xe9 ok"), Decoded::Lossy(_, 3)));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16), Decoded::Text("hé".into()));
    }
}
