//! The library's error type: problems a user can fix, each naming what went wrong where.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: no such file or directory")]
    NotFound { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// `skipped` lists what was skipped and why, one `PATH: MESSAGE` a line (empty when
    /// nothing was), so a run that reads nothing still says why.
    #[error(
        "no articles found in {paths} (looked for .txt, .md, .html, .htm, .jsonl, .ndjson, .json, .xml, .rss and .atom files){skipped}"
    )]
    NoDocuments { paths: String, skipped: String },
    #[error("{path}: {message}")]
    BadInput { path: PathBuf, message: String },
    #[error("{0}")]
    Config(String),
    #[error(
        "{output}: refusing to write {what} there: it is the same file as {input}, which is read by this run; choose another path"
    )]
    OutputIsInput {
        output: PathBuf,
        input: PathBuf,
        what: String,
    },
    /// A problem at a position in a YAML or JSON file the user wrote or keeps (rule files,
    /// `claimgraph.yml`, `entities.yaml`, `bundle.yaml`, baselines): the position once, the
    /// message, then a snippet of the file with the spot marked (empty when there is none;
    /// it starts with a line break otherwise).
    #[error("{path}:{line}:{column}: {message}{snippet}")]
    Rule {
        path: String,
        line: usize,
        column: usize,
        message: String,
        snippet: String,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
