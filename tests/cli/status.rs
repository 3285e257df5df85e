//! Status, fourth edition (contract §7): coverage counts customers, the
//! problems are named with their fix, exclusions and rejections are a
//! person's decisions kept in the store, and one integration that cannot
//! be judged never breaks the others.

use crate::common::{Sandbox, code, stderr, stdout};
use crate::onboarding::{psa, psa_run, setup};
use serde_json::{Value, json};

fn json_of(out: &std::process::Output) -> Value {
    assert_eq!(code(out), 0, "{}", stderr(out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

/// The MSP: Smith & Sons (mapped to record 1), Hooli and Acme (no
/// mapping), Initech (does not use the PSA).
fn msp(base: &Sandbox) -> (Sandbox, crate::common::http::Server) {
    let server = psa();
    let s = setup(base, &server);
    for (id, name) in [
        ("smith", "Smith & Sons"),
        ("hooli", "Hooli"),
        ("acme", "Acme"),
        ("initech", "Initech"),
    ] {
        s.ok(&["orgs", "add", "--name", name, "--id", id]);
    }
    let out = psa_run(&s, &["map", "smith", "psa", "--external-id", "1"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    (s, server)
}

fn customers_are_counted_and_each_problem_is_named(base: &Sandbox) {
    let (s, _server) = msp(base);
    let out = psa_run(
        &s,
        &["exclude", "initech", "psa", "--reason", "no PSA contract"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // Mapped or excluded there, never both: each way refused, nothing written.
    let out = psa_run(&s, &["exclude", "smith", "psa"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("mapctl unmap smith psa"),
        "{}",
        stderr(&out)
    );
    let out = psa_run(&s, &["map", "initech", "psa", "--external-id", "4"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("excluded from psa")
            && stderr(&out).contains("mapctl include initech psa"),
        "{}",
        stderr(&out)
    );

    let report = json_of(&psa_run(&s, &["status", "-o", "json"]));
    let psa_row = &report[0];
    assert_eq!(psa_row["state"], "ok");
    assert_eq!(
        psa_row["coverage"],
        json!({"mapped_orgs": 1, "orgs": 3, "excluded": 1}),
        "customers, not records"
    );
    let missing: Vec<&str> = psa_row["orgs_without_mapping"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["org_name"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["Acme", "Hooli"]);
    assert_eq!(psa_row["excluded_orgs"][0]["org_id"], "initech");
    assert_eq!(psa_row["excluded_orgs"][0]["reason"], "no PSA contract");
    assert_eq!(psa_row["open_records"], 4);

    // For people: the bar counts customers, and each problem has its fix.
    let table = stdout(&psa_run(&s, &["status"]));
    assert!(table.contains("1/3"), "{table}");
    assert!(table.contains("To do (2)"), "{table}");
    assert!(table.contains("mapctl suggest psa --org Hooli"), "{table}");
    assert!(table.contains("Excluded from psa (1): Initech"), "{table}");

    // An excluded org gets no suggestion there (record 4 is "Initech").
    let proposals = json_of(&psa_run(&s, &["suggest", "psa", "-o", "json"]));
    let orgs: Vec<&str> = proposals
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["org"].as_str().unwrap())
        .collect();
    assert!(!orgs.contains(&"initech"), "{proposals}");
    assert!(orgs.contains(&"hooli"), "{proposals}");

    // A "no" is remembered: the rejected pair is never proposed again.
    let out = psa_run(&s, &["reject", "hooli", "psa", "--external-id", "5"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let proposals = json_of(&psa_run(&s, &["suggest", "psa", "-o", "json"]));
    assert!(
        !proposals
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["org"] == "hooli" && p["external_org_id"] == "5"),
        "{proposals}"
    );
    let matrix = json_of(&psa_run(&s, &["status", "--matrix", "-o", "json"]));
    let cell = |org: &str| {
        matrix
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["org_id"] == org)
            .unwrap()["integrations"]["psa"]
            .clone()
    };
    assert_eq!(cell("initech")["state"], "excluded");
    assert_eq!(cell("smith")["state"], "mapped");
    assert_eq!(cell("hooli")["state"], "none", "rejected: not proposed");

    // Both decisions travel with export and come back with apply.
    let exported = s.json(&["export"]);
    let records = exported.as_array().unwrap();
    assert!(
        records.contains(
            &json!({"org": "initech", "integration": "psa", "exclude": true,
            "reason": "no PSA contract"})
        ),
        "{exported}"
    );
    assert!(
        records
            .iter()
            .any(|r| r["org"] == "hooli" && r["external_org_id"] == "5" && r["reject"] == true),
        "{exported}"
    );
    s.ok(&["include", "initech", "psa"]);
    s.ok(&["unreject", "hooli", "psa", "--external-id", "5"]);
    let out = psa_run(&s, &["include", "initech", "psa"]);
    assert_eq!(code(&out), 3, "not excluded any more: {}", stderr(&out));
    let file = s.path("export.json");
    std::fs::write(&file, exported.to_string()).unwrap();
    let applied = s.json(&["apply", "-f", file.to_str().unwrap()]);
    assert_eq!(applied["created"], 2, "{applied}");
    let decisions = s.json(&["export"]);
    assert_eq!(decisions, exported, "the round trip restores both");

    // A file that maps an excluded org is refused whole.
    std::fs::write(
        &file,
        json!([{"org": "initech", "integration": "psa", "external_org_id": "4"},
               {"org": "acme", "integration": "psa", "external_org_id": "2"}])
        .to_string(),
    )
    .unwrap();
    let out = s.run(&["apply", "-f", file.to_str().unwrap()]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Initech (initech) is excluded from psa"),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 1);

    // Every decision is in the history, under the org.
    let history = s.json(&["history", "--org", "initech"]);
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["exclude", "include", "exclude"]);
    assert_eq!(history[0]["command"], "apply");
}

on_both_backends!(customers_are_counted_and_each_problem_is_named);

/// The problems of a big MSP fill a screenful, then say how to see the rest.
#[test]
fn a_screenful_of_problems_then_where_the_rest_are() {
    let server = psa();
    let s = setup(&Sandbox::new(), &server);
    let file = s.path("orgs.json");
    let orgs: Vec<Value> = (0..40)
        .map(|i| json!({"id": format!("org{i:02}"), "name": format!("Customer {i:02}")}))
        .collect();
    std::fs::write(&file, Value::from(orgs).to_string()).unwrap();
    s.ok(&["orgs", "import", "-f", file.to_str().unwrap()]);
    let table = stdout(&psa_run(&s, &["status"]));
    assert!(table.contains("To do (40)"), "{table}");
    assert!(
        table.contains("… and 25 more (mapctl status psa)"),
        "{table}"
    );
    let full = stdout(&psa_run(&s, &["status", "psa"]));
    assert!(
        full.contains("Customer 39") && !full.contains("more"),
        "{full}"
    );
}

/// A `--no-verify` mapping in a system that is not configured, a system
/// that is down, credentials refused: each its own row, the others as usual.
#[test]
fn one_integration_never_breaks_the_others() {
    let (s, _server) = msp(&Sandbox::new());
    let out = psa_run(
        &s,
        &[
            "map",
            "acme",
            "m365",
            "--external-id",
            "7c9e6679-7425-40de-944b-e07fc1f90ae7",
            "--no-verify",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = psa_run(&s, &["status", "-o", "json"]);
    let report = json_of(&out);
    let state = |report: &Value, name: &str| {
        report
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["integration"] == name)
            .unwrap_or_else(|| panic!("no {name} row: {report}"))["state"]
            .clone()
    };
    assert_eq!(state(&report, "psa"), "ok");
    assert_eq!(state(&report, "microsoft_graph"), "not_configured");
    let m365 = report
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["integration"] == "microsoft_graph")
        .unwrap();
    assert_eq!(m365["coverage"]["mapped_orgs"], 1);
    assert_eq!(
        m365["stale"],
        Value::Null,
        "no discovery, no figures that need one"
    );
    let out = psa_run(&s, &["sync-names"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("microsoft_graph: skipped, not configured"),
        "{}",
        stderr(&out)
    );

    // A system that is down: its row says so, the PSA is judged, exit 6.
    let refusing = crate::common::refusing_port();
    let dead = refusing.port;
    s.write_declaration(
        "down",
        &crate::common::api_key_declaration(
            "/api/x",
            "/x",
            "id = \"/id\"\nname = \"/name\"",
            false,
        ),
    );
    let config = std::fs::read_to_string(s.config_path()).unwrap();
    s.write_config(&format!(
        "{config}[integrations.down]\nbase_url = \"http://127.0.0.1:{dead}\"\ntimeout_seconds = 2\nconnect_timeout_seconds = 1\n"
    ));
    let run = |args: &[&str]| {
        s.cmd()
            .env("MAPCTL_PSA_API_KEY", "psa-key")
            .env("MAPCTL_DOWN_API_KEY", "down-key")
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["status", "-o", "json"]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(state(&report, "psa"), "ok");
    assert_eq!(state(&report, "down"), "unreachable");
    assert!(
        stderr(&out).contains("down could not be judged"),
        "{}",
        stderr(&out)
    );
    // Drift outranks it: a nightly job sees the customers first.
    let out = run(&["status", "--check"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(stdout(&out).contains("unreachable"), "{}", stdout(&out));
    let out = run(&["sync-names", "psa", "down"]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(stderr(&out).contains("down: skipped"), "{}", stderr(&out));

    // Credentials refused: exit 5, and the rest is still reported.
    let out = s
        .cmd()
        .env("MAPCTL_PSA_API_KEY", "wrong")
        .args(["status", "psa", "m365", "--refresh", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(state(&report, "psa"), "auth_failed");
    assert_eq!(state(&report, "microsoft_graph"), "not_configured");
    assert!(!stdout(&out).contains("wrong") && !stderr(&out).contains("wrong"));
}

/// `suggest --explain ORG`: every candidate with its evidence and why it
/// was or was not proposed, for any org (contract §7).
#[test]
fn explain_answers_for_any_org() {
    let (s, _server) = msp(&Sandbox::new());
    s.ok(&["orgs", "add", "--name", "Globex", "--id", "globex"]);
    let out = psa_run(&s, &["reject", "hooli", "psa", "--external-id", "5"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let globex = json_of(&psa_run(
        &s,
        &["suggest", "psa", "--explain", "globex", "-o", "json"],
    ));
    let ids: Vec<&str> = globex["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["external_org_id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"2") && ids.contains(&"3"), "{globex}");
    let proposed: Vec<&Value> = globex["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["proposed"] == true)
        .collect();
    assert_eq!(proposed.len(), 1, "{globex}");
    assert_eq!(proposed[0]["confidence"], "medium");
    assert!(
        proposed[0]["why"]
            .as_str()
            .unwrap()
            .contains("near spelling")
            || proposed[0]["why"]
                .as_str()
                .unwrap()
                .contains("nearly as well"),
        "{globex}"
    );
    assert_eq!(globex["never_candidates"], 3, "{globex}");
    // A rejected record and a mapped one say so.
    let hooli = json_of(&psa_run(
        &s,
        &["suggest", "psa", "--explain", "Hooli", "-o", "json"],
    ));
    assert_eq!(hooli["candidates"][0]["external_org_id"], "5", "{hooli}");
    assert!(
        hooli["candidates"][0]["why"]
            .as_str()
            .unwrap()
            .starts_with("rejected"),
        "{hooli}"
    );
    let smith = json_of(&psa_run(
        &s,
        &["suggest", "psa", "--explain", "smith", "-o", "json"],
    ));
    assert_eq!(smith["mapped_to"], json!(["1"]), "{smith}");
    // For people: a table with the words.
    let table = stdout(&psa_run(&s, &["suggest", "psa", "--explain", "hooli"]));
    assert!(
        table.contains("Hooli in psa:") && table.contains("rejected"),
        "{table}"
    );
}

/// Records an API should not have sent (an empty id, one past 200
/// characters) are left out with a warning and counted by status; they
/// block nothing: `suggest --all --apply` writes the valid proposals.
#[test]
fn records_an_api_should_not_have_sent_block_nothing() {
    use crate::common::http::{Request, Response, Server};
    use std::sync::Arc;
    let long = "9".repeat(300);
    let server = Server::start(Arc::new(move |r: &Request| {
        if r.header("x-api-key") != Some("psa-key") {
            return Response::json(401, json!({"error": "Invalid API key"}));
        }
        Response::json(
            200,
            json!({"companies": [
                {"id": "", "name": "No Id Ltd"},
                {"id": long, "name": "Long Id Ltd"},
                {"id": 4, "name": "Initech"},
                {"id": 5, "name": "Hooli"},
            ]}),
        )
    }));
    let s = setup(&Sandbox::new(), &server);
    s.ok(&["orgs", "add", "--name", "Initech", "--id", "initech"]);
    s.ok(&["orgs", "add", "--name", "Hooli", "--id", "hooli"]);
    let out = psa_run(&s, &["suggest", "--all", "--apply"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("2 record(s) left out"),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 2);
    let report = json_of(&psa_run(&s, &["status", "-o", "json"]));
    assert_eq!(report[0]["invalid_records"], 2, "{report}");
    let table = stdout(&psa_run(&s, &["status"]));
    assert!(table.contains("ok (2 invalid)"), "{table}");
}
