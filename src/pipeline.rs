//! `pipeline`: one `check` command from its request to its exit status, as library calls.
//!
//! A [`Plan`] is made first: the rules and configuration in effect and the baseline to
//! compare with are read before any article, so that a bad rule file, configuration or
//! baseline is an error before any work is done. Then [`Plan::load`] reads the input,
//! [`Plan::guard`] refuses an output path that is one of the files the run reads, and
//! [`Plan::check`] runs the whole check ([`crate::check`]), applies the inline suppressions
//! and the baseline, and decides the exit status.
//!
//! The stages are separate calls so that the caller shows each stage's notices before the
//! next stage can fail, in the order the command line has always printed them. *It does
//! not* print, render a report, or write one: the caller renders [`Checked`] in the format
//! asked for (`report`, a later layer) and writes it where it was asked.

use crate::baseline::{self, Baseline, BaselineOut};
use crate::check::{self, Outcome};
use crate::error::Result;
use crate::ingest::{self, Bundle, IngestOptions, Notice};
use crate::output::{self, ReadSet};
use crate::rules::{Finding, Rule, Severity, config};
use crate::suppress::{self, Suppression};
use crate::timings::{Stage, Timings};
use std::path::PathBuf;
use std::time::Instant;

/// The articles to read, and the entities declared for them.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// Article files or directories (read recursively).
    pub paths: Vec<PathBuf>,
    /// Files larger than this are skipped with a notice.
    pub max_file_bytes: u64,
    /// An entities file given on the command line (one beside the articles is read too).
    pub entities: Option<PathBuf>,
}

impl Inputs {
    /// These paths, with the default file size limit and no entities file.
    pub fn paths(paths: Vec<PathBuf>) -> Inputs {
        Inputs {
            paths,
            max_file_bytes: ingest::DEFAULT_MAX_FILE_BYTES,
            entities: None,
        }
    }
}

/// Read the input into a bundle, with the declared entities. The bundle's notices are the
/// caller's to show.
pub fn load(inputs: &Inputs) -> Result<Bundle> {
    let mut bundle = ingest::load(
        &inputs.paths,
        &IngestOptions {
            max_file_bytes: inputs.max_file_bytes,
        },
    )?;
    if let Some(p) = &inputs.entities {
        bundle.entities.extend(ingest::read_entities(p)?);
    }
    Ok(bundle)
}

/// Which `claimgraph.yml` applies.
#[derive(Debug, Clone)]
pub enum ConfigChoice {
    /// None (`--no-config`).
    Ignore,
    /// This file (`--config FILE`).
    File(PathBuf),
    /// The nearest `claimgraph.yml` above this path, if there is one.
    NearestTo(PathBuf),
}

/// The rules in effect and every file they were read from (the configuration, its rule
/// entries, `--rules`), so that no output is written onto one of them.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub files: Vec<PathBuf>,
}

/// The defaults, the configuration's rules and `extra` (`--rules`), then the
/// configuration's `select`, `ignore` and `severity`.
pub fn rules_in_effect(choice: &ConfigChoice, extra: &[PathBuf]) -> Result<RuleSet> {
    let config = match choice {
        ConfigChoice::Ignore => None,
        ConfigChoice::File(p) => Some(p.clone()),
        ConfigChoice::NearestTo(start) => config::find(start),
    };
    let (rules, files) = config::effective_rules(config.as_deref(), extra)?;
    Ok(RuleSet { rules, files })
}

/// The severity at which findings fail a check (`--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// No finding fails the check.
    Never,
}

impl FailOn {
    /// The lowest severity that fails, if any does.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// The decision a check ends with. Errors (exit 2) are not among them: they are the
/// `Err` of the calls that can fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Exit 0: no finding at or above the threshold, or the status was forced to 0.
    Passed,
    /// Exit 1: a finding at or above the threshold.
    Failed,
}

impl Status {
    /// The process exit code (docs/exit-codes.md).
    pub fn code(self) -> u8 {
        match self {
            Status::Passed => 0,
            Status::Failed => 1,
        }
    }
}

/// [`Status::Failed`] when a finding is at or above `fail_on`, unless `forced_zero`
/// (`--exit-zero`, or `--write-baseline`, which accepts the findings it records).
pub fn decide(findings: &[Finding], fail_on: FailOn, forced_zero: bool) -> Status {
    let failed = fail_on
        .threshold()
        .is_some_and(|t| findings.iter().any(|f| f.severity >= t));
    if failed && !forced_zero {
        Status::Failed
    } else {
        Status::Passed
    }
}

/// What a `check` is asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    pub inputs: Inputs,
    pub config: ConfigChoice,
    /// `--rules`: rule files or folders added to the rules in effect.
    pub rule_files: Vec<PathBuf>,
    /// `--baseline`: report only findings not in this file.
    pub baseline: Option<PathBuf>,
    /// `--write-baseline`: record the findings (after suppressions) in this file.
    pub write_baseline: Option<PathBuf>,
    /// `--output`: where the report goes (standard output when `None`).
    pub output: Option<PathBuf>,
    pub fail_on: FailOn,
    /// `--exit-zero`: exit 0 whenever the check ran.
    pub exit_zero: bool,
}

/// A request with its rules and baseline read.
#[derive(Debug)]
pub struct Plan {
    pub request: Request,
    pub rules: RuleSet,
    /// The baseline file's contents, when `--baseline` was given.
    pub known: Option<Baseline>,
}

/// The result of [`Plan::check`].
pub struct Checked {
    /// The whole check's outcome. Its findings are those left after the inline
    /// suppressions and the baseline.
    pub outcome: Outcome,
    /// Every inline suppression comment and what it hid.
    pub suppressions: Vec<Suppression>,
    /// One per suppression problem (no reason, matched nothing, not understood).
    pub suppression_notices: Vec<Notice>,
    /// With `--write-baseline`: the findings after suppressions, to be written there.
    pub accepted: Option<Baseline>,
    /// With `--baseline`: what it hid and which entries are stale.
    pub baseline: Option<BaselineOut>,
    pub status: Status,
    /// When the stage after the rules began (suppressions, baseline, then the caller's
    /// rendering): the report stage's clock for `--timings`.
    pub report_clock: Instant,
}

impl Plan {
    /// Read the rules in effect, then the baseline: a bad one is an error before any
    /// article is read.
    pub fn new(request: Request) -> Result<Plan> {
        let rules = rules_in_effect(&request.config, &request.rule_files)?;
        let known = request
            .baseline
            .as_deref()
            .map(baseline::read)
            .transpose()?;
        Ok(Plan {
            request,
            rules,
            known,
        })
    }

    /// Read the input (the ingest stage).
    pub fn load(&self, t: &mut Timings) -> Result<Bundle> {
        let clock = Instant::now();
        let bundle = load(&self.request.inputs)?;
        t.record(Stage::Ingest, clock);
        Ok(bundle)
    }

    /// Refuse to write the report or the baseline onto anything this run reads (or the
    /// report and the baseline onto one file), before any work is done.
    pub fn guard(&self, bundle: &Bundle) -> Result<()> {
        let r = &self.request;
        let mut reads = ReadSet::default();
        for p in bundle
            .read
            .iter()
            .chain(&self.rules.files)
            .chain(&r.inputs.entities)
        {
            reads.add_file_or_folder(p);
        }
        if let Some(p) = &r.write_baseline {
            reads.guard(p, "the baseline")?;
        }
        if let Some(p) = &r.baseline {
            reads.add(p);
        }
        if let Some(p) = &r.output {
            reads.guard(p, "the report")?;
            if let Some(b) = &r.write_baseline {
                output::guard_distinct(b, p)?;
            }
        }
        Ok(())
    }

    /// The whole check, then the inline suppressions, the baseline to write (taken after
    /// the suppressions, before the baseline is applied), the baseline, and the status.
    pub fn check(&self, bundle: Bundle, t: &mut Timings) -> Checked {
        let r = &self.request;
        let mut outcome = check::run_timed(bundle, &self.rules.rules, t);
        let report_clock = Instant::now();
        let (suppressions, suppression_notices) =
            suppress::apply(&outcome.bundle.documents, &mut outcome.findings);
        let accepted = r.write_baseline.as_ref().map(|_| {
            let mut b = baseline::from_findings(&outcome.findings);
            if let Some(k) = &self.known {
                baseline::keep_decisions(&mut b, k);
            }
            b
        });
        let applied = match (&self.known, &r.baseline) {
            (Some(k), Some(p)) => Some(baseline::apply(
                k,
                &p.display().to_string(),
                &mut outcome.findings,
            )),
            _ => None,
        };
        let status = decide(
            &outcome.findings,
            r.fail_on,
            r.exit_zero || r.write_baseline.is_some(),
        );
        Checked {
            outcome,
            suppressions,
            suppression_notices,
            accepted,
            baseline: applied,
            status,
            report_clock,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocId;
    use crate::rules::Evidence;
    use crate::span::Span;
    use std::path::Path;

    fn finding(id: &str, severity: Severity) -> Finding {
        Finding {
            id: id.into(),
            rule: "CG999/test".into(),
            severity,
            message: "Harbourton and Veldra disagree".into(),
            help: None,
            fingerprint: format!("{id:0>64}"),
            evidence: vec![Evidence {
                document: DocId("a".into()),
                claim: None,
                span: Span::new(0, 4),
                value: None,
            }],
        }
    }

    #[test]
    fn a_finding_at_or_above_the_threshold_fails() {
        let warn = [finding("1", Severity::Warning)];
        assert_eq!(decide(&warn, FailOn::Error, false), Status::Passed);
        assert_eq!(decide(&warn, FailOn::Warning, false), Status::Failed);
        assert_eq!(decide(&warn, FailOn::Info, false), Status::Failed);
        assert_eq!(decide(&warn, FailOn::Never, false), Status::Passed);
        let error = [finding("1", Severity::Info), finding("2", Severity::Error)];
        assert_eq!(decide(&error, FailOn::Error, false), Status::Failed);
        assert_eq!(decide(&[], FailOn::Info, false), Status::Passed);
    }

    #[test]
    fn a_forced_zero_passes_whatever_the_findings() {
        let error = [finding("1", Severity::Error)];
        assert_eq!(decide(&error, FailOn::Info, true), Status::Passed);
        assert_eq!(Status::Passed.code(), 0);
        assert_eq!(Status::Failed.code(), 1);
    }

    /// The bundled example (fictional), checked with the default rules.
    fn plan(inputs: Inputs, fail_on: FailOn, known: Option<Baseline>, write: bool) -> Plan {
        Plan {
            request: Request {
                inputs,
                config: ConfigChoice::Ignore,
                rule_files: Vec::new(),
                baseline: known.as_ref().map(|_| PathBuf::from("known.json")),
                write_baseline: write.then(|| PathBuf::from("new.json")),
                output: None,
                fail_on,
                exit_zero: false,
            },
            rules: rules_in_effect(&ConfigChoice::Ignore, &[]).unwrap(),
            known,
        }
    }

    fn example() -> Inputs {
        Inputs::paths(vec![
            concat!(env!("CARGO_MANIFEST_DIR"), "/examples/harbour-talks").into(),
        ])
    }

    fn run(p: &Plan) -> Checked {
        let bundle = p.load(&mut Timings::default()).unwrap();
        p.guard(&bundle).unwrap();
        p.check(bundle, &mut Timings::default())
    }

    fn fingerprints(findings: &[Finding]) -> Vec<&str> {
        findings.iter().map(|f| f.fingerprint.as_str()).collect()
    }

    #[test]
    fn the_baseline_hides_what_it_knows_and_the_status_follows_what_is_left() {
        let first = run(&plan(example(), FailOn::Error, None, true));
        let all = &first.outcome.findings;
        assert!(all.len() > 1 && all[0].severity == Severity::Error);
        assert_eq!(first.status, Status::Passed, "--write-baseline exits 0");
        let accepted = first.accepted.clone().expect("a baseline to write");
        assert_eq!(
            accepted
                .findings
                .iter()
                .map(|e| e.fingerprint.as_str())
                .collect::<Vec<_>>(),
            fingerprints(all)
        );
        assert!(first.baseline.is_none() && first.suppressions.is_empty());

        // Everything known: nothing left, exit 0.
        let none_left = run(&plan(
            example(),
            FailOn::Info,
            Some(accepted.clone()),
            false,
        ));
        assert!(none_left.outcome.findings.is_empty());
        assert_eq!(none_left.status, Status::Passed);
        let out = none_left.baseline.unwrap();
        assert_eq!((out.entries, out.hidden), (all.len(), all.len()));
        assert!(none_left.accepted.is_none());

        // All but the first (an error) known: it alone is left, and fails the check.
        let mut known = accepted;
        known.findings.remove(0);
        let one_left = run(&plan(example(), FailOn::Error, Some(known), false));
        assert_eq!(
            fingerprints(&one_left.outcome.findings),
            [all[0].fingerprint.as_str()]
        );
        assert_eq!(one_left.status, Status::Failed);
        assert_eq!(one_left.baseline.unwrap().hidden, all.len() - 1);
    }

    #[test]
    fn suppressions_apply_before_the_baseline_is_written() {
        let plain = run(&plan(example(), FailOn::Error, None, false));
        let target = &plain.outcome.findings[0];
        let doc = &target.evidence[0].document.0;
        // A copy of the example whose first finding's first article ignores that rule.
        let dir = std::env::temp_dir().join(format!("claimgraph-pipeline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbour-talks");
        for e in std::fs::read_dir(&src).unwrap() {
            let p = e.unwrap().path();
            let mut text = std::fs::read_to_string(&p).unwrap();
            if p.file_stem().is_some_and(|s| s.to_string_lossy() == *doc) {
                text.push_str(&format!(
                    "\n<!-- claimgraph: ignore-document[{}] reason=\"checked\" -->\n",
                    target.rule
                ));
            }
            std::fs::write(dir.join(p.file_name().unwrap()), text).unwrap();
        }
        let c = run(&plan(
            Inputs::paths(vec![dir.clone()]),
            FailOn::Error,
            None,
            true,
        ));
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(c.suppressions.len(), 1);
        let hidden = &c.suppressions[0].suppressed;
        assert!(hidden.contains(&target.id), "{hidden:?}");
        assert!(
            c.suppression_notices.is_empty(),
            "{:?}",
            c.suppression_notices
        );
        let left: Vec<&str> = fingerprints(&plain.outcome.findings)
            .into_iter()
            .filter(|fp| {
                !plain
                    .outcome
                    .findings
                    .iter()
                    .any(|f| &f.fingerprint == fp && hidden.contains(&f.id))
            })
            .collect();
        assert_eq!(fingerprints(&c.outcome.findings), left);
        let accepted = c.accepted.unwrap();
        let written: Vec<&str> = accepted
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        assert_eq!(
            written, left,
            "the baseline records what the suppressions left"
        );
    }
}
