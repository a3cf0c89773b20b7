//! The pages, as askama templates (src/serve/templates/): HTML-escaped by default, so
//! article text, names and reasons are always text, never markup. Every field here is
//! plain data prepared by the routes.

use askama::Template;

/// One `<option>` of a filter.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct Row {
    pub href: String,
    pub severity: &'static str,
    pub rule: String,
    pub message: String,
    pub documents: String,
    pub state: &'static str,
    pub state_label: &'static str,
}

#[derive(Template)]
#[template(path = "list.html", config = "src/serve/askama.toml")]
pub struct ListPage {
    pub title: String,
    pub csrf: String,
    pub rows: Vec<Row>,
    pub total: usize,
    pub severities: Vec<Choice>,
    pub rules: Vec<Choice>,
    pub documents: Vec<Choice>,
    pub states: Vec<Choice>,
    pub notices: Vec<String>,
    pub baseline: String,
}

pub struct Panel {
    pub document: String,
    pub path: String,
    pub outlet: String,
    pub published: String,
    pub value: String,
    pub before: String,
    pub mark: String,
    pub after: String,
}

pub struct DecisionView {
    pub label: &'static str,
    pub reason: String,
    pub reviewer: String,
    pub at: String,
}

/// A decision button: value, label, keyboard key.
pub struct Kind {
    pub value: &'static str,
    pub label: &'static str,
    pub key: &'static str,
}

#[derive(Template)]
#[template(path = "finding.html", config = "src/serve/askama.toml")]
pub struct FindingPage {
    pub title: String,
    pub csrf: String,
    pub fingerprint: String,
    pub position: usize,
    pub count: usize,
    pub rule: String,
    pub severity: &'static str,
    pub message: String,
    pub summary: String,
    pub help: String,
    pub state: &'static str,
    pub state_label: &'static str,
    pub decision: Option<DecisionView>,
    /// Decisions on earlier versions of this finding: same rule and articles, evidence
    /// since changed (so this one is new again).
    pub earlier: Vec<DecisionView>,
    pub panels: Vec<Panel>,
    pub prev: String,
    pub next: String,
    pub back: String,
    /// The list's query string (without `?`), carried through the forms.
    pub query: String,
    pub kinds: Vec<Kind>,
    pub reviewer: String,
}

pub struct EventRow {
    pub date: String,
    pub label: String,
    pub kind: String,
    pub participants: String,
    pub documents: String,
    pub dissent: String,
    pub graph: String,
}

#[derive(Template)]
#[template(path = "events.html", config = "src/serve/askama.toml")]
pub struct EventsPage {
    pub title: String,
    pub csrf: String,
    pub events: Vec<EventRow>,
}

pub struct Link {
    pub href: String,
    pub label: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "graph_index.html", config = "src/serve/askama.toml")]
pub struct GraphIndexPage {
    pub title: String,
    pub csrf: String,
    pub events: Vec<Link>,
    pub entities: Vec<Link>,
}

#[derive(Template)]
#[template(path = "graph.html", config = "src/serve/askama.toml")]
pub struct GraphPage {
    pub title: String,
    pub csrf: String,
    pub size: i32,
    pub view: super::graph_view::GraphView,
}

#[derive(Template)]
#[template(path = "problem.html", config = "src/serve/askama.toml")]
pub struct ProblemPage {
    pub title: String,
    pub csrf: String,
    pub message: String,
}
