//! Reports: the JSON contract (`claimgraph/report/v1`) and the renderings built on it.

pub mod graph;
pub mod json;
pub mod text;

pub use json::{Report, build};
