//! Clause tense near an expression, used to resolve bare weekdays and months the way
//! HeidelTime does for news: past by default, future when a future cue is closer.

use super::lexicon::{LEXICON, Tense};
use super::tokens::{Kind, Tok};

/// How far (in tokens) to look on each side; the scan also stops at a sentence end.
const WINDOW: usize = 24;

fn is_boundary(text: &str, toks: &[Tok], i: usize) -> bool {
    let t = toks[i];
    if t.kind != Kind::Punct {
        return false;
    }
    matches!(&text[t.start..t.end], "." | "!" | "?" | ";")
        // "a.m." and "Sept." keep their period glued to a short word.
        && !(i > 0 && toks[i - 1].end == t.start && toks[i - 1].end - toks[i - 1].start <= 4
            && toks.get(i + 1).is_some_and(|n| n.start == t.end))
}

fn newline_between(text: &str, a: &Tok, b: &Tok) -> bool {
    text.get(a.end..b.start).is_some_and(|g| g.contains('\n'))
}

fn cue(text: &str, t: &Tok) -> Option<Tense> {
    if t.kind != Kind::Word {
        return None;
    }
    let w = &text[t.start..t.end];
    if let Some(info) = LEXICON.info(w)
        && info.tense.is_some()
    {
        return info.tense;
    }
    let lowercase = w.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
    (lowercase && w.len() > 4 && w.ends_with("ed")).then_some(Tense::Past)
}

/// The tense cue nearest to tokens `first..last` (inclusive) in the same sentence;
/// a tie goes to the cue on the left. `None` when no cue is found.
pub fn tense_near(text: &str, toks: &[Tok], first: usize, last: usize) -> Option<Tense> {
    let mut left = None;
    let mut i = first;
    let mut d = 0;
    while i > 0 && d < WINDOW {
        i -= 1;
        d += 1;
        if is_boundary(text, toks, i) || newline_between(text, &toks[i], &toks[i + 1]) {
            break;
        }
        if let Some(c) = cue(text, &toks[i]) {
            left = Some((d, c));
            break;
        }
    }
    let mut right = None;
    let mut j = last;
    let mut d = 0;
    while j + 1 < toks.len() && d < WINDOW {
        if newline_between(text, &toks[j], &toks[j + 1]) {
            break;
        }
        j += 1;
        d += 1;
        if is_boundary(text, toks, j) {
            break;
        }
        if let Some(c) = cue(text, &toks[j]) {
            right = Some((d, c));
            break;
        }
    }
    match (left, right) {
        (Some((dl, l)), Some((dr, r))) => Some(if dr < dl { r } else { l }),
        (Some((_, l)), None) => Some(l),
        (None, Some((_, r))) => Some(r),
        (None, None) => None,
    }
}
