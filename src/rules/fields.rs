//! Claim fields by name, for rule scopes (`where`, `group-by`, `if`/`then`).

use crate::claim::{Claim, ClaimKind};
use crate::entities::EntityTable;

/// The names a rule may use, per claim kind (checked when rules load).
pub const FIELDS: &[&str] = &[
    "kind",
    "document",
    "participants",
    "initiator",
    "medium",
    "date",
    "person",
    "title",
    "jurisdiction",
    "qualifier",
    "speaker",
    "channel",
    "noun",
    "class",
    "predicate",
    "hedge",
    "value",
    "event",
    "attributed",
];

pub fn field(c: &Claim, name: &str, ents: &EntityTable, text: &str) -> Option<String> {
    let ent = |e: crate::entities::EntityId| ents.name(e).to_string();
    match (name, &c.kind) {
        ("kind", k) => Some(k.name().into()),
        ("document", _) => Some(c.document.0.clone()),
        ("participants", ClaimKind::Communication(x)) => {
            let mut n: Vec<String> = x.participants.iter().map(|p| ent(*p)).collect();
            n.sort();
            Some(n.join(" & "))
        }
        ("initiator", ClaimKind::Communication(x)) => x.initiator.map(ent),
        ("medium", ClaimKind::Communication(x)) => Some(format!("{:?}", x.medium).to_lowercase()),
        ("date", ClaimKind::Communication(x)) => x.date.as_ref().map(|d| d.value.clone()),
        ("date", ClaimKind::EventDate(x)) => Some(x.date.value.clone()),
        ("person", ClaimKind::Role(x)) => Some(ent(x.person)),
        ("title", ClaimKind::Role(x)) => Some(x.title.clone()),
        ("jurisdiction", ClaimKind::Role(x)) => x.jurisdiction.clone(),
        ("qualifier", ClaimKind::Role(x)) => x.qualifier.clone(),
        ("speaker", ClaimKind::Quote(x)) => x.speaker.map(ent),
        ("channel", ClaimKind::Quote(x)) => x.channel.clone(),
        ("noun", ClaimKind::Quantity(x)) => x.noun.clone(),
        ("class", ClaimKind::Quantity(x)) => Some(x.class.clone()),
        ("predicate", ClaimKind::Quantity(x)) => x.predicate.clone(),
        ("hedge", ClaimKind::Quantity(x)) => Some(x.hedge.clone()),
        ("value", ClaimKind::Quantity(x)) => Some(x.value.to_string()),
        ("attributed", ClaimKind::Quantity(_)) => Some(attributed(c.span.slice(text)).to_string()),
        ("event", ClaimKind::EventDate(x)) => Some(x.event.clone()),
        _ => None,
    }
}

/// Does the sentence say who says so ("police said", "according to")?
pub fn attributed(sentence: &str) -> bool {
    let l = sentence.to_lowercase();
    [
        " said",
        " says",
        "according to",
        " told ",
        " reported",
        " confirmed",
        " estimated",
        " put the",
        " announced",
    ]
    .iter()
    .any(|w| l.contains(w))
}
