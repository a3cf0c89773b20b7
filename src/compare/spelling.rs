//! Spelling: is one capitalised word another one misspelt ("Hallorsen" / "Halorsen",
//! "Marenland" / "Marrenland")?
//!
//! The person-name comparator ([`super::names`]) only sees names the mention finder took
//! for people. A place, an organisation, a given name on its own or a word in a headline can
//! be misspelt too. A pair of capitalised words is a spelling variant when:
//! - both have at least five letters, and one is a single edit from the other (a letter
//!   added, dropped, changed, or two swapped) *inside* the word: the first and the last
//!   letters agree, so inflections ("Democrat" / "Democrats", "Veldra" / "Veldran") and
//!   different names ("Iran" / "Iraq") never qualify;
//! - they are not both ordinary English words ("There" / "These", "County" / "Country";
//!   `rules/lexicon/common-words.txt`);
//! - they are not a British and an American spelling of one word ("Defence" / "Defense";
//!   the quote normaliser's table and rules), nor the same word with and without accents.
//!
//! Whether two documents may be compared at all (one story, never both spellings in one
//! document) is the linker's business, not this module's.

/// Shortest word compared: shorter names differ by one letter too often ("Shaw" / "Shah").
pub const MIN_LETTERS: usize = 5;

pub use crate::lexicon::is_common_word;

/// Whether `lower` (lower case) is general English that says nothing about which story a
/// text tells: an ordinary word, or a calendar word ("Friday", "March").
pub fn is_ordinary(lower: &str) -> bool {
    is_common_word(lower) || crate::temporal::is_time_word(lower)
}

/// Whether `w` is a capitalised word this comparator looks at: an upper-case letter, then
/// at least four lower-case letters and nothing else.
pub fn is_candidate(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && cs.clone().all(|c| c.is_alphabetic() && c.is_lowercase())
        && cs.count() + 1 >= MIN_LETTERS
}

/// Why `a` and `b` (as written) look like one word spelled two ways, or `None`.
pub fn variant(a: &str, b: &str) -> Option<&'static str> {
    if a == b || !is_candidate(a) || !is_candidate(b) {
        return None;
    }
    let (fa, fb) = (crate::entities::fold(a), crate::entities::fold(b));
    if fa == fb {
        return None; // accents only: the same spelling
    }
    let same_ends =
        fa.chars().next() == fb.chars().next() && fa.chars().last() == fb.chars().last();
    if !same_ends || !crate::compare::edit::within_one_edit(&fa, &fb) {
        return None;
    }
    if is_common_word(&fa) && is_common_word(&fb) {
        return None;
    }
    if crate::quotes::canonical_spelling(&fa) == crate::quotes::canonical_spelling(&fb) {
        return None; // British and American spellings of one word
    }
    Some("spelling")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: &str, b: &str, expect: bool) {
        assert_eq!(variant(a, b).is_some(), expect, "{a} / {b}");
        assert_eq!(variant(b, a).is_some(), expect, "{b} / {a} (symmetric)");
    }

    #[test]
    fn one_inner_edit_is_a_variant() {
        check("Halvorsen", "Halvorssen", true); // letter doubled
        check("Marenland", "Marenlend", true); // vowel changed
        check("Brennholt", "Brenholt", true); // letter dropped
        check("Tidewater", "Tidewaetr", true); // two letters swapped
        check("Harbourton", "Harburton", true);
    }

    #[test]
    fn ends_inflections_and_other_names_are_not() {
        check("Democrat", "Democrats", false);
        check("Veldra", "Veldran", false);
        check("Aster", "Oster", false); // first letter
        check("Halvorsen", "Halvorsan", true);
        check("Halvorsen", "Halvorsin", true);
        check("Halvorsen", "Halvorsem", false); // last letter
        check("Korval", "Korvalle", false); // two edits
    }

    #[test]
    fn ordinary_words_british_spellings_accents_and_short_words_are_not() {
        check("There", "These", false);
        check("County", "Country", false);
        check("Defence", "Defense", false);
        check("Organisation", "Organization", false);
        check("Labour", "Labor", false);
        check("Lucía", "Lucia", false);
        check("Shaw", "Shah", false);
        // One ordinary word misspelt is a variant.
        check("Council", "Councel", true);
    }

    #[test]
    fn candidates_are_capitalised_words() {
        assert!(is_candidate("Harbourton"));
        assert!(is_candidate("Zoëlla"));

        assert!(!is_candidate("harbourton"));
        assert!(!is_candidate("HARBOURTON"));
        assert!(!is_candidate("McNeil"));
        assert!(!is_candidate("Anna"));
    }
}
