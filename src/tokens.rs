//! Word tokens with byte spans, for the name and claim patterns.

use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

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
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }
}

/// Tokens of `text[within]`, in document coordinates. A single capital followed by a
/// full stop ("S.") is one token, an initial.
pub fn tokenize(text: &str, within: Span) -> Vec<Token> {
    let s = within.slice(text);
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(s.len() / 5);
    for m in TOKEN.find_iter(s) {
        let t = m.as_str();
        let first = t.chars().next().unwrap_or(' ');
        let kind = if first.is_alphabetic() {
            TokenKind::Word
        } else if first.is_numeric() {
            TokenKind::Number
        } else {
            TokenKind::Punct
        };
        let mut end = m.end();
        if kind == TokenKind::Word
            && t.chars().count() == 1
            && first.is_uppercase()
            && b.get(end) == Some(&b'.')
        {
            end += 1;
        }
        out.push(Token {
            span: Span::new(within.start + m.start(), within.start + end),
            kind,
        });
    }
    // Drop the "." tokens already absorbed into an initial.
    out.dedup_by(|b, a| b.span.start < a.span.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
