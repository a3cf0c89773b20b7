//! Every YAML read in claimgraph goes through here, so the YAML crate can be swapped in one
//! place. serde-saphyr replaces the archived serde_yaml: it is maintained, pure safe Rust,
//! reports exact line:column positions with a snippet, and enforces budgets against alias
//! bombs, deep nesting and huge scalars (see docs/decisions.md).

use crate::error::Error;
use serde::de::DeserializeOwned;

/// Parse one YAML document. `source_name` names the file in the error (`path:line:column`).
/// The parser's default budgets apply (they allow large `bundle.yaml` manifests).
pub fn parse<T: DeserializeOwned>(src: &str, source_name: &str) -> Result<T, Error> {
    parse_with(src, source_name, serde_saphyr::Options::default())
}

/// Parse a hand-written file (a rule file, `claimgraph.yml`) under tight budgets: no rule
/// needs a megabyte of text, thousands of nodes or deep nesting, so a file that does is
/// refused before it is built (see docs/security.md).
pub fn parse_small<T: DeserializeOwned>(src: &str, source_name: &str) -> Result<T, Error> {
    let opts = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_total_scalar_bytes: 1024 * 1024,
            max_nodes: 50_000,
            max_events: 100_000,
            max_depth: 32,
            max_aliases: 1_000,
            max_anchors: 1_000,
        },
    };
    parse_with(src, source_name, opts)
}

fn parse_with<T: DeserializeOwned>(
    src: &str,
    source_name: &str,
    opts: serde_saphyr::Options,
) -> Result<T, Error> {
    serde_saphyr::from_str_with_options::<T>(src, opts).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((1, 1));
        let opts = serde_saphyr::render_options! { source_name: Some(source_name) };
        Error::Rule {
            path: source_name.to_string(),
            line,
            column,
            message: e.render_with_options(opts),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct T {
        #[allow(dead_code)]
        a: u32,
    }

    #[test]
    fn errors_carry_line_and_column() {
        let err = parse::<T>("# c\na: nope\n", "x.yaml").unwrap_err();
        match err {
            Error::Rule { line, column, .. } => assert_eq!((line, column), (2, 4)),
            e => panic!("unexpected {e}"),
        }
    }

    #[test]
    fn unknown_fields_are_errors() {
        let err = parse::<T>("a: 1\nb: 2\n", "x.yaml").unwrap_err();
        let Error::Rule { line, message, .. } = err else {
            panic!()
        };
        assert_eq!(line, 2);
        assert!(message.contains('b'), "{message}");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..30 {
            let p = i - 1;
            s.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(parse::<serde_json::Value>(&s, "bomb.yaml").is_err());
    }
}
