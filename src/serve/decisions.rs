//! The decisions store: the baseline file, read at load and written atomically on every
//! decision (src/output.rs), and read again just before each change so that edits made
//! meanwhile by `check --write-baseline` are not lost. Entries are keyed by the finding's
//! fingerprint; entries of findings not in the current check are kept as they are
//! (`check --baseline` lists them as stale), so a reload after an edit loses no decision.

use crate::baseline::{self, Baseline, Decision, DecisionKind, Entry};
use crate::error::{Error, Result};
use crate::rules::Finding;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// How a finding stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Not in the baseline.
    New,
    /// In the baseline without a decision (`check --write-baseline`).
    Accepted,
    Decided(DecisionKind),
}

impl State {
    pub const ALL: [State; 5] = [
        State::New,
        State::Accepted,
        State::Decided(DecisionKind::Confirmed),
        State::Decided(DecisionKind::FalsePositive),
        State::Decided(DecisionKind::WontFix),
    ];

    /// The filter value: `new`, `accepted`, or the decision's name.
    pub fn as_str(self) -> &'static str {
        match self {
            State::New => "new",
            State::Accepted => "accepted",
            State::Decided(k) => k.as_str(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            State::New => "new",
            State::Accepted => "accepted (baseline)",
            State::Decided(k) => k.label(),
        }
    }
}

/// The baseline file and its entries by fingerprint.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    baseline: Baseline,
    by_fingerprint: HashMap<String, usize>,
}

impl Store {
    /// Read the baseline at `path`; a missing file is an empty baseline, written on the
    /// first decision. An unreadable or corrupt one is an error, as for `check`.
    pub fn open(path: &Path) -> Result<Store> {
        let baseline = match baseline::read(path) {
            Ok(b) => b,
            Err(Error::NotFound { .. }) => baseline::from_findings(&[]),
            Err(e) => return Err(e),
        };
        let mut s = Store {
            path: path.to_path_buf(),
            baseline,
            by_fingerprint: HashMap::new(),
        };
        s.index();
        Ok(s)
    }

    fn index(&mut self) {
        self.by_fingerprint = self
            .baseline
            .findings
            .iter()
            .enumerate()
            .map(|(i, e)| (e.fingerprint.clone(), i))
            .collect();
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn entry(&self, fingerprint: &str) -> Option<&Entry> {
        self.by_fingerprint
            .get(fingerprint)
            .map(|&i| &self.baseline.findings[i])
    }

    pub fn state(&self, fingerprint: &str) -> State {
        match self.entry(fingerprint) {
            None => State::New,
            Some(Entry { decision: None, .. }) => State::Accepted,
            Some(Entry {
                decision: Some(d), ..
            }) => State::Decided(d.kind),
        }
    }

    /// Read the file again before a change, so that a change made meanwhile by
    /// `check --write-baseline` (or another server) is kept, not overwritten.
    fn refresh(&mut self) -> Result<()> {
        *self = Store::open(&self.path)?;
        Ok(())
    }

    /// Record a decision on `finding` and write the file.
    pub fn decide(&mut self, finding: &Finding, decision: Decision) -> Result<()> {
        self.refresh()?;
        match self.by_fingerprint.get(&finding.fingerprint) {
            Some(&i) => self.baseline.findings[i].decision = Some(decision),
            None => {
                let mut e = baseline::entry(finding);
                e.decision = Some(decision);
                self.baseline.findings.push(e);
                self.index();
            }
        }
        self.save()
    }

    /// Forget the finding's entry (decision or acceptance): it is new again.
    pub fn reopen(&mut self, fingerprint: &str) -> Result<()> {
        self.refresh()?;
        let before = self.baseline.findings.len();
        self.baseline
            .findings
            .retain(|e| e.fingerprint != fingerprint);
        if self.baseline.findings.len() == before {
            return Ok(());
        }
        self.index();
        self.save()
    }

    fn save(&self) -> Result<()> {
        let text = baseline::to_string(&self.baseline);
        crate::output::write_atomic(Some(&self.path), |w| w.write_all(text.as_bytes()))
    }

    /// Every entry, in the file's order.
    pub fn entries(&self) -> &[Entry] {
        &self.baseline.findings
    }

    /// The reviewer named on the latest decision, to prefill the next form.
    pub fn last_reviewer(&self) -> Option<&str> {
        self.baseline
            .findings
            .iter()
            .filter_map(|e| e.decision.as_ref())
            .max_by(|a, b| a.at.cmp(&b.at))
            .map(|d| d.reviewer.as_str())
    }
}

/// The current time for a decision: RFC 3339, UTC, whole seconds.
pub fn now() -> String {
    let t = jiff::Timestamp::now();
    jiff::Timestamp::from_second(t.as_second())
        .unwrap_or(t)
        .to_string()
}
