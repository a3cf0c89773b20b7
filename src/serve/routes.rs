//! The routes: GET pages, POST forms with post/redirect/get. Every request passes the
//! guard first (loopback `Host`, same-origin `Origin` on POST); every response carries the
//! hardening headers. Path parameters are looked up in the loaded review, never used as
//! file names.

use super::decisions::{self, State};
use super::graph_view::{self, Focus};
use super::pages::*;
use super::review::{Filter, Review};
use super::security;
use super::{App, Loaded};
use crate::baseline::{Decision, DecisionKind};
use crate::entities::EntityId;
use crate::rules::Finding;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, Request, State as AxState};
use axum::http::{Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::sync::Arc;

type Shared = Arc<App>;

/// The review server's routes, guarded.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(list))
        .route("/finding/{fingerprint}", get(finding))
        .route("/finding/{fingerprint}/decision", post(decide))
        .route("/finding/{fingerprint}/reopen", post(reopen))
        .route("/reload", post(reload))
        .route("/events", get(events))
        .route("/graph", get(graph_index))
        .route("/graph/event/{n}", get(graph_event))
        .route("/graph/entity/{n}", get(graph_entity))
        .route("/assets/style.css", get(style))
        .route("/assets/keys.js", get(script))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

/// Refuse other hosts (DNS rebinding) and cross-origin posts; harden every response.
async fn guard(AxState(app): AxState<Shared>, req: Request, next: Next) -> Response {
    let port = app.port.get().copied();
    let host_ok = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| security::loopback_host(h, port));
    let mut res = if !host_ok {
        (
            StatusCode::MISDIRECTED_REQUEST,
            "this review server answers only to 127.0.0.1 and localhost\n",
        )
            .into_response()
    } else if req.method() != Method::GET && !security::origin_ok(req.headers(), port) {
        (StatusCode::FORBIDDEN, "cross-origin request refused\n").into_response()
    } else {
        next.run(req).await
    };
    security::harden(res.headers_mut());
    res
}

fn page(t: impl Template) -> Response {
    match t.render() {
        Ok(s) => Html(s).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("render: {e}\n")).into_response(),
    }
}

fn problem(app: &App, status: StatusCode, title: &str, message: String) -> Response {
    let mut r = page(ProblemPage {
        title: title.into(),
        csrf: app.csrf().into(),
        message,
    });
    *r.status_mut() = status;
    r
}

async fn not_found(AxState(app): AxState<Shared>) -> Response {
    missing(&app)
}

fn missing(app: &App) -> Response {
    problem(
        app,
        StatusCode::NOT_FOUND,
        "Not found",
        "There is no such page.".into(),
    )
}

async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("assets/style.css"),
    )
        .into_response()
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("assets/keys.js"),
    )
        .into_response()
}

fn choices(values: impl IntoIterator<Item = (String, String)>, current: &str) -> Vec<Choice> {
    std::iter::once((String::new(), "any".to_string()))
        .chain(values)
        .map(|(value, label)| Choice {
            selected: value == current,
            value,
            label,
        })
        .collect()
}

fn documents_of(f: &Finding) -> String {
    let mut d: Vec<&str> = Vec::new();
    for e in &f.evidence {
        if !d.contains(&e.document.0.as_str()) {
            d.push(&e.document.0);
        }
    }
    d.join(", ")
}

fn finding_href(f: &Finding, filter: &Filter) -> String {
    format!("/finding/{}{}", f.fingerprint, filter.query())
}

async fn list(AxState(app): AxState<Shared>, Query(filter): Query<Filter>) -> Response {
    let guard = app.read();
    let Loaded { review, store } = &*guard;
    let rows = review
        .filtered(&filter, store)
        .into_iter()
        .map(|f| {
            let state = store.state(&f.fingerprint);
            Row {
                href: finding_href(f, &filter),
                severity: f.severity.as_str(),
                rule: f.rule.clone(),
                message: f.message.clone(),
                documents: documents_of(f),
                state: state.as_str(),
                state_label: state.label(),
            }
        })
        .collect();
    let states = std::iter::once(("open".to_string(), "open (new or confirmed)".to_string()))
        .chain(
            State::ALL
                .iter()
                .map(|s| (s.as_str().to_string(), s.label().to_string())),
        );
    page(ListPage {
        title: "Findings".into(),
        csrf: app.csrf().into(),
        rows,
        total: review.findings().len(),
        severities: choices(
            ["error", "warning", "info"].map(|s| (s.to_string(), s.to_string())),
            &filter.severity,
        ),
        rules: choices(
            review.rule_ids().into_iter().map(|r| (r.clone(), r)),
            &filter.rule,
        ),
        documents: choices(
            review.document_ids().into_iter().map(|d| (d.clone(), d)),
            &filter.document,
        ),
        states: choices(states, &filter.state),
        notices: review
            .notices
            .iter()
            .map(|n| format!("{}: {}", n.path, n.message))
            .collect(),
        baseline: store.path().display().to_string(),
    })
}

/// The text around one piece of evidence, split at its span (clamped to the text and to
/// character boundaries, so a stale span cannot panic).
fn split(text: &str, start: usize, end: usize) -> (String, String, String) {
    let fix = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (s, e) = (fix(start), fix(end.max(start)));
    (
        text[..s].to_string(),
        text[s..e].to_string(),
        text[e..].to_string(),
    )
}

fn panels(review: &Review, f: &Finding) -> Vec<Panel> {
    f.evidence
        .iter()
        .filter_map(|e| {
            let d = review.document(&e.document.0)?;
            let (before, mark, after) = split(&d.text, e.span.start, e.span.end);
            Some(Panel {
                document: d.id.0.clone(),
                path: d.path.clone(),
                outlet: d.outlet.clone().unwrap_or_default(),
                published: d.published.map(|p| p.to_string()).unwrap_or_default(),
                value: e.value.clone().unwrap_or_default(),
                before,
                mark,
                after,
            })
        })
        .collect()
}

fn decision_view(d: &Decision) -> DecisionView {
    DecisionView {
        label: d.kind.label(),
        reason: d.reason.clone(),
        reviewer: d.reviewer.clone(),
        at: d.at.clone(),
    }
}

/// Decisions on entries that match no current finding but have `f`'s rule and articles:
/// most likely `f` before its evidence changed. Shown, never applied: the reviewer decides
/// again.
fn earlier_decisions<'a>(
    review: &Review,
    store: &'a decisions::Store,
    f: &Finding,
) -> Vec<&'a Decision> {
    let mut docs: Vec<&str> = f.evidence.iter().map(|e| e.document.0.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    store
        .entries()
        .iter()
        .filter(|e| e.rule == f.rule && review.finding(&e.fingerprint).is_none())
        .filter(|e| {
            let mut d: Vec<&str> = e.documents.iter().map(String::as_str).collect();
            d.sort_unstable();
            d.dedup();
            d == docs
        })
        .filter_map(|e| e.decision.as_ref())
        .collect()
}

fn is_fingerprint(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|c| c.is_ascii_hexdigit())
}

async fn finding(
    AxState(app): AxState<Shared>,
    Path(fingerprint): Path<String>,
    Query(filter): Query<Filter>,
) -> Response {
    let guard = app.read();
    let Loaded { review, store } = &*guard;
    let found = is_fingerprint(&fingerprint)
        .then(|| review.finding(&fingerprint))
        .flatten();
    let Some((_, f)) = found else {
        return problem(
            &app,
            StatusCode::NOT_FOUND,
            "No such finding",
            "This finding is not in the current check: the articles may have changed (reload) \
             or the link is wrong."
                .into(),
        );
    };
    // Previous and next within the list as filtered (the finding itself may have left
    // the filter after a decision: then its neighbours in the whole list's order).
    let shown = review.filtered(&filter, store);
    let all = review.findings();
    let order: Vec<&Finding> = if shown.iter().any(|g| g.fingerprint == f.fingerprint) {
        shown
    } else {
        all.iter().collect()
    };
    let at = order
        .iter()
        .position(|g| g.fingerprint == f.fingerprint)
        .unwrap_or(0);
    let link = |i: Option<usize>| {
        i.and_then(|i| order.get(i))
            .map(|g| finding_href(g, &filter))
            .unwrap_or_default()
    };
    let state = store.state(&f.fingerprint);
    let rule = review.rules.get(&f.rule);
    let decision = store
        .entry(&f.fingerprint)
        .and_then(|e| e.decision.as_ref())
        .map(decision_view);
    let earlier = earlier_decisions(review, store, f)
        .into_iter()
        .map(decision_view)
        .collect();
    let keys = ["c", "f", "w"];
    page(FindingPage {
        title: format!("{} {}", f.rule, f.id),
        csrf: app.csrf().into(),
        fingerprint: f.fingerprint.clone(),
        position: at + 1,
        count: order.len(),
        rule: f.rule.clone(),
        severity: f.severity.as_str(),
        message: f.message.clone(),
        summary: rule.map(|r| r.summary.clone()).unwrap_or_default(),
        help: f
            .help
            .clone()
            .or_else(|| rule.and_then(|r| r.help.clone()))
            .unwrap_or_default(),
        state: state.as_str(),
        state_label: state.label(),
        decision,
        earlier,
        panels: panels(review, f),
        prev: link(at.checked_sub(1)),
        next: link(Some(at + 1)),
        back: format!("/{}", filter.query()),
        query: filter.query().trim_start_matches('?').to_string(),
        kinds: DecisionKind::ALL
            .iter()
            .zip(keys)
            .map(|(k, key)| Kind {
                value: k.as_str(),
                label: k.label(),
                key,
            })
            .collect(),
        reviewer: store.last_reviewer().unwrap_or_default().to_string(),
    })
}

#[derive(Deserialize)]
struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    reviewer: String,
    /// The list's query string, to come back to the same filtered list.
    #[serde(default)]
    back: String,
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    back: String,
}

fn refused(app: &App) -> Response {
    problem(
        app,
        StatusCode::FORBIDDEN,
        "Refused",
        "The form's token is missing or wrong (a page from another site, or from an earlier \
         run of the server): open the page again and retry."
            .into(),
    )
}

/// One line of text from a form field: trimmed, control characters removed.
fn field(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

async fn decide(
    AxState(app): AxState<Shared>,
    Path(fingerprint): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Response {
    if !app.csrf.matches(&form.csrf) {
        return refused(&app);
    }
    let Some(kind) = DecisionKind::parse(&form.kind) else {
        return problem(
            &app,
            StatusCode::BAD_REQUEST,
            "Unknown decision",
            "A decision is confirmed, false-positive or wont-fix.".into(),
        );
    };
    let (reason, reviewer) = (field(&form.reason), field(&form.reviewer));
    if reason.is_empty() || reviewer.is_empty() || reason.len() > 2000 || reviewer.len() > 200 {
        return problem(
            &app,
            StatusCode::BAD_REQUEST,
            "Reason and name needed",
            "Every decision needs a reason (up to 2000 bytes) and the reviewer's name (up to \
             200)."
                .into(),
        );
    }
    let mut guard = app.write();
    let Loaded { review, store } = &mut *guard;
    let Some((_, f)) = is_fingerprint(&fingerprint)
        .then(|| review.finding(&fingerprint))
        .flatten()
    else {
        drop(guard);
        return problem(
            &app,
            StatusCode::NOT_FOUND,
            "No such finding",
            "This finding is not in the current check.".into(),
        );
    };
    let decision = Decision {
        kind,
        reason,
        reviewer,
        at: decisions::now(),
    };
    if let Err(e) = store.decide(f, decision) {
        drop(guard);
        return problem(
            &app,
            StatusCode::INTERNAL_SERVER_ERROR,
            "Not saved",
            e.to_string(),
        );
    }
    drop(guard);
    let q = Filter::parse(&form.back).query();
    Redirect::to(&format!("/finding/{fingerprint}{q}")).into_response()
}

async fn reopen(
    AxState(app): AxState<Shared>,
    Path(fingerprint): Path<String>,
    Form(form): Form<TokenForm>,
) -> Response {
    if !app.csrf.matches(&form.csrf) {
        return refused(&app);
    }
    if !is_fingerprint(&fingerprint) {
        return missing(&app);
    }
    let result = app.write().store.reopen(&fingerprint);
    if let Err(e) = result {
        return problem(
            &app,
            StatusCode::INTERNAL_SERVER_ERROR,
            "Not saved",
            e.to_string(),
        );
    }
    let q = Filter::parse(&form.back).query();
    Redirect::to(&format!("/finding/{fingerprint}{q}")).into_response()
}

async fn reload(AxState(app): AxState<Shared>, Form(form): Form<TokenForm>) -> Response {
    if !app.csrf.matches(&form.csrf) {
        return refused(&app);
    }
    let worker = app.clone();
    let done = tokio::task::spawn_blocking(move || worker.reload()).await;
    match done {
        Ok(Ok(())) => Redirect::to("/").into_response(),
        Ok(Err(e)) => problem(
            &app,
            StatusCode::INTERNAL_SERVER_ERROR,
            "Reload failed",
            e.to_string(),
        ),
        Err(e) => problem(
            &app,
            StatusCode::INTERNAL_SERVER_ERROR,
            "Reload failed",
            e.to_string(),
        ),
    }
}

fn names(o: &crate::check::Outcome, ids: &[EntityId]) -> String {
    ids.iter()
        .map(|&e| o.analysis.entities.name(e))
        .collect::<Vec<_>>()
        .join(", ")
}

fn joined<'a>(ids: impl IntoIterator<Item = &'a crate::document::DocId>) -> String {
    ids.into_iter()
        .map(|d| d.0.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

async fn events(AxState(app): AxState<Shared>) -> Response {
    let guard = app.read();
    let o = &guard.review.outcome;
    let mut order: Vec<usize> = (0..o.ledger.events.len()).collect();
    // Dated events by day, then the undated; the ledger's order within a day.
    order.sort_by_key(|&i| {
        let d = &o.ledger.events[i].date;
        (d.is_none(), d.clone())
    });
    let events = order
        .into_iter()
        .map(|i| {
            let e = &o.ledger.events[i];
            EventRow {
                date: e.date.clone().unwrap_or_default(),
                label: e.label.clone(),
                kind: e.kind.as_str().to_string(),
                participants: names(o, &e.participants),
                documents: joined(&e.documents),
                dissent: joined(&e.dissent),
                graph: format!("/graph/event/{i}"),
            }
        })
        .collect();
    page(EventsPage {
        title: "Events".into(),
        csrf: app.csrf().into(),
        events,
    })
}

async fn graph_index(AxState(app): AxState<Shared>) -> Response {
    let guard = app.read();
    let o = &guard.review.outcome;
    let events = o
        .ledger
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| Link {
            href: format!("/graph/event/{i}"),
            label: e.label.clone(),
            note: e.date.clone().unwrap_or_default(),
        })
        .collect();
    let entities = graph_view::entities(o)
        .into_iter()
        .map(|(i, name, degree)| Link {
            href: format!("/graph/entity/{i}"),
            label: name,
            note: format!("{degree} claim{}", if degree == 1 { "" } else { "s" }),
        })
        .collect();
    page(GraphIndexPage {
        title: "Claim graph".into(),
        csrf: app.csrf().into(),
        events,
        entities,
    })
}

async fn graph_event(AxState(app): AxState<Shared>, Path(n): Path<String>) -> Response {
    let guard = app.read();
    let o = &guard.review.outcome;
    let Some((i, e)) = n
        .parse::<usize>()
        .ok()
        .and_then(|i| Some((i, o.ledger.events.get(i)?)))
    else {
        return missing(&app);
    };
    page(GraphPage {
        title: format!("Event: {}", e.label),
        csrf: app.csrf().into(),
        size: graph_view::SIZE,
        view: graph_view::view(o, &Focus::Event(i)),
    })
}

async fn graph_entity(AxState(app): AxState<Shared>, Path(n): Path<String>) -> Response {
    let guard = app.read();
    let o = &guard.review.outcome;
    let Some(i) = n
        .parse::<usize>()
        .ok()
        .filter(|&i| i < o.analysis.entities.entities.len())
    else {
        return missing(&app);
    };
    page(GraphPage {
        title: format!("Entity: {}", o.analysis.entities.name(EntityId(i))),
        csrf: app.csrf().into(),
        size: graph_view::SIZE,
        view: graph_view::view(o, &Focus::Entity(EntityId(i))),
    })
}
