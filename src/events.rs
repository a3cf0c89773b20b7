//! The events ledger: communication claims cluster into happenings (the same pair of
//! people, compatible dates). A source that reports the same pair on two different days
//! reports two events; sources that disagree on the day of one event are dissent.
//!
//! Event-date claims (a shooting, an indictment, a speech...) cluster by event family,
//! shared participant or place, and compatible dates; see [`event_date_events`].

use crate::claim::{Claim, ClaimId, ClaimKind, TimeRef};
use crate::compare::dates::{self, DateRelation};
use crate::document::{DocId, DocIdx};
use crate::entities::{EntityId, EntityTable};
use crate::extract::event_date::HAPPENING;
use crate::union_find::UnionFind;
use foldhash::{HashMap, HashMapExt};
use std::collections::{BTreeMap, BTreeSet};

mod attach;

/// What a ledger event was built from: communication claims or event-date claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Communication,
    Event,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Communication => "communication",
            EventKind::Event => "event",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    pub label: String,
    pub participants: Vec<EntityId>,
    pub places: Vec<EntityId>,
    /// The day the sources agree on (the majority), "YYYY-MM-DD".
    pub date: Option<String>,
    pub documents: BTreeSet<DocId>,
    pub claims: Vec<ClaimId>,
    /// Documents whose date for this event disagrees with the consensus.
    pub dissent: BTreeSet<DocId>,
}

/// Two date groups of the same pair that no single source reports both of, with days
/// close enough that they are probably one event told two ways.
#[derive(Debug, Clone)]
pub struct DateDispute {
    pub participants: Vec<EntityId>,
    /// Per side: the claims giving that date.
    pub sides: Vec<Vec<ClaimId>>,
}

pub struct Ledger {
    pub events: Vec<Event>,
    pub disputes: Vec<DateDispute>,
}

/// How far apart two reported days may be and still be one event told two ways.
pub const DISPUTE_MAX_DAYS: i32 = 7;

struct Dated<'a> {
    claim: &'a Claim,
    date: &'a TimeRef,
}

/// Everything [`dates::compare`] reads of a date: two dates with one key compare alike.
type DateKey<'a> = (
    &'a str,
    Option<(jiff::Timestamp, jiff::Timestamp)>,
    Option<jiff::civil::Weekday>,
    Option<&'a str>,
    bool,
);

fn date_key(t: &TimeRef) -> DateKey<'_> {
    (
        t.value.as_str(),
        t.utc,
        t.weekday,
        t.tz.as_deref(),
        t.zone_stated,
    )
}

pub fn build(claims: &[Claim], entities: &EntityTable) -> Ledger {
    // Block by participant pair: comparisons never leave a block.
    let mut blocks: BTreeMap<Vec<EntityId>, Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        if let ClaimKind::Communication(comm) = &c.kind {
            let mut key = comm.participants.clone();
            key.sort();
            key.dedup();
            if key.len() >= 2 {
                blocks.entry(key).or_default().push(c);
            }
        }
    }
    let mut events = Vec::new();
    let mut disputes = Vec::new();
    for (pair, cs) in blocks {
        let (dated, undated): (Vec<&Claim>, Vec<&Claim>) =
            cs.iter().partition(|c| date_of(c).is_some());
        let dated: Vec<Dated> = dated
            .into_iter()
            .map(|c| Dated {
                claim: c,
                date: date_of(c).unwrap(),
            })
            .collect();
        // Union compatible dates.
        let mut sets = UnionFind::new(dated.len());
        // Dates written alike relate alike to any other (a pair told on one day by
        // thousands of sentences has few of them): one comparison per pair of such
        // dates, exactly the unions of every pair, without every pair.
        let mut same_date: Vec<Vec<usize>> = Vec::new();
        let mut index: HashMap<DateKey, usize> = HashMap::new();
        for (i, d) in dated.iter().enumerate() {
            let next = same_date.len();
            let k = *index.entry(date_key(d.date)).or_insert(next);
            if k == next {
                same_date.push(Vec::new());
            }
            same_date[k].push(i);
        }
        let joins = |x: usize, y: usize| {
            matches!(
                dates::compare(dated[x].date, dated[y].date),
                DateRelation::Same | DateRelation::Refines
            )
        };
        for (k, members) in same_date.iter().enumerate() {
            let first = members[0];
            if members.len() > 1 && joins(first, first) {
                for &m in &members[1..] {
                    sets.union(first, m);
                }
            }
            for other in &same_date[k + 1..] {
                if joins(first, other[0]) {
                    for &m in members.iter().chain(other) {
                        sets.union(first, m);
                    }
                }
            }
        }
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..dated.len() {
            groups.entry(sets.find(i)).or_default().push(i);
        }
        let groups: Vec<Vec<usize>> = groups.into_values().collect();
        let group_docs: Vec<BTreeSet<&DocId>> = groups
            .iter()
            .map(|g| g.iter().map(|&i| &dated[i].claim.document).collect())
            .collect();
        // Disputes: groups with disjoint sources whose days are close.
        let first_dispute = disputes.len();
        for a in 0..groups.len() {
            for b in a + 1..groups.len() {
                let (da, db) = (&group_docs[a], &group_docs[b]);
                if da.intersection(db).next().is_some() {
                    continue;
                }
                // A source telling both days anywhere in the bundle settles it: two events.
                let apart = dates::days_apart(dated[groups[a][0]].date, dated[groups[b][0]].date);
                if apart.is_some_and(|d| d <= DISPUTE_MAX_DAYS) {
                    disputes.push(DateDispute {
                        participants: pair.clone(),
                        sides: vec![
                            groups[a]
                                .iter()
                                .map(|&i| dated[i].claim.id.clone())
                                .collect(),
                            groups[b]
                                .iter()
                                .map(|&i| dated[i].claim.id.clone())
                                .collect(),
                        ],
                    });
                }
            }
        }
        // A disputed pair of groups is one event with dissent; the rest are events each.
        let mut merged: Vec<Vec<usize>> = (0..groups.len()).map(|i| vec![i]).collect();
        // This block's disputes only (earlier blocks have other participants).
        for d in disputes[first_dispute..]
            .iter()
            .filter(|d| d.participants == pair)
        {
            let find_group = |id: &ClaimId| {
                groups
                    .iter()
                    .position(|g| g.iter().any(|&i| &dated[i].claim.id == id))
            };
            let (Some(a), Some(b)) = (find_group(&d.sides[0][0]), find_group(&d.sides[1][0]))
            else {
                continue;
            };
            let ia = merged.iter().position(|m| m.contains(&a)).unwrap();
            let ib = merged.iter().position(|m| m.contains(&b)).unwrap();
            if ia != ib {
                let moved = std::mem::take(&mut merged[ib]);
                merged[ia].extend(moved);
            }
        }
        let mut pair_events: Vec<Event> = merged
            .iter()
            .filter(|m| !m.is_empty())
            .map(|m| {
                let members: Vec<usize> = m
                    .iter()
                    .flat_map(|&gi| groups[gi].iter().copied())
                    .collect();
                let claims: Vec<&Claim> = members.iter().map(|&i| dated[i].claim).collect();
                let date = consensus_day(members.iter().map(|&i| (dated[i].claim, dated[i].date)));
                let mut e = new_event(&pair, entities, date.clone(), &claims);
                if m.len() > 1 {
                    for &gi in m {
                        let gday = consensus_day(
                            groups[gi].iter().map(|&i| (dated[i].claim, dated[i].date)),
                        );
                        if gday != date {
                            e.dissent.extend(group_docs[gi].iter().map(|&d| d.clone()));
                        }
                    }
                }
                e
            })
            .collect();
        // Undated claims: the document's own event for this pair, else the only one.
        let mut orphan: Vec<&Claim> = Vec::new();
        for c in undated {
            let in_doc: Vec<usize> = pair_events
                .iter()
                .enumerate()
                .filter(|(_, e)| e.documents.contains(&c.document))
                .map(|(i, _)| i)
                .collect();
            let target = match (in_doc.len(), pair_events.len()) {
                (1, _) => Some(in_doc[0]),
                (0, 1) => Some(0),
                _ => None,
            };
            match target {
                Some(i) => {
                    pair_events[i].documents.insert(c.document.clone());
                    pair_events[i].claims.push(c.id.clone());
                }
                None if pair_events.is_empty() => orphan.push(c),
                None => {}
            }
        }
        if !orphan.is_empty() {
            pair_events.push(new_event(&pair, entities, None, &orphan));
        }
        events.extend(pair_events);
    }
    let (happenings, happening_disputes) = event_date_events_with_disputes(claims, entities);
    events.extend(happenings);
    disputes.extend(happening_disputes);
    attach::attach_happenings(&mut events, claims);
    events.sort_by(|a, b| (&a.date, &a.label).cmp(&(&b.date, &b.label)));
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for e in &mut events {
        e.claims.sort();
        let n = seen.entry(e.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            e.id = format!("{}#{}", e.id, n);
        }
    }
    Ledger { events, disputes }
}

fn date_of(c: &Claim) -> Option<&TimeRef> {
    match &c.kind {
        ClaimKind::Communication(x) => x
            .date
            .as_ref()
            .filter(|d| d.day().is_some() || d.weekday.is_some()),
        _ => None,
    }
}

/// The day most documents give (each document counts once), ties to the earliest.
fn consensus_day<'a>(items: impl Iterator<Item = (&'a Claim, &'a TimeRef)>) -> Option<String> {
    let mut votes: BTreeMap<String, BTreeSet<DocId>> = BTreeMap::new();
    for (c, t) in items {
        if let Some(d) = t.day() {
            votes
                .entry(d.to_string())
                .or_default()
                .insert(c.document.clone());
        }
    }
    votes
        .into_iter()
        .max_by(|(da, a), (db, b)| a.len().cmp(&b.len()).then(db.cmp(da)))
        .map(|(d, _)| d)
}

fn new_event(
    pair: &[EntityId],
    entities: &EntityTable,
    date: Option<String>,
    claims: &[&Claim],
) -> Event {
    let names: Vec<&str> = pair.iter().map(|p| entities.name(*p)).collect();
    let medium = claims
        .iter()
        .find_map(|c| match &c.kind {
            ClaimKind::Communication(x) => Some(x.medium),
            _ => None,
        })
        .map_or("call", |m| m.label());
    let slug: Vec<String> = names
        .iter()
        .map(|n| n.split_whitespace().last().unwrap_or(n).to_lowercase())
        .collect();
    Event {
        id: format!(
            "{}/{}",
            date.as_deref().unwrap_or("undated"),
            slug.join("-")
        ),
        kind: EventKind::Communication,
        label: format!("{medium}: {}", names.join(" – ")),
        participants: pair.to_vec(),
        places: Vec::new(),
        date,
        documents: claims.iter().map(|c| c.document.clone()).collect(),
        claims: claims.iter().map(|c| c.id.clone()).collect(),
        dissent: BTreeSet::new(),
    }
}

/// One event-date claim with what clustering needs.
struct Happening<'a> {
    claim: &'a Claim,
    x: &'a crate::claim::EventDate,
    family: &'a str,
    /// Blocking keys: surnames of the people, names of organisations and places (for
    /// statements, the speaker only).
    keys: Vec<String>,
    /// The same for every participant, statements included: where disputes are looked for.
    all_keys: Vec<String>,
}

fn entity_key(entities: &EntityTable, id: EntityId) -> String {
    let e = entities.get(id);
    if e.kind == crate::mentions::MentionKind::Person && !e.surname.is_empty() {
        format!("p:{}", e.surname.to_lowercase())
    } else {
        format!("e:{}", e.canonical.to_lowercase())
    }
}

/// Event-date claims into events. Dated claims of one family that share a key (a
/// participant's surname, an organisation, a place) and have compatible dates are one
/// event; comparisons never leave a (family, key) block. Undated claims never make an
/// event: they join the one event of their family they share a key with (their own
/// document's, if several).
pub fn event_date_events(claims: &[Claim], entities: &EntityTable) -> Vec<Event> {
    event_date_events_with_disputes(claims, entities).0
}

/// Event types that happen once to the same people or place in a story (a shooting, an
/// arrest, a verdict), so two days for the same one are a disagreement
/// (`rules/lexicon/event-once.txt`). Other types recur (a statement, a hearing, a protest).
static ONCE: std::sync::LazyLock<BTreeSet<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("../rules/lexicon/event-once.txt")
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect()
});

/// Does this event type happen once to the same people in a story?
pub fn happens_once(event_type: &str) -> bool {
    ONCE.contains(event_type)
}

/// Two days further apart than this are two happenings, not one told two ways. A weekday
/// is resolved to the last such day on or before the article's date, so a weekday changed
/// by one name lands up to six days away.
pub const HAPPENING_DISPUTE_MAX_DAYS: i32 = 6;
/// Two sentences tell the same happening when they share at least this many content words
/// (besides names and dates)...
const PARALLEL_MIN_SHARED: usize = 3;
/// ... and at least this share of the shorter sentence's.
const PARALLEL_MIN_SHARE: f64 = 0.5;
/// One speaker's statement, or one recurring type of happening of one participant, put on
/// one day by each of two sources needs this many shared content words to be one
/// happening told on two days.
const LONE_MIN_SHARED: usize = 1;
/// Claim pairs compared per (family, key) block, at most: beyond, a block is a story-wide
/// key (the head of state in a thousand articles) and only one-off types are compared.
const PARALLEL_MAX_BLOCK: usize = 400;
/// Claims cited per side of a dispute besides the pair that shows it, at most.
const EVIDENCE_PER_SIDE: usize = 12;

/// Event-date events, and the disputes among them: two groups of the same event type and
/// the same participant or place whose days conflict, close together, that no source
/// reports both of.
pub fn event_date_events_with_disputes(
    claims: &[Claim],
    entities: &EntityTable,
) -> (Vec<Event>, Vec<DateDispute>) {
    use crate::extract::event_date::{family, is_undated};
    let mut items: Vec<Happening> = Vec::new();
    for c in claims {
        let ClaimKind::EventDate(x) = &c.kind else {
            continue;
        };
        let fam = family(&x.event);
        let mut all_keys: Vec<String> = x
            .participants
            .iter()
            .take(3)
            .chain(x.places.iter())
            .map(|p| entity_key(entities, *p))
            .collect();
        all_keys.sort();
        all_keys.dedup();
        let mut keys: Vec<String> = if fam == "statement" {
            x.participants
                .first()
                .map(|p| entity_key(entities, *p))
                .into_iter()
                .collect()
        } else {
            x.participants
                .iter()
                .take(3)
                .chain(x.places.iter())
                .map(|p| entity_key(entities, *p))
                .collect()
        };
        keys.sort();
        keys.dedup();
        if !keys.is_empty() {
            items.push(Happening {
                claim: c,
                x,
                family: fam,
                keys,
                all_keys,
            });
        }
    }
    let dated: Vec<usize> = (0..items.len())
        .filter(|&i| !is_undated(&items[i].x.date) && items[i].x.date.day().is_some())
        .collect();
    let mut blocks: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for &i in &dated {
        for k in &items[i].keys {
            blocks
                .entry((items[i].family, k.as_str()))
                .or_default()
                .push(i);
        }
    }
    let mut sets = UnionFind::new(items.len());
    for members in blocks.values() {
        // Within a block, one representative per day is enough: same-day claims always
        // join, and a claim joins the representative of any compatible day.
        let mut reps: Vec<usize> = Vec::new();
        for &i in members {
            let mut same = None;
            let mut refines = None;
            for &r in &reps {
                match dates::compare(&items[i].x.date, &items[r].x.date) {
                    DateRelation::Same => {
                        same = Some(r);
                        break;
                    }
                    DateRelation::Refines => {
                        refines = refines.or(Some(r));
                    }
                    _ => {}
                }
            }
            match same.or(refines) {
                Some(r) => {
                    sets.union(i, r);
                }
                None => reps.push(i),
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &dated {
        groups.entry(sets.find(i)).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
    // Undated claims join the one event of their family they share a key with.
    let mut by_key: BTreeMap<(&str, &str), BTreeSet<usize>> = BTreeMap::new();
    for (g, members) in groups.iter().enumerate() {
        for &i in members {
            for k in &items[i].keys {
                by_key
                    .entry((items[i].family, k.as_str()))
                    .or_default()
                    .insert(g);
            }
        }
    }
    // Per document, the groups it has a dated claim in; per (family, key, event type),
    // the groups telling that type of event. An undated claim is then placed without
    // scanning every group that shares a (possibly very common) key with it.
    let mut groups_of_doc: BTreeMap<DocIdx, BTreeSet<usize>> = BTreeMap::new();
    let mut by_key_event: BTreeMap<(&str, &str, &str), BTreeSet<usize>> = BTreeMap::new();
    for (g, members) in groups.iter().enumerate() {
        let mut keys: BTreeSet<(&str, &str)> = BTreeSet::new();
        let mut kinds: BTreeSet<&str> = BTreeSet::new();
        for &m in members {
            groups_of_doc
                .entry(items[m].claim.doc)
                .or_default()
                .insert(g);
            keys.extend(items[m].keys.iter().map(|k| (items[m].family, k.as_str())));
            kinds.insert(items[m].x.event.as_str());
        }
        // A group tells an event type when any member does, whichever key it shares.
        for (fam, k) in keys {
            for &e in &kinds {
                by_key_event.entry((fam, k, e)).or_default().insert(g);
            }
        }
    }
    // The only element of a union of sets, if it has exactly one (stops at a second).
    fn single<'s>(sets: impl Iterator<Item = &'s BTreeSet<usize>>) -> Option<usize> {
        let mut one = None;
        for g in sets.flatten() {
            match one {
                None => one = Some(*g),
                Some(x) if x != *g => return None,
                Some(_) => {}
            }
        }
        one
    }
    // Per group, how many documents tell it (groups do not change until the joins below).
    let told_by: Vec<usize> = groups
        .iter()
        .map(|members| {
            members
                .iter()
                .map(|&m| items[m].claim.doc)
                .collect::<BTreeSet<DocIdx>>()
                .len()
        })
        .collect();
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if !is_undated(&it.x.date) {
            continue;
        }
        let sets = || {
            it.keys
                .iter()
                .filter_map(|k| by_key.get(&(it.family, k.as_str())))
        };
        // The candidate groups (sharing a key) this document also has a claim in.
        let own: Vec<usize> = groups_of_doc
            .get(&it.claim.doc)
            .into_iter()
            .flatten()
            .copied()
            .filter(|g| sets().any(|s| s.contains(g)))
            .collect();
        let tells_same = |g: usize| groups[g].iter().any(|&m| items[m].x.event == it.x.event);
        // Several candidates: the one that tells the same type of event, if only one does.
        let own_same: Vec<usize> = own.iter().copied().filter(|&g| tells_same(g)).collect();
        let all_same =
            || {
                single(it.keys.iter().filter_map(|k| {
                    by_key_event.get(&(it.family, k.as_str(), it.x.event.as_str()))
                }))
            };
        // Still several: the story's main one, told by more sources than any other
        // group of the same type sharing a key (an undated "address" is the address).
        let most_told = || {
            let mut told: Vec<(usize, usize)> = it
                .keys
                .iter()
                .filter_map(|k| by_key_event.get(&(it.family, k.as_str(), it.x.event.as_str())))
                .flatten()
                .map(|&g| (told_by[g], g))
                .collect();
            told.sort_unstable_by(|a, b| b.cmp(a));
            told.dedup();
            match told[..] {
                [(n, g), (m, _), ..] if n > m => Some(g),
                [(_, g)] => Some(g),
                _ => None,
            }
        };
        let target = (own_same.len() == 1)
            .then(|| own_same[0])
            .or_else(all_same)
            .or_else(|| (own.len() == 1).then(|| own[0]))
            .or_else(|| single(sets()))
            .or_else(most_told);
        if let Some(g) = target {
            joins.push((g, i));
        }
    }
    for (g, i) in joins {
        groups[g].push(i);
    }
    // Disputes are looked for per participant or place, whatever the family: a dated
    // sentence without an event word can be told by another source with one.
    let mut dispute_blocks: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in &dated {
        for k in &items[i].all_keys {
            dispute_blocks.entry(k.as_str()).or_default().push(i);
        }
    }
    let (disputes, disputed) = happening_disputes(&items, &groups, &dispute_blocks);
    // A disputed happening is one event of the ledger, dated by its majority: its two
    // day groups are merged (the dispute itself is reported apart).
    let groups = merge_groups(groups, &disputed);
    let groups = corroborate(&items, groups, entities);
    let events = groups
        .iter()
        .filter_map(|members| happening_event(&items, members, entities))
        .collect();
    (events, disputes)
}

/// A dated sentence without an event word that names two or more of an event's people on
/// the event's day ("X beat Y in the final set on Saturday" beside "the match" of X and
/// Y on Saturday) tells that event: its source joins the event, when exactly one event of
/// that day names them. Statements are not such events: their people are the speaker and
/// whoever is mentioned. (For the ledger only: disputes are found before.)
fn corroborate(
    items: &[Happening],
    mut groups: Vec<Vec<usize>>,
    entities: &EntityTable,
) -> Vec<Vec<usize>> {
    use crate::extract::event_date::is_undated;
    // Per event group (one with an event word): its people, and its first dated claim.
    let mut people: Vec<BTreeSet<EntityId>> = vec![BTreeSet::new(); groups.len()];
    let mut day: Vec<Option<usize>> = vec![None; groups.len()];
    let mut by_person: BTreeMap<EntityId, BTreeSet<usize>> = BTreeMap::new();
    for (g, members) in groups.iter().enumerate() {
        // A statement's people are its speaker and whoever it mentions, not actors of
        // one happening: statements take no corroboration.
        if members
            .iter()
            .all(|&i| matches!(items[i].family, HAPPENING | "statement"))
        {
            continue;
        }
        for &i in members {
            if matches!(items[i].family, HAPPENING | "statement") {
                continue;
            }
            people[g].extend(items[i].x.participants.iter().copied());
            if day[g].is_none() && !is_undated(&items[i].x.date) {
                day[g] = Some(i);
            }
        }
        for p in &people[g] {
            by_person.entry(*p).or_default().insert(g);
        }
    }
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for members in &groups {
        if !members.iter().all(|&i| items[i].family == HAPPENING) {
            continue;
        }
        for &i in members {
            let it = &items[i];
            if is_undated(&it.x.date) || it.x.participants.len() < 2 {
                continue;
            }
            let mut candidates: BTreeSet<usize> = BTreeSet::new();
            for p in &it.x.participants {
                candidates.extend(by_person.get(p).into_iter().flatten().copied());
            }
            let fits: Vec<usize> = candidates
                .into_iter()
                .filter(|&e| {
                    let shared =
                        it.x.participants
                            .iter()
                            .filter(|p| people[e].contains(p))
                            .count();
                    shared >= 2
                        && day[e].is_some_and(|d| {
                            matches!(
                                dates::compare(&it.x.date, &items[d].x.date),
                                DateRelation::Same | DateRelation::Refines
                            )
                        })
                })
                .collect();
            if let [e] = fits[..] {
                joins.push((e, i));
            }
        }
    }
    for (e, i) in joins {
        groups[e].push(i);
    }
    // One-off events of one type on one day are one happening of the story, however each
    // source names its people ("an arrest was made in the arson case" / "Name was
    // detained"): blocked by (type, day), merged in order.
    let mut by_type_day: BTreeMap<(&str, String), usize> = BTreeMap::new();
    let mut same: Vec<(usize, usize)> = Vec::new();
    for (g, members) in groups.iter().enumerate() {
        let Some(d) = members
            .iter()
            .copied()
            .find(|&i| happens_once(&items[i].x.event) && items[i].x.date.day().is_some())
        else {
            continue;
        };
        let Some(day) = items[d].x.date.day() else {
            continue;
        };
        let key = (items[d].x.event.as_str(), day.to_string());
        let first = *by_type_day.entry(key).or_insert(g);
        if first != g {
            same.push((first, g));
        }
    }
    let groups = merge_groups(groups, &same);
    // Statements are grouped by speaker, so one announcement told through different
    // speakers ("the academy announced Friday that Ada Morrow will host" / "the producers
    // said Friday Morrow...") would be as many events: statements of one day that name
    // the same person are one exchange.
    let mut by_day_person: BTreeMap<(&str, EntityId), usize> = BTreeMap::new();
    let mut exchange: Vec<(usize, usize)> = Vec::new();
    for (g, members) in groups.iter().enumerate() {
        if !members.iter().all(|&i| items[i].family == "statement") {
            continue;
        }
        let Some(day) = members.iter().find_map(|&i| items[i].x.date.day()) else {
            continue;
        };
        let people: BTreeSet<EntityId> = members
            .iter()
            .flat_map(|&i| items[i].x.participants.iter().copied())
            .filter(|&p| entities.get(p).kind == crate::mentions::MentionKind::Person)
            .collect();
        for p in people {
            let first = *by_day_person.entry((day, p)).or_insert(g);
            if first != g {
                exchange.push((first, g));
            }
        }
    }
    merge_groups(groups, &exchange)
}

/// Disputes among event-date claims: two claims of different documents that share a
/// participant or place (one block per key), with days that conflict and lie at most [`HAPPENING_DISPUTE_MAX_DAYS`] apart, where
/// - both name the same one-off type of event ([`happens_once`]: an arrest, a death), or
/// - both are of one family and the two sentences say the same thing otherwise
///   ([`parallel`]: a rewrite of one report, "X said Monday that..." / "X said Tuesday
///   that..."),
///
/// and no document of the bundle tells both days (of this family, for this key): a source that reports
/// both days reports two happenings. One dispute per pair of date groups.
/// Also returns the pairs of day groups disputed.
fn happening_disputes(
    items: &[Happening],
    groups: &[Vec<usize>],
    blocks: &BTreeMap<&str, Vec<usize>>,
) -> (Vec<DateDispute>, Vec<(usize, usize)>) {
    let mut group_of: Vec<Option<usize>> = vec![None; items.len()];
    for (g, members) in groups.iter().enumerate() {
        for &m in members {
            group_of[m] = Some(g);
        }
    }
    // Per pair of groups: the claims on each side, in order.
    let mut pairs: BTreeMap<(usize, usize), (BTreeSet<usize>, BTreeSet<usize>)> = BTreeMap::new();
    for (&key, members) in blocks {
        let in_block: BTreeSet<usize> = members.iter().copied().collect();
        // The block's claims of a group that tell what `m` tells (the same type of event,
        // or a parallel sentence), for evidence; none from `other`'s document, which is
        // cited on the other side.
        // Then one claim of each other source that puts something of this key on the
        // same day (and is not of the other side's day group) in other words ("beat him
        // in the final set" beside "the match"):
        // the editor sees every source of each day.
        let with = |g: usize, m: usize, other: usize| {
            let mut v: Vec<usize> = groups[g]
                .iter()
                .copied()
                .filter(|&o| {
                    in_block.contains(&o)
                        && items[o].claim.doc != items[other].claim.doc
                        && (items[o].x.event == items[m].x.event
                            || same_happening(&items[o], &items[m]))
                })
                .take(EVIDENCE_PER_SIDE)
                .collect();
            let mut cited: BTreeSet<DocIdx> = v.iter().map(|&o| items[o].claim.doc).collect();
            cited.insert(items[m].claim.doc);
            cited.insert(items[other].claim.doc);
            for &o in members {
                if v.len() >= EVIDENCE_PER_SIDE {
                    break;
                }
                if !cited.contains(&items[o].claim.doc)
                    && group_of[o] != group_of[other]
                    && matches!(
                        dates::compare(&items[o].x.date, &items[m].x.date),
                        DateRelation::Same | DateRelation::Refines
                    )
                {
                    cited.insert(items[o].claim.doc);
                    v.push(o);
                }
            }
            v
        };
        let large = members.len() > PARALLEL_MAX_BLOCK;
        // Per (document, family), the day groups it tells in this block (a statement
        // told on one day only is one statement), and per (document, day group), its
        // claims in this block.
        let mut told: BTreeMap<(DocIdx, &str), BTreeSet<usize>> = BTreeMap::new();
        let mut on_day: BTreeMap<usize, BTreeMap<DocIdx, Vec<usize>>> = BTreeMap::new();
        for &m in members {
            if let Some(g) = group_of[m] {
                // A statement counts for its speaker only: a source that names this key in
                // someone else's statement on another day still tells the key's own
                // statement on one day.
                let by_key = items[m].family != "statement"
                    || items[m].keys.first().map(String::as_str) == Some(key);
                if by_key {
                    told.entry((items[m].claim.doc, items[m].family))
                        .or_default()
                        .insert(g);
                }
                on_day
                    .entry(g)
                    .or_default()
                    .entry(items[m].claim.doc)
                    .or_default()
                    .push(m);
            }
        }
        // A source that tells this happening on both days (claims like `a` on `a`'s day
        // and like `b` on `b`'s: the same one-off type, or parallel sentences) reports
        // two happenings.
        let tells_both = |ga: usize, gb: usize, a: usize, b: usize| {
            let (Some(x), Some(y)) = (on_day.get(&ga), on_day.get(&gb)) else {
                return false;
            };
            let like = |c: usize, o: usize| c == o || same_happening(&items[c], &items[o]);
            x.iter().any(|(d, cs)| {
                y.get(d).is_some_and(|ds| {
                    cs.iter().any(|&c| like(c, a)) && ds.iter().any(|&o| like(o, b))
                })
            })
        };
        let one_day =
            |d: DocIdx, family: &str| told.get(&(d, family)).is_some_and(|g| g.len() == 1);
        // A block's statements that may be one speaker's one statement on two days:
        // the speaker is the block's key alone, and each source tells it on one day.
        let lone_statement = |m: usize| {
            let it = &items[m];
            it.family == "statement"
                && it.keys.len() == 1
                && it.keys[0] == key
                && one_day(it.claim.doc, "statement")
        };
        // A typed happening that recurs in general (a hearing, a protest, a visit) but
        // that each source tells on one day only for this participant or place.
        let lone_kind = |m: usize| {
            let it = &items[m];
            it.family != "statement" && it.family != HAPPENING && one_day(it.claim.doc, it.family)
        };
        let mut consider = |a: usize, b: usize| {
            let (ia, ib) = (&items[a], &items[b]);
            if ia.claim.doc == ib.claim.doc {
                return;
            }
            let (Some(ga), Some(gb)) = (group_of[a], group_of[b]) else {
                return;
            };
            if ga == gb {
                return;
            }
            let same_once = ia.x.event == ib.x.event && happens_once(&ia.x.event);
            let comparable = comparable_families(ia, ib);
            let on_topic = || {
                crate::extract::event_date::overlap(&ia.x.context, &ib.x.context).0
                    >= LONE_MIN_SHARED
            };
            // One speaker's statement, or one type of happening, that each of the two
            // sources puts on one day only, on topic (a content word shared): one
            // happening, two days.
            let one_statement =
                ia.family == ib.family && lone_statement(a) && lone_statement(b) && on_topic();
            let one_of_kind =
                ia.x.event == ib.x.event && lone_kind(a) && lone_kind(b) && on_topic();
            if !same_once
                && !one_statement
                && !one_of_kind
                && (large || !comparable || !parallel(ia.x, ib.x))
            {
                return;
            }
            if dates::compare(&ia.x.date, &ib.x.date) != DateRelation::Conflict
                || dates::days_apart(&ia.x.date, &ib.x.date)
                    .is_none_or(|d| d > HAPPENING_DISPUTE_MAX_DAYS)
            {
                return;
            }
            if tells_both(ga, gb, a, b) {
                return;
            }
            let (ga, gb, a, b) = if ga < gb {
                (ga, gb, a, b)
            } else {
                (gb, ga, b, a)
            };
            // Each side: the pair found, and for a one-off type, the other claims of its
            // day group in this block that tell the same type (every source is cited).
            let e = pairs.entry((ga, gb)).or_default();
            e.0.insert(a);
            e.1.insert(b);
            e.0.extend(with(ga, a, b));
            e.1.extend(with(gb, b, a));
        };
        if large {
            // Beyond the bound only a one-off type told twice, or one speaker's lone
            // statement, can make a dispute: the pairs within each such class, in block
            // order, instead of every pair of the block (a pair in both classes once).
            let mut once: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            let mut statements: Vec<usize> = Vec::new();
            for &m in members {
                if happens_once(&items[m].x.event) {
                    once.entry(items[m].x.event.as_str()).or_default().push(m);
                }
                if lone_statement(m) {
                    statements.push(m);
                }
            }
            for class in once.values() {
                for (x, &a) in class.iter().enumerate() {
                    for &b in &class[x + 1..] {
                        consider(a, b);
                    }
                }
            }
            for (x, &a) in statements.iter().enumerate() {
                for &b in &statements[x + 1..] {
                    if !(items[a].x.event == items[b].x.event && happens_once(&items[a].x.event)) {
                        consider(a, b);
                    }
                }
            }
        } else {
            for (x, &a) in members.iter().enumerate() {
                for &b in &members[x + 1..] {
                    consider(a, b);
                }
            }
        }
    }
    let mut out = Vec::new();
    let disputed: Vec<(usize, usize)> = pairs.keys().copied().collect();
    for (_, (sa, sb)) in pairs {
        let (a0, b0) = (*sa.first().unwrap(), *sb.first().unwrap());
        let shared: Vec<EntityId> = items[a0]
            .x
            .participants
            .iter()
            .copied()
            .filter(|p| items[b0].x.participants.contains(p))
            .collect();
        let ids = |s: &BTreeSet<usize>| -> Vec<ClaimId> {
            let mut v: Vec<ClaimId> = s.iter().map(|&m| items[m].claim.id.clone()).collect();
            v.sort();
            v
        };
        out.push(DateDispute {
            participants: shared,
            sides: vec![ids(&sa), ids(&sb)],
        });
    }
    (out, disputed)
}

/// Merge groups pairwise (each pair into the lower index, transitively), keeping the
/// groups' order; emptied groups are dropped.
fn merge_groups(mut groups: Vec<Vec<usize>>, pairs: &[(usize, usize)]) -> Vec<Vec<usize>> {
    if pairs.is_empty() {
        return groups;
    }
    let mut sets = UnionFind::new(groups.len());
    for &(a, b) in pairs {
        sets.union(a, b);
    }
    let mut root_first: BTreeMap<usize, usize> = BTreeMap::new();
    for g in 0..groups.len() {
        root_first.entry(sets.find(g)).or_insert(g);
    }
    for g in 0..groups.len() {
        let first = root_first[&sets.find(g)];
        if first != g {
            let moved = std::mem::take(&mut groups[g]);
            groups[first].extend(moved);
        }
    }
    groups.retain(|g| !g.is_empty());
    groups
}

/// Do two claims tell the same happening: the same type of one-off event, or parallel
/// sentences of comparable families?
fn same_happening(a: &Happening, b: &Happening) -> bool {
    (a.x.event == b.x.event && happens_once(&a.x.event))
        || (comparable_families(a, b) && parallel(a.x, b.x))
}

/// Can two claims' sentences be parallel tellings: of one family, or one of them without
/// an event word (it may tell the other's event in other words)?
fn comparable_families(a: &Happening, b: &Happening) -> bool {
    a.family == b.family || a.family == HAPPENING || b.family == HAPPENING
}

/// Do two event-date claims come from sentences that say the same thing besides names
/// and dates (the same report rewritten)?
pub fn parallel(a: &crate::claim::EventDate, b: &crate::claim::EventDate) -> bool {
    let (shared, share) = crate::extract::event_date::overlap(&a.context, &b.context);
    shared >= PARALLEL_MIN_SHARED && share >= PARALLEL_MIN_SHARE
}

fn happening_event(
    items: &[Happening],
    members: &[usize],
    entities: &EntityTable,
) -> Option<Event> {
    use crate::extract::event_date::is_undated;
    // A dated sentence without an event word is evidence for disputes, not an event.
    if members.iter().all(|&i| items[i].x.event == HAPPENING) {
        return None;
    }
    let date = consensus_day(
        members
            .iter()
            .filter(|&&i| !is_undated(&items[i].x.date))
            .map(|&i| (items[i].claim, &items[i].x.date)),
    )?;
    // Participants and places by how many documents name them, then by name.
    // Participants and places by how many documents name them, then by how early the
    // claims name them (the speaker, the subject first), then by name.
    type Named<'b> = (EntityId, usize, &'b DocId);
    let rank = |ids: &mut dyn Iterator<Item = Named>| -> Vec<EntityId> {
        let mut docs: BTreeMap<EntityId, (BTreeSet<&DocId>, usize)> = BTreeMap::new();
        for (id, pos, d) in ids {
            let e = docs.entry(id).or_insert((BTreeSet::new(), usize::MAX));
            e.0.insert(d);
            e.1 = e.1.min(pos);
        }
        let mut v: Vec<(usize, usize, &str, EntityId)> = docs
            .into_iter()
            .map(|(id, (ds, pos))| (ds.len(), pos, entities.name(id), id))
            .collect();
        v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2)));
        v.into_iter().map(|(_, _, _, id)| id).collect()
    };
    let participants = rank(&mut members.iter().flat_map(|&i| {
        items[i]
            .x
            .participants
            .iter()
            .enumerate()
            .map(move |(k, p)| (*p, k, &items[i].claim.document))
    }));
    let places: Vec<EntityId> = rank(&mut members.iter().flat_map(|&i| {
        items[i]
            .x
            .places
            .iter()
            .enumerate()
            .map(move |(k, p)| (*p, k, &items[i].claim.document))
    }))
    .into_iter()
    .filter(|p| !participants.contains(p))
    .collect();
    // The event's type: the most frequent among the dated claims; deaths and killings are
    // what other types end in, so they name the event only when nothing else does.
    let mut types: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in members {
        *types.entry(items[i].x.event.as_str()).or_default() += 1;
    }
    let generic = |t: &str| matches!(t, "death" | "killing" | "statement");
    let ty = types
        .iter()
        .max_by(|a, b| {
            (!generic(a.0), a.1)
                .cmp(&(!generic(b.0), b.1))
                .then(b.0.cmp(a.0))
        })
        .map(|(t, _)| t.to_string())
        .unwrap_or_default();
    let names: Vec<&str> = participants
        .iter()
        .chain(places.iter())
        .take(3)
        .map(|p| entities.name(*p))
        .collect();
    let slug: String = names
        .first()
        .map(|n| n.split_whitespace().last().unwrap_or(n).to_lowercase())
        .unwrap_or_default();
    let mut claims: Vec<ClaimId> = members.iter().map(|&i| items[i].claim.id.clone()).collect();
    claims.sort();
    // Sources that date this event and never on its day, nor compatibly with a claim of
    // its day (a disputed happening is one event: see `merge_groups`).
    let dated: Vec<&Happening> = members
        .iter()
        .map(|&i| &items[i])
        .filter(|it| it.x.date.day().is_some())
        .collect();
    let of_day: Vec<&TimeRef> = dated
        .iter()
        .filter(|it| it.x.date.day() == Some(date.as_str()))
        .map(|it| &it.x.date)
        .collect();
    let dating: BTreeSet<&DocId> = dated.iter().map(|it| &it.claim.document).collect();
    let on_day: BTreeSet<&DocId> = dated
        .iter()
        .filter(|it| {
            of_day.iter().any(|d| {
                matches!(
                    dates::compare(&it.x.date, d),
                    DateRelation::Same | DateRelation::Refines
                )
            })
        })
        .map(|it| &it.claim.document)
        .collect();
    let dissent: BTreeSet<DocId> = dating.difference(&on_day).map(|d| (*d).clone()).collect();
    Some(Event {
        id: format!("{date}/{ty}-{slug}"),
        kind: EventKind::Event,
        label: format!("{ty}: {}", names.join(", ")),

        participants,
        places,
        date: Some(date),
        documents: members
            .iter()
            .map(|&i| items[i].claim.document.clone())
            .collect(),
        claims,
        dissent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::EventDate;
    use crate::compare::dates::tests::day_in;
    use crate::extract::event_date::UNDATED;
    use crate::mentions::MentionKind;
    use crate::span::Span;

    fn table() -> EntityTable {
        let mk = |i: usize, name: &str, kind: MentionKind| crate::entities::Entity {
            id: EntityId(i),
            canonical: name.into(),
            kind,
            aliases: BTreeSet::new(),
            surname: if kind == MentionKind::Person {
                name.split_whitespace().last().unwrap().into()
            } else {
                String::new()
            },
            given: Vec::new(),
            documents: BTreeSet::new(),
            declared: false,
        };
        EntityTable {
            entities: vec![
                mk(0, "Tomas Kell", MentionKind::Person),
                mk(1, "Millbrook", MentionKind::Place),
                mk(2, "Rena Oduya", MentionKind::Person),
                mk(3, "Tomas Kel", MentionKind::Person),
            ],
            resolved: Default::default(),
        }
    }

    pub(super) fn claim(
        doc: &str,
        n: usize,
        event: &str,
        parts: &[usize],
        places: &[usize],
        day: &str,
    ) -> Claim {
        let date = if day == UNDATED {
            TimeRef {
                span: Span::default(),
                value: UNDATED.into(),
                utc: None,
                weekday: None,
                year_inferred: false,
                tz: None,
                zone_stated: false,
            }
        } else {
            day_in(day, "UTC")
        };
        Claim {
            id: ClaimId(format!("{doc}:event-date:{n}")),
            document: DocId(doc.into()),
            // Distinct for distinct names of up to four bytes (the tests' "a", "b").
            doc: crate::document::DocIdx(doc.bytes().fold(0, |h, b| h << 8 | u32::from(b))),
            span: Span::default(),
            kind: ClaimKind::EventDate(Box::new(EventDate {
                event: event.into(),
                participants: parts.iter().map(|&p| EntityId(p)).collect(),
                places: places.iter().map(|&p| EntityId(p)).collect(),
                date,
                context: Default::default(),
                relative: None,
            })),
        }
    }

    #[test]
    fn same_happening_told_two_ways_is_one_event() {
        let claims = vec![
            // "Tomas Kell was shot and killed Friday in Millbrook."
            claim("a", 1, "shooting", &[0], &[1], "2033-06-10"),
            // "Kel died on June 10 at his home in Millbrook."
            claim("b", 1, "death", &[3], &[1], "2033-06-10"),
            // "Kell's killing ..." without a day: joins the event, never makes one.
            claim("c", 1, "killing", &[0], &[], UNDATED),
            // The same day, a statement by another person: another family, another event.
            claim("b", 2, "statement", &[2, 0], &[], "2033-06-10"),
        ];
        let ledger = build(&claims, &table());
        let events: Vec<(&str, Vec<&str>)> = ledger
            .events
            .iter()
            .map(|e| {
                (
                    e.label.as_str(),
                    e.documents.iter().map(|d| d.0.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            events,
            vec![
                (
                    "shooting: Tomas Kell, Tomas Kel, Millbrook",
                    vec!["a", "b", "c"]
                ),
                ("statement: Rena Oduya, Tomas Kell", vec!["b"]),
            ]
        );
        assert_eq!(ledger.events[0].id, "2033-06-10/shooting-kell");
        assert!(ledger.disputes.is_empty());
    }

    #[test]
    fn different_days_or_types_stay_apart() {
        let claims = vec![
            claim("a", 1, "indictment", &[0], &[], "2033-06-07"),
            claim("b", 1, "indictment", &[0], &[], "2033-06-07"),
            claim("b", 2, "hearing", &[0], &[], "2033-06-09"),
            claim("c", 1, "indictment", &[0], &[], "2033-05-02"),
        ];
        let ledger = build(&claims, &table());
        let got: Vec<(Option<&str>, &str, usize)> = ledger
            .events
            .iter()
            .map(|e| (e.date.as_deref(), e.kind.as_str(), e.documents.len()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("2033-05-02"), "event", 1),
                (Some("2033-06-07"), "event", 2),
                (Some("2033-06-09"), "event", 1),
            ]
        );
    }

    fn with_context(mut c: Claim, words: &[&str]) -> Claim {
        if let ClaimKind::EventDate(x) = &mut c.kind {
            x.context = crate::sorted::Words::new(words);
        }
        c
    }

    /// The disputes as (side a documents, side b documents).
    fn disputes(claims: &[Claim]) -> Vec<(Vec<String>, Vec<String>)> {
        let docs = |ids: &Vec<ClaimId>| -> Vec<String> {
            ids.iter()
                .map(|i| i.0.split(':').next().unwrap().to_string())
                .collect()
        };
        build(claims, &table())
            .disputes
            .iter()
            .map(|d| (docs(&d.sides[0]), docs(&d.sides[1])))
            .collect()
    }

    #[test]
    fn a_one_off_event_on_two_days_is_a_dispute() {
        // "Police arrested Tomas Kell on Monday" / "... on Tuesday" (a, c) ...
        let claims = vec![
            claim("a", 1, "arrest", &[0], &[], "2033-06-06"),
            claim("b", 1, "arrest", &[0], &[1], "2033-06-07"),
            claim("c", 1, "arrest", &[0], &[], "2033-06-07"),
        ];
        assert_eq!(
            disputes(&claims),
            vec![(vec!["a".into()], vec!["b".into(), "c".into()])]
        );
        // ... but a week and more apart, two arrests.
        let claims = vec![
            claim("a", 1, "arrest", &[0], &[], "2033-06-01"),
            claim("b", 1, "arrest", &[0], &[], "2033-06-09"),
        ];
        assert!(disputes(&claims).is_empty());
    }

    #[test]
    fn different_events_of_the_same_people_are_no_dispute() {
        // Arrested on Monday, in court on Tuesday; a statement on each day.
        let claims = vec![
            claim("a", 1, "arrest", &[0], &[], "2033-06-06"),
            claim("b", 1, "hearing", &[0], &[], "2033-06-07"),
            claim("a", 2, "statement", &[2, 0], &[], "2033-06-06"),
            claim("b", 2, "statement", &[2, 0], &[], "2033-06-07"),
        ];
        assert!(disputes(&claims).is_empty());
    }

    #[test]
    fn a_source_that_reports_both_days_reports_two_events() {
        let claims = vec![
            claim("a", 1, "shooting", &[0], &[], "2033-06-06"),
            claim("b", 1, "shooting", &[0], &[], "2033-06-08"),
            // c tells a shooting of Kell on each day: two shootings.
            claim("c", 1, "shooting", &[0], &[], "2033-06-06"),
            claim("c", 2, "shooting", &[0], &[], "2033-06-08"),
        ];
        assert!(disputes(&claims).is_empty());
    }

    #[test]
    fn the_same_sentence_on_two_days_is_a_dispute_whatever_the_event() {
        // "Rena Oduya said Monday that the blaze started in a loading bay" and the same
        // words with "Sunday": statements recur, the same report told twice does not.
        let words = ["blaz", "start", "load", "bay"];
        let claims = vec![
            with_context(claim("a", 1, "statement", &[2], &[], "2033-06-06"), &words),
            with_context(claim("b", 1, "statement", &[2], &[], "2033-06-05"), &words),
            // Another statement by the same person on another day, in other words.
            with_context(
                claim("c", 1, "statement", &[2], &[], "2033-06-08"),
                &["budget", "cut", "vote"],
            ),
        ];
        assert_eq!(
            disputes(&claims),
            vec![(vec!["a".into()], vec!["b".into()])]
        );
    }

    #[test]
    fn a_source_with_other_happenings_on_both_days_still_disputes_a_parallel_one() {
        // a: "After the match, Kell thanked the crowd" on Saturday; b tells the same
        // sentence on Friday, and also the match itself on Saturday, in other words: b
        // tells two days, but not of this happening.
        let thanks = ["after", "match", "thank", "crowd"];
        let claims = vec![
            with_context(claim("a", 1, HAPPENING, &[0], &[], "2033-06-11"), &thanks),
            with_context(claim("b", 1, HAPPENING, &[0], &[], "2033-06-10"), &thanks),
            with_context(
                claim("b", 2, HAPPENING, &[0], &[], "2033-06-11"),
                &["beat", "round", "title", "sixth"],
            ),
        ];
        assert_eq!(
            disputes(&claims),
            vec![(vec!["a".into()], vec!["b".into()])]
        );
        // When b tells the thanks on both days, it reports two of them.
        let mut claims = claims;
        claims.push(with_context(
            claim("b", 3, HAPPENING, &[0], &[], "2033-06-11"),
            &thanks,
        ));
        assert!(disputes(&claims).is_empty());
    }

    #[test]
    fn each_side_cites_every_source_of_its_day() {
        // a and b tell the thanks on two days; c tells the match (another type) with the
        // same person on a's day: it is cited on a's side, once.
        let thanks = ["after", "match", "thank", "crowd"];
        let claims = vec![
            with_context(claim("a", 1, HAPPENING, &[0], &[], "2033-06-11"), &thanks),
            with_context(claim("b", 1, HAPPENING, &[0], &[], "2033-06-10"), &thanks),
            claim("c", 1, "match", &[0], &[], "2033-06-11"),
            claim("c", 2, "match", &[0], &[], "2033-06-11"),
        ];
        assert_eq!(
            disputes(&claims),
            vec![(vec!["a".into(), "c".into()], vec!["b".into()])]
        );
    }

    #[test]
    fn a_sentence_without_an_event_word_naming_the_event_s_people_joins_it() {
        // a: "the bout" of Kell and Oduya on Saturday; b: "Kell stopped Oduya in the
        // final set on Saturday" (no event word); c names them on another day.
        let claims = vec![
            claim("a", 1, "match", &[0, 2], &[], "2033-06-11"),
            claim("b", 1, HAPPENING, &[0, 2], &[], "2033-06-11"),
            claim("c", 1, HAPPENING, &[0, 2], &[], "2033-06-09"),
            // d names one of them, and no other event of that day names him: it tells
            // this one (the last step of the ledger, `attach`).
            claim("d", 1, HAPPENING, &[0], &[], "2033-06-11"),
        ];
        let ledger = build(&claims, &table());
        let docs: Vec<Vec<&str>> = ledger
            .events
            .iter()
            .map(|e| e.documents.iter().map(|d| d.0.as_str()).collect())
            .collect();
        assert_eq!(docs, vec![vec!["a", "b", "d"]]);
    }

    #[test]
    fn one_off_events_of_one_type_and_day_are_one_event() {
        // "Police arrested Tomas Kell on Monday" / "an arrest was made in Millbrook on
        // Monday": one arrest in the ledger; a hearing that day stays its own.
        let claims = vec![
            claim("a", 1, "arrest", &[0], &[], "2033-06-06"),
            claim("b", 1, "arrest", &[], &[1], "2033-06-06"),
            claim("b", 2, "hearing", &[2], &[], "2033-06-06"),
        ];
        let ledger = build(&claims, &table());
        let docs: Vec<(String, Vec<&str>)> = ledger
            .events
            .iter()
            .map(|e| {
                (
                    e.label.split(':').next().unwrap_or_default().to_string(),
                    e.documents.iter().map(|d| d.0.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            docs,
            vec![
                ("arrest".into(), vec!["a", "b"]),
                ("hearing".into(), vec!["b"])
            ]
        );
    }

    #[test]
    fn an_undated_speech_joins_the_speech_most_sources_tell() {
        // Rena Oduya's address on Monday (three sources), a speech of hers on Friday (one
        // source); d mentions "her televised address" with no day: the Monday one.
        let claims = vec![
            claim("a", 1, "speech", &[2], &[], "2033-06-06"),
            claim("b", 1, "speech", &[2], &[], "2033-06-06"),
            claim("c", 1, "speech", &[2], &[], "2033-06-06"),
            claim("c", 2, "speech", &[2], &[], "2033-06-10"),
            claim("d", 1, "speech", &[2], &[], UNDATED),
        ];
        let days = |claims: &[Claim]| -> Vec<(Option<String>, Vec<String>)> {
            build(claims, &table())
                .events
                .iter()
                .map(|e| {
                    let docs = e.documents.iter().map(|d| d.0.clone()).collect();
                    (e.date.clone(), docs)
                })
                .collect()
        };
        let got = days(&claims);
        assert!(
            got.contains(&(
                Some("2033-06-06".into()),
                vec!["a".into(), "b".into(), "c".into(), "d".into()]
            )),
            "{got:?}"
        );
        // Two speeches told by as many sources each: d's stays apart from both.
        let tied = vec![
            claim("a", 1, "speech", &[2], &[], "2033-06-06"),
            claim("b", 1, "speech", &[2], &[], "2033-06-10"),
            claim("d", 1, "speech", &[2], &[], UNDATED),
        ];
        let got = days(&tied);
        assert!(
            got.iter()
                .all(|(_, docs)| !docs.contains(&"d".to_string()) || docs.len() == 1),
            "{got:?}"
        );
    }

    #[test]
    fn statements_of_one_day_naming_one_person_are_one_exchange() {
        // a: "Millbrook announced Monday that Tomas Kell will host"; b: "Rena Oduya said
        // Monday that Kell..."; c: Oduya again on Tuesday about Kell: another day.
        let claims = vec![
            claim("a", 1, "remarks", &[1, 0], &[], "2033-06-06"),
            claim("b", 1, "statement", &[2, 0], &[], "2033-06-06"),
            claim("c", 1, "statement", &[2, 0], &[], "2033-06-07"),
        ];
        let events: Vec<(Option<String>, Vec<String>)> = build(&claims, &table())
            .events
            .iter()
            .map(|e| {
                let docs = e.documents.iter().map(|d| d.0.clone()).collect();
                (e.date.clone(), docs)
            })
            .collect();
        assert_eq!(
            events,
            vec![
                (Some("2033-06-06".into()), vec!["a".into(), "b".into()]),
                (Some("2033-06-07".into()), vec!["c".into()])
            ]
        );
    }

    #[test]
    fn a_day_that_refines_two_conflicting_days_does_not_join_them() {
        // "Kell won the match on Friday" (a) / "... on Saturday" (c) / "... Friday night"
        // (b): a night may run into the next day, but it does not make Friday and
        // Saturday one day.
        let mut night = claim("b", 1, "match", &[0], &[], "2033-06-10");
        if let ClaimKind::EventDate(x) = &mut night.kind {
            let next = day_in("2033-06-11", "UTC");
            x.date.value = "2033-06-10TNI".into();
            x.date.utc = Some((x.date.utc.unwrap().0, next.utc.unwrap().1));
        }
        let claims = vec![
            claim("a", 1, "match", &[0], &[], "2033-06-10"),
            claim("c", 1, "match", &[0], &[], "2033-06-11"),
            night,
        ];
        assert_eq!(
            disputes(&claims),
            vec![(vec!["a".into(), "b".into()], vec!["c".into()])]
        );
    }

    #[test]
    fn a_recurring_kind_each_source_tells_on_one_day_is_a_dispute() {
        // "The court heard arguments from Kell's lawyers on Tuesday" / "Kell's appeal was
        // argued before the justices Thursday": a hearing may recur, but each source has
        // one hearing of Kell, on one topic.
        let claims = vec![
            with_context(
                claim("a", 1, "hearing", &[0], &[], "2033-06-07"),
                &["argument", "lawyer"],
            ),
            with_context(
                claim("b", 1, "hearing", &[0], &[], "2033-06-09"),
                &["appeal", "argument", "justice"],
            ),
        ];
        assert_eq!(
            disputes(&claims),
            vec![(vec!["a".into()], vec!["b".into()])]
        );
        // Nothing said in common: two hearings.
        let mut apart = claims.clone();
        if let ClaimKind::EventDate(x) = &mut apart[1].kind {
            x.context = crate::sorted::Words::new(["bail"]);
        }
        assert!(disputes(&apart).is_empty());
        // A source that tells a hearing of Kell on both days reports two hearings.
        let mut both = claims.clone();
        both.push(with_context(
            claim("b", 2, "hearing", &[0], &[], "2033-06-07"),
            &["bail"],
        ));
        assert!(disputes(&both).is_empty(), "{:?}", disputes(&both));
        // Two types that recur (a hearing, a protest) are not one happening.
        let mut kinds = claims.clone();
        kinds[1] = with_context(
            claim("b", 1, "protest", &[0], &[], "2033-06-09"),
            &["argument"],
        );
        assert!(disputes(&kinds).is_empty());
    }

    #[test]
    fn one_speakers_statement_put_on_two_days_is_a_dispute() {
        // "Rena Oduya unveiled the budget on Monday" / "Oduya said Sunday the budget would
        // pass": each source has her speak on one day only, on one topic.
        let claims = vec![
            with_context(
                claim("a", 1, "remarks", &[2], &[], "2033-06-06"),
                &["budget", "unveil"],
            ),
            with_context(
                claim("b", 1, "statement", &[2], &[], "2033-06-05"),
                &["budget", "pass"],
            ),
        ];
        assert_eq!(
            disputes(&claims),
            vec![(vec!["a".into()], vec!["b".into()])]
        );
        // Nothing said in common: two statements.
        let apart = vec![
            with_context(
                claim("a", 1, "remarks", &[2], &[], "2033-06-06"),
                &["budget"],
            ),
            with_context(
                claim("b", 1, "statement", &[2], &[], "2033-06-05"),
                &["harbour"],
            ),
        ];
        assert!(disputes(&apart).is_empty());
        // Someone else's statement naming her on another day does not count as hers.
        let mut other = claims.clone();
        other.push(with_context(
            claim("b", 2, "statement", &[0, 2], &[], "2033-06-07"),
            &["harbour"],
        ));
        assert_eq!(disputes(&other), vec![(vec!["a".into()], vec!["b".into()])]);
        // A source that has her speak on both days reports two statements.
        let mut both = claims.clone();
        both.push(with_context(
            claim("b", 2, "statement", &[2], &[], "2033-06-06"),
            &["harbour"],
        ));
        assert!(disputes(&both).is_empty(), "{:?}", disputes(&both));
    }
}
