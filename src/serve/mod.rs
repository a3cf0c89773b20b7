//! `serve`: a local review server for editorial QA (`claimgraph serve`, docs/review.md).
//!
//! It runs the same check as `check` ([`crate::pipeline::Plan`]) and shows its findings as
//! server-rendered pages: a filterable list, each finding's evidence side by side in its
//! articles, the events ledger as a timeline, and the claim graph around one event or
//! entity. A reviewer records a decision (confirmed, false positive, won't fix, with a
//! reason and a name) in the baseline file ([`decisions`]), which `check --baseline` reads.
//!
//! It binds 127.0.0.1 only, refuses requests whose `Host` is not a loopback name (DNS
//! rebinding), requires a per-process token in every form that changes state (CSRF), and
//! escapes everything that comes from an article (askama templates escape by default).
//! No part of a request path reaches the file system: documents are found by id in the
//! loaded bundle, and the two assets are compiled in.
//!
//! *It does not* run its own check logic, render the report formats, or write any file
//! but the baseline. Nothing in the library uses it: it sits at the top beside `report`.

pub mod decisions;
mod graph_view;
mod pages;
pub mod review;
mod routes;
pub mod security;

pub use routes::router;

use crate::pipeline::{ConfigChoice, FailOn, Inputs, Plan, Request};
use decisions::Store;
use review::Review;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock, RwLock};

/// What `claimgraph serve` was asked to review.
#[derive(Debug, Clone)]
pub struct Options {
    pub inputs: Inputs,
    pub config: ConfigChoice,
    /// `--rules`: rule files or folders added to the rules in effect.
    pub rule_files: Vec<PathBuf>,
    /// Where decisions are kept (created on the first decision).
    pub baseline: PathBuf,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Check(#[from] crate::Error),
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind {
        port: u16,
        #[source]
        source: std::io::Error,
    },
    #[error("the review server stopped: {0}")]
    Server(#[source] std::io::Error),
}

/// The loaded review: the check's findings and the decisions on them.
pub struct Loaded {
    pub review: Review,
    pub store: Store,
}

/// Everything the handlers share.
pub struct App {
    plan: Plan,
    baseline: PathBuf,
    csrf: security::Token,
    /// The port the server listens on, once bound: the `Host` header must name it.
    port: OnceLock<u16>,
    state: RwLock<Loaded>,
}

impl App {
    /// Read the rules, the articles and the baseline, and run the check.
    pub fn load(options: Options) -> Result<App, Error> {
        let plan = Plan::new(Request {
            inputs: options.inputs,
            config: options.config,
            rule_files: options.rule_files,
            // Decisions are shown, not applied: every finding is listed with its state.
            baseline: None,
            // Named so that Plan::guard refuses a baseline that is one of the files read.
            write_baseline: Some(options.baseline.clone()),
            output: None,
            fail_on: FailOn::Never,
            exit_zero: true,
        })?;
        let loaded = load(&plan, &options.baseline)?;
        Ok(App {
            plan,
            baseline: options.baseline,
            csrf: security::Token::random(),
            port: OnceLock::new(),
            state: RwLock::new(loaded),
        })
    }

    /// Read the articles and the baseline again (after an edit): decisions stay with
    /// every finding whose fingerprint still matches.
    pub fn reload(&self) -> Result<(), Error> {
        let loaded = load(&self.plan, &self.baseline)?;
        *self.state.write().unwrap_or_else(|e| e.into_inner()) = loaded;
        Ok(())
    }

    /// The input's and the check's notices (files skipped, comparisons cut).
    pub fn notices(&self) -> Vec<crate::ingest::Notice> {
        self.read().review.notices.clone()
    }

    /// The token forms must carry.
    pub fn csrf(&self) -> &str {
        self.csrf.as_str()
    }

    pub fn baseline_path(&self) -> &std::path::Path {
        &self.baseline
    }

    pub fn read(&self) -> std::sync::RwLockReadGuard<'_, Loaded> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn write(&self) -> std::sync::RwLockWriteGuard<'_, Loaded> {
        self.state.write().unwrap_or_else(|e| e.into_inner())
    }
}

fn load(plan: &Plan, baseline: &std::path::Path) -> Result<Loaded, Error> {
    let mut t = crate::timings::Timings::default();
    let bundle = plan.load(&mut t)?;
    plan.guard(&bundle)?;
    let store = Store::open(baseline)?;
    let checked = plan.check(bundle, &mut t);
    Ok(Loaded {
        review: Review::build(checked, &plan.rules.rules),
        store,
    })
}

/// A server bound to its port, not yet serving.
pub struct Server {
    app: Arc<App>,
    listener: std::net::TcpListener,
    port: u16,
}

impl Server {
    /// Listen on 127.0.0.1 (never another interface) at `port`, 0 for any free one.
    pub fn bind(app: App, port: u16) -> Result<Server, Error> {
        let listener = std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, port))
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .map_err(|source| Error::Bind { port, source })?;
        let port = listener
            .local_addr()
            .map_err(|source| Error::Bind { port, source })?
            .port();
        let _ = app.port.set(port);
        Ok(Server {
            app: Arc::new(app),
            listener,
            port,
        })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    /// Serve until the process is stopped.
    pub fn run(self) -> Result<(), Error> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(Error::Server)?;
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            axum::serve(listener, router(self.app)).await
        })
        .map_err(Error::Server)
    }
}
