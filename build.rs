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

use std::path::Path;

fn main() {
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
