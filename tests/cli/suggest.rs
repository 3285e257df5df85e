//! `mapctl suggest` as users run it: against a declared integration served
//! by a local double (an API key, pages, records with a tenant id and a
//! link), into the embedded store.

use std::sync::Arc;

use crate::common::http::{Request, Response, Server};
use crate::common::{Sandbox, code, keys, stderr, stdout};
use serde_json::{Value, json};

const TENANT: &str = "9f1c0e4a-0000-4000-8000-000000000001";

fn records() -> Vec<Value> {
    vec![
        json!({"id": 1, "name": "ACME Corporation Ltd"}),
        json!({"id": 2, "name": "Globex Inc"}),
        json!({"id": 3, "name": "Globex Logistics GmbH"}),
        json!({"id": 4, "name": "Our MSP Pty Ltd"}),
        json!({"id": 5, "name": "Hooli"}),
        json!({"id": 6, "name": "Old tenant name", "tenant": TENANT}),
        json!({"id": 7, "name": "Main office", "links": {"halopsa": 77}}),
        json!({"id": 8, "name": "Initrode"}),
        json!({"id": 9, "name": "Umbrella Corp"}),
        json!({"id": 10, "name": "Umbrella Corporation Inc"}),
    ]
}

/// A PSA double: `x-api-key`, pages of 4, a short page is the last.
fn psa() -> Server {
    Server::start(Arc::new(|r: &Request| {
        if r.header("x-api-key") != Some("psa-key") {
            return Response::json(401, json!({"error": "Invalid API key"}));
        }
        let page: usize = r.param("page").and_then(|p| p.parse().ok()).unwrap_or(1);
        let all = records();
        let id = r.path.rsplit('/').next().unwrap_or_default().to_owned();
        if let Some(one) = all
            .iter()
            .find(|c| c["id"].as_u64().is_some_and(|n| n.to_string() == id))
        {
            return Response::json(200, one.clone());
        }
        let page: Vec<Value> = all.into_iter().skip((page - 1) * 4).take(4).collect();
        Response::json(200, json!({"companies": page}))
    }))
}

fn setup() -> (Sandbox, Server) {
    let server = psa();
    let s = Sandbox::new();
    s.write_declaration(
        "psa",
        r#"
display_name = "A PSA"

[settings.base_url]
required = true
url = true

[auth]
kind = "none"

[headers]
x-api-key = "{credential:api_key}"

[[list]]
path = "/api/companies"
items = "/companies"
paging = { kind = "page_number", page_param = "page", size_param = "page_size", size = 4 }

[list.record]
id = "/id"
name = "/name"
metadata = { tenant_id = "/tenant" }
links = { halopsa = "/links/halopsa" }

[get]
path = "/api/companies/{id}"

[test]
path = "/api/companies"
"#,
    );
    s.write_config(&format!(
        "[integrations.psa]\nbase_url = \"{}\"\n[integrations.halopsa]\nbase_url = \"https://halo.invalid\"\n",
        server.url()
    ));
    for (id, name) in [
        ("acme", "Acme Corp"),
        ("globex", "Globex"),
        ("ourmsp", "Our MSP"),
        ("hooli", "Hooli"),
        ("fabrikam", "Fabrikam"),
        ("initech", "Initech"),
        ("umbrella", "Umbrella"),
    ] {
        s.ok(&["orgs", "add", "--name", name, "--id", id]);
    }
    s.ok(&[
        "orgs",
        "add",
        "--name",
        "Contoso Pharma",
        "--id",
        "contoso",
        "--tenant-id",
        TENANT,
    ]);
    (s, server)
}

fn run(s: &Sandbox, args: &[&str]) -> std::process::Output {
    s.cmd()
        .env("MAPCTL_PSA_API_KEY", "psa-key")
        .args(args)
        .output()
        .unwrap()
}

fn json_of(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

/// (org, external id, confidence, reason) of each suggestion.
fn summary(list: &Value) -> Vec<(String, String, String, String)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let f = |k: &str| s[k].as_str().unwrap().to_owned();
            (f("org"), f("external_org_id"), f("confidence"), f("reason"))
        })
        .collect()
}

fn prepared() -> (Sandbox, Server) {
    let (s, server) = setup();
    let mapped = run(&s, &["map", "hooli", "psa", "--external-id", "5"]);
    assert!(mapped.status.success(), "{}", stderr(&mapped));
    s.ok(&[
        "map",
        "fabrikam",
        "halopsa",
        "--external-id",
        "77",
        "--no-verify",
    ]);
    let ignored = run(
        &s,
        &["ignore", "psa", "--external-id", "4", "--reason", "us"],
    );
    assert!(ignored.status.success(), "{}", stderr(&ignored));
    (s, server)
}

#[test]
fn suggestions_use_identity_links_and_names_and_leave_out_mapped_and_ignored() {
    let (s, _server) = prepared();
    let list = json_of(&run(&s, &["suggest", "psa", "-o", "json"]));
    assert_eq!(
        keys(&list[0]),
        [
            "org",
            "org_name",
            "integration",
            "external_org_id",
            "external_org_name",
            "score",
            "confidence",
            "reason"
        ]
    );
    let got = summary(&list);
    let expect = |org: &str, id: &str, confidence: &str, reason: &str| {
        (org.into(), id.into(), confidence.into(), reason.into())
    };
    assert_eq!(
        got,
        vec![
            expect("acme", "1", "high", "normalized_name"),
            expect("contoso", "6", "high", "tenant_id"),
            expect("fabrikam", "7", "high", "link"),
            expect("globex", "2", "high", "normalized_name"),
            expect("umbrella", "9", "medium", "normalized_name"),
        ],
        "{list:#}"
    );
    // Nothing written, and the figures on stderr.
    let out = run(&s, &["suggest", "psa"]);
    assert!(stdout(&out).contains("ACME Corporation Ltd"));
    assert!(
        stderr(&out).contains(
            "5 suggestion(s) for 7 MSP org(s) without a mapping in psa (4 high, 1 medium, 0 low)"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        s.json(&["list", "--integration", "psa"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn the_json_output_is_an_apply_file() {
    let (s, _server) = prepared();
    let list = json_of(&run(&s, &["suggest", "psa", "-o", "json"]));
    let high: Vec<&Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["confidence"] == "high")
        .collect();
    let file = s.dir.path().join("high.json");
    std::fs::write(&file, serde_json::to_string(&high).unwrap()).unwrap();
    let applied = s.json(&["apply", "-f", file.to_str().unwrap()]);
    assert_eq!(applied["created"], 4, "{applied}");
    let again = json_of(&run(&s, &["suggest", "psa", "-o", "json"]));
    assert_eq!(summary(&again).len(), 1, "only the tie is left: {again}");
}

#[test]
fn apply_writes_at_or_above_the_confidence_through_the_apply_engine() {
    let (s, _server) = prepared();
    let plan = json_of(&run(
        &s,
        &[
            "suggest",
            "psa",
            "--apply",
            "--min-confidence",
            "medium",
            "--dry-run",
            "-o",
            "json",
        ],
    ));
    assert_eq!(
        (plan["dry_run"].clone(), plan["created"].clone()),
        (json!(true), json!(5))
    );
    assert_eq!(
        s.json(&["list", "--integration", "psa"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let out = run(&s, &["suggest", "psa", "--apply"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Applied: 4 created"),
        "{}",
        stdout(&out)
    );
    let mapped: Vec<String> = s
        .json(&["list", "--integration", "psa"])
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["org_id"].as_str().unwrap().to_owned())
        .collect();
    for org in ["acme", "contoso", "fabrikam", "globex", "hooli"] {
        assert!(mapped.contains(&org.to_owned()), "{org}: {mapped:?}");
    }
    assert!(
        !mapped.contains(&"umbrella".to_owned()),
        "a tie is not written"
    );
    let history = s.json(&["history", "--org", "acme", "--limit", "1"]);
    assert_eq!(history[0]["command"], "suggest");
    // Idempotent: nothing left at high.
    let again = run(&s, &["suggest", "psa", "--apply"]);
    assert!(
        stdout(&again).contains("Applied: 0 created"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn org_narrows_the_suggestions_and_an_unknown_one_is_exit_3() {
    let (s, _server) = prepared();
    let list = json_of(&run(
        &s,
        &[
            "suggest",
            "psa",
            "--org",
            "Acme Corp",
            "--org",
            "umbrella",
            "-o",
            "json",
        ],
    ));
    let orgs: Vec<String> = summary(&list).into_iter().map(|x| x.0).collect();
    assert_eq!(orgs, ["acme", "umbrella"]);
    let out = run(&s, &["suggest", "psa", "--org", "hooli", "-o", "json"]);
    assert_eq!(json_of(&out), json!([]));
    assert!(
        stderr(&out).contains("Hooli is already mapped in psa"),
        "{}",
        stderr(&out)
    );
    let out = run(&s, &["suggest", "psa", "--org", "nobody"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let out = run(&s, &["suggest", "psa", "--dry-run"]);
    assert_eq!(code(&out), 2, "--dry-run needs --apply: {}", stderr(&out));
}
