//! The flow is one-way: no module imports from a layer below its own in the list that
//! `docs/ARCHITECTURE.md` gives (the `layers` block). Reads the sources, so a new upward
//! import fails here with the file and line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Layer index of each module path ("span", "compare::edit"), in the doc's order.
fn layers() -> BTreeMap<String, usize> {
    let doc = std::fs::read_to_string("docs/ARCHITECTURE.md").expect("docs/ARCHITECTURE.md");
    let block = doc
        .split("```layers\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a ```layers block in docs/ARCHITECTURE.md");
    let mut out = BTreeMap::new();
    for (i, line) in block.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let (_, mods) = line.split_once(':').expect("'layer: modules'");
        for m in mods.split_whitespace() {
            assert!(out.insert(m.to_string(), i).is_none(), "{m} listed twice");
        }
    }
    out
}

/// The listed module a path belongs to: its longest listed prefix. A name re-exported
/// at the crate root (`crate::Error`, from `pub use error::{Error, Result}` in lib.rs)
/// belongs to the module it comes from.
fn module_of(path: &str, layers: &BTreeMap<String, usize>) -> Option<String> {
    let first = path.split("::").next().unwrap_or("");
    if let Some(from) = root_reexports().get(first) {
        return module_of(from, layers);
    }
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find(|p| layers.contains_key(p))
}

/// Names that lib.rs re-exports (`pub use m::{A, B};`), with their module.
fn root_reexports() -> BTreeMap<String, String> {
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let rest = rest.trim_end_matches(';');
        if let Some((m, group)) = rest.split_once("::{") {
            for name in group.trim_end_matches('}').split(',') {
                out.insert(name.trim().to_string(), m.to_string());
            }
        } else if let Some((m, name)) = rest.rsplit_once("::") {
            out.insert(name.to_string(), m.to_string());
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every `crate::a::b` path in a line, also inside `use crate::{a, b::c}` groups.
fn crate_paths(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            for item in inner.split(',') {
                out.push(path_prefix(item.trim()));
            }
        } else {
            out.push(path_prefix(after));
        }
        rest = after;
    }
    out.retain(|p| !p.is_empty());
    out
}

fn path_prefix(s: &str) -> String {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(s.len());
    s[..end].trim_end_matches(':').to_string()
}

#[test]
fn no_import_runs_up_the_layers() {
    let layers = layers();
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    let mut upward = Vec::new();
    let mut unlisted = Vec::new();
    for f in &files {
        let rel = f.strip_prefix("src").unwrap().with_extension("");
        let rel = rel.to_string_lossy().replace('/', "::");
        let rel = rel.trim_end_matches("::mod").to_string();
        if rel == "main" || rel == "lib" {
            continue;
        }
        let Some(own) = module_of(&rel, &layers) else {
            unlisted.push(rel);
            continue;
        };
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            for p in crate_paths(line) {
                let Some(dep) = module_of(&p, &layers) else {
                    unlisted.push(format!("{p} (used in {}:{})", f.display(), n + 1));
                    continue;
                };
                if layers[&dep] > layers[&own] {
                    upward.push(format!(
                        "{}:{}: {own} uses crate::{p}, which is in a later layer",
                        f.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(
        unlisted.is_empty(),
        "modules missing from the layers block of docs/ARCHITECTURE.md: {unlisted:?}"
    );
    assert!(
        upward.is_empty(),
        "imports that run up the layers:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_checker_sees_grouped_and_nested_paths() {
    assert_eq!(
        crate_paths("use crate::check::Outcome;"),
        ["check::Outcome"]
    );
    assert_eq!(
        crate_paths("use crate::{span::Span, compare::edit};"),
        ["span::Span", "compare::edit"]
    );
    let layers = layers();
    assert_eq!(
        module_of("compare::edit::within_one_edit", &layers).as_deref(),
        Some("compare::edit")
    );
    assert_eq!(
        module_of("compare::dates", &layers).as_deref(),
        Some("compare")
    );
}

/// The crates of the command line: argument parsing and error reporting for people.
const COMMAND_LINE_CRATES: [&str; 2] = ["clap", "anyhow"];

/// The identifiers of a line's code (a `//` comment cut off), for [`COMMAND_LINE_CRATES`].
fn code_words(line: &str) -> Vec<&str> {
    let code = line.split("//").next().unwrap_or("");
    code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The library returns typed errors (thiserror) and knows no command line: only
/// `main.rs` names clap or anyhow.
#[test]
fn only_main_uses_the_command_line_crates() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    let mut found = Vec::new();
    for f in files.iter().filter(|f| *f != Path::new("src/main.rs")) {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            for w in code_words(line) {
                if COMMAND_LINE_CRATES.contains(&w) {
                    found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "only src/main.rs may use {COMMAND_LINE_CRATES:?}:\n{}",
        found.join("\n")
    );
    let main = std::fs::read_to_string("src/main.rs").unwrap();
    for c in COMMAND_LINE_CRATES {
        assert!(
            main.lines().any(|l| code_words(l).contains(&c)),
            "src/main.rs no longer uses {c}: is the check still looking at the right names?"
        );
    }
}

#[test]
fn command_line_crates_are_seen_in_code_not_in_comments() {
    assert!(code_words("use clap::Parser;").contains(&"clap"));
    assert!(code_words("    anyhow::bail!(\"x\")").contains(&"anyhow"));
    assert!(!code_words("// main wraps errors with anyhow").contains(&"anyhow"));
    assert!(!code_words("let clapping = 1;").contains(&"clap"));
}
