//! Merges over sorted lists: the one loop that counts what two sorted, deduplicated lists
//! share, used wherever words, names or ids are compared as sets; and [`Words`], such a
//! list of words kept in one allocation.

use std::fmt;

/// How many elements two sorted, deduplicated lists have in common (one merge, no
/// allocation).
pub fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A sorted, deduplicated list of words held as one string, the words joined by `\n`.
/// Claims keep the content words around a figure or a date to the end of a check: as a
/// `Vec<String>` a dozen of them cost about 500 bytes (the vector, and per word 24 bytes
/// and its own heap block); joined, the text and 16 bytes.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Words(Box<str>);

impl Words {
    /// The distinct words of `words`, in byte order. A word is not empty and holds no
    /// line break (content words never do).
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Words {
        let mut all: Vec<S> = words.into_iter().collect();
        all.sort_unstable_by(|a, b| a.as_ref().cmp(b.as_ref()));
        all.dedup_by(|a, b| a.as_ref() == b.as_ref());
        let mut out = String::with_capacity(all.iter().map(|w| w.as_ref().len() + 1).sum());
        for w in &all {
            let w = w.as_ref();
            debug_assert!(!w.is_empty() && !w.contains('\n'), "not a word: {w:?}");
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(w);
        }
        Words(out.into_boxed_str())
    }

    /// The words, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + Clone {
        (!self.0.is_empty())
            .then(|| self.0.split('\n'))
            .into_iter()
            .flatten()
    }

    pub fn len(&self) -> usize {
        if self.0.is_empty() {
            0
        } else {
            self.0.bytes().filter(|&b| b == b'\n').count() + 1
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many words the two lists share ([`common`] over the words).
    pub fn common(&self, other: &Words) -> usize {
        let (mut a, mut b) = (self.iter(), other.iter());
        let (mut x, mut y, mut n) = (a.next(), b.next(), 0);
        while let (Some(u), Some(v)) = (x, y) {
            match u.cmp(v) {
                std::cmp::Ordering::Less => x = a.next(),
                std::cmp::Ordering::Greater => y = b.next(),
                std::cmp::Ordering::Equal => {
                    n += 1;
                    x = a.next();
                    y = b.next();
                }
            }
        }
        n
    }
}

impl fmt::Debug for Words {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<const N: usize> PartialEq<[&str; N]> for Words {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::{Words, common};
    use proptest::prelude::*;

    proptest! {
        /// The merge counts what a set intersection would.
        #[test]
        fn common_is_the_intersection(a in proptest::collection::btree_set(0u8..40, 0..20),
                                      b in proptest::collection::btree_set(0u8..40, 0..20)) {
            let (va, vb): (Vec<u8>, Vec<u8>) = (a.iter().copied().collect(), b.iter().copied().collect());
            prop_assert_eq!(common(&va, &vb), a.intersection(&b).count());
        }

        /// Words keep what a sorted, deduplicated vector of the strings keeps, and count
        /// what it shares as [`common`] does.
        #[test]
        fn words_are_the_sorted_distinct_strings(a in proptest::collection::vec("[a-zé-]{1,6}", 0..12),
                                                 b in proptest::collection::vec("[a-zé-]{1,6}", 0..12)) {
            let sorted = |v: &Vec<String>| { let mut v = v.clone(); v.sort(); v.dedup(); v };
            let (va, vb) = (sorted(&a), sorted(&b));
            let (wa, wb) = (Words::new(&a), Words::new(b.iter().rev()));
            prop_assert_eq!(wa.iter().collect::<Vec<_>>(), va.iter().map(String::as_str).collect::<Vec<_>>());
            prop_assert_eq!(wa.len(), va.len());
            prop_assert_eq!(wa.is_empty(), va.is_empty());
            prop_assert_eq!(wa.common(&wb), common(&va, &vb));
        }
    }
}
