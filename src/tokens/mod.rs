//! Word tokens with byte spans, for the name and claim patterns. [`stream`] builds them
//! once per sentence for every extractor.

use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

pub mod stream;
pub use stream::{Lex, Stream, Streams};

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:\p{Lu}\.){2,}",                                      // U.S., U.K.
        r"|\p{L}[\p{L}\p{M}\p{N}]*(?:['’\-][\p{L}\p{M}\p{N}]+)*", // words, Lashkar-e-Taiba, O'Neill
        r"|\p{N}+(?:[.,]\p{N}+)*",                                // figures
        r"|\S"                                                    // punctuation, one character
    ))
    .unwrap()
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// The word lists holding the word; empty unless the token came from a [`Stream`].
    pub lex: Lex,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }
}

/// White space as the regex's `\s` sees it, for ASCII bytes (U+000B included).
pub(crate) fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// The end of the [`TOKEN`] match starting at `pos` (a non-space character), scanned by
/// hand when every byte the decision looks at is ASCII; `None` when it is not (the
/// caller asks the regex). Same alternatives, same order, same greediness.
fn ascii_token_end(b: &[u8], pos: usize) -> Option<usize> {
    let at = |i: usize| b.get(i).copied();
    // A byte the scan must classify: ASCII, or the end of the text.
    let ascii = |i: usize| at(i).is_none_or(|c| c.is_ascii());
    let c = at(pos)?;
    if !c.is_ascii() {
        return None;
    }
    // (?:\p{Lu}\.){2,}
    if c.is_ascii_uppercase() {
        let mut i = pos;
        let mut reps = 0;
        loop {
            if !ascii(i) || !ascii(i + 1) {
                return None;
            }
            if at(i).is_some_and(|c| c.is_ascii_uppercase()) && at(i + 1) == Some(b'.') {
                reps += 1;
                i += 2;
            } else {
                break;
            }
        }
        if reps >= 2 {
            return Some(i);
        }
    }
    // \p{L}[\p{L}\p{M}\p{N}]*(?:['’\-][\p{L}\p{M}\p{N}]+)*
    if c.is_ascii_alphabetic() {
        return ascii_joined_run(b, pos, |c| c.is_ascii_alphanumeric(), b"'-");
    }
    // \p{N}+(?:[.,]\p{N}+)*
    if c.is_ascii_digit() {
        return ascii_joined_run(b, pos, |c| c.is_ascii_digit(), b".,");
    }
    // \S: one character (letters and digits were taken above).
    Some(pos + 1)
}

/// The end of `class+ (sep class+)*` starting at `i`, when only ASCII bytes decide it;
/// `None` when a byte the decision looks at is not ASCII (it may belong to the class in
/// another script: the caller asks the regex).
pub(crate) fn ascii_joined_run(
    b: &[u8],
    mut i: usize,
    class: fn(u8) -> bool,
    seps: &[u8],
) -> Option<usize> {
    let ascii = |i: usize| b.get(i).is_none_or(u8::is_ascii);
    let is = |i: usize| b.get(i).is_some_and(|&c| class(c));
    loop {
        while is(i) {
            i += 1;
        }
        if !ascii(i) {
            return None;
        }
        if b.get(i).is_some_and(|c| seps.contains(c)) {
            if !ascii(i + 1) {
                return None;
            }
            if is(i + 1) {
                i += 1;
                continue;
            }
        }
        return Some(i);
    }
}

/// The [`TOKEN`] matches of `s` as (start, end): by hand over ASCII, by the regex at any
/// token that touches another script (same result, several times faster).
fn token_matches(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    scan_matches(s, &TOKEN, ascii_token_end)
}

/// The matches of a tokenizer regex whose last alternative is `\S` (so every
/// non-space character starts a match, and matches never cross white space): `ascii_end`
/// gives a match's end when it can decide from ASCII bytes alone, else the regex does.
pub(crate) fn scan_matches<'a>(
    s: &'a str,
    re: &'a Regex,
    ascii_end: fn(&[u8], usize) -> Option<usize>,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let b = s.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        loop {
            while pos < b.len() && ascii_space(b[pos]) {
                pos += 1;
            }
            if pos >= b.len() {
                return None;
            }
            if !b[pos].is_ascii() {
                let c = s[pos..].chars().next()?;
                if c.is_whitespace() {
                    pos += c.len_utf8();
                    continue;
                }
            }
            let start = pos;
            let end = match ascii_end(b, pos) {
                Some(e) => e,
                None => re.find_at(s, pos)?.end(),
            };
            pos = end;
            return Some((start, end));
        }
    })
}

/// Tokens of `text[within]`, in document coordinates. A single capital followed by a
/// full stop ("S.") is one token, an initial.
pub fn tokenize(text: &str, within: Span) -> Vec<Token> {
    let s = within.slice(text);
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(s.len() / 5);
    for (start, end) in token_matches(s) {
        let t = &s[start..end];
        let first = t.chars().next().unwrap_or(' ');
        let kind = if first.is_alphabetic() {
            TokenKind::Word
        } else if first.is_numeric() {
            TokenKind::Number
        } else {
            TokenKind::Punct
        };
        let mut end = end;
        if kind == TokenKind::Word
            && t.chars().count() == 1
            && first.is_uppercase()
            && b.get(end) == Some(&b'.')
        {
            end += 1;
        }
        out.push(Token {
            span: Span::new(within.start + start, within.start + end),
            kind,
            lex: Lex::NONE,
        });
    }
    // Drop the "." tokens already absorbed into an initial.
    out.dedup_by(|b, a| b.span.start < a.span.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The hand scanner gives exactly the regex's matches, whatever the script.
        #[test]
        fn scanner_is_the_regex(s in "[A-Za-z0-9 .,'’\\-éÉ\u{301}\u{663}\u{a0}\u{b}\t\n“\"Ⅻ]{0,40}") {
            let by_regex: Vec<(usize, usize)> =
                TOKEN.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            let by_hand: Vec<(usize, usize)> = token_matches(&s).collect();
            prop_assert_eq!(by_hand, by_regex);
        }
    }

    #[test]
    fn scanner_cases() {
        for s in [
            "U.S.A. and U.S envoy",
            "O'Neill's co-chair 1,200.5 people, 3.x",
            "A.b. Ü.S. e\u{301}t",
            "x-’y don’t -- 12,,3",
            "\u{b}a\u{a0}b",
        ] {
            let by_regex: Vec<(usize, usize)> =
                TOKEN.find_iter(s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(token_matches(s).collect::<Vec<_>>(), by_regex, "{s}");
        }
    }

    #[test]
    fn initials_abbreviations_and_hyphens() {
        let t = "U.S. envoy met S. Okafor of Lashkar-e-Taiba, 1,200 people.";
        let toks: Vec<&str> = tokenize(t, Span::new(0, t.len()))
            .iter()
            .map(|k| k.text(t))
            .collect();
        assert_eq!(
            toks,
            vec![
                "U.S.",
                "envoy",
                "met",
                "S.",
                "Okafor",
                "of",
                "Lashkar-e-Taiba",
                ",",
                "1,200",
                "people",
                "."
            ]
        );
    }
}
