//! The mapping rules kept by every writer, as a hostile user tries them, on
//! both backends: a suggestion that lost its ground while it was made, data
//! `apply` could not read back, an external org both mapped and ignored, a
//! half-written mapping that still owns its external org.

#[macro_use]
mod common;

use std::sync::Arc;
use std::time::Duration;

use common::http::{Request, Response, Server};
use common::{Sandbox, code, stderr};
use mapctl::store::{INTEGRATION_INDEX, ORG_INDEX, WriteOp};
use serde_json::json;

/// A PSA whose listing takes `delay` (so that another writer can act while
/// `suggest` discovers).
fn slow_psa(delay: Duration) -> Server {
    Server::start(Arc::new(move |r: &Request| {
        if r.header("x-api-key") != Some("psa-key") {
            return Response::json(401, json!({"error": "Invalid API key"}));
        }
        let records = vec![
            json!({"id": 100, "name": "Acme Corp"}),
            json!({"id": 200, "name": "Globex"}),
        ];
        if let Some(id) = r.path.strip_prefix("/api/companies/") {
            return match records.iter().find(|c| c["id"].to_string() == id) {
                Some(c) => Response::json(200, c.clone()),
                None => Response::json(404, json!({"error": "no such company"})),
            };
        }
        std::thread::sleep(delay);
        Response::json(200, json!({"companies": records}))
    }))
}

fn sandbox_on(s: &Sandbox, server: &Server) -> Sandbox {
    let s = Sandbox {
        dir: tempfile::tempdir().unwrap(),
        azure: s.azure.clone(),
    };
    s.write_declaration(
        "psa",
        &common::api_key_declaration(
            "/api/companies",
            "/companies",
            "id = \"/id\"\nname = \"/name\"",
            true,
        ),
    );
    s.write_config(&format!(
        "[integrations.psa]\nbase_url = \"{}\"\n[cache]\nttl_seconds = 0\n",
        server.url()
    ));
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    s.ok(&["orgs", "add", "--name", "Other", "--id", "other"]);
    s
}

fn psa_cmd(s: &Sandbox) -> assert_cmd::Command {
    let mut c = s.cmd();
    c.env("MAPCTL_PSA_API_KEY", "psa-key");
    c
}

fn owners_of(s: &Sandbox, external_id: &str) -> Vec<String> {
    s.raw_rows(ORG_INDEX)
        .iter()
        .filter(|e| e.str("ExternalOrgId") == Some(external_id) && e.bool("IsActive") == Some(true))
        .map(|e| e.str("OrgId").unwrap().to_owned())
        .collect()
}

/// `suggest --apply` proposes acme → 100 from what it read when it began;
/// meanwhile another process maps 100 to `other`. The proposal is skipped
/// and reported, not written over the rule.
fn a_suggestion_that_lost_its_ground_is_skipped(base: &Sandbox) {
    let server = slow_psa(Duration::from_millis(1500));
    let s = sandbox_on(base, &server);
    let child = {
        let mut c = s.std_cmd();
        c.env("MAPCTL_PSA_API_KEY", "psa-key")
            .args(["suggest", "psa", "--apply", "-o", "json"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        c.spawn().unwrap()
    };
    std::thread::sleep(Duration::from_millis(500));
    let out = psa_cmd(&s)
        .args(["map", "other", "psa", "--external-id", "100", "--no-verify"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let done = child.wait_with_output().unwrap();
    assert_eq!(code(&done), 0, "{}", stderr(&done));
    assert!(stderr(&done).contains("not written"), "{}", stderr(&done));
    assert_eq!(
        owners_of(&s, "100"),
        ["other"],
        "one owner, no --allow-shared"
    );
}

/// `map --data` that nests deeper than `apply` reads back is refused.
fn data_apply_could_not_read_back_is_refused(base: &Sandbox) {
    let server = slow_psa(Duration::ZERO);
    let s = sandbox_on(base, &server);
    let deep = format!("{}1{}", "{\"a\":".repeat(40), "}".repeat(40));
    let out = psa_cmd(&s)
        .args([
            "map",
            "acme",
            "psa",
            "--external-id",
            "100",
            "--data",
            &deep,
            "--no-verify",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(stderr(&out).contains("levels deep"), "{}", stderr(&out));
    assert!(s.raw_rows(ORG_INDEX).is_empty(), "nothing written");
}

/// An external org is mapped or ignored, not both: whichever comes second
/// is refused, and an apply file with both is invalid.
fn mapped_or_ignored_not_both(base: &Sandbox) {
    let server = slow_psa(Duration::ZERO);
    let s = sandbox_on(base, &server);
    let out = psa_cmd(&s)
        .args(["map", "acme", "psa", "--external-id", "100"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = psa_cmd(&s)
        .args(["ignore", "psa", "--external-id", "100"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Acme Corp"),
        "names the owner: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("unmap"), "{}", stderr(&out));

    let out = psa_cmd(&s)
        .args(["ignore", "psa", "--external-id", "200", "200", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    let out = psa_cmd(&s)
        .args(["map", "other", "psa", "--external-id", "200", "--no-verify"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(stderr(&out).contains("unignore"), "{}", stderr(&out));

    let file = s.path("both.json");
    std::fs::write(
        &file,
        json!([
            {"org": "other", "integration": "psa", "external_org_id": "300"},
            {"integration": "psa", "external_org_id": "300", "ignore": true}
        ])
        .to_string(),
    )
    .unwrap();
    let out = s.run(&["apply", "-f", file.to_str().unwrap()]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("mapped or ignored"),
        "{}",
        stderr(&out)
    );
    assert!(owners_of(&s, "300").is_empty(), "nothing written");
}

/// A mapping whose integration-index row a crash never wrote still owns
/// its external org: `map` reads the org index too.
fn a_half_written_mapping_still_owns_its_external_org(base: &Sandbox) {
    let server = slow_psa(Duration::ZERO);
    let s = sandbox_on(base, &server);
    let out = psa_cmd(&s)
        .args([
            "map",
            "other",
            "psa",
            "--external-id",
            "10000",
            "--no-verify",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // The crash: the integration-index row is gone, the org row stays.
    let store = s.store();
    for row in s.raw_rows(INTEGRATION_INDEX) {
        common::block_on(store.write(
            INTEGRATION_INDEX,
            WriteOp::Delete {
                partition_key: row.partition_key.clone(),
                row_key: row.row_key.clone(),
                if_match: None,
            },
        ))
        .unwrap();
    }
    let out = psa_cmd(&s)
        .args([
            "map",
            "acme",
            "psa",
            "--external-id",
            "10000",
            "--no-verify",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(stderr(&out).contains("Other"), "{}", stderr(&out));
    assert_eq!(owners_of(&s, "10000"), ["other"]);
}

on_both_backends!(
    a_suggestion_that_lost_its_ground_is_skipped,
    data_apply_could_not_read_back_is_refused,
    mapped_or_ignored_not_both,
    a_half_written_mapping_still_owns_its_external_org,
);
