//! The claimgraph command line: a thin layer over the library. Errors the user can fix
//! exit 2 with a message naming the file; findings at or above --fail-on exit 1.

use anyhow::{Context, Result};
use claimgraph::pipeline::{self, ConfigChoice, Plan, Request};
use claimgraph::report::{self, Render};
use claimgraph::rules::load;
use claimgraph::timings::Timings;
use claimgraph::{check, cluster, ingest, stories};
use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::LazyLock;

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

/// A `--format` value: an entry of the report formats' registry (`report::FORMATS`),
/// which gives the names, aliases and help that clap shows.
#[derive(Copy, Clone)]
struct Format(&'static report::Format);

static FORMAT_VALUES: LazyLock<Vec<Format>> =
    LazyLock::new(|| report::FORMATS.iter().map(Format).collect());

impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &FORMAT_VALUES
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(
            PossibleValue::new(self.0.name)
                .aliases(self.0.aliases.iter().copied())
                .help(self.0.help),
        )
    }
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

impl From<FailOn> for pipeline::FailOn {
    fn from(f: FailOn) -> Self {
        match f {
            FailOn::Error => pipeline::FailOn::Error,
            FailOn::Warning => pipeline::FailOn::Warning,
            FailOn::Info => pipeline::FailOn::Info,
            FailOn::Never => pipeline::FailOn::Never,
        }
    }
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

/// The `check` command's arguments.
#[derive(clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    rules: RuleArgs,
    /// Report format (docs/formats.md).
    #[arg(long, value_enum, default_value_t = Format(report::default_format()))]
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
    /// Treat the input as a mixed feed: split it into stories (as `cluster` does) and
    /// check each story on its own, in one report whose findings carry their story.
    #[arg(long)]
    by_story: bool,
}

/// The `map` command's arguments.
#[derive(clap::Args)]
struct MapArgs {
    /// Article files or directories, or `-` for JSON Lines articles on standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Skip files larger than this many bytes (with a notice).
    #[arg(long, default_value_t = ingest::DEFAULT_MAX_FILE_BYTES)]
    max_file_size: u64,
    /// Put every document in this story (a bundle is one story).
    #[arg(long, value_name = "ID", conflicts_with = "stories")]
    story: Option<String>,
    /// The stories of the feed, as `claimgraph cluster --format json` writes them. Without
    /// --story or --stories, the documents read are clustered (a feed line's `story` field
    /// wins over all of them).
    #[arg(long, value_name = "FILE")]
    stories: Option<PathBuf>,
    /// With `-`: the file the lines come from (document ids and evidence locations name it).
    #[arg(long, value_name = "PATH", default_value = "-")]
    stdin_path: String,
    /// With `-`: each line is `LINE<TAB>BYTE-OFFSET<TAB>JSON`, its line number and offset
    /// in that file (a distributed reader's lines are not in one stream).
    #[arg(long)]
    numbered: bool,
    /// Write each line as `KEY<TAB>RECORD`: the story as a JSON string (`null` for a
    /// notice), for a job to key the records by without reading them.
    #[arg(long)]
    keyed: bool,
}

/// The `reduce` command's arguments.
#[derive(clap::Args)]
struct ReduceArgs {
    /// A file of claimgraph/claims/v1 records, or `-` for standard input.
    input: PathBuf,
    #[command(flatten)]
    rules: RuleArgs,
    /// Declared entities, as `check --entities` (applies to every story).
    #[arg(long, value_name = "FILE")]
    entities: Option<PathBuf>,
}

/// The `serve` command's arguments.
#[derive(clap::Args)]
struct ServeArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    rules: RuleArgs,
    /// Port on 127.0.0.1 (default: any free port; the URL is printed).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// The baseline file the decisions are kept in (created on the first decision).
    #[arg(long, value_name = "FILE", default_value = "claimgraph-baseline.json")]
    baseline: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Check a bundle and report inconsistencies.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
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
    /// Split a mixed feed into stories: print them, and with --out write one bundle
    /// folder per story plus stories.json (docs/clustering.md).
    Cluster {
        /// Article files or directories (read recursively: .txt and .md).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Skip files larger than this many bytes (with a notice).
        #[arg(long, default_value_t = ingest::DEFAULT_MAX_FILE_BYTES)]
        max_file_size: u64,
        /// Write the story bundles and stories.json into this folder (new or empty).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// `table`: each story's id and documents; `json`: stories.json's content.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// The per-document half of a scale-out check: read articles (files, or JSON Lines on
    /// standard input with `-`) and write one claimgraph/claims/v1 record per document,
    /// with its story (docs/scale.md).
    Map(MapArgs),
    /// The cross-document half: read claimgraph/claims/v1 records (any order), check each
    /// story as `check` checks a bundle, and write its findings and events as JSON Lines.
    Reduce(ReduceArgs),
    /// Render findings read back from JSON Lines (`check --format jsonl`, `reduce`, or the
    /// Spark job's output) as a report: Markdown, HTML or any `check` format.
    Report {
        /// The JSON Lines file (`-` for standard input).
        input: PathBuf,
        #[arg(long, value_enum, default_value_t = Format(report::format("markdown").expect("markdown is a format")))]
        format: Format,
        /// Write the report to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Review findings in the browser: a local server on 127.0.0.1 (docs/review.md).
    /// Decisions are kept in the baseline file, which `check --baseline` reads.
    Serve(ServeArgs),
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

/// The allocator's set-up, before any work: freed pages go back to the kernel at once
/// (mimalloc's default keeps them a second, so a stage's garbage still counts in the next
/// stage's peak), and no transparent huge pages (mimalloc asks for them on its arenas,
/// and the kernel then zeroes and keeps 2 MB for a page partly used: on a 16 MB bundle,
/// 17% more peak and four times the system time). Measured in docs/performance.md.
fn set_up_allocator() {
    // `mi_option_purge_delay` in mimalloc.h's option list (the -sys crate names no
    // constant for it).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting an option of the allocator this binary links, before any thread
    // is started; prctl with PR_SET_THP_DISABLE only sets a flag of this process.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
        debug_assert_eq!(libmimalloc_sys::mi_option_get(PURGE_DELAY), 0);
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    set_up_allocator();
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

impl Inputs {
    fn to_library(&self) -> pipeline::Inputs {
        pipeline::Inputs {
            paths: self.paths.clone(),
            max_file_bytes: self.max_file_size,
            entities: self.entities.clone(),
        }
    }
}

impl RuleArgs {
    /// Which configuration applies: `--no-config`, `--config FILE`, or the nearest
    /// `claimgraph.yml` above `start`.
    fn config(&self, start: Option<&Path>) -> ConfigChoice {
        match (&self.config, start) {
            _ if self.no_config => ConfigChoice::Ignore,
            (Some(p), _) => ConfigChoice::File(p.clone()),
            (None, Some(s)) => ConfigChoice::NearestTo(s.to_path_buf()),
            (None, None) => ConfigChoice::Ignore,
        }
    }
}

/// Read the input and show its notices.
fn load_bundle(inputs: &pipeline::Inputs) -> Result<ingest::Bundle> {
    let bundle = pipeline::load(inputs)?;
    print_notices(&bundle.notices);
    Ok(bundle)
}

fn print_notices(notices: &[ingest::Notice]) {
    for n in notices {
        print_notice(n);
    }
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

/// Write a rendered report to FILE (atomically) or standard output.
fn write_output(path: Option<&Path>, content: &str) -> Result<()> {
    claimgraph::output::write_atomic(path, |w| w.write_all(content.as_bytes()))?;
    Ok(())
}

/// Colour the `full` format? `auto`: only on a terminal, without `--output`, when
/// NO_COLOR is unset or empty.
fn colour(color: Color, to_file: bool) -> bool {
    use std::io::IsTerminal;
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            !to_file
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Claims { inputs, format } => {
            let bundle = load_bundle(&inputs.to_library())?;
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
            let bundle = load_bundle(&pipeline::Inputs::paths(vec![path.clone()]))?;
            let sections = report::times::sections(&bundle.documents, date);
            let text = match format {
                TableFormat::Json => report::times::json(&sections, path.is_dir())?,
                TableFormat::Table => report::times::table(&sections),
            };
            write_output(None, &text)?;
            Ok(0)
        }
        Command::Graph { inputs, format } => {
            let bundle = load_bundle(&inputs.to_library())?;
            let outcome = check::run(bundle, &[]);
            print_graph_notices(&outcome);
            let text = match format {
                GraphFormat::Dot => claimgraph::report::graph::dot(&outcome),
                GraphFormat::Json => claimgraph::report::graph::json(&outcome),
            };
            write_output(None, &text)?;
            Ok(0)
        }
        Command::Cluster {
            paths,
            max_file_size,
            out,
            format,
        } => cluster_feed(paths, max_file_size, out.as_deref(), format),
        Command::Map(args) => map(args),
        Command::Reduce(args) => reduce(args),
        Command::Report {
            input,
            format,
            output,
        } => report_back(&input, format, output.as_deref()),
        Command::Serve(args) => serve(args),
        Command::Rules { action } => match action {
            RulesAction::List { rules } => {
                let set =
                    pipeline::rules_in_effect(&rules.config(Some(Path::new("."))), &rules.rules)?;
                for r in set.rules {
                    println!("{:<32} {:<8} {}", r.id, r.severity.as_str(), r.summary);
                }
                Ok(0)
            }
            RulesAction::Schema => {
                println!("{}", claimgraph::rules::schema::schema());
                Ok(0)
            }
            RulesAction::Test { paths } => rules_test(&paths),
        },
    }
}

/// `--timings`: one line per stage on standard error.
fn print_timings(t: &Timings, docs: &[claimgraph::document::Document], asked: bool) {
    if asked {
        let bytes = docs.iter().map(|d| d.text.len()).sum();
        eprint!("{}", t.render(bytes));
    }
}

/// `check`: the library's pipeline, its notices on standard error, the report in the
/// format asked for, and the status.
fn check(args: CheckArgs) -> Result<u8> {
    let CheckArgs {
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
        by_story,
    } = args;
    let plan = Plan::new(Request {
        config: rules.config(inputs.paths.first().map(PathBuf::as_path)),
        inputs: inputs.to_library(),
        rule_files: rules.rules.clone(),
        baseline,
        write_baseline,
        output,
        fail_on: fail_on.into(),
        exit_zero,
    })?;
    let mut t = Timings::default();
    let bundle = plan.load(&mut t)?;
    print_notices(&bundle.notices);
    plan.guard(&bundle)?;
    let emit = Emit {
        format,
        color,
        timings,
    };
    if by_story {
        return check_by_story(&plan, bundle, t, &emit);
    }
    let checked = plan.check(bundle, &mut t);
    print_graph_notices(&checked.outcome);
    let rep = report::of_check(&checked);
    emit.finish(
        &plan,
        Finished {
            suppression_notices: &checked.suppression_notices,
            accepted: checked.accepted.as_ref(),
            baseline: checked.baseline.as_ref(),
            report_clock: checked.report_clock,
        },
        &rep,
        &checked.outcome.bundle.documents,
        &mut t,
    )?;
    let status = checked.status.code();
    // The process exits next: freeing a large analysis object by object takes
    // longer than the operating system reclaiming it at once.
    std::mem::forget(rep);
    std::mem::forget(checked);
    Ok(status)
}

/// `check --by-story`: the feed split into stories, each checked, one report.
fn check_by_story(plan: &Plan, bundle: ingest::Bundle, mut t: Timings, emit: &Emit) -> Result<u8> {
    let checked = stories::check(plan, bundle, &mut t);
    for s in &checked.stories {
        print_graph_notices(&s.outcome);
    }
    if emit.timings {
        eprintln!(
            "timing: cluster   {:>10.3} ms   {} stories, {} candidate pairs, {} linked",
            checked.cluster_time.as_secs_f64() * 1e3,
            checked.stories.len(),
            checked.clustering.candidates,
            checked.clustering.linked
        );
    }
    let rep = report::of_stories(&checked);
    emit.finish(
        plan,
        Finished {
            suppression_notices: &checked.suppression_notices,
            accepted: checked.accepted.as_ref(),
            baseline: checked.baseline.as_ref(),
            report_clock: checked.report_clock,
        },
        &rep,
        &checked.documents,
        &mut t,
    )?;
    let status = checked.status.code();
    std::mem::forget(rep);
    std::mem::forget(checked);
    Ok(status)
}

/// How a check's report is shown.
struct Emit {
    format: Format,
    color: Color,
    timings: bool,
}

/// What a finished check hands to [`Emit::finish`] besides its report.
struct Finished<'a> {
    suppression_notices: &'a [ingest::Notice],
    accepted: Option<&'a claimgraph::baseline::Baseline>,
    baseline: Option<&'a claimgraph::baseline::BaselineOut>,
    report_clock: std::time::Instant,
}

impl Emit {
    /// The suppression notices, the baseline written and what the baseline hid, then the
    /// report in the format asked for, where it was asked, and the timings.
    fn finish(
        &self,
        plan: &Plan,
        done: Finished,
        rep: &report::Report,
        docs: &[claimgraph::document::Document],
        t: &mut Timings,
    ) -> Result<()> {
        // Suppression notices quote the articles' comments: sanitised like every notice.
        print_notices(done.suppression_notices);
        let req = &plan.request;
        if let (Some(p), Some(b)) = (&req.write_baseline, done.accepted) {
            write_output(Some(p), &claimgraph::baseline::to_string(b))?;
            eprintln!(
                "wrote {} finding{} to baseline {}",
                b.findings.len(),
                if b.findings.len() == 1 { "" } else { "s" },
                p.display()
            );
        }
        if let Some(a) = done.baseline {
            eprintln!("{}", report::text::sanitise(&a.describe()));
        }
        let cx = report::Context {
            documents: docs,
            rules: &plan.rules.rules,
            colour: colour(self.color, req.output.is_some()),
        };
        match self.format.0.render {
            // Streamed (JSON): its stage time includes the writing.
            Render::Stream(write) => {
                claimgraph::output::write_atomic(req.output.as_deref(), |w| write(rep, w))?;
                t.record(claimgraph::timings::Stage::Report, done.report_clock);
                print_timings(t, docs, self.timings);
            }
            Render::Text(render) => {
                let text = render(rep, &cx);
                t.record(claimgraph::timings::Stage::Report, done.report_clock);
                print_timings(t, docs, self.timings);
                write_output(req.output.as_deref(), &text)?;
            }
        }
        Ok(())
    }
}

/// `cluster`: the stories of a feed, printed, and written as bundles with `--out`.
fn cluster_feed(
    paths: Vec<PathBuf>,
    max_file_bytes: u64,
    out: Option<&Path>,
    format: TableFormat,
) -> Result<u8> {
    if let Some(dir) = out {
        // Before any work: a folder that is not empty is refused.
        stories::write::guard(dir)?;
    }
    let bundle = load_bundle(&pipeline::Inputs {
        paths,
        max_file_bytes,
        entities: None,
    })?;
    if !bundle.entities.is_empty() {
        eprintln!(
            "notice: entities.yaml: declared entities are not copied into the story folders; pass --entities when checking a story"
        );
    }
    let docs = &bundle.documents;
    let clustering = cluster::cluster(docs);
    let map = match out {
        Some(dir) => stories::write::write(dir, docs, &clustering)?,
        None => stories::write::mapping(docs, &clustering),
    };
    let text = match format {
        TableFormat::Json => {
            let mut s = serde_json::to_string_pretty(&map)?;
            s.push('\n');
            s
        }
        TableFormat::Table => {
            let mut s = String::new();
            for st in &map.stories {
                let n = st.documents.len();
                s.push_str(&format!(
                    "{} ({n} document{})\n",
                    st.id,
                    if n == 1 { "" } else { "s" }
                ));
                for d in &st.documents {
                    s.push_str(&format!("  {}\n", report::text::sanitise(&d.path)));
                }
            }
            s
        }
    };
    write_output(None, &text)?;
    let m = &map.summary;
    eprintln!(
        "{} documents in {} stories ({} candidate pairs compared, {} linked){}",
        m.documents,
        m.stories,
        m.candidate_pairs,
        m.linked_pairs,
        out.map_or(String::new(), |d| format!("; written to {}", d.display()))
    );
    Ok(0)
}

/// `serve`: load the review, print its URL, serve until stopped.
/// `map`: articles in, one record per document out (notices as records too, so that a
/// distributed job counts them).
fn map(args: MapArgs) -> Result<u8> {
    use claimgraph::scale::{self, Stories, StoryMap, record::Line};
    use std::io::{BufRead, Write};
    let how = match (&args.story, &args.stories) {
        (Some(s), _) => Stories::One(s.clone()),
        (None, Some(p)) => {
            let src = std::fs::read_to_string(p).with_context(|| p.display().to_string())?;
            Stories::Mapping(
                StoryMap::parse(&src)
                    .with_context(|| format!("{}: not a stories.json", p.display()))?,
            )
        }
        (None, None) => Stories::Cluster,
    };
    let mut notices = Vec::new();
    let mut docs = Vec::new();
    let mut given = Vec::new();
    let mut bases = Vec::new();
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if stdin {
        anyhow::ensure!(
            args.paths.len() == 1,
            "`-` (standard input) is read on its own"
        );
        for (i, line) in std::io::stdin().lock().lines().enumerate() {
            let line = line.context("<standard input>")?;
            let (line_no, base, json) = if args.numbered {
                let mut parts = line.splitn(3, '\t');
                let n = parts.next().and_then(|n| n.parse::<usize>().ok());
                let o = parts.next().and_then(|o| o.parse::<usize>().ok());
                match (n, o, parts.next()) {
                    (Some(n), Some(o), Some(j)) => (n, o, j.to_string()),
                    _ => {
                        notices.push(ingest::Notice {
                            path: args.stdin_path.clone(),
                            message: format!(
                                "input line {}: not `LINE<TAB>OFFSET<TAB>JSON`: skipped",
                                i + 1
                            ),
                        });
                        continue;
                    }
                }
            } else {
                (i + 1, 0, line)
            };
            if json.trim().is_empty() {
                continue;
            }
            match ingest::document_from_jsonl_line(&args.stdin_path, line_no, &json) {
                Ok((doc, n)) => {
                    notices.extend(n);
                    given.push(story_field(&json));
                    docs.push(doc);
                    bases.push(base);
                }
                Err(n) => notices.push(n),
            }
        }
        // Reading the whole feed (not one partition of it), map infers a dateline's year
        // from the feed as `check` does, before clustering; every line has one path, so
        // the order is kept.
        if !matches!(how, Stories::Mapping(_)) {
            let mut b = ingest::Bundle {
                documents: docs,
                ..Default::default()
            };
            ingest::finish_bundle(&mut b);
            docs = b.documents;
        }
    } else {
        let bundle = pipeline::load(&pipeline::Inputs {
            paths: args.paths.clone(),
            max_file_bytes: args.max_file_size,
            entities: None,
        })?;
        notices.extend(bundle.notices);
        bases = vec![0; bundle.documents.len()];
        docs = bundle.documents;
    }
    let (stories, more) = scale::assign_stories(&mut docs, &given, &how);
    notices.extend(more);
    if stdin {
        // Read from files, the bundle's reading said so already.
        notices.extend(ingest::undated_notices(&docs));
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let lines = notices.iter().map(Line::notice).chain(scale::map(
        &docs,
        |i| stories[i].clone(),
        |i| bases[i],
    ));
    for l in lines {
        if args.keyed {
            write!(out, "{}\t", serde_json::to_string(&l.story)?)?;
        }
        writeln!(out, "{}", l.to_json())?;
    }
    out.flush()?;
    Ok(0)
}

/// A feed line's own `story` field, if it has one.
fn story_field(json: &str) -> Option<String> {
    if !json.contains("\"story\"") {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(json).ok()?;
    v.get("story")?.as_str().map(str::to_string)
}

/// `reduce`: records in, findings, events and notices out (JSON Lines).
fn reduce(args: ReduceArgs) -> Result<u8> {
    use claimgraph::scale;
    use std::io::{BufRead, Write};
    let rules =
        pipeline::rules_in_effect(&args.rules.config(Some(Path::new("."))), &args.rules.rules)?;
    let entities = match &args.entities {
        Some(p) => ingest::read_entities(p)?,
        None => Vec::new(),
    };
    let stdin = args.input.as_os_str() == "-";
    let source = if stdin {
        "<standard input>".to_string()
    } else {
        args.input.display().to_string()
    };
    let reader: Box<dyn BufRead> = if stdin {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(&args.input).with_context(|| source.clone())?,
        ))
    };
    let mut groups = scale::Groups::default();
    for (i, line) in reader.lines().enumerate() {
        let line = line.with_context(|| source.clone())?;
        groups.read_line(&source, i + 1, &line);
    }
    let out_lines = scale::reduce(groups, &source, &rules.rules, &entities);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for l in &out_lines {
        if let scale::Output::Notice(n) = l {
            print_notice(n);
        }
        writeln!(out, "{}", l.to_json())?;
    }
    out.flush()?;
    Ok(0)
}

/// `report FILE`: findings read back, rendered in `format`.
fn report_back(input: &Path, format: Format, output: Option<&Path>) -> Result<u8> {
    use std::io::Read;
    let (src, name) = if input.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("<standard input>")?;
        (s, "<standard input>".to_string())
    } else {
        (
            std::fs::read_to_string(input).with_context(|| input.display().to_string())?,
            input.display().to_string(),
        )
    };
    let back = claimgraph::scale::read_back::read(&src, &name);
    print_notices(&back.notices);
    let (rep, docs) = claimgraph::scale::read_back::report(back);
    match format.0.render {
        Render::Stream(write) => claimgraph::output::write_atomic(output, |w| write(&rep, w))?,
        Render::Text(render) => {
            let cx = report::Context {
                documents: &docs,
                rules: &[],
                colour: false,
            };
            write_output(output, &render(&rep, &cx))?;
        }
    }
    Ok(0)
}

fn serve(args: ServeArgs) -> Result<u8> {
    use claimgraph::serve;
    let app = serve::App::load(serve::Options {
        config: args
            .rules
            .config(args.inputs.paths.first().map(PathBuf::as_path)),
        inputs: args.inputs.to_library(),
        rule_files: args.rules.rules.clone(),
        baseline: args.baseline,
    })?;
    print_notices(&app.notices());
    let server = serve::Server::bind(app, args.port)?;
    let (n, path) = {
        let app = server.app();
        (
            app.read().review.findings().len(),
            app.baseline_path().to_path_buf(),
        )
    };
    println!(
        "claimgraph serve: {n} finding{} to review at {} (decisions in {}; Ctrl-C stops)",
        if n == 1 { "" } else { "s" },
        server.url(),
        path.display()
    );
    server.run()?;
    Ok(0)
}

/// `rules test`: every example of the rules, one line each, and a count.
fn rules_test(paths: &[PathBuf]) -> Result<u8> {
    let mut rules = Vec::new();
    if paths.is_empty() {
        rules = load::default_rules();
    } else {
        for p in paths {
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
