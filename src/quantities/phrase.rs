//! What a number counts: head noun, compound-adjective unit, age appositive, descriptors
//! ("mostly tourists"), predicate verb and place, within one sentence.

use super::lexicon::{NwKind, QUANTIFIERS, Role, currency_code, noun, number_word, role, verb};
use super::number::{
    Tok, TokKind, find_numbers, glued, numbers_in_tokens, tok_is, tok_text, tokenize,
};
use super::{Descriptor, Hedge, NounClass, Number, Quantity};
use crate::span::Span;

/// Every quantity in `sentence` (a byte span of `text`).
/// Verbs (lemmas) whose counted objects are people whatever the noun.
const PERSON_VERBS: &[&str] = &[
    "kill",
    "injure",
    "wound",
    "hurt",
    "die",
    "arrest",
    "detain",
    "rescue",
    "evacuate",
    "hospitalise",
    "hospitalize",
    "charge",
    "displace",
    "strand",
    "trap",
    "abduct",
    "kidnap",
    "execute",
];

pub fn find_quantities(text: &str, sentence: Span) -> Vec<Quantity> {
    if !text
        .get(sentence.start..sentence.end)
        .is_some_and(super::lexicon::may_hold_number)
    {
        return Vec::new();
    }
    let toks = tokenize(text, sentence);
    let mut numbers = Vec::new();
    numbers_in_tokens(text, &toks, &mut numbers);
    numbers.into_iter().map(|n| build(text, &toks, n)).collect()
}

fn lower(text: &str, t: &Tok) -> String {
    tok_text(text, t).to_lowercase()
}

fn word_at(text: &str, toks: &[Tok], i: usize) -> Option<String> {
    toks.get(i)
        .filter(|t| t.kind == TokKind::Word)
        .map(|t| lower(text, t))
}

fn is_cap(text: &str, t: &Tok) -> bool {
    t.kind == TokKind::Word
        && tok_text(text, t)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// Singular lemma of a noun: the lexicon's, else by rule ("cities" → "city", "homicides" →
/// "homicide"); capitalised words other than the first letter are kept as written.
pub(crate) fn lemma(w: &str) -> String {
    if let Some(e) = noun(w) {
        return e.lemma.clone();
    }
    let l = w.to_lowercase();
    if l.len() > 4 && l.ends_with("men") {
        return format!("{}man", &l[..l.len() - 3]);
    }
    if l.len() > 4 && l.ends_with("ies") {
        return format!("{}y", &l[..l.len() - 3]);
    }
    if l.len() > 3
        && (l.ends_with("ches") || l.ends_with("shes") || l.ends_with("sses") || l.ends_with("xes"))
    {
        return l[..l.len() - 2].to_string();
    }
    if l.len() > 3
        && l.ends_with('s')
        && !l.ends_with("ss")
        && !l.ends_with("us")
        && !l.ends_with("is")
    {
        return l[..l.len() - 1].to_string();
    }
    l
}

/// Lemma of a verb form: the lexicon's, else by rule for "-ed" forms. `None` for reporting
/// verbs and words that are not verb forms.
fn verb_lemma(w: &str) -> Option<String> {
    match verb(w) {
        Some(l) => l.map(str::to_string),
        None => {
            let l = w.to_lowercase();
            if l.len() <= 4 || !l.ends_with("ed") || noun(&l).is_some() {
                return None;
            }
            if let Some(s) = l.strip_suffix("ied") {
                return Some(format!("{s}y"));
            }
            let stem = &l[..l.len() - 2];
            let b = stem.as_bytes();
            let n = b.len();
            if n >= 2
                && b[n - 1] == b[n - 2]
                && !b"lsz".contains(&b[n - 1])
                && !b"aeiou".contains(&b[n - 1])
            {
                return Some(stem[..n - 1].to_string());
            }
            if stem.ends_with(['c', 'v', 'u', 'z'])
                || stem.ends_with("at")
                || stem.ends_with("ud")
                || stem.ends_with("iz")
                || stem.ends_with("is")
            {
                return Some(format!("{stem}e"));
            }
            Some(stem.to_string())
        }
    }
}

/// A quantifier phrase starting at token `i`: its kind and the index after it.
fn quantifier_at(text: &str, toks: &[Tok], i: usize) -> Option<(super::Quantifier, usize)> {
    QUANTIFIERS.iter().find_map(|q| {
        let ok = q.words.iter().enumerate().all(|(o, w)| {
            toks.get(i + o)
                .is_some_and(|t| t.kind == TokKind::Word && tok_is(text, t, w))
        });
        ok.then_some((q.kind, i + q.words.len()))
    })
}

/// A word that can be part of a noun phrase after a number: not a function word, number
/// word, adverb or quantifier, and a participle only before a noun ("three wounded officers").
fn np_word(text: &str, toks: &[Tok], i: usize) -> bool {
    let Some(w) = word_at(text, toks, i) else {
        return false;
    };
    if role(&w).is_some_and(|r| r != Role::Extra) || number_word(&w).is_some() {
        return false;
    }
    if w.ends_with("ly") && noun(&w).is_none() {
        return false;
    }
    if quantifier_at(text, toks, i).is_some() {
        return false;
    }
    let participle = verb(&w).is_some() || (w.ends_with("ed") && w.len() > 3 && noun(&w).is_none());
    if participle {
        // An adjective before a noun: "three wounded officers", "two armed men".
        let next_is_noun = word_at(text, toks, i + 1).is_some_and(|n| {
            noun(&n).is_some()
                || (n.ends_with('s')
                    && !n.ends_with("ss")
                    && verb(&n).is_none()
                    && role(&n).is_none())
        });
        return next_is_noun && verb(&w) != Some(None);
    }
    true
}

/// Head of the noun phrase starting at `k`: (head index, index after the phrase).
fn head_after(text: &str, toks: &[Tok], k: usize) -> Option<(usize, usize)> {
    let mut i = k;
    if word_at(text, toks, i).as_deref() == Some("of") {
        i += 1;
        while word_at(text, toks, i).is_some_and(|w| role(&w) == Some(Role::Det)) {
            i += 1;
        }
    }
    while word_at(text, toks, i).is_some_and(|w| role(&w) == Some(Role::Extra)) {
        i += 1;
    }
    let mut head = None;
    let mut count = 0;
    let mut hyphenated = false;
    while count < 4 && (np_word(text, toks, i) || hyphenated && word_at(text, toks, i).is_some()) {
        let w = word_at(text, toks, i).unwrap_or_default();
        head = Some(i);
        count += 1;
        i += 1;
        hyphenated = false;
        let plural_noun = noun(&w).is_some_and(|e| e.lemma != w || w == "people");
        // A hyphenated modifier continues: "state-run", "black-hooded".
        if !plural_noun
            && glued(toks, i - 1)
            && toks.get(i).is_some_and(|t| tok_is(text, t, "-"))
            && glued(toks, i)
            && word_at(text, toks, i + 1).is_some_and(|n| number_word(&n).is_none())
        {
            i += 1;
            hyphenated = true;
            continue;
        }
        // A plural lexicon noun ends the phrase ("26 tourists including..."); a singular one
        // ends it unless a plural or another lexicon noun follows ("one man died", "shop
        // windows", "child soldiers").
        if plural_noun {
            break;
        }
        let continues = word_at(text, toks, i).is_some_and(|n| {
            noun(&n).is_some()
                || (n.ends_with('s')
                    && !n.ends_with("ss")
                    && verb(&n).is_none()
                    && role(&n).is_none())
        });
        if noun(&w).is_some() && !continues {
            break;
        }
    }
    head.map(|h| (h, i))
}

/// The run of capitalised words ending at token `end` (inclusive), walking back.
fn name_before(text: &str, toks: &[Tok], end: usize) -> Option<Span> {
    let t = toks.get(end)?;
    if !is_cap(text, t) {
        return None;
    }
    let mut s = end;
    while s > 0 && s + 2 > end && is_cap(text, &toks[s - 1]) {
        s -= 1;
    }
    Some(Span::new(toks[s].start, t.end))
}

/// A month or weekday name: never part of a place or person name here.
fn calendar(text: &str, t: &Tok) -> bool {
    number_word(&lower(text, t)).is_some_and(|n| matches!(n.kind, NwKind::Month | NwKind::Weekday))
}

fn name_after(text: &str, toks: &[Tok], start: usize) -> Option<(Span, usize)> {
    let t = toks.get(start)?;
    if !is_cap(text, t) || calendar(text, t) {
        return None;
    }
    let mut e = start;
    while e + 1 < toks.len()
        && e < start + 2
        && is_cap(text, &toks[e + 1])
        && !calendar(text, &toks[e + 1])
    {
        e += 1;
    }
    Some((Span::new(t.start, toks[e].end), e + 1))
}

fn build(text: &str, toks: &[Tok], n: Number) -> Quantity {
    let first = toks
        .iter()
        .position(|t| t.start >= n.span.start)
        .unwrap_or(toks.len());
    let mut k = toks
        .iter()
        .position(|t| t.start >= n.span.end)
        .unwrap_or(toks.len());
    let mut q = Quantity {
        noun: None,
        noun_span: None,
        unit: None,
        modifies: None,
        class: NounClass::Unknown,
        descriptors: Vec::new(),
        predicate: None,
        subject_of: None,
        place: None,
        span: Span::new(
            n.hedge_span
                .map_or(n.span.start, |h| h.start.min(n.span.start)),
            n.span.end,
        ),
        number: n,
    };
    let small_int = q.number.value.fract() == 0.0 && (0.0..=125.0).contains(&q.number.value);
    let plain = q.number.currency.is_none() && !q.number.percent && !q.number.is_range;

    let hyphen_word = |k: usize| {
        toks.get(k).is_some_and(|t| tok_is(text, t, "-"))
            && glued(toks, k.wrapping_sub(1))
            && glued(toks, k)
            && toks.get(k + 1).is_some_and(|t| t.kind == TokKind::Word)
    };
    if hyphen_word(k) && q.number.currency.is_none() {
        // Compound adjective: "48-page indictment", "15-year-old boy", "two-year inquiry".
        let mut parts = Vec::new();
        while hyphen_word(k) {
            parts.push(lower(text, &toks[k + 1]));
            k += 2;
        }
        q.span.end = toks[k - 1].end;
        // "70-year old pensioner"
        if parts.len() == 1 && word_at(text, toks, k).as_deref() == Some("old") {
            parts.push("old".into());
            k += 1;
        }
        let unit = parts.join("-");
        if parts.len() >= 2 && parts.last().is_some_and(|p| p == "old") {
            q.class = NounClass::Age;
        } else if let Some(e) = noun(&parts[0]) {
            q.class = e.class;
        } else {
            q.class = NounClass::Other;
        }
        q.unit = Some(if q.class == NounClass::Age {
            unit
        } else {
            lemma(&parts[0])
        });
        if q.class == NounClass::Age
            && let Some((name, after)) = name_after(text, toks, k)
        {
            q.subject_of = Some(name);
            q.span.end = name.end;
            k = after;
        } else if let Some((h, after)) = head_after(text, toks, k) {
            let l = lemma(tok_text(text, &toks[h]));
            q.modifies = Some(l.clone());
            q.noun = Some(l);
            q.noun_span = Some(Span::new(toks[h].start, toks[h].end));
            q.span.end = toks[after - 1].end;
            k = after;
        }
    } else if plain
        && small_int
        && word_at(text, toks, k).as_deref() == Some("years")
        && word_at(text, toks, k + 1).as_deref() == Some("old")
    {
        // "14 years old"
        q.class = NounClass::Age;
        q.unit = Some("year-old".into());
        q.span.end = toks[k + 1].end;
        k += 2;
    } else if plain
        && small_int
        && first > 0
        && word_at(text, toks, first - 1).is_some_and(|w| w == "aged" || w == "age")
    {
        // "aged 14"
        q.class = NounClass::Age;
        q.unit = Some("year-old".into());
        q.span.start = toks[first - 1].start;
    } else if let Some(name) =
        appositive(text, toks, first, k, &q.number).filter(|_| plain && small_int)
    {
        // "Wilson, 14, was inside"
        q.class = NounClass::Age;
        q.unit = Some("year-old".into());
        q.subject_of = Some(name);
    } else {
        if let Some((h, after)) = head_after(text, toks, k) {
            let w = tok_text(text, &toks[h]);
            q.noun = Some(lemma(w));
            q.noun_span = Some(Span::new(toks[h].start, toks[h].end));
            q.class = noun(w).map_or(NounClass::Other, |e| e.class);
            q.span.end = toks[after - 1].end;
            k = after;
        }
        if q.class == NounClass::Duration {
            q.unit = q.noun.clone();
        }
    }
    if let Some(c) = q.number.currency.as_deref() {
        q.class = NounClass::Money;
        q.unit = currency_code(c);
    }
    if q.number.percent {
        q.class = NounClass::Percent;
        q.unit = Some("%".into());
    }

    let countable = matches!(
        q.class,
        NounClass::Person
            | NounClass::Place
            | NounClass::Object
            | NounClass::Event
            | NounClass::Other
            | NounClass::Unknown
    );
    let (descs, after) = if countable {
        descriptors(text, toks, k)
    } else {
        (Vec::new(), k)
    };
    if let Some(d) = descs.last() {
        q.span.end = d.span.end;
    }
    q.descriptors = descs;
    let before = toks
        .iter()
        .position(|t| t.start >= q.span.start)
        .unwrap_or(first);
    q.predicate = predicate(text, toks, before, after);
    q.place = place(text, toks, before, after);
    // A noun the lexicon does not know, killed, injured or rescued, counts people.
    if q.class == NounClass::Other
        && q.predicate
            .as_deref()
            .is_some_and(|p| PERSON_VERBS.contains(&p))
    {
        q.class = NounClass::Person;
    }
    q
}

/// "Wilson, 14, was ..." / "Ana Ruiz, 9." : the name an age appositive follows.
fn appositive(text: &str, toks: &[Tok], first: usize, k: usize, n: &Number) -> Option<Span> {
    if n.hedge != Hedge::Exact || first < 2 || !tok_is(text, &toks[first - 1], ",") {
        return None;
    }
    let closes = match toks.get(k) {
        None => true,
        Some(t) => {
            matches!(tok_text(text, t), "," | ")" | ";" | "." | "—" | "–") || tok_is(text, t, "and")
        }
    };
    if !closes {
        return None;
    }
    let name = name_before(text, toks, first - 2)?;
    // A sentence-initial single capitalised function word ("Yesterday, 14 ...") is no name.
    let w = tok_text(text, &toks[first - 2]).to_lowercase();
    (role(&w).is_none() && noun(&w).is_none()).then_some(name)
}

fn is_desc_break(text: &str, t: &Tok) -> bool {
    t.kind == TokKind::Punct
        && matches!(
            tok_text(text, t),
            "," | ";" | "." | ")" | "—" | "–" | ":" | "("
        )
}

/// Descriptors after the noun phrase ending at `k`; returns them and the index after the last.
fn descriptors(text: &str, toks: &[Tok], k: usize) -> (Vec<Descriptor>, usize) {
    let mut out = Vec::new();
    let mut i = k;
    while out.len() < 3 {
        let mut s = i;
        while toks
            .get(s)
            .is_some_and(|t| matches!(tok_text(text, t), "," | "—" | "–" | "(" | ":"))
        {
            s += 1;
        }
        if word_at(text, toks, s).as_deref() == Some("and") && s > i {
            s += 1;
        }
        let Some((kind, qend)) = quantifier_at(text, toks, s) else {
            break;
        };
        // "all the people who..." starts a new phrase, not a descriptor.
        if qend == s + 1 && word_at(text, toks, qend).is_some_and(|w| role(&w) == Some(Role::Det)) {
            break;
        }
        let mut d = qend;
        while d < toks.len() && d - qend < 10 && !is_desc_break(text, &toks[d]) {
            d += 1;
        }
        if d == s {
            break;
        }
        let span = Span::new(toks[s].start, toks[d - 1].end);
        let count = find_numbers(text, &[Span::new(toks[qend.min(d - 1)].start, span.end)])
            .first()
            .map(|n| n.value);
        // The noun named: skip "of them", "were", numbers, determiners.
        let mut j = qend;
        while j < d {
            let t = &toks[j];
            let w = lower(text, t);
            let skip = t.kind != TokKind::Word
                || matches!(w.as_str(), "of" | "them" | "whom" | "which" | "whose")
                || matches!(role(&w), Some(Role::Aux | Role::Det))
                || number_word(&w).is_some();
            if !skip {
                break;
            }
            j += 1;
        }
        let noun_l = head_after(text, toks, j)
            .filter(|(h, _)| *h < d)
            .map(|(h, _)| lemma(tok_text(text, &toks[h])));
        out.push(Descriptor {
            quantifier: kind,
            noun: noun_l,
            count,
            text: span.slice(text).to_string(),
            span,
        });
        i = d;
    }
    (out, i)
}

/// The verb the quantity is object of (just before it: "killed at least three people") or
/// subject of (after it: "12 people were injured", "12 arrested").
fn predicate(text: &str, toks: &[Tok], before: usize, after: usize) -> Option<String> {
    if before > 0
        && let Some(w) = word_at(text, toks, before - 1)
        && let Some(l) = verb_lemma(&w)
    {
        return Some(l);
    }
    let mut i = after;
    // Past the descriptor's closing comma: "26 people, mostly tourists, were killed".
    if toks.get(i).is_some_and(|t| tok_is(text, t, ",")) {
        i += 1;
    }
    let mut skipped = 0;
    while let Some(w) = word_at(text, toks, i) {
        if let Some(l) = verb_lemma(&w) {
            return Some(l);
        }
        let adverb = w.ends_with("ly") && noun(&w).is_none();
        if skipped >= 5 || !(role(&w) == Some(Role::Aux) || adverb) {
            break;
        }
        skipped += 1;
        i += 1;
    }
    None
}

/// The nearest capitalised place after "in", "of", "at", "across"... in the same clause.
fn place(text: &str, toks: &[Tok], before: usize, after: usize) -> Option<String> {
    let clause_break = |t: &Tok| matches!(tok_text(text, t), ";" | "—" | "–");
    let mut lo = before.saturating_sub(12);
    if let Some(p) = (lo..before).rev().find(|&i| clause_break(&toks[i])) {
        lo = p + 1;
    }
    let mut hi = (after + 15).min(toks.len());
    if let Some(p) = (after..hi).find(|&i| clause_break(&toks[i])) {
        hi = p;
    }
    let mut best: Option<(usize, String)> = None;
    for i in lo..hi {
        if i >= before && i < after {
            continue;
        }
        if word_at(text, toks, i).is_none_or(|w| role(&w) != Some(Role::PlacePrep)) {
            continue;
        }
        let Some((span, _)) = name_after(text, toks, i + 1) else {
            continue;
        };
        let dist = if i < before { before - i } else { i - after };
        if best.as_ref().is_none_or(|(d, _)| dist < *d) {
            best = Some((dist, span.slice(text).to_string()));
        }
    }
    best.map(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantities::Quantifier;

    fn qs(s: &str) -> Vec<Quantity> {
        find_quantities(s, Span::new(0, s.len()))
    }

    fn one(s: &str) -> Quantity {
        let v = qs(s);
        assert_eq!(v.len(), 1, "{s}: {v:#?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn head_nouns_and_classes() {
        let q = one("Officials said 14 miners were trapped underground.");
        assert_eq!(
            (q.noun.as_deref(), q.class),
            (Some("miner"), NounClass::Person)
        );
        assert_eq!(
            q.noun_span
                .unwrap()
                .slice("Officials said 14 miners were trapped underground."),
            "miners"
        );
        let q = one("Rebels shelled 31 villages overnight.");
        assert_eq!(
            (q.noun.as_deref(), q.class),
            (Some("village"), NounClass::Place)
        );
        let q = one("About 40 more people were led to safety.");
        assert_eq!(q.noun.as_deref(), Some("people"));
        let q = one("three of our colleagues");
        assert_eq!(q.noun.as_deref(), Some("colleague"));
        let q = one("hundreds of Belgian farmers");
        assert_eq!(
            (q.noun.as_deref(), q.class),
            (Some("farmer"), NounClass::Person)
        );
        let q = one("The city has recorded 412 burglaries so far this year.");
        assert_eq!(
            (q.noun.as_deref(), q.class),
            (Some("burglary"), NounClass::Other)
        );
        let q = one("Six wounded soldiers were flown home.");
        assert_eq!(q.noun.as_deref(), Some("soldier"));
    }

    #[test]
    fn compound_adjectives() {
        let s = "Prosecutors filed a 63-page complaint on Monday.";
        let q = one(s);
        assert_eq!(
            (q.unit.as_deref(), q.modifies.as_deref(), q.class),
            (Some("page"), Some("complaint"), NounClass::Document)
        );
        assert_eq!(q.span.slice(s), "63-page complaint");
        let q = one("A 17-year-old girl was arrested.");
        assert_eq!(
            (q.unit.as_deref(), q.modifies.as_deref(), q.class),
            (Some("year-old"), Some("girl"), NounClass::Age)
        );
        assert_eq!(q.predicate.as_deref(), Some("arrest"));
        let q = one("after a three-year inquiry by regulators");
        assert_eq!(
            (q.unit.as_deref(), q.modifies.as_deref(), q.class),
            (Some("year"), Some("inquiry"), NounClass::Duration)
        );
        let q = one("a four-term mayor");
        assert_eq!(
            (q.unit.as_deref(), q.modifies.as_deref()),
            (Some("term"), Some("mayor"))
        );
        let s = "The 12-year-old Mia Torres was found safe.";
        let q = one(s);
        assert_eq!(
            (q.class, q.subject_of.map(|n| n.slice(s))),
            (NounClass::Age, Some("Mia Torres"))
        );
    }

    #[test]
    fn age_appositives() {
        let s = "Torres, 12, was walking home when she was struck.";
        let q = one(s);
        assert_eq!(
            (q.class, q.unit.as_deref()),
            (NounClass::Age, Some("year-old"))
        );
        assert_eq!(q.subject_of.unwrap().slice(s), "Torres");
        let s = "The driver, Omar Bakri, 57.";
        assert_eq!(one(s).subject_of.unwrap().slice(s), "Omar Bakri");
        assert_eq!(one("She was aged 41 at the time.").class, NounClass::Age);
        assert_eq!(one("The boy is 9 years old.").class, NounClass::Age);
        // a list of counts after a name is not an age
        assert_ne!(one("In Leeds, 40 people marched.").class, NounClass::Age);
    }

    #[test]
    fn descriptors_with_quantifiers() {
        let s = "The storm killed 31 people, mostly fishermen, along the coast.";
        let q = one(s);
        assert_eq!(q.descriptors.len(), 1);
        assert_eq!(
            (
                q.descriptors[0].quantifier,
                q.descriptors[0].noun.as_deref()
            ),
            (Quantifier::Most, Some("fisherman"))
        );
        assert_eq!(q.span.slice(s), "31 people, mostly fishermen");
        let v = qs("The blast injured 31 students, including two from Chile.");
        let q = &v[0];
        assert_eq!(
            (q.descriptors[0].quantifier, q.descriptors[0].count),
            (Quantifier::Including, Some(2.0))
        );
        assert_eq!(q.descriptors[0].noun, None);
        let q = &qs("Police detained 14 people, most of whom were students.")[0];
        assert_eq!(
            (
                q.descriptors[0].quantifier,
                q.descriptors[0].noun.as_deref()
            ),
            (Quantifier::Most, Some("student"))
        );
        let q = &qs("Nine climbers, all of them Italians, were rescued.")[0];
        assert_eq!(q.descriptors[0].quantifier, Quantifier::All);
        assert_eq!(q.predicate.as_deref(), Some("rescue"));
        assert!(one("Nine climbers were rescued.").descriptors.is_empty());
    }

    #[test]
    fn predicates_active_passive_relative() {
        assert_eq!(
            one("Police said 12 people were injured in the clashes.")
                .predicate
                .as_deref(),
            Some("injure")
        );
        assert_eq!(
            one("18 people had been hurt, officials said.")
                .predicate
                .as_deref(),
            Some("hurt")
        );
        assert_eq!(
            one("The militants killed at least three guards.")
                .predicate
                .as_deref(),
            Some("kill")
        );
        assert_eq!(
            one("a raid in which 26 people were killed")
                .predicate
                .as_deref(),
            Some("kill")
        );
        let q = one("Officers said 12 arrested.");
        assert_eq!(
            (q.predicate.as_deref(), q.noun.as_deref(), q.class),
            (Some("arrest"), None, NounClass::Unknown)
        );
        assert_eq!(
            one("Some 5,000 marched through the centre.")
                .predicate
                .as_deref(),
            Some("march")
        );
        assert_eq!(
            one("Floods have displaced 9,000 families.")
                .predicate
                .as_deref(),
            Some("displace")
        );
        assert_eq!(
            one("Some 40 people were ushered out.").predicate.as_deref(),
            Some("usher")
        );
        assert_eq!(
            one("The minister said 40 people attended.")
                .predicate
                .as_deref(),
            Some("attend")
        );
        assert_eq!(one("Officials told 40 reporters nothing.").predicate, None);
    }

    #[test]
    fn places() {
        assert_eq!(
            one("About 8,000 people marched in Porto on Friday.")
                .place
                .as_deref(),
            Some("Porto")
        );
        assert_eq!(
            one("In Lyon, 300 people gathered.").place.as_deref(),
            Some("Lyon")
        );
        assert_eq!(
            one("6,000 took to the streets of Bergen.").place.as_deref(),
            Some("Bergen")
        );
        assert_eq!(one("In May, 300 people gathered.").place, None);
        assert_eq!(
            one("Twenty people died in Kestwick Friday night.")
                .place
                .as_deref(),
            Some("Kestwick")
        );
    }

    #[test]
    fn money_and_percent_classes() {
        let q = one("The council approved a €2.5bn budget.");
        assert_eq!(
            (q.class, q.unit.as_deref(), q.noun.as_deref()),
            (NounClass::Money, Some("EUR"), Some("budget"))
        );
        let q = one("She repaid more than $5,000 earlier this year.");
        assert_eq!((q.noun, q.predicate.as_deref()), (None, Some("repay")));
        let q = one("Support fell to 38 per cent.");
        assert_eq!(q.class, NounClass::Percent);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in [
            "",
            ",",
            "5-",
            "-5",
            "a",
            "$",
            "one",
            ", 14",
            "Smith, 14",
            "20-",
            "€",
            "twenty-",
            "and a half",
            "1,",
            "—5—",
        ] {
            let _ = qs(s);
        }
        let s = "Zoë, 7, ate 3½ pies — 2 € and ½";
        let _ = qs(s);
        let _ = find_quantities(s, Span::new(1, 4));
        let _ = find_quantities(s, Span::new(3, 1));
    }
}
