//! Direct quotations: finding them ([`find_quotes`]), finding who said them and through
//! what channel ([`attribute`]), and comparing two of them ([`compare`]).
//!
//! Everything works from language patterns and the word lists in `rules/lexicon/`
//! (speech verbs, speaker nouns, channels, stop words, British/American spellings). No
//! function panics on any input, and every result is deterministic.

mod attribution;
mod compare;
mod find;
mod lexicon;
mod text;

pub use attribution::attribute;
pub use compare::{
    Background, Prepared, Quotations, Statement, canonical as canonical_spelling, compare,
    compare_prepared, compare_with_background, content_stems, normalise, same_statement,
};
pub use find::find_quotes;
pub use text::{paragraphs, sentence_of};

use crate::span::Span;

/// A direct quotation in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QuoteSpan {
    /// The quotation including its marks (an unclosed one ends at its paragraph's end).
    pub outer: Span,
    /// The quoted words, without the marks and surrounding white space.
    pub inner: Span,
    /// An opening mark whose paragraph ends without a closing one while the next paragraph
    /// reopens with a mark: the quotation continues there (news style).
    pub continues: bool,
}

/// The channel a quotation came through, from `rules/lexicon/quote-channels.tsv`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Channel {
    Statement,
    Readout,
    Post,
    Briefing,
    Interview,
    Letter,
    Testimony,
    /// Any other label of the lexicon ("indictment", "speech", "filing", "report", ...).
    Other(String),
}

impl Channel {
    pub fn from_label(label: &str) -> Channel {
        match label {
            "statement" => Channel::Statement,
            "readout" => Channel::Readout,
            "post" => Channel::Post,
            "briefing" => Channel::Briefing,
            "interview" => Channel::Interview,
            "letter" => Channel::Letter,
            "testimony" => Channel::Testimony,
            other => Channel::Other(other.to_string()),
        }
    }
}

/// The attribution frame of one quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The speaker phrase as written ("State Department Spokesperson Jane Roe", "she",
    /// "the ministry", "the statement").
    pub speaker: Span,
    /// The speaker is a personal pronoun (he, she, they, ...): resolve it from context.
    pub pronoun: bool,
    /// The speech verb ("said", "told", "wrote"), when there is one ("according to X" has none).
    pub verb: Option<Span>,
    pub channel: Option<Channel>,
    /// The words naming the channel ("in a statement", "readout", "social media").
    pub channel_span: Option<Span>,
}

/// How two quotations relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteRelation {
    /// Equal after [`normalise`].
    Verbatim,
    /// One is contained in the other after normalisation (also when the shorter one's
    /// pieces around an ellipsis each occur, in order).
    Excerpt,
    /// The same statement in other words: `similarity >= REWORDED_THRESHOLD` and at least
    /// [`REWORDED_MIN_SHARED`] shared content words (both of a two-word quotation's).
    Reworded,
    /// The same statement but for one-letter slips in long words ("goverment"): a typo,
    /// not a rewording (see [`compare::same_statement`]).
    Typo,
    /// Not the same statement.
    Different,
}

/// The result of [`compare`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuoteComparison {
    pub relation: QuoteRelation,
    /// 0..1; 1 for Verbatim and Excerpt. See [`compare`] for how it is computed and calibrated.
    pub similarity: f64,
    /// Content words (stop words removed, lightly stemmed) the two quotations share.
    pub shared_content_words: usize,
}

pub use compare::{REWORDED_MIN_SHARED, REWORDED_THRESHOLD};

/// Convenience: every quotation in `regions` with its attribution frame (computed on the
/// quotation's own sentence, see [`sentence_of`]). Continuations are not resolved here.
pub fn attributed_quotes(text: &str, regions: &[Span]) -> Vec<(QuoteSpan, Option<Attribution>)> {
    attributed_quotes_in_sentences(text, regions)
        .into_iter()
        .map(|(q, a, _)| (q, a))
        .collect()
}

/// [`attributed_quotes`] with each quotation's sentence ([`sentence_of`]), which callers
/// need again and need not look for again.
pub fn attributed_quotes_in_sentences(
    text: &str,
    regions: &[Span],
) -> Vec<(QuoteSpan, Option<Attribution>, Span)> {
    let quotes = find_quotes(text, regions);
    let mut sentences = text::SentenceFinder::default();
    quotes
        .iter()
        .map(|q| {
            let sentence = sentences.sentence_of(text, q);
            (*q, attribute(text, q, sentence), sentence)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn exercise(t: &str) {
        let regions = [Span::new(0, t.len()), Span::new(t.len() / 2, t.len() + 7)];
        for (q, a) in attributed_quotes(t, &regions) {
            assert!(q.outer.end <= t.len() && q.outer.contains(q.inner) || q.inner.is_empty());
            if let Some(a) = a {
                assert!(a.speaker.end <= t.len());
            }
            let s = q.inner.slice(t);
            let _ = compare(s, t);
        }
        let _ = normalise(t);
    }

    proptest! {
        #[test]
        fn never_panics(t in "[ a-zA-Z.,:;!?'\"“”‘’…—\\-\n\u{a0}é]{0,120}") {
            exercise(&t);
            let bad = QuoteSpan { outer: Span::new(3, 1), inner: Span::new(50, 900), continues: false };
            let _ = attribute(&t, &bad, Span::new(7, 2));
        }
    }

    #[test]
    fn end_to_end_paragraphs() {
        let t = "Officials met on Monday.\n\
                 “We are not finished,” Deputy Mayor Lena Ruiz said in a statement. “There is more to do.\n\
                 “The next phase starts in June,” she added.";
        let got = attributed_quotes(t, &[Span::new(0, t.len())]);
        let summary: Vec<(&str, bool, Option<&str>)> = got
            .iter()
            .map(|(q, a)| {
                (
                    q.inner.slice(t),
                    q.continues,
                    a.as_ref().map(|a| a.speaker.slice(t)),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "We are not finished,",
                    false,
                    Some("Deputy Mayor Lena Ruiz")
                ),
                ("There is more to do.", true, None),
                ("The next phase starts in June,", false, Some("she")),
            ]
        );
        assert_eq!(got[0].1.as_ref().unwrap().channel, Some(Channel::Statement));
    }
}

/// Whether a speaker phrase names someone: a capitalised word that is not a pronoun
/// ("said Ana Ruiz", "the minister, Tomas Held"), not only "he said" or "She added".
pub fn names_someone(phrase: &str) -> bool {
    let lx = crate::lexicon::lexicons();
    phrase
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .any(|w| !crate::lexicon::with_lowercase(w, |l| lx.pronouns.contains(l)))
}

/// Whether `phrase` has the word `lower` (lower case), ignoring case.
pub fn mentions_word(phrase: &str, lower: &str) -> bool {
    phrase
        .split(|c: char| !c.is_alphabetic())
        .any(|w| crate::lexicon::with_lowercase(w, |l| l == lower))
}

/// A speaker phrase widened over names joined to it by "and" ("Ruiz" in "said Ruiz and
/// Held" becomes "Ruiz and Held"; "Held" in "Ana Ruiz and Tomas Held said" becomes "Ana
/// Ruiz and Tomas Held"): a joint statement is every named speaker's.
pub fn with_coordinated(text: &str, span: Span) -> Span {
    const REACH: usize = 60;
    let line_start = text[..span.start.min(text.len())]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let line_end = text[span.end.min(text.len())..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| span.end + i);
    let mut out = span;
    // To the right: " and Tomas Held" (capitalised words after "and" or "&").
    let after = Span::between(text, span.end, line_end.min(span.end + REACH));
    if let Some(rest) = after
        .strip_prefix(" and ")
        .or_else(|| after.strip_prefix(" & "))
    {
        // Capitalised words, up to the first one that ends in punctuation.
        let mut len = 0;
        for w in rest.split(' ') {
            if !w.chars().next().is_some_and(char::is_uppercase) {
                break;
            }
            let letters = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            len += if len > 0 { 1 } else { 0 } + letters.len();
            if letters.len() < w.len() {
                break;
            }
        }
        if len > 0 {
            out.end = span.end + (after.len() - rest.len()) + len;
        }
    }
    // To the left: "Ana Ruiz and " before the phrase.
    let from = line_start.max(span.start.saturating_sub(REACH));
    let before = Span::between(text, from, span.start);
    if let Some(head) = before
        .strip_suffix(" and ")
        .or_else(|| before.strip_suffix(" & "))
    {
        let names: usize = head
            .rsplit(' ')
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(|w| w.len() + 1)
            .sum();
        if names > 0 {
            out.start = span.start - (before.len() - head.len()) - (names - 1);
        }
    }
    // Stay on character boundaries whatever the arithmetic above met.
    if !text.is_char_boundary(out.start) || !text.is_char_boundary(out.end) {
        return span;
    }
    out
}

#[cfg(test)]
mod frame_tests {
    use super::*;

    #[test]
    fn frames_that_name_someone() {
        assert!(names_someone("Ana Ruiz"));
        assert!(names_someone("the minister, Tomas Held"));
        assert!(!names_someone("he"));
        assert!(!names_someone("She"));
        assert!(!names_someone(""));
        assert!(mentions_word("said Ruiz and Held", "held"));
        assert!(!mentions_word("said Ruiz and Heldt", "held"));
    }

    #[test]
    fn joint_speakers_widen_the_phrase() {
        let widen = |t: &str, name: &str| {
            let s = t.find(name).unwrap();
            with_coordinated(t, Span::new(s, s + name.len()))
                .slice(t)
                .to_string()
        };
        assert_eq!(
            widen("\"We are ready,\" said Ruiz and Held.", "Ruiz"),
            "Ruiz and Held"
        );
        assert_eq!(
            widen(
                "The producers Ana Ruiz and Tomas Held said: \"Ready.\"",
                "Tomas Held"
            ),
            "Ana Ruiz and Tomas Held"
        );
        assert_eq!(widen("\"Ready,\" said Ruiz and others.", "Ruiz"), "Ruiz");
        assert_eq!(widen("Ruiz", "Ruiz"), "Ruiz");
    }
}
