//! Determinism: the report depends on the articles only, never on file creation order,
//! argument order, repeated runs or the number of threads.

mod common;

use common::{EXAMPLE, example_articles, root, run, temp_dir};
use proptest::prelude::*;
use std::ffi::OsString;
use std::sync::OnceLock;

/// The example's JSON report with the files passed explicitly, in sorted order.
fn baseline() -> &'static str {
    static B: OnceLock<String> = OnceLock::new();
    B.get_or_init(|| {
        let mut args: Vec<OsString> = ["check", "--format", "json"].map(OsString::from).into();
        for f in example_articles() {
            args.push(f.strip_prefix(root()).unwrap().as_os_str().to_owned());
        }
        let r = run(&args);
        assert_eq!(r.code, 1, "{}", r.describe());
        r.stdout
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn report_ignores_creation_and_argument_order(
        create in Just((0..5usize).collect::<Vec<_>>()).prop_shuffle(),
        pass in Just((0..5usize).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let articles = example_articles();
        prop_assert_eq!(articles.len(), 5);
        let dir = temp_dir("shuffle");
        // The manifest first or last, articles in the shuffled order.
        let manifest = root().join(EXAMPLE).join("bundle.yaml");
        if create[0] % 2 == 0 {
            std::fs::copy(&manifest, dir.join("bundle.yaml")).unwrap();
        }
        for &i in &create {
            let name = articles[i].file_name().unwrap().to_str().unwrap();
            std::fs::copy(&articles[i], dir.join(name)).unwrap();
        }
        if create[0] % 2 == 1 {
            std::fs::copy(&manifest, dir.join("bundle.yaml")).unwrap();
        }
        let mut args: Vec<OsString> = ["check", "--format", "json"].map(OsString::from).into();
        for &i in &pass {
            args.push(dir.join(articles[i].file_name().unwrap().to_str().unwrap()).into_os_string());
        }
        let first = run(&args);
        prop_assert_eq!(first.code, 1, "{}", first.describe());
        let second = run(&args);
        prop_assert!(first.stdout == second.stdout, "two runs differ");
        let prefix = format!("{}/", dir.path().display());
        let normalised = first.stdout.replace(&prefix, &format!("{EXAMPLE}/"));
        prop_assert!(
            normalised == baseline(),
            "report differs from the baseline beyond paths (creation {:?}, arguments {:?})",
            create,
            pass
        );
    }
}

#[test]
fn thread_count_does_not_change_the_report() {
    let out = |threads: &str| {
        let o = common::cmd()
            .args(["check", EXAMPLE, "--format", "json"])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        common::finish(o)
    };
    let one = out("1");
    let four = out("4");
    assert_eq!(one.code, 1, "{}", one.describe());
    assert_eq!(one.code, four.code);
    assert!(
        one.stdout == four.stdout,
        "RAYON_NUM_THREADS=1 and 4 give different reports"
    );
    let text1 = common::finish(
        common::cmd()
            .args(["check", EXAMPLE])
            .env("RAYON_NUM_THREADS", "1")
            .output()
            .unwrap(),
    );
    let text4 = common::finish(
        common::cmd()
            .args(["check", EXAMPLE])
            .env("RAYON_NUM_THREADS", "4")
            .output()
            .unwrap(),
    );
    assert!(
        text1.stdout == text4.stdout,
        "text reports differ by thread count"
    );
}

#[test]
fn directory_and_file_arguments_give_the_same_findings() {
    let dir_run = run(&["check", EXAMPLE, "--format", "json"]);
    let a = common::json(&dir_run.stdout);
    let b = common::json(baseline());
    // The directory walk adds a notice for expected.toml; everything else is the same.
    for k in ["documents", "claims", "events", "findings", "summary"] {
        assert!(
            a[k] == b[k],
            "{k} differs between a directory and its files"
        );
    }
}
