//! Edit distance, bounded: is one word at most one edit from another (an insertion, a
//! deletion, a substitution or two adjacent letters swapped)? The quote comparator asks
//! this of many stem pairs, and the full Damerau-Levenshtein table (with its per-call
//! map of letters) is far more than a yes/no about one edit needs.

/// True when `a` and `b` are equal or one edit apart, exactly as
/// `strsim::damerau_levenshtein(a, b) <= 1` (property-tested against it).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        one_edit(a.as_bytes(), b.as_bytes())
    } else {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        one_edit(&a, &b)
    }
}

fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if b.len() - a.len() > 1 {
        return false;
    }
    // After the common prefix, one edit must account for the first difference.
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if p == a.len() {
        return true;
    }
    if a.len() == b.len() {
        a[p + 1..] == b[p + 1..]
            || (p + 1 < a.len() && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..])
    } else {
        a[p..] == b[p + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn one_edit_cases() {
        assert!(within_one_edit("negotiat", "negotiat"));
        assert!(within_one_edit("negotiat", "negoitat")); // swap
        assert!(within_one_edit("ceasefir", "ceasfir")); // deletion
        assert!(within_one_edit("ceasfir", "ceasefir")); // insertion
        assert!(within_one_edit("halvorsen", "halvorson")); // substitution
        assert!(within_one_edit("café", "cafe"));
        assert!(!within_one_edit("halvorsen", "halverson"));
        assert!(!within_one_edit("abc", "cab"));
        assert!(!within_one_edit("ab", "abcd"));
        assert!(within_one_edit("", "a"));
    }

    proptest! {
        // Small alphabets make near misses (swaps, repeats) frequent.
        #[test]
        fn agrees_with_damerau_levenshtein(a in "[abcé]{0,7}", b in "[abcé]{0,7}") {
            prop_assert_eq!(within_one_edit(&a, &b), strsim::damerau_levenshtein(&a, &b) <= 1);
        }

        #[test]
        fn agrees_on_near_copies(a in "[a-z]{1,9}", i in 0usize..9, c in "[a-z]") {
            let mut b: Vec<char> = a.chars().collect();
            let i = i % b.len();
            match c.as_bytes()[0] % 4 {
                0 => { b.remove(i); }
                1 => b.insert(i, c.chars().next().unwrap()),
                2 => b[i] = c.chars().next().unwrap(),
                _ => if i + 1 < b.len() { b.swap(i, i + 1) },
            }
            let b: String = b.into_iter().collect();
            prop_assert_eq!(within_one_edit(&a, &b), strsim::damerau_levenshtein(&a, &b) <= 1);
        }
    }
}
