//! Hedges before and after a number, and the interval a hedged number allows.

use super::Hedge;
use super::lexicon::HEDGES;
use super::number::{Tok, TokKind, glued, tok_is};
use crate::span::Span;

/// Relative tolerance of "about"/"around"/"roughly"/"some"/"an estimated": ±10%.
pub const ABOUT_TOLERANCE: f64 = 0.10;
/// "nearly"/"almost": the figure is at most the number and at least 90% of it.
pub const NEARLY_TOLERANCE: f64 = 0.10;

/// "as many as"/"up to": the figure is at most the number and at least 90% of it.
pub const UPPER_ESTIMATE_TOLERANCE: f64 = 0.10;

/// A hedge phrase ending just before token `first`.
pub(crate) fn pre_hedge(text: &str, toks: &[Tok], first: usize) -> Option<(Hedge, Span)> {
    HEDGES.iter().filter(|h| !h.post).find_map(|h| {
        let n = h.words.len();
        let start = first.checked_sub(n)?;
        let matches = h.words.iter().enumerate().all(|(o, w)| {
            toks[start + o].kind == TokKind::Word && tok_is(text, &toks[start + o], w)
        });
        matches.then(|| (h.hedge, Span::new(toks[start].start, toks[first - 1].end)))
    })
}

/// A hedge phrase starting at token `next` ("or more", "-plus", "-odd"); returns the hedge,
/// its span and the index after it.
pub(crate) fn post_hedge(text: &str, toks: &[Tok], next: usize) -> Option<(Hedge, Span, usize)> {
    let hyphen =
        toks.get(next).is_some_and(|t| tok_is(text, t, "-")) && glued(toks, next.wrapping_sub(1));
    let begin = if hyphen { next + 1 } else { next };
    HEDGES.iter().filter(|h| h.post).find_map(|h| {
        let n = h.words.len();
        let end = begin + n;
        if end > toks.len() {
            return None;
        }
        let matches = h.words.iter().enumerate().all(|(o, w)| {
            toks[begin + o].kind == TokKind::Word && tok_is(text, &toks[begin + o], w)
        });
        // A bare single-word post hedge ("plus", "odd") needs the hyphen unless nothing
        // numeric follows ("20 plus 5" is arithmetic).
        let arithmetic = n == 1 && !hyphen && toks.get(end).is_some_and(|t| t.kind == TokKind::Num);
        (matches && !arithmetic)
            .then(|| (h.hedge, Span::new(toks[next].start, toks[end - 1].end), end))
    })
}

/// The interval a statement allows for a number written as `[lo, hi]` (equal unless a range)
/// with rounding tolerance `tol` (half a unit of the last written digit when a scale word
/// is used), under `hedge`.
///
/// - `Exact`: `[lo - tol, hi + tol]`
/// - `AtLeast`, `MoreThan`: `[lo - tol, inf)`; closed, because newsrooms write "more than
///   $250,000" and "$250,000" for the same figure
/// - `AtMost`, `LessThan`: `[0, hi + tol]`
/// - `UpTo`, `AsManyAs`: `[lo × 0.9, hi + tol]` (an upper estimate gives the size)
/// - `About`: `lo`/`hi` widened by [`ABOUT_TOLERANCE`] (or by `tol` if larger)
/// - `Nearly`: `[lo × 0.9, hi + tol]`
pub fn interval(lo: f64, hi: f64, tol: f64, hedge: Hedge) -> (f64, f64) {
    let (l, h) = ((lo - tol).max(0.0), hi + tol);
    match hedge {
        Hedge::Exact => (l, h),
        Hedge::AtLeast | Hedge::MoreThan => (l, f64::INFINITY),
        Hedge::AtMost | Hedge::LessThan => (0.0, h),
        // "as many as 2.4 million", "up to 2.5 million": news gives the size of a group by
        // its upper estimate, so the figure is close to it, as with "nearly".
        Hedge::UpTo | Hedge::AsManyAs => (l.min(lo * (1.0 - UPPER_ESTIMATE_TOLERANCE)), h),
        Hedge::About => (
            l.min(lo * (1.0 - ABOUT_TOLERANCE)),
            h.max(hi * (1.0 + ABOUT_TOLERANCE)),
        ),
        Hedge::Nearly => (l.min(lo * (1.0 - NEARLY_TOLERANCE)), h),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantities::number::tokenize;

    fn pre(s: &str) -> Option<Hedge> {
        let toks = tokenize(s, Span::new(0, s.len()));
        let first = toks.iter().position(|t| t.kind == TokKind::Num)?;
        pre_hedge(s, &toks, first).map(|h| h.0)
    }

    #[test]
    fn pre_hedges_take_the_longest_phrase() {
        assert_eq!(pre("no more than 5"), Some(Hedge::AtMost));
        assert_eq!(pre("more than 5"), Some(Hedge::MoreThan));
        assert_eq!(pre("As many as 5"), Some(Hedge::AsManyAs));
        assert_eq!(pre("an estimated 5"), Some(Hedge::About));
        assert_eq!(pre("just under 5"), Some(Hedge::Nearly));
        assert_eq!(pre("they saw 5"), None);
    }

    #[test]
    fn post_hedges() {
        let s = "40-odd people and 20 or more cars";
        let toks = tokenize(s, Span::new(0, s.len()));
        assert_eq!(post_hedge(s, &toks, 1).map(|h| h.0), Some(Hedge::About));
        let i = toks.iter().position(|t| tok_is(s, t, "or")).unwrap();
        let (h, span, _) = post_hedge(s, &toks, i).unwrap();
        assert_eq!((h, span.slice(s)), (Hedge::AtLeast, "or more"));
        let s2 = "20 plus 5";
        let t2 = tokenize(s2, Span::new(0, s2.len()));
        assert!(post_hedge(s2, &t2, 1).is_none());
    }

    #[test]
    fn intervals() {
        assert_eq!(
            interval(10.0, 10.0, 0.0, Hedge::AtLeast),
            (10.0, f64::INFINITY)
        );
        assert_eq!(interval(20.0, 20.0, 0.0, Hedge::AsManyAs), (18.0, 20.0));
        assert_eq!(interval(20.0, 20.0, 0.0, Hedge::AtMost), (0.0, 20.0));
        let (l, h) = interval(30_000.0, 30_000.0, 0.0, Hedge::About);
        assert!((l - 27_000.0).abs() < 1e-6 && (h - 33_000.0).abs() < 1e-6);
        assert_eq!(interval(22e9, 22e9, 0.5e9, Hedge::Exact), (21.5e9, 22.5e9));
        assert_eq!(interval(30.0, 30.0, 0.0, Hedge::Nearly), (27.0, 30.0));
    }
}
