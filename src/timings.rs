//! `timings`: the wall-clock time and memory peak of each stage of a check, for
//! `--timings`. A leaf module: every stage may record into it, and it knows none of them.

use std::time::{Duration, Instant};

/// Wall-clock time of each stage of a check. `ingest` and `report` are filled in by the
/// caller, which reads the files and renders the report.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    pub ingest: Duration,
    pub segment: Duration,
    /// Mentions and temporal expressions.
    pub mentions: Duration,
    pub resolve: Duration,
    pub claims: Duration,
    /// The events ledger.
    pub events: Duration,
    pub graph: Duration,
    pub rules: Duration,
    pub report: Duration,
    /// The process's peak resident memory (bytes) at the end of each stage, in
    /// [`Timings::stages`] order, where the platform reports it (Linux).
    pub peak_rss: [Option<u64>; 9],
}

/// A stage of a check, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Ingest,
    Segment,
    Mentions,
    Resolve,
    Claims,
    Events,
    Graph,
    Rules,
    Report,
}

/// The process's peak resident set so far (`VmHWM`), in bytes; None off Linux.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

impl Timings {
    /// Record that `stage` ran from `since` until now, and the memory peak so far.
    pub fn record(&mut self, stage: Stage, since: Instant) {
        let d = since.elapsed();
        *match stage {
            Stage::Ingest => &mut self.ingest,
            Stage::Segment => &mut self.segment,
            Stage::Mentions => &mut self.mentions,
            Stage::Resolve => &mut self.resolve,
            Stage::Claims => &mut self.claims,
            Stage::Events => &mut self.events,
            Stage::Graph => &mut self.graph,
            Stage::Rules => &mut self.rules,
            Stage::Report => &mut self.report,
        } = d;
        self.peak_rss[stage as usize] = peak_rss();
    }

    /// Add `other`'s stage times to these (checks run one after another, or side by
    /// side, as one run); the memory peaks are the larger of the two.
    pub fn add(&mut self, other: &Timings) {
        self.segment += other.segment;
        self.mentions += other.mentions;
        self.resolve += other.resolve;
        self.claims += other.claims;
        self.events += other.events;
        self.graph += other.graph;
        self.rules += other.rules;
        self.ingest += other.ingest;
        self.report += other.report;
        for (mine, theirs) in self.peak_rss.iter_mut().zip(other.peak_rss) {
            *mine = (*mine).max(theirs);
        }
    }

    pub fn stages(&self) -> [(&'static str, Duration); 9] {
        [
            ("ingest", self.ingest),
            ("segment", self.segment),
            ("mentions", self.mentions),
            ("resolve", self.resolve),
            ("claims", self.claims),
            ("events", self.events),
            ("graph", self.graph),
            ("rules", self.rules),
            ("report", self.report),
        ]
    }

    /// One line per stage, with MB/s of `bytes` of input text, and the total.
    pub fn render(&self, bytes: usize) -> String {
        let mb = bytes as f64 / 1e6;
        let mut out = String::new();
        let mut total = Duration::ZERO;
        let line = |name: &str, d: Duration, peak: Option<u64>| {
            let s = d.as_secs_f64();
            let rate = if s > 0.0 { mb / s } else { f64::INFINITY };
            let peak = peak.map_or(String::new(), |p| {
                format!("   peak {:>7.1} MB", p as f64 / 1e6)
            });
            format!(
                "timing: {name:<9} {:>10.3} ms {rate:>10.1} MB/s{peak}\n",
                s * 1e3
            )
        };
        for (i, (name, d)) in self.stages().into_iter().enumerate() {
            total += d;
            out.push_str(&line(name, d, self.peak_rss[i]));
        }
        let peak = self.peak_rss.iter().flatten().max().copied();
        out.push_str(&line("total", total, peak));
        out.push_str(&format!(
            "timing: {bytes} bytes of text, {} threads\n",
            rayon::current_num_threads()
        ));
        out
    }
}
