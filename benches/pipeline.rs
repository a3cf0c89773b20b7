//! Criterion benchmarks: extraction of a 100-article bundle (MB/s) and the full check,
//! stage by stage. Run with `cargo bench` (or `scripts/bench.sh` for the whole report).
//!
//! The bundle is made by `scripts/gen-corpus.py --docs 100 --doc-size 5000` into
//! `target/corpus/bench-100` on first use (set `CLAIMGRAPH_BENCH_CORPUS` to use another
//! directory). Without Python, the example bundle's five articles are used twenty times
//! over under other names.

use claimgraph::analysis::{self, DocAnalysis};
use claimgraph::ingest::{self, Bundle, IngestOptions};
use claimgraph::rules::engine::{self, Context};
use claimgraph::{check, entities, events, graph, report, rules, segment};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    if let Ok(p) = std::env::var("CLAIMGRAPH_BENCH_CORPUS") {
        return PathBuf::from(p);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/corpus/bench-100");
    if dir.is_dir() {
        return dir;
    }
    let made = std::process::Command::new("python3")
        .arg(root.join("scripts/gen-corpus.py"))
        .args(["--docs", "100", "--doc-size", "5000", "--out"])
        .arg(&dir)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        std::fs::create_dir_all(&dir).unwrap();
        let example = root.join("examples/harbour-talks");
        for i in 0..20 {
            for f in std::fs::read_dir(&example).unwrap().flatten() {
                let p = f.path();
                if p.extension().is_some_and(|e| e == "txt") {
                    let name = format!("{i:02}_{}", p.file_name().unwrap().to_string_lossy());
                    std::fs::copy(&p, dir.join(name)).unwrap();
                }
            }
        }
    }
    dir
}

fn load(dir: &Path) -> Bundle {
    ingest::load(&[dir.to_path_buf()], &IngestOptions::default()).expect("bench corpus loads")
}

fn bytes(b: &Bundle) -> u64 {
    b.documents.iter().map(|d| d.text.len() as u64).sum()
}

fn extraction(c: &mut Criterion) {
    let dir = corpus();
    let bundle = load(&dir);
    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes(&bundle)));
    g.bench_function(format!("{}-articles", bundle.documents.len()), |b| {
        b.iter(|| analysis::analyse(&bundle))
    });
    g.finish();
}

fn stages(c: &mut Criterion) {
    let dir = corpus();
    let bundle = load(&dir);
    let rules = rules::load::default_rules();
    let year = ingest::bundle_year(&bundle.documents);
    let docs: Vec<DocAnalysis> = bundle
        .documents
        .par_iter()
        .map(|d| analysis::analyse_document(d, year))
        .collect();
    let inputs: Vec<_> = bundle
        .documents
        .iter()
        .zip(&docs)
        .map(|(d, a)| (d.id.clone(), a.mentions.clone()))
        .collect();
    let an = analysis::analyse(&bundle);
    let ledger = events::build(&an.claims, &an.entities);
    let gr = graph::build(&an, &ledger, &bundle.documents);

    let mut g = c.benchmark_group("stage");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes(&bundle)));
    g.bench_function("ingest", |b| b.iter(|| load(&dir)));
    g.bench_function("segment", |b| {
        b.iter(|| {
            bundle
                .documents
                .par_iter()
                .map(|d| segment::segment(&d.text, d.body_start))
                .collect::<Vec<_>>()
        })
    });
    g.bench_function("segment+mentions", |b| {
        b.iter(|| {
            bundle
                .documents
                .par_iter()
                .map(|d| analysis::analyse_document(d, year))
                .collect::<Vec<_>>()
        })
    });
    g.bench_function("resolve", |b| {
        b.iter(|| entities::resolve_with(&inputs, &bundle.entities))
    });
    g.bench_function("claims", |b| {
        b.iter(|| {
            bundle
                .documents
                .par_iter()
                .zip(&docs)
                .enumerate()
                .map(|(i, (d, a))| {
                    let view = analysis::DocView::of(&an.entities, &d.id, a.mentions.len());
                    analysis::extract_claims(d, claimgraph::document::DocIdx::new(i), a, &view)
                })
                .collect::<Vec<_>>()
        })
    });
    g.bench_function("events", |b| {
        b.iter(|| events::build(&an.claims, &an.entities))
    });
    g.bench_function("graph", |b| {
        b.iter(|| graph::build(&an, &ledger, &bundle.documents))
    });
    g.bench_function("rules", |b| {
        let cx = Context::new(&bundle.documents, &an, &gr);
        b.iter(|| {
            rules
                .iter()
                .flat_map(|r| engine::evaluate(r, &cx))
                .collect::<Vec<_>>()
        })
    });
    let outcome = check::run(load(&dir), &rules);
    g.bench_function("report-json", |b| {
        b.iter(|| report::json::to_string(&report::build(&outcome)))
    });
    g.bench_function("check-end-to-end", |b| {
        b.iter_batched(
            || load(&dir),
            |bundle| {
                let o = check::run(bundle, &rules);
                report::json::to_string(&report::build(&o))
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, extraction, stages);
criterion_main!(benches);
