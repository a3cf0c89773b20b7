//! Text helpers shared by the quote modules: paragraphs, sentences, words.

use super::QuoteSpan;
use super::find::double_quotes;
use super::lexicon::ABBREVIATIONS;
use crate::span::Span;

/// Clamp a span to `text` and to character boundaries (never panics on odd input).
pub(crate) fn clamp(text: &str, span: Span) -> Span {
    let mut start = span.start.min(text.len());
    let mut end = span.end.min(text.len()).max(start);
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

/// Trim white space off both ends of a span.
pub(crate) fn trim(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    Span::new(span.start + lead, span.start + lead + body.len())
}

/// The paragraphs of a region: its lines, trimmed, empty ones dropped; a line that does
/// not end in sentence punctuation and is followed by a line starting in lower case is
/// joined with it (hard-wrapped copy).
pub fn paragraphs(text: &str, region: Span) -> Vec<Span> {
    let region = clamp(text, region);
    let s = region.slice(text);
    let mut lines = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    // Line breaks are ASCII, so bytes suffice: no decoding of every character.
    for (i, &c) in b.iter().enumerate() {
        // A line ends at \n, \r\n or a lone \r (old Mac exports).
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            lines.push(trim(
                text,
                Span::new(region.start + start, region.start + i),
            ));
            start = i + 1;
        }
    }
    lines.push(trim(text, Span::new(region.start + start, region.end)));
    let mut out: Vec<Span> = Vec::new();
    let mut joinable = false;
    for l in lines {
        if l.is_empty() {
            joinable = false;
            continue;
        }
        let body = l.slice(text);
        let starts_lower = body.chars().next().is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(last) if joinable && starts_lower => last.end = l.end,
            _ => out.push(l),
        }
        joinable = !body.ends_with(['.', '!', '?', ':', '"', '”', '’', ')', ']']);
    }
    out
}

/// How far (in bytes) a sentence or line is looked for on each side of a span. News
/// sentences are far shorter; the bound keeps a paragraph of megabytes with thousands of
/// quotations linear instead of quadratic (docs/security.md).
pub(crate) const MAX_REACH: usize = 3_000;

/// The line (paragraph) of `text` around `span`, at most [`MAX_REACH`] bytes on each side.
pub(crate) fn line_around(text: &str, span: Span) -> Span {
    let span = clamp(text, span);
    let lo = clamp(
        text,
        Span::new(span.start.saturating_sub(MAX_REACH), span.start),
    )
    .start;
    let hi = clamp(text, Span::new(span.end, span.end + MAX_REACH)).end;
    let start = text[lo..span.start]
        .rfind(['\n', '\r'])
        .map_or(lo, |i| lo + i + 1);
    let end = text[span.end..hi]
        .find(['\n', '\r'])
        .map_or(hi, |i| span.end + i);
    trim(text, Span::new(start, end.max(start)))
}

/// Is the `.` at byte `dot` the end of an abbreviation ("Mr.", "U.S.", an initial)?
pub(crate) fn is_abbreviation_period(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    if word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true; // U.S. / a.m.
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true; // an initial
    }
    ABBREVIATIONS.contains(word)
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

/// If a sentence ends at the terminator at byte `i`, the byte just past it (and its
/// closing marks).
fn sentence_end_at(text: &str, i: usize) -> Option<usize> {
    let c = text[i..].chars().next()?;
    if !matches!(c, '.' | '!' | '?') {
        return None;
    }
    if c == '.' && is_abbreviation_period(text, i) {
        return None;
    }
    let mut j = i + 1;
    for ch in text[j..].chars() {
        if is_closer(ch) || matches!(ch, '.' | '!' | '?') {
            j += ch.len_utf8();
        } else {
            break;
        }
    }
    match text[j..].chars().next() {
        None => Some(j),
        Some(n) if n.is_whitespace() => Some(j),
        _ => None,
    }
}

/// Whether byte `i` lies in one of `masks`, which are sorted and do not overlap (as
/// quotations are).
fn in_masks(masks: &[Span], i: usize) -> bool {
    let k = masks.partition_point(|m| m.start <= i);
    k > 0 && i < masks[k - 1].end
}

/// The sentence around a span (within its paragraph), not splitting inside quotations:
/// from the last sentence end before it to the first one after it.
pub(crate) fn sentence_around(text: &str, span: Span, para: Span, masks: &[Span]) -> Span {
    let span = clamp(text, span);
    // Look at most MAX_REACH bytes either side of the span.
    let para = clamp(
        text,
        Span::new(
            para.start.max(span.start.saturating_sub(MAX_REACH)),
            para.end.min(span.end.saturating_add(MAX_REACH)),
        ),
    );
    let mut start = para.start;
    let mut i = span.start;
    while i > para.start {
        i -= 1;
        if !text.is_char_boundary(i) || in_masks(masks, i) {
            continue;
        }
        if let Some(e) = sentence_end_at(text, i)
            && e <= span.start
        {
            start = e;
            break;
        }
    }
    let mut end = para.end;
    let mut j = span.end;
    while j < para.end {
        if text.is_char_boundary(j)
            && !in_masks(masks, j)
            && let Some(e) = sentence_end_at(text, j)
        {
            end = e.min(para.end);
            break;
        }
        j += 1;
    }
    trim(text, Span::new(start, end.max(start)))
}

/// The sentence a quotation belongs to: the quotation itself when it is a complete
/// sentence followed by another sentence ("“We are ready.” The talks ..."), otherwise the
/// quotation plus the words before and after it up to the surrounding sentence ends.
pub fn sentence_of(text: &str, quote: &QuoteSpan) -> Span {
    SentenceFinder::default().sentence_of(text, quote)
}

/// [`sentence_of`] for the quotations of one text in order: the quotation marks of a
/// paragraph are found once for all its quotations, not once per quotation.
#[derive(Default)]
pub(crate) struct SentenceFinder {
    /// The last paragraph looked at and the double quotations in it.
    para: Option<Span>,
    masks: Vec<Span>,
}

impl SentenceFinder {
    pub(crate) fn sentence_of(&mut self, text: &str, quote: &QuoteSpan) -> Span {
        let outer = clamp(text, quote.outer);
        let para = line_around(text, outer);
        if self.para != Some(para) {
            self.masks.clear();
            self.masks
                .extend(double_quotes(text, para).iter().map(|q| q.outer));
            self.para = Some(para);
        }
        sentence_in(text, quote, para, &self.masks)
    }
}

/// [`sentence_of`] given the quotation's paragraph and the double quotations in it.
fn sentence_in(text: &str, quote: &QuoteSpan, para: Span, masks: &[Span]) -> Span {
    let outer = clamp(text, quote.outer);
    let inner = clamp(text, quote.inner);
    let full = sentence_around(text, outer, para, masks);
    // A quotation ending in a terminator and followed by a capitalised word (or a new
    // quotation) ends its sentence.
    let ends_sentence = inner.slice(text).trim_end().ends_with(['.', '!', '?']) && {
        let after = text[outer.end..para.end.max(outer.end)].trim_start();
        after.is_empty()
            || after
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“'))
    };
    if ends_sentence {
        Span::new(full.start, outer.end)
    } else {
        full
    }
}

/// A word of running text: its core (letters, digits, inner apostrophes/hyphens/periods,
/// an abbreviation's final period) and the punctuation right after it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'a> {
    pub span: Span,
    pub text: &'a str,
    /// Punctuation glued after the word (",", ".", ":", "”," ...), possibly empty.
    pub after: &'a str,
    /// Punctuation glued before the word ("(", "“"), possibly empty.
    pub before: &'a str,
}

impl Word<'_> {
    pub fn comma_after(&self) -> bool {
        self.after.contains([',', ';', ':', '(', ')', '—', '–'])
    }
    pub fn stop_after(&self) -> bool {
        self.after.contains(['.', '!', '?', '"', '“', '”'])
    }
}

/// The words of `span`.
pub(crate) fn words(text: &str, span: Span) -> Vec<Word<'_>> {
    let span = clamp(text, span);
    words_in(text, span)
}

fn words_in<'t>(text: &'t str, span: Span) -> Vec<Word<'t>> {
    let s = span.slice(text);
    let mut out = Vec::new();
    let mut chunk_start: Option<usize> = None;
    let push = |a: usize, b: usize, out: &mut Vec<Word<'t>>| {
        let chunk = &s[a..b];
        let Some(lead) = chunk
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric())
            .map(|(i, _)| i)
        else {
            return;
        };
        let mut end = chunk
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())
            .map_or(chunk.len(), |(i, c)| i + c.len_utf8());
        if chunk[end..].starts_with('.') && is_abbreviation_period(text, span.start + a + end) {
            end += 1;
        }
        let start = span.start + a + lead;
        let wend = span.start + a + end;
        out.push(Word {
            span: Span::new(start, wend),
            text: &text[start..wend],
            after: &chunk[end..],
            before: &chunk[..lead],
        });
    };
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(a) = chunk_start.take() {
                push(a, i, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(a) = chunk_start {
        push(a, s.len(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let t = "Mr. Lane met Gen. Okafor in the U.S. capital. Then he left.";
        assert!(is_abbreviation_period(t, 2));
        assert!(!is_abbreviation_period(t, t.find("capital.").unwrap() + 7));
        let w = words(t, Span::new(0, t.len()));
        assert_eq!(w[0].text, "Mr.");
        assert_eq!(w[7].text, "U.S.");
        assert_eq!(w[8].text, "capital");
        assert_eq!(w[8].after, ".");
    }

    #[test]
    fn paragraphs_are_lines_or_blank_line_blocks() {
        let t = "One line.\nTwo line.\n";
        assert_eq!(paragraphs(t, Span::new(0, t.len())).len(), 2);
        let t = "A wrapped paragraph that goes\non here.\n\nSecond.\nThird";
        let p = paragraphs(t, Span::new(0, t.len()));
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].slice(t), "A wrapped paragraph that goes\non here.");
        assert_eq!(p[1].slice(t), "Second.");
    }

    #[test]
    fn multibyte_white_space_keeps_word_positions() {
        let t = "said\u{a0}the minister, “yes”";
        let w = words(t, Span::new(0, t.len()));
        assert_eq!(w[1].text, "the");
        assert_eq!(w[2].text, "minister");
        assert_eq!(w[3].text, "yes");
    }
}
