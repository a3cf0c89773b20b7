//! Numbers and quantities: numerals and number words with their hedges ([`find_numbers`]),
//! the noun they count with its descriptors and predicate ([`find_quantities`]), and the
//! comparison of two quantities ([`compare`]).
//!
//! Word lists live in `rules/lexicon/` (number words, hedges, noun classes, quantifiers,
//! quantity verbs, function words) and are embedded at build time.

mod compare;
mod hedge;
mod lexicon;
mod number;
mod phrase;

use serde::{Serialize, Serializer};

use crate::span::Span;

/// `Span` is not `Serialize`; spans serialize as `[start, end]`.
fn ser_span<S: Serializer>(s: &Span, ser: S) -> Result<S::Ok, S::Error> {
    [s.start, s.end].serialize(ser)
}

fn ser_opt_span<S: Serializer>(s: &Option<Span>, ser: S) -> Result<S::Ok, S::Error> {
    s.map(|s| [s.start, s.end]).serialize(ser)
}

pub use compare::{compare, context_overlap, near_overlap};
pub use lexicon::currency_code;
pub use number::find_numbers;
pub use phrase::{find_quantities, find_quantities_in};

/// How a number is qualified in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hedge {
    Exact,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    About,
    UpTo,
    Nearly,
    AsManyAs,
}

/// A number found in text.
#[derive(Clone, Debug, Serialize)]
pub struct Number {
    /// The number as written, with its currency, scale word and percent sign
    /// (`$141 billion`, `22.4bn`, `twenty-six`, `10 to 12`), without the hedge.
    #[serde(serialize_with = "ser_span")]
    pub span: Span,
    /// The text of `span`.
    pub text: String,
    /// The value, scaled (`22.4bn` = 2.24e10); for a range or a vague plural, the lower end.
    pub value: f64,
    pub hedge: Hedge,
    #[serde(serialize_with = "ser_opt_span")]
    pub hedge_span: Option<Span>,
    /// The interval the statement allows (see [`hedge::interval`] for the tolerances):
    /// exact counts are `[v, v]`; a scale word or abbreviation allows rounding at the written
    /// precision (`22 billion` = `[21.5e9, 22.5e9]`, `22.4bn` = `[22.35e9, 22.45e9]`);
    /// "at least"/"more than" = `[v, inf)` (closed: "more than 60" and "60" are compatible);
    /// "at most"/"less than"/"up to"/"as many as" = `[0, v]`; "about" = `v ± 10%`;
    /// "nearly" = `[0.9 v, v]`; ranges `[lo, hi]`; "hundreds" = `[200, 999]`.
    pub range: (f64, f64),
    /// Currency as written: `$`, `US$`, `€`, `euro`, `euros`, `£`, `AUD`...
    pub currency: Option<String>,
    /// Written with a scale word or abbreviation (`22 billion`, `22.4bn`, `$5m`).
    pub scale_word: bool,
    /// Digits written after the decimal point.
    pub decimals: u8,
    /// Written as a percentage (`12%`, `12 percent`, `12 per cent`).
    pub percent: bool,
    /// A range (`10 to 12`, `10-12`, `between 10 and 12`, `two or three`).
    pub is_range: bool,
    /// A vague plural (`hundreds of`, `dozens`, `tens of thousands`).
    pub vague: bool,
    /// The interval the figure allows as written, before its hedge: `[v, v]`, widened by
    /// rounding at the written precision. Two upper estimates ("as many as", "up to") are
    /// compared on it.
    pub point: (f64, f64),
}

/// What kind of thing a quantity counts (from `rules/lexicon/noun-classes.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NounClass {
    Person,
    Place,
    Object,
    Document,
    Money,
    Age,
    Duration,
    Event,
    Percent,
    /// A measure with a unit of `rules/lexicon/units.tsv`: length, mass, area, volume,
    /// speed ("5 feet", "150 pounds").
    Measure,
    /// A number that names rather than counts: a year, a date or a number before a singular
    /// noun ("the 2019 stabbing", "the June 30 deadline", "3/14 victims", "the 4300 block").
    Label,
    /// A noun not in the lexicon.
    Other,
    /// No counted noun found ("12 arrested").
    Unknown,
}

/// A quantifier over a counted group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quantifier {
    All,
    Most,
    Many,
    Some,
    Few,
    None,
    Including,
}

/// A description of part or all of a counted group: "mostly tourists", "including one from
/// Nepal", "of whom 12 were children".
#[derive(Clone, Debug, Serialize)]
pub struct Descriptor {
    pub quantifier: Quantifier,
    /// The lemma of the noun the descriptor names, if any ("tourist").
    pub noun: Option<String>,
    /// A count inside the descriptor ("including one from Nepal" = 1).
    pub count: Option<f64>,
    pub text: String,
    #[serde(serialize_with = "ser_span")]
    pub span: Span,
}

/// A number with what it counts.
#[derive(Clone, Debug, Serialize)]
pub struct Quantity {
    pub number: Number,
    /// Head noun lemma counted ("people", "tourist", "homicide"); for a compound adjective
    /// ("48-page indictment", "15-year-old boy") the noun modified.
    pub noun: Option<String>,
    #[serde(serialize_with = "ser_opt_span")]
    pub noun_span: Option<Span>,
    /// Unit of a compound adjective or age: "page", "year-old", "year", "term"; for money,
    /// the currency code.
    pub unit: Option<String>,
    /// For compound adjectives: the noun modified ("indictment", "boy").
    pub modifies: Option<String>,
    pub class: NounClass,
    /// Descriptors after the noun ("mostly tourists"). The head noun itself is implicitly
    /// "all": "26 tourists" has no descriptor.
    pub descriptors: Vec<Descriptor>,
    /// Lemma of the verb the quantity is subject or object of ("kill", "injure").
    pub predicate: Option<String>,
    /// For ages: the span of the name the age qualifies ("Wilson, 14," / "15-year-old Jo Park").
    #[serde(serialize_with = "ser_opt_span")]
    pub subject_of: Option<Span>,
    /// A capitalised place in the same clause ("in Athens", "of Leeds").
    pub place: Option<String>,
    /// The whole quantity phrase, hedge to last descriptor.
    #[serde(serialize_with = "ser_span")]
    pub span: Span,
    /// For measures and durations: the dimension (`length`, `mass`, `time`...) and the
    /// factor that converts the written unit to the dimension's base unit.
    pub dimension: Option<String>,
    #[serde(skip)]
    pub factor: f64,
    /// The noun after "of" that the counted noun belongs to ("two counts of fraud"
    /// = "abuse"): different complements count different things.
    pub of_noun: Option<String>,
    /// A money amount in parentheses right after another one: a conversion ("€12 billion
    /// ($15 billion)"), at a rate the article chose; never compared.
    pub conversion: bool,
    /// Content words (lemmas, sorted) of the sentence outside the quantity phrase: what the
    /// figure is about. Two figures are compared only when these overlap.
    #[serde(skip)]
    pub context: crate::sorted::Words,
    /// Content words within four tokens before or after the phrase.
    #[serde(skip)]
    pub near: crate::sorted::Words,
}

/// How two quantities relate.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuantityRelation {
    /// Same figure, same qualification.
    Same,
    /// Hedges, rounding or ranges overlap.
    Compatible,
    /// Cannot both be true; the string says why, in one line.
    Conflict(String),
    /// Same count, one noun more specific ("26 people" / "26 civilians").
    Refines,
    /// Different things (noun, class, unit, predicate, place or currency): not compared.
    Unrelated,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quantities_serialize_with_spans_as_pairs() {
        let s = "Rescuers freed at least 40 miners in Tarrow on Sunday.";
        let q = find_quantities(s, Span::new(0, s.len()));
        let v = serde_json::to_value(&q).unwrap();
        assert_eq!(v[0]["number"]["hedge"], "at-least");
        assert_eq!(v[0]["number"]["span"], serde_json::json!([24, 26]));
        assert_eq!(v[0]["number"]["range"], serde_json::json!([40.0, null]));
        assert_eq!(v[0]["class"], "person");
        assert_eq!(v[0]["place"], "Tarrow");
        assert_eq!(v[0]["predicate"], "free");
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}", a in 0usize..100, b in 0usize..100) {
            let spans = [Span::new(0, s.len()), Span::new(a, b)];
            let _ = find_numbers(&s, &spans);
            let _ = find_quantities(&s, Span::new(a.min(b), a.max(b)));
            let _ = find_quantities(&s, Span::new(0, s.len()));
        }

        #[test]
        fn never_panics_on_number_like_text(s in "([0-9]{1,4}|[,.\\-–$€£%:/ ]|a|and|half|one|twenty|hundred|million|bn|m|of|to|or|between|Smith|years|old|more|than|people|mostly|tourists|including){0,14}") {
            let qs = find_quantities(&s, Span::new(0, s.len()));
            for q in &qs {
                prop_assert!(q.number.range.0 <= q.number.range.1);
                prop_assert!(q.span.start <= q.span.end && q.span.end <= s.len());
                for r in &qs {
                    let _ = compare(q, r);
                }
            }
        }
    }
}
