fn main() {
    let path = std::env::args().nth(1).unwrap();
    let b = claimgraph::ingest::load(&[path.into()], &Default::default()).unwrap();
    let an = claimgraph::analysis::analyse(&b);
    for (d, a) in b.documents.iter().zip(&an.docs) {
        for (i, m) in a.mentions.iter().enumerate() {
            let e = an
                .entities
                .of(&d.id, i)
                .map(|e| format!("{} {:?}", an.entities.name(e), an.entities.get(e).kind));
            println!(
                "{} s{} {:?} {:?} {:?} titles={:?}",
                d.id,
                a.mention_sentence[i],
                m.name(),
                m.kind,
                e,
                m.titles
                    .iter()
                    .map(|t| (&t.title, &t.jurisdiction))
                    .collect::<Vec<_>>()
            );
        }
    }
}
