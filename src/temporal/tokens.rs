//! A small tokenizer: words (letter runs), numbers (ASCII digit runs) and single
//! punctuation characters, each with its byte span in the full text. Tokenizing is
//! one pass over the characters; the only allocation is the token vector. The tagger
//! reads it as a view of the sentences' shared token streams ([`from_streams`]).

use crate::span::Span;
use crate::tokens::TokenKind;
use crate::tokens::stream::{Streams, view};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Tokenize `text[start..end]`; spans are in `text` coordinates. The caller makes
/// sure `start..end` lies on character boundaries.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(end.saturating_sub(start) / 5 + 1);
    tokenize_into(text, start, end, &mut toks);
    toks
}

/// The tokens of `text[within]` read from the sentences' token streams that cover it
/// ([`crate::tokens::stream::view`]): exactly what [`tokenize`] gives for `within`.
pub fn from_streams(text: &str, streams: &Streams, within: Span) -> Vec<Tok> {
    view(
        text,
        streams.overlapping(within),
        within,
        |t| Tok {
            start: t.span.start,
            end: t.span.end,
            kind: match t.kind {
                TokenKind::Word => Kind::Word,
                TokenKind::Number => Kind::Num,
                TokenKind::Punct => Kind::Punct,
            },
        },
        |run, out| tokenize_into(text, run.start, run.end, out),
    )
}

/// [`tokenize`], appending to `toks`.
fn tokenize_into(text: &str, start: usize, end: usize, toks: &mut Vec<Tok>) {
    let slice = match text.get(start..end) {
        Some(s) => s,
        None => return,
    };
    let mut it = slice.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if c.is_alphabetic() {
            Kind::Word
        } else if c.is_whitespace() {
            continue;
        } else {
            toks.push(Tok {
                start: start + i,
                end: start + i + c.len_utf8(),
                kind: Kind::Punct,
            });
            continue;
        };
        let mut j = i + c.len_utf8();
        while let Some(&(k, d)) = it.peek() {
            let same = match kind {
                Kind::Num => d.is_ascii_digit(),
                _ => d.is_alphabetic(),
            };
            if !same {
                break;
            }
            j = k + d.len_utf8();
            it.next();
        }
        toks.push(Tok {
            start: start + i,
            end: start + j,
            kind,
        });
    }
}

/// Split a lexicon phrase into its token texts ("u.s. time" -> ["u", ".", "s", ".", "time"]).
pub fn split(phrase: &'static str) -> Vec<&'static str> {
    tokenize(phrase, 0, phrase.len())
        .into_iter()
        .map(|t| &phrase[t.start..t.end])
        .collect()
}

/// Lower-case an ASCII word into `buf` without allocating; `None` for words that are
/// too long or not ASCII (the lexicons hold only short ASCII words).
pub fn lower<'b>(s: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    if s.len() > buf.len() || !s.is_ascii() {
        return None;
    }
    let out = &mut buf[..s.len()];
    out.copy_from_slice(s.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn spans(toks: &[Tok]) -> Vec<(usize, usize, Kind)> {
        toks.iter().map(|t| (t.start, t.end, t.kind)).collect()
    }

    /// Streams of `text` cut into sentences at `cuts` (character boundaries, any order).
    fn streams(text: &str, cuts: &[usize]) -> Streams {
        let mut at: Vec<usize> = cuts
            .iter()
            .map(|&c| c % (text.len() + 1))
            .filter(|&c| text.is_char_boundary(c))
            .collect();
        at.extend([0, text.len()]);
        at.sort_unstable();
        at.dedup();
        Streams::build(text, at.windows(2).map(|w| (Span::new(w[0], w[1]), true)))
    }

    proptest! {
        /// The view of the shared streams is exactly this tokenizer's output, however the
        /// text is cut into sentences (even inside a word) and wherever the region starts.
        #[test]
        fn view_is_the_tokenizer(
            s in "[A-Za-z0-9 .,:'’\\-éÉ\u{301}\u{663}\u{a0}\u{24b6}\n“\"Ⅻ]{0,40}",
            cuts in proptest::collection::vec(0usize..64, 0..4),
            from in 0usize..64,
        ) {
            let ss = streams(&s, &cuts);
            let mut start = from % (s.len() + 1);
            while !s.is_char_boundary(start) {
                start -= 1;
            }
            let within = Span::new(start, s.len());
            prop_assert_eq!(
                spans(&from_streams(&s, &ss, within)),
                spans(&tokenize(&s, start, s.len()))
            );
        }
    }

    #[test]
    fn view_cases() {
        for s in [
            "On Jan. 5, 2024, at 3:30 p.m. U.S. time",
            "O'Neill's co-chair met 1,200.5 people",
            "Harbourton\u{24b6}x G7.5 e\u{301}t \u{663}\u{663}",
        ] {
            let ss = streams(s, &[]);
            let within = Span::new(0, s.len());
            assert_eq!(
                spans(&from_streams(s, &ss, within)),
                spans(&tokenize(s, 0, s.len())),
                "{s}"
            );
        }
    }
}
