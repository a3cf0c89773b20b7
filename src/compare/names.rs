//! Names: is one person's name spelled two ways across the bundle ("Halvorsen" /
//! "Halverson", "Giannis" / "Yiannis")? Different people with similar names are never
//! merged: the spellings must sit in different documents, with compatible given names.

use crate::entities::Entity;
use crate::mentions::MentionKind;
use strsim::{damerau_levenshtein, jaro_winkler};

/// Why two entities look like one person spelled two ways, or None.
pub fn spelling_variant(a: &Entity, b: &Entity) -> Option<String> {
    // Spellings the user declared are accepted.
    if a.declared || b.declared {
        return None;
    }
    // A bare surname ("Verlain") that no one of the bundle is introduced by, only in articles
    // that introduce someone a letter apart ("Tomas Verlaine"): that person, misspelt in one
    // article. The bare name may not have been taken for a person (no title, no verb of
    // speech next to it).
    let bare = |x: &Entity| {
        x.given.is_empty()
            && !x.canonical.contains(' ')
            && matches!(x.kind, MentionKind::Person | MentionKind::Unknown)
    };
    let introduced = |x: &Entity| x.kind == MentionKind::Person && !x.given.is_empty();
    for (x, y) in [(a, b), (b, a)] {
        if bare(x)
            && introduced(y)
            && !x.documents.is_empty()
            && x.documents.is_subset(&y.documents)
        {
            let (sx, sy) = (x.surname.as_str(), y.surname.as_str());
            let n = sx.chars().count().min(sy.chars().count());
            // A plural or a possessive is the same word: "the Verlaines", "Vanners".
            let inflected = |p: &str, q: &str| {
                p.strip_prefix(q)
                    .is_some_and(|rest| matches!(rest, "s" | "es" | "'" | "’"))
            };
            // A short or differently initialled surname ("Wu" for "Wo", "Dale" for "Vale")
            // counts only when the article takes the bare name for a person (a speaker, a
            // title): a person quoted by a surname nobody is introduced by is someone
            // introduced, misspelt.
            let shape = n >= 4 && sx.chars().next() == sy.chars().next()
                || x.kind == MentionKind::Person && n >= 2;
            if shape && damerau_levenshtein(sx, sy) == 1 && !inflected(sx, sy) && !inflected(sy, sx)
            {
                return Some("surname".into());
            }
            return None;
        }
    }
    if a.kind != MentionKind::Person || b.kind != MentionKind::Person {
        return None;
    }
    // The same document naming both means two people (or a typo the desk sees anyway).
    if a.documents.intersection(&b.documents).next().is_some() {
        return None;
    }
    let close = |x: &str, y: &str| {
        let (lx, ly) = (x.chars().count(), y.chars().count());
        // Two edits change the length by at most two: skip the distance otherwise.
        if lx.abs_diff(ly) > 2 {
            return false;
        }
        let d = damerau_levenshtein(x, y);
        let n = lx.min(ly);
        d >= 1 && ((d == 1 && n >= 4) || (d == 2 && n >= 5)) && jaro_winkler(x, y) >= 0.8
    };
    let (ga, gb) = (a.given.first(), b.given.first());
    if a.surname != b.surname {
        let given_ok = match (ga, gb) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        };
        if given_ok && close(&a.surname, &b.surname) {
            return Some("surname".into());
        }
        return None;
    }
    // Same surname: the given names may be further apart (transliterations such as
    // "Yiannis"/"Giannis", transposed vowels), but not different names altogether.
    match (ga, gb) {
        (Some(x), Some(y)) if x != y && x.chars().count() >= 4 && y.chars().count() >= 4 => {
            let d = damerau_levenshtein(x, y);
            let same_initial = x.chars().next() == y.chars().next();
            let ok = d == 1 || (d == 2 && same_initial && jaro_winkler(x, y) >= 0.7);
            ok.then(|| "given name".into())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocId;
    use crate::entities::EntityId;

    fn person(given: &str, surname: &str, doc: &str) -> Entity {
        Entity {
            id: EntityId(0),
            canonical: format!("{given} {surname}").trim().into(),
            kind: MentionKind::Person,
            aliases: Default::default(),
            surname: surname.to_lowercase(),
            given: if given.is_empty() {
                vec![]
            } else {
                vec![given.to_lowercase()]
            },
            documents: [DocId(doc.into())].into_iter().collect(),
            declared: false,
        }
    }

    #[test]
    fn surname_one_letter_apart() {
        assert!(
            spelling_variant(
                &person("Mattias", "Brennholt", "a"),
                &person("", "Brenholt", "b")
            )
            .is_some()
        );
        assert!(
            spelling_variant(
                &person("Mattias", "Brennholt", "a"),
                &person("Mattias", "Brenholt", "b")
            )
            .is_some()
        );
    }

    #[test]
    fn a_bare_surname_a_letter_off_inside_one_article() {
        // "Tomas Verlaine ... rescuers reached Verlain": the bare name was never introduced.
        let full = person("Tomas", "Verlaine", "a");
        let mut bare = person("", "Verlain", "a");
        bare.kind = MentionKind::Unknown;
        assert_eq!(spelling_variant(&full, &bare), Some("surname".into()));
        assert_eq!(spelling_variant(&bare, &full), Some("surname".into()));
        // A plural or a possessive is the same word ("the Verlaines").
        let plural = person("", "Verlaines", "a");
        assert_eq!(spelling_variant(&full, &plural), None);
        // An unknown bare word in an article that does not introduce the person is not
        // judged (between articles, only people's names are).
        let mut elsewhere = person("", "Verlain", "b");
        elsewhere.kind = MentionKind::Unknown;
        assert_eq!(spelling_variant(&full, &elsewhere), None);
        // A short bare word nobody took for a person is too close to judge ("Kul")...
        let mut short = person("", "Kul", "a");
        short.kind = MentionKind::Unknown;
        assert_eq!(spelling_variant(&person("Ana", "Kol", "a"), &short), None);
        // ... but a bare surname quoted as a speaker ("Kul said") that nobody is introduced
        // by is the one person of the article a letter apart, whatever its length or
        // initial ("Ana Sul" quoted as "Kul").
        assert_eq!(
            spelling_variant(&person("Ana", "Kol", "a"), &person("", "Kul", "a")),
            Some("surname".into())
        );
        assert_eq!(
            spelling_variant(&person("Ana", "Sul", "a"), &person("", "Kul", "a")),
            Some("surname".into())
        );
        // Not across articles.
        assert_eq!(
            spelling_variant(&person("Ana", "Sul", "a"), &person("", "Kul", "b")),
            None
        );
    }

    #[test]
    fn given_name_transliterations() {
        assert!(
            spelling_variant(
                &person("Giorgos", "Pappas", "a"),
                &person("Yiorgos", "Pappas", "b")
            )
            .is_some()
        );
    }

    #[test]
    fn different_people_stay_apart() {
        // Different given names on similar surnames.
        assert!(
            spelling_variant(&person("Anna", "Berg", "a"), &person("Lukas", "Borg", "b")).is_none()
        );
        // Same document: two people.
        assert!(
            spelling_variant(
                &person("Anna", "Halvorsen", "a"),
                &person("Anna", "Halverson", "a")
            )
            .is_none()
        );
        // Short or very different surnames.
        assert!(spelling_variant(&person("", "Li", "a"), &person("", "Lu", "b")).is_none());
        assert!(
            spelling_variant(
                &person("Peter", "Vance", "a"),
                &person("Marion", "Vance", "b")
            )
            .is_none()
        );
    }
}
