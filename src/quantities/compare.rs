//! Comparing two quantities that may describe the same thing.

use super::lexicon::{currency_code, noun};
use super::{Hedge, NounClass, Quantifier, Quantity, QuantityRelation};

/// Relative slack for floating-point comparison of interval ends.
const EPS: f64 = 1e-9;

/// How the counted nouns of two quantities relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Nouns {
    /// Same noun family, or one side names no noun.
    Same,
    /// `a` is generic ("people"), `b` specific ("civilians").
    AGeneric,
    BGeneric,
    Different,
}

fn family(lemma: &str) -> String {
    noun(lemma).map_or_else(|| lemma.to_string(), |e| e.family.clone())
}

fn is_generic(q: &Quantity) -> bool {
    q.noun.as_deref().is_some_and(|n| family(n) == "*")
}

fn nouns(a: &Quantity, b: &Quantity) -> Nouns {
    match (a.noun.as_deref(), b.noun.as_deref()) {
        (Some(x), Some(y)) => {
            let (fx, fy) = (family(x), family(y));
            if fx == fy {
                Nouns::Same
            } else if fx == "*" && a.class == b.class {
                Nouns::AGeneric
            } else if fy == "*" && a.class == b.class {
                Nouns::BGeneric
            } else {
                Nouns::Different
            }
        }
        _ => Nouns::Same,
    }
}

fn classes_compatible(a: NounClass, b: NounClass) -> bool {
    use NounClass::*;
    a == b
        || matches!(
            (a, b),
            (Unknown, Person | Other | Event) | (Person | Other | Event, Unknown)
        )
}

fn differ(a: Option<&str>, b: Option<&str>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if !x.eq_ignore_ascii_case(y))
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    let slack = |x: f64| x.abs() * EPS;
    a.0 <= b.1 + slack(b.1) && b.0 <= a.1 + slack(a.1)
}

fn hedge_words(h: Hedge) -> &'static str {
    match h {
        Hedge::Exact => "",
        Hedge::AtLeast => "at least ",
        Hedge::MoreThan => "more than ",
        Hedge::AtMost => "at most ",
        Hedge::LessThan => "less than ",
        Hedge::About => "about ",
        Hedge::UpTo => "up to ",
        Hedge::Nearly => "nearly ",
        Hedge::AsManyAs => "as many as ",
    }
}

fn show(q: &Quantity) -> String {
    format!("{}{}", hedge_words(q.number.hedge), q.number.text)
}

/// Noun families all members are said to be: the specific head noun and "all" descriptors.
fn all_are(q: &Quantity) -> Vec<String> {
    let mut v: Vec<String> = q
        .descriptors
        .iter()
        .filter(|d| d.quantifier == Quantifier::All)
        .filter_map(|d| d.noun.as_deref().map(family))
        .collect();
    if let Some(n) = q
        .noun
        .as_deref()
        .filter(|_| !is_generic(q) && q.class == NounClass::Person)
    {
        v.push(family(n));
    }
    v
}

/// Noun families only part of the group is said to be ("mostly tourists", "many of them").
fn some_are(q: &Quantity) -> Vec<String> {
    q.descriptors
        .iter()
        .filter(|d| {
            matches!(
                d.quantifier,
                Quantifier::Most
                    | Quantifier::Many
                    | Quantifier::Some
                    | Quantifier::Few
                    | Quantifier::None
            )
        })
        .filter_map(|d| d.noun.as_deref().map(family))
        .collect()
}

/// Sub-counts: "14 workers, including two contractors" says exactly how many are X.
fn counted_parts(q: &Quantity) -> Vec<(String, f64, &str)> {
    q.descriptors
        .iter()
        .filter(|d| d.quantifier == Quantifier::Including)
        .filter_map(|d| Some((family(d.noun.as_deref()?), d.count?, d.text.as_str())))
        .collect()
}

fn most_are(q: &Quantity) -> Vec<String> {
    q.descriptors
        .iter()
        .filter(|d| d.quantifier == Quantifier::Most)
        .filter_map(|d| d.noun.as_deref().map(family))
        .collect()
}

fn descriptor_conflict(a: &Quantity, b: &Quantity) -> Option<String> {
    for (x, y) in [(a, b), (b, a)] {
        let total = x.number.value;
        for (f, n, text) in counted_parts(x) {
            if n < total && all_are(y).contains(&f) {
                return Some(format!(
                    "only \"{text}\" in one, all {} {f}s in the other",
                    y.number.text
                ));
            }
            if n * 2.0 <= total && most_are(y).contains(&f) {
                return Some(format!("only \"{text}\" in one, mostly {f}s in the other"));
            }
        }
    }
    for (x, y) in [(a, b), (b, a)] {
        let partial = some_are(y);
        if let Some(f) = all_are(x).into_iter().find(|f| partial.contains(f)) {
            let d = y
                .descriptors
                .iter()
                .find(|d| d.noun.as_deref().map(family).as_deref() == Some(f.as_str()))
                .map_or(String::new(), |d| d.text.clone());
            return Some(format!(
                "all {} are {f}s in one, only \"{d}\" in the other",
                x.number.text
            ));
        }
    }
    None
}

/// Compare two quantities that the caller believes may describe the same thing.
///
/// - different currency, percent vs count, class, unit, modified noun, predicate, place or
///   noun family → `Unrelated`
/// - generic vs specific noun ("people"/"civilians") with overlapping counts → `Refines`,
///   unless one says all are X and the other only most are X (`Conflict`); a specific count
///   above the generic one → `Conflict`
/// - overlapping intervals (hedges, rounding, ranges) → `Same` (identical) or `Compatible`;
///   disjoint → `Conflict`
pub fn compare(a: &Quantity, b: &Quantity) -> QuantityRelation {
    use QuantityRelation::*;
    let (na, nb) = (&a.number, &b.number);
    if a.class == NounClass::Label || b.class == NounClass::Label {
        return compare_labels(a, b);
    }
    if a.dimension.is_some() || b.dimension.is_some() {
        return compare_measures(a, b);
    }
    let ca = na.currency.as_deref().and_then(currency_code);
    let cb = nb.currency.as_deref().and_then(currency_code);
    if ca != cb || na.percent != nb.percent {
        return Unrelated;
    }
    if (a.class == NounClass::Money) != (b.class == NounClass::Money) {
        return Unrelated;
    }
    let money = a.class == NounClass::Money;
    if !money {
        if !classes_compatible(a.class, b.class) {
            return Unrelated;
        }
        if differ(a.unit.as_deref(), b.unit.as_deref())
            || a.unit.is_some() != b.unit.is_some() && a.class != NounClass::Age
        {
            return Unrelated;
        }
        if differ(a.modifies.as_deref(), b.modifies.as_deref()) {
            return Unrelated;
        }
    }
    if differ(a.predicate.as_deref(), b.predicate.as_deref())
        || differ(a.place.as_deref(), b.place.as_deref())
        || differ(a.of_noun.as_deref(), b.of_noun.as_deref())
    {
        return Unrelated;
    }
    // A count with no noun is compared only through the same verb ("12 arrested").
    if !money
        && a.class != NounClass::Age
        && a.noun.is_some() != b.noun.is_some()
        && (a.predicate.is_none() || a.predicate != b.predicate)
    {
        return Unrelated;
    }
    let rel = if money || a.class == NounClass::Age {
        Nouns::Same
    } else {
        nouns(a, b)
    };
    // Two upper estimates ("as many as 2.4 million", "up to 2.5 million") give two sizes.
    let upper = |h: Hedge| matches!(h, Hedge::AsManyAs | Hedge::UpTo);
    // Rounding intervals are half-open: "2.4 million" and "2.5 million" only touch.
    let inner = |p: (f64, f64)| (p.0 + p.0.abs() * 1e-9, p.1 - p.1.abs() * 1e-9);
    let ov = if upper(na.hedge) && upper(nb.hedge) {
        overlap(inner(na.point), inner(nb.point))
    } else {
        overlap(na.range, nb.range)
    };
    let what = a
        .noun
        .as_deref()
        .or(b.noun.as_deref())
        .or(a.unit.as_deref())
        .map_or(String::new(), |n| format!(" {n}"));
    let pred = a
        .predicate
        .as_deref()
        .or(b.predicate.as_deref())
        .map_or(String::new(), |p| format!(" ({p})"));
    match rel {
        // Different nouns are different things, unless one names the other as its part:
        // "14 workers, including two contractors" against "14 contractors".
        Nouns::Different => match descriptor_conflict(a, b) {
            Some(why) if ov => Conflict(why),
            _ => Unrelated,
        },
        Nouns::AGeneric | Nouns::BGeneric => {
            let (generic, specific) = if rel == Nouns::AGeneric {
                (a, b)
            } else {
                (b, a)
            };
            if ov {
                descriptor_conflict(a, b).map_or(Refines, Conflict)
            } else if specific.number.range.0 > generic.number.range.1 * (1.0 + EPS) {
                Conflict(format!(
                    "{} {} but only {} {}{pred}",
                    show(specific),
                    specific.noun.as_deref().unwrap_or_default(),
                    show(generic),
                    generic.noun.as_deref().unwrap_or_default()
                ))
            } else {
                Unrelated
            }
        }
        Nouns::Same => {
            if !ov {
                return Conflict(format!("{} vs {}{what}{pred}", show(a), show(b)));
            }
            if let Some(why) = descriptor_conflict(a, b) {
                return Conflict(why);
            }
            if na.hedge == nb.hedge && na.range == nb.range {
                Same
            } else {
                Compatible
            }
        }
    }
}

/// Labels ("the 2019 stabbing", "the June 30 deadline", "the 4300 block"): the same noun
/// with the same kind of label must carry the same value.
fn compare_labels(a: &Quantity, b: &Quantity) -> QuantityRelation {
    use QuantityRelation::*;
    if a.class != b.class || a.unit != b.unit || a.noun != b.noun {
        return Unrelated;
    }
    if a.number.value == b.number.value {
        Same
    } else {
        let n = a.noun.as_deref().unwrap_or_default();
        Conflict(format!("{} {n} vs {} {n}", a.number.text, b.number.text))
    }
}

/// Relative slack when two measures are written in different units: a conversion rounds.
const CONVERSION_TOLERANCE: f64 = 0.03;

/// Measures and durations of one dimension, converted to its base unit.
fn compare_measures(a: &Quantity, b: &Quantity) -> QuantityRelation {
    use QuantityRelation::*;
    if a.dimension != b.dimension
        || a.modifies.is_some() != b.modifies.is_some()
        || differ(a.modifies.as_deref(), b.modifies.as_deref())
        || differ(a.of_noun.as_deref(), b.of_noun.as_deref())
        || differ(a.predicate.as_deref(), b.predicate.as_deref())
        || differ(a.place.as_deref(), b.place.as_deref())
    {
        return Unrelated;
    }
    let slack = if a.unit == b.unit {
        0.0
    } else {
        CONVERSION_TOLERANCE
    };
    let conv = |q: &Quantity| {
        let (lo, hi) = q.number.range;
        (lo * q.factor * (1.0 - slack), hi * q.factor * (1.0 + slack))
    };
    if overlap(conv(a), conv(b)) {
        if a.number.hedge == b.number.hedge && a.number.range == b.number.range && a.unit == b.unit
        {
            Same
        } else {
            Compatible
        }
    } else {
        Conflict(format!(
            "{} {} vs {} {}",
            show(a),
            a.unit.as_deref().unwrap_or_default(),
            show(b),
            b.unit.as_deref().unwrap_or_default()
        ))
    }
}

/// How strongly the sentences of two quantities speak of the same thing: content words
/// they share, those next to the figure counting twice.
pub fn context_overlap(a: &Quantity, b: &Quantity) -> usize {
    a.context.common(&b.context) + a.near.common(&b.near)
}

/// Content words next to both figures.
pub fn near_overlap(a: &Quantity, b: &Quantity) -> usize {
    a.near.common(&b.near)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantities::find_quantities;
    use crate::span::Span;

    /// The first quantity in `s` (whose number text starts with `num`, if given).
    fn q(s: &str, num: &str) -> Quantity {
        find_quantities(s, Span::new(0, s.len()))
            .into_iter()
            .find(|q| q.number.text.starts_with(num))
            .unwrap_or_else(|| panic!("no quantity {num:?} in {s:?}"))
    }

    fn cmp(a: &str, an: &str, b: &str, bn: &str) -> QuantityRelation {
        compare(&q(a, an), &q(b, bn))
    }

    fn is_conflict(r: &QuantityRelation) -> bool {
        matches!(r, QuantityRelation::Conflict(_))
    }

    #[test]
    fn disjoint_counts_conflict() {
        let r = cmp(
            "Police said 9 people were injured.",
            "9",
            "Police said 15 people had been injured.",
            "15",
        );
        assert_eq!(
            r,
            QuantityRelation::Conflict("9 vs 15 people (injure)".into())
        );
        let r = cmp(
            "Police said as many as 8,000 people took to the streets.",
            "8",
            "Police put the crowd at roughly 12,000 people.",
            "12",
        );
        assert!(is_conflict(&r), "{r:?}");
    }

    #[test]
    fn hedges_and_rounding_are_compatible() {
        assert_eq!(
            cmp(
                "The attack killed at least four people.",
                "four",
                "The attack killed four people.",
                "four"
            ),
            QuantityRelation::Compatible
        );
        assert_eq!(
            cmp(
                "He repaid more than $40,000.",
                "$40",
                "He repaid about $40,000.",
                "$40"
            ),
            QuantityRelation::Compatible
        );
        assert_eq!(
            cmp(
                "She took $90,000 from the fund.",
                "$90",
                "She took more than $90,000 from the fund.",
                "$90"
            ),
            QuantityRelation::Compatible
        );
        assert_eq!(
            cmp("a £7.6bn share", "£", "a £8 billion share", "£"),
            QuantityRelation::Compatible
        );
        assert_eq!(
            cmp(
                "Spain's share is 7.6bn euros",
                "7",
                "Spain's share is euro8 billion",
                "euro"
            ),
            QuantityRelation::Compatible
        );
        assert_eq!(
            cmp("Nine boats sank.", "Nine", "Nine boats sank.", "Nine"),
            QuantityRelation::Same
        );
        assert_eq!(
            cmp("10 to 12 boats sank.", "10", "11 boats sank.", "11"),
            QuantityRelation::Compatible
        );
    }

    #[test]
    fn currency_rounding_beyond_precision_conflicts() {
        let r = cmp("a $121 billion loan", "$", "a $124 billion loan", "$");
        assert!(is_conflict(&r), "{r:?}");
        // different currencies are never compared
        assert_eq!(
            cmp("a $121 billion loan", "$", "a €90 billion loan", "€"),
            QuantityRelation::Unrelated
        );
        assert_eq!(
            cmp("a A$60 million grant", "A$", "a $41 million grant", "$"),
            QuantityRelation::Unrelated
        );
    }

    #[test]
    fn page_counts_and_ages() {
        let r = cmp(
            "In a 52-page indictment, prosecutors said",
            "52",
            "the 51-page indictment says",
            "51",
        );
        assert!(is_conflict(&r), "{r:?}");
        let r = cmp(
            "Okafor, 16, was inside.",
            "16",
            "the 17-year-old Daniel Okafor",
            "17",
        );
        assert!(is_conflict(&r), "{r:?}");
        let r = cmp(
            "a 16-year-old boy was charged",
            "16",
            "his 16-year-old sister",
            "16",
        );
        assert_eq!(r, QuantityRelation::Unrelated);
        let r = cmp(
            "a 16-year-old boy was charged",
            "16",
            "a 15-year-old boy was charged",
            "15",
        );
        assert!(is_conflict(&r), "{r:?}");
    }

    #[test]
    fn nouns_decide_whether_to_compare() {
        assert_eq!(
            cmp(
                "Gunmen killed 19 civilians.",
                "19",
                "Gunmen killed 19 people.",
                "19"
            ),
            QuantityRelation::Refines
        );
        assert_eq!(
            cmp(
                "Gunmen attacked 19 locations.",
                "19",
                "Gunmen killed 19 people.",
                "19"
            ),
            QuantityRelation::Unrelated
        );
        assert_eq!(
            cmp(
                "The raid killed 19 people.",
                "19",
                "The raid injured 40 people.",
                "40"
            ),
            QuantityRelation::Unrelated
        );
        assert_eq!(
            cmp(
                "19 people were killed in Porto.",
                "19",
                "19 people were killed in Braga.",
                "19"
            ),
            QuantityRelation::Unrelated
        );
        // a specific count larger than the generic total cannot both hold
        let r = cmp(
            "The raid killed 19 people.",
            "19",
            "The raid killed 23 civilians.",
            "23",
        );
        assert!(is_conflict(&r), "{r:?}");
        // fewer civilians than people is a subset, not a conflict
        assert_eq!(
            cmp(
                "The raid killed 19 people.",
                "19",
                "The raid killed 12 civilians.",
                "12"
            ),
            QuantityRelation::Unrelated
        );
        // "12 arrested" and "12 people arrested" count the same thing
        assert_eq!(
            cmp(
                "Officers said 12 arrested.",
                "12",
                "12 people were arrested.",
                "12"
            ),
            QuantityRelation::Same
        );
        assert_eq!(
            cmp("a 48-page report", "48", "48 people were killed", "48"),
            QuantityRelation::Unrelated
        );
    }

    #[test]
    fn measures_convert_and_labels_must_match() {
        assert!(is_conflict(&cmp(
            "He is 5 feet 9 inches tall.",
            "5",
            "He is 5 feet 11 inches tall.",
            "5"
        )));
        // 90 m is 295 ft: the same fall, written in two units
        assert_eq!(
            cmp("He fell about 300ft.", "300", "He fell about 90m.", "90"),
            QuantityRelation::Compatible
        );
        assert_eq!(
            cmp("It lasted 14 days.", "14", "It lasted two weeks.", "two"),
            QuantityRelation::Compatible
        );
        assert!(is_conflict(&cmp(
            "in the 2019 stabbing death of a woman",
            "2019",
            "in the 2021 stabbing death of a woman",
            "2021"
        )));
        assert_eq!(
            cmp(
                "in the 2019 stabbing death of a woman",
                "2019",
                "after the 2021 election",
                "2021"
            ),
            QuantityRelation::Unrelated
        );
        // a height is not a distance walked, a weight is not money
        assert_eq!(
            cmp("He is 6 feet tall.", "6", "He weighs 180 pounds.", "180"),
            QuantityRelation::Unrelated
        );
    }

    #[test]
    fn upper_estimates() {
        // two upper estimates give two sizes
        assert!(is_conflict(&cmp(
            "a lawsuit involving as many as 2.4 million savers",
            "2.4",
            "a lawsuit on behalf of up to 2.5 million savers",
            "2.5"
        )));
        // an upper estimate well above an exact figure is another size
        assert!(is_conflict(&cmp(
            "a lawsuit involving as many as 2.9 million savers",
            "2.9",
            "the lawsuit that covers 2.4 million savers",
            "2.4"
        )));
        assert_eq!(
            cmp(
                "a lawsuit involving as many as 2.4 million savers",
                "2.4",
                "the lawsuit that covers 2.4 million savers",
                "2.4"
            ),
            QuantityRelation::Compatible
        );
    }

    #[test]
    fn counted_part_versus_most_or_all() {
        assert!(is_conflict(&cmp(
            "The blast killed 12 miners, including three engineers.",
            "12",
            "The blast killed 12 people, mostly engineers.",
            "12"
        )));
        assert!(!is_conflict(&cmp(
            "The blast killed 12 miners, including nine engineers.",
            "12",
            "The blast killed 12 people, mostly engineers.",
            "12"
        )));
    }

    #[test]
    fn all_versus_most_descriptor_conflicts() {
        let a = "Gunmen killed 19 pilgrims, including one from Oman.";
        let b = "Gunmen killed 19 people, mostly pilgrims.";
        let r = cmp(a, "19", b, "19");
        assert!(is_conflict(&r), "{r:?}");
        assert!(is_conflict(&cmp(b, "19", a, "19")));
        // "including" is not "mostly"
        assert_eq!(
            cmp(
                "Gunmen killed 19 people, including pilgrims.",
                "19",
                "Gunmen killed 19 pilgrims.",
                "19"
            ),
            QuantityRelation::Refines
        );
        let r = cmp(
            "19 people, all of them pilgrims, died.",
            "19",
            "19 people, mostly pilgrims, died.",
            "19",
        );
        assert!(is_conflict(&r), "{r:?}");
    }
}
