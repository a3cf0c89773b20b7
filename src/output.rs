//! Writing what the tool produces (reports, baselines): atomically, and never onto a file
//! the run reads.
//!
//! A report written over an article destroys the article, and the next run would read the
//! report as one. So every file read is recorded in a [`ReadSet`] by its identity (device
//! and inode on Unix, so a symlink, a `..` path or a hard link to an input is caught too),
//! and [`ReadSet::guard`] refuses an output path that is one of them before any work is
//! done.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What makes two paths the same file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileKey {
    #[cfg(unix)]
    dev: u64,
    #[cfg(unix)]
    ino: u64,
    #[cfg(not(unix))]
    canonical: PathBuf,
}

impl FileKey {
    /// The identity of the file at `path` (symlinks followed); `None` when there is none.
    fn of(path: &Path) -> Option<FileKey> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = std::fs::metadata(path).ok()?;
            Some(FileKey {
                dev: m.dev(),
                ino: m.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            Some(FileKey {
                canonical: std::fs::canonicalize(path).ok()?,
            })
        }
    }
}

/// The files a run reads, by identity.
#[derive(Debug, Default)]
pub struct ReadSet {
    files: Vec<(PathBuf, FileKey)>,
}

impl ReadSet {
    /// Record a file that is read. A path that does not exist is not recorded: the reader
    /// reports it.
    pub fn add(&mut self, path: &Path) {
        if let Some(key) = FileKey::of(path) {
            self.files.push((path.to_path_buf(), key));
        }
    }

    /// Record a file, or every file directly inside a folder (rule folders).
    pub fn add_file_or_folder(&mut self, path: &Path) {
        if path.is_dir() {
            if let Ok(rd) = std::fs::read_dir(path) {
                let mut inside: Vec<PathBuf> = rd.filter_map(|e| Some(e.ok()?.path())).collect();
                inside.sort();
                for p in inside.iter().filter(|p| p.is_file()) {
                    self.add(p);
                }
            }
        } else {
            self.add(path);
        }
    }

    /// An error naming both files when `output` is (through any path) a file that is read.
    pub fn guard(&self, output: &Path, what: &str) -> Result<()> {
        let Some(key) = FileKey::of(output) else {
            return Ok(());
        };
        match self.files.iter().find(|(_, k)| *k == key) {
            Some((input, _)) => Err(Error::OutputIsInput {
                output: output.to_path_buf(),
                input: input.clone(),
                what: what.to_string(),
            }),
            None => Ok(()),
        }
    }
}

/// Two outputs of one run must not be the same file: the second would replace the first.
pub fn guard_distinct(a: &Path, b: &Path) -> Result<()> {
    match (FileKey::of(a), FileKey::of(b)) {
        (Some(x), Some(y)) if x == y => Err(Error::OutputIsInput {
            output: b.to_path_buf(),
            input: a.to_path_buf(),
            what: "the report and the baseline".into(),
        }),
        _ if a == b => Err(Error::OutputIsInput {
            output: b.to_path_buf(),
            input: a.to_path_buf(),
            what: "the report and the baseline".into(),
        }),
        _ => Ok(()),
    }
}

/// Write `path` through a temporary file beside it and a rename, so that no partial file
/// is ever left; or standard output when `path` is `None`.
pub fn write_atomic(
    path: Option<&Path>,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let Some(p) = path else {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let written = render(&mut out).and_then(|()| out.flush());
        return written.map_err(|e| Error::Io {
            path: PathBuf::from("<standard output>"),
            source: e,
        });
    };
    let dir = p
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp = dir.join(format!(".{name}.claimgraph-tmp"));
    let cannot = |e: std::io::Error| Error::Io {
        path: p.to_path_buf(),
        source: std::io::Error::new(e.kind(), format!("cannot write: {e}")),
    };
    let written = std::fs::File::create(&tmp).and_then(|f| {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
        render(&mut w)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(cannot(e));
    }
    if let Err(e) = std::fs::rename(&tmp, p) {
        let _ = std::fs::remove_file(&tmp);
        return Err(cannot(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("claimgraph-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn guard_catches_the_same_file_by_any_path() {
        let d = scratch("guard");
        std::fs::create_dir_all(d.join("sub")).unwrap();
        let article = d.join("a.txt");
        std::fs::write(&article, "text").unwrap();
        let mut reads = ReadSet::default();
        reads.add(&article);
        assert!(reads.guard(&article, "the report").is_err());
        assert!(reads.guard(&d.join("sub/../a.txt"), "the report").is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&article, d.join("link.txt")).unwrap();
            std::fs::hard_link(&article, d.join("hard.txt")).unwrap();
            assert!(reads.guard(&d.join("link.txt"), "the report").is_err());
            assert!(reads.guard(&d.join("hard.txt"), "the report").is_err());
        }
        // A new file, or another existing file, is fine.
        assert!(reads.guard(&d.join("report.json"), "the report").is_ok());
        std::fs::write(d.join("other.json"), "{}").unwrap();
        assert!(reads.guard(&d.join("other.json"), "the report").is_ok());
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn error_names_both_files() {
        let d = scratch("names");
        let article = d.join("a.txt");
        std::fs::write(&article, "text").unwrap();
        let mut reads = ReadSet::default();
        reads.add(&article);
        let msg = reads.guard(&article, "the report").unwrap_err().to_string();
        assert!(msg.contains("a.txt"), "{msg}");
        assert!(msg.contains("is read by this run"), "{msg}");
        let _ = std::fs::remove_dir_all(&d);
    }
}
