//! Alias resolution across the bundle: "Ana Ruiz", "Ruiz", "Secretary Ruiz" and
//! "Samuel Okafor"/"S. Okafor" become one canonical entity each; different
//! people who share a surname stay apart.

use crate::document::DocId;
use crate::mentions::{Mention, MentionKind};
use foldhash::HashMap;
use foldhash::{HashMapExt, HashSetExt};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct EntityId(pub usize);

#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    pub id: EntityId,
    pub canonical: String,
    pub kind: MentionKind,
    pub aliases: BTreeSet<String>,
    #[serde(skip)]
    pub surname: String,
    #[serde(skip)]
    pub given: Vec<String>,
    pub documents: BTreeSet<DocId>,
    /// Declared by the user in entities.yaml (its spellings are accepted, not flagged).
    #[serde(skip)]
    pub declared: bool,
}

/// Where a mention sits, for resolution.
#[derive(Debug, Clone)]
pub struct MentionRef<'a> {
    pub doc: &'a DocId,
    pub mention: &'a Mention,
}

#[derive(Debug, Default, Clone)]
pub struct EntityTable {
    pub entities: Vec<Entity>,
    /// Per document, per mention index: the entity it resolves to. Looked up once per
    /// mention, never iterated: hashed (a sorted map compared long shared id prefixes).
    pub resolved: HashMap<DocId, Vec<Option<EntityId>>>,
}

impl EntityTable {
    pub fn get(&self, id: EntityId) -> &Entity {
        &self.entities[id.0]
    }

    pub fn name(&self, id: EntityId) -> &str {
        &self.entities[id.0].canonical
    }

    pub fn of(&self, doc: &DocId, mention: usize) -> Option<EntityId> {
        self.resolved.get(doc)?.get(mention).copied().flatten()
    }
}

fn norm_name(s: &str) -> String {
    s.split_whitespace().map(norm).collect::<Vec<_>>().join(" ")
}

/// Lower case without diacritics: "Lucía" and "Lucia" are one spelling (outlets that drop
/// accents are not misspelling a name).
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // ASCII has nothing to decompose and no combining marks.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

fn norm(s: &str) -> String {
    fold(s.trim_end_matches('.'))
}

fn is_suffix(t: &str) -> bool {
    matches!(norm(t).as_str(), "jr" | "sr" | "ii" | "iii" | "iv")
}

/// Split name tokens into (given names, surname).
fn split_name<'a>(tokens: impl IntoIterator<Item = &'a str>) -> (Vec<String>, String) {
    let mut toks: Vec<&str> = tokens.into_iter().collect();
    while toks.len() > 1 && toks.last().is_some_and(|t| is_suffix(t)) {
        toks.pop();
    }
    let surname = toks.last().map(|t| norm(t)).unwrap_or_default();
    let given = toks[..toks.len().saturating_sub(1)]
        .iter()
        .map(|t| norm(t))
        .collect();
    (given, surname)
}

/// Given names agree when equal, when one is the other's initial, when one is a short form
/// of the other or both of one formal name ("Bill" / "William", `hypocorisms.tsv`), or when
/// one is missing.
fn given_compatible(a: &[String], b: &[String]) -> bool {
    match (a.first(), b.first()) {
        (Some(x), Some(y)) => {
            x == y
                || (x.chars().count() == 1 && y.starts_with(x.as_str()))
                || (y.chars().count() == 1 && x.starts_with(y.as_str()))
                || same_given_name(x, y)
        }
        _ => true,
    }
}

/// Per given name (lower case), the formal names it is or stands for.
static HYPOCORISMS: std::sync::LazyLock<foldhash::HashMap<&'static str, Vec<&'static str>>> =
    std::sync::LazyLock::new(|| {
        let mut m: foldhash::HashMap<&'static str, Vec<&'static str>> = Default::default();
        for line in include_str!("../rules/lexicon/hypocorisms.tsv").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((formal, short)) = line.split_once('\t') else {
                continue;
            };
            let formal = formal.trim();
            m.entry(formal).or_default().push(formal);
            for s in short.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                m.entry(s).or_default().push(formal);
            }
        }
        m
    });

/// Whether two given names (lower case) are one name in full and short form.
pub fn same_given_name(x: &str, y: &str) -> bool {
    match (HYPOCORISMS.get(x), HYPOCORISMS.get(y)) {
        (Some(fx), Some(fy)) => fx.iter().any(|f| fy.contains(f)),
        _ => false,
    }
}

/// An entity the user declares in `entities.yaml`: it wins over inference.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserEntity {
    pub name: String,
    #[serde(default)]
    pub kind: Option<UserKind>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Offices the person holds, with their jurisdiction ("title: defence minister,
    /// jurisdiction: Veldra"); documented for editors, used as the person's jurisdiction.
    #[serde(default)]
    pub roles: Vec<UserRole>,
}

#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UserKind {
    Person,
    Org,
    Place,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserRole {
    pub title: String,
    #[serde(default)]
    pub jurisdiction: Option<String>,
}

/// `entities.yaml`: `entities: [{name, kind, aliases, roles}]`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserEntities {
    #[serde(default)]
    pub entities: Vec<UserEntity>,
}

/// Resolve every mention of every document. `docs` is in bundle order; each document's
/// mentions are in text order.
pub fn resolve<M: AsRef<[Mention]>>(docs: &[(DocId, M)]) -> EntityTable {
    resolve_with(docs, &[])
}

/// Resolution with user-declared entities: a mention whose name is a declared name or
/// alias (or, alone, the surname of exactly one declared person) is that entity.
pub fn resolve_with<M: AsRef<[Mention]>>(
    docs: &[(DocId, M)],
    declared: &[UserEntity],
) -> EntityTable {
    // A name the bundle writes after "in"/"at"/"near" somewhere, and never with a title,
    // an honorific or a speech verb, is a place wherever it stands ("Cerro Aldana").
    let mut placed: foldhash::HashSet<String> = foldhash::HashSet::new();
    let mut personal: foldhash::HashSet<String> = foldhash::HashSet::new();
    for (_, ms) in docs {
        for m in ms.as_ref() {
            if m.kind == MentionKind::Place {
                placed.insert(norm_name(&m.name()));
            } else if m.kind == MentionKind::Person && !m.weak_person {
                personal.insert(norm_name(&m.name()));
            }
        }
    }
    // Borrowed, but for the few mentions whose kind changes.
    let docs_owned: Vec<(&DocId, Vec<std::borrow::Cow<Mention>>)> = docs
        .iter()
        .map(|(d, ms)| {
            let ms = ms
                .as_ref()
                .iter()
                .map(|m| {
                    if !m.weak_person {
                        return std::borrow::Cow::Borrowed(m);
                    }
                    let n = norm_name(&m.name());
                    if placed.contains(&n) && !personal.contains(&n) {
                        let mut m = m.clone();
                        m.kind = MentionKind::Place;
                        std::borrow::Cow::Owned(m)
                    } else {
                        std::borrow::Cow::Borrowed(m)
                    }
                })
                .collect();
            (d, ms)
        })
        .collect();
    let docs = &docs_owned[..];
    let mut table = EntityTable::default();
    let mut user_names: HashMap<String, EntityId> = HashMap::new();
    let mut user_surnames: HashMap<String, Vec<EntityId>> = HashMap::new();
    for u in declared {
        let id = EntityId(table.entities.len());
        let (given, surname) = split_name(u.name.split_whitespace());
        let kind = match u.kind {
            Some(UserKind::Org) => MentionKind::Org,
            Some(UserKind::Place) => MentionKind::Place,
            _ => MentionKind::Person,
        };
        table.entities.push(Entity {
            id,
            canonical: u.name.clone(),
            kind,
            aliases: BTreeSet::new(),
            surname: surname.clone(),
            given,
            documents: BTreeSet::new(),
            declared: true,
        });
        for n in std::iter::once(&u.name).chain(&u.aliases) {
            user_names.insert(norm_name(n), id);
            if kind == MentionKind::Person {
                let (_, sn) = split_name(n.split_whitespace());
                let v = user_surnames.entry(sn).or_default();
                if !v.contains(&id) {
                    v.push(id);
                }
            }
        }
    }
    let declared_of = |m: &Mention| -> Option<EntityId> {
        // Most bundles declare no entities: no name to normalise then.
        if user_names.is_empty() {
            return None;
        }
        if let Some(id) = user_names.get(&norm_name(&m.name())) {
            return Some(*id);
        }
        if m.tokens.len() == 1 {
            let (_, sn) = split_name(m.tokens.iter());
            if let Some([id]) = user_surnames.get(&sn).map(Vec::as_slice) {
                return Some(*id);
            }
        }
        None
    };
    // Pass 1: full person names (two or more tokens) found anywhere define people.
    let mut by_surname: BTreeMap<String, Vec<EntityId>> = BTreeMap::new();
    let mut form_counts: HashMap<EntityId, BTreeMap<String, usize>> = HashMap::new();
    for (doc, ms) in docs {
        for m in ms
            .iter()
            .filter(|m| m.kind == MentionKind::Person && m.tokens.len() >= 2)
        {
            let (given, surname) = split_name(m.tokens.iter());
            let ids = by_surname.entry(surname.clone()).or_default();
            let found = ids
                .iter()
                .copied()
                .find(|id| given_compatible(&table.entities[id.0].given, &given));
            let id = match found {
                Some(id) => {
                    let e = &mut table.entities[id.0];
                    if e.given.first().is_none_or(|g| g.chars().count() == 1)
                        && !given.is_empty()
                        && given[0].chars().count() > 1
                    {
                        e.given = given.clone();
                    }
                    id
                }
                None => {
                    let id = EntityId(table.entities.len());
                    table.entities.push(Entity {
                        id,
                        canonical: String::new(),
                        kind: MentionKind::Person,
                        aliases: BTreeSet::new(),
                        surname: surname.clone(),
                        given: given.clone(),
                        documents: BTreeSet::new(),
                        declared: false,
                    });
                    ids.push(id);
                    id
                }
            };
            table.entities[id.0].documents.insert((*doc).clone());
        }
    }
    // Pass 2: resolve each mention in document order.
    let mut named: BTreeMap<(MentionKind, String), EntityId> = BTreeMap::new();
    for (doc, ms) in docs {
        let mut out = Vec::with_capacity(ms.len());
        // Most recent entity per surname within this document.
        let mut recent: HashMap<String, EntityId> = HashMap::new();
        for m in ms {
            let user_entity = declared_of(m);
            let id = match m.kind {
                _ if user_entity.is_some() => user_entity,
                MentionKind::Person | MentionKind::Unknown => {
                    let (given, surname) = split_name(m.tokens.iter());
                    let candidates = by_surname.get(&surname);
                    let pick = if m.tokens.len() >= 2 && m.kind == MentionKind::Person {
                        candidates.and_then(|ids| {
                            ids.iter()
                                .copied()
                                .find(|id| given_compatible(&table.entities[id.0].given, &given))
                        })
                    } else {
                        recent.get(&surname).copied().or_else(|| {
                            // Unique holder of the surname in the bundle, else the one this
                            // document names; a bare surname never merges two people.
                            let ids = candidates?;
                            let in_doc: Vec<EntityId> = ids
                                .iter()
                                .copied()
                                .filter(|id| table.entities[id.0].documents.contains(doc))
                                .collect();
                            match (ids.len(), in_doc.len()) {
                                (1, _) => Some(ids[0]),
                                (_, 1) => Some(in_doc[0]),
                                _ => None,
                            }
                        })
                    };
                    match pick {
                        Some(id) => {
                            recent.insert(surname, id);
                            Some(id)
                        }
                        None if m.kind == MentionKind::Person || !m.sentence_initial => {
                            // A single-name person or an unknown capitalised name: its own entity.
                            let kind = if m.kind == MentionKind::Person {
                                MentionKind::Person
                            } else {
                                MentionKind::Unknown
                            };
                            let key = (kind, norm(&m.name()));
                            let id = *named.entry(key).or_insert_with(|| {
                                let id = EntityId(table.entities.len());
                                table.entities.push(Entity {
                                    id,
                                    canonical: String::new(),
                                    kind,
                                    aliases: BTreeSet::new(),
                                    surname: surname.clone(),
                                    given: Vec::new(),
                                    documents: BTreeSet::new(),
                                    declared: false,
                                });
                                id
                            });
                            if kind == MentionKind::Person {
                                by_surname.entry(surname.clone()).or_default().push(id);
                                recent.insert(surname, id);
                            }
                            Some(id)
                        }
                        None => None,
                    }
                }
                MentionKind::Org | MentionKind::Place | MentionKind::Thing => {
                    let key = (m.kind, org_key(&m.name()));
                    let id = *named.entry(key.clone()).or_insert_with(|| {
                        let id = EntityId(table.entities.len());
                        table.entities.push(Entity {
                            id,
                            canonical: String::new(),
                            kind: m.kind,
                            aliases: BTreeSet::new(),
                            surname: key.1.clone(),
                            given: Vec::new(),
                            documents: BTreeSet::new(),
                            declared: false,
                        });
                        id
                    });
                    Some(id)
                }
            };
            if let Some(id) = id {
                let e = &mut table.entities[id.0];
                e.aliases.insert(m.name());
                e.documents.insert((*doc).clone());
                *form_counts
                    .entry(id)
                    .or_default()
                    .entry(m.name())
                    .or_default() += 1;
            }
            out.push(id);
        }
        table.resolved.insert((*doc).clone(), out);
    }
    // Single-token "Unknown" names that match a person's surname were resolved above; an
    // unknown name seen in several documents stays unknown (places, groups).
    for e in table.entities.iter_mut().filter(|e| !e.declared) {
        let forms = form_counts.get(&e.id).cloned().unwrap_or_default();
        // Canonical: the most frequent multi-word form, then the longest, then alphabetical.
        e.canonical = forms
            .iter()
            .max_by(|(a, na), (b, nb)| {
                let wa = a.split_whitespace().count() >= 2;
                let wb = b.split_whitespace().count() >= 2;
                wa.cmp(&wb)
                    .then(na.cmp(nb))
                    .then(a.len().cmp(&b.len()))
                    .then(b.cmp(a))
            })
            .map(|(f, _)| f.clone())
            .unwrap_or_else(|| e.surname.clone());
    }
    // After the canonical names, which read the form counts by the ids before merging.
    merge_acronyms(&mut table);
    table
}

/// Company suffixes that are not part of a name's initials ("Harrow Valley Freight Inc").
const CORPORATE: [&str; 8] = ["Inc", "Inc.", "Corp", "Corp.", "Ltd", "Ltd.", "LLC", "plc"];

/// A name without its company suffix.
fn without_corporate(name: &str) -> &str {
    CORPORATE
        .iter()
        .find_map(|c| name.strip_suffix(c).map(|n| n.trim_end_matches([' ', ','])))
        .unwrap_or(name)
}

/// The initials of a name's capitalised words ("Federal Bureau of Investigation" →
/// "FBI"), if it has two or more words and every word is capitalised or a function word.
fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = without_corporate(name).split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let mut out = String::new();
    for w in &words {
        let first = w.chars().next()?;
        if first.is_uppercase() {
            out.push(first);
        } else if !matches!(*w, "of" | "and" | "for" | "the" | "on" | "de" | "&") {
            return None;
        }
    }
    (out.chars().count() >= 2).then_some(out)
}

/// An acronym is the organisation whose initials it spells, when the bundle writes exactly
/// one multi-word name with those initials (with or without "Inc"): "HVF" and "Harrow
/// Micro Devices" are one organisation, whatever kind each mention was guessed to be (a
/// company that "announced" reads like a person). Declared entities are never merged.
fn merge_acronyms(table: &mut EntityTable) {
    // Per acronym, the entities whose names spell it, and those names without suffixes.
    let mut spelled: BTreeMap<String, (BTreeSet<usize>, BTreeSet<String>)> = BTreeMap::new();
    for e in table.entities.iter().filter(|e| !e.declared) {
        for a in &e.aliases {
            if let Some(i) = initials(a) {
                let s = spelled.entry(i).or_default();
                s.0.insert(e.id.0);
                s.1.insert(fold(without_corporate(a)));
            }
        }
    }
    // Per single spelling, the entities written only that way (one look-up per acronym
    // instead of a scan of every entity).
    let mut written_as: HashMap<&str, Vec<usize>> = HashMap::new();
    for e in table.entities.iter().filter(|e| !e.declared) {
        if let [only] = e.aliases.iter().collect::<Vec<_>>()[..]
            && spelled.contains_key(only.as_str())
        {
            written_as.entry(only.as_str()).or_default().push(e.id.0);
        }
    }
    let mut into: Vec<usize> = (0..table.entities.len()).collect();
    let mut org: BTreeSet<usize> = BTreeSet::new();
    for (acronym, (targets, names)) in &spelled {
        if names.len() != 1 {
            continue;
        }
        let Some(sources) = written_as.get(acronym.as_str()) else {
            continue;
        };
        let Some(&first) = targets.first() else {
            continue;
        };
        for &x in targets.iter().chain(sources) {
            into[x] = first;
        }
        org.insert(first);
    }
    if into.iter().enumerate().all(|(i, &t)| i == t) {
        return;
    }
    // Fold each merged entity into its target, then renumber the rest densely.
    let mut new_id = vec![usize::MAX; into.len()];
    let mut kept: Vec<Entity> = Vec::new();
    let mut absorbed: Vec<(usize, Entity)> = Vec::new();
    for e in std::mem::take(&mut table.entities) {
        if into[e.id.0] == e.id.0 {
            new_id[e.id.0] = kept.len();
            kept.push(e);
        } else {
            absorbed.push((into[e.id.0], e));
        }
    }
    for (target, e) in absorbed {
        new_id[e.id.0] = new_id[target];
        let t = &mut kept[new_id[target]];
        t.aliases.extend(e.aliases);
        t.documents.extend(e.documents);
    }
    for (i, e) in kept.iter_mut().enumerate() {
        if org.contains(&e.id.0) {
            e.kind = MentionKind::Org;
        }
        e.id = EntityId(i);
    }
    table.entities = kept;
    for ids in table.resolved.values_mut() {
        for id in ids.iter_mut().flatten() {
            *id = EntityId(new_id[id.0]);
        }
    }
}

/// Organisation names compare without a country prefix and in "X Department" order:/// Organisation names compare without a country prefix and in "X Department" order:
/// "US State Department" = "State Department" = "Department of State".
pub fn org_key(name: &str) -> String {
    let lx = crate::lexicon::lexicons();
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !lx.demonyms.contains_key(*w) && !w.eq_ignore_ascii_case("the"))
        .collect();
    let joined = words.join(" ").to_lowercase();
    if let Some((head, tail)) = joined.split_once(" of ")
        && !head.contains(' ')
        && !tail.contains(' ')
    {
        return format!("{tail} {head}");
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::find_mentions;
    use crate::span::Span;

    fn doc(id: &str, text: &str) -> (DocId, Vec<Mention>) {
        let mut ms = Vec::new();
        for s in crate::segment::segment(text, 0).sentences {
            ms.extend(find_mentions(text, s.span).mentions);
        }
        let _ = Span::default();
        (DocId(id.into()), ms)
    }

    fn entity_of(t: &EntityTable, d: &(DocId, Vec<Mention>), name: &str) -> Option<EntityId> {
        let i = d.1.iter().position(|m| m.name() == name)?;
        t.of(&d.0, i)
    }

    #[test]
    fn fold_drops_accents_and_case_ascii_or_not() {
        assert_eq!(fold("Zoë Ó Briain"), "zoe o briain");
        assert_eq!(fold("O'NEILL-Smith"), "o'neill-smith");
        assert_eq!(fold("Ærø"), "ærø");
    }

    #[test]
    fn surname_initial_and_full_given_name_resolve_together() {
        let a = doc(
            "a",
            "Foreign Minister S. Okafor met reporters. Okafor said little.",
        );
        let b = doc("b", "Minister Samuel Okafor spoke on Monday.");
        let t = resolve(&[a.clone(), b.clone()]);
        let x = entity_of(&t, &a, "S. Okafor").unwrap();
        assert_eq!(entity_of(&t, &a, "Okafor"), Some(x));
        assert_eq!(entity_of(&t, &b, "Samuel Okafor"), Some(x));
        assert_eq!(t.name(x), "Samuel Okafor");
    }

    #[test]
    fn different_people_sharing_a_surname_stay_apart() {
        let a = doc(
            "a",
            "Congressman Peter Vance and his wife, Marion Vance, were charged. Vance denied it.",
        );
        let t = resolve(std::slice::from_ref(&a));
        let p = entity_of(&t, &a, "Peter Vance").unwrap();
        let m = entity_of(&t, &a, "Marion Vance").unwrap();
        assert_ne!(p, m);
    }

    #[test]
    fn declared_entities_win() {
        let a = doc("a", "Press secretary Karla Levit spoke. Levit said more.");
        let b = doc("b", "Karla Leavit said so.");
        let user: UserEntities = crate::yaml::parse(
            "entities:\n  - name: Karla Leavit\n    aliases: [Karla Levit]\n",
            "entities.yaml",
        )
        .unwrap();
        let t = resolve_with(&[a.clone(), b.clone()], &user.entities);
        let x = entity_of(&t, &a, "Karla Levit").unwrap();
        assert_eq!(t.name(x), "Karla Leavit");
        assert_eq!(entity_of(&t, &a, "Levit"), Some(x));
        assert_eq!(entity_of(&t, &b, "Karla Leavit"), Some(x));
    }

    #[test]
    fn short_forms_of_a_given_name_are_one_person() {
        let a = doc("a", "Mayor Margaret Okafor spoke on Monday.");
        let b = doc("b", "Mayor Peggy Okafor spoke on Monday.");
        let t = resolve(&[a.clone(), b.clone()]);
        assert_eq!(
            entity_of(&t, &a, "Margaret Okafor"),
            entity_of(&t, &b, "Peggy Okafor")
        );
        assert!(same_given_name("peggy", "margaret"));
        assert!(same_given_name("alex", "sandy")); // both short for Alexander
        assert!(!same_given_name("bill", "robert"));
        assert!(!same_given_name("anna", "anne")); // not in the table: a spelling question
    }

    #[test]
    fn accents_do_not_make_two_people() {
        let a = doc("a", "Minister Lucía Ortiz spoke on Monday.");
        let b = doc("b", "Minister Lucia Ortiz spoke on Monday.");
        let t = resolve(&[a.clone(), b.clone()]);
        assert_eq!(
            entity_of(&t, &a, "Lucía Ortiz"),
            entity_of(&t, &b, "Lucia Ortiz")
        );
    }

    #[test]
    fn an_acronym_is_the_one_name_it_spells() {
        let a = doc(
            "a",
            "Harrow Valley Freight Inc said on Monday it would close two depots. The chief of Halden Municipal Transit spoke later.",
        );
        let b = doc("b", "HVF announced the closures. HMT said nothing.");
        let t = resolve(&[a.clone(), b.clone()]);
        let long = entity_of(&t, &a, "Harrow Valley Freight Inc").unwrap();
        assert_eq!(entity_of(&t, &b, "HVF"), Some(long));
        assert_eq!(t.get(long).canonical, "Harrow Valley Freight Inc");
        assert_eq!(t.get(long).kind, MentionKind::Org);
        assert!(t.get(long).documents.contains(&DocId("b".into())));
        // Every id still names its own entity after the merge renumbered them.
        for (i, e) in t.entities.iter().enumerate() {
            assert_eq!(e.id.0, i);
        }
        let transit = entity_of(&t, &a, "Halden Municipal Transit").unwrap();
        assert_eq!(entity_of(&t, &b, "HMT"), Some(transit));
        assert_eq!(t.get(transit).canonical, "Halden Municipal Transit");
    }

    #[test]
    fn an_acronym_two_names_spell_stays_apart() {
        let a = doc(
            "a",
            "Marra Data Systems and Mellor Dairy Supplies both grew.",
        );
        let b = doc("b", "Shares of MDS rose.");
        let t = resolve(&[a.clone(), b.clone()]);
        let mds = entity_of(&t, &b, "MDS").unwrap();
        assert_ne!(Some(mds), entity_of(&t, &a, "Marra Data Systems"));
        assert_ne!(Some(mds), entity_of(&t, &a, "Mellor Dairy Supplies"));
    }

    #[test]
    fn organisation_name_orders_agree() {
        assert_eq!(
            org_key("US State Department"),
            org_key("Department of State")
        );
        assert_eq!(org_key("the State Department"), "state department");
    }
}
