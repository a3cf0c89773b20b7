//! Communication claims: "A spoke with B", "A held separate calls with B and C",
//! "during a phone conversation with B", "B made the first call to A", "he also called B".

use super::{DocState, Resolved, inside};
use crate::claim::{Communication, Medium, TimeRef};
use crate::entities::EntityId;
use crate::lexicon::lexicons;
use crate::span::Span;
use foldhash::HashSet;
use foldhash::HashSetExt;
use std::sync::LazyLock;

const BLOCKERS_SRC: &str = include_str!("../../rules/lexicon/communication-blockers.txt");
static BLOCKERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| crate::lexicon::entries(BLOCKERS_SRC).collect());

/// Triggers that are bare verbs: their object must follow directly.
fn is_bare_verb(phrase: &str) -> bool {
    !phrase.contains(' ') || phrase.ends_with(" to") && phrase.starts_with("made")
}

fn medium(v: &str) -> Medium {
    match v.split('\t').next().unwrap_or("") {
        "meeting" => Medium::Meeting,
        "statement" => Medium::Statement,
        "social" => Medium::SocialMedia,
        _ => Medium::Call,
    }
}

/// Text between two offsets contains only glue: articles, titles already in the full span,
/// commas, "and", short lower-case modifiers.
fn glue_ok(gap: &str, max_words: usize) -> bool {
    if gap.contains([';', '"', '“', '”', ':']) {
        return false;
    }
    let words: Vec<&str> = gap
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= max_words
        && !words.iter().any(|w| {
            matches!(
                *w,
                "that"
                    | "who"
                    | "which"
                    | "said"
                    | "says"
                    | "after"
                    | "before"
                    | "when"
                    | "while"
                    | "but"
            )
        })
}

/// Extract the communications of one sentence.
pub fn extract(
    text: &str,
    sentence: Span,
    mentions: &[Resolved],
    times: &[TimeRef],
    quotes: &[Span],
    state: &mut DocState,
) -> Vec<Communication> {
    let lx = lexicons();
    let s_text = sentence.slice(text);
    let actors: Vec<&Resolved> = mentions.iter().filter(|m| m.is_actor()).collect();
    let mut out = Vec::new();
    let mut objects_so_far: HashSet<EntityId> = HashSet::new();
    for (s, e, pat) in lx.communication.find_words(s_text) {
        let trigger = Span::new(sentence.start + s, sentence.start + e);
        if inside(quotes, trigger) {
            continue;
        }
        let phrase = &lx.communication.phrases[pat];
        let after = Span::between(text, trigger.end, sentence.end);
        if is_bare_verb(phrase) {
            let next = after
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric());
            if BLOCKERS.contains(next.to_lowercase().as_str()) {
                continue;
            }
        }
        // Objects: actors after the trigger, chained by "and" ("A and B", "A, B and C");
        // a comma alone joins only inside a list that an "and" closes.
        let max_first_gap = if is_bare_verb(phrase) { 3 } else { 8 };
        let mut chain: Vec<(EntityId, Span, bool)> = Vec::new(); // (id, name span, joined by and)
        let mut cursor = trigger.end;
        for a in actors
            .iter()
            .filter(|a| a.mention.full_span.start >= trigger.end)
        {
            let gap = Span::between(text, cursor, a.mention.full_span.start);
            let limit = if chain.is_empty() { max_first_gap } else { 3 };
            if !glue_ok(gap, limit) {
                break;
            }
            let by_and = gap.split_whitespace().any(|w| w == "and");
            if chain.is_empty() || by_and || gap.trim() == "," {
                chain.push((a.entity.unwrap(), a.mention.span, by_and));
                cursor = a.mention.span.end;
                if by_and {
                    break;
                }
            } else {
                break;
            }
        }
        // Without a closing "and", the comma-joined tail is an apposition or a new clause.
        if !chain.last().is_some_and(|c| c.2) {
            chain.truncate(1);
        }
        let mut objects: Vec<EntityId> = Vec::new();
        for (id, span, _) in &chain {
            if !objects.contains(id) {
                objects.push(*id);
            }
            cursor = span.end;
        }
        if objects.is_empty() {
            // "A and B spoke by phone": the participants stand before the verb.
            if lx.communication.values[pat].ends_with("reciprocal")
                && let Some((a, b)) = coordinated_before(text, sentence, trigger, &actors, quotes)
            {
                let date = nearest_date(text, times, sentence, trigger);
                out.push(Communication {
                    participants: vec![a, b],
                    initiator: None,
                    date,
                    medium: medium(&lx.communication.values[pat]),
                    trigger,
                });
                state.last_subject = Some(a);
            }
            continue;
        }
        // Subject: the first actor of the sentence before the trigger that is not an
        // object of an earlier trigger; else a pronoun standing for the last subject.
        let subject = actors
            .iter()
            .filter(|a| a.mention.span.end <= trigger.start && !inside(quotes, a.mention.span))
            .map(|a| a.entity.unwrap())
            .find(|id| !objects_so_far.contains(id) && !objects.contains(id))
            .or_else(|| {
                let before = Span::between(text, sentence.start, trigger.start);
                let has_pronoun = before
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| matches!(w, "he" | "He" | "she" | "She"));
                if has_pronoun {
                    state.last_subject
                } else {
                    None
                }
            });
        // A fronted clause ("After talks with X, Y called Z"): the main clause's subject,
        // the first actor after the comma that closes the clause.
        let subject = subject.or_else(|| {
            let comma = text.get(cursor..sentence.end)?.find(',')? + cursor;
            actors
                .iter()
                .filter(|a| a.mention.full_span.start > comma)
                .find(|a| glue_ok(Span::between(text, comma + 1, a.mention.full_span.start), 1))
                .and_then(|a| a.entity)
                .filter(|id| !objects.contains(id))
        });
        let Some(subject) = subject else {
            objects_so_far.extend(objects.iter().copied());
            continue;
        };
        objects.retain(|o| *o != subject);
        if objects.is_empty() {
            continue;
        }
        objects_so_far.extend(objects.iter().copied());
        let date = nearest_date(text, times, sentence, trigger);
        let initiator = matches!(
            phrase.as_str(),
            "called"
                | "phoned"
                | "telephoned"
                | "dialled"
                | "dialed"
                | "rang"
                | "reached out to"
                | "summoned"
        ) || phrase.starts_with("made ");
        for o in objects {
            out.push(Communication {
                participants: vec![subject, o],
                initiator: initiator.then_some(subject),
                date: date.clone(),
                medium: medium(&lx.communication.values[pat]),
                trigger,
            });
        }
        state.last_subject = Some(subject);
    }
    out
}

/// Two actors joined by "and" right before a reciprocal verb: "Korval and Brennholt spoke".
fn coordinated_before(
    text: &str,
    sentence: Span,
    trigger: Span,
    actors: &[&Resolved],
    quotes: &[Span],
) -> Option<(EntityId, EntityId)> {
    let before: Vec<&&Resolved> = actors
        .iter()
        .filter(|a| a.mention.span.end <= trigger.start && !inside(quotes, a.mention.span))
        .collect();
    let (a, b) = match before.as_slice() {
        [.., a, b] => (a, b),
        _ => return None,
    };
    let between = Span::between(text, a.mention.span.end, b.mention.full_span.start);
    let after = Span::between(text, b.mention.span.end, trigger.start);
    let joined = between.trim() == "and"
        || between.trim() == "and his counterpart"
        || between.trim() == "and her counterpart";
    let close = after.split_whitespace().count() <= 2 && !after.contains(',');
    let _ = sentence;
    (joined && close && a.entity != b.entity).then(|| (a.entity.unwrap(), b.entity.unwrap()))
}

/// The date expression of the sentence closest to the trigger, leaving out the day of a
/// report the sentence cites ("..., according to reports Tuesday").
pub fn nearest_date(
    text: &str,
    times: &[TimeRef],
    sentence: Span,
    trigger: Span,
) -> Option<TimeRef> {
    times
        .iter()
        .filter(|t| sentence.contains(t.span) && (t.day().is_some() || t.weekday.is_some()))
        .filter(|t| !super::in_attribution_tail(text, sentence, t.span.start))
        .min_by_key(|t| {
            if t.span.start >= trigger.end {
                t.span.start - trigger.end
            } else {
                trigger.start.saturating_sub(t.span.end)
            }
        })
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::find_mentions;

    /// Resolve mentions naively by name for the test: one id per distinct surname.
    fn run(t: &str, state: &mut DocState) -> Vec<(Vec<String>, Option<String>)> {
        run_with(t, state, &mut Vec::new())
    }

    fn run_with(
        t: &str,
        state: &mut DocState,
        names: &mut Vec<String>,
    ) -> Vec<(Vec<String>, Option<String>)> {
        let sentence = Span::new(0, t.len());
        let ms = find_mentions(t, sentence).mentions;
        let resolved = crate::extract::resolve_by_surname(&ms, names);
        let comms = extract(t, sentence, &resolved, &[], &[], state);
        comms
            .iter()
            .map(|c| {
                (
                    c.participants.iter().map(|p| names[p.0].clone()).collect(),
                    c.initiator.map(|p| names[p.0].clone()),
                )
            })
            .collect()
    }

    fn pairs(t: &str) -> Vec<Vec<String>> {
        run(t, &mut DocState::default())
            .into_iter()
            .map(|(p, _)| p)
            .collect()
    }

    #[test]
    fn spoke_with_and_coordination() {
        assert_eq!(
            pairs(
                "Veldran Foreign Minister Anneliese Korval held separate calls with Ambassador Sigrun Aal and Deputy Minister Ivo Brandt on Tuesday."
            ),
            vec![vec!["Korval", "Aal"], vec!["Korval", "Brandt"]]
        );
        assert_eq!(
            pairs("Mayor Dana Pell spoke to Governor Luis Ortega."),
            vec![vec!["Pell", "Ortega"]]
        );
    }

    #[test]
    fn during_a_conversation_and_possessive_subject() {
        assert_eq!(
            pairs(
                "Minister Ana Ruiz urged calm during a phone conversation with her counterpart Tomas Held."
            ),
            vec![vec!["Ruiz", "Held"]]
        );
        assert_eq!(
            pairs("Ruiz's phone calls with Tomas Held and Omar Zaki were part of the effort."),
            vec![vec!["Ruiz", "Held"], vec!["Ruiz", "Zaki"]]
        );
    }

    #[test]
    fn fronted_clause_takes_the_main_subject() {
        assert_eq!(
            pairs(
                "After failed talks with Premier Tomas Held, Ruiz reached out to General Omar Zaki."
            ),
            vec![vec!["Ruiz", "Held"], vec!["Ruiz", "Zaki"]]
        );
    }

    #[test]
    fn reciprocal_verbs_take_coordinated_subjects() {
        assert_eq!(
            pairs("Minister Ana Ruiz and Ambassador Tomas Held spoke by phone on Tuesday."),
            vec![vec!["Ruiz", "Held"]]
        );
        assert!(pairs("Minister Ana Ruiz spoke at length on Tuesday.").is_empty());
    }

    #[test]
    fn called_for_is_not_a_call() {
        assert!(pairs("Senator Ana Ruiz called for calm after meeting the press.").is_empty());
    }

    #[test]
    fn initiator_of_made_the_first_call() {
        let r = run(
            "Adviser Omar Zaki made the first international call to Secretary Ana Ruiz.",
            &mut DocState::default(),
        );
        assert_eq!(
            r,
            vec![(
                vec!["Zaki".to_string(), "Ruiz".to_string()],
                Some("Zaki".to_string())
            )]
        );
    }

    #[test]
    fn pronoun_subject_uses_the_last_subject() {
        let mut st = DocState::default();
        let mut names = Vec::new();
        run_with(
            "Minister Ana Ruiz spoke with Tomas Held on Monday.",
            &mut st,
            &mut names,
        );
        let r = run_with(
            "The same day, she also called Omar Zaki.",
            &mut st,
            &mut names,
        );
        assert_eq!(r[0].0, vec!["Ruiz", "Zaki"]);
    }

    #[test]
    fn second_trigger_keeps_the_sentence_subject() {
        assert_eq!(
            pairs(
                "Ruiz reached out to the head of the army, General Omar Zaki, after talks with Premier Tomas Held failed."
            ),
            vec![vec!["Ruiz", "Zaki"], vec!["Ruiz", "Held"]]
        );
    }
}
