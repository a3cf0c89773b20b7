//! The review server's routes without a browser (tower's `oneshot`): the `Host` check,
//! CSRF, escaping of hostile article text, paths that must not reach files, and the
//! decisions' round trip through the baseline file and `check --baseline`.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use claimgraph::baseline::{self, DecisionKind};
use claimgraph::pipeline::{ConfigChoice, Inputs};
use claimgraph::serve::decisions::State;
use claimgraph::serve::{App, Options, router};
use common::{TempDir, root, temp_dir};
use http_body_util::BodyExt;
use std::sync::Arc;
use tower::ServiceExt;

/// A copy of the example bundle (fictional), each article ending with `tail`.
fn bundle(name: &str, tail: &str) -> TempDir {
    let dir = temp_dir(name);
    for e in std::fs::read_dir(root().join("examples/harbour-talks")).unwrap() {
        let p = e.unwrap().path();
        let mut text = std::fs::read_to_string(&p).unwrap();
        if p.extension().is_some_and(|x| x == "txt") {
            text.push_str(tail);
        }
        dir.write(
            &format!("articles/{}", p.file_name().unwrap().to_string_lossy()),
            text,
        );
    }
    dir
}

fn app(dir: &TempDir) -> Arc<App> {
    Arc::new(
        App::load(Options {
            inputs: Inputs::paths(vec![dir.join("articles")]),
            config: ConfigChoice::Ignore,
            rule_files: vec![],
            baseline: dir.join("baseline.json"),
        })
        .expect("the review loads"),
    )
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn send(app: &Arc<App>, req: Request<Body>) -> Reply {
    let res = router(app.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

async fn get(app: &Arc<App>, uri: &str) -> Reply {
    let req = Request::get(uri)
        .header(header::HOST, "127.0.0.1")
        .body(Body::empty())
        .unwrap();
    send(app, req).await
}

async fn post(app: &Arc<App>, uri: &str, form: &[(&str, &str)]) -> Reply {
    let body = serde_urlencoded::to_string(form).unwrap();
    let req = Request::post(uri)
        .header(header::HOST, "127.0.0.1")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    send(app, req).await
}

fn first_fingerprint(app: &App) -> String {
    app.read().review.findings()[0].fingerprint.clone()
}

#[tokio::test]
async fn other_hosts_are_refused_and_pages_are_hardened() {
    let dir = bundle("serve-host", "");
    let app = app(&dir);
    let ok = get(&app, "/").await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let csp = ok.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert_eq!(ok.headers[header::X_FRAME_OPTIONS], "DENY");
    for host in ["harbourton.example", "127.0.0.1.veldra.example", "10.0.0.7"] {
        let req = Request::get("/")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap();
        let r = send(&app, req).await;
        assert_eq!(r.status, StatusCode::MISDIRECTED_REQUEST, "{host}");
        assert!(!r.body.contains("Findings"), "{host}: no page is served");
    }
    // No Host at all is refused too.
    let r = send(&app, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::MISDIRECTED_REQUEST);
    // The browser must send our origin with our forms: `no-referrer` would make it `null`.
    assert_eq!(ok.headers[header::REFERRER_POLICY], "same-origin");
    // A post from another origin (or an opaque one) is refused even with the right token.
    let fp = first_fingerprint(&app);
    let decide = |origin: &str| {
        Request::post(format!("/finding/{fp}/decision"))
            .header(header::HOST, "127.0.0.1")
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "csrf={}&kind=false-positive&reason=r&reviewer=n",
                app.csrf()
            )))
            .unwrap()
    };
    for origin in ["http://harbourton.example", "null", "https://127.0.0.1"] {
        let r = send(&app, decide(origin)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{origin}");
    }
    assert!(!dir.join("baseline.json").exists());
    // Our own origin passes.
    let r = send(&app, decide("http://127.0.0.1")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(dir.join("baseline.json").exists());
}

#[tokio::test]
async fn state_changing_forms_need_the_token() {
    let dir = bundle("serve-csrf", "");
    let app = app(&dir);
    let fp = first_fingerprint(&app);
    let uri = format!("/finding/{fp}/decision");
    let form = |csrf: &'static str| {
        [
            ("csrf", csrf),
            ("kind", "false-positive"),
            ("reason", "the counts are of different things"),
            ("reviewer", "Okafor"),
        ]
    };
    for bad in ["", "00", "not the token"] {
        let r = post(&app, &uri, &form(bad)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "token {bad:?}");
    }
    let wrong = "0".repeat(64);
    let r = post(
        &app,
        &uri,
        &[
            ("csrf", wrong.as_str()),
            ("kind", "wont-fix"),
            ("reason", "x"),
            ("reviewer", "y"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    for u in ["/reload".to_string(), format!("/finding/{fp}/reopen")] {
        assert_eq!(
            post(&app, &u, &[]).await.status,
            StatusCode::FORBIDDEN,
            "{u}"
        );
    }
    assert!(!dir.join("baseline.json").exists(), "nothing was written");
    assert_eq!(app.read().store.state(&fp), State::New);
    // A reason and a name are required.
    let token = app.csrf().to_string();
    let r = post(
        &app,
        &uri,
        &[
            ("csrf", token.as_str()),
            ("kind", "false-positive"),
            ("reason", "  "),
            ("reviewer", "Okafor"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post(
        &app,
        &uri,
        &[
            ("csrf", token.as_str()),
            ("kind", "maybe"),
            ("reason", "r"),
            ("reviewer", "Okafor"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(!dir.join("baseline.json").exists());
}

const HOSTILE: &str = "\n\nCalloway said: <script>alert('veldra')</script> and \
    [the port notice](javascript:alert(1)) and <a href=\"javascript:alert(2)\">Okafor</a> \
    with \"double\" and 'single' quotes \"><img src=x onerror=alert(3)>.\n";

/// Text as askama escapes it: every markup character as a numeric reference.
fn escaped(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn article_text_is_escaped_everywhere() {
    let dir = bundle("serve-escape", HOSTILE);
    let app = app(&dir);
    let pages = {
        let l = app.read();
        let mut p = vec!["/".to_string(), "/events".into(), "/graph".into()];
        p.extend(
            l.review
                .findings()
                .iter()
                .map(|f| format!("/finding/{}", f.fingerprint)),
        );
        p.extend((0..l.review.outcome.ledger.events.len()).map(|i| format!("/graph/event/{i}")));
        p.extend(
            (0..l.review.outcome.analysis.entities.entities.len())
                .map(|i| format!("/graph/entity/{i}")),
        );
        p
    };
    let mut shown = 0;
    for uri in &pages {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        let b = r.body.to_lowercase();
        assert!(
            !b.contains("<script>alert"),
            "{uri}: a script tag from an article"
        );
        assert!(
            !b.contains("<img src=x"),
            "{uri}: an element from an article"
        );
        assert!(
            !b.contains("href=\"javascript:"),
            "{uri}: a javascript: link"
        );
        assert!(!b.contains("<a href=\"javascript"), "{uri}");
        // Only the compiled-in script is loaded.
        assert_eq!(b.matches("<script").count(), 1, "{uri}");
        // Finding pages show the articles whole (graph pages cut claims short).
        if uri.starts_with("/finding/")
            && r.body
                .contains(&escaped("<script>alert('veldra')</script>"))
        {
            shown += 1;
            for piece in [
                "<a href=\"javascript:alert(2)\">Okafor</a>",
                "with \"double\" and 'single' quotes \"><img src=x onerror=alert(3)>.",
            ] {
                assert!(
                    r.body.contains(&escaped(piece)),
                    "{uri}: {piece} is shown as text"
                );
            }
        }
    }
    assert!(
        shown > 0,
        "the hostile text is shown (escaped) on the finding pages"
    );
}

#[tokio::test]
async fn no_request_path_reaches_the_file_system() {
    let dir = bundle("serve-paths", "");
    let app = app(&dir);
    for uri in [
        "/finding/..%2f..%2fCargo.toml",
        "/finding/../../etc/passwd",
        &format!("/finding/{}", "g".repeat(64)),
        &format!("/finding/{}", "0".repeat(64)),
        "/assets/../Cargo.toml",
        "/assets/style.css/../../src/main.rs",
        "/articles/01_meridian-times.txt",
        "/graph/event/999999",
        "/graph/entity/-1",
        "/graph/entity/99999999999999999999999",
        "/baseline.json",
    ] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            !r.body.contains("[package]") && !r.body.contains("fn main"),
            "{uri}"
        );
    }
    assert_eq!(get(&app, "/assets/keys.js").await.status, StatusCode::OK);
}

#[tokio::test]
async fn decisions_round_trip_through_the_baseline() {
    let dir = bundle("serve-decide", "");
    let app = app(&dir);
    let (fp, total) = {
        let l = app.read();
        (
            l.review.findings()[0].fingerprint.clone(),
            l.review.findings().len(),
        )
    };
    let token = app.csrf().to_string();
    let r = post(
        &app,
        &format!("/finding/{fp}/decision"),
        &[
            ("csrf", token.as_str()),
            ("kind", "false-positive"),
            ("reason", "Calloway counts boats, <b>not</b> crews"),
            ("reviewer", "Okafor"),
            ("back", "state=new&rule=%3Cx%3E"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let to = r.headers[header::LOCATION].to_str().unwrap();
    assert_eq!(
        to,
        format!("/finding/{fp}?rule=%3Cx%3E&state=new"),
        "the filter, re-encoded"
    );
    let page = get(&app, &format!("/finding/{fp}")).await;
    assert!(
        page.body.contains("false positive</strong> by Okafor"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(&escaped("Calloway counts boats, <b>not</b> crews")),
        "the reason is escaped"
    );

    // On disk: a v1 baseline with the decision.
    let written = baseline::read(&dir.join("baseline.json")).unwrap();
    assert_eq!(written.schema, baseline::SCHEMA);
    assert_eq!(written.findings.len(), 1);
    let d = written.findings[0].decision.as_ref().unwrap();
    assert_eq!(
        (d.kind, d.reviewer.as_str()),
        (DecisionKind::FalsePositive, "Okafor")
    );
    assert!(d.at.ends_with('Z'), "{}", d.at);

    // The list's filters see it.
    let list = get(&app, "/?state=false-positive").await;
    assert_eq!(list.body.matches("<tr class=\"finding\"").count(), 1);
    let open = get(&app, "/?state=open").await;
    assert_eq!(
        open.body.matches("<tr class=\"finding\"").count(),
        total - 1
    );

    // An edit elsewhere and a reload keep it (same fingerprint).
    let a = dir.join("articles/05_tidewater-review.txt");
    let mut text = std::fs::read_to_string(&a).unwrap();
    text.push_str("\nThe Harbourton ferry ran on time on Friday.\n");
    std::fs::write(&a, text).unwrap();
    let r = post(&app, "/reload", &[("csrf", token.as_str())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.read().store.state(&fp),
        State::Decided(DecisionKind::FalsePositive)
    );

    // `check --baseline` hides it, and only it.
    let run = common::run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "--baseline",
        dir.join("baseline.json").to_str().unwrap(),
        dir.join("articles").to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let fps: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap())
        .collect();
    assert!(!fps.contains(&fp.as_str()));
    assert_eq!(fps.len(), total - 1);
    assert_eq!(v["baseline"]["hidden"], 1);

    // Refreshing the file with `check --baseline F --write-baseline F` keeps the decision
    // (and accepts the other findings without one).
    let b = dir.join("baseline.json");
    let b = b.to_str().unwrap();
    let articles = dir.join("articles");
    let run = common::run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "--baseline",
        b,
        "--write-baseline",
        b,
        articles.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.describe());
    let refreshed = baseline::read(&dir.join("baseline.json")).unwrap();
    assert_eq!(refreshed.findings.len(), total);
    let kept: Vec<_> = refreshed
        .findings
        .iter()
        .filter_map(|e| Some((e.fingerprint.as_str(), e.decision.as_ref()?.kind)))
        .collect();
    assert_eq!(kept, [(fp.as_str(), DecisionKind::FalsePositive)]);

    // Reopen: new again, and the file no longer has it; the server reads the file again
    // before changing it, so the entries the command line added are kept.
    let r = post(
        &app,
        &format!("/finding/{fp}/reopen"),
        &[("csrf", token.as_str())],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.read().store.state(&fp), State::New);
    let left = baseline::read(&dir.join("baseline.json")).unwrap();
    assert_eq!(left.findings.len(), total - 1);
    assert!(left.findings.iter().all(|e| e.fingerprint != fp));
}

#[tokio::test]
async fn a_dismissed_finding_whose_evidence_changed_is_new_again() {
    let dir = bundle("serve-changed", "");
    let app = app(&dir);
    let (fp, doc, quote) = {
        let l = app.read();
        let f = &l.review.findings()[0];
        let e = &f.evidence[0];
        let d = l.review.document(&e.document.0).unwrap();
        (
            f.fingerprint.clone(),
            d.path.clone(),
            d.slice(e.span).to_string(),
        )
    };
    let token = app.csrf().to_string();
    let r = post(
        &app,
        &format!("/finding/{fp}/decision"),
        &[
            ("csrf", token.as_str()),
            ("kind", "wont-fix"),
            ("reason", "house style"),
            ("reviewer", "Okafor"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Reword the evidence: one more word in the sentence the finding quotes.
    let text = std::fs::read_to_string(&doc).unwrap();
    let changed = quote.replacen(' ', " indeed ", 1);
    assert!(text.contains(&quote));
    std::fs::write(&doc, text.replacen(&quote, &changed, 1)).unwrap();
    app.reload().unwrap();
    let (rule, now, reworded) = {
        let l = app.read();
        assert!(
            l.review.finding(&fp).is_none(),
            "the old fingerprint is gone"
        );
        let e = l
            .store
            .entry(&fp)
            .expect("its decision is kept in the file");
        let now = l.review.findings().len();
        let mut docs = e.documents.clone();
        docs.sort();
        // The reworded finding: same rule, same articles, another fingerprint.
        let reworded: Vec<String> = l
            .review
            .findings()
            .iter()
            .filter(|f| {
                let mut d: Vec<String> = f.evidence.iter().map(|x| x.document.0.clone()).collect();
                d.sort();
                d.dedup();
                f.rule == e.rule && d == docs
            })
            .map(|f| f.fingerprint.clone())
            .collect();
        (e.rule.clone(), now, reworded)
    };
    // Its page is new and shows the earlier decision, which it does not inherit.
    assert_eq!(reworded.len(), 1, "{reworded:?}");
    let page = get(&app, &format!("/finding/{}", reworded[0])).await;
    assert!(
        page.body
            .contains("id=\"state\" class=\"state new\">new</strong>")
    );
    assert!(
        page.body.contains(
            "Earlier, before its evidence changed: <strong>won&#39;t fix</strong> by Okafor"
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("house style"));
    // Other findings' pages do not show it.
    let other = {
        let l = app.read();
        l.review
            .findings()
            .iter()
            .find(|f| f.fingerprint != reworded[0])
            .map(|f| f.fingerprint.clone())
            .unwrap()
    };
    let page = get(&app, &format!("/finding/{other}")).await;
    assert!(!page.body.contains("house style"));
    // `check --baseline` reports the reworded finding as new and lists the old entry,
    // with its decision, as stale.
    let run = common::run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "--baseline",
        dir.join("baseline.json").to_str().unwrap(),
        dir.join("articles").to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), now, "nothing hidden");
    assert!(findings.iter().any(|f| f["rule"] == rule.as_str()));
    assert_eq!(v["baseline"]["hidden"], 0);
    let stale = &v["baseline"]["stale"][0];
    assert_eq!(stale["fingerprint"], fp.as_str());
    assert_eq!(stale["decision"]["kind"], "wont-fix");
    assert_eq!(stale["decision"]["reason"], "house style");
}
