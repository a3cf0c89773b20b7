//! Build script: tells the tests whether the shared corpus (`../shared/corpus`, beside the
//! repository) is there. When it is not, the tests that need it carry
//! `#[cfg_attr(not(shared_corpus), ignore = "../shared/corpus is absent")]`, so `cargo test`
//! lists them as ignored, with the reason, instead of letting them pass without checking
//! anything.
//!
//! Cargo re-runs this script when a watched path changes. A watched path that does not
//! exist counts as changed on every build (and would rebuild the crate every time), so
//! only existing paths are watched: the corpus itself when it is there (its removal re-runs
//! the script), else `../shared` when that is there, else nothing but this file. In the
//! last case, `touch build.rs` after putting the corpus in place;
//! `cli::shared_corpus_cfg_matches_the_disk` fails until then.
//!
//! The same goes for the browser test (tests/browser.rs): the `browser` cfg is set when
//! Chromium and chromedriver are found (on `PATH`, or named by `CHROMIUM` and
//! `CHROMEDRIVER`), or when `CLAIMGRAPH_E2E=1` demands the test (CI, where a missing browser
//! must fail, not be ignored). Found binaries are watched; otherwise the `PATH` folders that
//! exist are, so installing them re-runs this script
//! (`browser::browser_cfg_matches_the_machine` checks it).

use std::path::{Path, PathBuf};

fn main() {
    shared_corpus();
    browser();
}

/// `name` on `PATH`, or the file named by `env` when that is set (if it exists).
fn find(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| names.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

fn browser() {
    println!("cargo::rustc-check-cfg=cfg(browser)");
    for v in ["CLAIMGRAPH_E2E", "CHROMIUM", "CHROMEDRIVER"] {
        println!("cargo::rerun-if-env-changed={v}");
    }
    let driver = find("CHROMEDRIVER", &["chromedriver"]);
    let chromium = find(
        "CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    );
    let found = driver.is_some() && chromium.is_some();
    for p in driver.iter().chain(&chromium).filter(|p| p.exists()) {
        println!("cargo::rerun-if-changed={}", p.display());
    }
    if !found {
        let path = std::env::var_os("PATH").unwrap_or_default();
        for d in std::env::split_paths(&path).filter(|d| d.is_dir()) {
            println!("cargo::rerun-if-changed={}", d.display());
        }
    }
    if found || std::env::var_os("CLAIMGRAPH_E2E").is_some_and(|v| v == "1") {
        println!("cargo::rustc-cfg=browser");
    }
}

fn shared_corpus() {
    println!("cargo::rustc-check-cfg=cfg(shared_corpus)");
    println!("cargo::rerun-if-changed=build.rs");
    let root = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| ".".into());
    let root = Path::new(&root);
    if root.join("../shared/corpus").is_dir() {
        println!("cargo::rerun-if-changed=../shared/corpus");
        println!("cargo::rustc-cfg=shared_corpus");
    } else if root.join("../shared").is_dir() {
        println!("cargo::rerun-if-changed=../shared");
    }
}
