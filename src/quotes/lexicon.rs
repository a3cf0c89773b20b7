//! The quote layer's word lists, embedded from `rules/lexicon/` and parsed once.

use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

fn lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Speech verbs in every listed inflection ("said", "told", "wrote", ...), lower case.
pub static SPEECH_VERBS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../../rules/lexicon/speech-verbs.txt")).collect());

/// Function words ignored when comparing content words.
pub static STOPWORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../../rules/lexicon/stopwords.txt")).collect());

/// Lower-case nouns that may be part of a speaker phrase ("spokesperson", "police").
pub static SPEAKER_NOUNS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../../rules/lexicon/speaker-nouns.txt")).collect());

/// Abbreviations whose period does not end a sentence ("Mr", "Gen").
pub static ABBREVIATIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../../rules/lexicon/abbreviations.txt")).collect());

/// Words that may stand between a speaker and a speech verb ("also", "later").
pub static FRAME_ADVERBS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../../rules/lexicon/frame-adverbs.txt")).collect());

/// Capitalised words that are not speakers (weekdays, months, sentence adverbs).
pub static NON_SPEAKERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../../rules/lexicon/non-speakers.txt")).collect());

/// Number words -> digits ("two" -> "2"): the units and tens of the shared number-word
/// lexicon (`word<TAB>kind<TAB>value`).
pub static NUMBER_WORDS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    lines(include_str!("../../rules/lexicon/number-words.tsv"))
        .filter_map(|l| {
            let mut it = l.split('\t');
            let word = it.next()?.trim();
            let kind = it.next()?.trim();
            let value = it.next()?.trim();
            matches!(kind, "unit" | "tens").then_some((word, value))
        })
        .collect()
});

/// Synonym groups (raw words), for the similarity score only.
pub static SYNONYM_GROUPS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    lines(include_str!("../../rules/lexicon/synonyms.txt"))
        .map(|l| {
            l.split(',')
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .collect()
        })
        .collect()
});

/// British form -> American form.
pub static SPELLING: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    lines(include_str!("../../rules/lexicon/spelling-variants.tsv"))
        .filter_map(|l| {
            let mut it = l.split('\t');
            Some((it.next()?.trim(), it.next()?.trim()))
        })
        .filter(|(b, a)| !b.is_empty() && !a.is_empty())
        .collect()
});

/// (phrase, channel label) pairs from `quote-channels.tsv`.
pub static CHANNELS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    lines(include_str!("../../rules/lexicon/quote-channels.tsv"))
        .filter_map(|l| {
            let mut it = l.split('\t');
            let p = it.next()?.trim();
            let c = it.next()?.trim();
            (!p.is_empty() && !c.is_empty()).then_some((p, c))
        })
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_parse_and_skip_comments() {
        assert!(SPEECH_VERBS.contains("said"));
        assert!(!SPEECH_VERBS.iter().any(|v| v.starts_with('#')));
        assert!(STOPWORDS.contains("the"));
        assert_eq!(SPELLING.get("centre"), Some(&"center"));
        assert!(SPELLING.len() > 300);
        assert!(
            CHANNELS
                .iter()
                .any(|(p, c)| *p == "readout" && *c == "readout")
        );
        assert!(SPEAKER_NOUNS.contains("spokesperson"));
    }
}
