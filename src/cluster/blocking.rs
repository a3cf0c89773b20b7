//! Which pairs of documents to compare: never all of them. Three indexes give the
//! candidates:
//! - MinHash-LSH: documents whose signatures agree on one band of `ROWS` minima (likely
//!   rewrites of one another);
//! - distinctive terms × date bucket: documents sharing one of their top TF-IDF words
//!   within adjacent `window`-day buckets (undated documents meet every bucket);
//! - rare names, without dates: a follow-up weeks later names the same people.
//!
//! A posting list longer than `max_posting` is not distinctive and gives no pairs, so
//! the number of pairs is at most linear in the number of documents times a constant.
//!
//! *It does not* score pairs (that is `similarity`).

use super::profile::{BANDS, Profile, ROWS, fnv};
use super::similarity::{Vector, Vocabulary};
use std::collections::BTreeMap;

/// The bounds of the indexes.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Top TF-IDF terms of each document that are indexed.
    pub top_terms: usize,
    /// A posting list (term × bucket, name, LSH band) longer than this gives no pairs,
    /// except an LSH band, whose members are paired with its first (a star, not all
    /// pairs: they are near-copies of one another).
    pub max_posting: usize,
    /// The width of a date bucket, in days.
    pub window: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            top_terms: 12,
            max_posting: 48,
            window: 3,
        }
    }
}

/// The document's most distinctive terms: the highest TF-IDF weights among words that
/// another document also has (ties by term id).
pub fn top_terms(v: &Vector, vocab: &Vocabulary, n: usize) -> Vec<u32> {
    let mut t: Vec<(u32, f64)> = v
        .iter()
        .copied()
        .filter(|(id, _)| vocab.df[*id as usize] >= 2)
        .collect();
    t.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    t.into_iter().take(n).map(|(id, _)| id).collect()
}

/// Every pair within a posting list, when it is short enough.
fn all_pairs(list: &[usize], max: usize, out: &mut Vec<(usize, usize)>) {
    if list.len() > max {
        return;
    }
    for (i, &a) in list.iter().enumerate() {
        for &b in &list[i + 1..] {
            out.push((a.min(b), a.max(b)));
        }
    }
}

/// One term's documents: the dated by date bucket, and the undated.
type Postings = (BTreeMap<i64, Vec<usize>>, Vec<usize>);

/// The candidate pairs `(i, j)`, `i < j`, sorted and deduplicated.
pub fn candidates(
    profiles: &[Profile],
    vectors: &[Vector],
    vocab: &Vocabulary,
    l: &Limits,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();

    // MinHash-LSH: a band's minima hashed to one key.
    let mut bands: BTreeMap<(usize, u64), Vec<usize>> = BTreeMap::new();
    for (d, p) in profiles.iter().enumerate() {
        if p.minhash.iter().all(|&m| m == u64::MAX) {
            continue;
        }
        for b in 0..BANDS {
            let bytes: Vec<u8> = p.minhash[b * ROWS..(b + 1) * ROWS]
                .iter()
                .flat_map(|m| m.to_le_bytes())
                .collect();
            bands.entry((b, fnv(&bytes))).or_default().push(d);
        }
    }
    for list in bands.values() {
        if let Some((&first, rest)) = list.split_first() {
            pairs.extend(rest.iter().map(|&d| (first, d)));
        }
    }

    // Distinctive terms: per term, the documents of each date bucket.
    let mut terms: BTreeMap<u32, Postings> = BTreeMap::new();
    for (d, (p, v)) in profiles.iter().zip(vectors).enumerate() {
        for t in top_terms(v, vocab, l.top_terms) {
            let (dated, undated) = terms.entry(t).or_default();
            match p.day {
                Some(day) => dated.entry(day.div_euclid(l.window)).or_default().push(d),
                None => undated.push(d),
            }
        }
    }
    for (dated, undated) in terms.values() {
        let mut all: Vec<usize> = Vec::new();
        for (bucket, list) in dated {
            all_pairs(list, l.max_posting, &mut pairs);
            if let Some(next) = dated.get(&(bucket + 1))
                && list.len() + next.len() <= l.max_posting
            {
                for &a in list {
                    pairs.extend(next.iter().map(|&b| (a.min(b), a.max(b))));
                }
            }
            all.extend(list);
        }
        // Undated documents meet the term's documents of any date.
        if !undated.is_empty() && all.len() + undated.len() <= l.max_posting {
            all.extend(undated);
            all.sort_unstable();
            all_pairs(&all, l.max_posting, &mut pairs);
        }
    }

    // Rare names, whatever the dates.
    let mut names: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (d, p) in profiles.iter().enumerate() {
        for n in &p.names {
            if vocab.name_df(n) >= 2 {
                names.entry(n).or_default().push(d);
            }
        }
    }
    for list in names.values() {
        all_pairs(list, l.max_posting / 3, &mut pairs);
    }

    pairs.retain(|(a, b)| a != b);
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::similarity::vector;
    use crate::ingest::document_from_text;

    fn pairs(texts: &[String], l: &Limits) -> Vec<(usize, usize)> {
        let p: Vec<Profile> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Profile::of(&document_from_text(&i.to_string(), "x.txt", t.clone())))
            .collect();
        let v = Vocabulary::new(&p);
        let vs: Vec<Vector> = p.iter().map(|x| vector(x, &v)).collect();
        candidates(&p, &vs, &v, l)
    }

    #[test]
    fn shared_distinctive_words_pair_only_near_in_time() {
        let t = |date: &str, s: &str| format!("date {date}\nHeadline\n{s}\n");
        let texts = [
            t("2031-03-14", "The Veldra ferry sank off Harbourton."),
            t("2031-03-15", "A Veldra ferry went down near Harbourton."),
            t("2031-09-01", "Harbourton opened a new ferry terminal."),
            t("2031-03-14", "Okafor won the Calloway marathon."),
        ];
        let got = pairs(&texts, &Limits::default());
        assert!(got.contains(&(0, 1)), "{got:?}");
        // Months apart and no shared name written mid-sentence: not compared.
        assert!(!got.contains(&(0, 2)) && !got.contains(&(1, 2)), "{got:?}");
        assert!(!got.iter().any(|&(a, b)| a == 3 || b == 3), "{got:?}");
    }

    #[test]
    fn pairs_stay_near_linear_when_one_word_is_everywhere() {
        // 300 short documents on one day that all share one word and nothing else:
        // the word's posting list is over the bound and gives no pairs.
        let texts: Vec<String> = (0..300)
            .map(|i| format!("date 2031-03-14\nHeadline\nHarbourton item{i} thing{i}.\n"))
            .collect();
        let got = pairs(&texts, &Limits::default());
        assert!(got.len() < 300, "{}", got.len());
    }

    #[test]
    fn verbatim_copies_meet_through_their_signatures() {
        let body = "The council of Marenland voted on Tuesday to close the old bridge over the Veldra river after engineers found cracks.";
        let texts: Vec<String> = (0..3)
            .map(|i| format!("date 20{}-01-0{}\nHeadline {i}\n{body}\n", 30 + i, 1 + i))
            .collect();
        // Years apart: no date bucket pairs them; the signatures (and the names) do.
        let got = pairs(&texts, &Limits::default());
        assert!(got.contains(&(0, 1)) && got.contains(&(0, 2)), "{got:?}");
    }
}
