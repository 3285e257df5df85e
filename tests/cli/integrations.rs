//! Discovery, verification, test-connection and credentials against test
//! doubles of HaloPSA, NinjaOne and Microsoft Graph (tests/cli/common/doubles.rs).

use std::sync::atomic::Ordering;

use crate::common::doubles::{Api, CLIENT_ID, CLIENT_SECRET, Double, org_name};
use crate::common::{Sandbox, code, keys, stderr, stdout};
use mapctl_core::store::{INTEGRATION_INDEX, ORG_INDEX, Value as Prop};
use serde_json::{Value, json};

fn env_prefix(api: Api) -> &'static str {
    match api {
        Api::Halo => "MAPCTL_HALOPSA",
        Api::Ninja => "MAPCTL_NINJAONE",
        Api::Graph => "MAPCTL_MICROSOFT_GRAPH",
    }
}

/// Runs mapctl with the double's credentials in the environment.
fn run(s: &Sandbox, d: &Double, args: &[&str]) -> std::process::Output {
    let p = env_prefix(d.api);
    s.cmd()
        .env(format!("{p}_CLIENT_ID"), CLIENT_ID)
        .env(format!("{p}_CLIENT_SECRET"), CLIENT_SECRET)
        .args(args)
        .output()
        .unwrap()
}

fn json_of(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

fn setup(api: Api, n: usize, extra_config: &str) -> (Sandbox, Double) {
    let d = Double::start(api, n);
    let s = Sandbox::new();
    s.write_config(&format!("{}{extra_config}", d.config()));
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    (s, d)
}

#[test]
fn halopsa_pages_are_fetched_by_number_concurrently_once_the_count_is_known() {
    let (s, d) = setup(Api::Halo, 2500, "");
    let list = json_of(&run(&s, &d, &["discover", "halopsa", "-o", "json"]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2500);
    assert_eq!(
        list[0].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["id", "name", "metadata", "mapped_to"]
    );
    let names: Vec<&str> = list.iter().map(|o| o["name"].as_str().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted, "sorted by name");
    let one = list.iter().find(|o| o["id"] == "42").unwrap();
    assert_eq!(one["name"], org_name(42));
    assert_eq!(one["metadata"]["toplevel_name"], "Top Level");
    let mut pages: Vec<String> = d
        .calls("/api/Client")
        .iter()
        .map(|r| {
            format!(
                "{}/{}/{}",
                r.param("page_no").unwrap(),
                r.param("page_size").unwrap(),
                r.param("pageinate").unwrap()
            )
        })
        .collect();
    pages.sort();
    assert_eq!(pages, ["1/1000/true", "2/1000/true", "3/1000/true"]);
    assert_eq!(d.token_requests(), 1, "one token for the run");
}

#[test]
fn ninjaone_pages_by_keyset_until_a_short_page() {
    let (s, d) = setup(Api::Ninja, 2345, "");
    let list = json_of(&run(&s, &d, &["discover", "ninjarmm", "-o", "json"]));
    assert_eq!(list.as_array().unwrap().len(), 2345);
    let afters: Vec<Option<String>> = d
        .calls("/v2/organizations")
        .iter()
        .map(|r| r.param("after").map(str::to_owned))
        .collect();
    assert_eq!(afters, [None, Some("1000".into()), Some("2000".into())]);
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|o| o["metadata"]["description"].as_str().is_some())
    );
}

#[test]
fn graph_follows_next_links_and_uses_the_customer_tenant_id() {
    let (s, d) = setup(Api::Graph, 250, "");
    let list = json_of(&run(&s, &d, &["discover", "m365", "-o", "json"]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 250);
    let skips: Vec<Option<String>> = d
        .calls("/v1.0/contracts")
        .iter()
        .map(|r| r.param("$skiptoken").map(str::to_owned))
        .collect();
    assert_eq!(
        skips,
        [None, Some("100".into()), Some("200".into())],
        "nextLink followed verbatim"
    );
    let t = crate::common::doubles::graph_tenant_id(7);
    let seven = list
        .iter()
        .find(|o| o["id"] == t.as_str())
        .expect("the external id is the customer tenant id");
    assert_eq!(
        seven["metadata"]["default_domain"],
        "customer6.onmicrosoft.com"
    );

    // GDAP as the source.
    s.write_config(&format!("{}source = \"gdap\"\n", d.config()));
    let gdap = json_of(&run(
        &s,
        &d,
        &["discover", "m365", "--refresh", "-o", "json"],
    ));
    assert_eq!(gdap.as_array().unwrap().len(), 250);
    assert!(
        d.calls("/v1.0/tenantRelationships/delegatedAdminCustomers")
            .iter()
            .all(|r| r.target.contains("%24top=300") || r.target.contains("$top=300"))
    );
}

#[test]
fn a_wrong_secret_is_exit_5_with_the_service_reason_and_never_the_secret() {
    let (s, _d) = setup(Api::Graph, 5, "");
    for args in [
        vec!["discover", "m365"],
        vec!["-vvv", "discover", "m365"],
        vec!["discover", "m365", "-o", "json"],
    ] {
        let out = s
            .cmd()
            .env("MAPCTL_MICROSOFT_GRAPH_CLIENT_ID", CLIENT_ID)
            .env("MAPCTL_MICROSOFT_GRAPH_CLIENT_SECRET", "wrong-secret-value")
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(code(&out), 5, "{args:?}: {}", stderr(&out));
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(all.contains("AADSTS7000215"), "{all}");
        assert!(
            all.contains("MAPCTL_MICROSOFT_GRAPH_CLIENT_SECRET"),
            "names where the secret came from: {all}"
        );
        assert!(!all.contains("wrong-secret-value"), "{all}");
    }
    // test-connection does not suggest running test-connection.
    let out = s
        .cmd()
        .env("MAPCTL_MICROSOFT_GRAPH_CLIENT_ID", CLIENT_ID)
        .env("MAPCTL_MICROSOFT_GRAPH_CLIENT_SECRET", "wrong-secret-value")
        .args(["test-connection", "m365"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("mapctl test-connection"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("MAPCTL_MICROSOFT_GRAPH_CLIENT_SECRET"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn throttling_and_outages_are_retried_and_expired_tokens_renewed() {
    let (s, d) = setup(Api::Graph, 150, "[cache]\nttl_seconds = 0\n");
    d.faults.throttle.store(1, Ordering::SeqCst);
    let out = run(&s, &d, &["-vvv", "discover", "m365", "-o", "json"]);
    assert_eq!(json_of(&out).as_array().unwrap().len(), 150);
    assert!(stderr(&out).contains("-> 429"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("retrying in 1000 ms"),
        "Retry-After honoured: {}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains(CLIENT_SECRET) && !stderr(&out).contains("Graph-access-token"),
        "no secrets or tokens in traces"
    );

    d.faults.unavailable.store(2, Ordering::SeqCst);
    assert_eq!(
        json_of(&run(&s, &d, &["discover", "m365", "-o", "json"]))
            .as_array()
            .unwrap()
            .len(),
        150
    );

    let before = d.token_requests();
    d.faults.token_uses.store(1, Ordering::SeqCst);
    assert_eq!(
        json_of(&run(&s, &d, &["discover", "m365", "-o", "json"]))
            .as_array()
            .unwrap()
            .len(),
        150
    );
    assert!(
        d.token_requests() >= before + 2,
        "a 401 renews the token once"
    );

    d.faults.token_uses.store(0, Ordering::SeqCst);
    d.faults.unavailable.store(100, Ordering::SeqCst);
    let out = run(&s, &d, &["discover", "m365"]);
    assert_eq!(
        code(&out),
        6,
        "still unavailable after retries: {}",
        stderr(&out)
    );
}

#[test]
fn a_dead_port_is_exit_6() {
    let refusing = crate::common::refusing_port();
    let port = refusing.port;
    let s = Sandbox::new();
    s.write_config(&format!(
        "[integrations.halopsa]\nbase_url = \"http://127.0.0.1:{port}\"\n"
    ));
    let out = s
        .cmd()
        .env("MAPCTL_HALOPSA_CLIENT_ID", "x")
        .env("MAPCTL_HALOPSA_CLIENT_SECRET", "y")
        .args(["test-connection", "halopsa", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["success"], false);
}

#[test]
fn discovery_is_cached_with_notices_and_refresh() {
    let (s, d) = setup(Api::Halo, 30, "");
    run(&s, &d, &["discover", "halopsa"]);
    let calls = d.calls("/api/Client").len();
    let out = run(&s, &d, &["discover", "halopsa", "-o", "json"]);
    assert_eq!(json_of(&out).as_array().unwrap().len(), 30);
    assert_eq!(d.calls("/api/Client").len(), calls, "served from the cache");
    assert!(
        stderr(&out).contains("cached") && stderr(&out).contains("--refresh"),
        "{}",
        stderr(&out)
    );
    run(&s, &d, &["discover", "halopsa", "--refresh"]);
    assert!(d.calls("/api/Client").len() > calls);

    // An expired cache is still shown, with its age, when the API is down.
    // The cache is made two hours old instead of waiting for it to age.
    let file = s.path("cache/mapctl/discovery/halopsa.json");
    let mut entry: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    entry["fetched_at"] = json!(entry["fetched_at"].as_u64().unwrap() - 7200);
    std::fs::write(&file, entry.to_string()).unwrap();
    d.faults.unavailable.store(1000, Ordering::SeqCst);
    let out = run(&s, &d, &["discover", "halopsa", "-o", "json"]);
    assert_eq!(json_of(&out).as_array().unwrap().len(), 30);
    assert!(
        stderr(&out).contains("showing the cached discovery of 2 h ago"),
        "{}",
        stderr(&out)
    );
    // Asked for fresh data, it is not given old data in silence: exit 6,
    // unless --allow-stale says old data will do.
    let out = run(&s, &d, &["discover", "halopsa", "--refresh", "-o", "json"]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "nothing printed as if fresh");
    let out = run(
        &s,
        &d,
        &[
            "discover",
            "halopsa",
            "--refresh",
            "--allow-stale",
            "-o",
            "json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json_of(&out).as_array().unwrap().len(), 30);
    assert!(
        stderr(&out).contains("cached discovery"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn discover_shows_who_is_mapped_and_filters() {
    let (s, d) = setup(Api::Halo, 40, "");
    run(&s, &d, &["map", "acme", "halopsa", "--external-id", "12"]);
    let list = json_of(&run(&s, &d, &["discover", "halopsa", "-o", "json"]));
    let twelve = list
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "12")
        .unwrap();
    assert_eq!(twelve["mapped_to"], json!(["acme"]));
    let unmapped = json_of(&run(
        &s,
        &d,
        &["discover", "halopsa", "--unmapped", "-o", "json"],
    ));
    assert_eq!(unmapped.as_array().unwrap().len(), 39);
    let found = json_of(&run(
        &s,
        &d,
        &["discover", "halopsa", "--search", "HOOLI", "-o", "json"],
    ));
    assert!(
        found
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["name"].as_str().unwrap().starts_with("Hooli"))
    );
    assert_eq!(found.as_array().unwrap().len(), 5);
    let table = stdout(&run(&s, &d, &["discover", "halopsa", "--search", "00012"]));
    assert!(
        table.contains("Acme Corp"),
        "the table names the MSP org: {table}"
    );
}

#[test]
fn map_verifies_the_external_org_and_fills_its_name() {
    let (s, d) = setup(Api::Ninja, 20, "[cache]\nttl_seconds = 0\n");
    let m = json_of(&run(
        &s,
        &d,
        &[
            "map",
            "acme",
            "ninjaone",
            "--external-id",
            "7",
            "-o",
            "json",
        ],
    ));
    assert_eq!(m["external_org_name"], org_name(7));
    assert_eq!(
        d.calls("/v2/organization/7").len(),
        1,
        "one record fetched, no listing"
    );
    let out = run(
        &s,
        &d,
        &["map", "acme", "ninjaone", "--external-id", "999", "--add"],
    );
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no organization with id 999")
            && stderr(&out).contains("--no-verify")
    );
    assert_eq!(s.raw_rows(ORG_INDEX).len(), 1, "nothing written");
    let m = json_of(&run(
        &s,
        &d,
        &[
            "map",
            "acme",
            "ninjaone",
            "--external-id",
            "999",
            "--add",
            "--no-verify",
            "--name",
            "Later",
            "-o",
            "json",
        ],
    ));
    assert_eq!(m["external_org_name"], "Later");
}

#[test]
fn test_connection_reports_checks_and_records_results_on_both_rows() {
    let (s, d) = setup(Api::Halo, 20, "[cache]\nttl_seconds = 0\n");
    let r = json_of(&run(&s, &d, &["test-connection", "halopsa", "-o", "json"]));
    assert_eq!(
        r.as_object().unwrap().keys().collect::<Vec<_>>(),
        [
            "integration_name",
            "org_id",
            "mapping_id",
            "success",
            "message",
            "details",
            "latency_ms"
        ]
    );
    assert_eq!(
        (r["success"].clone(), r["org_id"].clone()),
        (json!(true), Value::Null)
    );
    assert!(r["latency_ms"].as_u64().is_some());
    let probe = d.calls("/api/Client");
    assert_eq!(
        (probe[0].param("page_size"), probe[0].param("page_no")),
        (Some("1"), Some("1")),
        "the cheap call"
    );

    run(&s, &d, &["map", "acme", "halopsa", "--external-id", "5"]);
    run(
        &s,
        &d,
        &["map", "acme", "halopsa", "--external-id", "6", "--add"],
    );
    d.orgs.lock().unwrap().retain(|(id, _)| id != "6");
    let out = run(
        &s,
        &d,
        &["test-connection", "halopsa", "Acme Corp", "-o", "json"],
    );
    assert_eq!(
        code(&out),
        3,
        "a mapping that no longer resolves: {}",
        stderr(&out)
    );
    let results: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results.iter().filter(|r| r["success"] == false).count(), 1);
    for table in [ORG_INDEX, INTEGRATION_INDEX] {
        for row in s.raw_rows(table) {
            assert!(
                matches!(row.properties.get("LastTestedAt"), Some(Prop::String(_))),
                "{table}"
            );
            let Some(Prop::String(result)) = row.properties.get("LastTestResult") else {
                panic!("{table}: no result")
            };
            let expect = if row.str("ExternalOrgId") == Some("6") {
                "failed"
            } else {
                "ok"
            };
            assert!(result.starts_with(expect), "{table}: {result}");
        }
    }
    assert_eq!(
        json_of(&run(&s, &d, &["doctor", "-o", "json"]))["healthy"],
        true
    );
    let history = s.json(&["history", "--org", "acme", "--limit", "2"]);
    for row in history.as_array().unwrap() {
        assert_eq!(
            (row["action"].as_str(), row["command"].as_str()),
            (Some("test"), Some("test-connection")),
            "{row}"
        );
        assert!(row["after"]["LastTestResult"].is_string(), "{row}");
    }
    let got = s.json(&[
        "get",
        "acme",
        "halopsa",
        "--mapping-id",
        &mapctl_core::model::mapping_id("acme", "halopsa", "5"),
    ]);
    assert!(got["last_test_result"].as_str().unwrap().starts_with("ok"));

    let out = s
        .cmd()
        .env("MAPCTL_HALOPSA_CLIENT_ID", CLIENT_ID)
        .env("MAPCTL_HALOPSA_CLIENT_SECRET", "nope")
        .args(["test-connection", "halopsa", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 5);
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap()["success"],
        false
    );
}

#[test]
fn credentials_come_from_env_then_secrets_file_then_config() {
    use std::os::unix::fs::PermissionsExt;
    let d = Double::start(Api::Halo, 3);
    let s = Sandbox::new();
    let secrets = s.path("secrets.toml");
    std::fs::write(
        &secrets,
        format!(
            "halopsa-client-id = \"{CLIENT_ID}\"\nhalopsa-client-secret = \"{CLIENT_SECRET}\"\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&secrets, std::fs::Permissions::from_mode(0o600)).unwrap();
    s.write_config(&format!(
        "{}client_id = \"wrong\"\n[secrets]\nbackend = \"file\"\nfile = {:?}\n",
        d.config(),
        secrets.to_str().unwrap()
    ));
    // The file wins over the config's plain value.
    assert_eq!(code(&s.run(&["test-connection", "halopsa"])), 0);
    // The environment wins over the file.
    let out = s
        .cmd()
        .env("MAPCTL_HALOPSA_CLIENT_SECRET", "from-env-and-wrong")
        .args(["test-connection", "halopsa"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 5);
    assert!(
        stderr(&out).contains("MAPCTL_HALOPSA_CLIENT_SECRET"),
        "{}",
        stderr(&out)
    );
    // A secrets file others can read is refused.
    std::fs::set_permissions(&secrets, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = s.run(&["test-connection", "halopsa"]);
    assert_eq!(code(&out), 5);
    assert!(stderr(&out).contains("chmod 600"), "{}", stderr(&out));
    assert!(!stderr(&out).contains(CLIENT_SECRET));
}

#[test]
fn missing_credentials_name_every_place_that_would_do() {
    let (s, _d) = setup(Api::Halo, 3, "");
    let out = s.run(&["discover", "halopsa"]);
    assert_eq!(code(&out), 5);
    let err = stderr(&out);
    for place in [
        "MAPCTL_HALOPSA_CLIENT_ID",
        "halopsa-client-id",
        "integrations.halopsa.client_id",
    ] {
        assert!(err.contains(place), "{place}: {err}");
    }
    let list = s.json(&["integrations"]);
    assert_eq!(
        list[0]["configured"], false,
        "no credentials, not configured"
    );
    assert_eq!(list[0]["discovery"], true);
}

#[test]
fn a_declared_integration_needs_no_code() {
    // A Hudu-like API: an API key header, page numbers, a short page is the last.
    let server = crate::common::http::Server::start(std::sync::Arc::new(
        |r: &crate::common::http::Request| {
            use crate::common::http::Response;
            if r.header("x-api-key") != Some("hudu-key") {
                return Response::json(401, json!({"error": "Invalid API key"}));
            }
            let page: usize = r.param("page").and_then(|p| p.parse().ok()).unwrap_or(1);
            let size: usize = r
                .param("page_size")
                .and_then(|p| p.parse().ok())
                .unwrap_or(25);
            let companies: Vec<Value> = (1..=57usize)
                .skip((page - 1) * size)
                .take(size)
                .map(|i| json!({"id": i, "name": format!("Company {i:02}"), "nickname": "c"}))
                .collect();
            Response::json(200, json!({"companies": companies}))
        },
    ));
    let s = Sandbox::new();
    s.write_declaration(
        "hudu",
        r#"
display_name = "Hudu"

[settings.base_url]
required = true
url = true

[auth]
kind = "none"

[headers]
x-api-key = "{credential:api_key}"

[[list]]
path = "/api/v1/companies"
items = "/companies"
paging = { kind = "page_number", page_param = "page", size_param = "page_size", size = 25, stop = "short_page" }

[list.record]
id = "/id"
name = "/name"
metadata = { nickname = "/nickname" }

[test]
path = "/api/v1/companies?page_size=1"
"#,
    );
    s.write_config(&format!(
        "[integrations.hudu]\nbase_url = \"{}\"\npage_size = 25\n",
        server.url()
    ));
    s.ok(&["orgs", "add", "--name", "Acme", "--id", "acme"]);
    let out = s
        .cmd()
        .env("MAPCTL_HUDU_API_KEY", "hudu-key")
        .args(["discover", "hudu", "-o", "json"])
        .output()
        .unwrap();
    let list = json_of(&out);
    assert_eq!(list.as_array().unwrap().len(), 57);
    assert_eq!(server.requests("/api/v1/companies").len(), 3);
    let integrations = s
        .cmd()
        .env("MAPCTL_HUDU_API_KEY", "hudu-key")
        .args(["integrations", "-o", "json"])
        .output()
        .unwrap();
    let hudu = json_of(&integrations)
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "hudu")
        .cloned()
        .unwrap();
    assert_eq!(
        (
            hudu["discovery"].clone(),
            hudu["configured"].clone(),
            hudu["display_name"].clone()
        ),
        (json!(true), json!(true), json!("Hudu"))
    );
    let out = s
        .cmd()
        .env("MAPCTL_HUDU_API_KEY", "hudu-key")
        .args(["map", "acme", "hudu", "--external-id", "9", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(json_of(&out)["external_org_name"], "Company 09");
}

#[test]
fn plain_http_is_refused_except_on_loopback() {
    let s = Sandbox::new();
    s.write_config("[integrations.halopsa]\nbase_url = \"http://acme.halopsa.example\"\n");
    let out = s
        .cmd()
        .env("MAPCTL_HALOPSA_CLIENT_ID", "a")
        .env("MAPCTL_HALOPSA_CLIENT_SECRET", "b")
        .args(["discover", "halopsa"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 7);
    assert!(stderr(&out).contains("must use https"), "{}", stderr(&out));
}

#[test]
fn apply_verify_checks_every_external_id_against_discovery() {
    let (s, d) = setup(Api::Halo, 30, "");
    let file = s.path("m.json");
    std::fs::write(&file, r#"[{"org":"acme","integration":"halopsa","external_org_id":"3"},{"org":"acme","integration":"halopsa","external_org_id":"31"},{"org":"acme","integration":"halopsa","external_org_id":"4"}]"#).unwrap();
    let f = file.to_str().unwrap();
    // Without --verify nothing is called: CI seeds offline.
    let out = run(&s, &d, &["apply", "-f", f, "--dry-run"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(d.calls("/api/Client").is_empty());
    let out = run(&s, &d, &["apply", "-f", f, "--verify"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("record 2: halopsa has no organization with id 31"),
        "{}",
        stderr(&out)
    );
    assert!(s.raw_rows(ORG_INDEX).is_empty(), "nothing written");
    std::fs::write(&file, r#"[{"org":"acme","integration":"halopsa","external_org_id":"3"},{"org":"acme","integration":"halopsa","external_org_id":"4"}]"#).unwrap();
    let r = json_of(&run(&s, &d, &["apply", "-f", f, "--verify", "-o", "json"]));
    assert_eq!(r["created"], 2);
}

/// Every byte a run leaves behind: its output and the rows it stored.
fn everything(s: &Sandbox, outs: &[std::process::Output]) -> String {
    let mut all: String = outs
        .iter()
        .map(|o| format!("{}{}", stdout(o), stderr(o)))
        .collect();
    for table in [ORG_INDEX, INTEGRATION_INDEX] {
        for row in s.raw_rows(table) {
            all.push_str(&format!("{:?}", row.properties));
        }
    }
    all
}

#[test]
fn a_token_endpoint_that_echoes_the_form_never_shows_the_secret() {
    let (s, d) = setup(Api::Halo, 5, "[cache]\nttl_seconds = 0\n");
    d.faults.echo_token.store(true, Ordering::SeqCst);
    let mut outs = Vec::new();
    for args in [
        &["discover", "halopsa"][..],
        &["discover", "halopsa", "-vvv"],
        &["discover", "halopsa", "-o", "json"],
        &["test-connection", "halopsa"],
        &["test-connection", "halopsa", "-o", "json", "-vvv"],
        &["map", "acme", "halopsa", "--external-id", "2"],
    ] {
        let out = run(&s, &d, args);
        assert_eq!(code(&out), 5, "{args:?}: {}", stderr(&out));
        outs.push(out);
    }
    let all = everything(&s, &outs);
    assert!(
        all.contains("could not parse the request body"),
        "the server's message is still quoted: {all}"
    );
    assert!(!all.contains(CLIENT_SECRET), "{all}");
    assert!(all.contains("client_secret=***"), "{all}");
}

#[test]
fn an_api_that_echoes_the_bearer_token_never_shows_or_stores_it() {
    let (s, d) = setup(Api::Halo, 5, "[cache]\nttl_seconds = 0\n");
    run(&s, &d, &["map", "acme", "halopsa", "--external-id", "2"]);
    *d.faults.echo_api.lock().unwrap() = Some("/api/Client".into());
    let mut outs = Vec::new();
    for args in [
        &["discover", "halopsa", "-vvv"][..],
        &["discover", "halopsa", "-o", "json"],
        &["map", "acme", "halopsa", "--external-id", "3", "--add"],
        &["test-connection", "halopsa", "-vvv"],
    ] {
        let out = run(&s, &d, args);
        assert_eq!(code(&out), 6, "{args:?}: {}", stderr(&out));
        outs.push(out);
    }
    // The connection check passes; resolving the mapping echoes the token,
    // and that result is stored on both rows.
    *d.faults.echo_api.lock().unwrap() = Some("/api/Client/".into());
    let out = run(
        &s,
        &d,
        &["test-connection", "halopsa", "acme", "-o", "json"],
    );
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    outs.push(out);
    let first = stderr(&outs[0]);
    assert!(
        first.contains("answered 500 (") && !first.contains("attempts"),
        "a 500 is not retried, and the message says so: {first}"
    );
    let all = everything(&s, &outs);
    assert!(all.contains("Authorization: Bearer ***"), "{all}");
    assert!(!all.contains("Halo-access-token-"), "{all}");
    assert!(!all.contains(CLIENT_SECRET), "{all}");
    let stored = s.raw_rows(ORG_INDEX)[0]
        .str("LastTestResult")
        .map(str::to_owned);
    assert!(
        stored.as_deref().is_some_and(|r| r.contains("***")),
        "{stored:?}"
    );
}

#[test]
fn control_characters_from_an_api_are_kept_as_data_and_escaped_on_terminals() {
    let (s, d) = setup(Api::Halo, 5, "[cache]\nttl_seconds = 0\n");
    let hostile = "Evil\tCorp\u{1b}]0;pwned\u{7}\u{1b}[2J";
    d.orgs.lock().unwrap()[1].1 = hostile.to_owned();
    let raw_escape = |o: &std::process::Output| {
        stdout(o)
            .chars()
            .chain(stderr(o).chars())
            .any(|c| c.is_control() && c != '\n')
    };
    let table = run(&s, &d, &["discover", "halopsa"]);
    assert!(table.status.success(), "{}", stderr(&table));
    assert!(!raw_escape(&table), "{:?}", stdout(&table));
    assert!(
        stdout(&table).contains("Evil\\tCorp\\u{1b}]0;pwned"),
        "{}",
        stdout(&table)
    );
    let json = json_of(&run(&s, &d, &["discover", "halopsa", "-o", "json"]));
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .any(|o| o["name"] == hostile)
    );
    // Mapping it, and mapping it again, are not the user's fault.
    for _ in 0..2 {
        let out = run(&s, &d, &["map", "acme", "halopsa", "--external-id", "2"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(!raw_escape(&out), "{:?}", stderr(&out));
    }
    for args in [&["list"][..], &["get", "acme", "halopsa"]] {
        let out = s.run(args);
        assert!(
            out.status.success() && !raw_escape(&out),
            "{:?}",
            stdout(&out)
        );
    }
    assert_eq!(
        s.json(&["get", "acme", "halopsa"])["external_org_name"],
        hostile
    );
    // An export with that name applies again.
    let export = s.ok(&["export", "-o", "json"]);
    let file = s.path("export.json");
    std::fs::write(&file, &export.stdout).unwrap();
    let plan = s.json(&["apply", "-f", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(plan["unchanged"], 1, "{plan}");
}

#[test]
fn ignored_external_orgs_are_named_from_the_cache_and_left_out_of_unmapped() {
    let (s, d) = setup(Api::Halo, 6, "");
    run(&s, &d, &["discover", "halopsa"]);
    run(&s, &d, &["map", "acme", "halopsa", "--external-id", "1"]);
    let out = json_of(&run(
        &s,
        &d,
        &["ignore", "halopsa", "--external-id", "2", "-o", "json"],
    ));
    assert_eq!(
        out[0]["external_org_name"],
        org_name(2),
        "named from the cached discovery"
    );
    let unmapped = json_of(&run(
        &s,
        &d,
        &["discover", "halopsa", "--unmapped", "-o", "json"],
    ));
    let ids: Vec<&str> = unmapped
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids.len(),
        4,
        "6 less the mapped one and the ignored one: {ids:?}"
    );
    assert!(!ids.contains(&"1") && !ids.contains(&"2"));
}

#[test]
fn sync_names_updates_renamed_external_orgs_on_both_rows_with_history() {
    let (s, d) = setup(Api::Halo, 6, "");
    run(&s, &d, &["map", "acme", "halopsa", "--external-id", "5"]);
    run(&s, &d, &["discover", "halopsa"]);
    d.orgs.lock().unwrap()[4].1 = "Renamed Holdings".into();
    // The cache still has the old name; --refresh asks the API.
    let cached = json_of(&run(&s, &d, &["sync-names", "--dry-run", "-o", "json"]));
    assert_eq!(cached.as_array().unwrap().len(), 0, "{cached}");
    let plan = json_of(&run(
        &s,
        &d,
        &["sync-names", "--refresh", "--dry-run", "-o", "json"],
    ));
    assert_eq!(plan[0]["stored_name"], org_name(5));
    assert_eq!(plan[0]["current_name"], "Renamed Holdings");
    assert_eq!(
        s.json(&["get", "acme", "halopsa"])["external_org_name"],
        org_name(5),
        "dry run"
    );
    let done = run(&s, &d, &["sync-names", "halopsa", "--refresh"]);
    assert!(
        stderr(&done).contains("Updated 1 name"),
        "{}",
        stderr(&done)
    );
    assert_eq!(
        s.json(&["get", "acme", "halopsa"])["external_org_name"],
        "Renamed Holdings"
    );
    assert_eq!(
        json_of(&run(&s, &d, &["doctor", "-o", "json"]))["healthy"],
        true,
        "both index rows"
    );
    let again = json_of(&run(&s, &d, &["sync-names", "-o", "json"]));
    assert_eq!(again.as_array().unwrap().len(), 0, "idempotent");
    let history = s.json(&["history", "--org", "acme", "--limit", "1"]);
    assert_eq!(history[0]["command"], "sync-names");
    assert_eq!(history[0]["after"]["ExternalOrgName"], "Renamed Holdings");
}

#[test]
fn status_reports_coverage_and_drift_and_check_fails_on_drift() {
    let (s, d) = setup(Api::Halo, 5, "");
    s.ok(&["orgs", "add", "--name", "Globex", "--id", "globex"]);
    run(&s, &d, &["map", "acme", "halopsa", "--external-id", "1"]);
    run(&s, &d, &["map", "globex", "halopsa", "--external-id", "2"]);
    run(&s, &d, &["ignore", "halopsa", "--external-id", "3"]);
    d.orgs.lock().unwrap().retain(|(id, _)| id != "2");
    d.orgs.lock().unwrap()[0].1 = "Acme Renamed".into();
    let out = run(&s, &d, &["status", "halopsa", "--refresh", "-o", "json"]);
    let report = json_of(&out);
    let st = &report[0];
    assert_eq!(
        keys(st),
        [
            "integration",
            "state",
            "coverage",
            "orgs_without_mapping",
            "excluded_orgs",
            "stale",
            "renamed",
            "open_records",
            "ignored",
            "external_orgs",
            "invalid_records",
            "discovered_at"
        ]
    );
    assert_eq!(st["state"], "ok");
    assert_eq!(
        st["coverage"],
        json!({"mapped_orgs": 2, "orgs": 2, "excluded": 0})
    );
    assert_eq!(
        (&st["external_orgs"], &st["ignored"], &st["open_records"]),
        (&json!(4), &json!(1), &json!(2))
    );
    assert_eq!(st["stale"][0]["external_org_id"], "2");
    assert_eq!(st["stale"][0]["org_id"], "globex");
    assert_eq!(st["renamed"][0]["current_name"], "Acme Renamed");
    assert_eq!(st["orgs_without_mapping"], json!([]));
    let check = run(&s, &d, &["status", "--check"]);
    assert_eq!(code(&check), 4, "{}", stderr(&check));
    assert!(stdout(&check).contains("halopsa") && stdout(&check).contains('%'));
    assert!(
        stderr(&check).contains("halopsa: 1 stale, 1 renamed"),
        "open records are not drift: {}",
        stderr(&check)
    );

    // Mended: the renamed synced, the stale unmapped and mapped again.
    // Two open records are left: --check passes, --check-records does not.
    run(&s, &d, &["sync-names"]);
    s.ok(&["unmap", "globex", "halopsa", "--yes"]);
    run(&s, &d, &["map", "globex", "halopsa", "--external-id", "4"]);
    let ok = run(&s, &d, &["status", "halopsa", "--check", "-o", "json"]);
    assert_eq!(code(&ok), 0, "{}", stderr(&ok));
    let strict = run(&s, &d, &["status", "halopsa", "--check-records"]);
    assert_eq!(code(&strict), 4, "{}", stderr(&strict));
    assert!(
        stderr(&strict).contains("halopsa: 1 open record(s)"),
        "{}",
        stderr(&strict)
    );
    run(&s, &d, &["ignore", "halopsa", "--external-id", "5"]);
    let ok = run(&s, &d, &["status", "halopsa", "--check-records"]);
    assert_eq!(code(&ok), 0, "{}", stderr(&ok));
}

#[test]
fn one_record_is_looked_up_by_an_encoded_path_segment() {
    let (s, d) = setup(Api::Halo, 3, "[cache]\nttl_seconds = 0\n");
    d.orgs
        .lock()
        .unwrap()
        .push(("a b/c".into(), "Odd Id Ltd".into()));
    let out = run(
        &s,
        &d,
        &[
            "map",
            "acme",
            "halopsa",
            "--external-id",
            "a b/c",
            "-o",
            "json",
        ],
    );
    assert_eq!(json_of(&out)["external_org_name"], "Odd Id Ltd");
    assert_eq!(
        d.calls("/api/Client/a%20b%2Fc").len(),
        1,
        "one segment, encoded"
    );
    // `..` would climb to the listing: it names no record, and nothing is asked.
    let before = d.calls("/api/Client").len();
    let out = run(
        &s,
        &d,
        &["map", "acme", "halopsa", "--external-id", "..", "--add"],
    );
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert_eq!(d.calls("/api/Client").len(), before);
}

#[test]
fn a_next_page_on_another_origin_is_refused_and_gets_no_credentials() {
    let (s, d) = setup(Api::Graph, 250, "[cache]\nttl_seconds = 0\n");
    let elsewhere = crate::common::http::Server::start(std::sync::Arc::new(|_| {
        crate::common::http::Response::json(200, json!({"value": []}))
    }));
    *d.faults.next_link_base.lock().unwrap() = Some(elsewhere.url());
    let out = run(&s, &d, &["discover", "m365"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(stderr(&out).contains("another origin"), "{}", stderr(&out));
    assert!(
        elsewhere.log.lock().unwrap().is_empty(),
        "no request, so no token, went there"
    );
}

#[test]
fn a_server_claiming_absurd_counts_is_refused_before_paging() {
    let (s, d) = setup(Api::Halo, 3, "[cache]\nttl_seconds = 0\n");
    d.faults
        .claim_count
        .store(1_000_000_000_000, Ordering::SeqCst);
    let out = run(&s, &d, &["discover", "halopsa"]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("claims 1000000000000 records"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        d.calls("/api/Client").len(),
        1,
        "only the first page was asked for"
    );
}

/// A token that lives 30 s is reused for 27 s, not renewed before every
/// page (sign-in endpoints rate-limit and lock accounts); a negative
/// lifetime is a bad token answer (exit 5).
#[test]
fn a_short_lived_token_is_reused_and_a_negative_lifetime_refused() {
    let (s, d) = setup(Api::Halo, 5_000, "concurrency = 1\n");
    *d.faults.lifetime.lock().unwrap() = Some(30);
    let out = run(&s, &d, &["discover", "halopsa", "--refresh", "-o", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json_of(&out).as_array().unwrap().len(), 5_000);
    assert_eq!(d.token_requests(), 1, "one sign-in for five pages");

    *d.faults.lifetime.lock().unwrap() = Some(-5);
    let out = run(&s, &d, &["discover", "halopsa", "--refresh"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("bad token answer"),
        "{}",
        stderr(&out)
    );
}

/// A person waiting hears of each retry: what failed, when, which attempt.
#[test]
fn retries_are_announced_with_the_wait_and_the_attempt() {
    let (s, d) = setup(Api::Halo, 3, "");
    d.faults.unavailable.store(2, Ordering::SeqCst);
    let out = run(&s, &d, &["discover", "halopsa", "--refresh", "-o", "json"]);
    assert_eq!(json_of(&out).as_array().unwrap().len(), 3);
    let err = stderr(&out);
    assert!(
        err.contains("note: halopsa: the server answered 503; retrying in")
            && err.contains(", 2 of 5")
            && err.contains(", 3 of 5"),
        "{err}"
    );
    // -q keeps it quiet.
    d.faults.unavailable.store(1, Ordering::SeqCst);
    let out = run(
        &s,
        &d,
        &["-q", "discover", "halopsa", "--refresh", "-o", "json"],
    );
    assert!(!stderr(&out).contains("retrying"), "{}", stderr(&out));
}
