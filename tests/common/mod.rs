//! Helpers shared by the integration tests: run the built binary from the crate root (so
//! paths in reports and snapshots stay relative and portable), make unique temp dirs, find
//! the shared corpus, and keep snapshots in the top-level `snapshots/` folder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const EXAMPLE: &str = "examples/harbour-talks";

/// The crate root: every command runs there.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The claimgraph binary, to be run with the crate root as the working directory.
pub fn cmd() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_claimgraph"));
    c.current_dir(root());
    // Reports must not depend on the machine's environment.
    c.env_remove("RAYON_NUM_THREADS");
    c
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn describe(&self) -> String {
        format!(
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

pub fn finish(out: Output) -> Run {
    Run {
        // A signal (no code) shows as -1: never a valid exit code here.
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Run claimgraph with `args` from the crate root.
pub fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    finish(cmd().args(args).output().expect("claimgraph runs"))
}

/// A fresh, empty directory under the system temp dir, unique per process and call.
pub fn temp_dir(name: &str) -> TempDir {
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let p = std::env::temp_dir().join(format!(
        "claimgraph-test-{name}-{}-{}-{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&p).expect("create temp dir");
    TempDir(p)
}

/// Removed (best effort) when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn join(&self, p: &str) -> PathBuf {
        self.0.join(p)
    }

    /// Write a file (creating parent folders) and return its path.
    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(name);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(&p, content).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The shared corpus bundle `name`, as a path relative to the crate root
/// (`../shared/corpus/NAME`). Tests that call this carry
/// `#[cfg_attr(not(shared_corpus), ignore = "../shared/corpus is absent")]` (the cfg is set
/// by build.rs), so without the corpus `cargo test` lists them as ignored instead of
/// letting them pass. With the corpus there, a missing bundle fails the test.
pub fn corpus_bundle(name: &str) -> String {
    let rel = format!("../shared/corpus/{name}");
    assert!(
        root().join(&rel).is_dir(),
        "{rel} is absent (the shared corpus sits beside the repository; run the test without \
         --include-ignored when it is not there)"
    );
    rel
}

/// Snapshots live in the top-level `snapshots/` folder, named without the module prefix.
pub fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

/// The article files (`.txt`) of the example bundle, sorted.
pub fn example_articles() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join(EXAMPLE))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

pub fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}):\n{s}"))
}

/// `claimgraph check ARGS...` from the crate root.
pub fn check(args: &[&std::ffi::OsStr]) -> Run {
    let mut a: Vec<&std::ffi::OsStr> = vec![std::ffi::OsStr::new("check")];
    a.extend_from_slice(args);
    run(&a)
}

pub fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// `claimgraph check ARGS...`, killed and reported as a failure if it has not finished
/// within `secs` (for inputs that could block the run, such as a named pipe).
pub fn check_within(args: &[&std::ffi::OsStr], secs: u64) -> Run {
    use std::process::Stdio;
    let mut child = cmd()
        .arg("check")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimgraph runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        if child.try_wait().expect("wait").is_some() {
            return finish(child.wait_with_output().expect("output"));
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("claimgraph check did not finish within {secs} s (blocked on an input?)");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
