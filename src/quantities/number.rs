//! Numerals and number words: tokens, values, scales, currencies, ranges.

use std::sync::LazyLock;

use regex::Regex;

use super::hedge::{interval, post_hedge, pre_hedge};
use super::lexicon::{NwKind, PERCENT_PHRASES, is_currency, noun, number_word};
use super::{Hedge, NounClass, Number};
use crate::span::Span;
#[cfg(test)]
use crate::tokens::Streams;
use crate::tokens::TokenKind;
use crate::tokens::stream::{Stream, view};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Num,
    Punct,
}

/// A token: a word (letters, inner apostrophes), a numeral (`1,234.5`) or one other character.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*|\S")
        .expect("token regex")
});

/// Tokens of `text` inside `region` (document coordinates). An out-of-range region or one
/// not on character boundaries yields no tokens.
pub(crate) fn tokenize(text: &str, region: Span) -> Vec<Tok> {
    let mut out = Vec::new();
    tokenize_into(text, region, &mut out);
    out
}

/// The tokens of one sentence read from its shared token stream
/// ([`crate::tokens::stream::view`]): exactly what [`tokenize`] gives for the sentence.
pub(crate) fn from_stream(text: &str, stream: Stream<'_>) -> Vec<Tok> {
    view(
        text,
        stream.iter(),
        stream.span,
        |t| Tok {
            start: t.span.start,
            end: t.span.end,
            kind: match t.kind {
                TokenKind::Word => TokKind::Word,
                TokenKind::Number => TokKind::Num,
                TokenKind::Punct => TokKind::Punct,
            },
        },
        |run, out| tokenize_into(text, run, out),
    )
}

/// [`tokenize`], appending to `out`.
fn tokenize_into(text: &str, region: Span, out: &mut Vec<Tok>) {
    let Some(s) = text.get(region.start..region.end) else {
        return;
    };
    out.extend(
        crate::tokens::scan_matches(s, &TOKEN, ascii_token_end).map(|(start, end)| {
            let c = s[start..end].chars().next().unwrap_or(' ');
            let kind = if c.is_ascii_digit() {
                TokKind::Num
            } else if c.is_alphabetic() {
                TokKind::Word
            } else {
                TokKind::Punct
            };
            Tok {
                start: start + region.start,
                end: end + region.start,
                kind,
            }
        }),
    );
}

/// The end of the [`TOKEN`] match at `pos` when ASCII bytes decide it, else `None`
/// (see [`crate::tokens::scan_matches`]).
fn ascii_token_end(b: &[u8], pos: usize) -> Option<usize> {
    let at = |i: usize| b.get(i).copied();
    // Some(is a digit) for an ASCII byte or the end; None for a non-ASCII byte (it may be
    // a digit or letter of another script: the regex decides).
    let digit = |i: usize| match at(i) {
        None => Some(false),
        Some(c) if c.is_ascii() => Some(c.is_ascii_digit()),
        Some(_) => None,
    };
    let c = at(pos)?;
    if !c.is_ascii() {
        return None;
    }
    // digits from i; returns the end of the run
    let run = |mut i: usize| -> Option<usize> {
        while digit(i)? {
            i += 1;
        }
        Some(i)
    };
    // (?:\.\d+)? after a numeral ending at i
    let decimals = |i: usize| -> Option<usize> {
        if at(i) == Some(b'.') && digit(i + 1)? {
            run(i + 1)
        } else {
            Some(i)
        }
    };
    if c.is_ascii_digit() {
        let r = run(pos)?;
        // \d{1,3}(?:,\d{3})+(?:\.\d+)?
        let three = |i: usize| -> Option<bool> {
            Some(at(i) == Some(b',') && digit(i + 1)? && digit(i + 2)? && digit(i + 3)?)
        };
        if r - pos <= 3 && three(r)? {
            let mut i = r;
            while three(i)? {
                i += 4;
            }
            return decimals(i);
        }
        // \d+(?:\.\d+)?
        return decimals(r);
    }
    if c.is_ascii_alphabetic() {
        // [\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*
        return crate::tokens::ascii_joined_run(b, pos, |c| c.is_ascii_alphabetic(), b"'");
    }
    // \S
    Some(pos + 1)
}

pub(crate) fn tok_text<'a>(text: &'a str, t: &Tok) -> &'a str {
    text.get(t.start..t.end).unwrap_or("")
}

pub(crate) fn tok_is(text: &str, t: &Tok, w: &str) -> bool {
    tok_text(text, t).eq_ignore_ascii_case(w)
}

/// Token `i` touches token `i + 1` (no space between).
pub(crate) fn glued(toks: &[Tok], i: usize) -> bool {
    match (toks.get(i), toks.get(i.wrapping_add(1))) {
        (Some(a), Some(b)) => a.end == b.start,
        _ => false,
    }
}

fn is_dash(text: &str, t: &Tok) -> bool {
    matches!(tok_text(text, t), "-" | "–" | "—")
}

fn is_capitalized(text: &str, t: &Tok) -> bool {
    tok_text(text, t)
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

fn nw_kind(text: &str, t: Option<&Tok>) -> Option<NwKind> {
    let t = t?;
    (t.kind == TokKind::Word)
        .then(|| number_word(tok_text(text, t)).map(|n| n.kind))
        .flatten()
}

/// The numeric core of a number before scale, currency and range handling.
#[derive(Clone, Debug)]
struct Core {
    /// Index of the first token (currency prefix included).
    first: usize,
    /// Index after the last token.
    next: usize,
    value: f64,
    decimals: u8,
    scale: f64,
    scale_word: bool,
    vague: Option<(f64, f64)>,
    currency: Option<String>,
    digits: bool,
}

/// Every number in `text` within `regions` (byte spans in order).
pub fn find_numbers(text: &str, regions: &[Span]) -> Vec<Number> {
    let mut out = Vec::new();
    for &region in regions {
        if !text
            .get(region.start..region.end)
            .is_some_and(super::lexicon::may_hold_number)
        {
            continue;
        }
        numbers_in_tokens(text, &tokenize(text, region), &mut out);
    }
    out
}

/// The numbers among `toks` (one region's [`tokenize`]), appended to `out`.
pub(crate) fn numbers_in_tokens(text: &str, toks: &[Tok], out: &mut Vec<Number>) {
    let joined = join_spaced_thousands(text, toks);
    let toks: &[Tok] = joined.as_deref().unwrap_or(toks);
    let mut i = 0;
    while i < toks.len() {
        match number_at(text, toks, i) {
            Ok((n, next)) => {
                out.push(n);
                i = next.max(i + 1);
            }
            Err(next) => i = next.max(i + 1),
        }
    }
}

/// Tokenised text writes "4,000" as "4, 000": a group of three digits starting with a zero
/// after "N," is the rest of the numeral (no number is written "000"). The three tokens
/// become one numeral token; `None` when there is none to join.
fn join_spaced_thousands(text: &str, toks: &[Tok]) -> Option<Vec<Tok>> {
    let digits = |t: &Tok, len: std::ops::RangeInclusive<usize>| {
        let s = tok_text(text, t);
        t.kind == TokKind::Num && len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let at = |i: usize| {
        toks.len() > i + 2
            && digits(&toks[i], 1..=3)
            && tok_is(text, &toks[i + 1], ",")
            && glued(toks, i)
            && text.get(toks[i + 1].end..toks[i + 2].start) == Some(" ")
            && digits(&toks[i + 2], 3..=3)
            && tok_text(text, &toks[i + 2]).starts_with('0')
            && !(i > 0 && glued(toks, i - 1))
    };
    if !(0..toks.len()).any(at) {
        return None;
    }
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        if at(i) {
            out.push(Tok {
                start: toks[i].start,
                end: toks[i + 2].end,
                kind: TokKind::Num,
            });
            i += 3;
        } else {
            out.push(toks[i]);
            i += 1;
        }
    }
    Some(out)
}

/// A currency written before the numeral starting at token `i`: returns the currency and the
/// index of the numeral.
fn currency_prefix(text: &str, toks: &[Tok], i: usize) -> Option<(String, usize)> {
    let t = toks.get(i)?;
    let s = tok_text(text, t);
    let num_at = |j: usize, spaced_ok: bool| {
        toks.get(j)
            .is_some_and(|n| n.kind != TokKind::Punct && (glued(toks, j - 1) || spaced_ok))
    };
    match t.kind {
        TokKind::Punct if num_at(i + 1, true) && is_currency(s) => Some((s.to_string(), i + 1)),
        TokKind::Word => {
            // "US$5", "A$43", "HK$2"
            if glued(toks, i)
                && toks.get(i + 1).is_some_and(|d| tok_is(text, d, "$"))
                && num_at(i + 2, false)
            {
                let joined = format!("{s}$");
                if is_currency(&joined) {
                    return Some((joined, i + 2));
                }
            }
            // "euro110", "EUR 30", "Rs 500" (the look-up last: most words precede no numeral)
            let all_caps = s.len() >= 2 && s.chars().all(|c| c.is_ascii_uppercase());
            let next_num = toks.get(i + 1).is_some_and(|n| n.kind == TokKind::Num);
            if next_num && (glued(toks, i) || all_caps) && is_currency(s) {
                return Some((s.to_string(), i + 1));
            }
            None
        }
        _ => None,
    }
}

/// Parse a number at token `i`. `Err(next)` skips to `next`.
fn number_at(text: &str, toks: &[Tok], i: usize) -> Result<(Number, usize), usize> {
    let (currency, j) = match currency_prefix(text, toks, i) {
        Some((c, j)) => (Some(c), j),
        None => (None, i),
    };
    let mut core = match toks[j].kind {
        TokKind::Num => digits_core(text, toks, j, currency.is_some(), false)?,
        TokKind::Word => words_core(text, toks, j).ok_or(i + 1)?,
        TokKind::Punct => return Err(i + 1),
    };
    core.first = i;
    core.currency = currency;
    let mut k = core.next;
    suffixes(text, toks, &mut core, &mut k);
    let percent = percent_at(text, toks, k).map(|e| k = e).is_some();

    // Ranges: "10 to 12", "10-12", "between 10 and 12", "two or three".
    let mut hi = None;
    let mut range_percent = false;
    let prev_word = |w: &str| i > 0 && tok_is(text, &toks[i - 1], w);
    let joiner = toks.get(k).map(|t| tok_text(text, t).to_lowercase());
    let joiner_ok = match joiner.as_deref() {
        Some("-" | "–") => glued(toks, k - 1) && glued(toks, k),
        Some("to") => !prev_word("from"),
        Some("and") => prev_word("between"),
        Some("or") => true,
        _ => false,
    };
    if joiner_ok {
        let b_first = k + 1;
        let (b_cur, bj) = match currency_prefix(text, toks, b_first) {
            Some((c, bj)) => (Some(c), bj),
            None => (None, b_first),
        };
        let b = toks.get(bj).and_then(|t| match t.kind {
            TokKind::Num => digits_core(text, toks, bj, b_cur.is_some(), true).ok(),
            TokKind::Word => words_core(text, toks, bj),
            TokKind::Punct => None,
        });
        if let Some(mut b) = b.filter(|b| b.digits == core.digits || joiner.as_deref() != Some("-"))
        {
            let mut bk = b.next;
            suffixes(text, toks, &mut b, &mut bk);
            let b_percent = percent_at(text, toks, bk).map(|e| bk = e).is_some();
            let mut a_val = core.value;
            if b.scale > core.scale && a_val * (b.scale / core.scale) < b.value {
                a_val *= b.scale / core.scale;
            }
            let b_val = b.value;
            let close = joiner.as_deref() != Some("or") || b_val - a_val <= a_val.max(2.0);
            if b_val > a_val && close && b.vague.is_none() && core.vague.is_none() {
                core.value = a_val;
                if b.scale > core.scale {
                    core.scale = b.scale;
                    core.scale_word = b.scale_word;
                }
                core.currency = core.currency.take().or(b_cur).or(b.currency);
                core.decimals = core.decimals.max(b.decimals);
                hi = Some(b_val);
                k = bk;
                range_percent = b_percent;
            }
        }
    }
    let percent = percent || range_percent || percent_at(text, toks, k).map(|e| k = e).is_some();

    let mut hedge = Hedge::Exact;
    let mut hedge_span = None;
    let hedge_before = if hi.is_some() && prev_word("between") {
        i - 1
    } else {
        i
    };
    if let Some((h, s)) = pre_hedge(text, toks, hedge_before) {
        hedge = h;
        hedge_span = Some(s);
    }
    if let Some((h, s, e)) = post_hedge(text, toks, k)
        && hedge == Hedge::Exact
    {
        hedge = h;
        hedge_span = Some(s);
        k = e;
    }

    let span = Span::new(toks[i].start, toks[k - 1].end);
    let tol = if core.scale_word {
        0.5 * 10f64.powi(-i32::from(core.decimals)) * core.scale
    } else {
        0.0
    };
    let (lo, up) = match core.vague {
        Some((l, h)) => (l, h),
        None => (core.value, hi.unwrap_or(core.value)),
    };
    let range = interval(lo, up, tol, hedge);
    let point = interval(lo, up, tol, Hedge::Exact);
    let n = Number {
        span,
        text: span.slice(text).to_string(),
        value: lo,
        hedge,
        hedge_span,
        range,
        currency: core.currency,
        scale_word: core.scale_word,
        decimals: core.decimals,
        percent,
        is_range: hi.is_some(),
        vague: core.vague.is_some(),
        point,
    };
    Ok((n, k))
}

/// Scale words and abbreviations, and a currency word after the numeral.
fn suffixes(text: &str, toks: &[Tok], core: &mut Core, k: &mut usize) {
    if core.digits {
        // "22 billion", "110-billion-euro"
        let hyphen = toks.get(*k).is_some_and(|t| tok_is(text, t, "-"))
            && glued(toks, *k - 1)
            && glued(toks, *k);
        let at = if hyphen { *k + 1 } else { *k };
        if let Some(nw) = toks.get(at).and_then(|t| {
            (t.kind == TokKind::Word)
                .then(|| number_word(tok_text(text, t)))
                .flatten()
        }) {
            let spaced = !glued(toks, at - 1);
            let abbr_ok = nw.kind == NwKind::Abbr
                && (tok_text(text, &toks[at]).len() > 1 || core.currency.is_some())
                && (!spaced || tok_text(text, &toks[at]).len() > 1);
            let scale_ok = matches!(nw.kind, NwKind::Scale | NwKind::Mult) && (spaced || hyphen);
            if abbr_ok || scale_ok {
                core.value *= nw.value;
                core.scale = nw.value;
                core.scale_word = true;
                *k = at + 1;
            }
        }
    }
    // "30bn euros", "22 billion Euros", "110-billion-euro"
    if core.currency.is_none() {
        let hyphen = toks.get(*k).is_some_and(|t| tok_is(text, t, "-"))
            && glued(toks, *k - 1)
            && glued(toks, *k);
        let at = if hyphen { *k + 1 } else { *k };
        if let Some(t) = toks.get(at).filter(|t| t.kind == TokKind::Word) {
            let s = tok_text(text, t);
            if is_currency(s) && s.chars().count() > 2 {
                core.currency = Some(s.to_string());
                *k = at + 1;
            }
        }
    }
}

/// A percent sign or word at `k`: the index after it.
fn percent_at(text: &str, toks: &[Tok], k: usize) -> Option<usize> {
    let t = toks.get(k)?;
    if tok_is(text, t, "%") {
        return Some(k + 1);
    }
    PERCENT_PHRASES.iter().find_map(|p| {
        let ok = p
            .iter()
            .enumerate()
            .all(|(o, w)| toks.get(k + o).is_some_and(|t| tok_is(text, t, w)));
        ok.then_some(k + p.len())
    })
}

fn month_at(text: &str, toks: &[Tok], i: usize) -> bool {
    toks.get(i)
        .is_some_and(|t| is_capitalized(text, t) && nw_kind(text, Some(t)) == Some(NwKind::Month))
}

/// A numeral at `j`. `Err(next)` when it is not a count (year, date, time, ordinal, phone
/// number, part of a name or code).
/// `after_joiner`: the second end of a range ("10-12"), glued to the joiner.
fn digits_core(
    text: &str,
    toks: &[Tok],
    j: usize,
    has_currency: bool,
    after_joiner: bool,
) -> Result<Core, usize> {
    let s = tok_text(text, &toks[j]);
    let n = toks.len();
    let skip_glued = |mut e: usize| {
        while e + 1 < n && glued(toks, e) {
            e += 1;
        }
        e + 1
    };
    // Glued before: "G20", "COVID-19", "1.2.3", "5/8", "#3".
    if !has_currency && !after_joiner && j > 0 && glued(toks, j - 1) {
        let p = &toks[j - 1];
        let ps = tok_text(text, p);
        if p.kind == TokKind::Word || matches!(ps, ":" | "/" | "#" | "." | "," | "№") {
            return Err(skip_glued(j));
        }
        if ps == "-" && j >= 2 && glued(toks, j - 2) && toks[j - 2].kind != TokKind::Punct {
            return Err(skip_glued(j));
        }
    }
    // Glued after: times, dates, ordinals, decades, phone numbers, codes.
    if let Some(a) = toks.get(j + 1).filter(|_| glued(toks, j)) {
        let a_s = tok_text(text, a).to_lowercase();
        let then_num =
            toks.get(j + 2).is_some_and(|t| t.kind == TokKind::Num) && glued(toks, j + 1);
        match a.kind {
            TokKind::Punct if matches!(a_s.as_str(), ":" | "/" | ".") && then_num => {
                return Err(skip_glued(j));
            }
            TokKind::Punct if a_s == "-" && then_num => {
                let second = tok_text(text, &toks[j + 2]);
                let third =
                    toks.get(j + 3).is_some_and(|t| tok_is(text, t, "-")) && glued(toks, j + 2);
                if third || (s.len() == 3 && second.len() == 4) {
                    return Err(skip_glued(j));
                }
            }
            TokKind::Word => {
                let known = number_word(&a_s)
                    .is_some_and(|w| w.kind == NwKind::Abbr && (a_s.len() > 1 || has_currency))
                    // "300ft", "90m", "5kg"
                    || (!has_currency && super::lexicon::unit(tok_text(text, a)).is_some());
                if !known {
                    return Err(skip_glued(j));
                }
            }
            _ => {}
        }
    }
    // "(312) 555-0100"
    if j > 0
        && tok_is(text, &toks[j - 1], "(")
        && s.len() == 3
        && toks.get(j + 1).is_some_and(|t| tok_is(text, t, ")"))
    {
        return Err(skip_glued(j + 1));
    }
    let clean: String = s.chars().filter(|c| !matches!(c, ',' | ' ')).collect();
    let value: f64 = clean.parse().map_err(|_| j + 1)?;
    let decimals = clean
        .split_once('.')
        .map_or(0, |(_, d)| d.len().min(255) as u8);
    let plain_int = !s.contains(['.', ',']);
    if !has_currency && plain_int {
        let next_word = toks
            .get(j + 1)
            .filter(|t| t.kind == TokKind::Word && !glued(toks, j));
        // Years: "in 2017", "since 1991", "May 8, 2025". A four-digit number counts only
        // when a counted noun follows ("2000 people").
        if s.len() == 4 && (1000.0..=2100.0).contains(&value) {
            let counted = next_word.is_some_and(|t| {
                noun(tok_text(text, t))
                    .is_some_and(|e| !matches!(e.class, NounClass::Other | NounClass::Duration))
            });
            if !counted {
                return Err(j + 1);
            }
        }
        // Day of month: "May 8", "Aug. 6", "8 May".
        if value <= 31.0 {
            let before = if j >= 2 && tok_is(text, &toks[j - 1], ".") {
                j - 2
            } else {
                j.wrapping_sub(1)
            };
            if month_at(text, toks, before) || month_at(text, toks, j + 1) {
                return Err(j + 1);
            }
        }
        // Part of a name: "Section 5", "No. 7", "Flight 12".
        let before = if j >= 2 && tok_is(text, &toks[j - 1], ".") {
            j - 2
        } else {
            j.wrapping_sub(1)
        };
        if nw_kind(text, toks.get(before)) == Some(NwKind::Label) {
            return Err(j + 1);
        }
        // Clock times: "9 am", "9 a.m."
        if let Some(t) = next_word {
            let w = tok_text(text, t).to_lowercase();
            let am = w == "am" || w == "pm";
            let a_m = (w == "a" || w == "p")
                && toks.get(j + 2).is_some_and(|t| tok_is(text, t, "."))
                && toks.get(j + 3).is_some_and(|t| tok_is(text, t, "m"));
            if am || a_m {
                return Err(j + 2);
            }
        }
    }
    Ok(Core {
        first: j,
        next: j + 1,
        value,
        decimals,
        scale: 1.0,
        scale_word: false,
        vague: None,
        currency: None,
        digits: true,
    })
}

/// Number words starting at `j`: "twenty-six", "a hundred and twelve", "two dozen",
/// "half a million", "hundreds of thousands".
fn words_core(text: &str, toks: &[Tok], j: usize) -> Option<Core> {
    let word = |i: usize| {
        toks.get(i)
            .filter(|t| t.kind == TokKind::Word)
            .map(|t| tok_text(text, t).to_lowercase())
    };
    let kind = |i: usize| nw_kind(text, toks.get(i).filter(|t| t.kind == TokKind::Word));
    // Most words are no number word, "half", "a" or "an": nothing below starts at them, and
    // they need not be lower-cased into a `String` to tell.
    let t = toks.get(j).filter(|t| t.kind == TokKind::Word)?;
    let s = tok_text(text, t);
    if number_word(s).is_none()
        && !crate::lexicon::with_lowercase(s, |l| matches!(l, "half" | "a" | "an"))
    {
        return None;
    }
    let first = word(j)?;
    let mut core = Core {
        first: j,
        next: j,
        value: 0.0,
        decimals: 0,
        scale: 1.0,
        scale_word: false,
        vague: None,
        currency: None,
        digits: false,
    };
    // Vague plurals.
    if let Some(nw) =
        number_word(&first).filter(|n| matches!(n.kind, NwKind::Vague | NwKind::VagueOf))
    {
        let (mut lo, mut hi, mut k) = (nw.value, nw.max, j + 1);
        // "hundreds of thousands", "tens of thousands"
        if word(k).as_deref() == Some("of") {
            if let Some(s) = word(k + 1)
                .and_then(|w| number_word(&w))
                .filter(|n| n.kind == NwKind::Vague)
            {
                let scale = s.value / 2.0;
                lo *= scale;
                hi = (hi + 1.0) * scale - 1.0;
                k += 2;
            } else if nw.kind == NwKind::VagueOf {
                return None;
            }
        } else if nw.kind == NwKind::VagueOf {
            return None;
        }
        core.value = lo;
        core.vague = Some((lo, hi));
        core.next = k;
        return Some(core);
    }
    // "half a million"
    if first == "half" {
        if matches!(word(j + 1).as_deref(), Some("a" | "an")) && kind(j + 2) == Some(NwKind::Scale)
        {
            let s = number_word(&word(j + 2)?)?.value;
            core.value = 0.5 * s;
            core.scale = s;
            core.scale_word = true;
            core.next = j + 3;
            return Some(core);
        }
        return None;
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Last {
        Start,
        A,
        Unit,
        Tens,
        TensUnit,
        Mult,
        Scale,
        Group,
        And,
    }
    let mut last = Last::Start;
    let mut total = 0.0;
    let mut group = 0.0;
    let mut k = j;
    if matches!(first.as_str(), "a" | "an") {
        if !matches!(
            kind(j + 1),
            Some(NwKind::Mult | NwKind::Scale | NwKind::Group | NwKind::Couple)
        ) {
            return None;
        }
        last = Last::A;
        group = 1.0;
        k = j + 1;
    }
    let mut end = k;
    while let Some(w) = word(k) {
        let Some(nw) = number_word(&w) else {
            if w == "and" && matches!(last, Last::Mult | Last::Scale) {
                if matches!(kind(k + 1), Some(NwKind::Unit | NwKind::Tens)) {
                    last = Last::And;
                    k += 1;
                    continue;
                }
                if word(k + 1).as_deref() == Some("a") && word(k + 2).as_deref() == Some("half") {
                    group += 0.5;
                    k += 3;
                    end = k;
                    continue;
                }
            }
            if w == "and"
                && matches!(last, Last::Unit | Last::Tens | Last::TensUnit)
                && word(k + 1).as_deref() == Some("a")
                && word(k + 2).as_deref() == Some("half")
            {
                group += 0.5;
                k += 3;
                end = k;
                last = Last::Unit;
                continue;
            }
            break;
        };
        match nw.kind {
            NwKind::Unit
                if matches!(
                    last,
                    Last::Start | Last::Mult | Last::Scale | Last::And | Last::Tens
                ) =>
            {
                group += nw.value;
                last = if last == Last::Tens {
                    Last::TensUnit
                } else {
                    Last::Unit
                };
            }
            NwKind::Tens if matches!(last, Last::Start | Last::Mult | Last::Scale | Last::And) => {
                group += nw.value;
                last = Last::Tens;
                // "twenty-six"
                if glued(toks, k)
                    && toks.get(k + 1).is_some_and(|t| is_dash(text, t))
                    && glued(toks, k + 1)
                    && kind(k + 2) == Some(NwKind::Unit)
                {
                    group += number_word(&word(k + 2)?)?.value;
                    last = Last::TensUnit;
                    k += 2;
                }
            }
            NwKind::Mult if matches!(last, Last::A | Last::Unit | Last::Tens | Last::TensUnit) => {
                group = group.max(1.0) * nw.value;
                last = Last::Mult;
            }
            NwKind::Scale if last != Last::Start && last != Last::Scale && last != Last::And => {
                total += group.max(1.0) * nw.value;
                group = 0.0;
                core.scale = core.scale.max(nw.value);
                core.scale_word = true;
                last = Last::Scale;
            }
            NwKind::Group if matches!(last, Last::A | Last::Unit | Last::Tens | Last::TensUnit) => {
                group = group.max(1.0) * nw.value;
                last = Last::Group;
            }
            NwKind::Couple if last == Last::A => {
                group = nw.value;
                last = Last::Group;
            }
            _ => break,
        }
        k += 1;
        end = k;
        // "one-hundred", "forty-five thousand": a hyphen between number words.
        if glued(toks, k - 1)
            && toks.get(k).is_some_and(|t| is_dash(text, t))
            && glued(toks, k)
            && matches!(kind(k + 1), Some(NwKind::Mult | NwKind::Scale))
        {
            k += 1;
        }
    }
    if end == j || last == Last::A || last == Last::And {
        return None;
    }
    let value = total + group;
    // "one" as a pronoun: "one of the", "no one", "one another", "the one".
    if end == j + 1 && first == "one" {
        let prev = j.checked_sub(1).and_then(word);
        let next = word(j + 1);
        let pron_prev = matches!(
            prev.as_deref(),
            Some(
                "no" | "the"
                    | "this"
                    | "that"
                    | "which"
                    | "any"
                    | "every"
                    | "each"
                    | "anyone"
                    | "someone"
            )
        );
        let pron_next = matches!(
            next.as_deref(),
            Some("of" | "another" | "by" | "thing" | "way")
        );
        if pron_prev || pron_next {
            return None;
        }
    }
    core.value = value;
    core.next = end;
    Some(core)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The hand scanner gives exactly the regex's matches, whatever the script.
        #[test]
        fn scanner_is_the_regex(s in "[A-Za-z0-9 .,'’\\-éÉ\u{301}\u{663}\u{a0}\u{b}\t\n“$%Ⅻ]{0,40}") {
            let by_regex: Vec<(usize, usize)> =
                TOKEN.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            let by_hand: Vec<(usize, usize)> =
                crate::tokens::scan_matches(&s, &TOKEN, ascii_token_end).collect();
            prop_assert_eq!(by_hand, by_regex);
        }
    }

    #[test]
    fn scanner_cases() {
        for s in [
            "1,234,567.89 and 1234,567 or 12,34 and 1,2345",
            "3.5x 3. 3.x 1,000,00 1,\u{663}00",
            "O'Neill's don’t e\u{301} x'",
            "\u{663}12 12\u{663}",
        ] {
            let by_regex: Vec<(usize, usize)> =
                TOKEN.find_iter(s).map(|m| (m.start(), m.end())).collect();
            let by_hand: Vec<(usize, usize)> =
                crate::tokens::scan_matches(s, &TOKEN, ascii_token_end).collect();
            assert_eq!(by_hand, by_regex, "{s}");
        }
    }

    proptest! {
        /// The view of a sentence's shared stream is exactly this tokenizer's output.
        #[test]
        fn view_is_the_tokenizer(
            s in "[A-Za-z0-9 .,'’\\-éÉ\u{301}\u{663}\u{a0}\u{b}\t\n“$%Ⅻ\u{24b6}]{0,40}",
        ) {
            let streams = Streams::build(&s, [(Span::new(0, s.len()), true)]);
            let stream = streams.get(0);
            let spans = |v: Vec<Tok>| -> Vec<(usize, usize, TokKind)> {
                v.iter().map(|t| (t.start, t.end, t.kind)).collect()
            };
            prop_assert_eq!(
                spans(from_stream(&s, stream)),
                spans(tokenize(&s, Span::new(0, s.len())))
            );
        }
    }

    #[test]
    fn view_cases() {
        for s in [
            "1,234,567.89 and 1234,567 or 12,34 and 1,2345 G7.5",
            "O'Neill's co-chair don’t e\u{301} x' U.S. S. Okafor",
            "\u{663}12 12\u{663} $5bn 40% \u{24b6}x",
        ] {
            let streams = Streams::build(s, [(Span::new(0, s.len()), true)]);
            let a: Vec<(usize, usize)> = from_stream(s, streams.get(0))
                .iter()
                .map(|t| (t.start, t.end))
                .collect();
            let b: Vec<(usize, usize)> = tokenize(s, Span::new(0, s.len()))
                .iter()
                .map(|t| (t.start, t.end))
                .collect();
            assert_eq!(a, b, "{s}");
        }
    }

    fn nums(s: &str) -> Vec<Number> {
        find_numbers(s, &[Span::new(0, s.len())])
    }

    fn values(s: &str) -> Vec<f64> {
        nums(s).iter().map(|n| n.value).collect()
    }

    fn one(s: &str) -> Number {
        let v = nums(s);
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn numerals_with_separators_and_decimals() {
        assert_eq!(
            values("Officials counted 1,204 ballots and 3.5 tonnes of grain."),
            vec![1204.0, 3.5]
        );
        assert_eq!(one("a crowd of 12,500,000").value, 12_500_000.0);
        assert_eq!(one("rose 3.25 points").decimals, 2);
        // Tokenised text: "4, 000" is 4,000; "3, 40" and "in 2, 3 or 4" stay apart.
        assert_eq!(values("some 4, 000 runners set off"), vec![4000.0]);
        assert_eq!(values("rooms 3, 40 and 41"), vec![3.0, 40.0, 41.0]);
        assert_eq!(values("rooms 3, 400 and 41"), vec![3.0, 400.0, 41.0]);
    }

    #[test]
    fn scales_abbreviations_and_currencies() {
        let n = one("a £4.7bn shortfall");
        assert_eq!(
            (n.value, n.currency.as_deref(), n.scale_word, n.decimals),
            (4.7e9, Some("£"), true, 1)
        );
        assert_eq!(n.text, "£4.7bn");
        let n = one("a $15 million settlement");
        assert_eq!((n.value, n.currency.as_deref()), (15e6, Some("$")));
        assert_eq!(n.range, (14.5e6, 15.5e6));
        let n = one("a euro75 billion fund");
        assert_eq!((n.value, n.currency.as_deref()), (75e9, Some("euro")));
        let n = one("cuts of 18bn euros");
        assert_eq!((n.value, n.currency.as_deref()), (18e9, Some("euros")));
        let n = one("an 80-billion-euro facility");
        assert_eq!((n.value, n.currency.as_deref()), (80e9, Some("euro")));
        let n = one("worth A$9 million");
        assert_eq!((n.value, n.currency.as_deref()), (9e6, Some("A$")));
        let n = one("paid US$2,500");
        assert_eq!(n.currency.as_deref(), Some("US$"));
        assert_eq!(one("raised $3m").value, 3e6);
        // a bare "m" after a numeral without a currency is a metre, not a million
        let n = one("a 5m wall");
        assert_eq!((n.value, n.scale_word), (5.0, false));
        let n = one("EUR 30 billion in savings");
        assert_eq!((n.value, n.currency.as_deref()), (30e9, Some("EUR")));
    }

    #[test]
    fn number_words() {
        assert_eq!(one("twenty-six people").value, 26.0);
        assert_eq!(one("Nine firefighters").value, 9.0);
        assert_eq!(one("a hundred and twelve votes").value, 112.0);
        assert_eq!(
            one("ninety-nine thousand nine hundred and ninety-nine").value,
            99_999.0
        );
        assert_eq!(one("three hundred thousand").value, 300_000.0);
        assert_eq!(one("a dozen villages").value, 12.0);
        assert_eq!(one("two dozen eggs").value, 24.0);
        assert_eq!(one("a couple of reporters").value, 2.0);
        assert_eq!(one("half a million visitors").value, 500_000.0);
        assert_eq!(one("two and a half million").value, 2_500_000.0);
        assert_eq!(one("one-hundred pupils").value, 100.0);
        assert_eq!(one("a score of boats").value, 20.0);
        let n = one("forty million");
        assert!(n.scale_word && n.range == (39.5e6, 40.5e6), "{n:?}");
    }

    #[test]
    fn vague_plurals_are_ranges() {
        let n = one("hundreds of people");
        assert!(n.vague && n.range == (200.0, 999.0), "{n:?}");
        assert_eq!(one("tens of thousands marched").range, (20_000.0, 99_999.0));
        assert_eq!(one("hundreds of thousands").range, (200_000.0, 999_999.0));
        assert_eq!(one("dozens were hurt").range, (24.0, 99.0));
        assert!(nums("tens of people").is_empty());
    }

    #[test]
    fn ranges() {
        let n = one("10 to 12 people");
        assert!(n.is_range && n.range == (10.0, 12.0), "{n:?}");
        assert_eq!(one("10-12 people").range, (10.0, 12.0));
        assert_eq!(one("10–12 people").range, (10.0, 12.0));
        let n = one("between 40 and 50 trucks");
        assert_eq!((n.range, n.text.as_str()), ((40.0, 50.0), "40 and 50"));
        assert_eq!(one("two or three boats").range, (2.0, 3.0));
        assert_eq!(one("$3 to $4 billion").range, (2.5e9, 4.5e9));
        // "from 10 to 12" is a change, not a range
        assert_eq!(values("rose from 10 to 12"), vec![10.0, 12.0]);
        // a score is not a range
        assert_eq!(values("won 3-2 on Sunday"), vec![3.0]);
    }

    #[test]
    fn percentages() {
        let n = one("turnout of 64.5%");
        assert!(n.percent && n.value == 64.5);
        assert!(one("up 3 percent").percent);
        assert!(one("up 3 per cent").percent);
    }

    #[test]
    fn compound_adjectives_keep_the_number() {
        assert_eq!(one("a 31-page report").text, "31");
        assert_eq!(one("the 12-year-old girl").value, 12.0);
        assert_eq!(one("a three-year inquiry").value, 3.0);
        assert_eq!(one("a twenty-two-year-old man").value, 22.0);
    }

    #[test]
    fn not_counts() {
        assert!(nums("The law passed in 2017.").is_empty());
        assert!(nums("It happened on May 8, 2025, at 9:03am.").is_empty());
        assert!(nums("Since 1991, on Aug. 6 and on 6 May.").is_empty());
        assert!(nums("the 22nd floor and the 3rd day").is_empty());
        assert!(nums("call (555) 010-4477 or 555-0199").is_empty());
        assert!(nums("the G20 summit and COVID-19 rules").is_empty());
        assert!(nums("under Section 230 and Flight 447, No. 9").is_empty());
        assert!(nums("one of the officers and no one else").is_empty());
        assert!(nums("a man and an officer").is_empty());
        assert!(nums("in the 1990s").is_empty());
        assert!(nums("at 7 a.m. and 6 pm").is_empty());
        assert_eq!(values("2000 people"), vec![2000.0]);
        assert_eq!(values("including one from Peru"), vec![1.0]);
    }

    #[test]
    fn hedges_attach() {
        let n = one("at least three people");
        assert_eq!((n.hedge, n.range), (Hedge::AtLeast, (3.0, f64::INFINITY)));
        assert_eq!(
            n.hedge_span.unwrap().slice("at least three people"),
            "at least"
        );
        assert_eq!(one("more than $60,000").hedge, Hedge::MoreThan);
        assert_eq!(one("As many as 20,000 people").range, (18_000.0, 20_000.0));
        assert_eq!(one("nearly 30 years").range, (27.0, 30.0));
        assert_eq!(one("20,000-plus fans").hedge, Hedge::AtLeast);
        assert_eq!(one("50 or so boats").hedge, Hedge::About);
        assert_eq!(one("up to 40 people").hedge, Hedge::UpTo);
    }

    #[test]
    fn regions_limit_the_search() {
        let s = "7 boats. 8 cars. 9 vans.";
        let v = find_numbers(s, &[Span::new(0, 8), Span::new(17, s.len())]);
        assert_eq!(
            v.iter().map(|n| n.value).collect::<Vec<_>>(),
            vec![7.0, 9.0]
        );
        assert_eq!(v[1].span.slice(s), "9");
        assert!(find_numbers(s, &[Span::new(3, 999)]).is_empty());
    }
}
