//! The YAML rule engine: rule model, loading and validation, evaluation into findings.

pub mod config;
pub mod docs;
pub mod engine;
pub mod fields;
pub mod finding;
pub mod load;
pub mod model;
pub mod schema;

pub use finding::{Evidence, Finding};
pub use model::{Rule, Severity};
