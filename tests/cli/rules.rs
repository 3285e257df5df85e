//! The mapping rules kept by every writer, as a hostile user tries them, on
//! both backends: a suggestion that lost its ground while it was made, data
//! `apply` could not read back, an external org both mapped and ignored, a
//! half-written mapping that still owns its external org.

use std::sync::Arc;
use std::time::Duration;

use crate::common::http::{Request, Response, Server};
use crate::common::{Sandbox, code, stderr};
use mapctl_core::store::{INTEGRATION_INDEX, ORG_INDEX, WriteOp};
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
            return match records
                .iter()
                .find(|c| c["id"].as_u64().is_some_and(|n| n.to_string() == id))
            {
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
        &crate::common::api_key_declaration(
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

/// mapctl with the PSA's key, started and not waited for (output piped).
fn spawn_psa(s: &Sandbox, args: &[&str]) -> std::process::Child {
    let mut c = s.std_cmd();
    c.env("MAPCTL_PSA_API_KEY", "psa-key")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    c.spawn().unwrap()
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
    let mut c = s.std_cmd();
    c.env("MAPCTL_PSA_API_KEY", "psa-key")
        .args(["-vv", "suggest", "psa", "--apply", "-o", "json"]);
    let child = crate::common::Watched::spawn(c);
    // It has asked the (slow) PSA, and read the store: the snapshot's
    // requests are traced on Azure; on the local store it is read before
    // the request leaves.
    crate::common::wait_until("the listing request", || {
        server
            .log
            .lock()
            .unwrap()
            .iter()
            .any(|r| r.path == "/api/companies")
    });
    if s.azure.is_some() {
        child.wait_until("the snapshot's reads", |err| {
            [
                "/Organizations",
                "/OrgIntegrationMappings()",
                "/IgnoredExternalOrgs()",
            ]
            .iter()
            .all(|t| {
                err.lines()
                    .any(|l| l.starts_with("azure: GET") && l.contains(t))
            })
        });
    }
    let out = psa_cmd(&s)
        .args(["map", "other", "psa", "--external-id", "100", "--no-verify"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let (exit, err) = child.finish();
    assert_eq!(exit, 0, "{err}");
    assert!(err.contains("not written"), "{err}");
    assert_eq!(
        owners_of(&s, "100"),
        ["other"],
        "one owner, no --allow-shared"
    );
}

/// `suggest --apply` (acme → 100) and four `map`s of 100 to other orgs, all
/// at once, round after round: whichever way they interleave, 100 ends with
/// exactly one owner. A proposal contended after it was written is
/// withdrawn and reported; a `map` that finds the proposal withdraws too and
/// tries again.
fn a_suggestion_racing_maps_leaves_one_owner(base: &Sandbox) {
    let server = slow_psa(Duration::ZERO);
    for round in 0..5 {
        let s = sandbox_on(base, &server);
        for o in ["o1", "o2", "o3"] {
            s.ok(&["orgs", "add", "--name", &format!("Org {o}"), "--id", o]);
        }
        let spawn = |args: &[&str]| spawn_psa(&s, args);
        let mut children = vec![spawn(&["suggest", "psa", "--apply", "-o", "json"])];
        for o in ["other", "o1", "o2", "o3"] {
            children.push(spawn(&[
                "map",
                o,
                "psa",
                "--external-id",
                "100",
                "--no-verify",
            ]));
        }
        let results: Vec<(i32, String)> = children
            .into_iter()
            .map(|c| {
                let out = c.wait_with_output().unwrap();
                (code(&out), stderr(&out))
            })
            .collect();
        assert_eq!(results[0].0, 0, "suggest: {}", results[0].1);
        for (c, err) in &results[1..] {
            assert!(*c == 0 || *c == 4, "round {round}: {err}");
        }
        let owners = owners_of(&s, "100");
        assert_eq!(owners.len(), 1, "round {round}: {owners:?} {results:#?}");
    }
}

/// Azure: `suggest --apply` plans acme → 100, then its first batch is held
/// up (a slow store) while another process maps 100 to `other`, checks
/// and succeeds. The proposal lands after that check: its own check after
/// writing finds `other` and withdraws it, reported, and 100 keeps one
/// owner.
#[test]
fn azure_a_proposal_overtaken_between_its_plan_and_its_write_is_withdrawn() {
    let s = proposal_overtaken_by(&["map", "other", "psa", "--external-id", "100", "--no-verify"]);
    assert_eq!(owners_of(&s, "100"), ["other"], "one owner");
}

/// The same, overtaken by `ignore` of 100 (no owner when it checked): the
/// proposal's check finds the ignore record and withdraws it.
#[test]
fn azure_a_proposal_overtaken_by_an_ignore_is_withdrawn() {
    let s = proposal_overtaken_by(&["ignore", "psa", "--external-id", "100"]);
    assert!(owners_of(&s, "100").is_empty(), "not mapped");
    assert_eq!(s.raw_rows("IgnoredExternalOrgs").len(), 1, "ignored");
}

/// `suggest --apply` on Azure with its first batch held up while `other`
/// (another command) runs to success; the proposal acme → 100 is written,
/// then withdrawn, with both history rows. The sandbox, for what stands.
fn proposal_overtaken_by(other: &[&str]) -> Sandbox {
    let direct = Sandbox::azure().expect("Azurite is needed here (npm ci installs it)");
    let server = slow_psa(Duration::ZERO);
    let s = sandbox_on(&direct, &server);
    fn batch(r: &crate::common::proxy::Seen) -> bool {
        r.path.contains("$batch")
    }
    let (proxy, through, gate) = crate::decision_races::held_up(&direct, batch);
    let slow = sandbox_on(&through, &server);
    let suggest = spawn_psa(&slow, &["suggest", "psa", "--apply", "-o", "json"]);
    crate::decision_races::wait_for(&proxy, batch);
    let out = psa_cmd(&s).args(other).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    gate.store(true, std::sync::atomic::Ordering::SeqCst);
    let done = suggest.wait_with_output().unwrap();
    assert_eq!(code(&done), 0, "{}", stderr(&done));
    assert!(stderr(&done).contains("withdrawn"), "{}", stderr(&done));
    let history = s.json(&["history", "--org", "acme"]);
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["purge", "create"], "written, then taken back");
    s
}

/// The local store: the same interleaving. Another writer holds the store's
/// write lock with `other` → 100 written but not committed; `suggest
/// --apply` reads (readers do not wait for a writer), plans acme → 100 and
/// waits for the lock; the other writer commits. The proposal lands after
/// it, and its check after writing withdraws it.
#[test]
fn local_a_proposal_overtaken_between_its_plan_and_its_write_is_withdrawn() {
    let server = slow_psa(Duration::ZERO);
    let s = sandbox_on(&Sandbox::new(), &server);
    let db = crate::common::uncommitted_mapping(&s, "other", "psa", "100");
    let mut c = s.std_cmd();
    c.env("MAPCTL_PSA_API_KEY", "psa-key")
        .args(["suggest", "psa", "--apply", "-o", "json"]);
    let suggest = crate::common::Watched::spawn(c);
    // It has read and planned, and waits for the lock.
    suggest.wait_until("the wait for the store lock", |err| {
        err.contains("Waiting for another process to finish writing")
    });
    db.execute_batch("COMMIT").unwrap();
    let (exit, err) = suggest.finish();
    assert_eq!(exit, 0, "{err}");
    assert!(err.contains("withdrawn"), "{err}");
    assert_eq!(owners_of(&s, "100"), ["other"], "one owner");
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
        crate::common::block_on(store.write(
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

fn delete_rows(s: &Sandbox, table: &str, rows: &[mapctl_core::store::Entity]) {
    let store = s.store();
    for row in rows {
        crate::common::block_on(store.write(
            table,
            WriteOp::Delete {
                partition_key: row.partition_key.clone(),
                row_key: row.row_key.clone(),
                if_match: None,
            },
        ))
        .unwrap();
    }
}

/// An apply killed after its org-index rows: the integration-index rows
/// and the history rows of half its mappings never written (history goes
/// after the org row, before the integration row). A re-apply, or `doctor
/// --repair`, mends the indexes and writes the lost history rows, once.
fn history_a_crash_lost_is_written_by_a_rerun_or_a_repair(base: &Sandbox) {
    let server = slow_psa(Duration::ZERO);
    for mend in [
        &["apply", "-f", "FILE"][..],
        &["doctor", "--repair", "--yes"],
    ] {
        let s = sandbox_on(base, &server);
        let file = s.path("mappings.json");
        let records: Vec<serde_json::Value> = (0..6)
            .map(|i| {
                json!({"org": if i % 2 == 0 { "acme" } else { "other" },
                       "integration": "psa", "external_org_id": format!("{}", 500 + i)})
            })
            .collect();
        std::fs::write(&file, serde_json::to_string(&records).unwrap()).unwrap();
        s.ok(&["apply", "-f", file.to_str().unwrap()]);
        let history = s.raw_rows(mapctl_core::store::MAPPING_HISTORY);
        assert_eq!(history.len(), 6);
        // The crash: for three mappings, neither row after the org row.
        let lost: Vec<String> = s.raw_rows(INTEGRATION_INDEX)[..3]
            .iter()
            .map(|r| r.str("MappingId").unwrap().to_owned())
            .collect();
        let of_lost = |rows: Vec<mapctl_core::store::Entity>| -> Vec<mapctl_core::store::Entity> {
            rows.into_iter()
                .filter(|r| lost.iter().any(|l| Some(l.as_str()) == r.str("MappingId")))
                .collect()
        };
        delete_rows(
            &s,
            INTEGRATION_INDEX,
            &of_lost(s.raw_rows(INTEGRATION_INDEX)),
        );
        delete_rows(&s, mapctl_core::store::MAPPING_HISTORY, &of_lost(history));
        assert_eq!(s.json(&["history"]).as_array().unwrap().len(), 3);

        let args: Vec<&str> = mend
            .iter()
            .map(|a| {
                if *a == "FILE" {
                    file.to_str().unwrap()
                } else {
                    a
                }
            })
            .collect();
        let run = |args: &[&str]| {
            let out = psa_cmd(&s).args(args).output().unwrap();
            assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
            out
        };
        run(&args);
        let history = s.json(&["history"]);
        let rows = history.as_array().unwrap();
        assert_eq!(rows.len(), 6, "{mend:?}: {history}");
        assert!(rows.iter().all(|r| r["action"] == "create"), "{history}");
        let recovered: Vec<&serde_json::Value> = rows
            .iter()
            .filter(|r| r["command"].as_str().unwrap().ends_with("(recovered)"))
            .collect();
        assert_eq!(recovered.len(), 3, "{mend:?}: {history}");
        assert!(
            recovered
                .iter()
                .all(|r| lost.contains(&r["mapping_id"].as_str().unwrap().to_owned())),
            "{history}"
        );
        assert!(
            recovered.iter().all(|r| r["after"]["IsActive"] == true),
            "{history}"
        );
        let doctor = run(&["doctor", "-o", "json"]);
        let doctor: serde_json::Value = serde_json::from_slice(&doctor.stdout).unwrap();
        assert_eq!(doctor["healthy"], true, "{doctor}");
        // Mended once: the same command again writes no more rows.
        run(&args);
        assert_eq!(
            s.json(&["history"]).as_array().unwrap().len(),
            6,
            "{mend:?}"
        );
    }
}

on_both_backends!(
    a_suggestion_racing_maps_leaves_one_owner,
    history_a_crash_lost_is_written_by_a_rerun_or_a_repair,
    a_suggestion_that_lost_its_ground_is_skipped,
    data_apply_could_not_read_back_is_refused,
    mapped_or_ignored_not_both,
    a_half_written_mapping_still_owns_its_external_org,
);
