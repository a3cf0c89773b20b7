//! Comparators shared by the graph and the rules: each says whether two values agree,
//! refine one another, or conflict, and why.

pub mod dates;
pub mod edit;
pub mod names;
pub mod spelling;
