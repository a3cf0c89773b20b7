//! Merges over sorted lists: the one loop that counts what two sorted, deduplicated lists
//! share, used wherever words, names or ids are compared as sets.

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

#[cfg(test)]
mod tests {
    use super::common;
    use proptest::prelude::*;

    proptest! {
        /// The merge counts what a set intersection would.
        #[test]
        fn common_is_the_intersection(a in proptest::collection::btree_set(0u8..40, 0..20),
                                      b in proptest::collection::btree_set(0u8..40, 0..20)) {
            let (va, vb): (Vec<u8>, Vec<u8>) = (a.iter().copied().collect(), b.iter().copied().collect());
            prop_assert_eq!(common(&va, &vb), a.intersection(&b).count());
        }
    }
}
