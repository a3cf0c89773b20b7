//! Names in a sentence: people, organisations and places, with the titles written around
//! them ("Veldran Army Chief General Omar Zaki", "Ruth Calloway, the State Department
//! spokesperson"). No model: capitalisation, lexicons of titles, demonyms and cue words.

use crate::lexicon::lexicons;
use crate::span::Span;
use crate::tokens::{Lex, Stream, Streams, Token, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionKind {
    Person,
    Org,
    Place,
    /// A capitalised name whose kind the sentence does not settle (resolved bundle-wide).
    Unknown,
    /// Named things that are not actors: operations, laws, streets, days.
    Thing,
}

/// A title written next to a name: "Secretary of State" with jurisdiction "United States".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleRef {
    pub span: Span,
    /// Lower-case title as written ("external affairs minister").
    pub title: String,
    /// The country or organisation the title belongs to, as written or from a demonym.
    pub jurisdiction: Option<String>,
    /// The part of an organisation the title is of, when an apposition names one
    /// ("Ada Morrow, general manager of the mobility division": "mobility division").
    pub unit: Option<Span>,
}

#[derive(Debug, Clone)]
pub struct Mention {
    /// The name itself, without titles or possessive.
    pub span: Span,
    pub kind: MentionKind,
    /// Name tokens as written, possessive stripped ("S.", "Okafor").
    pub tokens: NameTokens,
    pub titles: Vec<TitleRef>,
    /// The span from the first title word to the end of the name.
    pub full_span: Span,
    pub sentence_initial: bool,
    pub possessive: bool,
    /// Preceded by "in", "at", "near"...
    pub after_place_cue: bool,
    /// A person only because it is two or more capitalised words: the bundle may show it
    /// is a place ("in Cerro Aldana").
    pub weak_person: bool,
}

impl Mention {
    pub fn name(&self) -> String {
        self.tokens.as_str().to_string()
    }
}

/// A name's tokens held as the name: one string, the tokens joined by single spaces
/// (tokens hold no white space). Every mention lives to the rules: as a `Vec<String>`
/// a two-word name was about 100 bytes (the vector, and per token 24 bytes and its own
/// heap block); joined, its text and 16.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameTokens(Box<str>);

impl NameTokens {
    pub fn new<S: AsRef<str>>(tokens: impl IntoIterator<Item = S>) -> NameTokens {
        let mut out = String::new();
        for t in tokens {
            let t = t.as_ref();
            debug_assert!(!t.is_empty() && !t.contains(' '), "not a token: {t:?}");
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t);
        }
        NameTokens(out.into_boxed_str())
    }

    /// The tokens, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &str> {
        (!self.0.is_empty())
            .then(|| self.0.split(' '))
            .into_iter()
            .flatten()
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn last(&self) -> Option<&str> {
        self.iter().next_back()
    }

    /// The tokens joined by spaces: the name as [`Mention::name`] gives it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A title with no name ("the Secretary", "the national security advisor"), for resolving
/// to the person the document names with that title.
#[derive(Debug, Clone)]
pub struct BareTitle {
    pub span: Span,
    pub title: String,
    pub jurisdiction: Option<String>,
}

#[derive(Debug, Default)]
pub struct SentenceMentions {
    pub mentions: Vec<Mention>,
    pub bare_titles: Vec<BareTitle>,
}

#[derive(Clone, Copy, Default)]
struct Flags {
    cap: bool,
    title: Option<usize>, // index into title matches
    demonym: bool,
    honorific: bool,
    connector: bool,
}

struct TitleMatch {
    span: Span,
    first_tok: usize,
    last_tok: usize,
}

fn strip_possessive(s: &str) -> (&str, bool) {
    for suf in ["'s", "’s", "s'", "s’"] {
        if let Some(base) = s.strip_suffix(suf) {
            if suf.starts_with('s') {
                return (&s[..s.len() - suf.len() + 1], true);
            }
            return (base, true);
        }
    }
    (s, false)
}

/// "Veldran", "Marenese", "Pakistani": adjective forms of place names.
fn looks_like_demonym(w: &str) -> bool {
    ["an", "ian", "ese", "i", "ish", "ic"]
        .iter()
        .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
}

fn is_cap_word(t: &str) -> bool {
    let mut cs = t.chars();
    let Some(c) = cs.next() else { return false };
    c.is_uppercase()
}

/// All-caps acronyms in parentheses, "(EAM)", "(NSA)", are glosses of the title before them.
fn paren_gloss(toks: &[Token], text: &str, i: usize) -> Option<usize> {
    let open = toks.get(i)?;
    if open.text(text) != "(" {
        return None;
    }
    let inner = toks.get(i + 1)?;
    let close = toks.get(i + 2)?;
    let w = inner.text(text);
    (close.text(text) == ")" && w.len() <= 8 && w.chars().all(|c| c.is_uppercase() || c == '.'))
        .then_some(i + 3)
}

pub fn find_mentions(text: &str, sentence: Span) -> SentenceMentions {
    find_mentions_in(text, Streams::build(text, [(sentence, true)]).get(0))
}

/// [`find_mentions`] in the sentence of `stream`, its shared token stream (the word-list
/// memberships of its tokens, [`Lex`], stand for looking their lower case up).
pub fn find_mentions_in(text: &str, stream: Stream<'_>) -> SentenceMentions {
    let lx = lexicons();
    let sentence = stream.span;
    let toks = &stream.tokens();
    let s_text = sentence.slice(text);
    // Title phrases, mapped to token ranges.
    let mut titles: Vec<TitleMatch> = Vec::new();
    for (s, e, _) in lx.titles.find_words(s_text) {
        let span = Span::new(sentence.start + s, sentence.start + e);
        let first = toks.iter().position(|t| t.span.start == span.start);
        let last = toks.iter().position(|t| t.span.end == span.end);
        if let (Some(f), Some(l)) = (first, last) {
            titles.push(TitleMatch {
                span,
                first_tok: f,
                last_tok: l,
            });
        }
    }
    // "Minister of Foreign Affairs Ana Ruiz", "President of Veldra Ivo Brandt": the words
    // after "of" belong to the title, the last two capitalised words are the name.
    for m in titles.iter_mut() {
        let of = m.last_tok + 1;
        if toks.get(of).map(|t| t.text(text)) != Some("of") {
            continue;
        }
        let mut end = of + 1;
        while end < toks.len()
            && toks[end].kind == TokenKind::Word
            && is_cap_word(toks[end].text(text))
        {
            end += 1;
        }
        let run = end - (of + 1);
        // "general manager of Orvex's Data Systems group": an organisation's part, no name.
        let units = &lx.org_units;
        let part_of_org = toks[of + 1..end]
            .iter()
            .any(|t| strip_possessive(t.text(text)).1)
            || toks[of + 1..end]
                .last()
                .is_some_and(|t| units.contains(&t.text(text).to_lowercase()))
            || toks
                .get(end)
                .is_some_and(|t| units.contains(&t.text(text).to_lowercase()));
        if run >= 3 && !part_of_org {
            m.last_tok = end - 3;
            m.span = Span::new(m.span.start, toks[m.last_tok].span.end);
        }
    }
    // "Assistant District Attorney": a rank word before a title is part of it.
    for m in titles.iter_mut() {
        if m.first_tok > 0 && toks[m.first_tok - 1].lex.has(Lex::RANK) {
            m.first_tok -= 1;
            m.span = Span::new(toks[m.first_tok].span.start, m.span.end);
        }
    }
    // "7:15 PM CDT Sep 3": a clock's AM/PM after a number, a zone after it and a month
    // before a day number are times, not names (nor "PM" a prime minister).
    let number_at = |j: Option<usize>| {
        j.and_then(|j| toks.get(j))
            .is_some_and(|t| t.kind == TokenKind::Number)
    };
    let clock_marker =
        |j: usize| matches!(toks[j].text(text), "AM" | "PM") && number_at(j.checked_sub(1));
    let time_word = |i: usize| {
        let w = toks[i].text(text);
        clock_marker(i)
            || i > 0 && clock_marker(i - 1) && crate::temporal::is_zone_abbreviation(w)
            || number_at(Some(i + 1)) && crate::temporal::is_month(w)
    };
    let mut flags = vec![Flags::default(); toks.len()];
    for (i, t) in toks.iter().enumerate() {
        let w = t.text(text);
        let (base, _) = strip_possessive(w);
        let f = &mut flags[i];
        // "Pakistan-based", "Marenland-flagged": adjectives, not names.
        let adjective = w
            .rsplit_once('-')
            .is_some_and(|(_, tail)| tail.chars().next().is_some_and(char::is_lowercase));
        f.cap = t.kind == TokenKind::Word
            && is_cap_word(w)
            && !adjective
            && !t.lex.has(Lex::WEEKDAY)
            && !time_word(i);
        f.demonym = lx.demonyms.contains_key(base) && f.cap;
        f.honorific = f.cap && t.lex.has(Lex::HONORIFIC);
        f.connector = matches!(
            w,
            "of" | "de"
                | "van"
                | "von"
                | "bin"
                | "al"
                | "da"
                | "del"
                | "la"
                | "le"
                | "du"
                | "der"
                | "ibn"
        );
    }
    for (k, m) in titles.iter().enumerate() {
        for f in &mut flags[m.first_tok..=m.last_tok] {
            f.title = Some(k);
        }
    }

    let mut out = SentenceMentions::default();
    // A Title Case Headline capitalises every word: capitals say nothing about names there.
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.kind == TokenKind::Word && t.span.len() > 3)
        .map(|t| t.text(text))
        .collect();
    let capitalised = words.iter().filter(|w| is_cap_word(w)).count();
    if words.len() >= 4 && capitalised * 10 >= words.len() * 7 && !s_text.trim_end().ends_with('.')
    {
        return out;
    }
    let mut i = 0;
    let is_name_tok_after = |i: usize| {
        flags
            .get(i + 1)
            .is_some_and(|g| g.cap && g.title.is_none() && !g.honorific)
    };
    while i < toks.len() {
        let f = flags[i];
        let is_name_tok = |j: usize| {
            let g = flags[j];
            g.cap && g.title.is_none() && !g.honorific && !(g.demonym && j == i)
        };
        if !f.cap || f.title.is_some() || f.honorific || f.demonym {
            i += 1;
            continue;
        }
        // "In Berlin", "The ministry": a capitalised function word opening the sentence
        // is not part of a name.
        if toks[i].lex.has(Lex::STOPWORD) {
            i += 1;
            continue;
        }
        // "Selecting Ana Ruiz was the board's first act": an ordinary verb's "-ing" form
        // opening the sentence is not part of the name after it.
        if (i == 0 || (i == 1 && toks[0].kind == TokenKind::Punct))
            && is_name_tok_after(i)
            && crate::lexicon::with_lowercase(toks[i].text(text), crate::lexicon::is_common_gerund)
        {
            i += 1;
            continue;
        }
        // Extend the run of name tokens.
        let start = i;
        let mut end = i; // inclusive
        let mut possessive = strip_possessive(toks[i].text(text)).1;
        let mut j = i + 1;
        while !possessive && j < toks.len() {
            if is_name_tok(j) && !flags[j].demonym {
                end = j;
                possessive = strip_possessive(toks[j].text(text)).1;
                j += 1;
            } else if flags[j].connector
                && j + 1 < toks.len()
                && flags[j + 1].cap
                && (toks[j].text(text) != "of" || {
                    // "Ministry of Defence", "Line of Control"; never "Ana Ruiz of Veldra".
                    let lex = toks[j - 1].lex;
                    lex.has(Lex::ORG_CUE) || lex.has(Lex::NON_PERSON_CUE)
                })
            {
                j += 1;
            } else {
                break;
            }
        }
        // A lone capitalised modifier right before a title is the title's jurisdiction
        // ("Veldran Foreign Minister", "Harbourton Police Chief"), not a name of its own.
        if start == end
            && flags.get(end + 1).is_some_and(|g| g.title.is_some())
            && (start > 0 || looks_like_demonym(toks[start].text(text)))
            && !toks[start].lex.has(Lex::ORG_CUE)
        {
            i = end + 1;
            continue;
        }
        // "Ellery County Treasurer Dorian Whitcombe": an organisation or place, an office the
        // lexicon does not know, then a two-word name. The name is the last two words.
        let mut start = start;
        let mut run_title: Option<TitleRef> = None;
        if end >= start + 3 {
            let is_cue =
                |k: usize| toks[k].lex.has(Lex::ORG_CUE) || toks[k].lex.has(Lex::NON_PERSON_CUE);
            let tail_plain = !is_cue(end) && !is_cue(end - 1) && !flags[end - 1].connector;
            if tail_plain && let Some(cue) = (start..end - 1).rev().find(|&k| is_cue(k)) {
                let name_start = end - 1;
                let office: Vec<&str> = toks[cue + 1..name_start]
                    .iter()
                    .map(|t| t.text(text))
                    .collect();
                if !office.is_empty() {
                    let juris: Vec<&str> = toks[start..=cue].iter().map(|t| t.text(text)).collect();
                    run_title = Some(TitleRef {
                        unit: None,
                        span: Span::new(toks[cue + 1].span.start, toks[name_start - 1].span.end),
                        title: office.join(" ").to_lowercase(),
                        jurisdiction: Some(juris.join(" ")),
                    });
                    start = name_start;
                }
            }
        }
        let name_toks: Vec<String> = toks[start..=end]
            .iter()
            .map(|t| strip_possessive(t.text(text)).0.to_string())
            .collect();
        let last_text = toks[end].text(text);
        let name_end = toks[end].span.end - (last_text.len() - strip_possessive(last_text).0.len());
        let span = Span::new(toks[start].span.start, name_end);
        let lower: Vec<String> = name_toks.iter().map(|t| t.to_lowercase()).collect();
        let org = lower.iter().any(|t| lx.org_cues.contains(t));
        let thing = lower.iter().any(|t| lx.non_person_cues.contains(t));
        // Titles written before the name.
        let (mut before_titles, mut title_start) =
            titles_before(text, toks, &flags, &titles, start);
        if let Some(t) = run_title {
            title_start = Some(title_start.unwrap_or(t.span.start).min(t.span.start));
            before_titles.push(t);
        }
        let mut after_titles = titles_after(text, toks, &flags, &titles, end);
        // "Ada Morrow of Lornhaven, the party leader,": the apposition describes the person
        // named before "of", not the place or body after it.
        if !after_titles.is_empty()
            && start >= 2
            && toks[start - 1].text(text) == "of"
            && let Some(owner) = out.mentions.last_mut()
            && owner.kind == MentionKind::Person
            && owner.span.end == toks[start - 2].span.end
        {
            owner.titles.append(&mut after_titles);
        }
        let prev = start.checked_sub(1).map(|p| toks[p].lex);
        let after_place_cue = prev.is_some_and(|p| p.has(Lex::PLACE_CUE));
        let preceded_by_honorific = start > 0 && flags[start - 1].honorific;
        // "Okafor said", "said Okafor": a name framing speech is a speaker.
        let speaker = toks
            .get(end + 1)
            .is_some_and(|t| t.lex.has(Lex::SPEECH_VERB))
            || prev.is_some_and(|p| p.has(Lex::SPEECH_VERB));
        let mut weak_person = false;
        let kind = if org {
            MentionKind::Org
        } else if thing {
            MentionKind::Thing
        } else if !before_titles.is_empty()
            || !after_titles.is_empty()
            || preceded_by_honorific
            || (speaker && !after_place_cue)
        {
            MentionKind::Person
        } else if after_place_cue {
            MentionKind::Place
        } else if name_toks.len() >= 2
            && !name_toks
                .iter()
                .any(|t| lx.demonyms.contains_key(t.as_str()))
        {
            weak_person = true;
            MentionKind::Person
        } else {
            MentionKind::Unknown
        };
        let mut all_titles = before_titles;
        all_titles.extend(after_titles);
        let full_start = title_start.unwrap_or(span.start);
        out.mentions.push(Mention {
            span,
            kind,
            tokens: NameTokens::new(name_toks),
            titles: if kind == MentionKind::Person {
                all_titles
            } else {
                Vec::new()
            },
            full_span: Span::new(full_start, span.end),
            sentence_initial: start == 0 || (start == 1 && toks[0].kind == TokenKind::Punct),
            possessive,
            after_place_cue,
            weak_person,
        });
        i = end + 1;
    }
    // Titles standing alone after "the": "the Secretary", "the national security advisor".
    for m in &titles {
        let next_is_name = flags
            .get(m.last_tok + 1)
            .is_some_and(|f| f.cap && f.title.is_none())
            || paren_gloss(toks, text, m.last_tok + 1)
                .and_then(|k| flags.get(k))
                .is_some_and(|f| f.cap);
        let prev_the =
            m.first_tok > 0 && toks[m.first_tok - 1].text(text).eq_ignore_ascii_case("the");
        let used = out
            .mentions
            .iter()
            .any(|x| x.titles.iter().any(|t| t.span == m.span));
        if prev_the && !next_is_name && !used {
            out.bare_titles.push(BareTitle {
                span: m.span,
                title: m.span.slice(text).to_lowercase(),
                jurisdiction: None,
            });
        }
    }
    out
}

/// Titles directly before token `start`: "Pakistani Deputy Prime Minister and Foreign
/// Minister", "India's National Security Advisor (NSA)", "State Department Spokesperson".
fn titles_before(
    text: &str,
    toks: &[Token],
    flags: &[Flags],
    titles: &[TitleMatch],
    start: usize,
) -> (Vec<TitleRef>, Option<usize>) {
    let lx = lexicons();
    let mut found: Vec<&TitleMatch> = Vec::new();
    let mut k = start;
    loop {
        // Skip a gloss "(NSA)" between title and name.
        if k >= 3 && toks[k - 1].text(text) == ")" && paren_gloss(toks, text, k - 3) == Some(k) {
            k -= 3;
        }
        if k == 0 {
            break;
        }
        if let Some(t) = flags[k - 1].title {
            found.push(&titles[t]);
            k = titles[t].first_tok;
            // "Deputy Prime Minister and Foreign Minister"
            if k >= 2 && toks[k - 1].text(text) == "and" && flags[k - 2].title.is_some() {
                k -= 1;
            }
            continue;
        }
        if flags[k - 1].honorific {
            k -= 1;
            continue;
        }
        // "Veldra's foreign minister, Anneliese Korval": a possessive title, a comma, the name.
        if found.is_empty()
            && k >= 3
            && toks[k - 1].text(text) == ","
            && let Some(t) = flags[k - 2].title
            && titles[t].first_tok >= 1
            && strip_possessive(toks[titles[t].first_tok - 1].text(text)).1
        {
            k -= 1;
            continue;
        }
        break;
    }
    if found.is_empty() {
        return (Vec::new(), None);
    }
    // Jurisdiction: a demonym, a possessive ("India's"), or an organisation name before.
    let mut jurisdiction = None;
    let mut first = k;
    if k > 0 {
        let w = toks[k - 1].text(text);
        let (base, poss) = strip_possessive(w);
        if let Some(c) = lx.demonyms.get(base) {
            jurisdiction = Some(c.clone());
            first = k - 1;
        } else if flags[k - 1].cap {
            // Walk back over the capitalised run: "State Department", "Donald Trump's".
            let mut b = k - 1;
            while b > 0
                && (flags[b - 1].cap || flags[b - 1].connector)
                && flags[b - 1].title.is_none()
            {
                b -= 1;
            }
            let run: Vec<&str> = toks[b..k].iter().map(|t| t.text(text)).collect();
            let joined = run.join(" ");
            let joined = strip_possessive(&joined).0.to_string();
            let is_org = toks[b..k].iter().any(|t| t.lex.has(Lex::ORG_CUE));
            if poss || is_org || (k - b == 1 && (b > 0 || looks_like_demonym(run[0]))) {
                let j = joined
                    .split_whitespace()
                    .filter(|w| !lx.demonyms.contains_key(*w))
                    .collect::<Vec<_>>()
                    .join(" ");
                jurisdiction = lx.demonyms.get(joined.as_str()).cloned().or(Some(j));
                first = b;
            }
        }
    }
    let refs = found
        .iter()
        .rev()
        .map(|m| TitleRef {
            unit: None,
            span: m.span,
            title: m.span.slice(text).to_lowercase(),
            jurisdiction: jurisdiction.clone(),
        })
        .collect();
    (refs, Some(toks[first].span.start))
}

/// An appositive title after the name: "Ruth Calloway, the State Department spokesperson,".
fn titles_after(
    text: &str,
    toks: &[Token],
    flags: &[Flags],
    titles: &[TitleMatch],
    end: usize,
) -> Vec<TitleRef> {
    let lx = lexicons();
    let word = |k: usize| toks.get(k).map(|t| t.text(text));
    let mut k = end + 1;
    // An apposition opens with a comma or a dash.
    if !matches!(word(k), Some("," | "—" | "–")) {
        return Vec::new();
    }
    k += 1;
    // "Ada Morrow, who heads the company's ...", "..., who joined X to serve as ...": a
    // relative clause whose verb gives the title (not "who met the prime minister").
    if word(k) == Some("who") {
        let verb = (k + 1..(k + 8).min(toks.len()))
            .take_while(|&j| toks[j].kind == TokenKind::Word)
            .find(|&j| {
                matches!(
                    toks[j].text(text),
                    "is" | "was" | "as" | "heads" | "headed" | "becomes" | "became" | "remains"
                )
            });
        let Some(v) = verb else {
            return Vec::new();
        };
        k = v + 1;
    }
    if word(k).is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an")) {
        k += 1;
    }
    // "the company's general manager", "its chief executive": an owner in lower case.
    if let Some(w) = word(k)
        && !flags[k].cap
        && flags[k].title.is_none()
        && (w == "its" || strip_possessive(w).1)
    {
        k += 1;
    }
    let mut jurisdiction = None;
    let j0 = k;
    // Modifiers before the title: a demonym, a possessive or an organisation.
    while k < toks.len() && flags[k].cap && flags[k].title.is_none() && k - j0 < 4 {
        k += 1;
    }
    if k > j0 {
        let run: Vec<&str> = toks[j0..k].iter().map(|t| t.text(text)).collect();
        let joined = run.join(" ");
        let base = strip_possessive(&joined).0.to_string();
        jurisdiction = lx.demonyms.get(base.as_str()).cloned().or(Some(base));
    }
    let Some(t) = flags.get(k).and_then(|f| f.title) else {
        return Vec::new();
    };
    let m = &titles[t];
    if m.first_tok != k {
        return Vec::new();
    }
    // "In Berlin, Chancellor Anna Weber said": the title belongs to the name after it.
    if flags
        .get(m.last_tok + 1)
        .is_some_and(|f| f.cap && f.title.is_none())
    {
        return Vec::new();
    }
    // "senior vice president and general manager of ...": titles joined by "and" share
    // what follows them.
    let mut found = vec![m];
    while word(found.last().unwrap().last_tok + 1) == Some("and")
        && let Some(n) = flags
            .get(found.last().unwrap().last_tok + 2)
            .and_then(|f| f.title)
        && titles[n].first_tok == found.last().unwrap().last_tok + 2
        && !flags
            .get(titles[n].last_tok + 1)
            .is_some_and(|f| f.cap && f.title.is_none())
    {
        found.push(&titles[n]);
    }
    let last = found.last().unwrap();
    // "..., the spokesperson for the State Department"
    let mut after = last.last_tok + 1;
    let mut unit = None;
    if toks
        .get(after)
        .is_some_and(|t| matches!(t.text(text), "of" | "for"))
    {
        after += 1;
        if toks.get(after).is_some_and(|t| t.text(text) == "the") {
            after += 1;
        }
        let b = after;
        unit = unit_after(text, toks, b);
        while after < toks.len() && (flags[after].cap || flags[after].connector) {
            after += 1;
        }
        if jurisdiction.is_none() && after > b {
            let run: Vec<&str> = toks[b..after].iter().map(|t| t.text(text)).collect();
            let joined = run.join(" ");
            jurisdiction = lx.demonyms.get(joined.as_str()).cloned().or(Some(joined));
        }
    }
    found
        .into_iter()
        .map(|m| TitleRef {
            span: m.span,
            title: m.span.slice(text).to_lowercase(),
            jurisdiction: jurisdiction.clone(),
            unit,
        })
        .collect()
}

/// The words after a title's "of"/"for", up to a clause boundary (a preposition, a
/// relative word, an auxiliary or a speech verb; an owner such as "its" is part of it):
/// "Orvex's mobility division" in "..., general manager for Orvex's mobility division,
/// said". At most eight words; none when the phrase is only a name (that is a
/// jurisdiction) without a word such as "division" (`rules/lexicon/org-units.txt`).
fn unit_after(text: &str, toks: &[Token], start: usize) -> Option<Span> {
    let lx = lexicons();
    let boundary = |w: &str| {
        matches!(
            w,
            "at" | "in"
                | "on"
                | "who"
                | "which"
                | "that"
                | "and"
                | "to"
                | "since"
                | "from"
                | "with"
                | "when"
                | "where"
                | "while"
                | "has"
                | "have"
                | "had"
                | "is"
                | "was"
                | "are"
                | "were"
                | "will"
                | "would"
                | "can"
                | "could"
                | "did"
                | "does"
                | "may"
                | "might"
                | "must"
                | "should"
                | "said"
                | "says"
                | "told"
        )
    };
    let mut end = start;
    while end < toks.len()
        && end - start < 8
        && toks[end].kind == TokenKind::Word
        && !boundary(toks[end].text(text))
    {
        end += 1;
    }
    let words = &toks[start..end];
    let units = &lx.org_units;
    let part = words.iter().any(|t| {
        let w = t.text(text);
        w.chars().next().is_some_and(char::is_lowercase) || units.contains(&w.to_lowercase())
    });
    (part && !words.is_empty())
        .then(|| Span::new(words[0].span.start, words[words.len() - 1].span.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The joined tokens give back the tokens, their count, the last, and the name
        /// as a join of the vector would.
        #[test]
        fn name_tokens_keep_the_tokens(toks in proptest::collection::vec("[A-Za-zé.'-]{1,8}", 0..5)) {
            let n = NameTokens::new(&toks);
            proptest::prop_assert_eq!(n.iter().collect::<Vec<_>>(), toks.iter().map(String::as_str).collect::<Vec<_>>());
            proptest::prop_assert_eq!(n.len(), toks.len());
            proptest::prop_assert_eq!(n.is_empty(), toks.is_empty());
            proptest::prop_assert_eq!(n.last(), toks.last().map(String::as_str));
            proptest::prop_assert_eq!(n.as_str(), toks.join(" "));
        }
    }

    fn ms(t: &str) -> Vec<Mention> {
        find_mentions(t, Span::new(0, t.len())).mentions
    }

    fn person<'a>(m: &'a [Mention], name: &str) -> &'a Mention {
        m.iter().find(|x| x.name() == name).unwrap_or_else(|| {
            panic!(
                "no {name} in {:?}",
                m.iter().map(|x| x.name()).collect::<Vec<_>>()
            )
        })
    }

    #[test]
    fn titles_before_names_with_jurisdiction() {
        let m = ms(
            "Veldran Foreign Minister Anneliese Korval spoke with Marenland's Deputy Prime Minister and Foreign Minister Mattias Brennholt.",
        );
        let k = person(&m, "Anneliese Korval");
        assert_eq!(k.kind, MentionKind::Person);
        assert_eq!(k.titles[0].title, "foreign minister");
        let b = person(&m, "Mattias Brennholt");
        let ts: Vec<&str> = b.titles.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(ts, vec!["deputy prime minister", "foreign minister"]);
        assert_eq!(b.titles[0].jurisdiction.as_deref(), Some("Marenland"));
    }

    #[test]
    fn demonym_jurisdiction_gloss_and_honorific() {
        let m =
            ms("Pakistani Army Chief General Omar Zaki met the Interior Minister (IM) R. Patel.");
        let z = person(&m, "Omar Zaki");
        assert_eq!(z.titles[0].jurisdiction.as_deref(), Some("Pakistan"));
        assert_eq!(z.titles[0].title, "army chief");
        let p = person(&m, "R. Patel");
        assert_eq!(p.titles[0].title, "interior minister");
    }

    #[test]
    fn lower_case_title_and_possessive_owner() {
        let m = ms("The mayor's spokesperson Dana Whitfield said the Port Authority would reopen.");
        let d = person(&m, "Dana Whitfield");
        assert_eq!(d.titles[0].title, "spokesperson");
        let pa = m.iter().find(|x| x.name() == "Port Authority").unwrap();
        assert_eq!(pa.kind, MentionKind::Org);
    }

    #[test]
    fn appositive_title_after_name() {
        let m = ms("Ruth Calloway, the State Department spokesperson, said talks would continue.");
        let r = person(&m, "Ruth Calloway");
        assert_eq!(r.titles[0].title, "spokesperson");
        assert_eq!(
            r.titles[0].jurisdiction.as_deref(),
            Some("State Department")
        );
    }

    /// Each title of a person with its unit, as written.
    fn titles_units(m: &Mention, t: &str) -> Vec<(String, Option<String>)> {
        m.titles
            .iter()
            .map(|x| (x.title.clone(), x.unit.map(|u| u.slice(t).to_string())))
            .collect()
    }

    #[test]
    fn coordinated_titles_share_their_unit() {
        let t = "Ines Varga, senior vice president and general manager for Corvane's mobility division, said so.";
        let m = ms(t);
        let unit = Some("Corvane's mobility division".to_string());
        assert_eq!(
            titles_units(person(&m, "Ines Varga"), t),
            [
                ("senior vice president".to_string(), unit.clone()),
                ("general manager".to_string(), unit)
            ]
        );
        // A name only is a jurisdiction, not a unit; a verb ends the unit.
        let t = "Teodor Basch, chief executive of Pellwick Labs has said so.";
        assert_eq!(
            titles_units(person(&ms(t), "Teodor Basch"), t),
            [("chief executive".to_string(), None)]
        );
    }

    #[test]
    fn dashes_and_relative_clauses_open_an_apposition() {
        let t = "Ines Varga — the company's general manager for its mobility unit — said so.";
        assert_eq!(
            titles_units(person(&ms(t), "Ines Varga"), t),
            [(
                "general manager".to_string(),
                Some("its mobility unit".to_string())
            )]
        );
        let t =
            "Ines Varga, who joined Corvane to serve as general manager of city networks, said so.";
        assert_eq!(
            titles_units(person(&ms(t), "Ines Varga"), t),
            [(
                "general manager".to_string(),
                Some("city networks".to_string())
            )]
        );
        // The clause's verb must give the title: she met the minister, she is not one.
        let t = "Ines Varga, who met the prime minister on Friday, said so.";
        assert!(person(&ms(t), "Ines Varga").titles.is_empty());
    }

    #[test]
    fn an_organisations_part_after_of_is_no_name() {
        // "general manager of Pellwick's Fast Sensing Lab group": the title's last two
        // capitalised words are no person (as "Minister of Foreign Affairs Ana Ruiz" has).
        let t = "Teodor Basch, the general manager of Pellwick's Fast Sensing Lab group, said so.";
        let m = ms(t);
        let titled: Vec<String> = m
            .iter()
            .filter(|x| !x.titles.is_empty())
            .map(|x| x.name())
            .collect();
        assert_eq!(titled, ["Teodor Basch"]);
        assert_eq!(
            titles_units(person(&m, "Teodor Basch"), t),
            [(
                "general manager".to_string(),
                Some("Pellwick's Fast Sensing Lab group".to_string())
            )]
        );
    }

    #[test]
    fn an_apposition_after_name_of_place_describes_the_person() {
        let m =
            ms("Representative Ada Morrow of Lornhaven, the party leader, said talks would go on.");
        let a = person(&m, "Ada Morrow");
        let titles: Vec<&str> = a.titles.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["representative", "party leader"]);
        let place = m.iter().find(|x| x.name() == "Lornhaven").unwrap();
        assert_ne!(place.kind, MentionKind::Person);
        assert!(place.titles.is_empty());
    }

    #[test]
    fn an_opening_gerund_is_not_part_of_the_name() {
        let m = ms("Selecting Ada Morrow was the board's first decision.");
        assert!(m.iter().any(|x| x.name() == "Ada Morrow"), "{m:?}");
        assert!(
            m.iter().all(|x| !x.name().starts_with("Selecting")),
            "{m:?}"
        );
        // A name that ends in "-ing" without an ordinary verb in it stays whole.
        let m = ms("Fleming Odell said talks would go on.");
        assert!(m.iter().any(|x| x.name() == "Fleming Odell"), "{m:?}");
    }

    #[test]
    fn organisations_places_and_things() {
        let m =
            ms("Officials at the Ministry of Defence said Operation Tidewatch began in Porthaven.");
        assert_eq!(
            m.iter()
                .find(|x| x.name() == "Ministry of Defence")
                .unwrap()
                .kind,
            MentionKind::Org
        );
        assert_eq!(
            m.iter()
                .find(|x| x.name() == "Operation Tidewatch")
                .unwrap()
                .kind,
            MentionKind::Thing
        );
        assert_eq!(
            m.iter().find(|x| x.name() == "Porthaven").unwrap().kind,
            MentionKind::Place
        );
    }

    #[test]
    fn possessive_title_apposition_and_of_titles() {
        let m = ms("Veldra's foreign minister, Anneliese Korval, said so.");
        let k = person(&m, "Anneliese Korval");
        assert_eq!(k.titles[0].title, "foreign minister");
        assert_eq!(k.titles[0].jurisdiction.as_deref(), Some("Veldra"));
        let m = ms("He met Minister of Foreign Affairs Ana Ruiz on Monday.");
        assert_eq!(
            person(&m, "Ana Ruiz").titles[0].title,
            "minister of foreign affairs"
        );
        let m = ms("The Marenland-flagged cargo ship burned.");
        assert!(
            m.is_empty(),
            "{:?}",
            m.iter().map(|x| x.name()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn unknown_office_between_organisation_and_name() {
        let m = ms("On Friday, Ellery County Harbourmaster Dorian Whitcombe resigned.");
        let d = person(&m, "Dorian Whitcombe");
        assert_eq!(d.titles[0].jurisdiction.as_deref(), Some("Ellery County"));
        let m = ms("Assistant District Attorney Gavin Trelawny spoke.");
        assert_eq!(
            person(&m, "Gavin Trelawny").titles[0].title,
            "assistant district attorney"
        );
    }

    #[test]
    fn bare_titles_are_kept_for_resolution() {
        let t = "The Secretary expressed sorrow, the spokesperson said.";
        let sm = find_mentions(t, Span::new(0, t.len()));
        let ts: Vec<&str> = sm.bare_titles.iter().map(|b| b.title.as_str()).collect();
        assert_eq!(ts, vec!["secretary", "spokesperson"]);
    }
}
