//! `cluster`: a mixed feed split into stories, without a model.
//!
//! Each document gets a [`profile::Profile`] (headline and lead words, names written
//! mid-sentence, a MinHash signature, its day). [`blocking`] lists the candidate pairs
//! (MinHash-LSH bands, distinctive terms × date bucket, rare names), never all pairs;
//! [`similarity`] scores each candidate (TF-IDF cosine, name Jaccard, shingle overlap,
//! days apart) and decides; the pairs that are one story are joined with union-find, so
//! a story is a connected group whatever the order of the pairs. Stories get stable ids
//! (the earliest date and the most distinctive shared words), deduplicated in path
//! order. Profiles and scores are computed in parallel and collected in order: the
//! result is the same whatever the file order or thread count. See docs/clustering.md.
//!
//! *It does not* read files (it clusters the documents `ingest` returns), write bundles
//! (the command line does, through `output`), or check anything.

pub mod blocking;
pub mod profile;
pub mod similarity;

use crate::document::Document;
use crate::union_find::UnionFind;
use profile::Profile;
use similarity::{Evidence, Thresholds, Vector, Vocabulary};
use std::collections::BTreeMap;

/// One story: its id and its documents (indices into the clustered slice, in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub id: String,
    pub documents: Vec<usize>,
}

/// The settings of a clustering.
#[derive(Debug, Clone, Copy, Default)]
pub struct Params {
    pub limits: blocking::Limits,
    pub thresholds: Thresholds,
}

/// What a clustering did, for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Candidate pairs from blocking.
    pub candidates: usize,
    /// Candidates found to be one story.
    pub linked: usize,
}

/// The stories of a feed, sorted by id.
#[derive(Debug, Clone, Default)]
pub struct Clustering {
    pub stories: Vec<Story>,
    pub stats: Stats,
}

impl Clustering {
    /// The story of each document (by index).
    pub fn story_of(&self, docs: usize) -> Vec<usize> {
        let mut of = vec![0; docs];
        for (s, story) in self.stories.iter().enumerate() {
            for &d in &story.documents {
                of[d] = s;
            }
        }
        of
    }
}

/// Split `docs` into stories with the default settings.
pub fn cluster(docs: &[Document]) -> Clustering {
    cluster_with(docs, &Params::default())
}

pub fn cluster_with(docs: &[Document], params: &Params) -> Clustering {
    // Work in a canonical order (by path, then id), so that neither the caller's order
    // nor the shape of a posting list can change which pairs are compared or how ties
    // fall; indices are mapped back to the caller's at the end.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        (docs[a].path.as_str(), &docs[a].id).cmp(&(docs[b].path.as_str(), &docs[b].id))
    });
    let sorted: Vec<&Document> = order.iter().map(|&i| &docs[i]).collect();
    let mut c = cluster_canonical(&sorted, params);
    for s in &mut c.stories {
        for d in &mut s.documents {
            *d = order[*d];
        }
        s.documents.sort_unstable();
    }
    c
}

fn cluster_canonical(docs: &[&Document], params: &Params) -> Clustering {
    use rayon::prelude::*;
    let profiles: Vec<Profile> = docs.par_iter().map(|d| Profile::of(d)).collect();
    let vocab = Vocabulary::new(&profiles);
    let vectors: Vec<Vector> = profiles
        .par_iter()
        .map(|p| similarity::vector(p, &vocab))
        .collect();
    let pairs = blocking::candidates(&profiles, &vectors, &vocab, &params.limits);
    let names: Vec<Vec<u32>> = profiles.par_iter().map(|p| vocab.shared_names(p)).collect();
    let features = Features {
        profiles: &profiles,
        vectors: &vectors,
        names: &names,
    };
    let linked: Vec<bool> = pairs
        .par_iter()
        .map(|&(a, b)| evidence(a, b, &features).same_story(&params.thresholds))
        .collect();
    let mut uf = UnionFind::new(docs.len());
    for (&(a, b), _) in pairs.iter().zip(&linked).filter(|(_, l)| **l) {
        uf.union(a, b);
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for d in 0..docs.len() {
        groups.entry(uf.find(d)).or_default().push(d);
    }
    let groups: Vec<Vec<usize>> = groups.into_values().collect();
    let ids = story_ids(&groups, docs, &profiles, &vectors, &vocab);
    let mut stories: Vec<Story> = ids
        .into_iter()
        .zip(groups)
        .map(|(id, documents)| Story { id, documents })
        .collect();
    stories.sort_by(|a, b| a.id.cmp(&b.id));
    Clustering {
        stories,
        stats: Stats {
            candidates: pairs.len(),
            linked: linked.iter().filter(|l| **l).count(),
        },
    }
}

/// What the pairs are scored on: per document, its profile, TF-IDF vector and shared
/// names (ids).
pub struct Features<'a> {
    pub profiles: &'a [Profile],
    pub vectors: &'a [Vector],
    pub names: &'a [Vec<u32>],
}

/// What was measured between documents `a` and `b`.
pub fn evidence(a: usize, b: usize, f: &Features) -> Evidence {
    let (p, q) = (&f.profiles[a], &f.profiles[b]);
    Evidence {
        cosine: similarity::cosine(&f.vectors[a], &f.vectors[b]),
        names: similarity::name_jaccard(&f.names[a], &f.names[b]),
        shingles: similarity::shingle_overlap(&p.minhash, &q.minhash),
        gap: p.day.zip(q.day).map(|(x, y)| (x - y).abs()),
    }
}

/// Words in a story id.
const ID_WORDS: usize = 3;

/// Each group's id: `YYYY-MM-DD-word-word-word` (the earliest date, or `undated`, then
/// the words with the highest summed weight among those in at least half the group's
/// documents). Two groups with one id are told apart by `-2`, `-3`, ... in the order of
/// their first document (in path order).
fn story_ids(
    groups: &[Vec<usize>],
    docs: &[&Document],
    profiles: &[Profile],
    vectors: &[Vector],
    vocab: &Vocabulary,
) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let term_of: BTreeMap<u32, &str> = profiles
        .iter()
        .flat_map(|p| p.terms.iter().map(|(t, _)| t.as_str()))
        .filter_map(|t| Some((vocab.id(t)?, t)))
        .collect();
    for g in groups {
        let mut weight: BTreeMap<u32, (usize, f64)> = BTreeMap::new();
        for &d in g {
            for &(id, w) in &vectors[d] {
                let e = weight.entry(id).or_default();
                e.0 += 1;
                e.1 += w;
            }
        }
        let mut ranked: Vec<(u32, f64)> = weight
            .into_iter()
            .filter(|(_, (n, _))| 2 * n >= g.len())
            .map(|(id, (_, w))| (id, w))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let words: Vec<&str> = ranked
            .iter()
            .map(|(id, _)| term_of[id])
            .filter(|t| t.chars().all(|c| c.is_ascii_alphanumeric()))
            .take(ID_WORDS)
            .collect();
        let date = g
            .iter()
            .filter_map(|&d| docs[d].published)
            .min()
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        let mut id = date;
        for w in &words {
            id.push('-');
            id.push_str(w);
        }
        if words.is_empty() {
            id.push_str("-story");
        }
        names.push(id);
    }
    // Groups are in order of their first document (path order): the first keeps the id.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    names
        .into_iter()
        .map(|id| {
            let n = seen.entry(id.clone()).or_default();
            *n += 1;
            if *n == 1 { id } else { format!("{id}-{n}") }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::document_from_text;

    fn docs(texts: &[(&str, &str)]) -> Vec<Document> {
        texts
            .iter()
            .map(|(id, t)| document_from_text(id, &format!("{id}.txt"), t.to_string()))
            .collect()
    }

    #[test]
    fn two_stories_of_one_day_are_split_and_get_distinct_ids() {
        let d = docs(&[
            (
                "a1",
                "date 2031-03-14\nVeldra ferry sinks off Harbourton\nThe Veldra ferry Northern Star sank off Harbourton on Friday with forty passengers aboard, the coastguard said. Captain Okafor was rescued.\n",
            ),
            (
                "a2",
                "date 2031-03-14\nForty rescued as ferry goes down\nCoastguards pulled forty passengers from the sea after the Veldra ferry Northern Star sank near Harbourton. Captain Okafor survived.\n",
            ),
            (
                "b1",
                "date 2031-03-14\nCalloway wins Marenland marathon\nRunner Ines Calloway won the Marenland marathon in record time, organisers said, ahead of Tomas Brandt.\n",
            ),
            (
                "b2",
                "date 2031-03-15\nRecord for Calloway in Marenland\nInes Calloway set a course record at the Marenland marathon, beating Tomas Brandt by a minute.\n",
            ),
        ]);
        let c = cluster(&d);
        let mut groups: Vec<&Vec<usize>> = c.stories.iter().map(|s| &s.documents).collect();
        groups.sort();
        assert_eq!(groups, [&vec![0, 1], &vec![2, 3]], "{:?}", c.stories);
        assert!(
            c.stories.iter().all(|s| s.id.starts_with("2031-03-14-")),
            "{:?}",
            c.stories
        );
        assert_ne!(c.stories[0].id, c.stories[1].id);
        let of = c.story_of(4);
        assert!(of[0] == of[1] && of[2] == of[3] && of[0] != of[2], "{of:?}");
    }

    #[test]
    fn equal_ids_are_numbered_in_path_order() {
        let d = docs(&[
            ("a", "date 2031-03-14\nHeadline\nAlpha beta gamma.\n"),
            ("b", "date 2031-09-14\nHeadline\nDelta epsilon.\n"),
        ]);
        let p: Vec<Profile> = d.iter().map(Profile::of).collect();
        let v = Vocabulary::new(&p);
        let vs: Vec<Vector> = p.iter().map(|x| similarity::vector(x, &v)).collect();
        // Two groups with no shared word and the same date would share an id.
        let refs: Vec<&Document> = d.iter().collect();
        let ids = story_ids(&[vec![0], vec![0]], &refs, &p, &vs, &v);
        assert_eq!(ids[1], format!("{}-2", ids[0]));
    }
}
