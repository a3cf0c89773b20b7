//! Role claims: titles written next to names ("Veldra's National Security Advisor Omar
//! Zaki"), copular statements ("X is also the national security advisor"), and quoted
//! distinctions ("Secretary X, along with our National Security Advisor").

use super::Resolved;
use crate::claim::Role;
use crate::lexicon::lexicons;
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

/// Spelling variants of titles that mean the same office.
pub fn normalise_title(t: &str) -> String {
    let t = t
        .to_lowercase()
        .replace("adviser", "advisor")
        .replace("defense", "defence");
    match t.as_str() {
        "spokesman" | "spokeswoman" | "chief spokesperson" | "official spokesperson" => {
            "spokesperson".into()
        }
        "nsa" => "national security advisor".into(),
        "eam" => "external affairs minister".into(),
        "pm" => "prime minister".into(),
        "fm" => "foreign minister".into(),
        "chief of army staff" | "army chief of staff" | "coas" => "army chief".into(),
        _ => t,
    }
}

static QUALIFIER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(former|ex-|then-|acting|interim|outgoing|incoming|designate|erstwhile|late)\s*$",
    )
    .unwrap()
});

/// "X is (also|now)? (the|a)? TITLE", "X has taken (on)? the role of TITLE", "X, now TITLE".
static COPULAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:,\s*(?:who\s+is\s+)?(?:now|also|currently)?\s*|\s+(?:is|was|has\s+been|became|becomes|remains|has\s+taken\s+on|took\s+on|has\s+taken\s+over|took\s+over|serves\s+as|served\s+as|will\s+serve\s+as|was\s+named|was\s+appointed)\s+(?:also\s+|now\s+|currently\s+|as\s+)?(?:the\s+role\s+of\s+|the\s+job\s+of\s+|the\s+post\s+of\s+|the\s+office\s+of\s+)?(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:(?:new|current|interim|acting)\s+)?)").unwrap()
});

static SUCCESSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*(succeeding|replacing|after|following)\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})").unwrap()
});

pub fn extract(text: &str, sentence: Span, mentions: &[Resolved]) -> Vec<(Span, Role)> {
    let lx = lexicons();
    let mut out = Vec::new();
    for r in mentions {
        let Some(person) = r.entity else { continue };
        if r.kind != crate::mentions::MentionKind::Person {
            continue;
        }
        for t in &r.mention.titles {
            let before = Span::between(
                text,
                sentence.start,
                r.mention.full_span.start.max(sentence.start),
            );
            let qualifier = QUALIFIER_BEFORE
                .captures(before)
                .map(|c| c[1].to_lowercase().trim_end_matches('-').to_string());
            // A title's unit is part of what the claim quotes.
            let span = match t.unit {
                Some(u) => Span::new(r.mention.full_span.start.min(t.span.start), u.end),
                None => r.mention.full_span,
            };
            out.push((
                span,
                Role {
                    person,
                    title: normalise_title(&t.title),
                    jurisdiction: t.jurisdiction.clone(),
                    qualifier,
                    unit: t.unit.map(|u| u.slice(text).to_lowercase()),
                    distinct_from_holder: false,
                },
            ));
        }
        // Copular: the text right after the name.
        let after = Span::between(text, r.mention.span.end, sentence.end);
        if let Some(m) = COPULAR.find(after) {
            let rest = &after[m.end()..];
            if let Some((s, e, _)) = lx
                .titles
                .find_words(rest)
                .into_iter()
                .next()
                .filter(|(s, _, _)| *s == 0)
            {
                let mut title_end = r.mention.span.end + m.end() + e;
                let title = &rest[s..e];
                let tail = &after[m.end() + e..];
                let qualifier = SUCCESSION.captures(tail).map(|c| {
                    title_end += c.get(0).unwrap().end();
                    format!("{} {}", c[1].to_lowercase(), c[2].trim_end_matches('.'))
                });
                out.push((
                    Span::new(r.mention.span.start, title_end),
                    Role {
                        person,
                        title: normalise_title(title),
                        jurisdiction: None,
                        unit: None,
                        qualifier: qualifier.or_else(|| {
                            after[..m.end()]
                                .to_lowercase()
                                .contains("now")
                                .then(|| "now".to_string())
                        }),
                        distinct_from_holder: false,
                    },
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityId;
    use crate::mentions::find_mentions;

    fn roles(t: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let sentence = Span::new(0, t.len());
        let ms = find_mentions(t, sentence).mentions;
        let rs: Vec<Resolved> = ms
            .iter()
            .map(|m| Resolved {
                mention: m,
                entity: Some(EntityId(0)),
                kind: m.kind,
            })
            .collect();
        extract(t, sentence, &rs)
            .into_iter()
            .map(|(_, r)| (r.title, r.jurisdiction, r.qualifier))
            .collect()
    }

    #[test]
    fn titles_before_names() {
        assert_eq!(
            roles("Marenland's Defence Minister Tomas Reinholt arrived."),
            vec![("defence minister".into(), Some("Marenland".into()), None)]
        );
        assert_eq!(
            roles("Former defence minister Tomas Reinholt declined to comment."),
            vec![("defence minister".into(), None, Some("former".into()))]
        );
    }

    #[test]
    fn copular_with_succession() {
        let r = roles(
            "Notably, Ana Ruiz has taken on the role of National Security Adviser succeeding Omar Zaki.",
        );
        assert_eq!(
            r,
            vec![(
                "national security advisor".into(),
                None,
                Some("succeeding Omar Zaki".into())
            )]
        );
        let r = roles("Ana Ruiz is also the national security advisor.");
        assert_eq!(r[0].0, "national security advisor");
    }
}
