//! Page furniture ("ADVERTISEMENT", "Also Read: ...", photo captions, related-story lists,
//! disclaimers): recognised so that no claim is drawn from it, never deleted from the text.

use regex::{RegexSet, RegexSetBuilder};
use std::sync::LazyLock;

static PATTERNS: &str = include_str!("../rules/lexicon/boilerplate.txt");

static SET: LazyLock<RegexSet> = LazyLock::new(|| {
    let pats: Vec<String> = PATTERNS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        // An ASCII word boundary keeps the set on the lazy DFA: a Unicode `\b` sends any
        // line with a curly quote or accent to the (far slower) PikeVM.
        .map(|l| l.replace(r"\b", r"(?-u:\b)"))
        .collect();
    RegexSetBuilder::new(pats)
        .case_insensitive(true)
        .build()
        .expect("boilerplate lexicon compiles (checked by tests)")
});

/// Is this line (without its terminator) page furniture?
pub fn is_boilerplate_line(line: &str) -> bool {
    let t = line.trim();
    // Page furniture is short; a long paragraph is reporting (and skipping the regex set
    // on it keeps segmentation fast).
    !t.is_empty() && t.len() <= MAX_FURNITURE_BYTES && SET.is_match(t)
}

/// The longest line taken for furniture: captions and disclaimers run to a few sentences.
const MAX_FURNITURE_BYTES: usize = 400;

/// Is this paragraph a bare headline-like line: short, no sentence-final punctuation?
/// Used to spot related-story lists at the end of an article.
pub fn is_headline_like(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    (1..=20).contains(&words) && !t.ends_with(['.', '"', '”', '’', ':', '?', '!', ')'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_furniture() {
        for l in [
            "ADVERTISEMENT",
            "ADVERTISEMENTs",
            "Also Read: Storm closes port for a week",
            "SCROLL FOR NEXT",
            "Comments",
            "Related",
            "//",
            "Disclaimer: This story is from a syndicated feed.",
            "The mayor waves to supporters in Lisbon, May 2, 2030 / REUTERS/Ana Lima",
            "Minister Ola Berg at the summit. FILE Photo | AP",
        ] {
            assert!(is_boilerplate_line(l), "{l}");
        }
    }

    #[test]
    fn keeps_reporting() {
        for l in [
            "The minister said the port would reopen on Monday.",
            "Police said 12 people were injured, according to Reuters.",
            "Comments from the mayor came later in the day.",
        ] {
            assert!(!is_boilerplate_line(l), "{l}");
        }
    }
}
