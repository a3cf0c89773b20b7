//! Reports: the JSON contract (`claimgraph/report/v1`) and the renderings built on it, one
//! module per format. Every renderer reads the same [`Report`]; those that quote article
//! text also get the documents (for the source lines) and escape for their medium.

pub mod concise;
pub mod full;
pub mod github;
pub mod graph;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod text;
pub mod times;

pub use json::{Report, build};
