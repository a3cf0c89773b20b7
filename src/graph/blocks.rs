//! Which pairs of a block to compare, within a bound, and what was left out.
//!
//! A block holds claims with one comparison key (the counted thing, the speaker, the
//! office), in claim order, so one document's claims sit together. Only pairs from
//! different documents are enumerated: claims of one document are never compared with
//! each other, and listing those pairs made one large article quadratic.
//!
//! A block whose cross-document pairs fit the bound compares them all, exactly as
//! listed. A larger one is split by a finer key, the claims' *signature*: everything
//! the comparator reads, so two claims with one signature compare alike with any third
//! claim. One comparison per pair of signatures then stands for every pair of their
//! members (wire rewrites repeat a figure or a quotation word for word: a block of
//! thousands of claims has few signatures). Only if the pairs of signatures still
//! exceed the bound are the rest skipped, and a [`Skipped`] notice says so.

use crate::document::DocIdx;
use crate::ingest::Notice;

/// The `path` of the graph stage's notices: they are about a block of claims, not a file.
pub const NOTICE_PATH: &str = "<graph>";

/// Comparisons one block may make. The whole graph stage then grows with the number
/// of blocks, not with the square of the bundle.
#[derive(Debug, Clone, Copy)]
pub struct Bound {
    pub max_comparisons: u64,
}

/// The bound of each kind of block.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    pub counts: Bound,
    pub offices: Bound,
    pub quotes: Bound,
}

impl Default for Bounds {
    /// Counts and offices compare in well under a microsecond, quotation wordings in a
    /// few: each block's worst case stays around a second. A story told by a few
    /// thousand articles stays under them once repeats are folded into signatures.
    fn default() -> Self {
        let cheap = Bound {
            max_comparisons: 2_000_000,
        };
        Bounds {
            counts: cheap,
            offices: cheap,
            quotes: Bound {
                max_comparisons: 250_000,
            },
        }
    }
}

/// Comparisons a bound cut from one block: the graph stage's notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// What the block compares: "count", "quote wording", "office", "quote speaker".
    pub aspect: &'static str,
    /// The block's key, as a reader would name it ("injured people", "Ana Ruiz").
    pub block: String,
    pub claims: usize,
    pub compared: u64,
    pub skipped: u64,
}

impl Skipped {
    /// As a notice of the report, beside the input's.
    pub fn notice(&self) -> Notice {
        Notice {
            path: NOTICE_PATH.into(),
            message: self.to_string(),
        }
    }
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} block \"{}\" ({} claims): {} comparisons made, {} skipped over the \
             per-block bound; disagreements among the skipped pairs are not reported",
            self.aspect, self.block, self.claims, self.compared, self.skipped
        )
    }
}

/// Where each document's run of a block ends: `ends[x]` is the first position after
/// `x` whose document differs from that of `x`'s run.
fn run_ends(docs: &[DocIdx]) -> Vec<usize> {
    let n = docs.len();
    let mut ends = vec![n; n];
    let mut x = n;
    while x > 0 {
        let end = x;
        let mut start = x - 1;
        while start > 0 && docs[start - 1] == docs[end - 1] {
            start -= 1;
        }
        ends[start..end].fill(end);
        x = start;
    }
    ends
}

/// Pairs (x, y), x < y, of positions in a block whose documents differ, in (x, y)
/// order. `docs` gives each position's document; a document's positions are expected
/// together (a document seen again later is still paired with itself here, and the
/// caller skips such pairs as it always did).
pub fn cross_pairs<'a>(docs: &'a [DocIdx]) -> impl Iterator<Item = (usize, usize)> + 'a {
    let ends = run_ends(docs);
    let n = docs.len();
    (0..n).flat_map(move |x| (ends[x]..n).map(move |y| (x, y)))
}

/// How many pairs [`cross_pairs`] gives.
pub fn cross_pair_count(docs: &[DocIdx]) -> u64 {
    let n = docs.len();
    run_ends(docs).iter().map(|&e| (n - e) as u64).sum()
}

/// Positions of a block split by signature: classes in order of first appearance,
/// members in block order.
pub struct Classes {
    pub members: Vec<Vec<usize>>,
}

impl Classes {
    pub fn new<K: std::hash::Hash + Eq>(keys: impl Iterator<Item = K>) -> Self {
        let mut index: foldhash::HashMap<K, usize> = Default::default();
        let mut members: Vec<Vec<usize>> = Vec::new();
        for (x, k) in keys.enumerate() {
            let next = members.len();
            let c = *index.entry(k).or_insert(next);
            if c == next {
                members.push(Vec::new());
            }
            members[c].push(x);
        }
        Classes { members }
    }

    /// Pairs (i, j), i <= j, of classes to compare, in order, at most `bound`; and how
    /// many were left out. A class is paired with itself when its members come from
    /// more than one document (repeats of one claim across sources agree).
    pub fn pairs(&self, docs: &[DocIdx], bound: Bound) -> (Vec<(usize, usize)>, u64) {
        let (pairs, kept, skipped) = self.lazy_pairs(docs, bound);
        let mut out = Vec::with_capacity(kept as usize);
        out.extend(pairs);
        (out, skipped)
    }

    /// [`Classes::pairs`] listed as they are read (two million pairs held 32 MB), with
    /// how many it lists and how many the bound cuts.
    pub fn lazy_pairs<'a>(
        &self,
        docs: &[DocIdx],
        bound: Bound,
    ) -> (impl Iterator<Item = (usize, usize)> + 'a, u64, u64) {
        let spread: Vec<bool> = self
            .members
            .iter()
            .map(|m| m.iter().any(|&x| docs[x] != docs[m[0]]))
            .collect();
        let d = self.members.len();
        let total = (d as u64) * (d as u64).saturating_sub(1) / 2
            + spread.iter().filter(|s| **s).count() as u64;
        let keep = total.min(bound.max_comparisons);
        let pairs = (0..d)
            .flat_map(move |i| {
                let spread_i = spread[i];
                (i..d)
                    .filter(move |&j| i != j || spread_i)
                    .map(move |j| (i, j))
            })
            .take(keep as usize);
        (pairs, keep, total - keep)
    }

    /// Edges (x, y), x < y, standing for every cross-document pair of members of classes
    /// `i` and `j` (or of class `i` with itself): see [`star`].
    pub fn star(&self, i: usize, j: usize, docs: &[DocIdx]) -> Vec<(usize, usize)> {
        star(&self.members[i], &self.members[j], i == j, docs)
    }
}

/// Edges (x, y), x < y, standing for every cross-document pair of a member of `a` and a
/// member of `b` (`same`: `a` is `b`, its members paired among themselves). Each side's
/// *anchors* are its first member and its first member from another document than that
/// one's; each member is joined to the other side's anchors from other documents than
/// its own. At most two edges per member, and the same connected groups as joining every
/// pair (property-tested): any member is joined to every other-document member through
/// the anchors. Each edge once, in order.
pub fn star(a: &[usize], b: &[usize], same: bool, docs: &[DocIdx]) -> Vec<(usize, usize)> {
    let (aa, ab) = (anchors(a, docs), anchors(b, docs));
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(2 * (a.len() + b.len()));
    let mut join = |from: &[usize], to: [Option<usize>; 2]| {
        for &x in from {
            for y in to.into_iter().flatten() {
                if docs[x] != docs[y] {
                    out.push((x.min(y), x.max(y)));
                }
            }
        }
    };
    join(a, ab);
    if !same {
        join(b, aa);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A side's first member, and its first member from another document than that one's.
fn anchors(class: &[usize], docs: &[DocIdx]) -> [Option<usize>; 2] {
    let first = class.first().copied();
    let second = first.and_then(|f| class.iter().copied().find(|&y| docs[y] != docs[f]));
    [first, second]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Connected groups of edges over `n` positions, as sorted lists (singletons left out).
    fn groups(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let mut sets = crate::union_find::UnionFind::new(n);
        for &(a, b) in edges {
            sets.union(a, b);
        }
        let mut by_root: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for (x, _) in edges.iter().flat_map(|&(a, b)| [(a, ()), (b, ())]) {
            by_root.entry(sets.find(x)).or_default().push(x);
        }
        let mut out: Vec<Vec<usize>> = by_root
            .into_values()
            .map(|mut v| {
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        out.sort();
        out
    }

    fn ids(raw: &[u8]) -> Vec<DocIdx> {
        // Documents in runs, as claims are: sort.
        let mut d: Vec<u8> = raw.to_vec();
        d.sort_unstable();
        d.iter().map(|&x| DocIdx(u32::from(x))).collect()
    }

    #[test]
    fn cross_pairs_skip_one_documents_pairs() {
        let docs = ids(&[0, 0, 1, 2, 2]);
        let got: Vec<_> = cross_pairs(&docs).collect();
        assert_eq!(
            got,
            vec![
                (0, 2),
                (0, 3),
                (0, 4),
                (1, 2),
                (1, 3),
                (1, 4),
                (2, 3),
                (2, 4)
            ]
        );
        assert_eq!(cross_pair_count(&docs), 8);
        // One document: nothing, however long.
        let docs = vec![DocIdx(0); 1000];
        assert_eq!(cross_pairs(&docs).count(), 0);
        assert_eq!(cross_pair_count(&docs), 0);
    }

    proptest! {
        /// Cross pairs are exactly the pairs of positions from different documents.
        #[test]
        fn cross_pairs_are_the_pairs_across_documents(raw in prop::collection::vec(0u8..6, 0..30)) {
            let docs = ids(&raw);
            let n = docs.len();
            let all: Vec<(usize, usize)> = (0..n)
                .flat_map(|x| (x + 1..n).map(move |y| (x, y)))
                .filter(|&(x, y)| docs[x] != docs[y])
                .collect();
            prop_assert_eq!(cross_pairs(&docs).collect::<Vec<_>>(), all.clone());
            prop_assert_eq!(cross_pair_count(&docs), all.len() as u64);
        }

        /// Joining the classes that relate (here: whose values differ, as a conflict)
        /// by stars gives the same connected groups as joining every cross-document
        /// pair of their members.
        #[test]
        fn stars_connect_as_all_pairs_do(
            raw in prop::collection::vec((0u8..5, 0u8..4), 1..40),
        ) {
            let mut raw = raw;
            raw.sort_unstable();
            let docs: Vec<DocIdx> = raw.iter().map(|(x, _)| DocIdx(u32::from(*x))).collect();
            let values: Vec<u8> = raw.iter().map(|r| r.1).collect();
            let relations: [fn(u8, u8) -> bool; 2] = [|a, b| a != b, |a, b| a == b];
            for relates in relations {
                let all: Vec<(usize, usize)> = cross_pairs(&docs)
                    .filter(|&(x, y)| relates(values[x], values[y]))
                    .collect();
                let classes = Classes::new(values.iter().copied());
                let (pairs, skipped) = classes.pairs(&docs, Bound { max_comparisons: u64::MAX });
                prop_assert_eq!(skipped, 0);
                let mut stars = Vec::new();
                for (i, j) in pairs {
                    let (vi, vj) = (values[classes.members[i][0]], values[classes.members[j][0]]);
                    if relates(vi, vj) {
                        stars.extend(classes.star(i, j, &docs));
                    }
                }
                prop_assert!(stars.iter().all(|&(x, y)| x < y && docs[x] != docs[y]));
                prop_assert_eq!(groups(docs.len(), &stars), groups(docs.len(), &all));
            }
        }
    }
}
