//! The JSON Schemas editors get completion and checks from: generated from the structs that
//! read content, kept in the repository and published with every build, and checked by a real
//! JSON Schema validator against the repository's own content and against common mistakes.

use std::path::Path;

use crate::common::*;

const SCHEMAS: [&str; 6] = [
    "article.json",
    "comparisons.json",
    "entities.json",
    "fact.json",
    "site.json",
    "topics.json",
];

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("schema").join(name)).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The YAML of a content file as JSON: a `.yaml` file whole, a `.md` file's front matter.
fn yaml_of(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let yaml = match path.extension().and_then(|e| e.to_str()) {
        Some("md") => text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---"))
            .map(|(front, _)| front.to_string())
            .unwrap_or_else(|| panic!("{}: no front matter", path.display())),
        _ => text,
    };
    serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The schema a content file is read with.
fn schema_of(rel: &str) -> &'static str {
    match rel {
        r if r.starts_with("content/facts/") => "fact.json",
        r if r.starts_with("content/articles/") => "article.json",
        "content/site.yaml" => "site.json",
        "content/entities.yaml" => "entities.json",
        "content/topics.yaml" => "topics.json",
        "content/comparisons.yaml" => "comparisons.json",
        other => panic!("no schema for {other}"),
    }
}

#[test]
fn the_repositorys_schemas_are_the_ones_the_structs_generate_and_every_build_publishes() {
    let dir = tempfile::tempdir().unwrap();
    let output = factsheet().arg("schema").arg(dir.path()).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let out = tempfile::tempdir().unwrap();
    assert!(build(&fixture("minimal"), out.path()).status.success());
    for name in SCHEMAS {
        let kept = std::fs::read_to_string(repo().join("schema").join(name)).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
            kept,
            "schema/{name} is stale: run `cargo run -- schema schema`"
        );
        assert_eq!(read(out.path(), &format!("data/schema/{name}")), kept);
    }
    let written: Vec<String> = stdout(&output).lines().map(String::from).collect();
    assert_eq!(written.len(), SCHEMAS.len());
}

#[test]
fn every_content_file_of_the_repository_and_the_starter_is_valid_against_its_schema() {
    let mut checked = 0;
    for root in [repo(), repo().join("starter"), fixture("good")] {
        for entry in walkdir::WalkDir::new(root.join("content")) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&root).unwrap().to_str().unwrap();
            let instance = yaml_of(entry.path());
            let errors: Vec<String> = validator(schema_of(rel))
                .iter_errors(&instance)
                .map(|e| format!("{}: {e}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{rel}: {errors:?}");
            checked += 1;
        }
    }
    assert!(checked > 80, "only {checked} files checked");
}

#[test]
fn the_mistakes_check_reports_are_marked_by_the_schemas_too() {
    let fact = |yaml: &str| serde_yaml::from_str::<serde_json::Value>(yaml).unwrap();
    let good = "title: T\nclaim: C\nvalue: 2\nunit: USD\nsources:\n  - article: a\n    quote: q\n";
    assert!(validator("fact.json").is_valid(&fact(good)));
    for (mistake, yaml) in [
        ("a misspelt key", good.replace("unit:", "unti:")),
        ("an unknown status", format!("{good}status: maybe\n")),
        ("a month 13", format!("{good}date: 2024-13\n")),
        (
            "an unknown qualifier",
            format!("{good}qualifier: roughly\n"),
        ),
        (
            "no sources",
            good.replace("sources:\n  - article: a\n    quote: q\n", ""),
        ),
        (
            "a source without its quote",
            good.replace("    quote: q\n", ""),
        ),
        (
            "a value in words",
            good.replace("value: 2", "value: 5 billion"),
        ),
    ] {
        assert!(!validator("fact.json").is_valid(&fact(&yaml)), "{mistake}");
    }
    let entities = |yaml: &str| serde_yaml::from_str::<serde_json::Value>(yaml).unwrap();
    assert!(validator("entities.json")
        .is_valid(&entities("aliyev:\n  name: Ilham Aliyev\n  kind: person\n")));
    for yaml in [
        "Aliyev:\n  name: Ilham Aliyev\n",
        "aliyev:\n  kind: person\n",
        "aliyev:\n  name: A\n  kind: president\n",
    ] {
        assert!(
            !validator("entities.json").is_valid(&entities(yaml)),
            "{yaml}"
        );
    }
    let site = serde_yaml::from_str::<serde_json::Value>("title: S\nminify: yes please\n").unwrap();
    assert!(!validator("site.json").is_valid(&site));
}

#[test]
fn init_writes_the_schemas_its_yaml_files_name() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let output = factsheet().arg("init").arg(&site).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    for name in ["site", "entities", "topics", "comparisons"] {
        let yaml = read(&site, &format!("content/{name}.yaml"));
        let comment = format!("# yaml-language-server: $schema=../schema/{name}.json\n");
        assert!(yaml.starts_with(&comment), "content/{name}.yaml");
        assert!(site.join(format!("schema/{name}.json")).is_file());
    }
    assert!(stdout(&output).contains("schema/fact.json"));
}
