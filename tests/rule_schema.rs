//! The JSON Schema behind `rules schema` against the rules themselves: every default rule
//! file and the rule examples of docs/rules-language.md are valid, every field a rule
//! names is a field of the claim kind it scopes (from the kinds' field specs), and the
//! schema and the rule loader agree on fictional rules written here.

use claimgraph::claim::rule_fields;
use claimgraph::rules::load::{default_rules, parse_rule};
use claimgraph::rules::schema::schema;
use serde_json::Value;
use std::path::Path;

fn validator() -> jsonschema::Validator {
    let s: Value = serde_json::from_str(&schema()).expect("the schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&s)
        .expect("the schema compiles")
}

fn yaml(src: &str) -> Value {
    serde_saphyr::from_str(src).expect("the YAML parses")
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

fn default_rule_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/default");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_default_rule_file_is_valid_against_the_schema() {
    let v = validator();
    let files = default_rule_files();
    assert_eq!(files.len(), default_rules().len());
    for (path, src) in files {
        let e = errors(&v, &yaml(&src));
        assert!(e.is_empty(), "{path}:\n{}", e.join("\n"));
    }
}

/// The fields a rule names (scope `where` and `group-by`, conditional `if`/`then`).
fn named_fields(r: &claimgraph::rules::Rule) -> Vec<String> {
    let mut f: Vec<String> = r.scope.r#where.keys().cloned().collect();
    f.extend(r.scope.group_by.iter().cloned());
    if let claimgraph::rules::model::Check::Conditional(c) = &r.check {
        f.extend(c.r#if.keys().cloned());
        f.extend(c.then.keys().cloned());
    }
    f
}

/// Every field `r` names belongs to the claim kind it scopes, or to every kind.
fn fields_fit_the_kind(r: &claimgraph::rules::Rule) -> Result<(), String> {
    let fields = rule_fields();
    let kind = r.scope.kind.map(|k| k.as_str());
    for name in named_fields(r) {
        let f = fields
            .iter()
            .find(|f| f.name == name)
            .ok_or_else(|| format!("{}: no kind has a field `{name}`", r.id))?;
        if let (Some(k), Some(kinds)) = (kind, &f.kinds)
            && !kinds.contains(&k)
        {
            return Err(format!("{}: `{name}` is not a field of {k} claims", r.id));
        }
    }
    Ok(())
}

#[test]
fn every_field_a_default_rule_names_is_a_field_of_its_kind() {
    for r in default_rules() {
        fields_fit_the_kind(&r).unwrap();
    }
}

/// Fictional rules that name fields of each kind: the schema and the loader both accept
/// them, and each field belongs to the scoped kind.
const GOOD: &[&str] = &[
    r#"
id: X901/harbourton-tolls
severity: warning
summary: Tolls of Harbourton
message: "{subject}: {values}"
scope:
  kind: quantity
  where:
    class: person
    hedge: /^(exact|at-least)$/
    attributed: "true"
  group-by: [predicate, noun]
check:
  numeric-conflict: {}
"#,
    r#"
id: X902/veldra-calls
severity: info
summary: Calls with Veldra
message: "{subject}: {values}"
scope:
  kind: communication
  where:
    participants: /Veldra/
    medium: socialmedia
  group-by: [date]
check:
  date-conflict:
    max-days-apart: 3
"#,
    r#"
id: X903/okafor-channel
severity: error
summary: Okafor speaks through statements
message: "{text} ({document}, {field})"
scope:
  kind: quote
check:
  conditional:
    if:
      speaker: Ana Okafor
    then:
      channel: statement
"#,
    r#"
id: X904/calloway-office
severity: warning
summary: Calloway's office
message: "{text}"
check:
  conditional:
    if:
      kind: role
      person: /Calloway/
    then:
      jurisdiction: Marenland
"#,
];

#[test]
fn fictional_rules_naming_each_kinds_fields_pass_the_schema_and_the_loader() {
    let v = validator();
    for src in GOOD {
        let e = errors(&v, &yaml(src));
        assert!(e.is_empty(), "{src}\n{}", e.join("\n"));
        let r = parse_rule(src, "x.yaml").unwrap_or_else(|e| panic!("{e}\n{src}"));
        fields_fit_the_kind(&r).unwrap();
    }
}

#[test]
fn a_field_no_kind_has_fails_the_schema_and_the_loader() {
    let v = validator();
    let src = GOOD[0].replace("class: person", "colour: red");
    assert!(!errors(&v, &yaml(&src)).is_empty());
    let e = parse_rule(&src, "x.yaml").unwrap_err().to_string();
    assert!(e.contains("unknown field `colour`"), "{e}");
}

#[test]
fn a_field_of_another_kind_is_caught_by_the_kind_check() {
    let src = GOOD[0].replace("class: person", "speaker: Okafor");
    let r = parse_rule(&src, "x.yaml").unwrap();
    assert_eq!(
        fields_fit_the_kind(&r).unwrap_err(),
        "X901/harbourton-tolls: `speaker` is not a field of quantity claims"
    );
}

#[test]
fn the_schemas_field_names_are_the_kinds_fields() {
    let s: Value = serde_json::from_str(&schema()).unwrap();
    let scope = &s["properties"]["scope"]["properties"];
    let names: Vec<&str> = rule_fields().iter().map(|f| f.name).collect();
    for list in [
        &scope["where"]["propertyNames"]["enum"],
        &scope["group-by"]["items"]["enum"],
    ] {
        let got: Vec<&str> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(got, names);
    }
    let kinds: Vec<&str> = scope["kind"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for k in claimgraph::claim::KIND_NAMES {
        assert!(kinds.contains(k), "{k} missing from {kinds:?}");
    }
}

/// The rule examples in docs/rules-language.md: a whole rule must be valid; a `scope:`
/// fragment must be valid inside a minimal rule, and name fields of its kind.
#[test]
fn the_rules_language_docs_examples_are_valid() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules-language.md"),
    )
    .unwrap();
    let v = validator();
    let mut blocks = Vec::new();
    let mut cur: Option<String> = None;
    for line in doc.lines() {
        match (&mut cur, line.trim_start()) {
            (None, l) if l.starts_with("```yaml") => cur = Some(String::new()),
            (Some(_), l) if l.starts_with("```") => blocks.push(cur.take().unwrap()),
            (Some(b), _) => {
                b.push_str(line);
                b.push('\n');
            }
            _ => {}
        }
    }
    let mut checked = 0;
    for b in blocks {
        let src = if b.starts_with("id:") {
            b
        } else if b.starts_with("scope:") {
            format!(
                "id: X900/docs\nseverity: info\nsummary: s\nmessage: m\ncheck:\n  numeric-conflict: {{}}\n{b}"
            )
        } else {
            continue;
        };
        let e = errors(&v, &yaml(&src));
        assert!(e.is_empty(), "{src}\n{}", e.join("\n"));
        let r = parse_rule(&src, "docs.yaml").unwrap_or_else(|e| panic!("{e}\n{src}"));
        fields_fit_the_kind(&r).unwrap();
        checked += 1;
    }
    assert!(checked >= 2, "found {checked} rule examples in the docs");
}

/// docs/claim-model.md's table of rule fields lists every field with the kinds that have
/// it, as the kinds' field specs say.
#[test]
fn the_claim_model_docs_list_every_rule_field_with_its_kinds() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/claim-model.md"))
            .unwrap();
    let section = doc
        .split("## Field names for rules")
        .nth(1)
        .expect("the section exists");
    let mut documented: Vec<(String, String)> = Vec::new();
    for row in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        for name in cells[1].split(',') {
            documented.push((name.trim().trim_matches('`').to_string(), cells[2].into()));
        }
    }
    let fields = rule_fields();
    let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
    let mut got: Vec<&str> = documented.iter().map(|(n, _)| n.as_str()).collect();
    let mut want = names.clone();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want);
    for f in &fields {
        let kinds = f.kinds.as_ref().map_or("all".to_string(), |k| k.join(", "));
        let (_, doc_kinds) = documented.iter().find(|(n, _)| n == f.name).unwrap();
        assert_eq!(doc_kinds, &kinds, "field `{}`", f.name);
    }
}
