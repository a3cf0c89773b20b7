//! Attribution frames: who said a quotation ("X said", "said X", "according to X", "X
//! wrote on social media: ...") and through what channel.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::find::double_quotes;
use super::lexicon::{
    CHANNELS, FRAME_ADVERBS, NON_SPEAKERS, SPEAKER_NOUNS, SPEECH_VERBS, STOPWORDS,
};
use super::text::{Word, clamp, line_around, sentence_around, trim, words};
use super::{Attribution, Channel, QuoteSpan};
use crate::span::Span;

const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "it", "you"];
const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "their", "its", "our", "my"];
const CONNECTORS: &[&str] = &["of", "for"];
/// Longest speaker phrase considered, in words.
const MAX_SPEAKER_WORDS: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    Noun,
    Det,
    Connector,
    Pronoun,
    No,
}

fn base(word: &str) -> &str {
    for suf in ["'s", "’s", "'", "’"] {
        if let Some(b) = word.strip_suffix(suf) {
            return b;
        }
    }
    word
}

fn kind(w: &Word) -> Kind {
    let t = base(w.text);
    // Asked several times per word of every attributed sentence: no allocation.
    crate::lexicon::with_lowercase(t, |lower| kind_of(t, lower))
}

/// [`kind`] of the word `t`, lower-cased `lower`.
fn kind_of(t: &str, lower: &str) -> Kind {
    if PRONOUNS.contains(&lower) && (t == lower || t.len() <= 3) {
        return Kind::Pronoun;
    }
    if DETERMINERS.contains(&lower) {
        return Kind::Det;
    }
    if CONNECTORS.contains(&lower) && t == lower {
        return Kind::Connector;
    }
    let first = t.chars().next();
    if first.is_some_and(char::is_uppercase) {
        let acronym = t.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !t.chars().any(char::is_lowercase);
        if acronym {
            return Kind::Name;
        }
        if NON_SPEAKERS.contains(t) || STOPWORDS.contains(lower) {
            return Kind::No;
        }
        return Kind::Name;
    }
    if first.is_some_and(|c| c.is_ascii_digit()) && t.contains('-') {
        return Kind::Noun; // "the 40-page indictment"
    }
    if SPEAKER_NOUNS.contains(lower) {
        return Kind::Noun;
    }
    Kind::No
}

fn is_verb(w: &Word) -> bool {
    SPEECH_VERBS.contains(w.text)
}

fn is_adverb(w: &Word) -> bool {
    FRAME_ADVERBS.contains(w.text)
}

/// Trim a candidate phrase `ws[a..b]`: no leading connector, no trailing determiner or
/// connector; it must hold a name or a speaker noun.
fn valid_phrase(ws: &[Word], a: usize, b: usize) -> Option<(usize, usize)> {
    let (mut a, mut b) = (a, b.min(ws.len()));
    while a < b && kind(&ws[a]) == Kind::Connector {
        a += 1;
    }
    while b > a && matches!(kind(&ws[b - 1]), Kind::Connector | Kind::Det) {
        b -= 1;
    }
    (a < b
        && ws[a..b]
            .iter()
            .any(|w| matches!(kind(w), Kind::Name | Kind::Noun)))
    .then_some((a, b))
}

/// Phrase ends reachable scanning forward from `k`: each end where the phrase stops at a
/// comma (when `commas` allows crossing it) and the final end.
fn forward_ends(ws: &[Word], k: usize, commas: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut crossed = 0;
    let mut j = k;
    while j < ws.len() && j - k < MAX_SPEAKER_WORDS {
        let kd = kind(&ws[j]);
        if matches!(kd, Kind::No | Kind::Pronoun) || (j > k && !ws[j].before.is_empty()) {
            break;
        }
        j += 1;
        if ws[j - 1].stop_after() {
            break;
        }
        if ws[j - 1].comma_after() {
            ends.push(j);
            if crossed == commas {
                return ends;
            }
            crossed += 1;
        }
    }
    if j > k {
        ends.push(j);
    }
    ends.dedup();
    ends
}

/// A frame found in words: speaker word range, verb word index.
#[derive(Debug, Clone, Copy)]
struct Found {
    speaker: (usize, usize),
    verb: Option<usize>,
}

fn span_of(ws: &[Word], (a, b): (usize, usize)) -> Span {
    Span::new(ws[a].span.start, ws[b - 1].span.end)
}

/// Index of the first word after `k` that is not a frame adverb.
fn skip_adverbs(ws: &[Word], mut k: usize) -> usize {
    while k < ws.len() && is_adverb(&ws[k]) && !ws[k].comma_after() {
        k += 1;
    }
    k
}

/// "according to X" starting at word `k`: X runs to the next punctuation or function word.
fn according_to(ws: &[Word], k: usize) -> Option<Found> {
    let according = crate::lexicon::with_lowercase(ws.get(k)?.text, |l| l == "according");
    if !according || ws.get(k + 1)?.text != "to" {
        return None;
    }
    let mut end = k + 2;
    while end < ws.len() && end - k - 2 < MAX_SPEAKER_WORDS {
        let w = &ws[end];
        let function = crate::lexicon::with_lowercase(w.text, |lower| {
            STOPWORDS.contains(lower)
                && !DETERMINERS.contains(&lower)
                && !CONNECTORS.contains(&lower)
        });
        if function || (end > k + 2 && !w.before.is_empty()) || is_verb(w) {
            break;
        }
        end += 1;
        if w.stop_after() || w.comma_after() {
            break;
        }
    }
    valid_phrase(ws, k + 2, end)
        .or_else(|| (end > k + 2).then_some((k + 2, end)))
        .map(|p| Found {
            speaker: p,
            verb: None,
        })
}

/// A frame right after a quotation: `, she said`, `, said the minister`, `, the
/// ministry said in a statement`, `, according to police`.
fn post_frame(ws: &[Word]) -> Option<Found> {
    let first = ws.first()?;
    if first.before.contains(['"', '“', '”', '‘']) {
        return None;
    }
    if let Some(f) = according_to(ws, 0) {
        return Some(f);
    }
    // said X
    if is_verb(first) && !first.comma_after() && !first.stop_after() {
        let k = 1;
        if let Some(w) = ws.get(k)
            && kind(w) == Kind::Pronoun
        {
            return Some(Found {
                speaker: (k, k + 1),
                verb: Some(0),
            });
        }
        let ends = forward_ends(ws, k, 0);
        if let Some(p) = ends.last().and_then(|&e| valid_phrase(ws, k, e)) {
            return Some(Found {
                speaker: p,
                verb: Some(0),
            });
        }
        return None;
    }
    // she said
    if kind(first) == Kind::Pronoun && first.after.is_empty() {
        let v = skip_adverbs(ws, 1);
        if ws.get(v).is_some_and(is_verb) {
            return Some(Found {
                speaker: (0, 1),
                verb: Some(v),
            });
        }
        return None;
    }
    // X said
    let ends = forward_ends(ws, 0, 2);
    for &end in ends.iter().rev() {
        let v = skip_adverbs(ws, end);
        if ws[end - 1].stop_after() {
            continue;
        }
        if ws.get(v).is_some_and(is_verb)
            && let Some(p) = valid_phrase(ws, 0, end)
        {
            return Some(Found {
                speaker: p,
                verb: Some(v),
            });
        }
    }
    // looser: up to eight words before the verb, ending in a name or speaker noun ("county
    // engineer Rosa Delgado said", "a statement issued by the agency said", "X, the
    // district prosecutor, added") or a short determiner phrase ("the captain said")
    if !is_verb(first) {
        let mut commas = 0;
        for v in 1..ws.len().min(MAX_SPEAKER_WORDS) {
            let prev = &ws[v - 1];
            if prev.stop_after() || (v > 1 && !ws[v - 1].before.is_empty()) {
                break;
            }
            if prev.comma_after() {
                commas += 1;
                if commas > 2 {
                    break;
                }
            }
            if is_verb(&ws[v]) {
                // "X, a cousin of the family, told KVRT": a name, then an
                // apposition closed by its comma.
                let ends_well = matches!(kind(prev), Kind::Name | Kind::Noun)
                    || (kind(first) == Kind::Det && v <= 4 && !prev.comma_after())
                    || (kind(first) == Kind::Name && commas == 2 && prev.comma_after());
                if !ends_well || (commas % 2 == 1 && !prev.comma_after()) {
                    break;
                }
                let p = (0, v);
                if ws[..v]
                    .iter()
                    .any(|w| is_verb(w) || kind(w) == Kind::Pronoun)
                {
                    break;
                }
                return Some(Found {
                    speaker: p,
                    verb: Some(v),
                });
            }
        }
    }
    None
}

/// The speaker of the clause the verb `v` belongs to when no phrase stands right before
/// it ("X took to social media and stated", "On Friday, she ... , adding"): the first
/// phrase of the sentence, or of the sentence after its opening adverbial.
fn clause_subject(ws: &[Word], v: usize) -> Option<(usize, usize)> {
    let mut starts = vec![0];
    if let Some(c) = ws[..v].iter().position(Word::comma_after) {
        starts.push(c + 1);
    }
    for s in starts {
        if s >= v {
            continue;
        }
        if kind(&ws[s]) == Kind::Pronoun {
            return Some((s, s + 1));
        }
        let ends = forward_ends(ws, s, 0);
        if let Some(&e) = ends.last()
            && e <= v
            && let Some(p) = valid_phrase(ws, s, e)
        {
            // the subject must be followed by a verb-like word, not another comma list
            return Some(p);
        }
    }
    None
}

/// The phrase right before the verb at `v`: `X said`, `X, the minister, said`, `she also
/// said`.
fn speaker_before(ws: &[Word], v: usize) -> Option<(usize, usize)> {
    let mut b = v;
    while b > 0 && is_adverb(&ws[b - 1]) && ws[b - 1].after.is_empty() {
        b -= 1;
    }
    if b == 0 {
        return None;
    }
    let last = &ws[b - 1];
    if last.stop_after() {
        return None;
    }
    if kind(last) == Kind::Pronoun && last.after.is_empty() {
        return Some((b - 1, b));
    }
    let mut commas = usize::from(last.comma_after()) * 2;
    let mut a = b;
    while a > 0 && b - a < MAX_SPEAKER_WORDS {
        let w = &ws[a - 1];
        if a < b && (w.stop_after() || !ws[a].before.is_empty()) {
            break;
        }
        if a < b && w.comma_after() {
            if commas == 0 {
                break;
            }
            commas -= 1;
        }
        if matches!(kind(w), Kind::No | Kind::Pronoun) {
            break;
        }
        a -= 1;
    }
    let (pa, pb) = valid_phrase(ws, a, b)?;
    // an appositive ("X, the minister,") must start with a name or determiner, and a
    // phrase closed by a comma must have been opened by one
    Some((pa, pb))
}

/// A frame before a quotation: `X said: "..."`, `according to X, "..."`, `X stressed the
/// "..."`. `strict` requires the verb to be among the last two words.
fn pre_frame(ws: &[Word], strict: bool) -> Option<Found> {
    if ws.is_empty() {
        return None;
    }
    for k in 0..ws.len() {
        if let Some(f) = according_to(ws, k) {
            return Some(f);
        }
    }
    let verbs: Vec<usize> = (0..ws.len()).rev().filter(|&i| is_verb(&ws[i])).collect();
    let &last = verbs.first()?;
    let colon = ws.last().is_some_and(|w| w.after.contains(':'));
    if strict && ws.len() - last > if colon { 5 } else { 2 } {
        return None;
    }
    for &v in &verbs {
        // a participle after a comma ("..., saying", "..., adding") belongs to the
        // clause's subject
        let participle = ws[v].text.ends_with("ing") && v > 0 && ws[v - 1].comma_after();
        let speaker = if participle {
            clause_subject(ws, v)
        } else {
            speaker_before(ws, v)
        };
        if let Some(speaker) = speaker {
            return Some(Found {
                speaker,
                verb: Some(v),
            });
        }
    }
    let speaker = clause_subject(ws, last)?;
    Some(Found {
        speaker,
        verb: Some(last),
    })
}

fn masks_in(text: &str, sentence: Span, quote: &QuoteSpan) -> Vec<Span> {
    let mut masks: Vec<Span> = double_quotes(text, sentence)
        .into_iter()
        .map(|q| q.outer)
        .filter(|m| !m.overlaps(quote.outer))
        .collect();
    masks.push(quote.outer);
    masks.sort();
    masks
}

fn to_attribution(text: &str, ws: &[Word], f: Found, area: Span, masks: &[Span]) -> Attribution {
    let speaker = span_of(ws, f.speaker);
    let pronoun = f.speaker.1 - f.speaker.0 == 1 && kind(&ws[f.speaker.0]) == Kind::Pronoun;
    let verb = f.verb.map(|v| ws[v].span);
    let anchor = verb.unwrap_or(speaker);
    let (channel, channel_span) = match find_channel(text, speaker, speaker, &[]) {
        Some((c, s)) => (Some(c), Some(s)),
        None => match find_channel(text, area, anchor, masks) {
            Some((c, s)) => (Some(c), Some(s)),
            None => (None, None),
        },
    };
    Attribution {
        speaker,
        pronoun,
        verb,
        channel,
        channel_span,
    }
}

static CHANNEL_MATCHER: LazyLock<(AhoCorasick, Vec<&'static str>)> = LazyLock::new(|| {
    let mut pats = Vec::new();
    let mut labels = Vec::new();
    for (p, l) in CHANNELS.iter() {
        pats.push(p.to_string());
        labels.push(*l);
        let mut cs = p.chars();
        if let Some(c) = cs.next()
            && c.is_lowercase()
        {
            pats.push(c.to_uppercase().chain(cs).collect());
            labels.push(*l);
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        // A DFA: scanned once per attribution, fastest of the kinds and small here.
        .kind(Some(AhoCorasickKind::DFA))
        .build(&pats)
        .expect("channel phrases form a valid automaton");
    (ac, labels)
});

/// Farthest a channel phrase may stand from the speech verb (or speaker), in bytes.
const MAX_CHANNEL_DISTANCE: usize = 45;
const CHANNEL_PREPOSITIONS: &[&str] = &[
    "in", "on", "via", "through", "during", "at", "to", "from", "with", "by", "In", "On", "At",
    "During", "Via", "Through",
];

/// A channel phrase outside the speaker phrase counts when it is introduced by a
/// preposition within the three words before it ("in a statement", "on his social media",
/// "at a briefing") or is itself verbal ("told reporters", "posted", "wrote on").
fn channel_context_ok(before: &str, phrase: &str) -> bool {
    let first = phrase
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    if SPEECH_VERBS.contains(first.as_str())
        || CHANNEL_PREPOSITIONS.contains(&first.as_str())
        || ["posted", "tweeted", "testified", "testifying", "told"].contains(&first.as_str())
    {
        return true;
    }
    before
        .split_whitespace()
        .rev()
        .take(3)
        .any(|w| CHANNEL_PREPOSITIONS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// The channel phrase in `area` (outside `masks`) nearest to `anchor`.
fn find_channel(text: &str, area: Span, anchor: Span, masks: &[Span]) -> Option<(Channel, Span)> {
    let area = clamp(text, area);
    let s = area.slice(text);
    let (ac, labels) = &*CHANNEL_MATCHER;
    let mut best: Option<(usize, Channel, Span)> = None;
    for m in ac.find_iter(s) {
        let span = Span::new(area.start + m.start(), area.start + m.end());
        if masks.iter().any(|k| k.overlaps(span)) {
            continue;
        }
        let before_ok = s[..m.start()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = s[m.end()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if !before_ok || !after_ok {
            continue;
        }
        if !anchor.contains(span) && !channel_context_ok(&s[..m.start()], &s[m.start()..m.end()]) {
            continue;
        }
        let dist = if span.end <= anchor.start {
            anchor.start - span.end
        } else {
            span.start.saturating_sub(anchor.end)
        };
        let label = labels
            .get(m.pattern().as_usize())
            .copied()
            .unwrap_or("other");
        if dist > MAX_CHANNEL_DISTANCE && !anchor.contains(span) {
            continue;
        }
        if best.as_ref().is_none_or(|b| dist < b.0) {
            best = Some((dist, Channel::from_label(label), span));
        }
    }
    best.map(|(_, c, s)| (c, s))
}

fn words_between(text: &str, a: usize, b: usize) -> Vec<Word<'_>> {
    if b <= a {
        return Vec::new();
    }
    words(text, Span::new(a, b))
}

/// Attribution using only the quotation's own sentence.
fn attribute_in(
    text: &str,
    quote: &QuoteSpan,
    sentence: Span,
    strict: bool,
) -> Option<Attribution> {
    let masks = masks_in(text, sentence, quote);
    let next_mask = masks
        .iter()
        .map(|m| m.start)
        .filter(|&s| s >= quote.outer.end)
        .min()
        .unwrap_or(sentence.end)
        .min(sentence.end);
    let prev_mask = masks
        .iter()
        .map(|m| m.end)
        .filter(|&e| e <= quote.outer.start)
        .max()
        .unwrap_or(sentence.start)
        .max(sentence.start);
    // 1. right after the quotation
    let post = words_between(text, quote.outer.end, next_mask);
    if let Some(f) = post_frame(&post) {
        return Some(to_attribution(text, &post, f, sentence, &masks));
    }
    // 2. "according to X" anywhere in the sentence outside quotations
    if !strict {
        let all = words_between(text, sentence.start, sentence.end);
        let all: Vec<Word> = all
            .into_iter()
            .filter(|w| !masks.iter().any(|m| m.overlaps(w.span)))
            .collect();
        for k in 0..all.len() {
            if let Some(f) = according_to(&all, k) {
                return Some(to_attribution(text, &all, f, sentence, &masks));
            }
        }
    }
    // 3. before the quotation (from the sentence start when nothing but a quotation
    //    precedes it, otherwise from the previous quotation's end)
    let pre_start = if strict { prev_mask } else { sentence.start };
    let pre: Vec<Word> = words_between(text, pre_start, quote.outer.start)
        .into_iter()
        .filter(|w| !masks.iter().any(|m| m.overlaps(w.span)))
        .collect();
    if let Some(f) = pre_frame(&pre, strict) {
        return Some(to_attribution(text, &pre, f, sentence, &masks));
    }
    None
}

/// True when a speech-verb frame stands right before or after the quotation (used to accept
/// single-quoted speech).
pub(crate) fn has_adjacent_frame(text: &str, quote: &QuoteSpan, sentence: Span) -> bool {
    attribute_in(text, quote, sentence, true).is_some_and(|a| a.verb.is_some())
}

/// The attribution frame for a quotation within `sentence` (see [`super::sentence_of`]):
/// "X said", "said X", "X says", "X added", "according to X, ...", "X wrote on social
/// media", "X took to social media and stated", "stated the ministry", "X said in a
/// readout of the call", "the statement said", "X told reporters", "..., she said."
///
/// Order of preference: a frame right after the quotation; "according to X" anywhere in
/// the sentence; a speech verb before the quotation with the phrase right before it, or the
/// sentence's subject ("X took to social media and stated, ..."). When the quotation is
/// the whole sentence, the sentence before it (if it ends with a colon) or a short frame
/// sentence after it is used. Returns `None` when there is no frame (a continuation: the
/// caller then keeps the previous quotation's speaker).
pub fn attribute(text: &str, quote: &QuoteSpan, sentence: Span) -> Option<Attribution> {
    let sentence = clamp(text, sentence);
    let quote = QuoteSpan {
        outer: clamp(text, quote.outer),
        inner: clamp(text, quote.inner),
        continues: quote.continues,
    };
    let sentence = Span::new(
        sentence.start.min(quote.outer.start),
        sentence.end.max(quote.outer.end),
    );
    if let Some(a) = attribute_in(text, &quote, sentence, false) {
        return Some(a);
    }
    // a quotation standing alone: look at the neighbouring sentences
    let rest_words = words_between(text, sentence.start, quote.outer.start).len()
        + words_between(text, quote.outer.end, sentence.end).len();
    if rest_words > 1 {
        return None;
    }
    // the sentence before, when it ends with a colon
    let before = text[..sentence.start].trim_end();
    if before.ends_with(':') && !before.is_empty() {
        let para = line_around(text, Span::new(before.len() - 1, before.len()));
        let masks: Vec<Span> = double_quotes(text, para).iter().map(|q| q.outer).collect();
        let prev = sentence_around(
            text,
            Span::new(before.len() - 1, before.len()),
            para,
            &masks,
        );
        let ws: Vec<Word> = words(text, prev)
            .into_iter()
            .filter(|w| !masks.iter().any(|m| m.overlaps(w.span)))
            .collect();
        if let Some(f) = pre_frame(&ws, false) {
            return Some(to_attribution(text, &ws, f, prev, &masks));
        }
    }
    // a short frame sentence after it, in the same paragraph ("That is what she told
    // reporters." is not matched; "She said so in a statement." is)
    let para = line_around(text, quote.outer);
    if sentence.end < para.end {
        let next = sentence_around(
            text,
            trim(text, Span::new(sentence.end, sentence.end)),
            para,
            &[],
        );
        let next = Span::new(sentence.end.max(next.start), next.end);
        let ws = words(text, next);
        if ws.len() <= 10
            && !next.slice(text).contains(['"', '“', '”'])
            && let Some(f) = post_frame(&ws)
        {
            return Some(to_attribution(text, &ws, f, next, &[]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::{find_quotes, sentence_of};
    use super::*;

    /// (speaker, pronoun, verb, channel) of the `n`th quotation of `t`.
    fn attr(t: &str, n: usize) -> Option<(String, bool, Option<String>, Option<Channel>)> {
        let q = find_quotes(t, &[Span::new(0, t.len())]);
        let q = q.get(n)?;
        let a = attribute(t, q, sentence_of(t, q))?;
        Some((
            a.speaker.slice(t).to_string(),
            a.pronoun,
            a.verb.map(|v| v.slice(t).to_string()),
            a.channel,
        ))
    }

    fn speaker(t: &str, n: usize) -> String {
        attr(t, n).map(|a| a.0).unwrap_or_default()
    }

    #[test]
    fn x_said_and_said_x() {
        let t = "“The levee held,” county engineer Rosa Delgado said.";
        assert_eq!(speaker(t, 0), "county engineer Rosa Delgado");
        let t = "\"The levee held,\" said Regional Water Authority Director Ben Osei.";
        assert_eq!(speaker(t, 0), "Regional Water Authority Director Ben Osei");
        let t = "\"Prices will fall by autumn,\" stated the Finance Ministry on Tuesday.";
        let a = attr(t, 0).unwrap();
        assert_eq!(a.0, "the Finance Ministry");
        assert_eq!(a.2.as_deref(), Some("stated"));
    }

    #[test]
    fn says_added_and_appositive() {
        let t = "“Nothing was taken,” Ms. Varga says.";
        assert_eq!(speaker(t, 0), "Ms. Varga");
        let t = "“We expect more arrests,” Tomas K. Lind, the district prosecutor, added.";
        assert_eq!(speaker(t, 0), "Tomas K. Lind, the district prosecutor");
    }

    #[test]
    fn a_name_with_a_long_apposition_then_the_verb() {
        let t = "“She was a kind girl,” Mara Quell, a cousin of the girl’s mother, told KVRT.";
        assert_eq!(speaker(t, 0), "Mara Quell, a cousin of the girl’s mother");
        // Not a name: a place and a time before the verb are no speaker.
        let t = "“It was quiet,” On Monday, in the morning, said nothing.";
        assert_eq!(speaker(t, 0), "");
    }

    #[test]
    fn pronoun_speakers() {
        let t = "\"We did everything we could,\" she said.";
        let a = attr(t, 0).unwrap();
        assert_eq!(a.0, "she");
        assert!(a.1);
        let t = "“Nobody told us,” they later said.";
        assert_eq!(attr(t, 0).unwrap().0, "they");
        let t = "He said the plan was \"dead on arrival\" and left.";
        let a = attr(t, 0).unwrap();
        assert_eq!((a.0.as_str(), a.1), ("He", true));
    }

    #[test]
    fn according_to() {
        let t = "According to the city's fire chief, \"the blaze started in the kitchen.\"";
        let a = attr(t, 0).unwrap();
        assert_eq!(a.0, "the city's fire chief");
        assert_eq!(a.2, None);
        let t = "The hospital was \"at full capacity,\" according to a senior nurse.";
        assert_eq!(speaker(t, 0), "a senior nurse");
    }

    #[test]
    fn social_media_frames_and_channels() {
        let t = "Senator Maria Olsen wrote on X: \"The vote is a disgrace.\"";
        let a = attr(t, 0).unwrap();
        assert_eq!(a.0, "Senator Maria Olsen");
        assert_eq!(a.3, Some(Channel::Post));
        let t =
            "The coach took to social media and stated, \"We will be back stronger next year.\"";
        let a = attr(t, 0).unwrap();
        assert_eq!(a.0, "The coach");
        assert_eq!(a.2.as_deref(), Some("stated"));
        assert_eq!(a.3, Some(Channel::Post));
        let t = "Minister Dube shared on social media, \"Talks went well today.\"";
        let a = attr(t, 0).unwrap();
        assert_eq!(a.0, "Minister Dube");
        assert_eq!(a.3, Some(Channel::Post));
    }

    #[test]
    fn readout_statement_briefing_interview() {
        let t = "The envoy met the rebels, and \"urged an end to the shelling,\" Hale said in a readout of the meeting.";
        let a = attr(t, 0).unwrap();
        assert_eq!(a.0, "Hale");
        assert_eq!(a.3, Some(Channel::Readout));
        let t = "\"Production resumes on Monday,\" the statement said.";
        let a = attr(t, 0).unwrap();
        assert_eq!(a.0, "the statement");
        assert_eq!(a.3, Some(Channel::Statement));
        let t = "\"We have no comment on rumours,\" the spokesman told reporters.";
        let a = attr(t, 0).unwrap();
        assert_eq!(a.0, "the spokesman");
        assert_eq!(a.3, Some(Channel::Briefing));
        let t = "\"I was never consulted,\" Okafor said in an interview with a radio station.";
        assert_eq!(attr(t, 0).unwrap().3, Some(Channel::Interview));
        let t = "\"I signed nothing,\" the witness testified.";
        assert_eq!(attr(t, 0).unwrap().3, Some(Channel::Testimony));
        // a channel word far from the frame is not the quotation's channel
        let t = "\"Wait and see,\" Ruiz said, before a letter from the board arrived weeks later in the post.";
        assert_eq!(attr(t, 0).unwrap().3, None);
    }

    #[test]
    fn quote_after_colon_sentence_and_continuations() {
        let t = "The governor told the assembly:\n\"Our reserves are empty.\"";
        assert_eq!(speaker(t, 0), "The governor");
        let t = "“The first half was poor,” the captain said. “The second was worse.”";
        assert_eq!(speaker(t, 0), "the captain");
        // the second quotation has no frame of its own: the caller carries the speaker
        assert_eq!(attr(t, 1), None);
    }

    #[test]
    fn frame_between_two_quotes_and_participles() {
        let t = "\"If I erred,\" he said, \"it was in good faith.\"";
        assert_eq!(speaker(t, 1), "he");
        let t =
            "The mayor defended the budget in an interview, saying: “Every cent is accounted for.”";
        let a = attr(t, 0).unwrap();
        assert_eq!(a.0, "The mayor");
        assert_eq!(a.2.as_deref(), Some("saying"));
    }

    #[test]
    fn no_frame_is_none() {
        let t = "The band played \"Blue Horizon\" twice.";
        assert_eq!(attr(t, 0), None);
        let t = "“”";
        assert_eq!(attr(t, 0), None);
    }
}
