//! Loading rules: the defaults embedded from `rules/default/`, then user rule files
//! (`--rules DIR|FILE`) that add or override by id. Every problem is an error with
//! file:line:column; nothing in a rule file is ignored.

use super::engine::Matcher;
use super::model::{Check, Rule};
use crate::error::{Error, Result};
use std::path::Path;

/// The default rule set, one file per rule.
pub const DEFAULT_RULES: &[(&str, &str)] = &[
    (
        "rules/default/CG101-call-date-conflict.yaml",
        include_str!("../../rules/default/CG101-call-date-conflict.yaml"),
    ),
    (
        "rules/default/CG102-event-date-conflict.yaml",
        include_str!("../../rules/default/CG102-event-date-conflict.yaml"),
    ),
    (
        "rules/default/CG103-weekday-mismatch.yaml",
        include_str!("../../rules/default/CG103-weekday-mismatch.yaml"),
    ),
    (
        "rules/default/CG201-name-variant.yaml",
        include_str!("../../rules/default/CG201-name-variant.yaml"),
    ),
    (
        "rules/default/CG301-quote-drift.yaml",
        include_str!("../../rules/default/CG301-quote-drift.yaml"),
    ),
    (
        "rules/default/CG302-quote-attribution.yaml",
        include_str!("../../rules/default/CG302-quote-attribution.yaml"),
    ),
    (
        "rules/default/CG401-numeric-conflict.yaml",
        include_str!("../../rules/default/CG401-numeric-conflict.yaml"),
    ),
    (
        "rules/default/CG402-descriptor-conflict.yaml",
        include_str!("../../rules/default/CG402-descriptor-conflict.yaml"),
    ),
    (
        "rules/default/CG403-age-conflict.yaml",
        include_str!("../../rules/default/CG403-age-conflict.yaml"),
    ),
    (
        "rules/default/CG501-role-conflict.yaml",
        include_str!("../../rules/default/CG501-role-conflict.yaml"),
    ),
];

/// Line and column (1-based) of the first occurrence of `needle` in `src`.
fn position_of(src: &str, needle: &str) -> (usize, usize) {
    match src.find(needle) {
        Some(i) => {
            let line = src[..i].matches('\n').count() + 1;
            let col = src[..i]
                .rsplit('\n')
                .next()
                .map(|s| s.chars().count())
                .unwrap_or(0)
                + 1;
            (line, col)
        }
        None => (1, 1),
    }
}

fn invalid(path: &str, src: &str, needle: &str, message: String) -> Error {
    let (line, column) = position_of(src, needle);
    crate::yaml::error_at(path, src, line, column, message)
}

/// Parse and validate one rule file.
pub fn parse_rule(src: &str, path: &str) -> Result<Rule> {
    let rule: Rule = crate::yaml::parse_small(src, path)?;
    validate(&rule, src, path)?;
    Ok(rule)
}

fn valid_id(id: &str) -> bool {
    let Some((code, name)) = id.split_once('/') else {
        return false;
    };
    let letters = code.chars().take_while(|c| c.is_ascii_uppercase()).count();
    letters >= 1
        && code.len() > letters
        && code[letters..].chars().all(|c| c.is_ascii_digit())
        && !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn validate(rule: &Rule, src: &str, path: &str) -> Result<()> {
    if !valid_id(&rule.id) {
        return Err(invalid(
            path,
            src,
            "id:",
            format!(
                "rule id `{}` must be a code and a kebab-case name, like `CG301/quote-drift`",
                rule.id
            ),
        ));
    }
    // Placeholders in the message must be ones the check fills in.
    let allowed = rule.check.placeholders();
    let mut rest = rule.message.as_str();
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let Some(j) = after.find('}') else { break };
        let key = &after[..j];
        if !allowed.contains(&key) {
            return Err(invalid(
                path,
                src,
                &format!("{{{key}}}"),
                format!(
                    "unknown placeholder `{{{key}}}` in message; `{}` fills in: {}",
                    rule.check.name(),
                    allowed
                        .iter()
                        .map(|a| format!("{{{a}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        rest = &after[j + 1..];
    }
    let mut filters: Vec<(&String, &String)> = rule.scope.r#where.iter().collect();
    if let Check::Conditional(c) = &rule.check {
        filters.extend(c.r#if.iter());
        filters.extend(c.then.iter());
    }
    for f in &rule.scope.group_by {
        if !super::fields::names().contains(&f.as_str()) {
            return Err(invalid(
                path,
                src,
                f,
                format!(
                    "unknown field `{f}`; fields are: {}",
                    super::fields::names().join(", ")
                ),
            ));
        }
    }
    for (field, value) in filters {
        if !super::fields::names().contains(&field.as_str()) {
            return Err(invalid(
                path,
                src,
                field,
                format!(
                    "unknown field `{field}`; fields are: {}",
                    super::fields::names().join(", ")
                ),
            ));
        }
        if let Err(e) = Matcher::compile(value) {
            // A value written with escapes or quotes is not in the source as is: point at
            // its field then.
            let at = if src.contains(value.as_str()) {
                value.clone()
            } else {
                format!("{field}:")
            };
            return Err(invalid(path, src, &at, format!("`{field}: {value}`: {e}")));
        }
    }
    if let Check::QuoteDrift(q) = &rule.check
        && let Some(m) = q.min_similarity
        && !(0.0..=1.0).contains(&m)
    {
        return Err(invalid(
            path,
            src,
            "min-similarity",
            format!("min-similarity must be between 0 and 1, not {m}"),
        ));
    }
    if let Check::Consistency(c) = &rule.check
        && c.avoid.is_empty()
    {
        return Err(invalid(
            path,
            src,
            "avoid",
            "consistency needs at least one spelling to avoid".into(),
        ));
    }
    Ok(())
}

pub fn default_rules() -> Vec<Rule> {
    DEFAULT_RULES
        .iter()
        .map(|(p, s)| {
            parse_rule(s, p).unwrap_or_else(|e| panic!("default rule {p} is invalid: {e}"))
        })
        .collect()
}

/// Read user rules from a file or a directory (`*.yaml`, `*.yml`, sorted).
pub fn read_rules(path: &Path) -> Result<Vec<Rule>> {
    let io = |e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let mut files = Vec::new();
    if path.is_dir() {
        for e in std::fs::read_dir(path).map_err(io)? {
            let p = e.map_err(io)?.path();
            if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("yaml") | Some("yml")
            ) {
                files.push(p);
            }
        }
        files.sort();
    } else if path.exists() {
        files.push(path.to_path_buf());
    } else {
        return Err(Error::NotFound {
            path: path.to_path_buf(),
        });
    }
    let mut rules = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).map_err(|e| Error::Io {
            path: f.clone(),
            source: e,
        })?;
        rules.push(parse_rule(&src, &f.display().to_string())?);
    }
    Ok(rules)
}

/// Defaults plus overrides: a user rule with a default's id replaces it.
pub fn merge(mut base: Vec<Rule>, extra: Vec<Rule>) -> Vec<Rule> {
    for r in extra {
        match base
            .iter_mut()
            .find(|b| b.id == r.id || b.code() == r.code())
        {
            Some(b) => *b = r,
            None => base.push(r),
        }
    }
    base.sort_by(|a, b| a.id.cmp(&b.id));
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse() {
        let rules = default_rules();
        assert_eq!(rules.len(), DEFAULT_RULES.len());
    }

    #[test]
    fn every_default_rule_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/default");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| format!("rules/default/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = DEFAULT_RULES.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }

    fn err(src: &str) -> (usize, usize, String) {
        match parse_rule(src, "r.yaml").unwrap_err() {
            Error::Rule {
                line,
                column,
                message,
                ..
            } => (line, column, message),
            e => panic!("{e}"),
        }
    }

    const OK: &str = "id: CG900/test\nseverity: warning\nsummary: s\nmessage: \"{subject}\"\ncheck:\n  quote-drift: {}\n";

    #[test]
    fn good_rule_parses() {
        assert!(parse_rule(OK, "r.yaml").is_ok());
    }

    #[test]
    fn unknown_field_has_position() {
        let (l, _, m) = err(&format!("{OK}colour: red\n"));
        assert_eq!(l, 7);
        assert!(m.contains("colour"), "{m}");
    }

    #[test]
    fn unknown_check_lists_expected() {
        let (l, _, m) = err(
            "id: CG900/test\nseverity: warning\nsummary: s\nmessage: m\ncheck:\n  spell-check: {}\n",
        );
        assert_eq!(l, 6);
        assert!(m.contains("quote-drift"), "{m}");
    }

    #[test]
    fn unknown_placeholder_has_position() {
        let (l, c, m) = err(&OK.replace("{subject}", "{who}"));
        assert_eq!((l, c), (4, 11));
        assert!(m.contains("{who}") && m.contains("{subject}"), "{m}");
    }

    #[test]
    fn bad_regex_and_unknown_field_in_scope() {
        let src = OK.replace(
            "check:",
            "scope:\n  where:\n    speaker: \"/([a-z/\"\ncheck:",
        );
        let (l, _, m) = err(&src);
        assert_eq!(l, 7);
        assert!(m.contains("regex"), "{m}");
        let src = OK.replace("check:", "scope:\n  where:\n    colour: red\ncheck:");
        assert!(err(&src).2.contains("unknown field"));
    }

    #[test]
    fn huge_regex_is_refused() {
        let src = OK.replace(
            "check:",
            "scope:\n  where:\n    speaker: \"/(\\\\w{1000}){1000}/\"\ncheck:",
        );
        assert!(err(&src).2.contains("regex"));
    }

    #[test]
    fn bad_id_and_severity() {
        assert!(
            err(&OK.replace("CG900/test", "quote drift"))
                .2
                .contains("rule id")
        );
        let (l, _, _) = err(&OK.replace("warning", "fatal"));
        assert_eq!(l, 2);
    }
}
