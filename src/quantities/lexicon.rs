//! The embedded lexicons of `rules/lexicon/`, parsed once.

use foldhash::HashMap;
use foldhash::HashMapExt;
use std::sync::LazyLock;

use super::{Hedge, NounClass, Quantifier};

const NUMBER_WORDS_TSV: &str = include_str!("../../rules/lexicon/number-words.tsv");
const HEDGES_TSV: &str = include_str!("../../rules/lexicon/hedges.tsv");
const NOUN_CLASSES_TSV: &str = include_str!("../../rules/lexicon/noun-classes.tsv");
const QUANTIFIERS_TSV: &str = include_str!("../../rules/lexicon/quantifiers.tsv");
const VERBS_TSV: &str = include_str!("../../rules/lexicon/quantity-verbs.tsv");
const UNITS_TSV: &str = include_str!("../../rules/lexicon/units.tsv");
const FUNCTION_TSV: &str = include_str!("../../rules/lexicon/quantity-function-words.tsv");

/// Non-comment, non-blank rows split on tabs.
fn rows(src: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    src.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn words(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NwKind {
    Unit,
    Tens,
    Mult,
    Scale,
    Group,
    Couple,
    Half,
    Abbr,
    Vague,
    VagueOf,
    Label,
    Month,
    Weekday,
    Percent,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct NumberWord {
    pub kind: NwKind,
    pub value: f64,
    pub max: f64,
}

pub(crate) static NUMBER_WORDS: LazyLock<HashMap<String, NumberWord>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for r in rows(NUMBER_WORDS_TSV) {
        let kind = match r.get(1).copied() {
            Some("unit") => NwKind::Unit,
            Some("tens") => NwKind::Tens,
            Some("mult") => NwKind::Mult,
            Some("scale") => NwKind::Scale,
            Some("group") => NwKind::Group,
            Some("couple") => NwKind::Couple,
            Some("half") => NwKind::Half,
            Some("abbr") => NwKind::Abbr,
            Some("vague") => NwKind::Vague,
            Some("vague-of") => NwKind::VagueOf,
            Some("label") => NwKind::Label,
            Some("month") => NwKind::Month,
            Some("weekday") => NwKind::Weekday,
            Some("percent") => NwKind::Percent,
            _ => continue,
        };
        let value = r.get(2).and_then(|v| v.parse().ok()).unwrap_or(0.0);
        let max = r.get(3).and_then(|v| v.parse().ok()).unwrap_or(value);
        m.insert(r[0].to_lowercase(), NumberWord { kind, value, max });
    }
    m
});

pub(crate) fn number_word(w: &str) -> Option<NumberWord> {
    crate::lexicon::with_lowercase(w, |l| NUMBER_WORDS.get(l).copied())
}

/// Every number word, for [`may_hold_number`].
static NUMBER_WORD_FINDER: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let mut words: Vec<&String> = NUMBER_WORDS.keys().collect();
    words.sort();
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        // A DFA: the fastest scan, and small for these few patterns (the default picks an
        // NFA above 100 patterns).
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(words)
        .expect("number-word automaton builds")
});

/// Could `s` hold a number: a digit, or a number word standing as a whole word? Most
/// sentences hold none, and quantity extraction skips them on this one scan.
pub(crate) fn may_hold_number(s: &str) -> bool {
    if s.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let b = s.as_bytes();
    // Non-ASCII neighbours count as boundaries: a superset of what the tokenizer splits.
    let word_byte = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphanumeric);
    NUMBER_WORD_FINDER
        .find_overlapping_iter(s)
        .any(|m| (m.start() == 0 || !word_byte(m.start() - 1)) && !word_byte(m.end()))
}

/// Multi-word percent phrases ("per cent").
pub(crate) static PERCENT_PHRASES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    rows(NUMBER_WORDS_TSV)
        .filter(|r| r.get(1) == Some(&"percent"))
        .map(|r| words(r[0]))
        .collect()
});

pub(crate) struct HedgeEntry {
    pub words: Vec<String>,
    pub hedge: Hedge,
    pub post: bool,
}

pub(crate) fn hedge_kind(s: &str) -> Option<Hedge> {
    Some(match s {
        "at-least" => Hedge::AtLeast,
        "more-than" => Hedge::MoreThan,
        "at-most" => Hedge::AtMost,
        "less-than" => Hedge::LessThan,
        "about" => Hedge::About,
        "up-to" => Hedge::UpTo,
        "nearly" => Hedge::Nearly,
        "as-many-as" => Hedge::AsManyAs,
        "exact" => Hedge::Exact,
        _ => return None,
    })
}

/// Hedges, longest phrase first.
pub(crate) static HEDGES: LazyLock<Vec<HedgeEntry>> = LazyLock::new(|| {
    let mut v: Vec<HedgeEntry> = rows(HEDGES_TSV)
        .filter_map(|r| {
            Some(HedgeEntry {
                words: words(r[0]),
                hedge: hedge_kind(r.get(1)?)?,
                post: r.get(2) == Some(&"post"),
            })
        })
        .collect();
    v.sort_by_key(|h| std::cmp::Reverse(h.words.len()));
    v
});

#[derive(Clone, Debug)]
pub(crate) struct NounEntry {
    pub class: NounClass,
    pub lemma: String,
    /// Same family = same thing counted; "*" = generic noun of its class.
    pub family: String,
}

fn class_of(s: &str) -> NounClass {
    match s {
        "person" => NounClass::Person,
        "place" => NounClass::Place,
        "object" => NounClass::Object,
        "document" => NounClass::Document,
        "money" => NounClass::Money,
        "time-unit" => NounClass::Duration,
        "age" => NounClass::Age,
        "event" => NounClass::Event,
        "percent" => NounClass::Percent,
        _ => NounClass::Other,
    }
}

pub(crate) static NOUNS: LazyLock<HashMap<String, NounEntry>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for r in rows(NOUN_CLASSES_TSV) {
        if r.len() < 3 {
            continue;
        }
        let lemma = r[2].to_string();
        let family = r.get(3).map_or_else(|| lemma.clone(), |f| f.to_string());
        m.entry(r[0].to_lowercase()).or_insert(NounEntry {
            class: class_of(r[1]),
            lemma,
            family,
        });
    }
    m
});

pub(crate) fn noun(w: &str) -> Option<&'static NounEntry> {
    crate::lexicon::with_lowercase(w, |l| NOUNS.get(l))
}

/// Canonical currency code of a currency as written (`"$"` → `"USD"`, `"euros"` → `"EUR"`,
/// `"A$"` → `"AUD"`). A bare `$` is taken as US dollars.
pub fn currency_code(written: &str) -> Option<String> {
    let e = noun(written.trim())?;
    (e.class == NounClass::Money).then(|| e.family.clone())
}

/// Is `written` a currency ([`currency_code`] is some)? Asked of every token next to a
/// numeral: no `String` for the answer.
pub(crate) fn is_currency(written: &str) -> bool {
    noun(written.trim()).is_some_and(|e| e.class == NounClass::Money)
}

pub(crate) struct QuantifierEntry {
    pub words: Vec<String>,
    pub kind: Quantifier,
}

/// Quantifiers, longest phrase first.
pub(crate) static QUANTIFIERS: LazyLock<Vec<QuantifierEntry>> = LazyLock::new(|| {
    let mut v: Vec<QuantifierEntry> = rows(QUANTIFIERS_TSV)
        .filter_map(|r| {
            let kind = match *r.get(1)? {
                "all" => Quantifier::All,
                "most" => Quantifier::Most,
                "many" => Quantifier::Many,
                "some" => Quantifier::Some,
                "few" => Quantifier::Few,
                "none" => Quantifier::None,
                "including" => Quantifier::Including,
                _ => return None,
            };
            Some(QuantifierEntry {
                words: words(r[0]),
                kind,
            })
        })
        .collect();
    v.sort_by_key(|q| std::cmp::Reverse(q.words.len()));
    v
});

static VERBS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    rows(VERBS_TSV)
        .filter(|r| r.len() >= 2)
        .map(|r| (r[0].to_lowercase(), r[1].to_string()))
        .collect()
});

/// `Some(Some(lemma))` for a listed event verb, `Some(None)` for a listed reporting verb,
/// `None` when the form is not listed.
pub(crate) fn verb(w: &str) -> Option<Option<&'static str>> {
    crate::lexicon::with_lowercase(w, |l| VERBS.get(l)).map(|l| (l != "-").then_some(l.as_str()))
}

static UNITS: LazyLock<HashMap<String, (&'static str, f64)>> = LazyLock::new(|| {
    rows(UNITS_TSV)
        .filter_map(|r| Some((r[0].to_string(), (*r.get(1)?, r.get(2)?.parse().ok()?))))
        .collect()
});

/// A unit of measure as written ("feet", "ft", "pounds", "weeks"): its dimension and the
/// factor to the dimension's base unit. Case matters for abbreviations ("m", not "M").
pub(crate) fn unit(w: &str) -> Option<(&'static str, f64)> {
    UNITS
        .get(w)
        .or_else(|| {
            (w.len() > 3)
                .then(|| UNITS.get(&w.to_lowercase()))
                .flatten()
        })
        .copied()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Aux,
    Det,
    Extra,
    Prep,
    PlacePrep,
    Stop,
}

static FUNCTION_WORDS: LazyLock<HashMap<String, Role>> = LazyLock::new(|| {
    rows(FUNCTION_TSV)
        .filter_map(|r| {
            let role = match *r.get(1)? {
                "aux" => Role::Aux,
                "det" => Role::Det,
                "extra" => Role::Extra,
                "prep" => Role::Prep,
                "place-prep" => Role::PlacePrep,
                "stop" => Role::Stop,
                _ => return None,
            };
            Some((r[0].to_lowercase(), role))
        })
        .collect()
});

pub(crate) fn role(w: &str) -> Option<Role> {
    crate::lexicon::with_lowercase(w, |l| FUNCTION_WORDS.get(l).copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_rows_well_formed(src: &'static str, min_cols: usize) -> Vec<String> {
        rows(src)
            .filter(|r| r.len() < min_cols || r.iter().any(|c| c.is_empty()))
            .map(|r| r.join("|"))
            .collect()
    }

    #[test]
    fn every_lexicon_row_parses() {
        assert!(all_rows_well_formed(NUMBER_WORDS_TSV, 3).is_empty());
        assert!(all_rows_well_formed(HEDGES_TSV, 3).is_empty());
        assert!(all_rows_well_formed(NOUN_CLASSES_TSV, 3).is_empty());
        assert!(all_rows_well_formed(QUANTIFIERS_TSV, 2).is_empty());
        assert!(all_rows_well_formed(VERBS_TSV, 2).is_empty());
        assert!(all_rows_well_formed(FUNCTION_TSV, 2).is_empty());
        assert!(all_rows_well_formed(UNITS_TSV, 3).is_empty());
        assert_eq!(
            UNITS.len(),
            rows(UNITS_TSV).count(),
            "unit without a factor"
        );
        assert_eq!(HEDGES.len(), rows(HEDGES_TSV).count(), "unknown hedge kind");
        assert_eq!(QUANTIFIERS.len(), rows(QUANTIFIERS_TSV).count());
    }

    #[test]
    fn lookups() {
        assert_eq!(number_word("Twenty").map(|n| n.value), Some(20.0));
        assert_eq!(noun("Tourists").map(|n| n.lemma.as_str()), Some("tourist"));
        assert_eq!(noun("people").map(|n| n.family.as_str()), Some("*"));
        assert_eq!(currency_code("€").as_deref(), Some("EUR"));
        assert_eq!(currency_code("A$").as_deref(), Some("AUD"));
        assert_eq!(currency_code("tourists"), None);
        assert_eq!(verb("said"), Some(None));
        assert_eq!(verb("injured"), Some(Some("injure")));
        assert_eq!(HEDGES[0].words.len(), 3);
    }
}
