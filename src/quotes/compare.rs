//! Normalising and comparing quotations: verbatim, excerpt, reworded, different.

use foldhash::HashMap;
use foldhash::{HashMapExt, HashSetExt};
use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{NUMBER_WORDS, SPELLING, STOPWORDS, SYNONYM_GROUPS};
use super::{QuoteComparison, QuoteRelation};

/// Minimum [`QuoteComparison::similarity`] for [`QuoteRelation::Reworded`]. See
/// [`compare`] for the calibration.
pub const REWORDED_THRESHOLD: f64 = 0.45;
/// Minimum shared content words for [`QuoteRelation::Reworded`].
pub const REWORDED_MIN_SHARED: usize = 3;

// Word boundaries are ASCII (`(?-u:\b)`): these run over every line of a bundle (its
// word weights), and a Unicode `\b` sends each line with a curly quote or a dash to the
// regex engine's slow path. They only differ next to a non-ASCII letter.
static DOTTED_ACRONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?:[A-Za-z]\.){2,}").expect("valid regex"));
static US: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:USA|US|United States(?: of America)?)(?-u:\b)").expect("valid regex")
});
static UK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?:UK|United Kingdom)(?-u:\b)").expect("valid regex"));
static PER_CENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)per\s+cent(?-u:\b)|%").expect("valid regex"));
static DIGIT_COMMA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9]),([0-9]{3})(?-u:\b)").expect("valid regex"));
/// The five rewrites above as one set: a line none of them matches skips them all.
static REWRITES: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSet::new([
        DOTTED_ACRONYM.as_str(),
        US.as_str(),
        UK.as_str(),
        PER_CENT.as_str(),
        DIGIT_COMMA.as_str(),
    ])
    .expect("valid regex set")
});
static ELLIPSIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[\s*(?:\.\s*){3,}\]|…|(?:\.\s*){3,}|\[\s*…\s*\]").expect("valid regex")
});

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Normalised tokens: case, punctuation, quotation marks, dashes, white space,
/// British/American spelling, "U.S."/"US"/"United States", "Mr."/"Mr", small numbers,
/// hyphenation ("de-escalate" = "deescalate"), apostrophes ("population's" =
/// "populations'"), thousands separators.
fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    raw_tokens(s, |t| out.push(canonical(t)));
    out
}

/// The lower-case tokens of `s` before [`canonical`], each passed to `f` (one buffer
/// reused: this runs over every line of a bundle for its word weights).
fn raw_tokens(s: &str, mut f: impl FnMut(&str)) {
    // One plain ASCII word (most calls, from `named_tokens`): none of the rewrites below
    // but "US"/"USA"/"UK" can apply, and it is one token.
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        match s {
            "US" | "USA" => f("usa"),
            "UK" => f("uk"),
            _ => crate::lexicon::with_lowercase(s, f),
        }
        return;
    }
    let s = if REWRITES.is_match(s) {
        let s = DOTTED_ACRONYM.replace_all(s, |c: &regex::Captures| c[0].replace('.', ""));
        let s = US.replace_all(&s, " usa ");
        let s = UK.replace_all(&s, " uk ");
        let s = PER_CENT.replace_all(&s, " percent ");
        DIGIT_COMMA.replace_all(&s, "$1$2").to_lowercase()
    } else {
        // One pass tells that none of the five rewrites applies (most lines).
        s.to_lowercase()
    };
    // join hyphenated words and drop apostrophes; everything else non-alphanumeric
    // separates tokens
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let prev_an = prev.is_some_and(char::is_alphanumeric);
        let next_an = chars.peek().is_some_and(|n| n.is_alphanumeric());
        // "we agreed-the bridge opens": a dash squeezed between words, not a compound, when a
        // function word stands on either side of it.
        let squeezed = || {
            let stop = &crate::lexicon::lexicons().stopwords;
            let next: String = chars.clone().take_while(|n| n.is_alphanumeric()).collect();
            stop.contains(cur.as_str()) || stop.contains(next.as_str())
        };
        if c.is_alphanumeric() {
            cur.push(c);
        } else if (is_hyphen(c) && prev_an && next_an && !squeezed())
            || (matches!(c, '\'' | '’' | 'ʼ' | '‘') && prev_an)
        {
            // joined
        } else if c == '.' && prev_an && next_an && prev.is_some_and(|p| p.is_ascii_digit()) {
            cur.push('.');
        } else if !cur.is_empty() {
            f(&cur);
            cur.clear();
        }
        prev = Some(c);
    }
    if !cur.is_empty() {
        f(&cur);
    }
}

/// Spelling and number canonical form of one lower-case token.
pub fn canonical(t: &str) -> String {
    if let Some(n) = NUMBER_WORDS.get(t) {
        return (*n).to_string();
    }
    if let Some(a) = SPELLING.get(t) {
        return (*a).to_string();
    }
    // -ise/-ize, -isation/-ization, -yse/-yze: applied to both sides, so over-applying
    // ("wise" -> "wize") is harmless.
    if t.chars().count() >= 6 {
        for (b, a) in [
            ("isations", "izations"),
            ("isation", "ization"),
            ("ising", "izing"),
            ("ised", "ized"),
            ("ises", "izes"),
            ("isers", "izers"),
            ("iser", "izer"),
            ("ise", "ize"),
            ("ysing", "yzing"),
            ("ysed", "yzed"),
            ("yses", "yzes"),
            ("yse", "yze"),
        ] {
            if let Some(stem) = t.strip_suffix(b) {
                return format!("{stem}{a}");
            }
        }
    }
    // -our/-or (colour, favourite, endeavoured); the stem before "our" must have three
    // letters so "our", "four", "hours", "yours" stay.
    if let Some(i) = t.find("our") {
        let (stem, rest) = (&t[..i], &t[i + 3..]);
        if stem.chars().count() >= 3
            && matches!(
                rest,
                "" | "s"
                    | "ed"
                    | "ing"
                    | "able"
                    | "ably"
                    | "ite"
                    | "ites"
                    | "er"
                    | "ers"
                    | "ful"
                    | "less"
                    | "ism"
                    | "ist"
            )
        {
            return format!("{stem}or{rest}");
        }
    }
    t.to_string()
}

/// Normalised form of a quotation: lower-case tokens joined by single spaces (see
/// [`compare`] for what is neutralised).
pub fn normalise(s: &str) -> String {
    tokens(s).join(" ")
}

/// Light stemming so inflections and derivations meet: "talks"/"talk",
/// "de-escalate"/"de-escalation"/"de-escalating", "emphasised"/"emphasized"/"emphasizes",
/// "strategies"/"strategy". Not a real stemmer: only ever compared with its own output.
fn stem(t: &str) -> String {
    if t.chars().count() <= 4 || !t.is_ascii() {
        return t.to_string();
    }
    const SUFFIXES: &[(&str, &str)] = &[
        ("izations", ""),
        ("ization", ""),
        ("ations", ""),
        ("ation", ""),
        ("ating", ""),
        ("ated", ""),
        ("ates", ""),
        ("ate", ""),
        ("itions", ""),
        ("ition", ""),
        ("ions", ""),
        ("ion", ""),
        ("ments", ""),
        ("ment", ""),
        ("ingly", ""),
        ("ings", ""),
        ("ing", ""),
        ("ied", "y"),
        ("ies", "y"),
        ("edly", ""),
        ("ed", ""),
        ("ers", ""),
        ("er", ""),
        ("es", ""),
        ("ly", ""),
        ("s", ""),
        ("e", ""),
    ];
    let mut w = t.to_string();
    for (suf, rep) in SUFFIXES {
        if let Some(s) = t.strip_suffix(suf)
            && s.len() >= 3
        {
            w = format!("{s}{rep}");
            break;
        }
    }
    // doubled final consonant ("stopp" -> "stop"), final e, -ize/-ise stems ("emphasiz")
    let b = w.as_bytes();
    if b.len() >= 4 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiousl".contains(&b[b.len() - 1]) {
        w.pop();
    }
    if w.len() > 4 && w.ends_with('e') {
        w.pop();
    }
    if w.len() > 5 && w.ends_with("iz") {
        w.truncate(w.len() - 2);
    }
    w
}

/// Stem -> the stem of its synonym group's first word.
static SYNONYMS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for group in SYNONYM_GROUPS.iter() {
        let Some(first) = group.first() else { continue };
        let head = stem(&canonical(first));
        for w in group {
            map.entry(stem(&canonical(w)))
                .or_insert_with(|| head.clone());
        }
    }
    map
});

/// A content word: its stem, and whether it was written as a name (capitalised inside
/// the sentence, or an acronym).
#[derive(Debug, Clone)]
struct Content {
    stem: String,
    named: bool,
}

/// Lower-case words of `s` that were written capitalised other than at a sentence start,
/// or in capitals (names, acronyms), normalised.
fn named_tokens(s: &str) -> foldhash::HashSet<String> {
    let mut out = foldhash::HashSet::new();
    let mut sentence_start = true;
    for raw in s.split_whitespace() {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let caps = w.chars().next().is_some_and(char::is_uppercase);
        let acronym = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !w.chars().any(char::is_lowercase);
        if (caps && !sentence_start) || acronym {
            for t in tokens(w) {
                out.insert(t);
            }
        }
        sentence_start = raw.ends_with(['.', '!', '?', ':', '"', '“']) || w.is_empty();
    }
    out
}

/// The content words of `s`, given its [`tokens`].
fn contents_of(s: &str, tokens: &[String]) -> Vec<Content> {
    let named = named_tokens(s);
    tokens
        .iter()
        .filter(|t| !STOPWORDS.contains(t.as_str()))
        .map(|t| Content {
            named: named.contains(t),
            stem: stem(t),
        })
        .collect()
}

/// The content words of a quotation: normalised tokens minus stop words, stemmed.
pub fn content_stems(s: &str) -> Vec<String> {
    // Not through `contents`: which words were written as names does not change a stem,
    // and finding them re-tokenises every capitalised word (the bundle's word weights
    // run this over every line of every article).
    tokens(s)
        .into_iter()
        .filter(|t| !STOPWORDS.contains(t.as_str()))
        .map(|t| stem(&t))
        .collect()
}

/// Word weights from a bundle: content words that occur in many of the bundle's passages
/// (the story's topic words: its people, places, the subject) weigh less when comparing
/// quotations (inverse document frequency). Build it from the articles' sentences or
/// paragraphs.
#[derive(Debug, Clone, Default)]
pub struct Background {
    df: HashMap<String, usize>,
    docs: usize,
}

impl Background {
    pub fn new<'a>(passages: impl IntoIterator<Item = &'a str>) -> Self {
        let mut bg = Background::default();
        // Raw token -> its content stem (None for a stop word): a text repeats its words,
        // so each is normalised and stemmed once.
        let mut stems: HashMap<String, Option<std::rc::Rc<str>>> = HashMap::new();
        let mut seen: Vec<std::rc::Rc<str>> = Vec::new();
        for p in passages {
            bg.docs += 1;
            seen.clear();
            raw_tokens(p, |t| {
                let s = match stems.get(t) {
                    Some(s) => s.clone(),
                    None => {
                        let c = canonical(t);
                        let s = (!STOPWORDS.contains(c.as_str())).then(|| stem(&c).into());
                        stems.insert(t.to_string(), s.clone());
                        s
                    }
                };
                seen.extend(s);
            });
            seen.sort();
            seen.dedup();
            for s in &seen {
                match bg.df.get_mut(&**s) {
                    Some(n) => *n += 1,
                    None => {
                        bg.df.insert(s.to_string(), 1);
                    }
                }
            }
        }
        bg
    }

    /// [`Background::new`] over the lines of `texts` (texts analysed in parallel; the counts
    /// are sums, so the result does not depend on the thread count), counting only the stems
    /// of `prepared` quotations: the weights of those stems are the same, and comparing the
    /// prepared quotations never asks for another.
    pub fn for_quotations(texts: &[&str], prepared: &[Prepared]) -> Self {
        let mut table = StemTable::default();
        for p in prepared {
            table.number(p);
        }
        let (lines, df) = table.line_counts(texts);
        Background {
            docs: lines,
            df: table
                .strings
                .text
                .iter()
                .zip(df)
                .filter(|(_, n)| *n > 0)
                .map(|(s, n)| (s.to_string(), n))
                .collect(),
        }
    }

    /// Weight of a content stem: 1 for a word in no passage, falling towards 0.25 for a
    /// word in every passage.
    fn weight(&self, stem: &str) -> f64 {
        if self.docs == 0 {
            return 1.0;
        }
        idf_weight(self.df.get(stem).copied().unwrap_or(0), self.docs)
    }
}

/// The weight of a stem found in `df` of `docs` passages (`docs` > 0): see
/// [`Background::weight`].
fn idf_weight(df: usize, docs: usize) -> f64 {
    let (df, n) = (df as f64, docs as f64);
    let idf = ((n + 1.0) / (df + 1.0)).ln() / (n + 1.0).ln();
    0.25 + 0.75 * idf.clamp(0.0, 1.0)
}

/// The content stems of some quotations numbered (a symbol table: `u32` ids), with what
/// comparing two stems needs computed once per distinct stem, not once per comparison
/// ([`StemMeta`]). The synonym heads share the stems' numbering, so ids are equal exactly
/// when the strings are.
#[derive(Debug, Default)]
struct StemTable {
    strings: Interner,
    meta: Vec<StemMeta>,
}

/// What [`StemTable::matches`] reads of a stem, in one record (one cache line for the
/// checks that reject most pairs).
#[derive(Debug, Clone, Copy)]
struct StemMeta {
    /// The id of its synonym group's head, or its own.
    synonym: u32,
    chars: u32,
    /// The first five bytes and a marker, or 0 for a stem shorter than that: two stems
    /// can share a prefix of five characters only when their keys are equal and not 0.
    prefix: u64,
    /// Its first and last characters: two words of three or more characters one edit
    /// apart share one or the other.
    first: char,
    last: char,
}

impl StemTable {
    fn id(&mut self, text: &str) -> u32 {
        let known = self.strings.text.len();
        let id = self.strings.id(text);
        if (id as usize) < known {
            return id;
        }
        let b = text.as_bytes();
        self.meta.push(StemMeta {
            synonym: id,
            chars: text.chars().count() as u32,
            prefix: if b.len() >= 5 {
                1 << 63 | b[..5].iter().fold(0u64, |k, &x| k << 8 | u64::from(x))
            } else {
                0
            },
            first: text.chars().next().unwrap_or('\0'),
            last: text.chars().next_back().unwrap_or('\0'),
        });
        if let Some(head) = SYNONYMS.get(text)
            && head != text
        {
            let h = self.id(head);
            self.meta[id as usize].synonym = h;
        }
        id
    }

    /// The ids of a quotation's content stems, in its order.
    fn number(&mut self, p: &Prepared) -> Vec<u32> {
        p.contents.iter().map(|c| self.id(&c.stem)).collect()
    }

    /// Do two stems denote the same word? Equal, or sharing a long prefix
    /// ("communic"/"communicat"), or nearly equal long words (a typo).
    fn matches(&self, a: u32, b: u32) -> bool {
        let (a, b) = (a as usize, b as usize);
        let (x, y) = (&self.meta[a], &self.meta[b]);
        if a == b || x.synonym == y.synonym {
            return true;
        }
        let (la, lb) = (x.chars as usize, y.chars as usize);
        if x.prefix != 0 && x.prefix == y.prefix {
            let common = self.strings.text[a]
                .chars()
                .zip(self.strings.text[b].chars())
                .take_while(|(x, y)| x == y)
                .count();
            if common >= 5 && common * 10 >= la.max(lb) * 8 {
                return true;
            }
        }
        // One edit changes the length by at most one, and leaves the first or the last
        // letter: skip the distance otherwise.
        la.min(lb) >= 7
            && la.abs_diff(lb) <= 1
            && (x.first == y.first || x.last == y.last)
            && crate::compare::edit::within_one_edit(&self.strings.text[a], &self.strings.text[b])
    }

    /// Marks in `bits` what stem `id` can be matched by: its synonym group, its prefix
    /// key, and for a long stem its first and last letters with its length.
    fn mark(&self, id: u32, bits: &mut MatchBits) {
        let m = &self.meta[id as usize];
        bits.set(KEY_SYNONYM, u64::from(m.synonym));
        if m.prefix != 0 {
            bits.set(KEY_PREFIX, m.prefix);
        }
        if m.chars >= 7 {
            bits.set(KEY_FIRST, u64::from(m.first) << 32 | u64::from(m.chars));
            bits.set(KEY_LAST, u64::from(m.last) << 32 | u64::from(m.chars));
        }
    }

    /// May stem `id` match a stem marked in `bits`? Never false when one of them
    /// [`StemTable::matches`] it (each way `matches` accepts a pair shares a key).
    fn may_match(&self, id: u32, bits: &MatchBits) -> bool {
        let m = &self.meta[id as usize];
        bits.has(KEY_SYNONYM, u64::from(m.synonym))
            || m.prefix != 0 && bits.has(KEY_PREFIX, m.prefix)
            || m.chars >= 7
                && (m.chars - 1..=m.chars + 1).any(|l| {
                    bits.has(KEY_FIRST, u64::from(m.first) << 32 | u64::from(l))
                        || bits.has(KEY_LAST, u64::from(m.last) << 32 | u64::from(l))
                })
    }

    /// How many of `texts`' lines hold each stem (each line's distinct stems counted in an
    /// array, not strings hashed into a map: this runs over every line of the bundle), and
    /// the number of lines.
    fn line_counts(&self, texts: &[&str]) -> (usize, Vec<usize>) {
        use rayon::prelude::*;
        struct Counts {
            lines: usize,
            df: Vec<usize>,
            /// Raw token -> its stem's number (None: a stop word, or no quotation's stem).
            cache: HashMap<String, Option<u32>>,
        }
        let n = self.strings.text.len();
        let new_counts = || Counts {
            lines: 0,
            df: vec![0; n],
            cache: HashMap::new(),
        };
        texts
            .par_iter()
            .fold(new_counts, |mut acc, text| {
                let mut seen: Vec<u32> = Vec::new();
                for line in text.lines() {
                    acc.lines += 1;
                    seen.clear();
                    let cache = &mut acc.cache;
                    raw_tokens(line, |t| {
                        let id = match cache.get(t) {
                            Some(id) => *id,
                            None => {
                                let c = canonical(t);
                                let id = if STOPWORDS.contains(c.as_str()) {
                                    None
                                } else {
                                    self.strings.ids.get(stem(&c).as_str()).copied()
                                };
                                cache.insert(t.to_string(), id);
                                id
                            }
                        };
                        seen.extend(id);
                    });
                    seen.sort_unstable();
                    seen.dedup();
                    for &id in &seen {
                        acc.df[id as usize] += 1;
                    }
                }
                acc
            })
            .map(|c| (c.lines, c.df))
            .reduce(
                || (0, vec![0; n]),
                |(la, mut da), (lb, db)| {
                    for (x, y) in da.iter_mut().zip(db) {
                        *x += y;
                    }
                    (la + lb, da)
                },
            )
    }
}

/// A quotation's stems as a 512-bit Bloom filter of what they can be matched by
/// ([`StemTable::mark`]): testing a stem of another quotation against it costs a few bit
/// tests, not a scan of the quotation's stems.
#[derive(Debug, Default, Clone)]
struct MatchBits([u64; 8]);

const KEY_SYNONYM: u64 = 1;
const KEY_PREFIX: u64 = 2;
const KEY_FIRST: u64 = 3;
const KEY_LAST: u64 = 4;

impl MatchBits {
    fn bit(kind: u64, v: u64) -> usize {
        let h = (v ^ kind.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        (h >> 55) as usize
    }

    fn set(&mut self, kind: u64, v: u64) {
        let b = Self::bit(kind, v);
        self.0[b / 64] |= 1 << (b % 64);
    }

    fn has(&self, kind: u64, v: u64) -> bool {
        let b = Self::bit(kind, v);
        self.0[b / 64] & 1 << (b % 64) != 0
    }
}

/// Normalised tokens numbered: equal ids are equal tokens, and each id's text is kept.
#[derive(Debug, Default)]
struct Interner {
    ids: HashMap<Box<str>, u32>,
    text: Vec<Box<str>>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.text.len() as u32;
        self.ids.insert(s.into(), id);
        self.text.push(s.into());
        id
    }

    fn text(&self, id: u32) -> &str {
        &self.text[id as usize]
    }

    fn ids(&mut self, tokens: &[String]) -> Vec<u32> {
        tokens.iter().map(|t| self.id(t)).collect()
    }
}

/// The symbol tables quotations are numbered in: their normalised tokens and their
/// content stems.
#[derive(Debug, Default)]
struct Tables {
    words: Interner,
    stems: StemTable,
}

/// A [`Prepared`] quotation numbered in [`Tables`]: what comparing it reads, as
/// integers (a fraction of the memory of the strings, and compared without `memcmp`).
#[derive(Debug)]
struct Numbered {
    tokens: Vec<u32>,
    pieces: Vec<Vec<u32>>,
    /// Hashes of every run of [`OVERLAP_MIN_TOKENS`] tokens, sorted: two quotations
    /// without a common hash share no such run, so neither two cuts of one statement
    /// nor one statement ([`same_statement`] needs a run of six), and their token
    /// alignments are skipped (most pairs of one speaker's quotations).
    runs: Vec<u64>,
    /// The content words' stems, and whether each was written as a name.
    stems: Vec<u32>,
    named: Vec<bool>,
    /// What its stems can be matched by ([`similarity_bound`]).
    bits: MatchBits,
}

impl Tables {
    fn number(&mut self, p: &Prepared) -> Numbered {
        let tokens = self.words.ids(&p.tokens);
        let stems = self.stems.number(p);
        let mut bits = MatchBits::default();
        for &s in &stems {
            self.stems.mark(s, &mut bits);
        }
        Numbered {
            runs: run_hashes(&tokens),
            pieces: p.pieces.iter().map(|x| self.words.ids(x)).collect(),
            tokens,
            stems,
            named: p.contents.iter().map(|c| c.named).collect(),
            bits,
        }
    }
}

/// Greedy one-to-one matching of content stems: (index in a, index in b), in a's order.
fn match_stems(a: &[u32], b: &[u32], table: &StemTable) -> Vec<(usize, usize)> {
    let mut used = vec![false; b.len()];
    let mut matched = vec![false; a.len()];
    let mut pairs = Vec::new();
    // exact matches first, then fuzzy ones
    for exact in [true, false] {
        for (i, &x) in a.iter().enumerate() {
            if matched[i] {
                continue;
            }
            let found = b
                .iter()
                .enumerate()
                .position(|(j, &y)| !used[j] && if exact { x == y } else { table.matches(x, y) });
            if let Some(j) = found {
                used[j] = true;
                matched[i] = true;
                pairs.push((i, j));
            }
        }
    }
    pairs.sort();
    pairs
}

/// Is `needle` a contiguous run of `hay`?
fn contains_run<T: PartialEq>(hay: &[T], needle: &[T]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// The token runs of a quotation between its ellipses.
fn excerpt_pieces(raw: &str) -> Vec<Vec<String>> {
    ELLIPSIS
        .split(raw)
        .map(tokens)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Is `short` (possibly with ellipses) an excerpt of `long`: every piece between
/// ellipses occurs contiguously in `long`, in order?
fn is_excerpt<T: PartialEq>(pieces: &[Vec<T>], long: &[T]) -> bool {
    if pieces.is_empty() {
        return false;
    }
    let mut from = 0;
    for p in pieces {
        if p.len() > long.len().saturating_sub(from) {
            return false;
        }
        match long[from..]
            .windows(p.len())
            .position(|w| w == p.as_slice())
        {
            Some(k) => from += k + p.len(),
            None => return false,
        }
    }
    true
}

/// Compare two quotations (see [`compare_with_background`]; here every content word
/// weighs the same).
pub fn compare(a: &str, b: &str) -> QuoteComparison {
    compare_with_background(a, b, None)
}

/// Compare two quotations attributed to the same speaker.
///
/// * **Verbatim**: equal after [`normalise`] (case, punctuation, quotation marks, dashes,
///   white space, British/American spelling, "U.S."/"US", "Mr."/"Mr", "two"/"2",
///   "de-escalate"/"deescalate").
/// * **Excerpt**: one normalised token sequence is a contiguous run of the other, or the
///   shorter one's pieces around "..."/"…" each occur in order.
/// * Otherwise the **similarity** (0..1) of their content words (stop words removed, lightly
///   stemmed, matched one to one, near-equal long words matching):
///   `similarity = dice × (0.7 + 0.3 × order)`, where `dice` is the weighted Dice overlap
///   `2·Σw(shared) / (Σw(a) + Σw(b))` and `order` the share of matched words that keep
///   their relative order (longest common subsequence, via `similar`). Words match when
///   their stems are equal, share a long prefix, differ by one edit (long words), or fall
///   in one group of `rules/lexicon/synonyms.txt` ("halt"/"stop", "talks"/"negotiations").
///   Names and acronyms weigh 0.5 (they are the story's topic); with a [`Background`],
///   words frequent across the bundle weigh less again (down to 0.25×).
/// * **Reworded** when `similarity >= REWORDED_THRESHOLD` (0.45) and at least
///   `REWORDED_MIN_SHARED` (3) content words are shared (or, when the shorter quotation
///   has only two, both); else **Different**.
///
/// Calibration, no background: the unit tests' paraphrase pairs score 0.59-0.92 (a long
/// paraphrase swapping half its words for synonyms scores 0.80); their different
/// statements by one speaker on the same subject, sharing only topic words, score
/// 0.20-0.39 (the highest: two short sentences sharing two country names and one subject
/// word). On the public sample bundles' reworded quotations (checked outside the
/// repository) paraphrases scored 0.52-0.89 and unrelated same-speaker statements
/// 0.00-0.17. The threshold 0.45 sits in these gaps; a caller wanting fewer false alarms
/// can require 0.55 (loses loose paraphrases) or pass a [`Background`] built from the
/// bundle's sentences, which pushes topic-only overlaps down further.
pub fn compare_with_background(a: &str, b: &str, bg: Option<&Background>) -> QuoteComparison {
    compare_prepared(&Prepared::new(a), &Prepared::new(b), bg)
}

/// A quotation analysed once for many comparisons: its tokens, content words and, for
/// excerpts, the tokens of its pieces around ellipses.
#[derive(Debug, Clone)]
pub struct Prepared {
    tokens: Vec<String>,
    contents: Vec<Content>,
    pieces: Vec<Vec<String>>,
}

/// Hashes of `tokens`' runs of [`OVERLAP_MIN_TOKENS`], sorted and deduplicated.
fn run_hashes<T: std::hash::Hash>(tokens: &[T]) -> Vec<u64> {
    use std::hash::BuildHasher;
    let state = foldhash::fast::FixedState::with_seed(0x7275_6e73);
    let mut v: Vec<u64> = tokens
        .windows(OVERLAP_MIN_TOKENS)
        .map(|w| state.hash_one(w))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// May `a` and `b` share a run of [`OVERLAP_MIN_TOKENS`] tokens (a common run hash)?
fn may_share_run(a: &Numbered, b: &Numbered) -> bool {
    let (x, y) = (&a.runs, &b.runs);
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

impl Prepared {
    pub fn new(s: &str) -> Self {
        let s = &*without_insertions(s);
        let tokens = tokens(s);
        let contents = contents_of(s, &tokens);
        // Without an ellipsis the one piece would be the whole quotation, which
        // `compare_prepared` already looks for as a contiguous run: no pieces kept.
        let pieces = if ELLIPSIS.is_match(s) {
            excerpt_pieces(s)
        } else {
            Vec::new()
        };
        Prepared {
            tokens,
            contents,
            pieces,
        }
    }
}

/// A quotation without the editor's insertions: "[the ministry]" or a short "(local)" is
/// the outlet's gloss, not the speaker's words, so it never makes a quotation reworded.
fn without_insertions(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['[', '(']) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['[', '(']) {
        let close = if rest.as_bytes()[i] == b'[' { ']' } else { ')' };
        match rest[i + 1..].find(close) {
            // Square brackets are always the editor's; parentheses only when short.
            Some(j) if close == ']' || rest[i + 1..i + 1 + j].split_whitespace().count() <= 4 => {
                out.push_str(&rest[..i]);
                out.push(' ');
                rest = &rest[i + 2 + j..];
            }
            _ => {
                out.push_str(&rest[..=i]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Two cuts of one statement: the longest run of tokens they share covers, in each, all
/// but what only one of them quotes before it and what only one quotes after it ("Number
/// one, you said A B C" and "you said A B C and D"). At least this many tokens must be
/// shared for that to count.
const OVERLAP_MIN_TOKENS: usize = 6;

fn overlapping_cuts<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    // Quotations are short; a longer pair is left to the similarity score.
    if a.len().min(b.len()) < OVERLAP_MIN_TOKENS || a.len() * b.len() > 250_000 {
        return false;
    }
    // Longest common run (dynamic programming over one row).
    let mut row = vec![0usize; b.len() + 1];
    let (mut best, mut end_a, mut end_b) = (0, 0, 0);
    for (i, x) in a.iter().enumerate() {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { 0 };
            if row[j + 1] > best {
                (best, end_a, end_b) = (row[j + 1], i + 1, j + 1);
            }
            diag = up;
        }
    }
    let (start_a, start_b) = (end_a - best, end_b - best);
    let before_both = start_a > 0 && start_b > 0;
    let after_both = end_a < a.len() && end_b < b.len();
    best >= OVERLAP_MIN_TOKENS && !before_both && !after_both
}

/// [`compare_with_background`] on quotations prepared once.
pub fn compare_prepared(a: &Prepared, b: &Prepared, bg: Option<&Background>) -> QuoteComparison {
    let mut t = Tables::default();
    let (na, nb) = (t.number(a), t.number(b));
    let weights: Vec<f64> = t
        .stems
        .strings
        .text
        .iter()
        .map(|s| bg.map_or(1.0, |bg| bg.weight(s)))
        .collect();
    compare_numbered(&na, &nb, &t, &weights, 0.0)
}

/// A bundle's quotations prepared once for many comparisons and numbered in one set of
/// [`Tables`] (their tokens and content stems as `u32` ids), with each stem's weight in
/// the bundle's background computed once: a comparison matches integers and reads weights
/// from a vector (no string compared or hashed, no logarithm taken, per pair of words).
#[derive(Debug)]
pub struct Quotations {
    numbered: Vec<Numbered>,
    tables: Tables,
    /// Per stem id: its weight in the background of the bundle's lines, and 1 (none).
    weights: Vec<f64>,
    ones: Vec<f64>,
}

impl Quotations {
    /// `quotes` prepared (in parallel), weighed against the lines of `texts` as
    /// [`Background::for_quotations`] does.
    pub fn new(quotes: &[&str], texts: &[&str]) -> Self {
        use rayon::prelude::*;
        let mut tables = Tables::default();
        // Prepared in parallel a chunk at a time and numbered in order (the ids do not
        // depend on the thread count); a chunk's strings go before the next is prepared.
        let mut numbered: Vec<Numbered> = Vec::with_capacity(quotes.len());
        for chunk in quotes.chunks(4096) {
            let prepared: Vec<Prepared> = chunk.par_iter().map(|w| Prepared::new(w)).collect();
            numbered.extend(prepared.iter().map(|p| tables.number(p)));
        }
        let (lines, df) = tables.stems.line_counts(texts);
        let weights = df
            .into_iter()
            .map(|n| {
                if lines == 0 {
                    1.0
                } else {
                    idf_weight(n, lines)
                }
            })
            .collect();
        Quotations {
            ones: vec![1.0; tables.stems.strings.text.len()],
            numbered,
            tables,
            weights,
        }
    }

    /// [`compare_prepared`] of quotations `a` and `b`, with the bundle's background
    /// (`weighed`) or without.
    pub fn compare(&self, a: usize, b: usize, weighed: bool) -> QuoteComparison {
        self.compare_over(a, b, weighed, 0.0)
    }

    /// [`Quotations::compare`], except that a pair whose similarity cannot reach `floor`
    /// (a cheap upper bound, [`similarity_bound`], says so) and that is neither verbatim,
    /// an excerpt nor a typo is `Different` with similarity and shared words 0, not
    /// computed: for callers that read a `Different` pair's similarity only against
    /// similarities at or above `floor`.
    pub fn compare_over(&self, a: usize, b: usize, weighed: bool, floor: f64) -> QuoteComparison {
        let weights = if weighed { &self.weights } else { &self.ones };
        compare_numbered(
            &self.numbered[a],
            &self.numbered[b],
            &self.tables,
            weights,
            floor,
        )
    }

    /// [`same_statement`] of quotations `a` and `b`.
    pub fn same_statement(&self, a: usize, b: usize) -> Statement {
        same_statement_numbered(&self.numbered[a], &self.numbered[b], &self.tables.words)
    }
}

/// [`compare_prepared`] of quotations numbered in `t`, their stems weighed by `weights`
/// (per id); below `floor` (0: never) see [`Quotations::compare_over`].
fn compare_numbered(
    a: &Numbered,
    b: &Numbered,
    t: &Tables,
    weights: &[f64],
    floor: f64,
) -> QuoteComparison {
    let (ta, tb) = (&a.tokens, &b.tokens);
    let same = |relation: QuoteRelation| QuoteComparison {
        relation,
        similarity: 1.0,
        shared_content_words: match_stems(&a.stems, &b.stems, &t.stems).len(),
    };
    if ta.is_empty() || tb.is_empty() {
        return QuoteComparison {
            relation: QuoteRelation::Different,
            similarity: 0.0,
            shared_content_words: 0,
        };
    }
    if ta == tb {
        return same(QuoteRelation::Verbatim);
    }
    let excerpt = if ta.len() <= tb.len() {
        contains_run(tb, ta) || is_excerpt(&a.pieces, tb)
    } else {
        contains_run(ta, tb) || is_excerpt(&b.pieces, ta)
    } || may_share_run(a, b) && overlapping_cuts(ta, tb);
    if excerpt {
        return same(QuoteRelation::Excerpt);
    }
    if same_statement_numbered(a, b, &t.words) == Statement::Typo {
        return same(QuoteRelation::Typo);
    }
    // The bound and the similarity sum the same weights in other orders: a margin far
    // above their rounding keeps every pair that might reach the floor.
    if floor > 0.0 && similarity_bound(a, b, t, weights) + 1e-9 < floor {
        return QuoteComparison {
            relation: QuoteRelation::Different,
            similarity: 0.0,
            shared_content_words: 0,
        };
    }
    let pairs = match_stems(&a.stems, &b.stems, &t.stems);
    let shared = pairs.len();
    let similarity = similarity((&a.named, &a.stems), (&b.named, &b.stems), &pairs, weights);
    // A short quotation ("We are not closing our stores") has few content
    // words: all of them, if at least two, may stand for the three a longer one needs.
    let need = REWORDED_MIN_SHARED
        .min(a.stems.len().min(b.stems.len()))
        .max(2);
    let relation = if similarity >= REWORDED_THRESHOLD && shared >= need {
        QuoteRelation::Reworded
    } else {
        QuoteRelation::Different
    };
    QuoteComparison {
        relation,
        similarity,
        shared_content_words: shared,
    }
}

/// An upper bound of [`similarity`]: the order factor is at most 1, and the matched
/// stems' weight at most that of the stems of each side that may match one of the
/// other's ([`StemTable::may_match`]), over both sides' total weight.
fn similarity_bound(a: &Numbered, b: &Numbered, t: &Tables, weights: &[f64]) -> f64 {
    let w = |named: bool, id: u32| weights[id as usize] * if named { NAMED_WEIGHT } else { 1.0 };
    let side = |x: &Numbered, other: &MatchBits| -> (f64, f64) {
        let (mut all, mut may) = (0.0, 0.0);
        for (&id, &named) in x.stems.iter().zip(&x.named) {
            let v = w(named, id);
            all += v;
            if t.stems.may_match(id, other) {
                may += v;
            }
        }
        (all, may)
    };
    let ((all_a, may_a), (all_b, may_b)) = (side(a, &b.bits), side(b, &a.bits));
    let total = all_a + all_b;
    if total <= 0.0 {
        return 0.0;
    }
    ((may_a + may_b) / total).min(1.0)
}

/// How two quotations that may be one statement relate, by their tokens alone (no
/// speaker): see [`same_statement`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Statement {
    /// Not clearly one statement (different wording throughout, or a shared phrase only).
    Unrelated,
    /// One statement, the same words (verbatim, excerpt, or two cuts of it).
    Same,
    /// One statement with one-letter slips only ("goverment"): a typo, not a rewording.
    Typo,
    /// One statement with words changed inside it: each change as (words in the first
    /// quotation, words in the second), normalised.
    Reworded(Vec<(String, String)>),
}

/// Fewest tokens the shorter quotation must have for [`same_statement`].
const SAME_MIN_TOKENS: usize = 10;
/// A run of shared tokens at least this long anchors an alignment.
const ANCHOR_TOKENS: usize = 3;

/// How many words of an edge region (before the first anchor, after the last) make a
/// change: all of both sides when both are short, else as many as the shorter side has.
fn edge_width(a: usize, b: usize) -> usize {
    if a.max(b) <= 3 { a.max(b) } else { a.min(b) }
}

/// Are two quotations clearly one statement, and if so, do their words differ?
///
/// The normalised tokens (see [`normalise`]: punctuation, spacing, spelling, brackets are
/// already gone) are aligned (Myers diff). Runs of at least three shared tokens anchor the
/// alignment; what lies before the first anchor or after the last is a cut (one outlet
/// quotes more) unless both quotations end there within a few tokens, and what lies between
/// anchors is a change (words only one side has are an elision when marked by an ellipsis
/// or longer than three words). One statement: the shorter quotation has at least
/// [`SAME_MIN_TOKENS`] tokens, a shared run of six, at least [`SAME_MIN_TOKENS`] shared
/// tokens covering 70% of it (the rest: an outlet's own lead-in or the cut's ends), and
/// at most three changes of at most three tokens a side. A change whose words joined
/// are equal ("can not"/"cannot") is none; changes that are each one long word with one
/// letter different are a [`Statement::Typo`]. Different statements that share a stock
/// phrase, and one statement translated two ways, fail the coverage.
pub fn same_statement(a: &Prepared, b: &Prepared) -> Statement {
    let mut t = Tables::default();
    let (na, nb) = (t.number(a), t.number(b));
    same_statement_numbered(&na, &nb, &t.words)
}

/// [`same_statement`] of quotations whose tokens `words` numbered.
fn same_statement_numbered(a: &Numbered, b: &Numbered, words: &Interner) -> Statement {
    let (ta, tb) = (&a.tokens, &b.tokens);
    let short = ta.len().min(tb.len());
    if short < SAME_MIN_TOKENS || ta.len() * tb.len() > 250_000 {
        return Statement::Unrelated;
    }
    if ta == tb {
        return Statement::Same;
    }
    // One statement needs a shared run of six (`longest` below).
    if !may_share_run(a, b) {
        return Statement::Unrelated;
    }
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, ta, tb);
    // Anchors: (a start, b start, len).
    let anchors: Vec<(usize, usize, usize)> = ops
        .iter()
        .filter_map(|op| match *op {
            similar::DiffOp::Equal {
                old_index,
                new_index,
                len,
            } if len >= ANCHOR_TOKENS => Some((old_index, new_index, len)),
            _ => None,
        })
        .collect();
    let (Some(first), Some(last)) = (anchors.first(), anchors.last()) else {
        return Statement::Unrelated;
    };
    let longest = anchors.iter().map(|x| x.2).max().unwrap_or(0);
    let mut changes: Vec<(&[u32], &[u32])> = Vec::new();
    for w in anchors.windows(2) {
        let (x, y) = (w[0], w[1]);
        changes.push((&ta[x.0 + x.2..y.0], &tb[x.1 + x.2..y.1]));
    }
    // Before the first anchor and after the last: a change only when one side is short
    // and the other has words there (the quotation starts or ends on a changed word).
    let (pa, pb) = (&ta[..first.0], &tb[..first.1]);
    let mut shared = anchors.iter().map(|x| x.2).sum::<usize>();
    if !pa.is_empty() && !pb.is_empty() && pa.len().min(pb.len()) <= 2 {
        // Both short: all of each; else the longer side's last words, as many as the other's.
        let n = edge_width(pa.len(), pb.len());
        changes.insert(
            0,
            (
                &pa[pa.len() - n.min(pa.len())..],
                &pb[pb.len() - n.min(pb.len())..],
            ),
        );
    }
    let (sa, sb) = (&ta[last.0 + last.2..], &tb[last.1 + last.2..]);
    if !sa.is_empty() && !sb.is_empty() && sa.len().min(sb.len()) <= 2 {
        let n = edge_width(sa.len(), sb.len());
        changes.push((&sa[..n.min(sa.len())], &sb[..n.min(sb.len())]));
    }
    // Each change without the words its sides share at either end.
    let mut kept: Vec<(&[u32], &[u32])> = Vec::new();
    for (mut x, mut y) in changes {
        while let (Some(p), Some(q)) = (x.first(), y.first())
            && p == q
        {
            (x, y) = (&x[1..], &y[1..]);
            shared += 1;
        }
        while let (Some(p), Some(q)) = (x.last(), y.last())
            && p == q
        {
            (x, y) = (&x[..x.len() - 1], &y[..y.len() - 1]);
            shared += 1;
        }
        let concat = |x: &[u32]| x.iter().map(|&w| words.text(w)).collect::<String>();
        if concat(x) == concat(y) {
            shared += x.len().min(y.len());
            continue;
        }
        // Words only one side has: elided (marked by an ellipsis, or a long stretch left
        // out), unless a few unmarked words ("not") change what is said.
        if (x.is_empty() || y.is_empty())
            && (!a.pieces.is_empty() || !b.pieces.is_empty() || x.len().max(y.len()) > 3)
        {
            continue;
        }
        kept.push((x, y));
    }
    if longest < OVERLAP_MIN_TOKENS || shared < SAME_MIN_TOKENS || shared * 10 < short * 7 {
        return Statement::Unrelated;
    }
    if kept.is_empty() {
        return Statement::Same;
    }
    if kept.len() > 3 || kept.iter().any(|(x, y)| x.len() > 3 || y.len() > 3) {
        return Statement::Unrelated;
    }
    let typo = |x: &[u32], y: &[u32]| {
        let ([x], [y]) = (x, y) else { return false };
        let (x, y) = (words.text(*x), words.text(*y));
        x.chars().count().min(y.chars().count()) >= 5
            && !x.chars().any(|c| c.is_ascii_digit())
            && !y.chars().any(|c| c.is_ascii_digit())
            && crate::compare::edit::within_one_edit(x, y)
    };
    if kept.iter().all(|(x, y)| typo(x, y)) {
        return Statement::Typo;
    }
    Statement::Reworded(
        kept.into_iter()
            .map(|(x, y)| {
                let join = |x: &[u32]| {
                    x.iter()
                        .map(|&w| words.text(w))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                (join(x), join(y))
            })
            .collect(),
    )
}

/// Weight of a name relative to a common word: names and acronyms are the story's topic
/// (who and where), shared by unrelated statements about it.
const NAMED_WEIGHT: f64 = 0.5;

fn similarity(
    (ca, ia): (&[bool], &[u32]),
    (cb, ib): (&[bool], &[u32]),
    pairs: &[(usize, usize)],
    weights: &[f64],
) -> f64 {
    let w = |named: &bool, id: u32| weights[id as usize] * if *named { NAMED_WEIGHT } else { 1.0 };
    let sum =
        |cs: &[bool], ids: &[u32]| -> f64 { cs.iter().zip(ids).map(|(c, &id)| w(c, id)).sum() };
    let total: f64 = sum(ca, ia) + sum(cb, ib);
    if total <= 0.0 || pairs.is_empty() {
        return 0.0;
    }
    let shared: f64 = pairs
        .iter()
        .map(|&(i, j)| w(&ca[i], ia[i]) + w(&cb[j], ib[j]))
        .sum();
    let dice = shared / total;
    // order: longest common subsequence of the matched words' positions
    let seq_a: Vec<usize> = (0..pairs.len()).collect();
    let mut by_b: Vec<(usize, usize)> = pairs
        .iter()
        .enumerate()
        .map(|(k, &(_, j))| (j, k))
        .collect();
    by_b.sort();
    let seq_b: Vec<usize> = by_b.into_iter().map(|(_, k)| k).collect();
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &seq_a, &seq_b);
    let kept: usize = ops
        .iter()
        .filter_map(|op| match op {
            similar::DiffOp::Equal { len, .. } => Some(*len),
            _ => None,
        })
        .sum();
    let order = kept as f64 / pairs.len() as f64;
    (dice * (0.7 + 0.3 * order)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn prepared(words: &[u8]) -> Prepared {
        let text: Vec<String> = words.iter().map(|w| format!("w{w}")).collect();
        Prepared::new(&text.join(" "))
    }

    proptest! {
        /// No common run hash means no common run of six tokens (the alignments
        /// skipped on it would have found none).
        #[test]
        fn run_hashes_miss_no_shared_run(
            a in prop::collection::vec(0u8..3, 0..20),
            b in prop::collection::vec(0u8..3, 0..20),
        ) {
            let (pa, pb) = (prepared(&a), prepared(&b));
            let shared = pa.tokens.windows(OVERLAP_MIN_TOKENS)
                .any(|w| pb.tokens.windows(OVERLAP_MIN_TOKENS).any(|v| v == w));
            let mut t = Tables::default();
            let (na, nb) = (t.number(&pa), t.number(&pb));
            prop_assert_eq!(may_share_run(&na, &nb), shared);
        }
    }

    fn relation(a: &str, b: &str) -> QuoteRelation {
        compare_with_background(a, b, None).relation
    }

    #[test]
    fn two_cuts_of_one_statement_are_excerpts() {
        let long = "Number one, you said the harbour board knows everything that is going on in every port";
        let other = "You said the harbour board knows everything that is going on in every port. Then you said the opposite";
        assert_eq!(relation(long, other), QuoteRelation::Excerpt);
        // A word changed inside the shared stretch is still a rewording.
        let changed = "You said the harbour board knows nothing that is going on in every port. Then you said the opposite";
        assert_ne!(relation(long, changed), QuoteRelation::Excerpt);
        // Different words on both sides of a shared stretch: not two cuts of one statement.
        assert_ne!(
            relation(
                "We will rebuild the harbour board knows everything that is going on quickly",
                "They say the harbour board knows everything that is going on slowly"
            ),
            QuoteRelation::Excerpt
        );
    }

    #[test]
    fn editorial_insertions_never_reword() {
        assert_eq!(
            relation(
                "now these (local) supervisors have far too much discretion over pay",
                "now these supervisors have far too much discretion over pay"
            ),
            QuoteRelation::Verbatim
        );
        assert_eq!(
            relation(
                "[The board] will not reopen the harbour before the inquiry reports",
                "It will not reopen the harbour before the inquiry reports"
            ),
            QuoteRelation::Excerpt
        );
        assert_eq!(without_insertions("a (b c d e f g) h"), "a (b c d e f g) h");
        assert_eq!(
            without_insertions("unclosed [ bracket"),
            "unclosed [ bracket"
        );
    }

    /// Paraphrases of one statement (calibration set, see `compare`).
    const PARAPHRASES: &[(&str, &str)] = &[
        (
            "The minister urged both sides to halt the fighting and return to negotiations without delay",
            "The minister called on both parties to stop the fighting and resume talks immediately",
        ),
        (
            "We will rebuild every home that was destroyed by the flood, no matter how long it takes",
            "Every house the floodwaters destroyed will be rebuilt, however long that takes",
        ),
        (
            "The company regrets the error and has offered full refunds to all affected customers",
            "The firm apologised for the mistake and is offering complete refunds to every customer affected",
        ),
        (
            "Police are treating the fire as suspicious and have appealed for witnesses to come forward",
            "Officers consider the blaze suspicious and are appealing for any witnesses to come forward",
        ),
        (
            "The governor stressed the need for calm and asked residents to stay indoors until the storm passes",
            "The governor emphasised that residents must remain calm and stay inside until the storm has passed",
        ),
        (
            "Our priority is the safety of the passengers and crew, and the investigation will determine the cause",
            "The safety of passengers and crew is our priority; investigators will establish what caused it",
        ),
        (
            "The envoy underlined the importance of both capitals finding methods to de-escalate and reopen direct channels to prevent any misjudgement",
            "The envoy stressed that the two governments need to identify ways to deescalate and restore direct channels to avoid misjudgment",
        ),
    ];

    /// Different statements by one speaker on the same subject.
    const DIFFERENT: &[(&str, &str)] = &[
        (
            "The minister urged both sides to halt the fighting and return to negotiations",
            "The minister said the fighting had displaced thousands of families along the border",
        ),
        (
            "We will rebuild every home that was destroyed by the flood",
            "The flood was the worst this town has seen in a century",
        ),
        (
            "The company regrets the error and has offered refunds",
            "The company's quarterly profits rose despite the error in its billing system",
        ),
        (
            "Police are treating the fire as suspicious",
            "Police said the fire began shortly after midnight in a warehouse near the river",
        ),
        (
            "The governor asked residents to stay indoors until the storm passes",
            "The governor said the storm had knocked out power to the state's largest city",
        ),
        (
            "Brazil and the UK will deepen cooperation against smuggling",
            "The UK condemned the smuggling ring and expressed its thanks to Brazil",
        ),
        (
            "Our priority is the safety of passengers and crew",
            "The crew followed every procedure, and the passengers were evacuated safely",
        ),
    ];

    #[test]
    fn normalise_neutralises_spelling_and_typography() {
        assert_eq!(
            normalise("The U.S. will “emphasise” its defence programme — Mr. Li said."),
            normalise("the US will \"emphasize\" its defense program - Mr Li said")
        );
        assert_eq!(
            normalise("two-thirds of 3,000 labourers"),
            normalise("twothirds of 3000 laborers")
        );
        assert_eq!(normalise("De-escalate now"), "deescalate now");
        // A dash squeezed between words is no hyphen: a function word stands beside it.
        assert_eq!(
            normalise("we agreed-the bridge opens in May"),
            normalise("we agreed – the bridge opens in May")
        );
        assert_eq!(
            normalise("the nation’s colours, recognised"),
            "the nations colors recognized"
        );
        assert_eq!(normalise("Two people"), normalise("2 people"));
        assert_eq!(normalise("the United States"), normalise("the U.S.A."));
        // the -our rule leaves short words alone
        assert_eq!(normalise("our four hours"), "our 4 hours");
        assert_eq!(normalise(""), "");
    }

    #[test]
    fn verbatim_modulo_spelling_and_us() {
        let c = compare(
            "The Secretary emphasised the need for an immediate ceasefire. He offered US support for talks.",
            "“The Secretary emphasized the need for an immediate cease-fire. He offered U.S. support for talks.”",
        );
        assert_eq!(c.relation, QuoteRelation::Verbatim);
        assert_eq!(c.similarity, 1.0);
        let c = compare(
            "Mr. Ortiz organised the centre’s defence.",
            "Mr Ortiz organized the center's defense",
        );
        assert_eq!(c.relation, QuoteRelation::Verbatim);
    }

    #[test]
    fn excerpts() {
        // a partial quotation inside the full sentence
        let c = compare(
            "no one is exempt from the rules",
            "Today’s ruling is a reminder that no one is exempt from the rules.",
        );
        assert_eq!(c.relation, QuoteRelation::Excerpt);
        // with spelling variants
        let c = compare(
            "emphasised the need for an immediate truce",
            "The envoy emphasized the need for an immediate truce. He also met the families.",
        );
        assert_eq!(c.relation, QuoteRelation::Excerpt);
        // ellipsis-joined pieces, in order
        let c = compare(
            "We mourn with the families … and we will find those responsible",
            "We mourn with the families of the victims, and we will find those responsible.",
        );
        assert_eq!(c.relation, QuoteRelation::Excerpt);
        let c = compare(
            "we will find those responsible ... We mourn with the families",
            "We mourn with the families of the victims, and we will find those responsible.",
        );
        assert_ne!(c.relation, QuoteRelation::Excerpt, "pieces out of order");
        // one sentence of a two-sentence quotation
        let c = compare(
            "I miss my son.",
            "I do know that I miss my son. I miss him every day.",
        );
        assert_eq!(c.relation, QuoteRelation::Excerpt);
    }

    #[test]
    fn reworded_paraphrases() {
        for (a, b) in PARAPHRASES {
            let c = compare(a, b);
            assert_eq!(c.relation, QuoteRelation::Reworded, "{a} | {b}: {c:?}");
            assert!(c.similarity >= 0.5, "{c:?}");
        }
        // a small wording change in a long quotation is still Reworded, with a high score
        let c = compare(
            "The board has acted responsibly and will continue to act responsibly",
            "The board has always acted responsibly and continues to act responsibly",
        );
        assert_eq!(c.relation, QuoteRelation::Reworded);
        assert!(c.similarity > 0.8, "{c:?}");
    }

    #[test]
    fn a_short_quotation_reworded_shares_all_its_content_words() {
        // Two content words each side, both shared: reworded.
        let c = compare(
            "We are not closing our stores.",
            "We are not planning to close our stores,",
        );
        assert_eq!(c.relation, QuoteRelation::Reworded, "{c:?}");
        // One shared content word is never enough, however short the quotations.
        let c = compare("We are not closing.", "We are not planning to close,");
        assert_eq!(c.relation, QuoteRelation::Different, "{c:?}");
    }

    #[test]
    fn different_statements_on_the_same_topic() {
        for (a, b) in DIFFERENT {
            let c = compare(a, b);
            assert_eq!(c.relation, QuoteRelation::Different, "{a} | {b}: {c:?}");
            assert!(c.similarity < 0.4, "{c:?}");
        }
        assert_eq!(compare("", "something").relation, QuoteRelation::Different);
        assert_eq!(compare("…", "...").relation, QuoteRelation::Different);
    }

    /// Different statements on one topic are mostly ruled out by the bound alone;
    /// paraphrases never are.
    #[test]
    fn the_bound_rules_out_different_statements() {
        let floor = REWORDED_THRESHOLD;
        let skipped = |pairs: &[(&str, &str)]| {
            let quotes: Vec<&str> = pairs.iter().flat_map(|(a, b)| [*a, *b]).collect();
            let q = Quotations::new(&quotes, &[]);
            (0..pairs.len())
                .filter(|&k| {
                    let (a, b) = (&q.numbered[2 * k], &q.numbered[2 * k + 1]);
                    similarity_bound(a, b, &q.tables, &q.ones) < floor
                })
                .count()
        };
        assert!(
            skipped(DIFFERENT) * 2 >= DIFFERENT.len(),
            "{}",
            skipped(DIFFERENT)
        );
        assert_eq!(skipped(PARAPHRASES), 0);
    }

    #[test]
    fn calibration_gap() {
        let min_para = PARAPHRASES
            .iter()
            .map(|(a, b)| compare(a, b).similarity)
            .fold(1.0, f64::min);
        let max_diff = DIFFERENT
            .iter()
            .map(|(a, b)| compare(a, b).similarity)
            .fold(0.0, f64::max);
        assert!(max_diff < REWORDED_THRESHOLD && REWORDED_THRESHOLD < min_para);
    }

    #[test]
    fn quotation_background_weighs_as_the_whole_one() {
        let texts = [
            "Brazil and the U.S. discussed smuggling.\nThe weather was fine, 1,200 said.",
            "Smuggling across the border from Brazil worries the UK.\n\nCooperation grew 5 per cent.",
            "Nothing here is quoted.",
        ];
        let quotes = [
            "We will deepen cooperation against smuggling, as the United States asked",
            "The weather was fine for 1,200 people, a 5% rise",
        ];
        let prepared: Vec<Prepared> = quotes.iter().map(|q| Prepared::new(q)).collect();
        let whole = Background::new(texts.iter().flat_map(|t| t.lines()));
        let narrow = Background::for_quotations(&texts, &prepared);
        assert_eq!(whole.docs, narrow.docs);
        let mut asked = 0;
        for c in prepared.iter().flat_map(|p| &p.contents) {
            assert_eq!(whole.weight(&c.stem), narrow.weight(&c.stem), "{}", c.stem);
            asked += 1;
        }
        assert!(asked >= 10);
        // Topic words of the texts weigh less than words of no text.
        let w = |word: &str| narrow.weight(&stem(&canonical(word)));
        assert!(w("smuggling") < w("deepen"));
        assert_eq!(
            compare_prepared(&prepared[0], &prepared[1], Some(&whole)),
            compare_prepared(&prepared[0], &prepared[1], Some(&narrow))
        );
    }

    #[test]
    fn background_lowers_topic_words() {
        let a = "Brazil and the UK will deepen cooperation against smuggling";
        let b = "The UK condemned smuggling and thanked Brazil for its cooperation";
        let plain = compare(a, b).similarity;
        let bg = Background::new([
            "Brazil and the UK discussed smuggling.",
            "Smuggling across the border from Brazil worries the UK.",
            "Cooperation on smuggling between Brazil and the UK grew.",
            "The weather was fine.",
        ]);
        let weighted = compare_with_background(a, b, Some(&bg)).similarity;
        assert!(weighted < plain, "{weighted} < {plain}");
    }

    #[test]
    fn stems_meet() {
        assert_eq!(stem("deescalation"), stem("deescalate"));
        assert_eq!(stem("emphasized"), stem("emphasizes"));
        assert_eq!(stem("talks"), stem("talk"));
        assert_eq!(stem("strategies"), stem("strategy"));
        let mut t = StemTable::default();
        let mut m = |a: &str, b: &str| {
            let (a, b) = (t.id(&stem(a)), t.id(&stem(b)));
            t.matches(a, b)
        };
        assert!(m("communication", "communicate"));
        // a typo in a long word; a one-letter difference in length still counts
        assert!(m("negotiations", "negotaitions"));
        assert!(m("parliament", "parliment"));
        assert!(!m("parliament", "parlmt"));
        // synonyms meet through their group's head
        assert!(m("halt", "stop"));
        // one edit at either end of a long stem, and not two
        let mut m = |a: &str, b: &str| {
            let (a, b) = (t.id(a), t.id(b));
            t.matches(a, b)
        };
        assert!(m("parliament", "barliament"));
        assert!(m("parliament", "xparliament"));
        assert!(m("arliament", "parliament"));
        assert!(m("negotiat", "engotiat"));
        assert!(!m("parliament", "barliamenx"));
        assert!(m("négotiateur", "negotiateur"));
        // five equal bytes are not always five equal letters
        assert!(!m("éaééc", "éaééa"));
    }

    /// The rule [`StemTable::matches`] implements, on the strings.
    fn stems_match_text(a: &str, b: &str) -> bool {
        let syn = |s: &str| SYNONYMS.get(s).map_or(s, String::as_str).to_string();
        if a == b || syn(a) == syn(b) {
            return true;
        }
        let (la, lb) = (a.chars().count(), b.chars().count());
        let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        if common >= 5 && common * 10 >= la.max(lb) * 8 {
            return true;
        }
        la.min(lb) >= 7 && la.abs_diff(lb) <= 1 && crate::compare::edit::within_one_edit(a, b)
    }

    proptest! {
        /// Numbered stems match exactly when their strings do (prefixes, typos,
        /// synonyms, non-ASCII letters), and equal ids are equal strings.
        #[test]
        fn numbered_stems_match_as_their_text(
            base in proptest::collection::vec("(stop|halt|cease|talk|negotiat|parliament|[a-cé]{1,9})[a-c]{0,3}", 2..6),
            edits in proptest::collection::vec((0usize..6, 0usize..12, "[a-cé]"), 0..4),
        ) {
            // Besides the words, one-letter edits of them anywhere (ends included).
            let mut words = base.clone();
            for (w, at, c) in edits {
                let mut chars: Vec<char> = base[w % base.len()].chars().collect();
                let at = at % (chars.len() + 1);
                match w % 3 {
                    0 => chars.insert(at, c.chars().next().unwrap()),
                    1 if at < chars.len() => { chars.remove(at); }
                    _ if at < chars.len() => chars[at] = c.chars().next().unwrap(),
                    _ => {}
                }
                words.push(chars.into_iter().collect());
            }
            let mut t = StemTable::default();
            let ids: Vec<u32> = words.iter().map(|w| t.id(w)).collect();
            for (a, &x) in words.iter().zip(&ids) {
                for (b, &y) in words.iter().zip(&ids) {
                    prop_assert_eq!(t.matches(x, y), stems_match_text(a, b), "{} {}", a, b);
                    prop_assert_eq!(x == y, a == b);
                    // The Bloom filter of `y` never rules out a stem that matches it.
                    let mut bits = MatchBits::default();
                    t.mark(y, &mut bits);
                    prop_assert!(!t.matches(x, y) || t.may_match(x, &bits), "{} {}", a, b);
                }
            }
        }

        /// The bound is never under the similarity, and a comparison with a floor
        /// differs from one without only for a pair under the floor (verbatim, excerpts
        /// and typos score 1), which it calls `Different`.
        #[test]
        fn the_similarity_bound_skips_only_pairs_under_the_floor(
            qa in proptest::collection::vec("(Harbour|harbor|ferries|ferry|reopen|reopened|inspected|inspection|divers|Monday|vessel|vessels|[a-c]{1,8})", 1..14),
            qb in proptest::collection::vec("(Harbour|harbor|ferries|ferry|reopen|reopened|inspected|inspection|divers|Monday|vessel|vessels|[a-c]{1,8})", 1..14),
            floor in 0.05f64..0.95,
        ) {
            let (a, b) = (qa.join(" "), qb.join(" "));
            let texts = ["The harbour ferries reopened on Monday.\nDivers inspected every vessel."];
            let q = Quotations::new(&[a.as_str(), b.as_str()], &texts);
            for weighed in [true, false] {
                let weights = if weighed { &q.weights } else { &q.ones };
                let (na, nb) = (&q.numbered[0], &q.numbered[1]);
                let pairs = match_stems(&na.stems, &nb.stems, &q.tables.stems);
                let sim = similarity((&na.named, &na.stems), (&nb.named, &nb.stems), &pairs, weights);
                prop_assert!(similarity_bound(na, nb, &q.tables, weights) + 1e-9 >= sim);
                let (full, over) = (q.compare(0, 1, weighed), q.compare_over(0, 1, weighed, floor));
                if full.similarity >= floor {
                    prop_assert_eq!(full, over);
                } else {
                    prop_assert!(
                        over == full
                            || over.relation == QuoteRelation::Different && over.similarity == 0.0
                    );
                }
            }
        }
    }

    /// [`same_statement`] on two fictional quotations: `expect` is "unrelated", "same",
    /// "typo", or the changes as "old/new" joined by ", ".
    fn check(a: &str, b: &str, expect: &str) {
        let got = match same_statement(&Prepared::new(a), &Prepared::new(b)) {
            Statement::Unrelated => "unrelated".to_string(),
            Statement::Same => "same".to_string(),
            Statement::Typo => "typo".to_string(),
            Statement::Reworded(c) => c
                .iter()
                .map(|(x, y)| format!("{x}/{y}"))
                .collect::<Vec<_>>()
                .join(", "),
        };
        assert_eq!(got, expect, "{a:?} vs {b:?}");
    }

    #[test]
    fn one_statement_with_a_word_changed() {
        let long = "The board knew that many of the old pumping stations could fail under a sustained surge, and it asked for money to replace them";
        check(
            long,
            "The board knew that several of the old pumping stations could fail under a sustained surge, and it asked for money to replace them",
            "many/several",
        );
        // A cut of it, with words of the outlet's own before it and a word changed.
        check(
            "According to the report, the board knew that several of the old pumping stations could fail under a sustained surge",
            long,
            "several/many",
        );
        // The changed word is the shorter quotation's last.
        check(
            "crews will remain in the valley until the last pumping station is running for the farmers",
            "Crews will remain in the valley until the last pumping station is running for the growers. Then they go home.",
            "farmers/growers",
        );
        check(
            "You said the harbour is closed to every vessel that has not been inspected this week",
            "Number one, you stated the harbour is closed to every vessel that has not been inspected this week",
            "said/stated",
        );
        // A word left out without an ellipsis that changes what is said.
        check(
            "We will rebuild the levee this year whatever the board decides about the pumps",
            "We will not rebuild the levee this year whatever the board decides about the pumps",
            "/not",
        );
    }

    #[test]
    fn same_words_written_differently_are_one_statement() {
        // Punctuation, tokenised spacing, serial comma, brackets, spelling, ellipsis.
        check(
            "We emphasised the need for calm, for patience, and for U.S. support in the valley",
            "''We emphasized the need for calm , for patience and for US support in the [Ostra] valley",
            "same",
        );
        check(
            "We can not accept that the pumps were left to fail for three whole years",
            "We cannot accept that the pumps were left to fail for three whole years",
            "same",
        );
        check(
            "the levee held for a day and then gave way along a mile of the northern bank",
            "the levee held for a day ... along a mile of the northern bank",
            "same",
        );
    }

    #[test]
    fn a_one_letter_slip_is_a_typo() {
        let a = "The reinforcements from the coast will remain until the last pumping station is running again";
        let b = "The reinforcements from the coast will remain until the last pumping staton is running again";
        check(a, b, "typo");
        assert_eq!(relation(a, b), QuoteRelation::Typo);
        // A short word one letter apart is a different word, not a slip.
        check(
            "The reinforcements from the coast will remain until the last pumping station is running by day",
            "The reinforcements from the coast will remain until the last pumping station is running by bay",
            "day/bay",
        );
    }

    #[test]
    fn different_statements_are_unrelated() {
        // A stock phrase shared by two promises.
        check(
            "We will not rest until every family is back home and every field is planted again",
            "We will not rest until the levee is rebuilt, the pumps are replaced and the board answers",
            "unrelated",
        );
        // One statement translated two ways: different words throughout.
        check(
            "We shall never abandon the people of the valley, whatever the cost to the treasury",
            "We will not leave the valley's residents behind, no matter what it costs the state",
            "unrelated",
        );
        // Too short to tell a statement from a phrase.
        check(
            "thank you all very much",
            "thank you all so much",
            "unrelated",
        );
        // Many words changed: a paraphrase, which the similarity score judges.
        check(
            "The board knew that many of the old pumping stations could fail under a sustained surge and it asked for money",
            "The board was aware that a number of the ageing pumping stations might break during a long surge and it requested funds",
            "unrelated",
        );
    }
}
