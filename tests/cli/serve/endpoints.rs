//! Every endpoint, as the seed's workflows and automations call them.

use serde_json::json;

use super::client::{Server, token};
use crate::common::Sandbox;
use crate::common::doubles::{Api, CLIENT_ID, CLIENT_SECRET, Double};

on_both_backends!(
    an_integrations_organizations_suggestions_and_test_come_through_its_api,
    the_workflow_calls_set_and_get_a_mapping_as_the_cli_does,
    tokens_and_scopes_are_checked_on_every_request,
    orgs_mappings_history_status_and_apply_answer_as_the_cli,
);

fn the_workflow_calls_set_and_get_a_mapping_as_the_cli_does(s: &Sandbox) {
    s.ok(&["orgs", "add", "--id", "acme", "--name", "Acme Corp"]);
    let write = token(s, "rewst", "write");
    let server = Server::start(s);
    let path = "/api/v1/orgs/Acme%20Corp/integrations/halopsa/mapping";
    // set_integration_mapping: created, then the same again is unchanged.
    let body = r#"{"external_org_id":"42","external_org_name":"ACME Corporation","mapping_data":{"site":"main"}}"#;
    let created = server.call("PUT", path, Some(&write), Some(body));
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.body["outcome"], "created");
    assert_eq!(created.body["external_org_id"], "42");
    assert_eq!(created.body["org_id"], "acme");
    assert_eq!(created.body["created_by"], "api:rewst", "{}", created.text);
    let again = server.call("PUT", path, Some(&write), Some(body));
    assert_eq!(
        (again.status, again.body["outcome"].clone()),
        (200, json!("unchanged"))
    );
    // get_integration_mapping: the CLI's `get -o json`, field for field.
    let got = server.call(
        "GET",
        "/api/v1/orgs/acme/integrations/halopsa/mapping",
        Some(&write),
        None,
    );
    assert_eq!(got.status, 200, "{}", got.text);
    assert_eq!(got.body, s.json(&["get", "acme", "halopsa"]));
    // Another record without a mode: 409, worded for the API.
    let other = server.call(
        "PUT",
        path,
        Some(&write),
        Some(r#"{"external_org_id":"43"}"#),
    );
    assert_eq!(other.status, 409, "{}", other.text);
    assert_eq!(other.body["error"]["kind"], "conflict");
    assert!(
        other.body["error"]["hint"]
            .as_str()
            .unwrap()
            .contains(r#""mode":"replace""#),
        "{}",
        other.text
    );
    let replaced = server.call(
        "PUT",
        path,
        Some(&write),
        Some(r#"{"external_org_id":"43","mode":"replace"}"#),
    );
    assert_eq!(replaced.status, 201, "{}", replaced.text);
    // Unmap by mapping id: the mapping as it is now; then get is 404.
    let id = replaced.body["mapping_id"].as_str().unwrap().to_owned();
    let gone = server.call(
        "DELETE",
        &format!("/api/v1/orgs/acme/integrations/halopsa/mappings/{id}"),
        Some(&write),
        None,
    );
    assert_eq!(gone.status, 200, "{}", gone.text);
    assert_eq!(gone.body["is_active"], false);
    let none = server.call(
        "GET",
        "/api/v1/orgs/acme/integrations/halopsa/mapping",
        Some(&write),
        None,
    );
    assert_eq!(none.status, 404, "{}", none.text);
    assert_eq!(none.body["error"]["kind"], "not_found");
    // The history names the token.
    let history = s.json(&["history", "--org", "acme"]);
    let actors: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["actor"].as_str().unwrap())
        .collect();
    assert!(
        !actors.is_empty() && actors.iter().all(|a| *a == "api:rewst"),
        "{history}"
    );
}

fn tokens_and_scopes_are_checked_on_every_request(s: &Sandbox) {
    s.ok(&["orgs", "add", "--id", "acme", "--name", "Acme Corp"]);
    let read = token(s, "dashboard", "read");
    let write = token(s, "ci", "write");
    let server = Server::start(s);
    let none = server.call("GET", "/api/v1/orgs", None, None);
    assert_eq!(none.status, 401);
    assert_eq!(none.headers["www-authenticate"], "Bearer");
    assert_eq!(none.body["error"]["kind"], "auth", "{}", none.text);
    let forged = format!("mapctl_{}", "0".repeat(64));
    let wrong = server.call("GET", "/api/v1/orgs", Some(&forged), None);
    assert_eq!(wrong.status, 401);
    assert!(!wrong.text.contains(&forged));
    // A store read runs while the token is checked: its answer never
    // reaches a client the check refuses.
    let held = server.call("GET", "/api/v1/orgs/acme", Some(&forged), None);
    assert_eq!(held.status, 401);
    assert!(!held.text.contains("Acme"), "{}", held.text);
    assert_eq!(
        server.call("GET", "/api/v1/orgs", Some(&read), None).status,
        200
    );
    // A read token writing: 403, nothing written.
    let denied = server.call(
        "PUT",
        "/api/v1/orgs/acme/integrations/halopsa/mapping",
        Some(&read),
        Some(r#"{"external_org_id":"42"}"#),
    );
    assert_eq!(denied.status, 403, "{}", denied.text);
    assert_eq!(s.json(&["list"]), json!([]));
    // Revoked: refused at once, by this server and any other.
    assert_eq!(
        server
            .call("GET", "/api/v1/orgs", Some(&write), None)
            .status,
        200
    );
    s.ok(&["tokens", "revoke", "ci"]);
    assert_eq!(
        server
            .call("GET", "/api/v1/orgs", Some(&write), None)
            .status,
        401
    );
    // Listed without the token, with its last use.
    let listed = s.json(&["tokens", "list"]);
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["name"], "dashboard");
    assert!(listed[0]["last_used_at"].is_string(), "{listed}");
    assert!(!listed.to_string().contains(&read));
    // A name in use is a conflict.
    let again = s.run(&["tokens", "create", "--name", "dashboard", "--scope", "read"]);
    assert_eq!(crate::common::code(&again), 4);
    // No token in the access log, in any form.
    let (code, log) = server.stop();
    assert_eq!(code, 0, "SIGTERM stops it cleanly: {log}");
    assert!(
        log.contains("request{method=GET path=/api/v1/orgs}: status=200 ms="),
        "{log}"
    );
    assert!(log.contains(" token=dashboard"), "{log}");
    for secret in [&read, &write, &forged] {
        assert!(
            !log.contains(secret.as_str()) && !log.contains(&secret[7..]),
            "{log}"
        );
    }
}

fn orgs_mappings_history_status_and_apply_answer_as_the_cli(s: &Sandbox) {
    let write = token(s, "n8n", "write");
    let server = Server::start(s);
    let t = Some(write.as_str());
    let added = server.call(
        "POST",
        "/api/v1/orgs",
        t,
        Some(r#"{"name":"Müller GmbH","id":"mueller","domains":["mueller.de"]}"#),
    );
    assert_eq!(added.status, 201, "{}", added.text);
    assert_eq!(
        server
            .call(
                "POST",
                "/api/v1/orgs",
                t,
                Some(r#"{"name":"Müller GmbH","id":"mueller","domains":["mueller.de"]}"#)
            )
            .status,
        200
    );
    let patched = server.call(
        "PATCH",
        "/api/v1/orgs/mueller",
        t,
        Some(r#"{"tenant_id":"6b1d0c4e-0000-4000-8000-0000000000b1"}"#),
    );
    assert_eq!(patched.status, 200, "{}", patched.text);
    assert_eq!(
        patched.body["tenant_id"],
        "6b1d0c4e-0000-4000-8000-0000000000b1"
    );
    assert_eq!(
        server.call("GET", "/api/v1/orgs", t, None).body,
        s.json(&["orgs", "list"])
    );
    let shown = server.call("GET", "/api/v1/orgs/mueller", t, None);
    assert_eq!(shown.body, s.json(&["orgs", "show", "mueller"]));
    // An apply file: a dry run writes nothing, then it is written.
    let file = r#"[{"org":"mueller","integration":"itglue","external_org_id":"7","external_org_name":"Müller"}]"#;
    let plan = server.call("POST", "/api/v1/apply?dry_run=true", t, Some(file));
    assert_eq!(plan.status, 200, "{}", plan.text);
    assert_eq!(plan.body["dry_run"], true, "{}", plan.text);
    assert_eq!(s.json(&["list"]), json!([]));
    let applied = server.call("POST", "/api/v1/apply", t, Some(file));
    assert_eq!(
        (applied.status, applied.body["created"].clone()),
        (200, json!(1)),
        "{}",
        applied.text
    );
    // Invalid records: 422 naming every one, nothing written.
    let bad = server.call(
        "POST",
        "/api/v1/apply",
        t,
        Some(r#"[{"org":"nobody","integration":"itglue","external_org_id":"8"},{"org":"mueller","integration":"nosuch","external_org_id":"9"}]"#),
    );
    assert_eq!(bad.status, 422, "{}", bad.text);
    assert_eq!(
        bad.body["error"]["details"].as_array().unwrap().len(),
        2,
        "{}",
        bad.text
    );
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 1);
    // Reads, each the CLI's JSON.
    assert_eq!(
        server.call("GET", "/api/v1/mappings", t, None).body,
        s.json(&["list"])
    );
    assert_eq!(
        server
            .call(
                "GET",
                "/api/v1/mappings?org=mueller&integration=itglue&all=true",
                t,
                None
            )
            .body,
        s.json(&[
            "list",
            "--org",
            "mueller",
            "--integration",
            "itglue",
            "--all"
        ])
    );
    assert_eq!(
        server
            .call("GET", "/api/v1/history?org=mueller", t, None)
            .body,
        s.json(&["history", "--org", "mueller"])
    );
    assert_eq!(
        server
            .call("GET", "/api/v1/status?integrations=itglue", t, None)
            .body,
        s.json(&["status", "itglue"])
    );
    assert_eq!(
        server
            .call("GET", "/api/v1/matrix?integrations=itglue", t, None)
            .body,
        s.json(&["status", "itglue", "--matrix"])
    );
    let integrations = server.call("GET", "/api/v1/integrations", t, None);
    assert_eq!(integrations.body, s.json(&["integrations"]));
    // A connection test of an unconfigured integration: a result, not a crash.
    let tested = server.call("POST", "/api/v1/integrations/halopsa/test", t, None);
    assert_eq!(
        (tested.status, tested.body["success"].clone()),
        (200, json!(false)),
        "{}",
        tested.text
    );
    assert_eq!(
        server.call("GET", "/healthz", None, None).body,
        json!({"status": "ok"})
    );
}

fn an_integrations_organizations_suggestions_and_test_come_through_its_api(s: &Sandbox) {
    let double = Double::start(Api::Halo, 3);
    s.write_config(&double.config());
    let name = double.orgs.lock().unwrap()[1].1.clone();
    s.ok(&["orgs", "add", "--id", "acme", "--name", &name]);
    let read = token(s, "dashboard", "read");
    let server = Server::start_env(
        s,
        &[],
        &[
            ("MAPCTL_HALOPSA_CLIENT_ID", CLIENT_ID),
            ("MAPCTL_HALOPSA_CLIENT_SECRET", CLIENT_SECRET),
        ],
        reqwest::Client::new(),
    );
    let t = Some(read.as_str());
    let listed = server.call(
        "GET",
        "/api/v1/integrations/halopsa/orgs?refresh=true",
        t,
        None,
    );
    assert_eq!(listed.status, 200, "{}", listed.text);
    assert_eq!(listed.body.as_array().unwrap().len(), 3, "{}", listed.text);
    let found = server.call(
        "GET",
        &format!(
            "/api/v1/integrations/halopsa/orgs?search={}",
            name.replace(' ', "%20")
        ),
        t,
        None,
    );
    assert_eq!(found.body[0]["name"], name, "{}", found.text);
    let proposed = server.call(
        "GET",
        "/api/v1/integrations/halopsa/suggestions?org=acme",
        t,
        None,
    );
    assert_eq!(proposed.status, 200, "{}", proposed.text);
    assert_eq!(
        proposed.body[0]["external_org_name"], name,
        "{}",
        proposed.text
    );
    assert_eq!(proposed.body[0]["confidence"], "high", "{}", proposed.text);
    // A suggestion writes nothing.
    assert_eq!(s.json(&["list"]), json!([]));
    let tested = server.call("POST", "/api/v1/integrations/halopsa/test", t, None);
    assert_eq!(
        tested.status, 403,
        "a read token may not test: {}",
        tested.text
    );
    let write = token(s, "ops", "write");
    let tested = server.call(
        "POST",
        "/api/v1/integrations/halopsa/test",
        Some(&write),
        None,
    );
    assert_eq!(
        (tested.status, tested.body["success"].clone()),
        (200, json!(true)),
        "{}",
        tested.text
    );
    assert!(tested.body["latency_ms"].is_u64());
    // The credentials never come back, in any answer.
    for answer in [&listed, &proposed, &tested] {
        assert!(!answer.text.contains(CLIENT_SECRET));
    }
    let bad = server.call("GET", "/api/v1/integrations/nosuch/orgs", t, None);
    assert_eq!(
        (bad.status, bad.body["error"]["kind"].clone()),
        (404, json!("not_found")),
        "{}",
        bad.text
    );
}
