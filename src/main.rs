//! The claimgraph command line: a thin layer over the library. Errors the user can fix
//! exit 2 with a message naming the file; findings at or above --fail-on exit 1.

use anyhow::{Context, Result};
use claimgraph::check;
use claimgraph::ingest::{self, IngestOptions};
use claimgraph::report;
use claimgraph::rules::{Rule, Severity, config, load};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// Extraction allocates many small strings and vectors per sentence; mimalloc's
// thread-local free lists cut the allocator's share of a check (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_CODES: &str = "Exit codes (docs/exit-codes.md):\n  0  no finding at or above --fail-on (or --exit-zero, or --write-baseline)\n  1  findings at or above --fail-on (after --baseline and inline suppressions)\n  2  usage, configuration, rule-file, baseline or input/output error (takes precedence over 1)\n  101  a crash (a bug: please report it)";

#[derive(Parser)]
#[command(name = "claimgraph", version, about = "Fact-check a bundle of news articles: extract claims, link them across sources, flag inconsistencies.", after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum Format {
    /// rustc-style diagnostics with source snippets (`text` is an alias).
    #[value(alias = "text")]
    Full,
    /// One line per finding: `path:line:col: CODE severity message`.
    Concise,
    /// The JSON report (docs/report-format.md).
    Json,
    /// One finding per line, as in the JSON report's `findings`.
    Jsonl,
    /// For a pull-request comment or a CI job summary.
    Markdown,
    /// SARIF 2.1.0, for code-scanning UIs.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// One self-contained HTML page.
    Html,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum Color {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum TableFormat {
    Table,
    Json,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    Dot,
    Json,
}

#[derive(clap::Args)]
struct Inputs {
    /// Article files or directories (read recursively: .txt and .md).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Skip files larger than this many bytes (with a notice).
    #[arg(long, default_value_t = ingest::DEFAULT_MAX_FILE_BYTES)]
    max_file_size: u64,
    /// Declared entities (canonical names, aliases, roles); they win over inference.
    /// An `entities.yaml` beside the articles is read too.
    #[arg(long, value_name = "FILE")]
    entities: Option<PathBuf>,
}

#[derive(clap::Args)]
struct RuleArgs {
    /// Add or override rules from a YAML file or a directory of them.
    #[arg(long = "rules", value_name = "DIR|FILE")]
    rules: Vec<PathBuf>,
    /// Project configuration (default: the nearest claimgraph.yml above the first input).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Ignore any claimgraph.yml.
    #[arg(long)]
    no_config: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check a bundle and report inconsistencies.
    #[command(after_help = EXIT_CODES)]
    Check {
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        rules: RuleArgs,
        /// Report format (docs/formats.md).
        #[arg(long, value_enum, default_value_t = Format::Full)]
        format: Format,
        /// Colour in the `full` format.
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
        /// Report only findings that are not in this baseline file.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record the current findings in this baseline file (and exit 0 if the check ran).
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        /// Exit 1 when a finding is at or above this severity.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// Always exit 0 when the check ran (findings or not).
        #[arg(long)]
        exit_zero: bool,
        /// Write the report to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Print the time of each stage to standard error.
        #[arg(long)]
        timings: bool,
    },
    /// Print the claims extracted from a bundle.
    Claims {
        #[command(flatten)]
        inputs: Inputs,
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Print every temporal expression of an article (or of every article in a folder,
    /// one section each, in path order) and how it was resolved.
    Times {
        /// An article file, or a folder (read recursively: .txt and .md).
        path: PathBuf,
        /// The date to resolve against (default: the article's own date).
        #[arg(long)]
        date: Option<String>,
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Export the claim graph.
    Graph {
        #[command(flatten)]
        inputs: Inputs,
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
    },
    /// Inspect and test rules.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
}

#[derive(Subcommand)]
enum RulesAction {
    /// List the rules in effect.
    List {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Print a JSON Schema for rule files.
    Schema,
    /// Run every rule's examples.
    Test {
        /// Rule files or directories to test (default: the built-in rules).
        paths: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // Paths and rule text in the message may carry control characters. A cause
            // whose text the message already ends with (an OS error under a library error
            // that quotes it) is said once.
            let mut msg = String::new();
            for cause in e.chain() {
                let c = cause.to_string();
                if msg.ends_with(&c) {
                    continue;
                }
                if !msg.is_empty() {
                    msg.push_str(": ");
                }
                msg.push_str(&c);
            }
            let msg: Vec<String> = msg.lines().map(report::text::sanitise).collect();
            eprintln!("error: {}", msg.join("\n"));
            ExitCode::from(2)
        }
    }
}

fn load_bundle(inputs: &Inputs) -> Result<ingest::Bundle> {
    let mut bundle = ingest::load(
        &inputs.paths,
        &IngestOptions {
            max_file_bytes: inputs.max_file_size,
        },
    )?;
    if let Some(p) = &inputs.entities {
        bundle.entities.extend(ingest::read_entities(p)?);
    }
    for n in &bundle.notices {
        print_notice(n);
    }
    Ok(bundle)
}

/// `notice: PATH: MESSAGE` on standard error, as the report's `notices[]` has it.
fn print_notice(n: &ingest::Notice) {
    eprintln!(
        "notice: {}: {}",
        report::text::sanitise(&n.path),
        report::text::sanitise(&n.message)
    );
}

/// The graph stage's notices (the input's were printed as the bundle was read).
fn print_graph_notices(outcome: &check::Outcome) {
    for s in &outcome.graph.skipped {
        print_notice(&s.notice());
    }
}

/// The rules in effect, and the files they were read from (configuration and rule files).
fn effective_rules(
    args: &RuleArgs,
    first_input: Option<&Path>,
) -> Result<(Vec<Rule>, Vec<PathBuf>)> {
    let cfg_path = if args.no_config {
        None
    } else {
        args.config
            .clone()
            .or_else(|| first_input.and_then(config::find))
    };
    Ok(config::effective_rules(cfg_path.as_deref(), &args.rules)?)
}

/// Write a rendered report to FILE (atomically) or standard output.
fn write_output(path: Option<&Path>, content: &str) -> Result<()> {
    claimgraph::output::write_atomic(path, |w| w.write_all(content.as_bytes()))?;
    Ok(())
}

/// 1 when a finding is at or above `--fail-on` (and the exit status is not forced to 0).
fn exit_status(findings: &[claimgraph::rules::Finding], fail_on: FailOn, zero: bool) -> u8 {
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| findings.iter().any(|f| f.severity >= t));
    u8::from(failed && !zero)
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Check {
            inputs,
            rules,
            format,
            color,
            baseline,
            write_baseline,
            fail_on,
            exit_zero,
            output,
            timings,
        } => {
            let (rules, rule_files) =
                effective_rules(&rules, inputs.paths.first().map(PathBuf::as_path))?;
            // Read the baseline first: a bad one is an error before any work is done.
            let known = baseline
                .as_deref()
                .map(claimgraph::baseline::read)
                .transpose()?;
            let mut t = claimgraph::timings::Timings::default();
            let clock = std::time::Instant::now();
            let bundle = load_bundle(&inputs)?;
            t.record(claimgraph::timings::Stage::Ingest, clock);
            // Refuse to write onto anything this run reads, before any work is done.
            let mut reads = claimgraph::output::ReadSet::default();
            for p in bundle
                .read
                .iter()
                .chain(&rule_files)
                .chain(&inputs.entities)
            {
                reads.add_file_or_folder(p);
            }
            if let Some(p) = &write_baseline {
                reads.guard(p, "the baseline")?;
            }
            if let Some(p) = &baseline {
                reads.add(p);
            }
            if let Some(p) = &output {
                reads.guard(p, "the report")?;
                if let Some(b) = &write_baseline {
                    claimgraph::output::guard_distinct(b, p)?;
                }
            }
            let mut outcome = check::run_timed(bundle, &rules, &mut t);
            print_graph_notices(&outcome);
            let clock = std::time::Instant::now();
            let (suppressions, sup_notices) =
                claimgraph::suppress::apply(&outcome.bundle.documents, &mut outcome.findings);
            for n in &sup_notices {
                eprintln!("notice: {}: {}", n.path, n.message);
            }
            if let Some(p) = &write_baseline {
                let b = claimgraph::baseline::from_findings(&outcome.findings);
                write_output(Some(p), &claimgraph::baseline::to_string(&b))?;
                eprintln!(
                    "wrote {} finding{} to baseline {}",
                    b.findings.len(),
                    if b.findings.len() == 1 { "" } else { "s" },
                    p.display()
                );
            }
            let applied = match (&known, &baseline) {
                (Some(k), Some(p)) => {
                    let a = claimgraph::baseline::apply(
                        k,
                        &p.display().to_string(),
                        &mut outcome.findings,
                    );
                    eprintln!("{}", report::text::sanitise(&a.describe()));
                    Some(a)
                }
                _ => None,
            };
            let mut rep = report::build(&outcome);
            rep.notices.extend(sup_notices);
            rep.suppressions = suppressions;
            rep.baseline = applied;
            let docs = &outcome.bundle.documents;
            if format == Format::Json {
                // Streamed: the JSON report of a large bundle is several times its text.
                // Its stage time includes the writing.
                claimgraph::output::write_atomic(output.as_deref(), |w| {
                    report::json::write(&rep, w)
                })?;
                t.record(claimgraph::timings::Stage::Report, clock);
                if timings {
                    let bytes = outcome.bundle.documents.iter().map(|d| d.text.len()).sum();
                    eprint!("{}", t.render(bytes));
                }
                let status = exit_status(
                    &outcome.findings,
                    fail_on,
                    exit_zero || write_baseline.is_some(),
                );
                // The process exits next: freeing a large analysis object by object takes
                // longer than the operating system reclaiming it at once.
                std::mem::forget(rep);
                std::mem::forget(outcome);
                return Ok(status);
            }
            let text = match format {
                Format::Json => unreachable!("streamed above"),
                Format::Jsonl => report::json::to_jsonl(&rep),
                Format::Full => {
                    use std::io::IsTerminal;
                    let colour = match color {
                        Color::Always => true,
                        Color::Never => false,
                        Color::Auto => {
                            output.is_none()
                                && std::io::stdout().is_terminal()
                                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        }
                    };
                    report::full::render(&rep, docs, colour)
                }
                Format::Concise => report::concise::render(&rep, docs),
                Format::Markdown => report::markdown::render(&rep, docs),
                Format::Sarif => report::sarif::render(&rep, docs, &rules),
                Format::Github => report::github::render(&rep, docs),
                Format::Html => report::html::render(&rep, docs),
            };
            t.record(claimgraph::timings::Stage::Report, clock);
            if timings {
                let bytes = outcome.bundle.documents.iter().map(|d| d.text.len()).sum();
                eprint!("{}", t.render(bytes));
            }
            write_output(output.as_deref(), &text)?;
            let status = exit_status(
                &outcome.findings,
                fail_on,
                exit_zero || write_baseline.is_some(),
            );
            std::mem::forget(rep); // as above: the process exits next
            std::mem::forget(outcome);
            Ok(status)
        }
        Command::Claims { inputs, format } => {
            let bundle = load_bundle(&inputs)?;
            let outcome = check::run(bundle, &[]);
            print_graph_notices(&outcome);
            let rep = report::build(&outcome);
            let text = match format {
                TableFormat::Json => {
                    let mut s = serde_json::to_string_pretty(&rep.claims)?;
                    s.push('\n');
                    s
                }
                TableFormat::Table => claimgraph::report::text::claims_table(&rep),
            };
            write_output(None, &text)?;
            Ok(0)
        }
        Command::Times { path, date, format } => {
            let date = date
                .map(|d| {
                    d.parse()
                        .with_context(|| format!("--date {d}: expected YYYY-MM-DD"))
                })
                .transpose()?;
            let bundle = load_bundle(&Inputs {
                paths: vec![path.clone()],
                max_file_size: ingest::DEFAULT_MAX_FILE_BYTES,
                entities: None,
            })?;
            let sections = report::times::sections(&bundle.documents, date);
            let text = match format {
                TableFormat::Json => report::times::json(&sections, path.is_dir())?,
                TableFormat::Table => report::times::table(&sections),
            };
            write_output(None, &text)?;
            Ok(0)
        }
        Command::Graph { inputs, format } => {
            let bundle = load_bundle(&inputs)?;
            let outcome = check::run(bundle, &[]);
            print_graph_notices(&outcome);
            let text = match format {
                GraphFormat::Dot => claimgraph::report::graph::dot(&outcome),
                GraphFormat::Json => claimgraph::report::graph::json(&outcome),
            };
            write_output(None, &text)?;
            Ok(0)
        }
        Command::Rules { action } => match action {
            RulesAction::List { rules } => {
                let (rules, _) = effective_rules(&rules, Some(Path::new(".")))?;
                for r in rules {
                    println!("{:<32} {:<8} {}", r.id, r.severity.as_str(), r.summary);
                }
                Ok(0)
            }
            RulesAction::Schema => {
                println!("{}", claimgraph::rules::schema::schema());
                Ok(0)
            }
            RulesAction::Test { paths } => {
                let mut rules = Vec::new();
                if paths.is_empty() {
                    rules = load::default_rules();
                } else {
                    for p in &paths {
                        rules.extend(load::read_rules(p)?);
                    }
                }
                let results = claimgraph::rule_examples::run_examples(&rules);
                let mut failed = 0;
                for r in &results {
                    println!(
                        "{} {} example {} (expect {})",
                        if r.ok { "ok  " } else { "FAIL" },
                        r.rule,
                        r.index + 1,
                        r.expect
                    );
                    if !r.ok {
                        failed += 1;
                        println!("     {}", r.detail);
                    }
                }
                println!("{} passed, {} failed", results.len() - failed, failed);
                Ok(if failed > 0 { 1 } else { 0 })
            }
        },
    }
}
