//! Disjoint sets over `0..n` (union-find), with path halving and union by size.
//!
//! A set's representative is its *smallest* member, whatever the order of the unions:
//! callers key groups by it (a `BTreeMap` from representative to members lists groups
//! in order of their first member), so the output never depends on how the forest was
//! shaped. The tree root is an internal detail; each root remembers its set's minimum.
//!
//! *It does not* grow: the elements are fixed at construction (callers with sparse keys
//! map them to indices first).

/// Disjoint sets of `0..len`, each represented by its smallest member.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<usize>,
    /// Per root: the number of members (union by size keeps trees shallow).
    size: Vec<usize>,
    /// Per root: the smallest member, the set's representative.
    least: Vec<usize>,
}

impl UnionFind {
    /// `len` singletons.
    pub fn new(len: usize) -> Self {
        UnionFind {
            parent: (0..len).collect(),
            size: vec![1; len],
            least: (0..len).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.parent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// The tree root of `x`'s set, halving the path on the way.
    fn root(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            let up = self.parent[self.parent[x]];
            self.parent[x] = up;
            x = up;
        }
        x
    }

    /// The representative of `x`'s set: its smallest member.
    pub fn find(&mut self, x: usize) -> usize {
        let r = self.root(x);
        self.least[r]
    }

    /// Joins the sets of `a` and `b`; false when they were already one.
    pub fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            return false;
        }
        let (big, small) = if self.size[ra] >= self.size[rb] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small] = big;
        self.size[big] += self.size[small];
        self.least[big] = self.least[big].min(self.least[small]);
        true
    }

    /// Are `a` and `b` in one set?
    pub fn same(&mut self, a: usize, b: usize) -> bool {
        self.root(a) == self.root(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn singletons_represent_themselves() {
        let mut u = UnionFind::new(3);
        assert_eq!((u.find(0), u.find(1), u.find(2)), (0, 1, 2));
        assert_eq!(u.len(), 3);
        assert!(UnionFind::new(0).is_empty());
    }

    #[test]
    fn the_smallest_member_represents_a_set_whatever_the_union_order() {
        let mut u = UnionFind::new(6);
        assert!(u.union(5, 4));
        assert!(u.union(4, 3));
        assert!(!u.union(3, 5));
        // A larger tree joined under a smaller one's root still answers its minimum.
        assert!(u.union(2, 5));
        assert_eq!(u.find(5), 2);
        assert_eq!(u.find(3), 2);
        assert!(u.same(2, 4));
        assert!(!u.same(0, 1));
        assert_eq!(u.find(1), 1);
    }

    /// The naive oracle: a label per element, relabelled on every union, the smaller
    /// label winning (what each hand-written copy computed).
    fn naive(n: usize, pairs: &[(usize, usize)]) -> Vec<usize> {
        let mut label: Vec<usize> = (0..n).collect();
        for &(a, b) in pairs {
            let (la, lb) = (label[a], label[b]);
            let (lo, hi) = (la.min(lb), la.max(lb));
            for l in &mut label {
                if *l == hi {
                    *l = lo;
                }
            }
        }
        label
    }

    proptest! {
        #[test]
        fn agrees_with_relabelling(
            n in 1usize..40,
            raw in prop::collection::vec((0usize..40, 0usize..40), 0..60),
        ) {
            let pairs: Vec<(usize, usize)> = raw.iter().map(|&(a, b)| (a % n, b % n)).collect();
            let mut u = UnionFind::new(n);
            let mut expected = (0..n).collect::<Vec<_>>();
            for (k, &(a, b)) in pairs.iter().enumerate() {
                let before = naive(n, &pairs[..k]);
                prop_assert_eq!(u.union(a, b), before[a] != before[b]);
                expected = naive(n, &pairs[..=k]);
            }
            let got: Vec<usize> = (0..n).map(|x| u.find(x)).collect();
            prop_assert_eq!(got, expected);
        }
    }
}
