//! What the clustering reads of one document: its headline and lead as lower-case words,
//! the capitalised names written mid-sentence, a MinHash signature of its word shingles,
//! and its publication day.
//!
//! *It does not* compare documents (that is `similarity`) nor weigh words against the
//! feed (document frequencies are `similarity::Vocabulary`'s): a profile depends on its
//! document alone, so profiles are built in parallel and never change with the rest of
//! the feed.

use crate::document::Document;
use crate::lexicon::lexicons;

/// Words of the body read as the lead: a rewrite keeps its source's opening paragraphs,
/// and a story's distinctive words are said early; the tail of a long article (related
/// links, background) would only add noise.
pub const LEAD_WORDS: usize = 400;
/// Words per shingle for the MinHash signature (rewrites share runs of five words).
pub const SHINGLE: usize = 5;
/// MinHash functions: `BANDS` bands of `ROWS` rows for the LSH buckets.
pub const BANDS: usize = 16;
pub const ROWS: usize = 8;
pub const HASHES: usize = BANDS * ROWS;

/// Month and weekday names: capitalised everywhere, but never the name of a story.
const TIME_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// One document as the clustering sees it.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The headline's words (lower case, stopwords dropped), counted twice in `terms`.
    pub headline: Vec<String>,
    /// Lower-case content words of the headline and lead, with their counts, sorted.
    pub terms: Vec<(String, u32)>,
    /// Capitalised words written mid-sentence (lower case, sorted, deduplicated): the
    /// people, places and organisations of the story, without a name model.
    pub names: Vec<String>,
    /// The MinHash signature of the lead's word shingles (`HASHES` minima).
    pub minhash: Vec<u64>,
    /// The publication day (days since 1970-01-01), when the document has a date.
    pub day: Option<i64>,
}

/// The words of a text (letters, digits and inner apostrophes), with their byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let inside = c.is_alphanumeric() || c == '\'';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = text[s..i].trim_matches('\'');
                if !w.is_empty() {
                    let lead = text[s..i].len() - text[s..i].trim_start_matches('\'').len();
                    out.push((s + lead, w));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn is_content(w: &str) -> bool {
    w.chars().count() >= 2 && !lexicons().stopwords.contains(w)
}

/// Does a sentence start just before `at` (only spaces, quotes or brackets since the
/// last full stop, or since the start of the line)?
fn sentence_start(line: &str, at: usize) -> bool {
    for c in line[..at].chars().rev() {
        match c {
            '.' | '!' | '?' | ':' | ';' => return true,
            c if c.is_whitespace() || "\"'“‘([—–-".contains(c) => continue,
            _ => return false,
        }
    }
    true
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a's step over more bytes.
fn fnv_more(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A 64-bit FNV-1a hash: fixed, so signatures are the same on every run and machine.
pub fn fnv(bytes: &[u8]) -> u64 {
    fnv_more(FNV_OFFSET, bytes)
}

/// The hash of a shingle: FNV-1a of its words joined by spaces, without joining them.
fn shingle_hash(words: &[String]) -> u64 {
    let mut h = FNV_OFFSET;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            h = fnv_more(h, b" ");
        }
        h = fnv_more(h, w.as_bytes());
    }
    h
}

/// The `i`-th hash function of the signature: the shingle's hash mixed with a seed
/// (splitmix64's finaliser).
fn permute(h: u64, i: usize) -> u64 {
    let mut z = h ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The MinHash signature of a word sequence's shingles (all `u64::MAX` when it has no
/// shingle: such a document is nobody's rewrite).
pub fn minhash(words: &[String]) -> Vec<u64> {
    let mut sig = vec![u64::MAX; HASHES];
    if words.len() < SHINGLE {
        return sig;
    }
    for w in words.windows(SHINGLE) {
        let h = shingle_hash(w);
        for (i, m) in sig.iter_mut().enumerate() {
            *m = (*m).min(permute(h, i));
        }
    }
    sig
}

impl Profile {
    pub fn of(doc: &Document) -> Profile {
        let body = doc.text.get(doc.body_start..).unwrap_or("");
        let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
        let headline_line = lines.next().unwrap_or("");
        let lower = |w: &str| w.to_lowercase();
        let headline: Vec<String> = words(headline_line)
            .into_iter()
            .map(|(_, w)| lower(w))
            .filter(|w| is_content(w))
            .collect();
        let mut all_words: Vec<String> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for line in lines {
            if all_words.len() >= LEAD_WORDS {
                break;
            }
            for (at, w) in words(line) {
                let l = lower(w);
                let capital = w.chars().next().is_some_and(char::is_uppercase);
                if capital
                    && w.chars().count() >= 3
                    && !sentence_start(line, at)
                    && !lexicons().stopwords.contains(&l)
                    && !TIME_NAMES.contains(&l.as_str())
                {
                    names.push(l.clone());
                }
                all_words.push(l);
            }
        }
        all_words.truncate(LEAD_WORDS);
        let minhash = minhash(&all_words);
        let mut counts: std::collections::BTreeMap<String, u32> = Default::default();
        for w in headline.iter().chain(&headline).cloned() {
            *counts.entry(w).or_default() += 1;
        }
        for w in all_words.into_iter().filter(|w| is_content(w)) {
            *counts.entry(w).or_default() += 1;
        }
        names.sort();
        names.dedup();
        Profile {
            headline,
            terms: counts.into_iter().collect(),
            names,
            minhash,
            day: doc
                .published
                .map(|d| i64::from((d - jiff::civil::date(1970, 1, 1)).get_days())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::document_from_text;

    fn profile(text: &str) -> Profile {
        Profile::of(&document_from_text("a", "a.txt", text.to_string()))
    }

    #[test]
    fn names_are_capitalised_words_inside_sentences() {
        let p = profile(
            "date 2031-03-14\nFerry Sinks Near Harbourton\nPolice said the Veldra ferry sank on Monday. Rescuers from Calloway helped.\n",
        );
        assert_eq!(p.names, ["calloway", "veldra"]);
        assert!(p.terms.iter().any(|(t, n)| t == "harbourton" && *n == 2));
        assert!(!p.terms.iter().any(|(t, _)| t == "the"));
        assert_eq!(p.headline, ["ferry", "sinks", "near", "harbourton"]);
        assert!(p.day.is_some());
    }

    #[test]
    fn a_shingle_hashes_as_its_words_joined() {
        let w: Vec<String> = ["the", "old", "bridge"].map(String::from).to_vec();
        assert_eq!(shingle_hash(&w), fnv(b"the old bridge"));
    }

    #[test]
    fn a_verbatim_copy_has_the_same_signature() {
        let text = "Headline\nThe council of Marenland voted on Tuesday to close the old bridge over the Veldra river.\n";
        assert_eq!(profile(text).minhash, profile(text).minhash);
        assert_ne!(profile(text).minhash, vec![u64::MAX; HASHES]);
        assert_eq!(
            profile("Headline\nToo short.\n").minhash,
            vec![u64::MAX; HASHES]
        );
    }
}
