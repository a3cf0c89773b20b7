//! Project configuration, `claimgraph.yml`, found by walking up from the first input:
//! which rules run and at what severity.

use super::model::{Rule, Severity};
use crate::error::Result;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONFIG_NAME: &str = "claimgraph.yml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rule codes or ids (or code prefixes such as `CG3`) to run; empty = all.
    #[serde(default)]
    pub select: Vec<String>,
    /// Rule codes or ids to skip.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity per rule code or id.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Extra rule files or directories, relative to the config file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
}

fn matches(sel: &str, rule: &Rule) -> bool {
    rule.id == sel
        || rule.code() == sel
        || rule.name() == sel
        || (sel.len() >= 2 && rule.code().starts_with(sel))
}

impl Config {
    pub fn apply(&self, rules: Vec<Rule>) -> Vec<Rule> {
        rules
            .into_iter()
            .filter(|r| self.select.is_empty() || self.select.iter().any(|s| matches(s, r)))
            .filter(|r| !self.ignore.iter().any(|s| matches(s, r)))
            .map(|mut r| {
                if let Some((_, s)) = self.severity.iter().find(|(k, _)| matches(k, &r)) {
                    r.severity = *s;
                }
                r
            })
            .collect()
    }
}

/// The nearest `claimgraph.yml` at or above `start`.
pub fn find(start: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(start).ok()?;
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        let c = d.join(CONFIG_NAME);
        if c.is_file() {
            return Some(c);
        }
        dir = d.parent();
    }
    None
}

pub fn load(path: &Path) -> Result<Config> {
    let src = std::fs::read_to_string(path).map_err(|e| crate::Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    crate::yaml::parse_small(&src, &path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_ignore_and_severity() {
        let rules = super::super::load::default_rules();
        let n = rules.len();
        let cfg: Config =
            crate::yaml::parse("ignore: [CG201]\nseverity:\n  quote-drift: info\n", "c.yml")
                .unwrap();
        let out = cfg.apply(rules.clone());
        assert_eq!(out.len(), n - 1);
        assert!(out.iter().all(|r| r.code() != "CG201"));
        assert_eq!(
            out.iter().find(|r| r.code() == "CG301").unwrap().severity,
            Severity::Info
        );
        let cfg: Config = crate::yaml::parse("select: [CG3]\n", "c.yml").unwrap();
        assert!(cfg.apply(rules).iter().all(|r| r.code().starts_with("CG3")));
    }
}
