//! claimgraph: extract claims from a bundle of news articles, link them across sources
//! in a graph, and flag inconsistencies with a YAML rule set.

pub mod quotes;
pub mod span;
