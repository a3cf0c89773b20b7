//! Event-date claims: a happening other than a call or meeting, told with the day it took
//! place: "X was shot and killed Friday in his home", "a grand jury indicted Y on
//! Tuesday", "protesters set fire to a bank in Z on Wednesday", "W told the newspaper on
//! Saturday that...".
//!
//! An event word comes from `rules/lexicon/event-words.tsv` (type and family). Each date
//! of the sentence belongs to one event word: the nearest one before it ("indicted on
//! Tuesday"), else the nearest after it ("On Friday, Y was arrested"). Event words that own
//! no date give undated claims (value `XXXX-XX-XX`): they never make an event of their own
//! but let the ledger cite a document that tells an event without its day. Every claim
//! needs a participant (a person or organisation of the sentence) or a place.

use super::{Resolved, inside};
use crate::claim::{EventDate, Relative, TimeRef};
use crate::entities::EntityId;
use crate::mentions::MentionKind;
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use foldhash::{HashMap, HashSet};
use foldhash::{HashMapExt, HashSetExt};
use jiff::civil::Date;
use std::sync::LazyLock;

/// The event-word lexicon, matched case-insensitively on whole words, longest first.
struct EventWords {
    /// Per phrase: its event type ("-" for phrases that name no event).
    types: Vec<String>,
    /// Type → family ("shooting" → "incident").
    families: HashMap<String, String>,
    ac: AhoCorasick,
}

static EVENT_WORDS: LazyLock<EventWords> = LazyLock::new(|| {
    let mut phrases = Vec::new();
    let mut types = Vec::new();
    let mut families = HashMap::new();
    for l in include_str!("../../rules/lexicon/event-words.tsv").lines() {
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let mut cols = l.split('\t').map(str::trim);
        let (Some(p), Some(t), Some(f)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        phrases.push(p.to_lowercase());
        types.push(t.to_string());
        families.insert(t.to_string(), f.to_string());
    }
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&phrases)
        .expect("event-word automaton builds");
    EventWords {
        types,
        families,
        ac,
    }
});

impl EventWords {
    /// Whole-word matches in `s` that name an event: (start, end, type).
    fn find_events(&self, s: &str) -> Vec<(usize, usize, &str)> {
        let b = s.as_bytes();
        let word = |c: u8| c.is_ascii_alphanumeric() || c >= 0x80;
        self.ac
            .find_iter(s)
            .filter(|m| {
                (m.start() == 0 || !word(b[m.start() - 1]))
                    && (m.end() >= b.len() || !word(b[m.end()]))
            })
            .map(|m| {
                (
                    m.start(),
                    m.end(),
                    self.types[m.pattern().as_usize()].as_str(),
                )
            })
            .filter(|(_, _, ty)| *ty != "-" && !ty.is_empty())
            .collect()
    }
}

struct Cues {
    irrealis: HashSet<String>,
    not_date: HashSet<String>,
    future: HashSet<String>,
    anchor: HashSet<String>,
    charge: HashSet<String>,
    commit: HashSet<String>,
    finite: HashSet<String>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut c = Cues {
        irrealis: HashSet::new(),
        not_date: HashSet::new(),
        future: HashSet::new(),
        anchor: HashSet::new(),
        charge: HashSet::new(),
        commit: HashSet::new(),
        finite: HashSet::new(),
    };
    for l in include_str!("../../rules/lexicon/event-cues.tsv").lines() {
        let l = l.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if let Some((w, role)) = l.split_once('\t') {
            let w = w.trim().to_lowercase();
            match role.trim() {
                "irrealis" => c.irrealis.insert(w),
                "not-date" => c.not_date.insert(w),
                "future" => c.future.insert(w),
                "anchor" => c.anchor.insert(w),
                "charge" => c.charge.insert(w),
                "commit" => c.commit.insert(w),
                "finite" => c.finite.insert(w),
                _ => false,
            };
        }
    }
    c
});

/// The family of an event type; unknown types are their own family.
pub fn family(event_type: &str) -> &str {
    EVENT_WORDS
        .families
        .get(event_type)
        .map(String::as_str)
        .unwrap_or(event_type)
}

/// Plain reporting verbs ("said", "told"): a statement is an event only with its day.
pub fn needs_date(event_type: &str) -> bool {
    event_type == "statement"
}

/// The TIMEX3 value of a date the sentence does not give (owned by the claim model).
pub use crate::claim::UNDATED;

pub fn is_undated(t: &TimeRef) -> bool {
    t.is_undated()
}

struct Trigger {
    span: Span,
    ty: String,
    /// Unreal or planned ("would remove", "to be voted on"): owns its date, tells no event.
    blocked: bool,
    /// Preceded by "since", "after"...: a reference point, not what a date after it is about.
    anchor: bool,
    /// Inside a relative clause ("X, who was re-elected this month, ...").
    relative: bool,
    /// Inside the sentence's attribution tail ("..., according to a statement Tuesday").
    cited: bool,
    /// Put ahead of the article ("scheduled to appear").
    future: bool,
    /// The name of a charge ("guilty of murder", "counts of assault"): owns no date.
    charge: bool,
}

/// The lower-case words of a sentence, each with its byte offset in the sentence. One
/// buffer holds every word: a sentence with an event word is split once, not a `String`
/// per word.
struct Words {
    lower: String,
    /// (offset in the sentence, range in `lower`), in text order.
    items: Vec<(usize, std::ops::Range<usize>)>,
}

impl Words {
    fn new(s: &str) -> Words {
        let mut out = Words {
            lower: String::with_capacity(s.len()),
            items: Vec::with_capacity(s.len() / 5 + 1),
        };
        let mut start = None;
        for (i, c) in s.char_indices() {
            let w = c.is_alphanumeric()
                || c == '-'
                || c == '\''
                || c == '’'
                || c == ','
                    && start.is_some_and(|st: usize| s[st..i].chars().all(|d| d.is_ascii_digit()));
            match (w, start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    out.push(st, &s[st..i]);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(st) = start {
            out.push(st, &s[st..]);
        }
        out
    }

    fn push(&mut self, offset: usize, w: &str) {
        let from = self.lower.len();
        if w.is_ascii() {
            self.lower.push_str(w);
            self.lower[from..].make_ascii_lowercase();
        } else {
            // `str::to_lowercase`, not per char: a final sigma lower-cases differently.
            self.lower.push_str(&w.to_lowercase());
        }
        self.items.push((offset, from..self.lower.len()));
    }

    /// The word starting at byte `pos` of the sentence.
    fn at(&self, pos: usize) -> Option<&str> {
        let i = self.items.partition_point(|(o, _)| *o < pos);
        let (o, r) = self.items.get(i)?;
        (*o == pos).then(|| &self.lower[r.clone()])
    }

    /// The two words just before byte `pos`, each with where it starts.
    fn two_before(&self, pos: usize) -> Option<[(usize, &str); 2]> {
        let end = self.items.partition_point(|(o, _)| *o < pos);
        let [(a, ra), (b, rb)] = self.items.get(end.checked_sub(2)?..end)? else {
            return None;
        };
        Some([(*a, &self.lower[ra.clone()]), (*b, &self.lower[rb.clone()])])
    }

    fn first(&self) -> Option<&str> {
        self.items.first().map(|(_, r)| &self.lower[r.clone()])
    }

    /// The up to `n` (at most [`Before::MAX`]) words before byte `pos` of the sentence,
    /// nearest last.
    fn before(&self, pos: usize, n: usize) -> Before<'_> {
        let end = self.items.partition_point(|(o, _)| *o < pos);
        let mut b = Before {
            words: [""; Before::MAX],
            len: 0,
        };
        for (_, r) in &self.items[end.saturating_sub(n.min(Before::MAX))..end] {
            b.words[b.len] = &self.lower[r.clone()];
            b.len += 1;
        }
        b
    }
}

/// A few words before a position, on the stack (looked up per event word and date).
struct Before<'a> {
    words: [&'a str; Before::MAX],
    len: usize,
}

impl Before<'_> {
    const MAX: usize = 4;
}

impl<'a> std::ops::Deref for Before<'a> {
    type Target = [&'a str];
    fn deref(&self) -> &[&'a str] {
        &self.words[..self.len]
    }
}

fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "this" | "that" | "last" | "his" | "her" | "their" | "its" | "our"
    )
}

fn is_number_word(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
}

/// Is this date a day the sentence tells (not a bound, a birth date, a quotation)?
fn usable_date(t: &TimeRef, sentence: Span, quotes: &[Span], ws: &Words) -> bool {
    if !sentence.contains(t.span) || inside(quotes, t.span) {
        return false;
    }
    if t.day().is_none() && t.weekday.is_none() {
        return false;
    }
    let rel = t.span.start - sentence.start;
    let before = ws.before(rel, 2);
    let cues = &CUES;
    let last = before.last().copied().unwrap_or("");
    let last_two = before.join(" ");
    !(cues.not_date.contains(last) || cues.not_date.contains(&last_two))
}

/// What the sentences before tell the next one.
#[derive(Clone, Copy, Default)]
pub struct Discourse<'a> {
    /// Who a sentence-initial "he"/"she" stands for.
    pub last_subject: Option<EntityId>,
    /// The day the previous sentence gave a happening of `last_subject`: a statement that
    /// follows with "she said" and no day of its own was made then ("X visited the harbour
    /// on Tuesday. 'We are ready,' she said.").
    pub subject_day: Option<&'a TimeRef>,
    /// The person the next sentence opens with ("A harbour pilot was injured on
    /// Thursday. Jon Doe, 41, ..."): whom a sentence whose subject is only a description
    /// is about, the delayed identification of a news lede.
    pub next_subject: Option<EntityId>,
}

/// Does the sentence's subject open with an indefinite article ("A caver died...", "An
/// island pilot was injured..."), after a dateline's dash if it has one?
fn described_subject(s_text: &str, ws: &Words) -> bool {
    let body = ["- ", "— ", "– "]
        .iter()
        .filter_map(|d| s_text.find(d).filter(|&i| i < 120).map(|i| i + d.len()))
        .min()
        .unwrap_or(0);
    ws.items
        .iter()
        .find(|(o, _)| *o >= body)
        .is_some_and(|(_, r)| matches!(&ws.lower[r.clone()], "a" | "an"))
}

/// Is byte `at` of a sentence inside a relative clause ("X, who was re-elected this
/// month, ...")? The clause runs from its comma (or semicolon, bracket) on.
fn in_relative_clause(s_text: &str, at: usize) -> bool {
    let clause_start = s_text[..at]
        .rfind([',', ';', '('])
        .map(|i| i + 1)
        .unwrap_or(0);
    s_text[clause_start..at]
        .split_whitespace()
        .next()
        .is_some_and(|w| matches!(w, "who" | "which" | "whose" | "where"))
}

/// Extract the event-date claims of one sentence.
pub fn extract(
    text: &str,
    sentence: Span,
    mentions: &[Resolved],
    times: &[TimeRef],
    quotes: &[Span],
    discourse: Discourse<'_>,
    published: Option<Date>,
) -> Vec<EventDate> {
    let last_subject = discourse.last_subject;
    let s_text = sentence.slice(text);
    let found = EVENT_WORDS.find_events(s_text);
    if found.is_empty() && !times.iter().any(|t| sentence.contains(t.span)) {
        // Most sentences name no happening and no day: no need to split them into words.
        return Vec::new();
    }
    let ws = Words::new(s_text);
    let mut triggers: Vec<Trigger> = Vec::new();
    for (s, e, ty) in found {
        let ty = ty.to_string();
        let span = Span::new(sentence.start + s, sentence.start + e);
        if inside(quotes, span) {
            continue;
        }
        // "400 robberies", "1,250 arson attacks": tallies, not happenings. An age in
        // apposition ("Name, 47, died") stands behind a comma.
        let before = ws.before(s, 3);
        if before.last().is_some_and(|w| is_number_word(w))
            && !s_text[..s].trim_end().ends_with(',')
        {
            continue;
        }
        // "to protest", "to be voted on": a purpose or a plan, not a happening.
        let purpose = before.last() == Some(&"to") || before.ends_with(&["to", "be"]);
        let four = ws.before(s, 4);
        let future = four.iter().any(|w| CUES.future.contains(*w))
            || four.windows(2).any(|p| CUES.future.contains(&p.join(" ")));
        // "due to be arraigned", "scheduled to appear": planned, and a happening all the same.
        // "agreed on Wednesday to acquire", "voted to convict": decided, a happening too.
        let committed = four.iter().any(|w| CUES.commit.contains(*w));
        let blocked =
            purpose && !future && !committed || before.iter().any(|w| CUES.irrealis.contains(*w));
        // "since the fire": the reference word may stand behind a determiner.
        let last = match &before[..] {
            [.., a, d] if is_determiner(d) => a,
            [.., d] => d,
            [] => "",
        };
        let relative = in_relative_clause(s_text, s);
        // "convicted of two counts of arson on Monday": up to three words (a number, a
        // modifier) may stand between the cue and the charge.
        let charge = (0..four.len().saturating_sub(1)).any(|i| {
            CUES.charge
                .contains(&format!("{} {}", four[i], four[i + 1]))
        });
        triggers.push(Trigger {
            span,
            ty,
            blocked,
            anchor: CUES.anchor.contains(last),
            relative,
            cited: crate::extract::in_attribution_tail(text, sentence, span.start),
            future,
            charge,
        });
    }
    // Most sentences have no anchored clause: their words need no clause test.
    let clauses = Clauses::new(text, sentence);
    let has_anchor = clauses.is_some();
    let clause_of = |pos: usize| clauses.as_ref().and_then(|c| c.of(pos));
    // Each usable date goes to one trigger: the nearest before it, else the nearest after.
    // The first date no trigger takes is the day of whatever the sentence tells.
    let mut owned: Vec<Option<&TimeRef>> = vec![None; triggers.len()];
    let mut unowned: Option<&TimeRef> = None;
    for t in times
        .iter()
        .filter(|t| usable_date(t, sentence, quotes, &ws))
    {
        // "..., according to reports Tuesday": the report's day, for an event word of
        // that clause only.
        let cited = crate::extract::in_attribution_tail(text, sentence, t.span.start);
        let same_tail = |tr: &Trigger| tr.cited && !text[tr.span.end..t.span.start].contains(',');
        let left = triggers
            .iter()
            .enumerate()
            .filter(|(_, tr)| tr.span.end <= t.span.start && !tr.charge)
            .filter(|(_, tr)| !cited || same_tail(tr))
            // A relative clause that closed before the date does not own it.
            .filter(|(_, tr)| !(tr.relative && text[tr.span.end..t.span.start].contains(',')))
            // "A day after the vote failed, X said on Friday": the anchored clause's
            // event word does not own a date outside its clause. (A main clause's event word
            // may own one behind "before": "arguments before the court Tuesday".)
            .filter(|(_, tr)| {
                !has_anchor
                    || clause_of(tr.span.start).is_none_or(|c| clause_of(t.span.start) == Some(c))
            })
            .max_by_key(|(_, tr)| tr.span.end)
            .map(|(i, _)| i);
        // A date before its event word ("On Monday, police arrested X") is close to it.
        let right = || {
            triggers
                .iter()
                .enumerate()
                .filter(|(_, tr)| tr.span.start >= t.span.end && !tr.charge && !cited)
                .min_by_key(|(_, tr)| tr.span.start)
                .filter(|(_, tr)| {
                    // "held on Monday after a trawler was found adrift": a date does
                    // not reach across "after", "since" into the clause it anchors.
                    let between = &text[t.span.end..tr.span.start];
                    // "X, who was in port on Monday, said": nor out of a relative clause.
                    let leaves_relative = in_relative_clause(s_text, t.span.start - sentence.start)
                        && between.contains(',');
                    !leaves_relative
                        && !tr.anchor
                        && between.split_whitespace().count() <= 8
                        && !between.split_whitespace().any(|w| {
                            CUES.anchor
                                .contains(w.trim_matches(|c: char| !c.is_alphabetic()))
                        })
                })
                .map(|(i, _)| i)
        };
        match left.or_else(right) {
            Some(i) if owned[i].is_none() => owned[i] = Some(t),
            // "struck early on Tuesday, at 5.48am GMT": the clock time of the day just
            // given is the same date told more exactly, with its zone.
            Some(i) if owned[i].is_some_and(|d| clock_of_day(d, t, s_text, sentence)) => {
                owned[i] = Some(t)
            }
            Some(_) => {}
            None if cited => {}
            None => unowned = unowned.or(Some(t)),
        }
    }
    if triggers.is_empty() && unowned.is_none() {
        return Vec::new();
    }
    // "according to Chicago Police": the source, not a participant.
    let is_source = |m: &Resolved| {
        let rel = m.mention.full_span.start.saturating_sub(sentence.start);
        *ws.before(rel, 2) == ["according", "to"]
    };
    let actors: Vec<&Resolved> = mentions
        .iter()
        .filter(|m| m.is_actor() && !inside(quotes, m.mention.span) && !is_source(m))
        .collect();
    let places: Vec<EntityId> = {
        let mut v: Vec<EntityId> = Vec::new();
        for m in mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Place && !inside(quotes, m.mention.span))
        {
            if let Some(id) = m.entity
                && !v.contains(&id)
            {
                v.push(id);
            }
        }
        v
    };
    let pronoun_subject = ws.first().is_some_and(|w| matches!(w, "he" | "she"));
    let offset_clause = clauses
        .as_ref()
        .and_then(|c| offset_clause(text, sentence, c, &ws, &triggers));
    let derived = match (&offset_clause, &clauses) {
        (Some(off), Some(c)) => offset_dates(sentence, c, off, &owned, times, quotes),
        _ => vec![None; triggers.len()],
    };
    let described = discourse
        .next_subject
        .filter(|_| described_subject(s_text, &ws));
    // Dated triggers first, then the rest in text order.
    let mut out: Vec<EventDate> = Vec::new();
    // One claim per type and clause: "the day following X's death, Y fell to his death"
    // tells two deaths.
    let mut done: HashSet<(String, bool, Option<usize>)> = HashSet::new();
    let mut emitted: Vec<(usize, usize)> = Vec::new();
    let key_clause = |tr: &Trigger| {
        offset_clause
            .as_ref()
            .and_then(|_| clause_of(tr.span.start))
    };
    let mut order: Vec<usize> = (0..triggers.len()).collect();
    order.sort_by_key(|&i| (owned[i].is_none(), triggers[i].span.start));
    for i in order {
        let tr = &triggers[i];
        // "he said", "she told": the speaker is a pronoun just before the event word.
        let pronoun_before = ws
            .before(tr.span.start - sentence.start, 1)
            .last()
            .is_some_and(|w| matches!(*w, "he" | "she"));
        // '"...," she said' with no day: the day the previous sentence gave her.
        let date = owned[i].or(derived[i].as_ref()).or_else(|| {
            (needs_date(&tr.ty) && pronoun_before)
                .then_some(discourse.subject_day)
                .flatten()
        });
        if tr.blocked {
            continue;
        }
        if date.is_none() && needs_date(&tr.ty) {
            continue;
        }
        let fam = family(&tr.ty).to_string();
        // One claim per type: its dated one, else one undated.
        let kc = key_clause(tr);
        if done.contains(&(tr.ty.clone(), true, kc))
            || date.is_none() && done.contains(&(tr.ty.clone(), false, kc))
        {
            continue;
        }
        let participants = if fam == "statement" {
            let who = if pronoun_before {
                // '"...," he told reporters': the person named earlier in the sentence.
                actors
                    .iter()
                    .filter(|a| {
                        a.kind == MentionKind::Person && a.mention.span.end <= tr.span.start
                    })
                    .min_by_key(|a| a.mention.span.start)
                    .and_then(|a| a.entity)
                    .or(last_subject)
            } else {
                speaker(text, tr.span, &actors, sentence)
            };
            match who {
                Some(s) => {
                    let mut v = vec![s];
                    v.extend(near_actors(&actors, tr.span, usize::MAX).filter(|a| *a != s));
                    dedup(v)
                }
                None if pronoun_subject => last_subject.into_iter().collect(),
                None => Vec::new(),
            }
        } else {
            // "X's death came a day after Y was killed": an actor across "after" (or
            // "since", "before"...) from the event word belongs to the other clause's event.
            // The anchored clause runs from its cue to a comma ("X, arrested after Y was
            // found, was charged": X is charged, Y is found).
            let clause: Vec<&Resolved> = if has_anchor {
                let own = clause_of(tr.span.start);
                actors
                    .iter()
                    .copied()
                    .filter(|a| clause_of(a.mention.full_span.start) == own)
                    .collect()
            } else {
                actors.clone()
            };
            let mut v: Vec<EntityId> = near_actors(&clause, tr.span, 120).collect();
            if v.is_empty() {
                v = near_actors(&actors, tr.span, 120).collect();
            }
            if v.is_empty() && pronoun_subject {
                last_subject.into_iter().collect()
            } else if v.is_empty() && described.is_some() {
                described.into_iter().collect()
            } else {
                dedup(v)
            }
        };
        let places = if fam == "statement" {
            Vec::new()
        } else {
            places.clone()
        };
        if participants.is_empty() && places.is_empty() {
            continue;
        }
        let date = match date {
            Some(d) if tr.future => ahead_of(d, published),
            Some(d) => d.clone(),
            None => TimeRef::undated(Span::new(tr.span.start, tr.span.start)),
        };
        done.insert((tr.ty.clone(), !is_undated(&date), kc));
        let context = if is_undated(&date) {
            Default::default()
        } else {
            let skip: Vec<Span> = mentions
                .iter()
                .map(|m| m.mention.full_span)
                .chain(times.iter().map(|t| t.span))
                .collect();
            crate::sorted::Words::new(content_words(text, sentence, &skip))
        };
        emitted.push((i, out.len()));
        out.push(EventDate {
            event: tr.ty.clone(),
            participants,
            places,
            date,
            context,
            relative: None,
        });
    }
    if let Some(off) = &offset_clause {
        link_relatives(off, &emitted, &mut out);
    }
    // A dated sentence without a dated event word ("On Monday, X crossed the
    // pass on foot"): a happening of no known type. It makes no event of its own; two sources
    // that tell it in the same words on different days still disagree.
    if let Some(t) = unowned
        && !out.iter().any(|e| !is_undated(&e.date))
    {
        let mut participants: Vec<EntityId> =
            dedup(actors.iter().filter_map(|a| a.entity).collect());
        if participants.is_empty() {
            participants.extend(described);
        }
        if !participants.is_empty() || !places.is_empty() {
            let skip: Vec<Span> = mentions
                .iter()
                .map(|m| m.mention.full_span)
                .chain(times.iter().map(|t| t.span))
                .collect();
            out.push(EventDate {
                event: HAPPENING.into(),
                participants,
                places,
                date: t.clone(),
                context: crate::sorted::Words::new(content_words(text, sentence, &skip)),
                relative: None,
            });
        }
    }
    out
}

/// "two days after", "the day before": the whole days an anchored clause's cue (at byte
/// `cue` of the sentence) sets between its event and the main clause's, signed as the
/// anchored event's day minus the main event's, and the phrase's place in the sentence.
/// Hours and weeks are too loose to move a day.
fn cue_offset(ws: &Words, cue: usize) -> Option<(i64, std::ops::Range<usize>)> {
    let cue_word = ws.at(cue)?;
    let sign = match cue_word {
        "after" | "following" => -1,
        "before" => 1,
        _ => return None,
    };
    let [(n_at, n), (_, unit)] = ws.two_before(cue)?;
    let count = match (n, unit) {
        ("the", "day") => 1,
        (n, "day") => crate::temporal::count_word(n).filter(|&c| c == 1)?,
        (n, "days") => crate::temporal::count_word(n).filter(|&c| (2..=14).contains(&c))?,
        _ => return None,
    };
    Some((sign * count, n_at..cue + cue_word.len()))
}

/// The sentence's one anchored clause with an offset ("two days after ...") that holds an
/// event word, and the two event words the offset joins: the first of its own clause, and
/// the main clause's word it modifies: the nearest before it ("X died on Sunday, a day
/// after ..."), or, when the offset opens the sentence ("A day after ..., X was
/// arrested"), the first after its clause. A reporting verb after the clause ("..., the
/// ministry said") is neither.
struct OffsetClause {
    cue: usize,
    /// The anchored event's day minus the main event's.
    days: i64,
    /// The offset's words ("a day after").
    span: Span,
    /// Indices into the triggers. The main clause may have none ("Staff gathered on
    /// Tuesday, a day after X died"): its date is then the first of the clause.
    anchored: usize,
    main: Option<usize>,
}

fn offset_clause(
    text: &str,
    sentence: Span,
    anchored: &Clauses,
    ws: &Words,
    triggers: &[Trigger],
) -> Option<OffsetClause> {
    let clauses: Vec<Option<usize>> = triggers
        .iter()
        .map(|tr| anchored.of(tr.span.start))
        .collect();
    let mut offset: Option<(usize, i64, Span)> = None;
    for &cue in clauses.iter().flatten() {
        let Some((days, at)) = cue_offset(ws, cue - sentence.start) else {
            continue;
        };
        match offset {
            Some((c, _, _)) if c != cue => return None,
            Some(_) => {}
            None => {
                let span = Span::new(sentence.start + at.start, sentence.start + at.end);
                offset = Some((cue, days, span));
            }
        }
    }
    let (cue, days, span) = offset?;
    let start = |i: usize| triggers[i].span.start;
    let anchored = (0..triggers.len())
        .filter(|&i| clauses[i] == Some(cue))
        .min_by_key(|&i| start(i))?;
    let fronted = text[sentence.start..span.start].trim().is_empty();
    let main = if fronted {
        (0..triggers.len())
            .filter(|&i| clauses[i].is_none() && start(i) > span.end)
            .min_by_key(|&i| start(i))
    } else {
        (0..triggers.len())
            .filter(|&i| clauses[i].is_none() && start(i) < span.start)
            .max_by_key(|&i| start(i))
    };
    Some(OffsetClause {
        cue,
        days,
        span,
        anchored,
        main,
    })
}

/// Whichever of the offset's two event words is undated is dated from the other once that
/// one's day is known (in the document: [`resolve_relatives`]).
fn link_relatives(off: &OffsetClause, emitted: &[(usize, usize)], out: &mut [EventDate]) {
    let claim = |tr: usize| emitted.iter().find(|(i, _)| *i == tr).map(|(_, o)| *o);
    let (Some(a), Some(m)) = (claim(off.anchored), off.main.and_then(claim)) else {
        return;
    };
    for (this, other, days) in [(a, m, off.days), (m, a, -off.days)] {
        if !out[this].date.is_undated() {
            continue;
        }
        let r = Relative {
            days,
            event: out[other].event.clone(),
            participants: out[other].participants.clone(),
            span: off.span,
        };
        out[this].relative = Some(Box::new(r));
    }
}

/// Dates a document's relative events ("X died a day after Y was killed") from the day
/// its other claims give the event they are told against: the one day the document's
/// dated claims of that event's family with one of its participants agree on.
pub fn resolve_relatives(events: &mut [&mut EventDate]) {
    let known: Vec<(String, Vec<EntityId>, TimeRef)> = events
        .iter()
        .filter(|e| e.date.day().is_some())
        .map(|e| {
            (
                family(&e.event).to_string(),
                e.participants.clone(),
                e.date.clone(),
            )
        })
        .collect();
    for e in events.iter_mut() {
        let Some(r) = e.relative.take() else { continue };
        let fam = family(&r.event);
        let mut from = known
            .iter()
            .filter(|(f, p, _)| f == fam && p.iter().any(|x| r.participants.contains(x)))
            .map(|(_, _, t)| t);
        let Some(first) = from.next() else { continue };
        if from.any(|t| t.day() != first.day()) {
            continue;
        }
        if let Some(d) = shifted(first, r.days, r.span) {
            e.date = d;
        }
    }
}

/// Dates that follow from an offset clause within the sentence ("X died on Sunday, a day
/// after Y was killed"): the undated one of its two event words takes the other's day (or
/// the first full date of the other's clause) moved by the offset.
fn offset_dates(
    sentence: Span,
    clauses: &Clauses,
    off: &OffsetClause,
    owned: &[Option<&TimeRef>],
    times: &[TimeRef],
    quotes: &[Span],
) -> Vec<Option<TimeRef>> {
    let full_day =
        |t: &&TimeRef| t.day().is_some() && sentence.contains(t.span) && !inside(quotes, t.span);
    let date_in = |clause: Option<usize>| {
        times
            .iter()
            .filter(full_day)
            .find(|t| clauses.of(t.span.start) == clause)
    };
    let mut out = vec![None; owned.len()];
    let mut pairs = vec![(off.anchored, off.main, None, off.days)];
    if let Some(m) = off.main {
        pairs.push((m, Some(off.anchored), Some(off.cue), -off.days));
    }
    for (this, other, other_clause, days) in pairs {
        if owned[this].is_some() {
            continue;
        }
        let from = other
            .and_then(|o| owned[o])
            .filter(|t| t.day().is_some())
            .or_else(|| date_in(other_clause));
        out[this] = from.and_then(|t| shifted(t, days, off.span));
    }
    out
}

/// `t`'s calendar day moved by `days`, as a date of its own told at `span`: the day only
/// (a clock time does not carry over), in `t`'s zone.
fn shifted(t: &TimeRef, days: i64, span: Span) -> Option<TimeRef> {
    let to = t
        .civil_date()?
        .checked_add(jiff::Span::new().days(days))
        .ok()?;
    Some(TimeRef {
        span,
        value: to.to_string(),
        utc: None,
        weekday: None,
        year_inferred: t.year_inferred,
        tz: t.tz.clone(),
        zone_stated: false,
    })
}

/// A sentence's words with its anchored clauses: split once, asked for each event word,
/// date and actor.
struct Clauses<'a> {
    /// Each word (as split on white space, punctuation kept) and where it starts.
    words: Vec<(usize, &'a str)>,
    /// Whether each word is an anchor cue that opens a clause.
    cue: Vec<bool>,
}

impl<'a> Clauses<'a> {
    /// `None` when no word of the sentence is an anchor cue (most sentences).
    fn new(text: &'a str, sentence: Span) -> Option<Clauses<'a>> {
        let s = sentence.slice(text);
        let is_cue = |w: &str| {
            CUES.anchor
                .contains(w.trim_matches(|c: char| !c.is_alphabetic()))
        };
        if !s.split_whitespace().any(is_cue) {
            return None;
        }
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut at = sentence.start;
        for w in s.split_inclusive(char::is_whitespace) {
            words.push((at, w.trim_end()));
            at += w.len();
        }
        let cue = (0..words.len())
            .map(|k| is_cue(words[k].1) && !before_a_body(&words, k))
            .collect();
        Some(Clauses { words, cue })
    }

    /// The anchored clause `pos` lies in: the offset of the last anchor cue ("after",
    /// "since"...) before it in the sentence with no clause-ending comma or semicolon
    /// between; `None` in the main clause. A comma that opens a short apposition ("after
    /// Ana Ruiz, 17, was shot") ends nothing.
    fn of(&self, pos: usize) -> Option<usize> {
        let words = &self.words;
        let mut clause = None;
        let mut k = 0;
        while k < words.len() && words[k].0 < pos {
            let w = words[k].1;
            if self.cue[k] {
                clause = Some(words[k].0);
            }
            if w.ends_with(';') {
                clause = None;
            } else if w.ends_with(',') {
                // ", 17," / ", a neighbour,": up to four words closed by a comma.
                let close = (k + 1..(k + 5).min(words.len())).find(|&j| words[j].1.ends_with(','));
                match close {
                    Some(j) if words[j].0 < pos => k = j,
                    Some(_) => {}
                    None => clause = None,
                }
            }
            k += 1;
        }
        clause
    }
}

/// "arguments before the High Court on Tuesday", "testified before Congress": "before" a
/// name that no finite verb follows stands for "in front of", and opens no clause ("before
/// the Senate voted" does).
fn before_a_body(words: &[(usize, &str)], k: usize) -> bool {
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    if bare(words[k].1) != "before" {
        return false;
    }
    let mut j = k + 1;
    if words
        .get(j)
        .is_some_and(|(_, w)| matches!(bare(w).as_str(), "the" | "a" | "an"))
    {
        j += 1;
    }
    let start = j;
    while let Some((_, w)) = words.get(j) {
        let capitalised = w
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .starts_with(char::is_uppercase);
        if !capitalised || crate::temporal::is_time_word(&bare(w)) {
            break;
        }
        j += 1;
        if w.ends_with([',', '.', ';', ':']) {
            break;
        }
    }
    if j == start {
        return false;
    }
    let ended = words[j - 1].1.ends_with([',', '.', ';', ':']);
    let verb = !ended
        && words.get(j).is_some_and(|(_, w)| {
            let b = bare(w);
            b.ends_with("ed") || CUES.finite.contains(&b)
        });
    !verb
}

/// Is `t` a clock time of the whole day `day` names, written just after it ("Tuesday, at
/// 5.48am")?
fn clock_of_day(day: &TimeRef, t: &TimeRef, s_text: &str, sentence: Span) -> bool {
    let gap = |a: usize, b: usize| s_text.get(a - sentence.start..b - sentence.start);
    day.value.len() == 10
        && t.value.len() > 11
        && t.value.as_bytes()[11].is_ascii_digit()
        && t.day() == day.day()
        && day.span.end <= t.span.start
        && gap(day.span.end, t.span.start)
            .is_some_and(|g| g.split_whitespace().filter(|w| *w != ",").count() <= 1)
}

/// The type of a dated sentence that names no known event.
pub const HAPPENING: &str = "happening";

/// The content words of a sentence: what it says besides names and dates. Lower case,
/// crudely stemmed ("convicting", "convicted" → "convict"), without the words inside
/// `skip` (the names and date expressions) or capitalised after the first word (names
/// all the same), function words, speech verbs ("said",
/// "told": every statement has one) and numbers. Sorted and deduplicated.
pub fn content_words(text: &str, sentence: Span, skip: &[Span]) -> Vec<String> {
    let s_text = sentence.slice(text);
    let ws = Words::new(s_text);
    let lex = crate::lexicon::lexicons();
    let mut out: Vec<String> = Vec::new();
    for (k, (off, r)) in ws.items.iter().enumerate() {
        let at = sentence.start + off;
        if skip.iter().any(|sp| sp.start <= at && at < sp.end) {
            continue;
        }
        // A capitalised word inside the sentence is a name the mention finder missed.
        if k > 0 && s_text[*off..].starts_with(char::is_uppercase) {
            continue;
        }
        let w = ws.lower[r.clone()].trim_end_matches([',', '\'', '’', '-']);
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        if w.chars().count() < 3
            || !w.chars().all(|c| c.is_alphabetic() || c == '-')
            || lex.stopwords.contains(w)
            || lex.speech_verbs.contains(w)
        {
            continue;
        }
        out.push(stem(w));
    }
    out.sort();
    out.dedup();
    out
}

/// A crude English stem, the same for the common inflections of a word: "deaths" and
/// "death", "convicted" and "convicting", "lies" and "lied".
pub fn stem(w: &str) -> String {
    let n = w.chars().count();
    for (suffix, min, repl) in [
        ("ies", 5, "y"),
        ("ied", 5, "y"),
        ("ing", 6, ""),
        ("ed", 5, ""),
        ("es", 5, ""),
        ("s", 4, ""),
    ] {
        if n >= min
            && let Some(base) = w.strip_suffix(suffix)
            && !(suffix == "s" && (base.ends_with('s') || base.ends_with('u')))
        {
            let mut b = base.to_string();
            b.push_str(repl);
            // "stopped" → "stop", "planned" → "plan".
            let bytes = b.as_bytes();
            if repl.is_empty()
                && suffix != "s"
                && bytes.len() >= 3
                && bytes[bytes.len() - 1] == bytes[bytes.len() - 2]
                && !matches!(bytes[bytes.len() - 1], b'l' | b's' | b'z')
            {
                b.pop();
            }
            // "arrives"/"arrived"/"arriving" → "arriv"; "deaths"/"death" → "death".
            return drop_e(&b);
        }
    }
    drop_e(w)
}

/// Without one final "e" and without hyphens ("re-open" is "reopen").
fn drop_e(w: &str) -> String {
    let w = w.strip_suffix('e').filter(|b| b.len() >= 3).unwrap_or(w);
    w.replace('-', "")
}

/// How much two sentences say alike: the content words they share, and that number over
/// the shorter list.
pub fn overlap(a: &crate::sorted::Words, b: &crate::sorted::Words) -> (usize, f64) {
    let shared = a.common(b);
    let min = a.len().min(b.len());
    (
        shared,
        if min == 0 {
            0.0
        } else {
            shared as f64 / min as f64
        },
    )
}

/// A bare weekday of a happening still ahead ("scheduled to appear Sunday") that the
/// tagger put in the past: the same weekday a week later.
fn ahead_of(t: &TimeRef, published: Option<Date>) -> TimeRef {
    let mut out = t.clone();
    let (Some(w), Some(p), Some(d)) = (t.weekday, published, t.civil_date()) else {
        return out;
    };
    if d >= p || d.weekday() != w {
        return out;
    }
    let Ok(next) = d.checked_add(jiff::Span::new().days(7)) else {
        return out;
    };
    out.value = format!("{next}{}", &t.value[10..]);
    let week = jiff::SignedDuration::from_hours(7 * 24);
    out.utc = t
        .utc
        .and_then(|(a, b)| Some((a.checked_add(week).ok()?, b.checked_add(week).ok()?)));
    out
}

fn dedup(v: Vec<EntityId>) -> Vec<EntityId> {
    let mut out: Vec<EntityId> = Vec::new();
    for x in v {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// Actors within `max` bytes of the trigger, nearest first.
fn near_actors<'a>(
    actors: &'a [&'a Resolved],
    trigger: Span,
    max: usize,
) -> impl Iterator<Item = EntityId> + 'a {
    let dist = move |a: &Resolved| {
        let s = a.mention.full_span;
        if s.end <= trigger.start {
            trigger.start - s.end
        } else {
            s.start.saturating_sub(trigger.end)
        }
    };
    let mut v: Vec<(usize, EntityId)> = actors
        .iter()
        .filter(|a| dist(a) <= max)
        .map(|a| (dist(a), a.entity.unwrap()))
        .collect();
    v.sort_by_key(|(d, _)| *d);
    v.into_iter().map(|(_, id)| id)
}

/// Who speaks: the nearest actor before the reporting word ("X told", "X, the
/// spokesman, said"), else the actor right after it ("said X").
fn speaker(text: &str, trigger: Span, actors: &[&Resolved], sentence: Span) -> Option<EntityId> {
    let before = actors
        .iter()
        .filter(|a| a.mention.span.end <= trigger.start)
        .max_by_key(|a| a.mention.span.end)
        .filter(|a| {
            let gap = &text[a.mention.span.end..trigger.start];
            // "X, who spoke to reporters on Wednesday, said": a relative clause right
            // after the name is about that person, and so is the verb after it. Its
            // pronoun is no other subject.
            let rest = gap
                .strip_prefix(',')
                .map(str::trim_start)
                .and_then(|g| g.strip_prefix("who ").or_else(|| g.strip_prefix("whose ")))
                .unwrap_or(gap);
            !gap.contains(['"', '“', '”', ';'])
                && gap.split_whitespace().count() <= 10
                && !rest.split(|c: char| !c.is_alphabetic()).any(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "he" | "she" | "they" | "it" | "who" | "which" | "we" | "i"
                    )
                })
        });
    if let Some(a) = before {
        // A person is a better speaker than the organisation that employs them.
        return a.entity;
    }
    // "said the president's spokesperson Karla Levit": the possessor is not the speaker.
    actors
        .iter()
        .filter(|a| a.mention.full_span.start >= trigger.end && !a.mention.possessive)
        .min_by_key(|a| a.mention.full_span.start)
        .filter(|a| {
            let gap = &text[trigger.end..a.mention.full_span.start.min(sentence.end)];
            gap.split_whitespace().count() <= 3 && !gap.contains(['"', '“', '”'])
        })
        .and_then(|a| a.entity)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::find_mentions;
    use crate::temporal::{self, TimexType};

    /// The dates and times of sentence `t`, tagged against `published`.
    fn dates_of(t: &str, published: &str) -> Vec<TimeRef> {
        let sentence = Span::new(0, t.len());
        let anchor = temporal::Anchor {
            date: Some(published.parse().unwrap()),
            tz: None,
            year_hint: None,
        };
        temporal::tag(t, &[sentence], &anchor)
            .iter()
            .filter(|x| matches!(x.ty, TimexType::Date | TimexType::Time))
            .map(TimeRef::from)
            .collect()
    }

    /// Tag dates against `published` and resolve mentions naively by surname.
    fn run(t: &str, published: &str) -> Vec<(String, Vec<String>, Vec<String>, String)> {
        let sentence = Span::new(0, t.len());
        let times = dates_of(t, published);
        let ms = find_mentions(t, sentence).mentions;
        let mut names: Vec<String> = Vec::new();
        let resolved = crate::extract::resolve_by_surname(&ms, &mut names);
        extract(
            t,
            sentence,
            &resolved,
            &times,
            &[],
            Discourse::default(),
            Some(published.parse().unwrap()),
        )
        .into_iter()
        .map(|e| {
            (
                e.event,
                e.participants.iter().map(|p| names[p.0].clone()).collect(),
                e.places.iter().map(|p| names[p.0].clone()).collect(),
                e.date.day().unwrap_or(&e.date.value).to_string(),
            )
        })
        .collect()
    }

    /// The claims of one sentence with no names in it, read in `discourse`: (type,
    /// participants, day).
    fn in_discourse(t: &str, discourse: Discourse) -> Vec<(String, Vec<EntityId>, String)> {
        let sentence = Span::new(0, t.len());
        let times = dates_of(t, "2034-03-16");
        let published = "2034-03-16".parse().ok();
        extract(t, sentence, &[], &times, &[], discourse, published)
            .into_iter()
            .map(|e| (e.event, e.participants, e.date.value))
            .collect()
    }

    #[test]
    fn a_described_subject_is_the_person_the_next_sentence_opens_with() {
        let next = Discourse {
            next_subject: Some(EntityId(7)),
            ..Discourse::default()
        };
        // Published Thursday 16 March 2034.
        let lede = "LORNHAVEN (Harbour Wire) - A caver died on Tuesday in a fall.";
        assert_eq!(
            in_discourse(lede, next),
            vec![("death".into(), vec![EntityId(7)], "2034-03-14".into())]
        );
        // No one named next, or a definite description: no one to give the death to.
        assert!(in_discourse(lede, Discourse::default()).is_empty());
        assert!(in_discourse("The caver died on Tuesday in a fall.", next).is_empty());
    }

    #[test]
    fn a_date_does_not_reach_into_the_clause_it_anchors() {
        let r = run(
            "Police held Ivo Dask on Monday after a trawler was found adrift off Lornhaven.",
            "2034-03-16",
        );
        assert!(
            dated(&r)
                .iter()
                .all(|(ty, _)| ty != "death" && ty != "discovery"),
            "{r:?}"
        );
        // Before the event word, with no "after" between, the date is the event's.
        let r = run(
            "On Monday a trawler was found adrift off Lornhaven, police said.",
            "2034-03-16",
        );
        assert!(!dated(&r).is_empty(), "{r:?}");
    }

    #[test]
    fn an_actor_across_after_belongs_to_the_other_clause() {
        let r = run(
            "Ivo Dask's death on Sunday came a day after Lena Orr was killed in a fall.",
            "2034-03-16",
        );
        let people = |ty: &str| {
            r.iter()
                .find(|e| e.0 == ty)
                .map(|e| e.1.clone())
                .unwrap_or_default()
        };
        assert_eq!(people("death"), ["Dask"], "{r:?}");
        assert_eq!(people("killing"), ["Orr"], "{r:?}");
        // The anchored clause ends at its comma: Dask is the one charged.
        let r = run(
            "Ivo Dask, arrested an hour after Lena Orr was found, was charged on Monday.",
            "2034-03-16",
        );
        let charged = r.iter().find(|e| e.0 == "indictment").expect("a charge");
        assert_eq!(charged.1, ["Dask"], "{r:?}");
        // An age in apposition does not end the anchored clause: Orr is the one shot.
        let r = run(
            "Police arrested Ivo Dask on Monday after Lena Orr, 17, was shot outside a school.",
            "2034-03-16",
        );
        let shot = r.iter().find(|e| e.0 == "shooting").expect("a shooting");
        assert_eq!(shot.1, ["Orr"], "{r:?}");
    }

    #[test]
    fn before_a_body_opens_no_clause() {
        let r = run(
            "Lawyers made oral arguments before the High Court on Tuesday.",
            "2034-03-16",
        );
        let hearing = r.iter().find(|e| e.0 == "hearing").expect("a hearing");
        assert!(hearing.1.iter().any(|p| p.contains("Court")), "{r:?}");
        // "before" a clause still anchors it: the court is the other clause's.
        let r = run(
            "Ivo Dask was arrested on Monday before the High Court ruled.",
            "2034-03-16",
        );
        let arrest = r.iter().find(|e| e.0 == "arrest").expect("an arrest");
        assert_eq!(arrest.1, ["Dask"], "{r:?}");
    }

    #[test]
    fn an_offset_clause_moves_the_other_clause_s_date() {
        // 2034-03-16 is a Thursday: "Sunday" is 2034-03-12.
        let day = |r: &[(String, Vec<String>, Vec<String>, String)], ty: &str| {
            r.iter().find(|e| e.0 == ty).map(|e| e.3.clone())
        };
        let r = run(
            "Ivo Dask died on Sunday, a day after Lena Orr was killed in a fall.",
            "2034-03-16",
        );
        assert_eq!(day(&r, "death").as_deref(), Some("2034-03-12"), "{r:?}");
        assert_eq!(day(&r, "killing").as_deref(), Some("2034-03-11"), "{r:?}");
        let r = run(
            "Two days before Ivo Dask was arrested on Sunday, Lena Orr was shot.",
            "2034-03-16",
        );
        assert_eq!(day(&r, "arrest").as_deref(), Some("2034-03-12"), "{r:?}");
        assert_eq!(day(&r, "shooting").as_deref(), Some("2034-03-10"), "{r:?}");
        // "hours after", "weeks after": no day follows.
        let r = run(
            "Ivo Dask died on Sunday, hours after Lena Orr was killed in a fall.",
            "2034-03-16",
        );
        assert_eq!(day(&r, "killing").as_deref(), Some(UNDATED), "{r:?}");
        // The anchored clause's event word does not take the main clause's date.
        let r = run(
            "A day after Lena Orr was killed, police arrested Ivo Dask on Sunday.",
            "2034-03-16",
        );
        assert_eq!(day(&r, "arrest").as_deref(), Some("2034-03-12"), "{r:?}");
        assert_eq!(day(&r, "killing").as_deref(), Some("2034-03-11"), "{r:?}");
        // A reporting verb after the clause is not what the offset modifies.
        let r = run(
            "Ivo Dask met the envoy on Sunday, two days after protests on Friday, police said.",
            "2034-03-16",
        );
        assert_eq!(day(&r, "protest").as_deref(), Some("2034-03-10"), "{r:?}");
        // No event word in the main clause: its date is the day the offset counts from.
        let r = run(
            "Staff gathered at the lab on Sunday, a day after Ivo Dask died.",
            "2034-03-16",
        );
        assert_eq!(day(&r, "death").as_deref(), Some("2034-03-11"), "{r:?}");
        assert!(day(&r, "statement").is_none_or(|d| d == UNDATED), "{r:?}");
    }

    #[test]
    fn a_relative_event_takes_its_day_from_the_document() {
        // Two sentences of one document, the second dated only from the first's event.
        let doc = "Lena Orr was killed on Sunday in a fall. \
                   The day following Orr's death, Ivo Dask fell to his death nearby.";
        let published = "2034-03-16";
        let mut names: Vec<String> = Vec::new();
        let mut events: Vec<EventDate> = Vec::new();
        let cut = doc.find("The day").unwrap();
        for sentence in [Span::new(0, cut - 1), Span::new(cut, doc.len())] {
            let times: Vec<TimeRef> = dates_of(doc, published)
                .into_iter()
                .filter(|t| sentence.contains(t.span))
                .collect();
            let ms = find_mentions(doc, sentence).mentions;
            let resolved = crate::extract::resolve_by_surname(&ms, &mut names);
            events.extend(extract(
                doc,
                sentence,
                &resolved,
                &times,
                &[],
                Discourse::default(),
                published.parse().ok(),
            ));
        }
        let who = |e: &EventDate| -> Vec<String> {
            e.participants.iter().map(|p| names[p.0].clone()).collect()
        };
        let dask = events
            .iter()
            .position(|e| e.event == "death" && who(e) == ["Dask"])
            .expect("Dask's death is a claim of its own, beside Orr's");
        assert!(events[dask].date.is_undated());
        assert!(events[dask].relative.is_some());
        let mut refs: Vec<&mut EventDate> = events.iter_mut().collect();
        resolve_relatives(&mut refs);
        // Sunday is 2034-03-12; the day following is the 13th, told by "The day following".
        assert_eq!(events[dask].date.value, "2034-03-13");
        assert_eq!(events[dask].date.span.slice(doc), "The day following");
        // Without the dated event it is told against, it stays undated.
        let mut lone = events[dask].clone();
        lone.date = TimeRef::undated(lone.date.span);
        lone.relative = Some(Box::new(Relative {
            days: 1,
            event: "arrest".into(),
            participants: lone.participants.clone(),
            span: lone.date.span,
        }));
        let mut refs = vec![&mut lone];
        resolve_relatives(&mut refs);
        assert!(lone.date.is_undated());
    }

    fn dated(r: &[(String, Vec<String>, Vec<String>, String)]) -> Vec<(String, String)> {
        r.iter()
            .filter(|x| x.3 != UNDATED)
            .map(|x| (x.0.clone(), x.3.clone()))
            .collect()
    }

    #[test]
    fn passive_shooting_with_weekday() {
        let r = run(
            "Tomas Kell was shot and killed Friday in his home in Millbrook.",
            "2033-06-11",
        );
        assert_eq!(dated(&r), vec![("shooting".into(), "2033-06-10".into())]);
        assert_eq!(r[0].1, vec!["Kell"]);
        assert_eq!(r[0].2, vec!["Millbrook"]);
    }

    #[test]
    fn active_indictment() {
        let r = run(
            "A federal grand jury indicted Senator Ada Morrow on Tuesday on bribery charges.",
            "2033-06-09",
        );
        assert_eq!(dated(&r), vec![("indictment".into(), "2033-06-07".into())]);
        assert!(r[0].1.contains(&"Morrow".to_string()));
    }

    #[test]
    fn fire_with_place_only() {
        let r = run(
            "Protesters torched a bank in Lisvale on Wednesday.",
            "2033-06-09",
        );
        assert_eq!(dated(&r), vec![("fire".into(), "2033-06-08".into())]);
        assert_eq!(r[0].2, vec!["Lisvale"]);
    }

    #[test]
    fn statement_to_a_newspaper() {
        let r = run(
            "Police spokeswoman Rena Oduya told the Harlow Courier on Saturday that the motive was unclear.",
            "2033-06-12",
        );
        assert_eq!(dated(&r), vec![("statement".into(), "2033-06-11".into())]);
        assert_eq!(r[0].1[0], "Oduya");
    }

    #[test]
    fn headline_style_date_first() {
        let r = run(
            "On Monday, police arrested Ivo Dragan in Kestrel Bay.",
            "2033-06-08",
        );
        assert_eq!(dated(&r), vec![("arrest".into(), "2033-06-06".into())]);
    }

    #[test]
    fn no_date_gives_only_an_undated_claim() {
        let r = run(
            "Mayor Lena Voss condemned the attack on the depot.",
            "2033-06-08",
        );
        assert!(dated(&r).is_empty());
        // A plain reporting verb without a day is no claim at all.
        assert!(run("Mayor Lena Voss said the depot was closed.", "2033-06-08").is_empty());
    }

    #[test]
    fn a_date_that_bounds_a_tally_is_not_an_event_date() {
        let r = run(
            "Police in Harlow recorded 312 shootings through May 30.",
            "2033-06-08",
        );
        assert!(dated(&r).is_empty());
        let r = run(
            "Aron Pell asked the court on June 2 to postpone the indictment.",
            "2033-06-08",
        );
        assert!(r.iter().all(|x| x.0 != "indictment"));
    }

    #[test]
    fn she_said_with_no_day_takes_the_day_the_previous_sentence_gave_her() {
        // "Ada Morrow visited the harbour on Tuesday." then this sentence.
        let day = crate::compare::dates::tests::day_in("2031-09-23", "UTC");
        let speaker = Some(EntityId(0));
        let said = |t: &str, subject_day: Option<&TimeRef>| {
            let sentence = Span::new(0, t.len());
            let discourse = Discourse {
                last_subject: speaker,
                subject_day,
                next_subject: None,
            };
            extract(t, sentence, &[], &[], &[], discourse, None)
                .into_iter()
                .map(|e| (e.event, e.date.value, e.participants))
                .collect::<Vec<_>>()
        };
        let quoted = "We are ready, she said.";
        assert_eq!(
            said(quoted, Some(&day)),
            vec![("statement".into(), "2031-09-23".into(), vec![EntityId(0)])]
        );
        // No day before: a statement needs its day, so there is no claim.
        assert!(said(quoted, None).is_empty());
        // Someone else speaking does not inherit it.
        assert!(said("We are ready, the spokesman said.", Some(&day)).is_empty());
    }

    #[test]
    fn a_decision_to_act_is_a_happening_of_its_day() {
        let r = run(
            "Kestrel Systems agreed on Wednesday to acquire Brindle Labs.",
            "2034-03-16",
        );
        assert_eq!(dated(&r), vec![("acquisition".into(), "2034-03-15".into())]);
        // A purpose is not: "to protest" tells why, not what happened.
        let r = run(
            "Workers gathered in Lornhaven on Wednesday to protest the sale.",
            "2034-03-16",
        );
        assert!(dated(&r).iter().all(|x| x.0 != "protest"));
    }

    #[test]
    fn an_age_in_apposition_is_not_a_tally() {
        // "Name, 47, died": the number is the person's age, the death is a happening.
        let r = run(
            "Tomas Kell, 47, died while walking near Millbrook on Saturday.",
            "2033-06-13",
        );
        assert_eq!(dated(&r), vec![("death".into(), "2033-06-11".into())]);
        // Without the comma it is still a tally.
        let r = run("Harlow saw 47 deaths on Saturday.", "2033-06-13");
        assert!(dated(&r).iter().all(|x| x.0 != "death"));
    }

    #[test]
    fn the_date_goes_to_the_word_it_follows() {
        let r = run(
            "Premier Ola Brandt condemned the violence in parliament after the budget he announced Sunday.",
            "2033-06-08",
        );
        // "Sunday" is when the budget was announced, not when Brandt condemned the violence.
        assert_eq!(dated(&r), vec![("statement".into(), "2033-06-05".into())]);
        assert!(r.iter().any(|x| x.0 == "remarks" && x.3 == UNDATED));
    }

    /// `check(sentence, published, expected dated (type, day))`.
    fn check(t: &str, published: &str, expect: &[(&str, &str)]) {
        let got = dated(&run(t, published));
        let want: Vec<(String, String)> = expect
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want, "{t}");
    }

    #[test]
    fn any_event_gets_its_day() {
        // A verdict, told with the jury's deliberation.
        check(
            "After two days of deliberations, jurors convicted Aron Pell of fraud on Friday.",
            "2033-06-12",
            &[("conviction", "2033-06-10")],
        );
        // A contest between named sides.
        check(
            "Mira Tolland defeated Ines Garrow in the final on Saturday in Vossberg.",
            "2033-06-12",
            &[("match", "2033-06-11")],
        );
        // "Yesterday" resolves against the article's date like a weekday.
        check(
            "Police arrested Ivo Dragan in Kestrel Bay yesterday.",
            "2033-06-08",
            &[("arrest", "2033-06-07")],
        );
        check(
            "Officers said Ivo Dragan was arrested on Thursday night in Kestrel Bay.",
            "2033-06-10",
            &[("arrest", "2033-06-09")],
        );
    }

    #[test]
    fn a_relative_clause_after_a_name_is_that_person_s() {
        // The speaker of a verb in ", who ..." and of the verb after the clause is the
        // person named before it.
        let r = run(
            "Ivo Marsh, who spoke to reporters on Wednesday, said the ferry was late.",
            "2033-06-10",
        );
        assert_eq!(
            r,
            vec![(
                "speech".to_string(),
                vec!["Marsh".to_string()],
                vec![],
                "2033-06-08".to_string()
            )]
        );
        // A date inside the clause is not the day of the verb after it.
        let r = run(
            "Ivo Marsh, who was in port on Wednesday, said the ferry was late.",
            "2033-06-10",
        );
        assert!(r.iter().all(|e| e.0 != "statement"), "{r:?}");
    }

    #[test]
    fn a_cited_report_s_day_is_not_the_event_s() {
        // "..., according to reports Tuesday": the report's day; the shooting has none.
        check(
            "Ivo Marsh was shot in the harbour, according to reports on Tuesday.",
            "2033-06-10",
            &[],
        );
        // A sentence that opens with the attribution keeps its day.
        check(
            "According to police, Ivo Marsh was shot on Tuesday.",
            "2033-06-10",
            &[("shooting", "2033-06-07")],
        );
    }

    #[test]
    fn a_charge_owns_no_date() {
        // "convicted of murder on Thursday": the day is the verdict's, not the killing's.
        check(
            "Aron Pell was convicted of murder on Thursday in Harlow.",
            "2033-06-10",
            &[("conviction", "2033-06-09")],
        );
    }

    #[test]
    fn a_dated_sentence_without_an_event_word_is_a_happening() {
        let r = run(
            "On Monday, Ada Voss crossed the Kestrel Peak pass on foot.",
            "2033-06-08",
        );
        assert_eq!(dated(&r), vec![(HAPPENING.into(), "2033-06-06".into())]);
        assert_eq!(r[0].1[0], "Voss");
        // Without a name or a place it is no claim.
        assert!(run("On Monday, it rained.", "2033-06-08").is_empty());
    }

    #[test]
    fn content_words_leave_out_names_dates_and_function_words() {
        let t = "Fire chief Halvard Ness said Monday that the blaze started in a loading bay.";
        let skip = [Span::new(16, 27), Span::new(33, 39)];
        assert_eq!(
            content_words(t, Span::new(0, t.len()), &skip),
            vec!["bay", "blaz", "chief", "fir", "load", "start"]
        );
        assert_eq!(stem("convicting"), stem("convicted"));
        assert_eq!(stem("deaths"), stem("death"));
        assert_eq!(stem("stopped"), "stop");
        assert_eq!(stem("re-open"), stem("reopen"));
    }

    #[test]
    fn overlap_counts_shared_words() {
        use crate::sorted::Words;
        let a = Words::new(["bay", "blaz", "load", "start"]);
        let b = Words::new(["bay", "blaz", "load", "roof", "start", "spread"]);
        assert_eq!(overlap(&a, &b), (4, 1.0));
        assert_eq!(overlap(&a, &Words::default()), (0, 0.0));
    }
}
