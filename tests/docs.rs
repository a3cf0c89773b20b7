//! `docs/rules.md` is generated from the default rules: fail when it is stale.
//! Refresh it with `UPDATE_DOCS=1 cargo test --test docs`.

use claimgraph::rules::{docs, load};
use std::path::Path;

#[test]
fn rules_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let want = docs::markdown(&load::default_rules());
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &want).expect("write docs/rules.md");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        let first = have
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(have.lines().count().min(want.lines().count()));
        panic!(
            "docs/rules.md is stale (first difference at line {}): it is generated from \
             rules/default/*.yaml by src/rules/docs.rs.\nRefresh it with:\n\n    \
             UPDATE_DOCS=1 cargo test --test docs\n\nand commit the result.",
            first + 1
        );
    }
}

#[test]
fn every_docs_page_linked_from_the_readme_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let mut n = 0;
    for (i, _) in readme.match_indices("](docs/") {
        let rest = &readme[i + 2..];
        let end = rest.find([')', '#']).unwrap();
        let p = &rest[..end];
        assert!(root.join(p).is_file(), "README links to missing {p}");
        n += 1;
    }
    assert!(n >= 5, "README links to the docs pages");
}
