//! claimgraph: extract claims from a bundle of news articles, link them across sources
//! in a graph, and flag inconsistencies with a YAML rule set.
//!
//! Data flows one way: [`ingest`] → [`segment`] → extract → resolve → graph → rules → report.

pub mod analysis;
pub mod baseline;
pub mod boilerplate;
pub mod check;
pub mod claim;
pub mod cluster;
pub mod compare;
pub mod dateline;
pub mod document;
pub mod entities;
pub mod error;
pub mod events;
pub mod extract;
pub mod front_matter;
pub mod graph;
pub mod ingest;
pub mod input;
pub mod lexicon;
pub mod mentions;
pub mod output;
pub mod pipeline;
pub mod quantities;
pub mod quotes;
pub mod report;
pub mod rule_examples;
pub mod rules;
pub mod scale;
pub mod segment;
pub mod serve;
pub mod sniff;
pub mod sorted;
pub mod span;
pub mod stories;
pub mod suppress;
pub mod temporal;
pub mod timings;
pub mod tokens;
pub mod union_find;
pub mod yaml;

pub use error::{Error, Result};
