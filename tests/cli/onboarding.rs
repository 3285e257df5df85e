//! Onboarding a whole MSP as users run it: org domains (add, update,
//! import, show), domains as evidence in `suggest`, duplicate records kept
//! from `high`, and the matrix of orgs × integrations.

use std::sync::Arc;

use crate::common::http::{Request, Response, Server};
use crate::common::{Sandbox, code, stderr, stdout};
use serde_json::{Value, json};

fn records() -> Vec<Value> {
    vec![
        json!({"id": 1, "name": "SSP Group LLC", "website": "https://www.smithandsons.com/"}),
        json!({"id": 2, "name": "Globex Inc", "website": "globex.example.net"}),
        json!({"id": 3, "name": "Globex Inc.", "website": null}),
        json!({"id": 4, "name": "Initech", "website": "it@gmail.com"}),
        json!({"id": 5, "name": "Hooli", "website": ""}),
    ]
}

/// A PSA double: `x-api-key`, one page, websites in every shape.
pub(crate) fn psa() -> Server {
    Server::start(Arc::new(|r: &Request| {
        if r.header("x-api-key") != Some("psa-key") {
            return Response::json(401, json!({"error": "Invalid API key"}));
        }
        if let Some(id) = r.path.strip_prefix("/api/companies/") {
            return match records()
                .into_iter()
                .find(|c| c["id"].as_u64().is_some_and(|n| n.to_string() == id))
            {
                Some(c) => Response::json(200, c),
                None => Response::json(404, json!({"error": "no such company"})),
            };
        }
        Response::json(200, json!({"companies": records()}))
    }))
}

pub(crate) fn setup(base: &Sandbox, server: &Server) -> Sandbox {
    let s = Sandbox {
        dir: tempfile::tempdir().unwrap(),
        azure: base.azure.clone(),
    };
    s.write_declaration(
        "psa",
        &crate::common::api_key_declaration(
            "/api/companies",
            "/companies",
            "id = \"/id\"\nname = \"/name\"\ndomains = [\"/website\"]",
            true,
        ),
    );
    s.write_config(&format!(
        "[integrations.psa]\nbase_url = \"{}\"\n",
        server.url()
    ));
    s
}

pub(crate) fn psa_run(s: &Sandbox, args: &[&str]) -> std::process::Output {
    let mut c = s.cmd();
    c.env("MAPCTL_PSA_API_KEY", "psa-key");
    c.args(args).output().unwrap()
}

fn org_domains_are_hostnames_added_updated_imported_and_cleared(base: &Sandbox) {
    let server = psa();
    let s = setup(base, &server);
    let org = s.json(&[
        "orgs",
        "add",
        "--name",
        "Smith & Sons",
        "--id",
        "smith",
        "--domain",
        "https://www.SmithAndSons.com/about",
        "--domain",
        "it@smith.co.uk",
    ]);
    assert_eq!(org["domains"], json!(["smithandsons.com", "smith.co.uk"]));
    let out = s.run(&["orgs", "add", "--name", "Bad", "--domain", "not a domain"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(stderr(&out).contains("not a hostname"), "{}", stderr(&out));

    let org = s.json(&["orgs", "update", "smith", "--domain", "smith.example"]);
    assert_eq!(org["domains"], json!(["smith.example"]), "replaced");
    let listed = s.json(&["orgs", "list"]);
    assert_eq!(listed[0]["domains"], json!(["smith.example"]));
    let org = s.json(&["orgs", "update", "Smith & Sons", "--no-domains"]);
    assert_eq!(org["domains"], json!([]));
    let org = s.json(&["orgs", "update", "smith", "--name", "Smith and Sons"]);
    assert_eq!(org["name"], "Smith and Sons");

    let file = s.path("orgs.csv");
    std::fs::write(
        &file,
        "id,name,tenant_id,domains\nglobex,Globex,,globex.example.net;www.globex.com\nsmith,Smith and Sons,,\n",
    )
    .unwrap();
    s.ok(&["orgs", "import", "-f", file.to_str().unwrap()]);
    let listed = s.json(&["orgs", "list"]);
    let globex = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["org_id"] == "globex")
        .unwrap();
    assert_eq!(
        globex["domains"],
        json!(["globex.example.net", "globex.com"])
    );
    // Stored as the contract's JSON array on the row.
    let row = s
        .raw_rows(mapctl_core::store::ORGANIZATIONS)
        .into_iter()
        .find(|e| e.row_key == "globex")
        .unwrap();
    assert_eq!(
        row.str("Domains"),
        Some(r#"["globex.example.net","globex.com"]"#)
    );
}

fn a_domain_ties_what_names_do_not_and_duplicates_stay_medium(base: &Sandbox) {
    let server = psa();
    let s = setup(base, &server);
    s.ok(&[
        "orgs",
        "add",
        "--name",
        "Smith & Sons",
        "--id",
        "smith",
        "--domain",
        "smithandsons.com",
    ]);
    s.ok(&["orgs", "add", "--name", "Globex", "--id", "globex"]);
    s.ok(&["orgs", "add", "--name", "Initech", "--id", "initech"]);
    // A public mail domain is no org's own: refused as one.
    let out = s.run(&["orgs", "update", "initech", "--domain", "gmail.com"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let out = psa_run(&s, &["suggest", "psa", "-o", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let of = |org: &str| list.iter().find(|p| p["org"] == org).cloned();
    let smith = of("smith").expect("a proposal for Smith & Sons");
    assert_eq!(
        (
            smith["external_org_id"].as_str(),
            smith["reason"].as_str(),
            smith["confidence"].as_str()
        ),
        (Some("1"), Some("domain"), Some("medium")),
        "a domain alone, on a record whose name shares no word with the org's, is for a person: {smith}"
    );
    // "Globex Inc" and "Globex Inc." are one customer's two records.
    let globex = of("globex").expect("a proposal for Globex");
    assert_eq!(globex["confidence"], "medium", "{globex}");
    // The record's gmail.com is no evidence: Initech is found by its name alone.
    let initech = of("initech").unwrap();
    assert_eq!(initech["reason"], "exact_name", "{initech}");
    // --apply writes the high ones only: Initech by its name; not Smith
    // (a domain alone), not Globex (a duplicate).
    let out = psa_run(&s, &["suggest", "psa", "--apply"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let mapped = s.json(&["list"]);
    let ids: Vec<&str> = mapped
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["external_org_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["4"], "{ids:?}");
}

fn the_matrix_shows_every_org_in_every_integration(base: &Sandbox) {
    let server = psa();
    let s = setup(base, &server);
    for (id, name) in [
        ("smith", "Smith & Sons"),
        ("globex", "Globex"),
        ("hooli", "Hooli"),
    ] {
        s.ok(&["orgs", "add", "--name", name, "--id", id]);
    }
    s.ok(&["map", "smith", "psa", "--external-id", "1", "--no-verify"]);
    s.ok(&["map", "globex", "psa", "--external-id", "2", "--no-verify"]);
    s.ok(&[
        "map",
        "globex",
        "psa",
        "--external-id",
        "3",
        "--no-verify",
        "--add",
        "--allow-shared",
    ]);
    let out = psa_run(&s, &["status", "--matrix", "-o", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let state = |org: &str| {
        rows.iter().find(|r| r["org_id"] == org).unwrap()["integrations"]["psa"]["state"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    // Mapped without verification, so without a stored name: the system's
    // name differs, which sync-names mends.
    assert_eq!(state("smith"), "renamed");
    assert_eq!(state("globex"), "several");
    assert_eq!(state("hooli"), "suggested", "suggest proposes Hooli → 5");
    let out = psa_run(&s, &["status", "--matrix", "-o", "csv"]);
    let csv = stdout(&out);
    // The name in its column, the state in one of its own: a script parses both.
    assert!(csv.starts_with("org_id,org_name,psa,psa_state\n"), "{csv}");
    assert!(csv.contains("hooli,Hooli,Hooli,suggested:"), "{csv}");
    assert!(
        csv.contains("smith,Smith & Sons,SSP Group LLC,renamed"),
        "{csv}"
    );
    let out = psa_run(&s, &["status", "--matrix"]);
    assert!(
        stdout(&out).contains("PSA 2/3"),
        "coverage in the header: {}",
        stdout(&out)
    );

    let shown = psa_run(&s, &["orgs", "show", "hooli", "-o", "json"]);
    assert_eq!(code(&shown), 0, "{}", stderr(&shown));
    let shown: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(shown["name"], "Hooli");
    assert_eq!(
        shown["integrations"]["psa"]["state"], "none",
        "orgs show calls nothing"
    );
    let shown = psa_run(&s, &["orgs", "show", "globex"]);
    assert!(stdout(&shown).contains("several"), "{}", stdout(&shown));

    // A system that cannot be asked leaves its column without proposals,
    // with a warning; the matrix is still printed, and the exit code says
    // it could not be judged (6: unreachable), as `status` does.
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
    s.write_config(&format!(
        "[integrations.psa]\nbase_url = \"{}\"\n[integrations.down]\nbase_url = \"http://127.0.0.1:{dead}\"\ntimeout_seconds = 2\nconnect_timeout_seconds = 1\n",
        server.url()
    ));
    let mut c = s.cmd();
    let out = c
        .env("MAPCTL_PSA_API_KEY", "psa-key")
        .env("MAPCTL_DOWN_API_KEY", "down-key")
        .args(["status", "--matrix", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("down: not judged"),
        "{}",
        stderr(&out)
    );
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let hooli = rows.iter().find(|r| r["org_id"] == "hooli").unwrap();
    assert_eq!(hooli["integrations"]["down"]["state"], "none");
    assert_eq!(hooli["integrations"]["psa"]["state"], "suggested");
}

/// An RMM whose sites name their PSA company: link evidence only once the
/// PSA is mapped.
fn rmm() -> Server {
    Server::start(Arc::new(|r: &Request| {
        if r.header("x-api-key") != Some("rmm-key") {
            return Response::json(401, json!({"error": "Invalid API key"}));
        }
        Response::json(
            200,
            json!({"sites": [{"uid": "s1", "name": "Main office", "psa": 1}, {"uid": "s2", "name": "Lab"}]}),
        )
    }))
}

fn suggest_all_lets_one_integration_lend_links_to_the_next(base: &Sandbox) {
    let (p, r) = (psa(), rmm());
    let s = setup(base, &p);
    s.write_declaration(
        "rmm",
        &crate::common::api_key_declaration(
            "/api/sites",
            "/sites",
            "id = \"/uid\"\nname = \"/name\"\nlinks = { psa = \"/psa\" }",
            false,
        ),
    );
    s.write_config(&format!(
        "[integrations.psa]\nbase_url = \"{}\"\n[integrations.rmm]\nbase_url = \"{}\"\n",
        p.url(),
        r.url()
    ));
    s.ok(&[
        "orgs",
        "add",
        "--name",
        "SSP Group",
        "--id",
        "smith",
        "--domain",
        "smithandsons.com",
    ]);
    let run = |args: &[&str]| {
        let mut c = s.cmd();
        c.env("MAPCTL_PSA_API_KEY", "psa-key")
            .env("MAPCTL_RMM_API_KEY", "rmm-key");
        c.args(args).output().unwrap()
    };
    // Alone, the RMM's "Main office" is nobody's.
    let out = run(&["suggest", "rmm", "-o", "json"]);
    let alone: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(alone.iter().all(|p| p["confidence"] != "high"), "{alone:?}");
    // Together, the PSA's high proposal is the RMM site's link.
    let out = run(&["suggest", "--all", "-o", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let of = |i: &str| all.iter().find(|p| p["integration"] == i).cloned().unwrap();
    assert_eq!(of("psa")["reason"], "domain");
    assert_eq!(
        (
            of("rmm")["external_org_id"].clone(),
            of("rmm")["reason"].clone()
        ),
        (json!("s1"), json!("link"))
    );
    assert_eq!(of("rmm")["confidence"], "high");
    let out = run(&["suggest", "--all", "--apply"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let listed = s.json(&["list"]);
    assert_eq!(listed.as_array().unwrap().len(), 2, "{listed}");
    let out = run(&["suggest", "--all", "rmm"]);
    assert_eq!(
        code(&out),
        2,
        "--all names no integration: {}",
        stderr(&out)
    );
}

on_both_backends!(
    suggest_all_lets_one_integration_lend_links_to_the_next,
    org_domains_are_hostnames_added_updated_imported_and_cleared,
    a_domain_ties_what_names_do_not_and_duplicates_stay_medium,
    the_matrix_shows_every_org_in_every_integration,
);

/// `suggest --all --apply` over two integrations reads the Organizations
/// table once and every org-index row once for its plan, counted from the
/// requests Azurite answered (`-vv`).
#[test]
fn suggest_all_reads_the_organizations_table_once() {
    let Some(base) = Sandbox::azure() else {
        return;
    };
    let (p, r) = (psa(), rmm());
    let s = setup(&base, &p);
    s.write_declaration(
        "rmm",
        &crate::common::api_key_declaration(
            "/api/sites",
            "/sites",
            "id = \"/uid\"\nname = \"/name\"\nlinks = { psa = \"/psa\" }",
            false,
        ),
    );
    s.write_config(&format!(
        "[integrations.psa]\nbase_url = \"{}\"\n[integrations.rmm]\nbase_url = \"{}\"\n",
        p.url(),
        r.url()
    ));
    s.ok(&[
        "orgs",
        "add",
        "--name",
        "SSP Group",
        "--id",
        "smith",
        "--domain",
        "smithandsons.com",
    ]);
    s.ok(&["orgs", "add", "--name", "Globex", "--id", "globex"]);
    let mut c = s.cmd();
    c.env("MAPCTL_PSA_API_KEY", "psa-key")
        .env("MAPCTL_RMM_API_KEY", "rmm-key");
    let out = c
        .args(["-vv", "suggest", "--all", "--apply"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let requests: Vec<String> = stderr(&out)
        .lines()
        .filter(|l| l.starts_with("azure: GET"))
        .map(str::to_owned)
        .collect();
    let organizations: Vec<&String> = requests
        .iter()
        .filter(|l| l.contains("/Organizations"))
        .collect();
    assert_eq!(organizations.len(), 1, "{requests:#?}");
    let whole_org_index: Vec<&String> = requests
        .iter()
        .filter(|l| l.contains("/OrgIntegrationMappings()") && !l.contains("$filter"))
        .collect();
    assert_eq!(
        whole_org_index.len(),
        2,
        "the snapshot and the plan's read of the truth: {requests:#?}"
    );
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 2);
}
