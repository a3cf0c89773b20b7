//! General-English lexicons, embedded from `rules/lexicon/` and built once.
//! Multi-word phrase lists become aho-corasick automata (leftmost-longest, whole words).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

/// Call `f` with `w` in lower case, without allocating for the common case (a short
/// ASCII word): lexicon look-ups run once per word of every sentence.
pub fn with_lowercase<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    if w.is_ascii() {
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return f(w);
        }
        let mut buf = [0u8; 48];
        if let Some(dst) = buf.get_mut(..w.len()) {
            dst.copy_from_slice(w.as_bytes());
            dst.make_ascii_lowercase();
            // ASCII in, ASCII out: always UTF-8.
            if let Ok(l) = std::str::from_utf8(dst) {
                return f(l);
            }
        }
    }
    f(&w.to_lowercase())
}

/// A word-list file's entries: its trimmed lines, without blank and `#` comment lines.
pub(crate) fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn word_set(src: &'static str) -> HashSet<String> {
    entries(src).map(|l| l.to_lowercase()).collect()
}

/// A phrase list matched case-insensitively on whole words, longest first.
pub struct PhraseList {
    pub phrases: Vec<String>,
    /// Per phrase: the value after a TAB, if the file has one.
    pub values: Vec<String>,
    ac: AhoCorasick,
}

impl PhraseList {
    fn from_src(src: &'static str) -> Self {
        let mut phrases = Vec::new();
        let mut values = Vec::new();
        for l in entries(src) {
            let (p, v) = l.split_once('\t').unwrap_or((l, ""));
            phrases.push(p.trim().to_lowercase());
            values.push(v.trim().to_string());
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .expect("lexicon automaton builds");
        PhraseList {
            phrases,
            values,
            ac,
        }
    }

    /// Whole-word matches in `text`: (start, end, pattern index).
    pub fn find_words(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let b = text.as_bytes();
        self.ac
            .find_iter(text)
            .filter(|m| {
                let before_ok = m.start() == 0 || !is_word_byte(b[m.start() - 1]);
                let after_ok = m.end() >= b.len() || !is_word_byte(b[m.end()]);
                before_ok && after_ok
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }
}

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c >= 0x80
}

pub struct Lexicons {
    pub titles: PhraseList,
    pub honorifics: HashSet<String>,
    pub org_cues: HashSet<String>,
    pub non_person_cues: HashSet<String>,
    pub place_cues: HashSet<String>,
    pub pronouns: HashSet<String>,
    /// demonym or short form (as written, case-sensitive) → country
    pub demonyms: HashMap<String, String>,
    pub communication: PhraseList,
    /// Function words (lower case): never the first word of a name.
    pub stopwords: HashSet<String>,
    /// Verbs that frame speech ("said", "added"): the name next to one is a speaker.
    pub speech_verbs: HashSet<String>,
    /// Words saying an office changed hands ("resigned", "succeeded", "sworn in").
    pub office_change: PhraseList,
    /// Rank words that make a different office of a title ("assistant", "deputy").
    pub ranks: HashSet<String>,
    /// Titles many hold at once ("spokesperson", "minister"): not one holder's office.
    pub shared_offices: HashSet<String>,
    /// Words naming a kind of part of an organisation ("division", "group"): a title's
    /// unit is compared on its other words.
    pub org_units: HashSet<String>,
    /// Full weekday names ("monday"): a capitalised weekday is never part of a name
    /// ("the Appeals Court Monday").
    pub weekdays: HashSet<String>,
}

pub static LEXICONS: LazyLock<Lexicons> = LazyLock::new(|| Lexicons {
    titles: PhraseList::from_src(include_str!("../rules/lexicon/titles.txt")),
    honorifics: word_set(include_str!("../rules/lexicon/honorifics.txt")),
    org_cues: word_set(include_str!("../rules/lexicon/org-cues.txt")),
    non_person_cues: word_set(include_str!("../rules/lexicon/non-person-cues.txt")),
    place_cues: word_set(include_str!("../rules/lexicon/place-cues.txt")),
    pronouns: word_set(include_str!("../rules/lexicon/pronouns.txt")),
    demonyms: entries(include_str!("../rules/lexicon/demonyms.tsv"))
        .filter_map(|l| l.split_once('\t'))
        .map(|(d, c)| (d.trim().to_string(), c.trim().to_string()))
        .collect(),
    communication: PhraseList::from_src(include_str!("../rules/lexicon/communication.txt")),
    // Function words and sentence adverbs ("Meanwhile", "However") never open a name.
    stopwords: word_set(include_str!("../rules/lexicon/stopwords.txt"))
        .into_iter()
        .chain(word_set(include_str!("../rules/lexicon/non-speakers.txt")))
        .collect(),
    speech_verbs: word_set(include_str!("../rules/lexicon/speech-verbs.txt")),
    office_change: PhraseList::from_src(include_str!("../rules/lexicon/office-change.txt")),
    weekdays: entries(include_str!("../rules/lexicon/time-weekdays.tsv"))
        .filter(|l| l.split('\t').nth(2).map(str::trim) == Some("full"))
        .filter_map(|l| l.split('\t').next())
        .map(|w| w.trim().to_string())
        .collect(),
    ranks: word_set(include_str!("../rules/lexicon/ranks.txt")),
    shared_offices: word_set(include_str!("../rules/lexicon/shared-offices.txt")),
    org_units: word_set(include_str!("../rules/lexicon/org-units.txt")),
});

pub fn lexicons() -> &'static Lexicons {
    &LEXICONS
}

static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("../rules/lexicon/common-words.txt")).collect());

/// Whether `lower` (lower case, five letters or more) is an ordinary English word
/// (`rules/lexicon/common-words.txt`).
pub fn is_common_word(lower: &str) -> bool {
    COMMON.contains(lower)
}

/// Whether `lower` is the "-ing" form of an ordinary verb ("choosing", "running",
/// "taking"): its stem, with a final "e" restored or a doubled consonant undone, is an
/// ordinary word.
pub fn is_common_gerund(lower: &str) -> bool {
    let Some(stem) = lower.strip_suffix("ing") else {
        return false;
    };
    let b = stem.as_bytes();
    let undoubled =
        (b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2]).then(|| &stem[..stem.len() - 1]);
    is_common_word(stem)
        || is_common_word(&format!("{stem}e"))
        || undoubled.is_some_and(is_common_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_lowercase_matches_to_lowercase() {
        for w in [
            "two",
            "Two",
            "TWO",
            "Zoë",
            "ÉCOLE",
            "",
            &"X".repeat(100),
            "İstanbul",
        ] {
            assert_eq!(with_lowercase(w, str::to_string), w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn lexicons_load_and_match_whole_words() {
        let l = lexicons();
        let t = "the Secretary of State and the Prime Minister; secretaryship";
        let hits: Vec<&str> = l
            .titles
            .find_words(t)
            .iter()
            .map(|(s, e, _)| &t[*s..*e])
            .collect();
        assert_eq!(hits, vec!["Secretary of State", "Prime Minister"]);
        assert_eq!(
            l.demonyms.get("Pakistani").map(String::as_str),
            Some("Pakistan")
        );
        assert!(l.org_cues.contains("ministry"));
        // Compared with the whole title, as written in the list.
        assert!(l.shared_offices.contains("minister"));
        assert!(l.shared_offices.contains("u.s. attorney"));
        assert!(!l.shared_offices.contains("prime minister"));
    }

    /// Every word list on disk is embedded somewhere (`include_str!` or a module's
    /// `lexicon_file!`): a list that nothing reads is a list someone edits in vain.
    #[test]
    fn every_lexicon_file_is_embedded() {
        fn sources(dir: &std::path::Path, out: &mut String) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    sources(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push_str(&std::fs::read_to_string(&p).unwrap());
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut code = String::new();
        sources(&root.join("src"), &mut code);
        let mut missing = Vec::new();
        for e in std::fs::read_dir(root.join("rules/lexicon")).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if !code.contains(&format!("{name}\")")) {
                missing.push(name);
            }
        }
        assert!(missing.is_empty(), "not embedded: {missing:?}");
    }
}
