//! Evaluating rules: each check reads the graph's edges of its aspect (or the claims, for
//! house-style and conditional checks) inside the rule's scope and turns each connected
//! disagreement into one finding.

use super::finding::{Evidence, Finding, fingerprint};
use super::model::{Check, KindName, Rule, Scope};
use crate::analysis::Analysis;
use crate::claim::{Claim, Compared};
use crate::document::{DocId, Document};
use crate::entities::EntityId;
use crate::graph::{Aspect, ClaimGraph, Node, Relation};
use crate::span::Span;
use crate::union_find::UnionFind;
use foldhash::HashMap;
use foldhash::HashMapExt;
use regex::{Regex, RegexBuilder};
use std::collections::{BTreeMap, BTreeSet};

pub struct Context<'a> {
    pub documents: &'a [Document],
    pub analysis: &'a Analysis,
    pub graph: &'a ClaimGraph,
    /// Document index by id (a linear search per claim is quadratic in the bundle).
    by_id: HashMap<&'a DocId, usize>,
    /// Per document position, the document [`Context::doc`] finds for its id: a claim's
    /// document is read by its `doc` position, without hashing the id per evidence.
    by_idx: Vec<usize>,
}

impl<'a> Context<'a> {
    pub fn new(documents: &'a [Document], analysis: &'a Analysis, graph: &'a ClaimGraph) -> Self {
        let mut by_id = HashMap::with_capacity(documents.len());
        for (i, d) in documents.iter().enumerate() {
            // The first document with an id wins, as the linear search did.
            by_id.entry(&d.id).or_insert(i);
        }
        let by_idx = documents.iter().map(|d| by_id[&d.id]).collect();
        Context {
            documents,
            analysis,
            graph,
            by_id,
            by_idx,
        }
    }

    /// The document of a claim: [`Context::doc`] of its id.
    fn claim_doc(&self, c: &Claim) -> &Document {
        &self.documents[self.by_idx[c.doc.index()]]
    }

    fn doc(&self, id: &DocId) -> &Document {
        let i = self
            .by_id
            .get(id)
            .expect("claim documents are in the bundle");
        &self.documents[*i]
    }
}

/// A compiled `where` filter value: exact (case-insensitive) or `/regex/`.
pub enum Matcher {
    Exact(String),
    Regex(Regex),
}

impl Matcher {
    pub fn compile(v: &str) -> Result<Matcher, String> {
        if v.len() >= 2 && v.starts_with('/') && v.ends_with('/') {
            RegexBuilder::new(&v[1..v.len() - 1])
                .case_insensitive(true)
                .size_limit(1 << 20)
                .dfa_size_limit(1 << 20)
                .build()
                .map(Matcher::Regex)
                .map_err(|e| format!("regex does not compile: {e}"))
        } else {
            Ok(Matcher::Exact(v.to_lowercase()))
        }
    }

    pub fn is_match(&self, v: &str) -> bool {
        match self {
            Matcher::Exact(x) => v.to_lowercase() == *x,
            Matcher::Regex(r) => r.is_match(v),
        }
    }
}

fn kind_matches(kind: Option<KindName>, c: &Claim) -> bool {
    kind.is_none_or(|k| k == KindName::of(&c.kind))
}

/// `where`/`if`/`then` filters with their values compiled once per rule, not per claim.
type Filters<'r> = Vec<(&'r str, Option<Matcher>)>;

fn compile_filters(filters: &BTreeMap<String, String>) -> Filters<'_> {
    filters
        .iter()
        .map(|(f, v)| (f.as_str(), Matcher::compile(v).ok()))
        .collect()
}

fn filters_match(filters: &Filters, c: &Claim, cx: &Context) -> bool {
    filters.iter().all(|(f, m)| {
        let text = &cx.claim_doc(c).text;
        let got = c.field(f, &cx.analysis.entities, text);
        match (got, m) {
            (Some(g), Some(m)) => m.is_match(&g),
            _ => false,
        }
    })
}

fn in_scope(scope: &Scope, filters: &Filters, c: &Claim, cx: &Context) -> bool {
    kind_matches(scope.kind, c) && filters_match(filters, c, cx)
}

fn group_key(scope: &Scope, c: &Claim, cx: &Context) -> Vec<Option<String>> {
    let text = &cx.claim_doc(c).text;
    scope
        .group_by
        .iter()
        .map(|f| c.field(f, &cx.analysis.entities, text))
        .collect()
}

pub fn evaluate(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let mut out = match &rule.check {
        Check::DateConflict(_) => edge_findings(rule, cx, Aspect::Date),
        Check::NumericConflict(_) => edge_findings(rule, cx, Aspect::Count),
        Check::DescriptorConflict(_) => edge_findings(rule, cx, Aspect::Descriptor),
        Check::QuoteDrift(_) => edge_findings(rule, cx, Aspect::QuoteWording),
        Check::QuoteAttribution(_) => edge_findings(rule, cx, Aspect::QuoteSpeaker),
        Check::RoleConflict(_) => edge_findings(rule, cx, Aspect::Role),
        Check::NameVariant(_) => name_findings(rule, cx),
        Check::Consistency(c) => consistency_findings(rule, cx, c),
        Check::Conditional(c) => conditional_findings(rule, cx, c),
        Check::WeekdayMismatch(_) => weekday_findings(rule, cx),
    };
    out.sort_by_key(evidence_key);
    out
}

fn evidence_key(f: &Finding) -> (Vec<(DocId, usize)>, String) {
    (
        f.evidence
            .iter()
            .map(|e| (e.document.clone(), e.span.start))
            .collect(),
        f.fingerprint.clone(),
    )
}

/// The value a claim stands for on its side of a disagreement (its kind says which).
fn side_value(c: &Claim, aspect: Aspect, cx: &Context) -> String {
    let compared = match aspect {
        Aspect::QuoteSpeaker => Compared::Speaker,
        _ => Compared::Other,
    };
    let text = &cx.claim_doc(c).text;
    c.kind
        .side_value(compared, &c.cx(&cx.analysis.entities, text))
}

/// The subject of a disagreement: who or what it is about, as each claim's kind says;
/// when none says, the first kind's word for an unnamed subject.
fn subject(claims: &[&Claim], cx: &Context) -> String {
    let mut names: BTreeSet<String> = BTreeSet::new();
    for c in claims {
        let text = &cx.claim_doc(c).text;
        if let Some(s) = c.kind.subject(&c.cx(&cx.analysis.entities, text)) {
            names.insert(s);
        }
    }
    if names.is_empty()
        && let Some(s) = claims.iter().find_map(|c| c.kind.unnamed_subject())
    {
        return s.to_string();
    }
    names.into_iter().collect::<Vec<_>>().join(", ")
}

/// The connected groups of `pairs` over `0..len`, each keyed by its smallest member (so
/// findings come out in the order of their first member); nodes in no pair are left out.
fn groups(
    len: usize,
    pairs: impl IntoIterator<Item = (usize, usize)>,
) -> BTreeMap<usize, BTreeSet<usize>> {
    let mut sets = UnionFind::new(len);
    let mut touched = vec![false; len];
    for (a, b) in pairs {
        sets.union(a, b);
        touched[a] = true;
        touched[b] = true;
    }
    let mut out: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for n in (0..len).filter(|&n| touched[n]) {
        out.entry(sets.find(n)).or_default().insert(n);
    }
    out
}

/// One finding per connected group of contradiction edges of `aspect` in scope.
fn edge_findings(rule: &Rule, cx: &Context, aspect: Aspect) -> Vec<Finding> {
    let claims = &cx.analysis.claims;
    let mut reasons: BTreeMap<usize, Vec<crate::graph::Reason>> = BTreeMap::new();
    let mut edges = Vec::new();
    let scope = compile_filters(&rule.scope.r#where);
    for (a, b, e) in cx.graph.edges(Relation::Contradicts, aspect) {
        let (Node::Claim(a), Node::Claim(b)) = (a, b) else {
            continue;
        };
        let (ca, cb) = (&claims[a], &claims[b]);
        if !in_scope(&rule.scope, &scope, ca, cx) || !in_scope(&rule.scope, &scope, cb, cx) {
            continue;
        }
        if group_key(&rule.scope, ca, cx) != group_key(&rule.scope, cb, cx) {
            continue;
        }
        if let Check::QuoteDrift(q) = &rule.check
            && q.min_similarity.is_some_and(|m| e.score < m)
        {
            continue;
        }
        if let Check::DateConflict(d) = &rule.check
            && let (Some(max), Some(da), Some(db)) =
                (d.max_days_apart, ca.kind.date(), cb.kind.date())
            && crate::compare::dates::days_apart(da, db).is_some_and(|x| x > max)
        {
            continue;
        }
        edges.push((a, b, e.reason));
    }
    let mut pairs = Vec::with_capacity(edges.len());
    for (a, b, r) in edges {
        pairs.push((a, b));
        reasons.entry(a).or_default().push(r);
    }
    let comps = groups(claims.len(), pairs);
    let mut out = Vec::new();
    for (root, members) in comps {
        let cs: Vec<&Claim> = members.iter().map(|&i| &claims[i]).collect();
        let mut evidence: Vec<Evidence> = cs
            .iter()
            .map(|c| Evidence {
                document: c.document.clone(),
                claim: Some(c.id.clone()),
                span: c.evidence_span(),
                value: Some(side_value(c, aspect, cx)),
            })
            .collect();
        evidence.sort_by(|a, b| (&a.document, a.span.start).cmp(&(&b.document, b.span.start)));
        let reason = members
            .iter()
            .filter_map(|m| reasons.get(m))
            .flatten()
            .next()
            .cloned()
            .or_else(|| reasons.get(&root).and_then(|r| r.first().cloned()))
            .map_or("", |r| cx.graph.reason(r));
        out.push(make_finding(rule, cx, evidence, &subject(&cs, cx), reason));
    }
    out
}

/// "v1: 000, 001 / v2: 004", grouping documents by the value they give.
fn values_line(evidence: &[Evidence]) -> String {
    let mut by_value: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in evidence {
        by_value
            .entry(e.value.clone().unwrap_or_default())
            .or_default()
            .insert(e.document.0.clone());
    }
    by_value
        .into_iter()
        .map(|(v, d)| {
            let docs = d.into_iter().collect::<Vec<_>>().join(", ");
            if v.is_empty() {
                docs
            } else {
                format!("{v}: {docs}")
            }
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

fn documents_line(evidence: &[Evidence]) -> String {
    let d: BTreeSet<&str> = evidence.iter().map(|e| e.document.0.as_str()).collect();
    d.into_iter().collect::<Vec<_>>().join(", ")
}

pub fn render_message(template: &str, vars: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) => {
                let key = &after[..j];
                match vars.get(key) {
                    Some(v) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    // Messages are one line.
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn make_finding(
    rule: &Rule,
    cx: &Context,
    evidence: Vec<Evidence>,
    subject: &str,
    reason: &str,
) -> Finding {
    let mut vars = BTreeMap::new();
    vars.insert("subject", subject.to_string());
    vars.insert("values", values_line(&evidence));
    vars.insert("documents", documents_line(&evidence));
    vars.insert("reason", reason.to_string());
    vars.insert("count", evidence.len().to_string());
    finish(rule, cx, evidence, &vars)
}

fn finish(
    rule: &Rule,
    cx: &Context,
    evidence: Vec<Evidence>,
    vars: &BTreeMap<&str, String>,
) -> Finding {
    let texts: Vec<String> = evidence
        .iter()
        .map(|e| e.span.slice(&cx.doc(&e.document).text).to_string())
        .collect();
    let fp = fingerprint(&rule.id, &texts);
    Finding {
        id: format!("{}-{}", rule.code(), &fp[..10]),
        rule: rule.id.clone(),
        severity: rule.severity,
        message: render_message(&rule.message, vars),
        help: rule.help.clone(),
        evidence,
        fingerprint: fp,
    }
}

/// Capitalised words spelled two ways (word edges): one finding per connected group of
/// spellings; evidence is each spelling's first occurrence in each document.
fn word_findings(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let mut pairs = Vec::new();
    let mut reasons: BTreeMap<usize, String> = BTreeMap::new();
    for (a, b, e) in cx.graph.edges(Relation::Contradicts, Aspect::NameSpelling) {
        let (Node::Word(a), Node::Word(b)) = (a, b) else {
            continue;
        };
        pairs.push((a, b));
        reasons
            .entry(a.min(b))
            .or_insert_with(|| cx.graph.reason(e.reason).to_string());
    }
    let mut out = Vec::new();
    for (_, members) in groups(cx.graph.words.len(), pairs) {
        let words = &cx.graph.words;
        let evidence: Vec<Evidence> = members
            .iter()
            .flat_map(|&m| {
                words[m].first.iter().map(move |&(d, span)| Evidence {
                    document: cx.documents[d].id.clone(),
                    claim: None,
                    span,
                    value: Some(words[m].text.clone()),
                })
            })
            .collect();
        let mut names: Vec<&str> = members.iter().map(|&m| words[m].text.as_str()).collect();
        names.sort_unstable();
        out.push(spelling_finding(
            rule, cx, evidence, &names, &members, &reasons,
        ));
    }
    out
}

/// One finding for a group of spellings: evidence in document and text order, the
/// spellings as the subject, the first member's reason.
fn spelling_finding(
    rule: &Rule,
    cx: &Context,
    mut evidence: Vec<Evidence>,
    names: &[&str],
    members: &BTreeSet<usize>,
    reasons: &BTreeMap<usize, String>,
) -> Finding {
    evidence.sort_by(|a, b| (&a.document, a.span.start).cmp(&(&b.document, b.span.start)));
    let reason = members
        .iter()
        .find_map(|m| reasons.get(m))
        .cloned()
        .unwrap_or_default();
    make_finding(rule, cx, evidence, &names.join(" / "), &reason)
}

/// Name spelled two ways: entity edges; evidence is each document's first mention.
fn name_findings(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let ents = &cx.analysis.entities;
    let mut pairs = Vec::new();
    let mut reasons: BTreeMap<usize, String> = BTreeMap::new();
    for (a, b, e) in cx.graph.edges(Relation::Contradicts, Aspect::NameSpelling) {
        let (Node::Entity(a), Node::Entity(b)) = (a, b) else {
            continue;
        };
        pairs.push((a.0, b.0));
        reasons
            .entry(a.0.min(b.0))
            .or_insert_with(|| cx.graph.reason(e.reason).to_string());
    }
    let mut out = word_findings(rule, cx);
    let comps = groups(ents.entities.len(), pairs);
    let grouped: BTreeSet<usize> = comps.values().flatten().copied().collect();
    // Mentions of each entity in a name-variant group, in document and text order: one
    // pass over the bundle, not one per entity.
    let mut mentions_of: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    if !comps.is_empty() {
        for (d, (doc, an)) in cx.documents.iter().zip(&cx.analysis.docs).enumerate() {
            for i in 0..an.mentions.len() {
                if let Some(id) = ents.of(&doc.id, i)
                    && grouped.contains(&id.0)
                {
                    mentions_of.entry(id.0).or_default().push((d, i));
                }
            }
        }
    }
    for (_, members) in comps {
        let mut evidence = Vec::new();
        for m in &members {
            // Every distinct spelling in each document, first occurrence.
            let mut seen = BTreeSet::new();
            let mut last_doc = None;
            for &(d, i) in mentions_of.get(m).map(Vec::as_slice).unwrap_or(&[]) {
                if last_doc != Some(d) {
                    seen.clear();
                    last_doc = Some(d);
                }
                let (doc, men) = (&cx.documents[d], &cx.analysis.docs[d].mentions[i]);
                if seen.insert(men.name()) {
                    evidence.push(Evidence {
                        document: doc.id.clone(),
                        claim: None,
                        span: men.span,
                        value: Some(men.name()),
                    });
                }
            }
        }
        let names: Vec<&str> = members.iter().map(|&m| ents.name(EntityId(m))).collect();
        out.push(spelling_finding(
            rule, cx, evidence, &names, &members, &reasons,
        ));
    }
    out
}

/// House style: an avoided spelling anywhere in the articles' reporting text.
fn consistency_findings(rule: &Rule, cx: &Context, c: &super::model::Consistency) -> Vec<Finding> {
    let mut out = Vec::new();
    for avoid in &c.avoid {
        let pat = format!(r"\b{}\b", regex::escape(avoid));
        let Ok(re) = RegexBuilder::new(&pat)
            .case_insensitive(!c.case_sensitive)
            .build()
        else {
            continue;
        };
        let mut evidence = Vec::new();
        for (doc, an) in cx.documents.iter().zip(&cx.analysis.docs) {
            for region in an.seg.content_regions() {
                for m in re.find_iter(region.slice(&doc.text)) {
                    evidence.push(Evidence {
                        document: doc.id.clone(),
                        claim: None,
                        span: Span::new(region.start + m.start(), region.start + m.end()),
                        value: Some(m.as_str().to_string()),
                    });
                }
            }
        }
        if evidence.is_empty() {
            continue;
        }
        let mut vars = BTreeMap::new();
        vars.insert("found", avoid.clone());
        vars.insert("prefer", c.prefer.clone());
        vars.insert("documents", documents_line(&evidence));
        out.push(finish(rule, cx, evidence, &vars));
    }
    out
}

/// A weekday written beside a date it does not fall on: one finding per expression. A
/// weekday alone is resolved to a day it falls on, so only a written date can disagree.
/// When the year was inferred, the expression is reported only if the weekday fits
/// neither that year nor the years either side (the inference may have been wrong). The
/// evidence also cites, per other document, the first expression that names the date's
/// true weekday for that day: the editor sees which of the two the other sources back.
fn weekday_findings(rule: &Rule, cx: &Context) -> Vec<Finding> {
    use jiff::civil::Date;
    // (document, expression, its date, the weekday written)
    let mut mismatches: Vec<(usize, &crate::claim::TimeRef, Date, jiff::civil::Weekday)> =
        Vec::new();
    for (d, an) in cx.analysis.docs.iter().enumerate() {
        for t in &an.times {
            let (Some(written), Some(date)) = (t.weekday, t.civil_date()) else {
                continue;
            };
            if date.weekday() == written {
                continue;
            }
            if t.year_inferred
                && [-1, 1].iter().any(|dy| {
                    Date::new(date.year() + dy, date.month(), date.day())
                        .is_ok_and(|x| x.weekday() == written)
                })
            {
                continue;
            }
            mismatches.push((d, t, date, written));
        }
    }
    if mismatches.is_empty() {
        return Vec::new();
    }
    // Per day, the first expression of each document that names its true weekday.
    let wanted: BTreeSet<&str> = mismatches
        .iter()
        .filter_map(|(_, t, _, _)| t.day())
        .collect();
    let mut backing: BTreeMap<&str, Vec<(usize, &crate::claim::TimeRef)>> = BTreeMap::new();
    for (d, an) in cx.analysis.docs.iter().enumerate() {
        for t in &an.times {
            let Some(day) = t.day().filter(|day| wanted.contains(day)) else {
                continue;
            };
            let named = t
                .civil_date()
                .is_some_and(|date| t.weekday == Some(date.weekday()));
            let v = backing.entry(day).or_default();
            if named && v.iter().all(|(o, _)| *o != d) {
                v.push((d, t));
            }
        }
    }
    let mut out = Vec::new();
    for (d, t, date, written) in mismatches {
        let doc = &cx.documents[d];
        let day = t.day().unwrap_or_default();
        let actual = weekday_name(date.weekday());
        let mut evidence = vec![Evidence {
            document: doc.id.clone(),
            claim: None,
            span: t.span,
            value: Some(format!("{day} is a {actual}")),
        }];
        for &(o, b) in backing.get(day).into_iter().flatten() {
            if o != d {
                evidence.push(Evidence {
                    document: cx.documents[o].id.clone(),
                    claim: None,
                    span: b.span,
                    value: Some(format!("{actual} ({day})")),
                });
            }
        }
        let mut vars = BTreeMap::new();
        vars.insert("text", t.span.slice(&doc.text).to_string());
        vars.insert("document", doc.id.0.clone());
        vars.insert("written", weekday_name(written));
        vars.insert("actual", actual);
        vars.insert("date", day.to_string());
        out.push(finish(rule, cx, evidence, &vars));
    }
    out
}

/// The weekday's English name: jiff's `Debug` spells it out, as the time expressions'
/// JSON writes it (`temporal::Timex`).
fn weekday_name(w: jiff::civil::Weekday) -> String {
    format!("{w:?}")
}

/// If a claim matches `if`, it must match `then`; each that does not is a finding.
fn conditional_findings(rule: &Rule, cx: &Context, c: &super::model::Conditional) -> Vec<Finding> {
    let mut out = Vec::new();
    let (scope, cond, then) = (
        compile_filters(&rule.scope.r#where),
        compile_filters(&c.r#if),
        compile_filters(&c.then),
    );
    for claim in &cx.analysis.claims {
        if !in_scope(&rule.scope, &scope, claim, cx) || !filters_match(&cond, claim, cx) {
            continue;
        }
        if filters_match(&then, claim, cx) {
            continue;
        }
        let text = &cx.claim_doc(claim).text;
        let evidence = vec![Evidence {
            document: claim.document.clone(),
            claim: Some(claim.id.clone()),
            span: claim.span,
            value: None,
        }];
        let mut vars = BTreeMap::new();
        vars.insert("text", claim.span.slice(text).to_string());
        vars.insert("document", claim.document.0.clone());
        vars.insert(
            "field",
            c.then.keys().cloned().collect::<Vec<_>>().join(", "),
        );
        out.push(finish(rule, cx, evidence, &vars));
    }
    out
}
