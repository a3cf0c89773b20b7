//! How alike two documents are, and whether that makes them one story: TF-IDF cosine
//! of headline and lead, Jaccard of the names they share, the MinHash estimate of their
//! shingle overlap (a rewrite), and the days between them.
//!
//! *It does not* choose which pairs to compare (that is `blocking`'s) nor group them
//! (`cluster`, with union-find).

use super::profile::{HASHES, Profile};
use foldhash::HashMap;

/// Document frequencies over the feed, and the term ids (assigned in sorted order, so
/// they do not depend on the order the documents came in).
#[derive(Debug, Default)]
pub struct Vocabulary {
    pub docs: usize,
    ids: HashMap<String, u32>,
    /// Per term id: the number of documents with the term.
    pub df: Vec<u32>,
    names: HashMap<String, u32>,
    /// Ids of the names written in more than one document (in sorted order): the only
    /// names two documents can share.
    name_ids: HashMap<String, u32>,
}

impl Vocabulary {
    pub fn new(profiles: &[Profile]) -> Vocabulary {
        let mut df: std::collections::BTreeMap<&str, u32> = Default::default();
        let mut names: HashMap<String, u32> = HashMap::default();
        for p in profiles {
            for (t, _) in &p.terms {
                *df.entry(t.as_str()).or_default() += 1;
            }
            for n in &p.names {
                *names.entry(n.clone()).or_default() += 1;
            }
        }
        let mut shared: Vec<&String> = names
            .iter()
            .filter(|(_, n)| **n > 1)
            .map(|(k, _)| k)
            .collect();
        shared.sort();
        let name_ids = shared
            .into_iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i as u32))
            .collect();
        let mut v = Vocabulary {
            docs: profiles.len(),
            names,
            name_ids,
            ..Default::default()
        };
        for (i, (t, n)) in df.into_iter().enumerate() {
            v.ids.insert(t.to_string(), i as u32);
            v.df.push(n);
        }
        v
    }

    pub fn id(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    /// In how many documents a name is written.
    pub fn name_df(&self, name: &str) -> u32 {
        self.names.get(name).copied().unwrap_or(0)
    }

    /// The ids of a profile's names that another document of the feed also writes,
    /// sorted.
    pub fn shared_names(&self, p: &Profile) -> Vec<u32> {
        let mut ids: Vec<u32> = p
            .names
            .iter()
            .filter_map(|n| self.name_ids.get(n).copied())
            .collect();
        ids.sort_unstable();
        ids
    }

    /// ln(N / df): a word in every document weighs nothing.
    pub fn idf(&self, id: u32) -> f64 {
        (self.docs as f64 / f64::from(self.df[id as usize].max(1))).ln()
    }
}

/// A unit-length TF-IDF vector, sorted by term id.
pub type Vector = Vec<(u32, f64)>;

/// The document's TF-IDF vector: (1 + ln tf) × idf, normalised.
pub fn vector(p: &Profile, v: &Vocabulary) -> Vector {
    let mut out: Vector = p
        .terms
        .iter()
        .filter_map(|(t, n)| {
            let id = v.id(t)?;
            let w = (1.0 + f64::from(*n).ln()) * v.idf(id);
            (w > 0.0).then_some((id, w))
        })
        .collect();
    out.sort_by_key(|(id, _)| *id);
    let norm = out.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut out {
            *w /= norm;
        }
    }
    out
}

/// The cosine of two unit vectors (a merge over sorted ids).
pub fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// Jaccard of two documents' shared names ([`Vocabulary::shared_names`], sorted ids):
/// a name no other document has cannot be shared, and would only dilute.
pub fn name_jaccard(a: &[u32], b: &[u32]) -> f64 {
    let both = crate::sorted::common(a, b);
    let union = a.len() + b.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

/// The share of equal MinHash minima: an estimate of the shingle sets' Jaccard.
pub fn shingle_overlap(a: &[u64], b: &[u64]) -> f64 {
    if a.iter().all(|&m| m == u64::MAX) || b.iter().all(|&m| m == u64::MAX) {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / HASHES as f64
}

/// The thresholds of the decision.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// Days apart within which two dated documents may be one story on ordinary
    /// evidence (a wire story's follow-ups come within about three days).
    pub window_days: i64,
    /// Shingle overlap that makes a rewrite (joined within the window whatever else).
    pub rewrite: f64,
    /// Combined score (mean of cosine and name Jaccard) that joins within the window.
    pub near: f64,
    /// Combined score that joins documents further apart (a trial months later).
    pub far: f64,
    /// Name Jaccard that documents further apart must also have: the same people.
    pub far_names: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            window_days: 3,
            rewrite: 0.5,
            near: 0.2,
            far: 0.45,
            far_names: 0.3,
        }
    }
}

/// What was measured between two documents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evidence {
    pub cosine: f64,
    pub names: f64,
    pub shingles: f64,
    /// Days apart, when both are dated.
    pub gap: Option<i64>,
}

impl Evidence {
    /// The combined score: lexical and name overlap weigh the same.
    pub fn score(&self) -> f64 {
        (self.cosine + self.names) / 2.0
    }

    /// One story? Within the window: a rewrite, or a combined score over `near`.
    /// Further apart: a combined score over `far` with the same names.
    pub fn same_story(&self, t: &Thresholds) -> bool {
        let near = self.gap.is_none_or(|g| g <= t.window_days);
        if near {
            self.shingles >= t.rewrite || self.score() >= t.near
        } else {
            self.score() >= t.far && self.names >= t.far_names
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::profile::Profile;
    use crate::ingest::document_from_text;

    fn profiles(texts: &[&str]) -> Vec<Profile> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Profile::of(&document_from_text(&i.to_string(), "x.txt", t.to_string())))
            .collect()
    }

    #[test]
    fn shared_rare_words_score_and_common_ones_do_not() {
        let p = profiles(&[
            "Ferry sinks\nThe Veldra ferry sank off Harbourton with forty aboard, the coastguard said.\n",
            "Ferry lost\nA ferry of the Veldra line sank near Harbourton, the coastguard said.\n",
            "Budget passes\nThe council in Marenland passed the budget, the mayor said.\n",
        ]);
        let v = Vocabulary::new(&p);
        let vs: Vec<Vector> = p.iter().map(|x| vector(x, &v)).collect();
        // In a feed of three, a word two documents share still weighs only ln(3/2):
        // their cosine is modest, but far above the stranger's.
        assert!(cosine(&vs[0], &vs[1]) > 0.15, "{}", cosine(&vs[0], &vs[1]));
        assert!(cosine(&vs[0], &vs[2]) < 0.05, "{}", cosine(&vs[0], &vs[2]));
        assert!((cosine(&vs[0], &vs[0]) - 1.0).abs() < 1e-9);
        // "said" is in every document: its idf is zero.
        assert_eq!(v.idf(v.id("said").unwrap()), 0.0);
        let n: Vec<Vec<u32>> = p.iter().map(|x| v.shared_names(x)).collect();
        assert_eq!(name_jaccard(&n[0], &n[1]), 1.0);
        assert_eq!(name_jaccard(&n[0], &n[2]), 0.0);
    }

    #[test]
    fn a_rewrite_overlaps_and_a_stranger_does_not() {
        let a = "Headline\nThe council of Marenland voted on Tuesday to close the old bridge over the Veldra river after engineers found cracks in two of its piers.\n";
        let b = "Other headline\nThe council of Marenland voted on Tuesday to close the old bridge over the Veldra river after engineers found cracks in both of its piers.\n";
        let c = "Headline\nOkafor won the Calloway marathon in record time as thousands lined the streets of the old port on a cold morning.\n";
        let p = profiles(&[a, b, c]);
        assert!(shingle_overlap(&p[0].minhash, &p[1].minhash) > 0.5);
        assert!(shingle_overlap(&p[0].minhash, &p[2].minhash) < 0.1);
    }

    #[test]
    fn far_apart_documents_need_the_same_names_too() {
        let t = Thresholds::default();
        let e = |cosine, names, shingles, gap| Evidence {
            cosine,
            names,
            shingles,
            gap,
        };
        assert!(e(0.4, 0.3, 0.0, Some(1)).same_story(&t));
        assert!(
            e(0.2, 0.2, 0.0, Some(3)).same_story(&t),
            "at the window's edge"
        );
        assert!(!e(0.2, 0.2, 0.0, Some(4)).same_story(&t), "past it");
        assert!(e(0.1, 0.0, 0.9, Some(2)).same_story(&t), "a rewrite");
        assert!(
            !e(0.1, 0.0, 0.9, Some(40)).same_story(&t),
            "a rewrite of another day's story"
        );
        assert!(e(0.1, 0.0, 0.9, None).same_story(&t), "undated");
        assert!(
            !e(0.9, 0.1, 0.0, Some(30)).same_story(&t),
            "same words, other people"
        );
        assert!(e(0.6, 0.5, 0.0, Some(30)).same_story(&t));
        assert!(!e(0.2, 0.1, 0.0, Some(0)).same_story(&t));
    }
}
