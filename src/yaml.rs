//! Every YAML read in claimgraph goes through here, so the YAML crate can be swapped in one
//! place. serde-saphyr replaces the archived serde_yaml: it is maintained, pure safe Rust,
//! reports exact line:column positions, and enforces budgets against alias bombs, deep
//! nesting and huge scalars (see docs/decisions.md).
//!
//! Errors are worded here, not by the parser: one position (`path:line:column: message`),
//! then a snippet of the file with the spot marked. Budget breaches and duplicate keys are
//! said in words, with the limit and what to do about it; a tab is reported where it is.

use crate::error::Error;
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::de::DeserializeOwned;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Budget, DefaultMessageFormatter, Localizer, MessageFormatter};
use std::borrow::Cow;

/// Which budgets a file is read under, and how its writer can stay within them.
struct Limits {
    /// The files these limits are for, as the message names them.
    files: &'static str,
    /// How to get under a size limit (they are per file).
    split: &'static str,
    budget: Budget,
}

/// Parse one YAML document (`bundle.yaml`, `entities.yaml`). `source_name` names the file
/// in the error (`path:line:column`). The parser's default budgets apply (they allow large
/// manifests).
pub fn parse<T: DeserializeOwned>(src: &str, source_name: &str) -> Result<T, Error> {
    let limits = Limits {
        files: "bundle.yaml and entities.yaml",
        split: "split the articles into several folders, each with its own bundle.yaml and \
                entities.yaml (the limit is per file)",
        budget: Budget::default(),
    };
    parse_with(src, source_name, &limits)
}

/// Parse a hand-written file (a rule file, `claimgraph.yml`) under tight budgets: no rule
/// needs a megabyte of text, thousands of nodes or deep nesting, so a file that does is
/// refused before it is built (see docs/security.md).
pub fn parse_small<T: DeserializeOwned>(src: &str, source_name: &str) -> Result<T, Error> {
    let limits = Limits {
        files: "a rule file or claimgraph.yml",
        split: "split the rules into several files (the limit is per file)",
        budget: {
            let mut b = Budget::default();
            b.max_total_scalar_bytes = 1024 * 1024;
            b.max_nodes = 50_000;
            b.max_events = 100_000;
            b.max_depth = 32;
            b.max_aliases = 1_000;
            b.max_anchors = 1_000;
            b
        },
    };
    parse_with(src, source_name, &limits)
}

fn parse_with<T: DeserializeOwned>(
    src: &str,
    source_name: &str,
    limits: &Limits,
) -> Result<T, Error> {
    let opts = serde_saphyr::options! { budget: Some(limits.budget.clone()) };
    serde_saphyr::from_str_with_options::<T>(src, opts)
        .map_err(|e| from_parser(&e, src, source_name, limits))
}

/// A problem at `line:column` (1-based, in characters) of the file `path` whose text is
/// `src`: `path:line:column: message` and a snippet with the spot marked.
pub fn error_at(path: &str, src: &str, line: usize, column: usize, message: String) -> Error {
    Error::Rule {
        path: path.to_string(),
        line,
        column,
        snippet: snippet(src, path, line, column, &message),
        message,
    }
}

fn from_parser(e: &serde_saphyr::Error, src: &str, path: &str, limits: &Limits) -> Error {
    let (mut line, mut column) = e
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .filter(|&(l, c)| l >= 1 && c >= 1)
        .unwrap_or((1, 1));
    let words = Words { limits };
    let message = e.render_with_options(serde_saphyr::render_options! {
        formatter: &words,
        snippets: serde_saphyr::SnippetMode::Off,
    });
    let mut message = message;
    if let Some((at, about_a_tab)) = the_tab(src, line, column, &message) {
        (line, column) = at;
        if !about_a_tab {
            message
                .push_str("; this line is indented with a tab, and YAML indents with spaces only");
        }
    }
    let message = match duplicate_key(e) {
        Some(key) => match first_occurrence(src, &key, line, column) {
            Some(first) => format!("{message} (first at line {first})"),
            None => message,
        },
        None => message,
    };
    error_at(path, src, line, column, message)
}

/// The parser's error, without the wrappers that add alias locations or snippets.
fn original(mut e: &serde_saphyr::Error) -> &serde_saphyr::Error {
    loop {
        match e {
            serde_saphyr::Error::WithSnippet { error, .. }
            | serde_saphyr::Error::AliasError { error, .. } => e = error,
            _ => return e,
        }
    }
}

fn duplicate_key(e: &serde_saphyr::Error) -> Option<String> {
    match original(e) {
        serde_saphyr::Error::DuplicateMappingKey { key, .. } => key.clone(),
        _ => None,
    }
}

/// Words a user can act on for the errors the parser words for developers (budgets by
/// their Rust names, duplicate keys with advice about parser options); the parser's own
/// message otherwise, without its position (the error states it once, in front).
struct Words<'a> {
    limits: &'a Limits,
}

struct NoPosition;

impl Localizer for NoPosition {
    fn attach_location<'a>(&self, base: Cow<'a, str>, _: serde_saphyr::Location) -> Cow<'a, str> {
        base
    }

    fn alias_used_at(&self, _: serde_saphyr::Location) -> String {
        String::new()
    }

    fn alias_defined_at(&self, defined: serde_saphyr::Location) -> String {
        format!(
            " (the value comes from the anchor at line {}, column {})",
            defined.line(),
            defined.column()
        )
    }
}

impl MessageFormatter for Words<'_> {
    fn localizer(&self) -> &dyn Localizer {
        &NoPosition
    }

    fn format_message<'a>(&self, err: &'a serde_saphyr::Error) -> Cow<'a, str> {
        match own_words(err, self.limits) {
            Some(s) => Cow::Owned(s),
            None => DefaultMessageFormatter.format_message(err),
        }
    }
}

fn bytes(n: usize) -> String {
    if n >= 1024 * 1024 && n.is_multiple_of(1024 * 1024) {
        format!("{} MiB", n / (1024 * 1024))
    } else if n >= 1024 && n.is_multiple_of(1024) {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

fn own_words(err: &serde_saphyr::Error, limits: &Limits) -> Option<String> {
    use serde_saphyr::Error as E;
    let b = &limits.budget;
    let files = limits.files;
    let split = limits.split;
    let aliases = "write the repeated values out instead of through aliases";
    Some(match err {
        E::DuplicateMappingKey { key: Some(k), .. } => format!("key `{k}` appears twice"),
        E::DuplicateMappingKey { key: None, .. } => "a key appears twice in this mapping".into(),
        E::Budget { breach, .. } => match breach {
            BudgetBreach::ScalarBytes { total_scalar_bytes } => format!(
                "too much text: the values add up to more than {} ({total_scalar_bytes} bytes \
                 read so far), the limit for {files}; {split}",
                bytes(b.max_total_scalar_bytes)
            ),
            BudgetBreach::Nodes { .. } => format!(
                "too many values: more than {} keys, values, lists and maps, the limit for \
                 {files}; {split}",
                b.max_nodes
            ),
            BudgetBreach::Events { .. } => format!(
                "too many YAML items: more than {}, the limit for {files}; {split}",
                b.max_events
            ),
            BudgetBreach::Depth { .. } => format!(
                "nested too deeply: lists and maps more than {} levels deep, the limit for \
                 {files}; no claimgraph file needs more than a few levels",
                b.max_depth
            ),
            BudgetBreach::Aliases { .. } => format!(
                "too many aliases (`*name`): more than {}, the limit for {files}; {aliases}",
                b.max_aliases
            ),
            BudgetBreach::Anchors { .. } => format!(
                "too many anchors (`&name`): more than {}, the limit for {files}; {aliases}",
                b.max_anchors
            ),
            BudgetBreach::AliasAnchorRatio {
                aliases: n,
                anchors,
            } => format!(
                "{n} aliases (`*name`) for {anchors} anchors (`&name`): more than {} uses of \
                 each anchor on average looks like an alias bomb and is refused; {aliases}",
                b.alias_anchor_ratio_multiplier
            ),
            BudgetBreach::MergeKeys { .. } => format!(
                "too many merge keys (`<<`): more than {}, the limit for {files}",
                b.max_merge_keys
            ),
            BudgetBreach::Documents { .. } => format!(
                "too many YAML documents (`---`): more than {}; claimgraph reads one per file",
                b.max_documents
            ),
            BudgetBreach::RecordedAnchorEvents { .. }
            | BudgetBreach::RecordedAnchorBytes { .. } => {
                format!("the anchored values (`&name`) are too large to repeat; {aliases}")
            }
            BudgetBreach::InputBytes { .. } => format!(
                "the file is larger than the limit for {files} ({}); {split}",
                bytes(b.max_reader_input_bytes.unwrap_or(0))
            ),
            BudgetBreach::SequenceUnbalanced => {
                "a list or a map is closed that was never opened".into()
            }
            _ => format!("the file is too complex for {files}; {split}"),
        },
        E::AliasReplayLimitExceeded {
            max_total_replayed_events,
            ..
        } => format!(
            "aliases (`*name`) expand to more than {max_total_replayed_events} YAML items in all, \
             the limit for any claimgraph file; {aliases}"
        ),
        E::AliasExpansionLimitExceeded {
            max_expansions_per_anchor,
            ..
        } => format!(
            "an anchor (`&name`) is used more than {max_expansions_per_anchor} times, the limit \
             for any claimgraph file; {aliases}"
        ),
        E::AliasReplayStackDepthExceeded { max_depth, .. } => format!(
            "aliases (`*name`) nest more than {max_depth} levels deep, the limit for any \
             claimgraph file; {aliases}"
        ),
        _ => return None,
    })
}

fn is_about_a_tab(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains(" tab") || m.starts_with("tab")
}

/// Where the tab behind an error is, and whether the message says it is about a tab.
/// The parser reports some tab errors at the start of the scalar it was reading (a line
/// early), or just after the tab (a column late); and an indentation tab can surface as
/// a structural error ("did not find expected key") that does not mention it.
fn the_tab(src: &str, line: usize, column: usize, message: &str) -> Option<((usize, usize), bool)> {
    let about_a_tab = is_about_a_tab(message);
    let start = offset_of(src, line, 1)?;
    let text = &src[start..];
    let text = &text[..text.find('\n').unwrap_or(text.len())];
    let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
    let indent_chars = text[..indent].chars().count();
    if text[..indent].contains('\t') && column <= indent_chars + 1 {
        let tab = start + text.find('\t')?;
        return Some((line_col(src, tab), about_a_tab));
    }
    if !about_a_tab {
        return None;
    }
    let from = offset_of(src, line, column.saturating_sub(1).max(1))?;
    let tab = src[from..].find('\t')? + from;
    Some((line_col(src, tab), true))
}

/// The byte offset of `line:column` (1-based, in characters); the end of the line when
/// the column is past it.
fn offset_of(src: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        src.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &src[start..];
    let end = rest.find('\n').unwrap_or(rest.len());
    let off = rest[..end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(end);
    Some(start + off)
}

fn line_col(src: &str, off: usize) -> (usize, usize) {
    let before = &src[..off];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// The line where `key` first appears as a block-mapping key at `column`, above `line`.
fn first_occurrence(src: &str, key: &str, line: usize, column: usize) -> Option<usize> {
    let indent = column.checked_sub(1)?;
    let lines: Vec<&str> = src.split('\n').collect();
    let candidates = [
        format!("{key}:"),
        format!("\"{key}\":"),
        format!("'{key}':"),
    ];
    (0..line.saturating_sub(1))
        .find(|&i| {
            let l = lines.get(i).copied().unwrap_or("");
            let (head, tail) = match l.char_indices().nth(indent) {
                Some((b, _)) => l.split_at(b),
                None => return false,
            };
            head.chars().all(|c| c == ' ' || c == '-')
                && candidates.iter().any(|c| tail.starts_with(c.as_str()))
        })
        .map(|i| i + 1)
}

/// How many characters of a line a snippet shows, at most.
const SNIPPET_WIDTH: usize = 100;

/// Lines `line - 2` to `line + 2` of `src`, with `line:column` marked and labelled. Long
/// lines are cut to a window around the column (`…` where cut), so a megabyte line does
/// not become a megabyte message.
fn snippet(src: &str, path: &str, line: usize, column: usize, label: &str) -> String {
    let lines: Vec<&str> = src
        .strip_suffix('\n')
        .unwrap_or(src)
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    // The parser may point just past the last line (an unexpected end of file).
    let line = line.min(lines.len());
    if line == 0 {
        return String::new();
    }
    let first = line.saturating_sub(2).max(1);
    let last = (line + 2).min(lines.len());
    let col = column.saturating_sub(1);
    let lo = col.saturating_sub(SNIPPET_WIDTH / 2);
    let mut window = String::new();
    let mut mark = 0..0;
    for (n, l) in lines.iter().enumerate().take(last).skip(first - 1) {
        let chars = l.chars().count();
        let (from, cut_left) = if chars > SNIPPET_WIDTH {
            let from = lo.min(chars - SNIPPET_WIDTH);
            (from, from > 0)
        } else {
            (0, false)
        };
        let shown: String = l.chars().skip(from).take(SNIPPET_WIDTH).collect();
        if cut_left {
            window.push('…');
        }
        if n + 1 == line {
            let at = col.saturating_sub(from).min(shown.chars().count());
            let start = window.len()
                + shown
                    .char_indices()
                    .nth(at)
                    .map(|(i, _)| i)
                    .unwrap_or(shown.len());
            let len = shown[start - window.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            mark = start..start + len;
        }
        window.push_str(&shown);
        if from + SNIPPET_WIDTH < chars {
            window.push('…');
        }
        if n + 1 < last {
            window.push('\n');
        }
    }
    // The label under the mark is the message's first clause: the rest (advice, lists of
    // what would be valid) is said once, in the message above.
    let label = label.lines().next().unwrap_or("");
    let label = label.split("; ").next().unwrap_or(label);
    let group = Group::with_level(Level::ERROR).element(
        Snippet::source(window)
            .line_start(first)
            .fold(false)
            .annotation(AnnotationKind::Primary.span(mark).label(label)),
    );
    let rendered = Renderer::plain()
        .decor_style(DecorStyle::Ascii)
        .render(&[group]);
    // The `-->` line is written here: the renderer would count columns in the cut lines.
    let gutter = last.to_string().len();
    format!(
        "\n{} --> {path}:{line}:{column}\n{}",
        " ".repeat(gutter.saturating_sub(1)),
        rendered.trim_end()
    )
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

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct L {
        #[allow(dead_code)]
        #[serde(default)]
        list: Vec<String>,
        #[allow(dead_code)]
        #[serde(default)]
        other: Vec<String>,
    }

    fn pos(e: &Error) -> (usize, usize) {
        match e {
            Error::Rule { line, column, .. } => (*line, *column),
            e => panic!("unexpected {e}"),
        }
    }

    #[test]
    fn errors_carry_line_and_column() {
        let err = parse::<T>("# c\na: nope\n", "x.yaml").unwrap_err();
        assert_eq!(pos(&err), (2, 4));
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
    fn the_position_is_said_once() {
        let err = parse_small::<T>("# c\na: nope\n", "x.yaml").unwrap_err();
        let shown = err.to_string();
        let first = shown.lines().next().unwrap();
        assert!(first.starts_with("x.yaml:2:4: "), "{shown}");
        assert!(
            !first.contains("line 2") && !first.contains("error:"),
            "{shown}"
        );
        assert!(
            shown.contains(" --> x.yaml:2:4"),
            "a snippet follows: {shown}"
        );
        assert!(shown.contains("2 | a: nope"), "{shown}");
    }

    #[test]
    fn a_tab_is_reported_where_it_is() {
        // The parser points at the start of the scalar on the line before.
        let err = parse_small::<L>("list:\n  - one\n\t- two\n", "x.yaml").unwrap_err();
        assert_eq!(pos(&err), (3, 1), "{err}");
        // And one column late in block indentation.
        let err = parse_small::<L>("list: [a]\nother:\n\t- b\n", "x.yaml").unwrap_err();
        assert_eq!(pos(&err), (3, 1), "{err}");
        let err = parse_small::<L>("list:\n\t- b\n", "x.yaml").unwrap_err();
        assert_eq!(pos(&err), (2, 1), "{err}");
    }

    #[test]
    fn a_tab_that_the_message_does_not_mention_is_pointed_at() {
        let err = parse_small::<L>("list: [a]\n\tother: [b]\n", "x.yaml").unwrap_err();
        assert_eq!(pos(&err), (2, 1), "{err}");
        assert!(err.to_string().contains("indented with a tab"), "{err}");
        let err = parse_small::<L>("list:\n\t\t- b\n", "x.yaml").unwrap_err();
        assert_eq!(pos(&err), (2, 1), "{err}");
    }

    #[test]
    fn duplicate_keys_are_named_with_both_positions() {
        let err = parse_small::<L>("list: [a]\nother: []\nlist: [b]\n", "x.yaml").unwrap_err();
        assert_eq!(pos(&err), (3, 1));
        let Error::Rule { message, .. } = &err else {
            panic!()
        };
        assert_eq!(message, "key `list` appears twice (first at line 1)");
        assert!(!err.to_string().contains("DuplicateKeyPolicy"), "{err}");
    }

    #[test]
    fn budgets_are_said_in_words() {
        let big = format!("list: [\"{}\"]\n", "x".repeat(1024 * 1024 + 10));
        let err = parse_small::<L>(&big, "x.yaml").unwrap_err();
        let shown = err.to_string();
        assert!(shown.contains("more than 1 MiB"), "{shown}");
        assert!(shown.contains("split the rules"), "{shown}");
        assert!(!shown.contains("ScalarBytes"), "{shown}");
        assert!(
            shown.len() < 2_000,
            "the snippet is cut: {} bytes",
            shown.len()
        );
        let deep = format!("list: {}{}\n", "[".repeat(40), "]".repeat(40));
        let shown = parse_small::<serde_json::Value>(&deep, "x.yaml")
            .unwrap_err()
            .to_string();
        assert!(shown.contains("more than 32 levels"), "{shown}");
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
        let err = parse::<serde_json::Value>(&s, "bomb.yaml").unwrap_err();
        assert!(!err.to_string().contains('{'), "no Rust debug text: {err}");
    }
}
