//! What a number counts: head noun, compound-adjective unit, age appositive, descriptors
//! ("mostly tourists"), predicate verb and place, within one sentence.

use super::lexicon::{
    NwKind, QUANTIFIERS, Role, currency_code, noun, number_word, role, unit, verb,
};
use super::number::{Tok, TokKind, from_stream, glued, numbers_in_tokens, tok_is, tok_text};
use super::{Descriptor, Hedge, NounClass, Number, Quantity};
use crate::span::Span;
use crate::tokens::{Stream, Streams};

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
    find_quantities_in(text, Streams::build(text, [(sentence, true)]).get(0))
}

/// [`find_quantities`] in the sentence of `stream`, its shared token stream.
pub fn find_quantities_in(text: &str, stream: Stream<'_>) -> Vec<Quantity> {
    let sentence = stream.span;
    if !text
        .get(sentence.start..sentence.end)
        .is_some_and(super::lexicon::may_hold_number)
    {
        return Vec::new();
    }
    let toks = from_stream(text, stream);
    let mut numbers = Vec::new();
    numbers_in_tokens(text, &toks, &mut numbers);
    let mut out: Vec<Quantity> = numbers.into_iter().map(|n| build(text, &toks, n)).collect();
    // "5 feet 9 inches" is one height: the inches are not a figure of their own.
    let spans: Vec<Span> = out.iter().map(|q| q.number.span).collect();
    out.retain(|q| {
        !spans
            .iter()
            .any(|s| *s != q.number.span && s.contains(q.number.span))
    });
    out.extend(labels(text, &toks, &out));
    out.sort_by_key(|q| (q.number.span.start, q.number.span.end));
    mark_conversions(text, &toks, &mut out);
    let words = content_words(text, &toks);
    for q in &mut out {
        set_context(&toks, &words, q);
    }
    out
}

/// An exact, whole number as written, for a label or a date.
fn plain_number(text: &str, span: Span, value: f64) -> Number {
    Number {
        span,
        text: span.slice(text).to_string(),
        value,
        hedge: Hedge::Exact,
        hedge_span: None,
        range: (value, value),
        currency: None,
        scale_word: false,
        decimals: 0,
        percent: false,
        is_range: false,
        vague: false,
        point: (value, value),
    }
}

fn is_det(text: &str, toks: &[Tok], i: usize) -> bool {
    word_at(text, toks, i).is_some_and(|w| role(&w) == Some(Role::Det))
        || toks.get(i).is_some_and(|t| {
            t.kind == TokKind::Word && matches!(tok_text(text, t), "s" | "S") && i > 0
        })
}

/// Is there a determiner before token `i`, right before it or before a modifier of up to
/// four lower-case words, hyphenated or joined by "and" ("the June 30 deadline", "a
/// self-imposed June 30 deadline", "a long-awaited and self-imposed June 30 deadline",
/// "the landmark 2015 treaty")?
fn det_before(text: &str, toks: &[Tok], i: usize) -> bool {
    let mut j = i;
    let mut words = 0;
    while j > 0 {
        j -= 1;
        if is_det(text, toks, j) {
            return true;
        }
        let t = &toks[j];
        let hyphen = tok_is(text, t, "-") && glued(toks, j.wrapping_sub(1)) && glued(toks, j);
        if hyphen || (words > 0 && word_at(text, toks, j).as_deref() == Some("and")) {
            continue;
        }
        let modifier = t.kind == TokKind::Word
            && !is_cap(text, t)
            && word_at(text, toks, j).is_some_and(|w| role(&w).is_none() && verb(&w).is_none());
        if !modifier || words == 4 {
            return false;
        }
        words += 1;
    }
    false
}

/// The singular lower-case head noun of the phrase at `k`, if the phrase starts there:
/// what a label names ("stabbing death", "treaty", "block").
fn label_head(text: &str, toks: &[Tok], k: usize, plural_ok: bool) -> Option<(usize, usize)> {
    let first = toks.get(k).filter(|t| t.kind == TokKind::Word)?;
    if is_cap(text, first) || unit(tok_text(text, first)).is_some() {
        return None;
    }
    let w0 = lower(text, first);
    if w0 == "of" || role(&w0).is_some() || number_word(&w0).is_some() {
        return None;
    }
    let (h, after) = head_after(text, toks, k)?;
    let w = lower(text, &toks[h]);
    let singular = noun(&w).map_or_else(|| lemma(&w) == w, |e| e.lemma == w && w != "people");
    ((singular || plural_ok) && !is_cap(text, &toks[h])).then_some((h, after))
}

/// Labels the number parser leaves out (years and dates before a noun: "the 2020
/// treaty", "the June 30 deadline", "Oct. 3 victims", "3/14 attacks"), as quantities of
/// class `Label`.
fn labels(text: &str, toks: &[Tok], found: &[Quantity]) -> Vec<Quantity> {
    let taken = |i: usize| {
        found.iter().any(|q| {
            q.number
                .span
                .contains(Span::new(toks[i].start, toks[i].end))
        })
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let mut hit: Option<(Span, f64, &str, usize)> = None;
        if t.kind == TokKind::Num && !taken(i) {
            let s = tok_text(text, t);
            let v: f64 = s.parse().unwrap_or(-1.0);
            let slash = toks.get(i + 1).is_some_and(|x| tok_is(text, x, "/"))
                && glued(toks, i)
                && glued(toks, i + 1)
                && toks.get(i + 2).is_some_and(|x| x.kind == TokKind::Num)
                && !toks
                    .get(i + 3)
                    .is_some_and(|x| tok_is(text, x, "/") && glued(toks, i + 2));
            if s.len() == 4 && (1800.0..=2100.0).contains(&v) && det_before(text, toks, i) {
                // "the 2020 treaty"
                hit = Some((Span::new(t.start, t.end), v, "year", i + 1));
            } else if slash && (1.0..=12.0).contains(&v) && (i == 0 || !glued(toks, i - 1)) {
                // "3/14 victims"
                let d: f64 = tok_text(text, &toks[i + 2]).parse().unwrap_or(-1.0);
                if (1.0..=31.0).contains(&d) && d.fract() == 0.0 && v.fract() == 0.0 {
                    hit = Some((
                        Span::new(t.start, toks[i + 2].end),
                        v * 100.0 + d,
                        "date",
                        i + 3,
                    ));
                }
            }
        } else if t.kind == TokKind::Word
            && calendar(text, t)
            && number_word(&lower(text, t)).is_some_and(|n| n.kind == NwKind::Month)
            && i > 0
            && (det_before(text, toks, i) || word_at(text, toks, i - 1).as_deref() == Some("of"))
        {
            // "the June 30 deadline", "the Oct. 3 attacks"
            let m = number_word(&lower(text, t)).map_or(0.0, |n| n.value);
            let j = if toks.get(i + 1).is_some_and(|x| tok_is(text, x, ".")) {
                i + 2
            } else {
                i + 1
            };
            if let Some(d) = toks.get(j).filter(|x| x.kind == TokKind::Num) {
                let dv: f64 = tok_text(text, d).parse().unwrap_or(-1.0);
                if (1.0..=31.0).contains(&dv) && dv.fract() == 0.0 {
                    hit = Some((Span::new(t.start, d.end), m * 100.0 + dv, "date", j + 1));
                }
            }
        }
        if let Some((span, value, kind, k)) = hit
            && let Some((h, after)) = label_head(text, toks, k, true)
        {
            let mut q = build(text, toks, plain_number(text, span, value));
            q.class = NounClass::Label;
            q.unit = Some(kind.to_string());
            q.noun = Some(lemma(tok_text(text, &toks[h])));
            q.noun_span = Some(Span::new(toks[h].start, toks[h].end));
            q.span = Span::new(span.start, toks[after - 1].end);
            q.descriptors.clear();
            q.dimension = None;
            out.push(q);
            i = after;
            continue;
        }
        i += 1;
    }
    out
}

/// A money amount in parentheses right after another one is a conversion.
fn mark_conversions(text: &str, toks: &[Tok], qs: &mut [Quantity]) {
    for x in 1..qs.len() {
        let (a, b) = (&qs[x - 1], &qs[x]);
        if a.class != NounClass::Money || b.class != NounClass::Money {
            continue;
        }
        let between: Vec<&str> = toks
            .iter()
            .filter(|t| t.start >= a.number.span.end && t.end <= b.number.span.start)
            .map(|t| tok_text(text, t))
            .collect();
        if between.last() == Some(&"(") && between.len() <= 3 {
            qs[x].conversion = true;
        }
    }
}

/// Content words of a sentence with their token index: no function, reporting or number
/// words; nouns and verbs lemmatised.
fn content_words(text: &str, toks: &[Tok]) -> Vec<(usize, String)> {
    let stop = &crate::lexicon::lexicons().stopwords;
    toks.iter()
        .enumerate()
        .filter(|(_, t)| t.kind == TokKind::Word)
        .filter_map(|(i, t)| {
            let w = lower(text, t);
            if w.chars().count() < 2
                || stop.contains(&w)
                || role(&w).is_some()
                || number_word(&w).is_some()
                || verb(&w) == Some(None)
                || unit(&w).is_some()
            {
                return None;
            }
            let l = match verb(&w) {
                Some(Some(l)) => l.to_string(),
                _ => verb_lemma(&w).unwrap_or_else(|| lemma(&w)),
            };
            Some((i, l))
        })
        .collect()
}

/// Words that say what the quantity is about: the sentence's content words outside its
/// phrase, and those within four tokens of it.
fn set_context(toks: &[Tok], words: &[(usize, String)], q: &mut Quantity) {
    let first = toks
        .iter()
        .position(|t| t.start >= q.span.start)
        .unwrap_or(0);
    let last = toks
        .iter()
        .rposition(|t| t.end <= q.span.end)
        .unwrap_or(first);
    let mut ctx = Vec::new();
    let mut near = Vec::new();
    for (i, w) in words {
        if *i >= first && *i <= last {
            continue;
        }
        ctx.push(w.as_str());
        if *i + 4 >= first && *i <= last + 4 {
            near.push(w.as_str());
        }
    }
    q.context = crate::sorted::Words::new(ctx);
    q.near = crate::sorted::Words::new(near);
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

/// The token after a short bracketed aside that opens at token `k` and holds a number
/// ("(£68 billion)"), if there is one.
fn after_brackets(text: &str, toks: &[Tok], k: usize) -> Option<usize> {
    if !toks.get(k).is_some_and(|t| tok_is(text, t, "(")) {
        return None;
    }
    let close = (k + 1..(k + 8).min(toks.len())).find(|&i| tok_is(text, &toks[i], ")"))?;
    toks[k + 1..close]
        .iter()
        .any(|t| t.kind == TokKind::Num)
        .then_some(close + 1)
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

/// After an age's compound adjective: up to three lower-case words of a noun phrase, then
/// the name they describe, either next to them ("son Ilan") or as an appositive closed by
/// punctuation ("fisherman, Ana Okafor,"). Returns the head noun, the name and the index
/// after it. A capitalised word followed by more words ("a 30-year-old man, Harbour police
/// said") is no appositive.
fn noun_then_name(text: &str, toks: &[Tok], k: usize) -> Option<(usize, Span, usize)> {
    let mut i = k;
    while i < k + 3 && toks.get(i).is_some_and(|t| !is_cap(text, t)) && np_word(text, toks, i) {
        i += 1;
    }
    if i == k {
        return None;
    }
    let head = i - 1;
    if let Some((name, after)) = name_after(text, toks, i) {
        return Some((head, name, after));
    }
    if !toks.get(i).is_some_and(|t| tok_is(text, t, ",")) {
        return None;
    }
    let (name, after) = name_after(text, toks, i + 1)?;
    let closed = toks
        .get(after)
        .is_none_or(|t| matches!(tok_text(text, t), "," | "." | ";" | ")"));
    closed.then_some((head, name, after))
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
        dimension: None,
        factor: 1.0,
        of_noun: None,
        conversion: false,
        context: Default::default(),
        near: Default::default(),
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
        } else if q.class == NounClass::Age
            && let Some((h, name, after)) = noun_then_name(text, toks, k)
        {
            // "the 52-year-old coxswain Ana Okafor", "a 49-year-old fisherman, Ana Okafor,"
            let l = lemma(tok_text(text, &toks[h]));
            q.modifies = Some(l.clone());
            q.noun = Some(l);
            q.noun_span = Some(Span::new(toks[h].start, toks[h].end));
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
    } else if let Some((dim, factor)) = unit_at(text, toks, k).filter(|_| plain) {
        // "5 feet", "300ft", "19 months", "150 pounds"
        let w = lower(text, &toks[k]);
        q.class = if dim == "time" {
            NounClass::Duration
        } else {
            NounClass::Measure
        };
        q.noun = Some(lemma(&w));
        q.noun_span = Some(Span::new(toks[k].start, toks[k].end));
        q.unit = Some(w);
        q.dimension = Some(dim.to_string());
        q.factor = factor;
        q.span.end = toks[k].end;
        k += 1;
        // "5 feet 4 inches": one height, in feet.
        if matches!(q.unit.as_deref(), Some("feet" | "foot" | "ft"))
            && let Some(t) = toks.get(k).filter(|t| t.kind == TokKind::Num)
            && let Ok(inches) = tok_text(text, t).parse::<f64>()
            && unit_at(text, toks, k + 1).is_some_and(|(_, f)| (f - 0.0254).abs() < 1e-9)
        {
            let add = inches / 12.0;
            let n = &mut q.number;
            n.value += add;
            n.range = (n.range.0 + add, n.range.1 + add);
            n.point = (n.point.0 + add, n.point.1 + add);
            n.span.end = toks[k + 1].end;
            n.text = n.span.slice(text).to_string();
            q.span.end = toks[k + 1].end;
            k += 2;
        }
    } else {
        // "a €80 billion (£68 billion) rescue package": the noun comes after a
        // conversion in brackets.
        let head = head_after(text, toks, k).or_else(|| {
            let close = after_brackets(text, toks, k)?;
            head_after(text, toks, close)
        });
        if let Some((h, after)) = head {
            let w = tok_text(text, &toks[h]);
            q.noun = Some(lemma(w));
            q.noun_span = Some(Span::new(toks[h].start, toks[h].end));
            q.class = noun(w).map_or(NounClass::Other, |e| e.class);
            q.span.end = toks[after - 1].end;
            k = after;
            if word_at(text, toks, k).as_deref() == Some("of") {
                q.of_noun = (k + 1..(k + 5).min(toks.len()))
                    .filter_map(|i| word_at(text, toks, i))
                    .find(|w| role(w).is_none() && number_word(w).is_none() && w.len() > 2)
                    .map(|w| lemma(&w));
            }
        }
        if q.class == NounClass::Duration {
            q.unit = q.noun.clone();
        }
    }
    // "weighing 150 pounds": a weight, not money.
    let weighed = (first.saturating_sub(3)..first)
        .any(|i| word_at(text, toks, i).is_some_and(|w| w.starts_with("weigh")));
    if let Some(c) = q.number.currency.as_deref()
        && weighed
        && let Some((dim, factor)) = unit(&c.to_lowercase())
    {
        q.class = NounClass::Measure;
        q.unit = Some(c.to_lowercase());
        q.noun = Some(c.to_lowercase());
        q.dimension = Some(dim.to_string());
        q.factor = factor;
        q.number.currency = None;
    } else if let Some(c) = q.number.currency.as_deref() {
        q.class = NounClass::Money;
        q.unit = currency_code(c);
    }
    // "45 billion" with no noun and no currency written: an amount of money.
    if q.number.scale_word && q.noun.is_none() && q.class == NounClass::Unknown && !q.number.percent
    {
        q.class = NounClass::Money;
    }
    if q.class == NounClass::Duration
        && q.dimension.is_none()
        && let Some((dim, factor)) = q.unit.as_deref().and_then(unit)
    {
        q.dimension = Some(dim.to_string());
        q.factor = factor;
    }
    // "the 4300 block", "the 2019 stabbing": a whole number between a determiner and a
    // singular noun names a thing rather than counting it.
    if plain
        && q.number.hedge == Hedge::Exact
        && !q.number.scale_word
        && q.number.value.fract() == 0.0
        && q.number.value >= 2.0
        && q.class != NounClass::Age
        && q.dimension.is_none()
        && q.modifies.is_none()
        && first > 0
        && is_det(text, toks, first - 1)
        && tok_text(text, &toks[first])
            .bytes()
            .all(|b| b.is_ascii_digit())
        && let Some(after_num) = toks.iter().position(|t| t.start >= q.number.span.end)
        && let Some((h, _)) = label_head(text, toks, after_num, false)
        && q.noun_span.is_some_and(|s| s.start == toks[h].start)
    {
        q.class = NounClass::Label;
        let year = q.number.text.len() == 4 && (1800.0..=2100.0).contains(&q.number.value);
        q.unit = Some(if year { "year" } else { "number" }.to_string());
        q.descriptors.clear();
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

/// A unit of measure at token `k` ("feet", "ft"); a one-letter unit only glued to the
/// numeral ("90m").
fn unit_at(text: &str, toks: &[Tok], k: usize) -> Option<(&'static str, f64)> {
    let t = toks.get(k).filter(|t| t.kind == TokKind::Word)?;
    let w = tok_text(text, t);
    if w.chars().count() == 1 && !glued(toks, k.wrapping_sub(1)) {
        return None;
    }
    // "6 feet under" is fine; "5 minutes' walk" too; "3 m" spaced is not.
    unit(w)
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
        // The numbers of the text from token `qend` to `d`: that text's tokens are
        // these tokens (both start at a token and end at one).
        let from = qend.min(d - 1);
        let count = text
            .get(toks[from].start..span.end)
            .is_some_and(super::lexicon::may_hold_number)
            .then(|| {
                let mut found = Vec::new();
                numbers_in_tokens(text, &toks[from..d], &mut found);
                found.first().map(|n| n.value)
            })
            .flatten();
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
    }

    #[test]
    fn an_age_before_a_noun_and_the_name_it_describes() {
        let who = |s: &str| {
            let q = one(s);
            (
                q.class,
                q.noun.clone(),
                q.subject_of.map(|n| n.slice(s).to_string()),
            )
        };
        let s = "A 49-year-old fisherman, Piet Anders, was rescued.";
        assert_eq!(
            who(s),
            (
                NounClass::Age,
                Some("fisherman".into()),
                Some("Piet Anders".into())
            )
        );
        let s = "Her 19-year-old son Ilo raised the alarm.";
        assert_eq!(
            who(s),
            (NounClass::Age, Some("son".into()), Some("Ilo".into()))
        );
        // No name, or a capitalised word that starts the next clause.
        assert_eq!(who("A 34-year-old crew member was hurt.").2, None);
        assert_eq!(
            who("A 30-year-old man, Harbour police said, was held.").2,
            None
        );
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
    fn the_noun_after_a_conversion_in_brackets() {
        let q = &qs("Lenders agreed a €80 billion (£68 billion) rescue package on Sunday.")[0];
        assert_eq!(q.noun.as_deref(), Some("package"));
        // Brackets holding no number are no conversion.
        let q = &qs("Lenders agreed €80 billion (in principle) for the package.")[0];
        assert_eq!(q.noun, None);
    }

    /// A compact dump of every quantity in `s`: `text class noun/unit [dimension] value`,
    /// `; `-separated.
    fn dump(s: &str) -> String {
        qs(s)
            .iter()
            .map(|q| {
                let class = serde_json::to_value(q.class).unwrap();
                let mut d = format!(
                    "{} {} {}",
                    q.number.text,
                    class.as_str().unwrap(),
                    q.unit.as_deref().or(q.noun.as_deref()).unwrap_or("-")
                );
                if let Some(dim) = &q.dimension {
                    d.push_str(&format!(" [{dim}]"));
                }
                if let Some(n) = q.noun.as_deref().filter(|_| q.class == NounClass::Label) {
                    d.push_str(&format!(" of {n}"));
                }
                if q.conversion {
                    d.push_str(" (conversion)");
                }
                d
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn check(input: &str, expect: &str) {
        assert_eq!(dump(input), expect, "{input}");
    }

    #[test]
    fn measures_labels_and_money() {
        check(
            "She is 5 feet 9 inches tall and weighing 170 pounds.",
            "5 feet 9 inches measure feet [length]; 170 pounds measure pounds [mass]",
        );
        check(
            "He returned 10 weeks ago after a spell of 19 months.",
            "10 duration weeks [time]; 19 duration months [time]",
        );
        check("The climber fell 300ft.", "300 measure ft [length]");
        check(
            "The pier was rebuilt after the 2029 collapse of the old pier.",
            "2029 label year of collapse",
        );
        check(
            "He lived in the 4300 block of Ash Street.",
            "4300 label number of block",
        );
        check(
            "The president faces a June 30 deadline; 3/14 victims may sue.",
            "June 30 label date of deadline; 3/14 label date of victim",
        );
        // A modifier between the determiner and the label.
        check(
            "It came before a long-awaited and self-imposed June 30 deadline.",
            "June 30 label date of deadline",
        );
        check(
            "Critics of the landmark 2029 treaty were heard.",
            "2029 label year of treaty",
        );
        // A verb or a name before the date is no modifier: the date is no label.
        check("Talks resumed June 30 deadline or not.", "");
        check(
            "The fund was 12 billion euros ($15 billion) this year.",
            "12 billion euros money EUR; $15 billion money USD (conversion)",
        );
        // a count with a plural noun is no label; "in 2029" is no figure
        check("The 80 employees left in 2029.", "80 person employee");
    }

    #[test]
    fn context_words_exclude_the_figure_and_function_words() {
        let q = one("Police said 14 people were injured in the crash at the pier.");
        assert_eq!(q.context, ["crash", "injure", "police"]);
        assert!(q.near.iter().any(|w| w == "injure"));
        let q = one("Two counts of fraud were filed.");
        assert_eq!(q.of_noun.as_deref(), Some("fraud"));
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
