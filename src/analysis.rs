//! The pipeline per bundle: segment and tag each document (in parallel), resolve names
//! across the bundle, then extract claims from each document (in parallel). Output order
//! never depends on thread scheduling: results are collected in document order.

use crate::claim::{Claim, ClaimId, ClaimKind, TimeRef};
use crate::document::{DocIdx, Document};
use crate::entities::{self, EntityTable};
use crate::extract::{self, DocState, Resolved};
use crate::ingest::{Bundle, bundle_year};
use crate::mentions::{BareTitle, Mention, MentionKind, find_mentions_in};
use crate::segment::{Segmented, segment};
use crate::span::Span;
use crate::temporal::{self, Anchor, Timex, TimexType};
use crate::tokens::Streams;
use rayon::prelude::*;
use std::collections::BTreeMap;

pub mod near;

#[derive(Debug)]
pub struct DocAnalysis {
    pub seg: Segmented,
    pub anchor: Anchor,
    /// The extractors' time expressions; emptied once the claims are extracted (`times`
    /// is what later stages read).
    pub timexes: Vec<Timex>,
    pub times: Vec<TimeRef>,
    /// Mentions in text order, with the index of their sentence (the index and the bare
    /// titles are emptied once the claims are extracted).
    pub mentions: Vec<Mention>,
    pub mention_sentence: Vec<usize>,
    pub bare_titles: Vec<(usize, BareTitle)>,
    /// One token stream per sentence (empty for boilerplate), built once and read by the
    /// extractors; emptied once the claims are extracted.
    pub tokens: Streams,
}

#[derive(Debug)]
pub struct Analysis {
    /// Per document: segments, times and mentions, for the graph and the rules; empty
    /// after a whole check ([`Analysis::release_documents`]).
    pub docs: Vec<DocAnalysis>,
    pub entities: EntityTable,
    pub claims: Vec<Claim>,
}

impl Analysis {
    /// Let go of what only the graph and the rules read: each document's segments, times
    /// and mentions, and which entity each mention resolved to. The claims and the
    /// entities stay (the report, the graph views and the server read them).
    pub fn release_documents(&mut self) {
        self.docs = Vec::new();
        self.entities.resolved = Default::default();
    }
}

pub fn anchor_for(doc: &Document, year_hint: Option<i16>) -> Anchor {
    Anchor {
        date: doc.published,
        tz: doc.timezone.clone(),
        year_hint,
    }
}

impl From<&Timex> for TimeRef {
    fn from(t: &Timex) -> Self {
        TimeRef {
            span: t.span,
            value: t.value.clone(),
            utc: t.utc.map(|u| (u.start, u.end)),
            weekday: t.weekday,
            year_inferred: t.year_inferred,
            tz: t.tz.clone(),
            zone_stated: t.zone_stated,
        }
    }
}

/// Segment, tag times and find mentions in one document.
pub fn analyse_document(doc: &Document, year_hint: Option<i16>) -> DocAnalysis {
    tag_document(doc, segment(&doc.text, doc.body_start), year_hint)
}

/// Tag times and find mentions in one segmented document.
fn tag_document(doc: &Document, seg: Segmented, year_hint: Option<i16>) -> DocAnalysis {
    let anchor = anchor_for(doc, year_hint);
    // The dateline's date is the article's, not an event's: it is not tagged.
    let mut regions = seg.content_regions();
    if let Some(d) = &doc.dateline {
        for r in regions.iter_mut() {
            if r.overlaps(d.span) {
                r.start = d.span.end.min(r.end);
            }
        }
    }
    let tokens = Streams::build(
        &doc.text,
        seg.sentences.iter().map(|s| {
            let read =
                seg.paragraphs[s.paragraph].kind != crate::segment::ParagraphKind::Boilerplate;
            (s.span, read)
        }),
    );
    let timexes = temporal::tag_streams(&doc.text, &regions, &tokens, &anchor);
    let times = timexes
        .iter()
        .filter(|t| matches!(t.ty, TimexType::Date | TimexType::Time))
        .map(TimeRef::from)
        .collect();
    let mut mentions = Vec::new();
    let mut mention_sentence = Vec::new();
    let mut bare_titles = Vec::new();
    for (i, s) in seg.sentences.iter().enumerate() {
        if seg.paragraphs[s.paragraph].kind == crate::segment::ParagraphKind::Boilerplate {
            continue;
        }
        let sm = find_mentions_in(&doc.text, tokens.get(i));
        // The dateline's place and agency ("Harbourton, March 14 (Post)") are not actors.
        let dateline = doc.dateline.as_ref().map(|d| d.span);
        for m in sm
            .mentions
            .into_iter()
            .filter(|m| !dateline.is_some_and(|d| d.overlaps(m.span)))
        {
            mentions.push(m);
            mention_sentence.push(i);
        }
        bare_titles.extend(sm.bare_titles.into_iter().map(|b| (i, b)));
    }
    DocAnalysis {
        seg,
        anchor,
        timexes,
        times,
        mentions,
        mention_sentence,
        bare_titles,
        tokens,
    }
}

pub fn analyse(bundle: &Bundle) -> Analysis {
    analyse_timed(bundle, &mut crate::timings::Timings::default())
}

/// [`analyse`], recording the time of each stage (segment, mentions, resolve, claims).
pub fn analyse_timed(bundle: &Bundle, t: &mut crate::timings::Timings) -> Analysis {
    let year = bundle_year(&bundle.documents);
    let clock = std::time::Instant::now();
    let segs: Vec<Segmented> = bundle
        .documents
        .par_iter()
        .map(|d| segment(&d.text, d.body_start))
        .collect();
    t.record(crate::timings::Stage::Segment, clock);
    let clock = std::time::Instant::now();
    let docs: Vec<DocAnalysis> = bundle
        .documents
        .par_iter()
        .zip(segs)
        .map(|(d, seg)| tag_document(d, seg, year))
        .collect();
    t.record(crate::timings::Stage::Mentions, clock);
    let clock = std::time::Instant::now();
    let inputs: Vec<_> = bundle
        .documents
        .iter()
        .zip(&docs)
        .map(|(d, a)| (d.id.clone(), a.mentions.as_slice()))
        .collect();
    let entities = entities::resolve_with(&inputs, &bundle.entities);
    t.record(crate::timings::Stage::Resolve, clock);
    let clock = std::time::Instant::now();
    // What only the extractors read goes as soon as each document's claims are out (not
    // once every document's are: the streams of documents done would count in the peak);
    // the graph, the rules and the report keep the segments, the resolved times and the
    // mentions.
    let mut docs = docs;
    let per_doc: Vec<Vec<Claim>> = bundle
        .documents
        .par_iter()
        .zip(docs.par_iter_mut())
        .enumerate()
        .map(|(i, (d, a))| {
            let view = DocView::of(&entities, &d.id, a.mentions.len());
            let claims = extract_claims(d, DocIdx::new(i), a, &view);
            a.tokens = Streams::default();
            a.timexes = Vec::new();
            a.mention_sentence = Vec::new();
            a.bare_titles = Vec::new();
            claims
        })
        .collect();
    // Sized once: a growing vector of every claim would briefly hold twice its size.
    let mut claims: Vec<Claim> = Vec::with_capacity(per_doc.iter().map(Vec::len).sum());
    for c in per_doc {
        claims.extend(c);
    }
    t.record(crate::timings::Stage::Claims, clock);
    Analysis {
        docs,
        entities,
        claims,
    }
}

/// One document's share of the bundle's entity resolution: per mention (by its index in
/// [`DocAnalysis::mentions`]), the entity it resolved to and the entity's kind. Claim
/// extraction reads nothing else of the resolution, so this is all a distributed job has
/// to hand from a story's resolution back to one document's extraction (docs/scale.md).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocView {
    pub entity: Vec<Option<crate::entities::EntityId>>,
    /// The resolved entity's kind; `None` for a mention that resolved to no entity (its
    /// own kind applies).
    pub kind: Vec<Option<MentionKind>>,
}

impl DocView {
    /// Document `doc`'s view of `ents`, for its `mentions` mentions.
    pub fn of(ents: &EntityTable, doc: &crate::document::DocId, mentions: usize) -> DocView {
        let entity: Vec<_> = (0..mentions).map(|i| ents.of(doc, i)).collect();
        let kind = entity.iter().map(|e| e.map(|e| ents.get(e).kind)).collect();
        DocView { entity, kind }
    }

    fn entity(&self, mention: usize) -> Option<crate::entities::EntityId> {
        self.entity.get(mention).copied().flatten()
    }
}

/// Claims of one document (`at` in its bundle), ids numbered per kind in text order.
pub fn extract_claims(doc: &Document, at: DocIdx, an: &DocAnalysis, view: &DocView) -> Vec<Claim> {
    let text = &doc.text;
    let mut state = DocState::default();
    let mut found: Vec<(Span, ClaimKind)> = Vec::new();
    let mut by_sentence: BTreeMap<usize, Vec<Resolved>> = BTreeMap::new();
    for (i, m) in an.mentions.iter().enumerate() {
        let entity = view.entity(i);
        let kind = view.kind.get(i).copied().flatten().unwrap_or(m.kind);
        by_sentence
            .entry(an.mention_sentence[i])
            .or_default()
            .push(Resolved {
                mention: m,
                entity,
                kind,
            });
    }
    let regions = an.seg.content_regions();
    let attributed = crate::quotes::attributed_quotes_in_sentences(text, &regions);
    // Each sentence is handed only the dates and quotations that can lie inside it: the
    // whole document's, per sentence, is quadratic in the length of one article.
    let quotes = near::Spans::new(attributed.iter().map(|(q, _, _)| q.outer).collect());
    let times = near::Times::new(&an.times);
    // The previous sentence's dated happenings: who, which day, and whether a statement.
    let mut previous_days: Vec<(Vec<crate::entities::EntityId>, TimeRef, bool)> = Vec::new();
    for (si, s) in an.seg.sentences.iter().enumerate() {
        if an.seg.paragraphs[s.paragraph].kind == crate::segment::ParagraphKind::Boilerplate {
            previous_days.clear();
            continue;
        }
        let ms = by_sentence.get(&si).map(Vec::as_slice).unwrap_or(&[]);
        let (s_times, s_quotes) = (times.within(s.span), quotes.around(s.span));
        let subject_before = state.last_subject;
        for c in extract::communication::extract(text, s.span, ms, s_times, s_quotes, &mut state) {
            // The evidence an editor needs: from the first participant named in the
            // sentence to the date (or the last participant), not the whole sentence.
            let mut span = c.trigger;
            for r in ms
                .iter()
                .filter(|r| r.entity.is_some_and(|e| c.participants.contains(&e)))
            {
                span = Span::new(
                    span.start.min(r.mention.full_span.start),
                    span.end.max(r.mention.span.end),
                );
            }
            if let Some(d) = &c.date
                && s.span.contains(d.span)
            {
                span = Span::new(span.start.min(d.span.start), span.end.max(d.span.end));
            }
            found.push((span, ClaimKind::Communication(Box::new(c))));
        }
        // The day goes to "she said" only when the previous sentence's happening was the
        // last subject's own (named first) and nobody else spoke in it: after "X's
        // spokesperson Y said on Friday", "she" is Y, not the subject X.
        let subject_day = state.last_subject.and_then(|p| {
            let someone_else_spoke = previous_days
                .iter()
                .any(|(people, _, statement)| *statement && people.first() != Some(&p));
            (!someone_else_spoke)
                .then(|| {
                    previous_days
                        .iter()
                        .find(|(people, _, _)| people.first() == Some(&p))
                        .map(|(_, day, _)| day)
                })
                .flatten()
        });
        // The next sentence's opening person, unless a statement follows ("Name said").
        let next_subject = by_sentence.get(&(si + 1)).and_then(|next| {
            let first = next
                .iter()
                .find(|r| r.kind == MentionKind::Person && r.entity.is_some())?;
            let after = text
                .get(first.mention.span.end..)?
                .split_whitespace()
                .next();
            let speaks = after.is_some_and(|w| {
                matches!(
                    w.trim_matches(|c: char| !c.is_alphabetic()),
                    "said" | "says" | "told" | "tells" | "added"
                )
            });
            (first.mention.sentence_initial && !speaks)
                .then_some(first.entity)
                .flatten()
        });
        let discourse = extract::event_date::Discourse {
            last_subject: state.last_subject,
            subject_day,
            next_subject,
        };
        let dated = extract::event_date::extract(
            text,
            s.span,
            ms,
            s_times,
            s_quotes,
            discourse,
            an.anchor.date,
        );
        previous_days = dated
            .iter()
            .filter(|e| !e.date.is_undated())
            .map(|e| {
                let statement = extract::event_date::family(&e.event) == "statement";
                (e.participants.clone(), e.date.clone(), statement)
            })
            .collect();
        for e in dated {
            found.push((s.span, ClaimKind::EventDate(Box::new(e))));
        }
        for (span, r) in extract::role::extract(text, s.span, ms) {
            found.push((span, ClaimKind::Role(Box::new(r))));
        }
        for q in crate::quantities::find_quantities_in(text, an.tokens.get(si)) {
            use crate::quantities::NounClass as C;
            let figure = matches!(q.class, C::Money | C::Measure | C::Duration | C::Label);
            if !figure && q.noun.is_none() && q.predicate.is_none() && q.subject_of.is_none() {
                continue;
            }
            let subject = q.subject_of.and_then(|span| {
                ms.iter()
                    .filter(|r| {
                        r.kind == MentionKind::Person
                            && (span.contains(r.mention.span) || r.mention.span.contains(span))
                    })
                    .find_map(|r| r.entity)
            });
            // A named person's age is an age claim; an age nobody is named for stays a
            // figure.
            if let (C::Age, Some(person)) = (q.class, subject) {
                found.push((s.span, ClaimKind::Age(age_claim(q, person))));
                continue;
            }
            found.push((s.span, ClaimKind::Quantity(Box::new(quantity_claim(q)))));
        }
        // Unless a communication named its subject, the sentence's first person is the
        // one "he"/"she" in the next sentence most likely stands for.
        if state.last_subject == subject_before
            && let Some(p) = ms
                .iter()
                .find(|r| r.kind == MentionKind::Person && r.entity.is_some())
        {
            state.last_subject = p.entity;
        }
    }
    {
        let mut events: Vec<&mut crate::claim::EventDate> = found
            .iter_mut()
            .filter_map(|(_, k)| match k {
                ClaimKind::EventDate(e) => Some(&mut **e),
                _ => None,
            })
            .collect();
        extract::event_date::resolve_relatives(&mut events);
    }
    found.extend(quote_claims(doc, an, view, &by_sentence, &attributed));
    found.sort_by_key(|(span, k)| (span.start, span.end, k.name()));
    let mut counters: BTreeMap<&'static str, usize> = BTreeMap::new();
    found
        .into_iter()
        .map(|(span, kind)| {
            let n = counters.entry(kind.name()).or_default();
            *n += 1;
            Claim {
                // Joined at its length (`format!` leaves a third more capacity, kept to
                // the end of the check by every claim).
                id: ClaimId([doc.id.0.as_str(), ":", kind.name(), ":", &n.to_string()].concat()),
                document: doc.id.clone(),
                doc: at,
                span,
                kind,
            }
        })
        .collect()
}

fn age_claim(
    q: crate::quantities::Quantity,
    person: crate::entities::EntityId,
) -> crate::claim::Age {
    crate::claim::Age {
        person,
        detail: Box::new(q),
    }
}

fn quantity_claim(q: crate::quantities::Quantity) -> crate::claim::Quantity {
    crate::claim::Quantity {
        value: q.number.value,
        range: q.number.range,
        hedge: q.number.hedge,
        noun: q.noun.clone(),
        class: q.class,
        predicate: q.predicate.clone(),
        descriptors: q.descriptors.iter().map(|d| d.text.clone()).collect(),
        detail: q,
    }
}

/// Quote claims with speakers resolved: the attribution frame's named speaker, a pronoun
/// or a frameless continuation standing for the previous speaker.
fn quote_claims(
    doc: &Document,
    an: &DocAnalysis,
    view: &DocView,
    by_sentence: &BTreeMap<usize, Vec<Resolved>>,
    attributed: &[(
        crate::quotes::QuoteSpan,
        Option<crate::quotes::Attribution>,
        Span,
    )],
) -> Vec<(Span, ClaimKind)> {
    let text = &doc.text;
    let mut out: Vec<(Span, ClaimKind)> = Vec::new();
    // The document's mentions in text order (sentence by sentence), found by position.
    let resolved: Vec<&Resolved> = by_sentence.values().flatten().collect();
    let by_start = near::Starts::new(resolved.iter().map(|r| r.mention.span.start));
    let mut holders = TitleHolders::new(doc, an, view);
    let mut last_speaker: Option<crate::entities::EntityId> = None;
    let mut last_end = 0usize;
    let mut last_continues = false;
    // The claims (indices in `out`) of the quotation running on into this piece whose
    // speaker no frame of their own named: a frame at the quotation's close names it.
    let mut unframed: Vec<usize> = Vec::new();
    for (q, attr, sentence) in attributed {
        if q.inner.is_empty() {
            continue;
        }
        if !last_continues {
            unframed.clear();
        }
        let paragraph_gap = line_breaks(Span::between(
            text,
            last_end.min(q.outer.start),
            q.outer.start,
        ));
        let near_previous = last_speaker.is_some() && (last_continues || paragraph_gap <= 2);
        let speaker_in = |span: Span| -> Option<crate::entities::EntityId> {
            // The actor whose name lies inside the speaker phrase (the last one: "State
            // Department Spokesperson Ruth Calloway" is Calloway).
            by_start
                .inside(span)
                .into_iter()
                .map(|i| resolved[i])
                .filter(|r| span.contains(r.mention.span) && r.is_actor())
                .max_by_key(|r| (r.kind == MentionKind::Person, r.mention.span.start))
                .and_then(|r| r.entity)
        };
        let (speaker, speaker_span, channel) = match attr {
            Some(a) if !a.pronoun => {
                let who = speaker_in(a.speaker).or_else(|| holders.of(a.speaker));
                let who = who.or(if near_previous { last_speaker } else { None });
                (who, Some(a.speaker), a.channel.as_ref().map(channel_name))
            }
            Some(a) => (
                named_before(an, by_sentence, last_end, q.outer.start).or(if near_previous {
                    last_speaker
                } else {
                    None
                }),
                Some(a.speaker),
                a.channel.as_ref().map(channel_name),
            ),
            None => (if near_previous { last_speaker } else { None }, None, None),
        };
        // A frameless piece right after a quote of the same speaker in the same paragraph
        // continues that statement: '"A," she said. "B."' is one quotation of A and B.
        let same_paragraph =
            !Span::between(text, last_end.min(q.outer.start), q.outer.start).contains(['\n', '\r']);
        let continues_previous =
            attr.is_none() && same_paragraph && speaker.is_some() && speaker == last_speaker;
        if continues_previous && let Some((span, ClaimKind::Quote(prev))) = out.last_mut() {
            prev.pieces.push(q.inner);
            prev.inner = Span::new(prev.inner.start, q.inner.end);
            // Normalised once all its pieces are in (below): once per piece is quadratic
            // in a paragraph of many pieces.
            span.end = span.end.max(sentence.end);
            last_end = q.outer.end;
            last_continues = q.continues;
            continue;
        }
        if speaker.is_some() {
            last_speaker = speaker;
        }
        if attr.is_some() && speaker.is_some() {
            for &i in &unframed {
                if let (_, ClaimKind::Quote(prev)) = &mut out[i] {
                    prev.speaker = speaker;
                }
            }
            unframed.clear();
        } else if attr.is_none() && q.continues {
            unframed.push(out.len());
        }
        last_end = q.outer.end;
        last_continues = q.continues;
        out.push((
            *sentence,
            ClaimKind::Quote(Box::new(crate::claim::Quote {
                inner: q.inner,
                pieces: vec![q.inner],
                speaker,
                speaker_span,
                channel,
                normalised: crate::quotes::normalise(q.inner.slice(text)),
            })),
        ));
    }
    for (_, k) in &mut out {
        if let ClaimKind::Quote(q) = k
            && q.pieces.len() > 1
        {
            q.normalised = crate::quotes::normalise(&q.words(text));
        }
    }
    out
}

/// The person a pronoun frame ("he said", "She added:") stands for when one was named
/// since the previous quotation (after `since`), in the quotation's paragraph or the one
/// before it: the one named last before `at` ("That did not satisfy Judge Reyes. '...,'
/// he said" is Reyes, whoever spoke before). `None` leaves it to the previous speaker.
fn named_before(
    an: &DocAnalysis,
    by_sentence: &BTreeMap<usize, Vec<Resolved>>,
    since: usize,
    at: usize,
) -> Option<crate::entities::EntityId> {
    let paras = &an.seg.paragraphs;
    let p = paras
        .partition_point(|p| p.span.start <= at)
        .checked_sub(1)?;
    let from = paras[p.saturating_sub(1)].span.start.max(since);
    let sents = &an.seg.sentences;
    let first = sents.partition_point(|s| s.span.end <= from);
    let last = sents.partition_point(|s| s.span.start < at);
    if first >= last {
        return None;
    }
    by_sentence
        .range(first..last)
        .flat_map(|(_, rs)| rs)
        .filter(|r| {
            r.kind == MentionKind::Person
                && r.entity.is_some()
                && r.mention.span.start >= from
                && r.mention.span.end <= at
        })
        .max_by_key(|r| r.mention.span.start)
        .and_then(|r| r.entity)
}

fn channel_name(c: &crate::quotes::Channel) -> String {
    match c {
        crate::quotes::Channel::Other(s) => s.clone(),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// "the spokesperson", "the Secretary": the person this document names with that title.
/// The holders of each title are found once per document, not once per quotation.
struct TitleHolders<'a> {
    doc: &'a Document,
    an: &'a DocAnalysis,
    view: &'a DocView,
    bare_titles: near::Starts,
    /// Per title: the mentions of its holders, under any of their names, by end.
    by_title: foldhash::HashMap<String, near::LastBefore<crate::entities::EntityId>>,
}

impl<'a> TitleHolders<'a> {
    fn new(doc: &'a Document, an: &'a DocAnalysis, view: &'a DocView) -> Self {
        TitleHolders {
            doc,
            an,
            view,
            bare_titles: near::Starts::new(an.bare_titles.iter().map(|(_, b)| b.span.start)),
            by_title: Default::default(),
        }
    }

    fn of(&mut self, span: Span) -> Option<crate::entities::EntityId> {
        let (doc, an, view) = (self.doc, self.an, self.view);
        let phrase = span.slice(&doc.text).to_lowercase();
        let title = self
            .bare_titles
            .inside(span)
            .into_iter()
            .map(|i| &an.bare_titles[i].1)
            .find(|b| span.contains(b.span))
            .map(|b| extract::role::normalise_title(&b.title))
            .or_else(|| {
                let lx = crate::lexicon::lexicons();
                lx.titles
                    .find_words(&phrase)
                    .last()
                    .map(|(s, e, _)| extract::role::normalise_title(&phrase[*s..*e]))
            })?;
        // People this document gives that title to; the phrase means the one mentioned
        // most recently before it, under any of their names ("Calloway said ... the
        // spokesperson").
        let mentions = self.by_title.entry(title).or_insert_with_key(|title| {
            let holders: std::collections::BTreeSet<crate::entities::EntityId> = an
                .mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| {
                    m.titles
                        .iter()
                        .any(|t| extract::role::normalise_title(&t.title) == *title)
                })
                .filter_map(|(i, _)| view.entity(i))
                .collect();
            near::LastBefore::new(
                an.mentions
                    .iter()
                    .enumerate()
                    .filter_map(|(i, m)| Some((m.span.end, view.entity(i)?)))
                    .filter(|(_, e)| holders.contains(e))
                    .collect(),
            )
        });
        mentions.last_ending_by(span.start)
    }
}

/// Line breaks in `s`: `\n`, `\r\n` and a lone `\r` count one each.
fn line_breaks(s: &str) -> usize {
    let b = s.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count()
}
