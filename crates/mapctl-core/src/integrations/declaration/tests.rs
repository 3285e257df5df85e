use super::*;

const MINIMAL: &str = r#"
display_name = "Acme API"

[settings.base_url]
required = true
url = true

[auth]
kind = "none"

[headers]
x-api-key = "{credential:api_key}"

[[list]]
path = "/orgs"
paging = { kind = "page_number", page_param = "page", size_param = "size", size = 100 }

[list.record]
id = "/id"
name = "/name"

[test]
path = "/ping"
"#;

#[test]
fn a_minimal_declaration_reads_and_names_its_credentials() {
    let d = parse(MINIMAL).unwrap();
    assert_eq!(d.api, "{base_url}");
    assert_eq!(d.credential_fields(), ["api_key"]);
    assert!(d.has_discovery());
    match &d.list[0].paging {
        Paging::PageNumber { first, stop, .. } => {
            assert_eq!((*first, *stop), (1, Stop::EmptyPage), "safe defaults");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_unknown_key_is_named_with_its_line() {
    let text = MINIMAL.replace("[test]\n", "[test]\npaht = \"/x\"\n");
    let problems = parse(&text).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let line = text.lines().position(|l| l.starts_with("paht")).unwrap() + 1;
    assert_eq!(problems[0].line, Some(line), "{problems:?}");
    assert!(problems[0].message.contains("paht"), "{}", problems[0]);
}

#[test]
fn a_wrong_kind_is_named() {
    let text = MINIMAL.replace("kind = \"none\"", "kind = \"kerberos\"");
    let problems = parse(&text).unwrap_err();
    assert!(problems[0].message.contains("kerberos"), "{}", problems[0]);
    assert!(problems[0].line.is_some());
}

#[test]
fn every_semantic_problem_is_listed() {
    let text = MINIMAL
        .replace("path = \"/ping\"", "path = \"/ping/{tenant}\"")
        .replace("id = \"/id\"", "id = \"id\"")
        .replace(
            "[test]",
            "[get]\npath = \"/orgs/one\"\n\n[[lookups]]\nsetting = \"zone\"\nurl = \"{base_url}/zone\"\npointer = \"/url\"\n\n[test]",
        );
    let problems = parse(&text).unwrap_err();
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 4, "{shown:#?}");
    assert!(shown.iter().any(|p| p.contains("{tenant}")));
    assert!(shown.iter().any(|p| p.contains("list[0].record.id")));
    assert!(
        shown
            .iter()
            .any(|p| p.contains("get.path") && p.contains("{id}"))
    );
    assert!(shown.iter().any(|p| p.contains("lookups[0].setting")));
    // Each with the line of what it names.
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let at = |key: &str| {
        problems
            .iter()
            .find(|p| p.key.as_deref() == Some(key))
            .unwrap()
            .line
    };
    assert_eq!(at("list[0].record.id"), Some(line_of("id = \"id\"")));
    assert_eq!(at("get.path"), Some(line_of("/orgs/one")));
    assert_eq!(
        at("lookups[0].setting"),
        Some(line_of("setting = \"zone\""))
    );
    assert_eq!(at("template"), Some(line_of("{tenant}")));
}

#[test]
fn listings_are_chosen_by_settings() {
    let text = MINIMAL
        .replace(
            "[settings.base_url]",
            "[settings.source]\ndefault = \"a\"\nchoices = [\"a\", \"b\"]\n\n[settings.base_url]",
        )
        .replace(
            "[[list]]\npath = \"/orgs\"",
            "[[list]]\nwhen = { source = \"b\" }\npath = \"/orgs\"",
        );
    let d = parse(&text).unwrap();
    assert!(d.listing(&|_| Some("a".into())).is_none());
    assert!(d.listing(&|_| Some("b".into())).is_some());
}

/// The engine knows no integration: no built-in's name, host, path or
/// field appears in its source.
#[test]
fn the_engine_holds_no_integration() {
    let engine = [
        include_str!("../rest.rs"),
        include_str!("../rest/paging.rs"),
        include_str!("../rest/record.rs"),
        include_str!("../integration.rs"),
        include_str!("../http.rs"),
        include_str!("../http/auth.rs"),
        include_str!("../http/body.rs"),
        include_str!("../http/origin.rs"),
        include_str!("../http/failure.rs"),
        include_str!("../http/text.rs"),
        include_str!("kinds.rs"),
        include_str!("paging.rs"),
        include_str!("../catalog.rs"),
        include_str!("../catalog/parts.rs"),
        include_str!("../template.rs"),
        include_str!("../discovery.rs"),
        include_str!("../cache.rs"),
        include_str!("../declaration.rs"),
        include_str!("check.rs"),
        include_str!("../spec.rs"),
    ]
    .map(|file| file.split("#[cfg(test)]").next().unwrap_or_default())
    .join("\n");
    let code: String = engine
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut facts: Vec<String> = Vec::new();
    for (name, text) in crate::integrations::builtin::BUILT_INS {
        facts.push(format!("\"{name}\""));
        let d = parse(text).unwrap();
        facts.push(format!("\"{}\"", d.display_name));
        for l in &d.list {
            facts.push(format!("\"{}\"", l.path));
            facts.extend(l.record.name.all().iter().map(|n| format!("\"{n}\"")));
            if !l.items.is_empty() {
                facts.push(format!("\"{}\"", l.items));
            }
        }
        facts.push(format!("\"{}\"", d.test.path));
        for s in d.settings.values() {
            facts.extend(s.default.iter().map(|v| format!("\"{v}\"")));
        }
    }
    for word in [
        "halo",
        "ninja",
        "graph.microsoft",
        "connectwise",
        "autotask",
        "centrastage",
        "itglue",
        "hudu",
        "record_count",
        "pageinate",
        "huntress",
        "sentinel",
        "sophos",
        "pax8",
        "syncro",
        "atera",
        "n-central",
        "ncentral",
        "auvik",
        "automate",
        "acronis",
        "partner",
        "kaseya",
        "liongard",
        "roar",
        "sherweb",
        "whoami",
        "continuation",
    ] {
        facts.push(word.to_owned());
    }
    for fact in &facts {
        assert!(
            !code.to_lowercase().contains(&fact.to_lowercase()),
            "the engine names {fact}"
        );
    }
}

#[test]
fn a_page_of_no_records_is_refused() {
    for (from, to) in [
        ("size = 100 }", "size = 0 }"),
        ("size = 100 }", "size = 100, max_size = 0 }"),
    ] {
        let text = MINIMAL.replace(from, to);
        let problems = parse(&text).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.contains("at least 1"),
            "{}",
            problems[0]
        );
        assert!(problems[0].line.is_some(), "{}", problems[0]);
    }
}

#[test]
fn a_next_page_may_set_only_headers_named_and_never_a_standard_one() {
    let paging = |extra: &str| {
        MINIMAL.replace(
            "paging = ",
            &format!("paging = {{ kind = \"next_url\", pointer = \"/next\", headers = \"/next_headers\"{extra} }}\n# was: "),
        )
    };
    let problems = parse(&paging("")).unwrap_err();
    assert!(
        problems[0].message.contains("allowed_headers"),
        "{problems:?}"
    );
    let problems = parse(&paging(", allowed_headers = [\"Host\", \"X-Token\"]")).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].message.contains("standard header"),
        "{problems:?}"
    );
    assert!(parse(&paging(", allowed_headers = [\"MS-ContinuationToken\"]")).is_ok());
}

#[test]
fn a_literal_api_root_on_plain_http_elsewhere_than_loopback_is_a_problem() {
    let with_api = |api: &str| format!("api = \"{api}\"\n{MINIMAL}");
    let problems = parse(&with_api("http://api.example.com/v1")).unwrap_err();
    assert!(
        problems.iter().any(|p| p.message.contains("http")),
        "{problems:?}"
    );
    assert!(parse(&with_api("https://api.example.com/v1")).is_ok());
    assert!(parse(&with_api("http://127.0.0.1:8080/v1")).is_ok());
    assert!(parse(&with_api("{base_url}/v1")).is_ok());
}
