//! Project configuration, `claimgraph.yml`, found by walking up from the first input:
//! which rules run and at what severity, and which extra rule files to read. Every entry
//! must name something: an unknown rule or a missing rules folder is an error at its
//! position, never a silent no-op.

use super::load as rule_files;
use super::model::{Rule, Severity};
use crate::error::{Error, Result};
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;
use std::path::{Path, PathBuf};

pub const CONFIG_NAME: &str = "claimgraph.yml";

/// A value with its 1-based line and column in the configuration file.
#[derive(Debug, Clone)]
pub struct At<T> {
    pub value: T,
    pub line: usize,
    pub column: usize,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = Spanned::<T>::deserialize(d)?;
        Ok(At {
            value: s.value,
            line: s.referenced.line() as usize,
            column: s.referenced.column() as usize,
        })
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rule codes or ids (or code prefixes such as `CG3`) to run; empty = all.
    #[serde(default)]
    pub select: Vec<At<String>>,
    /// Rule codes or ids to skip.
    #[serde(default)]
    pub ignore: Vec<At<String>>,
    /// Severity per rule code or id, in the file's order.
    #[serde(default, deserialize_with = "severities")]
    pub severity: Vec<(At<String>, Severity)>,
    /// Extra rule files or directories, relative to the config file.
    #[serde(default)]
    pub rules: Vec<At<PathBuf>>,
    /// The file this was read from and its text, for messages.
    #[serde(skip)]
    origin: Option<(PathBuf, String)>,
}

/// The `severity` mapping, keys with their positions, in the file's order.
fn severities<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Vec<(At<String>, Severity)>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Vec<(At<String>, Severity)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a mapping from rule to severity")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(k) = map.next_key::<At<String>>()? {
                out.push((k, map.next_value()?));
            }
            Ok(out)
        }
    }
    d.deserialize_map(V)
}

fn matches(sel: &str, rule: &Rule) -> bool {
    rule.id == sel
        || rule.code() == sel
        || rule.name() == sel
        || (sel.len() >= 2 && rule.code().starts_with(sel))
}

/// `CG301 (quote-drift)`.
fn describe(r: &Rule) -> String {
    format!("{} ({})", r.code(), r.name())
}

/// The rules closest to a selector that matches none: "did you mean ...?" when some are
/// close, otherwise the list of rules.
fn suggest(sel: &str, rules: &[Rule]) -> String {
    let s = sel.to_lowercase();
    let distance = |r: &Rule| {
        [r.id.as_str(), r.code(), r.name()]
            .iter()
            .map(|k| strsim::damerau_levenshtein(&s, &k.to_lowercase()))
            .min()
            .unwrap_or(usize::MAX)
    };
    let mut scored: Vec<(usize, &Rule)> = rules.iter().map(|r| (distance(r), r)).collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let best = scored.first().map_or(usize::MAX, |s| s.0);
    if best <= (sel.chars().count() / 3).max(2) {
        let close: Vec<String> = scored
            .iter()
            .take_while(|s| s.0 == best)
            .take(3)
            .map(|s| describe(s.1))
            .collect();
        format!("did you mean {}?", close.join(" or "))
    } else {
        let mut all: Vec<&Rule> = rules.iter().collect();
        all.sort_by(|a, b| a.id.cmp(&b.id));
        let all: Vec<String> = all.into_iter().map(describe).collect();
        format!("no rule is close; the rules are {}", all.join(", "))
    }
}

impl Config {
    /// Parse `src`, the text of the configuration file `path`.
    pub fn parse(src: &str, path: &Path) -> Result<Config> {
        let mut cfg: Config = crate::yaml::parse_small(src, &path.display().to_string())?;
        cfg.origin = Some((path.to_path_buf(), src.to_string()));
        Ok(cfg)
    }

    /// An error at an entry of this file.
    fn error_at<T>(&self, at: &At<T>, message: String) -> Error {
        match &self.origin {
            Some((path, src)) => crate::yaml::error_at(
                &path.display().to_string(),
                src,
                at.line,
                at.column,
                message,
            ),
            None => Error::Config(message),
        }
    }

    /// The rules that run, at their severities. Every `select`, `ignore` and `severity`
    /// entry must match at least one of `rules` (by id, code, name or code prefix of at
    /// least 2 characters): a mistyped one is an error, not a rule set that silently
    /// runs nothing or everything.
    pub fn apply(&self, rules: Vec<Rule>) -> Result<Vec<Rule>> {
        let entries = self
            .select
            .iter()
            .map(|s| ("select", s))
            .chain(self.ignore.iter().map(|s| ("ignore", s)))
            .chain(self.severity.iter().map(|(k, _)| ("severity", k)));
        for (field, sel) in entries {
            if !rules.iter().any(|r| matches(&sel.value, r)) {
                return Err(self.error_at(
                    sel,
                    format!(
                        "`{}` in {field} matches no rule (by id, code, name or code prefix); {}",
                        sel.value,
                        suggest(&sel.value, &rules)
                    ),
                ));
            }
        }
        Ok(rules
            .into_iter()
            .filter(|r| self.select.is_empty() || self.select.iter().any(|s| matches(&s.value, r)))
            .filter(|r| !self.ignore.iter().any(|s| matches(&s.value, r)))
            .map(|mut r| {
                if let Some((_, s)) = self.severity.iter().find(|(k, _)| matches(&k.value, &r)) {
                    r.severity = *s;
                }
                r
            })
            .collect())
    }

    /// The rule files of the `rules` entries, read relative to this file's folder. A
    /// missing entry is an error at its position, naming the path looked for.
    /// The rule files and folders the configuration names, as paths to read.
    pub fn rule_paths(&self) -> Vec<PathBuf> {
        let base = self
            .origin
            .as_ref()
            .and_then(|(p, _)| p.parent())
            .unwrap_or(Path::new("."));
        self.rules.iter().map(|r| base.join(&r.value)).collect()
    }

    pub fn read_rules(&self) -> Result<Vec<Vec<Rule>>> {
        let base = self
            .origin
            .as_ref()
            .and_then(|(p, _)| p.parent())
            .unwrap_or(Path::new("."));
        let mut out = Vec::new();
        for r in &self.rules {
            let p = base.join(&r.value);
            if !p.exists() {
                return Err(self.error_at(
                    r,
                    format!(
                        "`{}` in rules: no such file or directory; looked for {}",
                        r.value.display(),
                        p.display()
                    ),
                ));
            }
            out.push(rule_files::read_rules(&p)?);
        }
        Ok(out)
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
    let src = std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: path.to_path_buf(),
        },
        _ => Error::Io {
            path: path.to_path_buf(),
            source: e,
        },
    })?;
    Config::parse(&src, path)
}

/// The rules in effect: the defaults, then the rule files of the configuration's `rules`
/// entries, then `extra` (`--rules`), each overriding by id or code; then the
/// configuration's `select`, `ignore` and `severity`.
///
/// Also returns the files and folders read (the configuration, its rule entries and the
/// extra rule paths), so that no output is ever written onto one of them.
pub fn effective_rules(
    config: Option<&Path>,
    extra: &[PathBuf],
) -> Result<(Vec<Rule>, Vec<PathBuf>)> {
    let cfg = match config {
        Some(p) => load(p)?,
        None => Config::default(),
    };
    let mut read: Vec<PathBuf> = config.map(Path::to_path_buf).into_iter().collect();
    read.extend(cfg.rule_paths());
    let mut rules = rule_files::default_rules();
    for more in cfg.read_rules()? {
        rules = rule_files::merge(rules, more);
    }
    for r in extra {
        rules = rule_files::merge(rules, rule_files::read_rules(r)?);
        read.push(r.clone());
    }
    Ok((cfg.apply(rules)?, read))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(src: &str) -> Config {
        Config::parse(src, Path::new("c.yml")).unwrap()
    }

    fn refused(src: &str) -> (usize, usize, String) {
        match cfg(src).apply(rule_files::default_rules()).unwrap_err() {
            Error::Rule {
                line,
                column,
                message,
                ..
            } => (line, column, message),
            e => panic!("{e}"),
        }
    }

    #[test]
    fn select_ignore_and_severity() {
        let rules = rule_files::default_rules();
        let n = rules.len();
        let out = cfg("ignore: [CG201]\nseverity:\n  quote-drift: info\n")
            .apply(rules.clone())
            .unwrap();
        assert_eq!(out.len(), n - 1);
        assert!(out.iter().all(|r| r.code() != "CG201"));
        assert_eq!(
            out.iter().find(|r| r.code() == "CG301").unwrap().severity,
            Severity::Info
        );
        let out = cfg("select: [CG3]\n").apply(rules).unwrap();
        assert!(!out.is_empty() && out.iter().all(|r| r.code().starts_with("CG3")));
    }

    #[test]
    fn an_unknown_selector_is_an_error_at_its_position_with_the_nearest_rules() {
        let (l, c, m) = refused("select: [CG3, quote-drfit]\n");
        assert_eq!((l, c), (1, 15));
        assert!(m.contains("`quote-drfit` in select matches no rule"), "{m}");
        assert!(m.ends_with("did you mean CG301 (quote-drift)?"), "{m}");
        let (l, c, m) = refused("select: [CG4]\nignore:\n  - CG999\n");
        assert_eq!((l, c), (3, 5));
        assert!(
            m.contains("CG101 (call-date-conflict)"),
            "lists the rules: {m}"
        );
        let (l, c, m) = refused("severity:\n  CG201: info\n  CG3O1: info\n");
        assert_eq!((l, c), (3, 3));
        assert!(
            m.contains("in severity") && m.contains("CG301 (quote-drift)?"),
            "{m}"
        );
    }

    #[test]
    fn a_missing_rules_entry_is_an_error_at_its_position() {
        let c = cfg("select: [CG1]\nrules:\n  - no/such/folder/\n");
        let e = c.read_rules().unwrap_err();
        let Error::Rule {
            path,
            line,
            column,
            message,
            ..
        } = &e
        else {
            panic!("{e}")
        };
        assert_eq!((path.as_str(), *line, *column), ("c.yml", 3, 5));
        assert!(message.contains("no/such/folder/"), "{message}");
    }
}
