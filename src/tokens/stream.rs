//! One token stream per sentence, built once and read by every extractor.
//!
//! A [`Stream`] holds a sentence's word tokens ([`super::tokenize`]: byte spans, a class,
//! initials and abbreviations kept whole) and, for each word, the general-English word
//! lists that hold it ([`Lex`]), looked up once. The lower-case form is not stored: the
//! lists are matched through it when the stream is built, and a consumer that needs it
//! gets it without allocating from [`crate::lexicon::with_lowercase`].
//!
//! Extractors whose token grammar cuts finer (the time tagger splits "1,200" and
//! "O'Neill"; numbers keep "1,200.5" whole but split "co-chair") read the stream through
//! [`view`]: each of those grammars cuts text only inside a run of tokens with no white
//! space between them, and cuts a run of plain tokens (ASCII letters, ASCII digits, one
//! ASCII punctuation mark) exactly where the stream does. Only the other runs ("1,200",
//! "U.S.", a word in another script) are cut again by the consumer's own grammar, so
//! each consumer sees exactly the tokens it saw when it tokenised the text itself
//! (property-tested in each consumer).

use super::{Token, TokenKind, tokenize};
use crate::lexicon::{lexicons, with_lowercase};
use crate::span::Span;
use std::sync::LazyLock;

/// Which word lists of [`crate::lexicon`] hold a word (matched in lower case), as bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lex(u8);

impl Lex {
    pub const NONE: Lex = Lex(0);
    /// `honorifics.txt`: "Mr", "Dr".
    pub const HONORIFIC: Lex = Lex(1);
    /// `stopwords.txt` and `non-speakers.txt`: never the first word of a name.
    pub const STOPWORD: Lex = Lex(1 << 1);
    /// `ranks.txt`: "deputy", "assistant".
    pub const RANK: Lex = Lex(1 << 2);
    /// `org-cues.txt`: "ministry", "university".
    pub const ORG_CUE: Lex = Lex(1 << 3);
    /// `non-person-cues.txt`.
    pub const NON_PERSON_CUE: Lex = Lex(1 << 4);
    /// `place-cues.txt`.
    pub const PLACE_CUE: Lex = Lex(1 << 5);
    /// `speech-verbs.txt`: "said", "added".
    pub const SPEECH_VERB: Lex = Lex(1 << 6);
    /// `time-weekdays.tsv`, full names only: "Monday".
    pub const WEEKDAY: Lex = Lex(1 << 7);

    /// Whether every list of `other` holds the word.
    pub fn has(self, other: Lex) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    fn with(self, other: Lex) -> Lex {
        Lex(self.0 | other.0)
    }
}

/// Every word of the lists [`Lex`] names, with the lists that hold it: one look-up per
/// word instead of one per list.
static MEMBERS: LazyLock<foldhash::HashMap<String, Lex>> = LazyLock::new(|| {
    let lx = lexicons();
    let mut m: foldhash::HashMap<String, Lex> = Default::default();
    for (set, bit) in [
        (&lx.honorifics, Lex::HONORIFIC),
        (&lx.stopwords, Lex::STOPWORD),
        (&lx.ranks, Lex::RANK),
        (&lx.org_cues, Lex::ORG_CUE),
        (&lx.non_person_cues, Lex::NON_PERSON_CUE),
        (&lx.place_cues, Lex::PLACE_CUE),
        (&lx.speech_verbs, Lex::SPEECH_VERB),
        (&lx.weekdays, Lex::WEEKDAY),
    ] {
        for w in set.iter() {
            let e = m.entry(w.clone()).or_default();
            *e = e.with(bit);
        }
    }
    m
});

/// The lists holding `word` (any case).
pub fn lex_of(word: &str) -> Lex {
    with_lowercase(word, |l| MEMBERS.get(l).copied().unwrap_or_default())
}

/// One document's token streams, one per sentence, in text order.
///
/// Every content sentence's stream is kept from tagging to claim extraction, so the
/// tokens of all of a document's sentences share one allocation (freed whole) and are
/// stored packed (12 bytes: offsets from the sentence start, not a 24-byte [`Token`]);
/// [`Stream::iter`] gives them as [`Token`]s.
#[derive(Debug, Clone, Default)]
pub struct Streams {
    packed: Vec<Packed>,
    /// Each sentence and the end of its tokens in `packed`.
    sentences: Vec<(Span, usize)>,
}

#[derive(Debug, Clone, Copy)]
struct Packed {
    /// From the sentence start.
    start: u32,
    len: u32,
    kind: TokenKind,
    lex: Lex,
}

/// One sentence's tokens, borrowed from its document's [`Streams`].
#[derive(Debug, Clone, Copy)]
pub struct Stream<'a> {
    /// The sentence, a byte span of the document.
    pub span: Span,
    packed: &'a [Packed],
}

impl Streams {
    /// Tokenise each sentence `(span, read)` of `text` whose `read` is true (the others,
    /// such as boilerplate, get an empty stream) and look its words up in the word lists.
    /// Sentences are in text order and do not overlap. A sentence is one line of a file
    /// read whole into memory; one over 4 GiB is refused by a panic.
    pub fn build(text: &str, sentences: impl IntoIterator<Item = (Span, bool)>) -> Streams {
        let fit = |n: usize| u32::try_from(n).expect("a sentence under 4 GiB");
        let mut out = Streams::default();
        for (sentence, read) in sentences {
            if read {
                out.packed
                    .extend(tokenize(text, sentence).into_iter().map(|t| Packed {
                        start: fit(t.span.start - sentence.start),
                        len: fit(t.span.len()),
                        kind: t.kind,
                        // Every entry of the lists starts with an ASCII letter (tested),
                        // and only a word's lower case can: other tokens start with no
                        // letter.
                        lex: if t.kind == TokenKind::Word {
                            lex_of(t.text(text))
                        } else {
                            Lex::NONE
                        },
                    }));
            }
            out.sentences.push((sentence, out.packed.len()));
        }
        out.packed.shrink_to_fit();
        out
    }

    /// The number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// Sentence `i`'s stream.
    pub fn get(&self, i: usize) -> Stream<'_> {
        let from = i.checked_sub(1).map_or(0, |p| self.sentences[p].1);
        let (span, to) = self.sentences[i];
        Stream {
            span,
            packed: &self.packed[from..to],
        }
    }

    /// The tokens of the sentences that overlap `within`, in text order.
    pub fn overlapping(&self, within: Span) -> impl Iterator<Item = Token> + '_ {
        let first = self.sentences.partition_point(|s| s.0.end <= within.start);
        let last = first + self.sentences[first..].partition_point(|s| s.0.start < within.end);
        (first..last).flat_map(move |i| self.get(i).iter())
    }
}

impl<'a> Stream<'a> {
    pub fn len(&self) -> usize {
        self.packed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.packed.is_empty()
    }

    /// The tokens, in text order.
    pub fn iter(self) -> impl Iterator<Item = Token> + 'a {
        let base = self.span.start;
        self.packed.iter().map(move |p| {
            let start = base + p.start as usize;
            Token {
                span: Span::new(start, start + p.len as usize),
                kind: p.kind,
                lex: p.lex,
            }
        })
    }

    /// The tokens as a vector, for a consumer that indexes them.
    pub fn tokens(self) -> Vec<Token> {
        self.iter().collect()
    }
}

/// A token every grammar of this crate cuts as the stream does, when its neighbours are
/// plain too: ASCII letters only, ASCII digits only, or one ASCII punctuation mark.
fn plain(text: &str, t: &Token) -> bool {
    let b = t.span.slice(text).as_bytes();
    match t.kind {
        TokenKind::Word => b.iter().all(u8::is_ascii_alphabetic),
        TokenKind::Number => b.iter().all(u8::is_ascii_digit),
        TokenKind::Punct => b.len() == 1 && b[0].is_ascii(),
    }
}

/// The tokens of `text[within]` as another grammar cuts them, read from `tokens` (the
/// tokens of the sentences covering `within`, in text order: together they hold every
/// non-space character of it). A plain token (see [`plain`]) in a run of plain tokens becomes
/// `from_plain(token)`; any other run of tokens with no white space between them, clipped
/// to `within`, is handed whole to `rescan`, which appends that grammar's tokens for it.
///
/// Sound for a grammar that never crosses white space and that cuts a plain run exactly
/// between its tokens (letters beside digits or punctuation, digits beside letters or
/// punctuation, punctuation beside anything). Two plain words or two plain numerals that
/// touch belong to different sentences (a long run cut by the segmenter): they are rescanned.
pub fn view<T>(
    text: &str,
    tokens: impl Iterator<Item = Token>,
    within: Span,
    mut from_plain: impl FnMut(&Token) -> T,
    mut rescan: impl FnMut(Span, &mut Vec<T>),
) -> Vec<T> {
    let mut out = Vec::with_capacity(tokens.size_hint().0);
    // The current run: its span, where its output starts, whether it is still plain,
    // and the class of its last token.
    let mut run: Option<(Span, usize, bool, TokenKind)> = None;
    let mut flush = |run: Option<(Span, usize, bool, TokenKind)>, out: &mut Vec<T>| {
        if let Some((span, from, false, _)) = run {
            out.truncate(from);
            rescan(span, out);
        }
    };
    let tokens = tokens.filter(|t| t.span.end > within.start && t.span.start < within.end);
    for t in tokens {
        let start = t.span.start.max(within.start);
        let end = t.span.end.min(within.end);
        let whole = start == t.span.start && end == t.span.end;
        match &mut run {
            Some((span, _, is_plain, last)) if span.end == start => {
                *is_plain = *is_plain
                    && whole
                    && plain(text, &t)
                    && (t.kind == TokenKind::Punct || t.kind != *last);
                span.end = end;
                *last = t.kind;
            }
            _ => {
                flush(run.take(), &mut out);
                run = Some((
                    Span::new(start, end),
                    out.len(),
                    whole && plain(text, &t),
                    t.kind,
                ));
            }
        }
        if let Some((_, _, true, _)) = run {
            out.push(from_plain(&t));
        }
    }
    flush(run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_tokens_are_the_tokenizer_s() {
        let t = "Veldra's U.S. envoy, S. Okafor, met 1,200 people in Marenland.";
        let within = Span::new(7, t.len());
        let ss = Streams::build(t, [(Span::new(0, 7), false), (within, true)]);
        let s = ss.get(1);
        let a: Vec<(Span, TokenKind)> = s.iter().map(|k| (k.span, k.kind)).collect();
        let b: Vec<(Span, TokenKind)> = tokenize(t, within)
            .iter()
            .map(|k| (k.span, k.kind))
            .collect();
        assert_eq!(a, b);
        assert_eq!(s.len(), b.len());
        assert!(ss.get(0).is_empty());
        assert_eq!(ss.len(), 2);
        assert_eq!(ss.overlapping(Span::new(0, t.len())).count(), b.len());
    }

    #[test]
    fn words_carry_their_lists() {
        let t = "The deputy minister, Mr Okafor, visited the Ministry in Harbourton, he said.";
        let ss = Streams::build(t, [(Span::new(0, t.len()), true)]);
        let s = ss.get(0);
        let lex = |w: &str| s.iter().find(|k| k.text(t) == w).unwrap().lex;
        assert!(lex("deputy").has(Lex::RANK));
        assert!(lex("Mr").has(Lex::HONORIFIC));
        assert!(lex("The").has(Lex::STOPWORD));
        assert!(lex("Ministry").has(Lex::ORG_CUE));
        assert_eq!(lex("Okafor"), Lex::NONE);
        assert_eq!(lex("Harbourton"), Lex::NONE);
        assert!(lex("in").has(Lex::PLACE_CUE));
        assert!(lex("said").has(Lex::SPEECH_VERB));
        assert!(!lex(",").has(Lex::SPEECH_VERB));
        assert!(!Lex::NONE.has(Lex::NONE));
    }

    /// The bits the old code would have found: each list asked for the lower case.
    fn lists_of(w: &str) -> Lex {
        let lx = lexicons();
        let l = w.to_lowercase();
        [
            (&lx.honorifics, Lex::HONORIFIC),
            (&lx.stopwords, Lex::STOPWORD),
            (&lx.ranks, Lex::RANK),
            (&lx.org_cues, Lex::ORG_CUE),
            (&lx.non_person_cues, Lex::NON_PERSON_CUE),
            (&lx.place_cues, Lex::PLACE_CUE),
            (&lx.speech_verbs, Lex::SPEECH_VERB),
            (&lx.weekdays, Lex::WEEKDAY),
        ]
        .into_iter()
        .filter(|(set, _)| set.contains(&l))
        .fold(Lex::NONE, |a, (_, b)| a.with(b))
    }

    #[test]
    fn every_entry_in_any_case_has_its_lists() {
        for w in MEMBERS.keys() {
            let title: String = w[..1].to_uppercase() + &w[1..];
            for v in [w.clone(), w.to_uppercase(), title] {
                assert_eq!(lex_of(&v), lists_of(&v), "{v}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn lex_is_the_lists(w in "[A-Za-zÉéİ]{1,9}") {
            proptest::prop_assert_eq!(lex_of(&w), lists_of(&w));
        }
    }

    #[test]
    fn list_entries_start_with_an_ascii_letter() {
        // Stream::build looks up words only: an entry starting otherwise would be missed.
        for w in MEMBERS.keys() {
            assert!(
                w.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()),
                "{w:?}"
            );
        }
    }

    #[test]
    fn overlapping_streams() {
        let t = "abcd. fghi. klmnopqrs";
        let streams = Streams::build(
            t,
            [(0, 5), (6, 11), (12, 21)].map(|(a, b)| (Span::new(a, b), true)),
        );
        let starts =
            |w: Span| -> Vec<usize> { streams.overlapping(w).map(|k| k.span.start).collect() };
        assert_eq!(starts(Span::new(0, 21)), vec![0, 4, 6, 10, 12]);
        assert_eq!(starts(Span::new(5, 6)), Vec::<usize>::new());
        assert_eq!(starts(Span::new(7, 13)), vec![6, 10, 12]);
        assert_eq!(starts(Span::new(21, 30)), Vec::<usize>::new());
    }

    #[test]
    fn view_rescans_only_runs_that_are_not_plain() {
        let t = "Okafor's 1,200 co-chairs met, then left.";
        let ss = Streams::build(t, [(Span::new(0, t.len()), true)]);
        let mut rescanned = Vec::new();
        let v: Vec<Span> = view(
            t,
            ss.get(0).iter(),
            Span::new(0, t.len()),
            |k| k.span,
            |span, out| {
                rescanned.push(span.slice(t).to_string());
                out.push(span);
            },
        );
        assert_eq!(rescanned, vec!["Okafor's", "1,200", "co-chairs"]);
        let v: Vec<&str> = v.iter().map(|k| k.slice(t)).collect();
        assert_eq!(
            v,
            vec![
                "Okafor's",
                "1,200",
                "co-chairs",
                "met",
                ",",
                "then",
                "left",
                "."
            ]
        );
    }

    #[test]
    fn view_rescans_words_cut_between_sentences_and_clipped_tokens() {
        let t = "abcdef ghi jkl";
        let streams = Streams::build(t, [(Span::new(0, 3), true), (Span::new(3, t.len()), true)]);
        let mut rescanned = Vec::new();
        let v: Vec<Span> = view(
            t,
            streams.overlapping(Span::new(0, 9)),
            Span::new(0, 9),
            |k| k.span,
            |span, out| {
                rescanned.push(span.slice(t).to_string());
                out.push(span);
            },
        );
        assert_eq!(rescanned, vec!["abcdef", "gh"]);
        assert_eq!(v, vec![Span::new(0, 6), Span::new(7, 9)]);
    }
}
