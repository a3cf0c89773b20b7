//! Paragraphs and sentences with byte spans. Each non-empty line is a paragraph (article
//! exports put one paragraph per line); sentences come from UAX #29 boundaries, merged back
//! where a full stop ends an abbreviation or an initial.

use crate::boilerplate::{is_boilerplate_line, is_headline_like};
use crate::span::Span;
use foldhash::HashSet;
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

static ABBREVIATIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    crate::lexicon::entries(include_str!("../rules/lexicon/abbreviations.txt")).collect()
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    /// Reporting prose: claims are drawn from it.
    Body,
    /// A short line without final punctuation (headline, standfirst, subhead).
    Headline,
    /// Page furniture: kept in spans, never a source of claims.
    Boilerplate,
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub span: Span,
    pub kind: ParagraphKind,
    /// Indices into `Segmented::sentences`.
    pub sentences: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Segmented {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

impl Segmented {
    /// Spans of the paragraphs claims may be drawn from, in order.
    pub fn content_regions(&self) -> Vec<Span> {
        self.paragraphs
            .iter()
            .filter(|p| p.kind != ParagraphKind::Boilerplate)
            .map(|p| p.span)
            .collect()
    }

    /// The sentences claims may be drawn from, in order.
    pub fn content_sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.sentences
            .iter()
            .filter(|s| self.paragraphs[s.paragraph].kind != ParagraphKind::Boilerplate)
    }

    /// The sentence containing a byte offset.
    pub fn sentence_at(&self, offset: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences.get(i).filter(|s| s.span.start <= offset)
    }
}

/// Split `text[start..]` into paragraphs and sentences.
pub fn segment(text: &str, start: usize) -> Segmented {
    let mut out = Segmented {
        paragraphs: paragraphs(text, start),
        sentences: Vec::new(),
    };
    for (index, p) in out.paragraphs.iter_mut().enumerate() {
        let first = out.sentences.len();
        for s in split_sentences(text, p.span) {
            out.sentences.push(Sentence {
                span: s,
                paragraph: index,
            });
        }
        p.sentences = first..out.sentences.len();
    }
    out
}

/// The paragraphs (non-blank lines) of `text` from byte `start`, classified, without
/// their sentences (`sentences` is empty).
pub fn paragraphs(text: &str, start: usize) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut pos = start.min(text.len());
    let bytes = text.as_bytes();
    while pos < text.len() {
        let line_end = text[pos..]
            .find(['\n', '\r'])
            .map(|i| pos + i)
            .unwrap_or(text.len());
        let line = &text[pos..line_end];
        let trimmed_start = pos + (line.len() - line.trim_start().len());
        let trimmed_end = pos + line.trim_end().len();
        if trimmed_end > trimmed_start {
            let span = Span::new(trimmed_start, trimmed_end);
            let body = span.slice(text);
            let kind = if is_boilerplate_line(body) {
                ParagraphKind::Boilerplate
            } else if is_headline_like(body) {
                ParagraphKind::Headline
            } else {
                ParagraphKind::Body
            };
            out.push(Paragraph {
                span,
                kind,
                sentences: 0..0,
            });
        }
        pos = line_end;
        while pos < text.len() && (bytes[pos] == b'\n' || bytes[pos] == b'\r') {
            pos += 1;
        }
    }
    mark_trailing_lists(&mut out);
    out
}

/// A run of headline-like lines after the last body paragraph is a related-stories list.
fn mark_trailing_lists(paragraphs: &mut [Paragraph]) {
    let Some(last_body) = paragraphs
        .iter()
        .rposition(|p| p.kind == ParagraphKind::Body)
    else {
        return;
    };
    let tail = &mut paragraphs[last_body + 1..];
    if tail
        .iter()
        .filter(|p| p.kind == ParagraphKind::Headline)
        .count()
        >= 2
    {
        for p in tail {
            p.kind = ParagraphKind::Boilerplate;
        }
    }
}

/// Sentences of one paragraph, as trimmed spans.
pub fn split_sentences(text: &str, para: Span) -> Vec<Span> {
    let p = para.slice(text);
    let mut pieces: Vec<Span> = Vec::new();
    for (i, s) in p.split_sentence_bound_indices() {
        let piece = Span::new(para.start + i, para.start + i + s.len());
        let glue = pieces
            .last()
            .is_some_and(|prev| !ends_sentence(text, *prev, piece));
        if glue {
            pieces.last_mut().unwrap().end = piece.end;
        } else {
            pieces.push(piece);
        }
    }
    let mut out = Vec::with_capacity(pieces.len());
    for s in pieces {
        cap(text, s, &mut out);
    }
    out
}

/// The longest sentence kept whole, in bytes. News sentences are far shorter; a longer run
/// without a sentence end (a megabyte line, a table flattened to text) is cut at white space
/// so that per-sentence work stays bounded (docs/security.md).
pub const MAX_SENTENCE_BYTES: usize = 2_000;

/// Push the trimmed pieces of `s`, each at most [`MAX_SENTENCE_BYTES`] long, cut at the
/// last white space in the second half of the window, else at a character boundary.
fn cap(text: &str, s: Span, out: &mut Vec<Span>) {
    let mut start = s.start;
    while s.end - start > MAX_SENTENCE_BYTES {
        let mut cut = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(ws) = text[start..cut].rfind(char::is_whitespace)
            && ws > MAX_SENTENCE_BYTES / 2
        {
            cut = start + ws;
        }
        out.extend(trim(text, Span::new(start, cut)));
        start = cut;
    }
    out.extend(trim(text, Span::new(start, s.end)));
}

fn trim(text: &str, s: Span) -> Option<Span> {
    let t = s.slice(text);
    let start = s.start + (t.len() - t.trim_start().len());
    let end = s.start + t.trim_end().len();
    (end > start).then_some(Span::new(start, end))
}

/// Does the piece `prev` really end a sentence, given the piece that follows?
fn ends_sentence(text: &str, prev: Span, next: Span) -> bool {
    let p = prev.slice(text).trim_end();
    let n = next.slice(text).trim_start();
    let Some(first) = n.chars().next() else {
        return true;
    };
    // A sentence never starts in lower case or with a digit continuing a figure.
    if first.is_lowercase() {
        return false;
    }
    let Some(before_dot) = p.strip_suffix('.') else {
        return true;
    };
    let word = before_dot
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    // An initial: "S." or "J.R."
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    if letters.len() == 1 && letters[0].is_uppercase() {
        return false;
    }
    if ABBREVIATIONS.contains(word) {
        // "U.S." and month abbreviations can end a sentence; only glue when the next word
        // looks like the continuation of a name or a figure.
        let continues_name = first.is_uppercase() || first.is_ascii_digit();
        let sentence_final_ok = matches!(
            word,
            "U.S" | "U.K" | "U.N" | "E.U" | "D.C" | "etc" | "a.m" | "p.m"
        );
        if sentence_final_ok {
            // "in the U.S. The minister" ends; "U.S. Secretary" does not. Guess by the
            // next word: a following capitalised word after U.S. is usually a title/noun.
            return !is_title_like(n);
        }
        return !continues_name;
    }
    true
}

/// Heuristic for "U.S. Secretary", "U.S. President", "U.S. forces": the word after the
/// abbreviation is not a sentence opener such as "The", "He", "It".
fn is_title_like(next: &str) -> bool {
    let w: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    !matches!(
        w.as_str(),
        "The"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "But"
            | "And"
            | "In"
            | "On"
            | "A"
            | "An"
            | "This"
            | "That"
            | "There"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "As"
            | "At"
            | "After"
            | "Before"
            | "When"
            | "While"
            | "Meanwhile"
            | "However"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split_sentences(t, Span::new(0, t.len()))
            .into_iter()
            .map(|s| s.slice(t))
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let t = "U.S. Secretary of State Ana Ruiz met S. Okafor and Gen. Tamsin Blake. Dr. Lee was absent.";
        assert_eq!(
            sents(t),
            vec![
                "U.S. Secretary of State Ana Ruiz met S. Okafor and Gen. Tamsin Blake.",
                "Dr. Lee was absent."
            ]
        );
    }

    #[test]
    fn us_can_end_a_sentence() {
        let t = "The envoy flew to the U.S. The talks resume on Monday.";
        assert_eq!(sents(t).len(), 2);
    }

    #[test]
    fn quotes_close_after_the_stop() {
        let t = "“We will rebuild,” she said. “Nothing is lost.” The crowd cheered.";
        assert_eq!(
            sents(t),
            vec![
                "“We will rebuild,” she said.",
                "“Nothing is lost.”",
                "The crowd cheered."
            ]
        );
    }

    #[test]
    fn month_abbreviation_inside_date() {
        let t = "The letter was sent on Aug. 6 to the board. It was ignored.";
        assert_eq!(sents(t).len(), 2);
    }

    #[test]
    fn paragraphs_and_boilerplate() {
        let t = "ADVERTISEMENT\n\nThe port reopened on Monday. Ships queued.\nAlso Read: Port strike ends\n\nMore news here\nAnother headline\n";
        let seg = segment(t, 0);
        assert_eq!(seg.paragraphs.len(), 5);
        assert_eq!(seg.paragraphs[0].kind, ParagraphKind::Boilerplate);
        assert_eq!(seg.paragraphs[1].kind, ParagraphKind::Body);
        assert_eq!(seg.paragraphs[1].sentences.len(), 2);
        assert_eq!(seg.paragraphs[2].kind, ParagraphKind::Boilerplate);
        assert_eq!(seg.paragraphs[3].kind, ParagraphKind::Boilerplate);
        assert_eq!(seg.content_sentences().count(), 2);
    }

    #[test]
    fn crlf_spans_are_exact() {
        let t = "First line here.\r\nSecond one.\rThird.";
        let seg = segment(t, 0);
        let texts: Vec<&str> = seg.sentences.iter().map(|s| s.span.slice(t)).collect();
        assert_eq!(texts, vec!["First line here.", "Second one.", "Third."]);
    }
}
