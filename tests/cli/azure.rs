//! What only Azure Table Storage has: the wire layout read back raw, rows the
//! platform wrote, continuation, ETags, batches, transient failures, auth
//! failures, a crash between the two index writes, and request counts.
//! Against Azurite (see tests/cli/common/azurite.rs); the CLI rules themselves
//! run on both backends in tests/cli.rs.

use std::collections::BTreeSet;

use crate::common::azurite::azurite;
use crate::common::proxy::FaultProxy;
use crate::common::{Sandbox, block_on, code, stderr, stdout};
use mapctl_core::model::{Mapping, mapping_id};
use mapctl_core::store::entity::{Index, mapping_to_entity};
use mapctl_core::store::{
    Entity, INTEGRATION_INDEX, ORG_INDEX, ORGANIZATIONS, Query, StoreError, Value, WriteOp,
};
use serde_json::Value as Json;

fn sandbox() -> Option<Sandbox> {
    Sandbox::azure()
}

/// The same Azurite account as `direct`, reached through the fault proxy.
fn through(proxy: &FaultProxy, direct: &Sandbox, port: u16) -> Sandbox {
    Sandbox::azure_at(proxy.connection_string(direct.azure.as_ref().unwrap(), port))
}

fn names(e: &Entity) -> BTreeSet<&str> {
    e.properties.keys().map(String::as_str).collect()
}

#[test]
fn rows_have_the_contract_layout_property_by_property() {
    let Some(s) = sandbox() else { return };
    s.ok(&[
        "orgs",
        "add",
        "--name",
        "Acme Corp",
        "--id",
        "acme",
        "--tenant-id",
        "6b1d0c4e-0000-4000-8000-000000000001",
    ]);
    // halopsa_eu is not declared here: refused, nothing written.
    let out = s.run(&[
        "map",
        "acme",
        "halopsa_eu",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    assert_eq!(code(&out), 3);
    assert!(s.raw_rows(ORG_INDEX).is_empty());
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--name",
        "Acme HQ",
        "--data",
        r#"{"site":"main"}"#,
        "--no-verify",
    ]);

    let org = &s.raw_rows(ORGANIZATIONS)[0];
    assert_eq!(
        (org.partition_key.as_str(), org.row_key.as_str()),
        ("ORG", "acme")
    );
    assert_eq!(
        names(org),
        BTreeSet::from([
            "Name",
            "TenantId",
            "Domains",
            "IsActive",
            "CreatedAt",
            "UpdatedAt",
            "CreatedBy"
        ])
    );
    assert_eq!(org.properties["IsActive"], Value::Bool(true));
    assert_eq!(
        org.properties["TenantId"],
        Value::String("6b1d0c4e-0000-4000-8000-000000000001".into())
    );

    let id = mapping_id("acme", "halopsa", "42");
    let by_org = &s.raw_rows(ORG_INDEX)[0];
    let by_int = &s.raw_rows(INTEGRATION_INDEX)[0];
    assert_eq!(
        (by_org.partition_key.as_str(), by_org.row_key.as_str()),
        ("acme", format!("halopsa_{id}").as_str())
    );
    assert_eq!(
        (by_int.partition_key.as_str(), by_int.row_key.as_str()),
        ("halopsa", format!("acme_{id}").as_str())
    );
    let expected = BTreeSet::from([
        "MappingId",
        "OrgId",
        "IntegrationName",
        "ExternalOrgId",
        "ExternalOrgName",
        "MappingData",
        "IsActive",
        "CreatedAt",
        "UpdatedAt",
        "CreatedBy",
    ]);
    for row in [by_org, by_int] {
        assert_eq!(names(row), expected);
        assert_eq!(row.properties["MappingId"], Value::String(id.clone()));
        assert_eq!(row.properties["OrgId"], Value::String("acme".into()));
        assert_eq!(
            row.properties["IntegrationName"],
            Value::String("halopsa".into())
        );
        assert_eq!(row.properties["ExternalOrgId"], Value::String("42".into()));
        assert_eq!(
            row.properties["ExternalOrgName"],
            Value::String("Acme HQ".into())
        );
        assert_eq!(
            row.properties["MappingData"],
            Value::String(r#"{"site":"main"}"#.into())
        );
        assert_eq!(row.properties["IsActive"], Value::Bool(true));
        assert_eq!(
            row.properties["CreatedBy"],
            Value::String("tester@".to_owned() + &gethostname::gethostname().to_string_lossy())
        );
        let Value::String(ts) = &row.properties["CreatedAt"] else {
            panic!("CreatedAt is a string")
        };
        assert!(ts.ends_with('Z') && ts.len() == 20, "{ts}");
    }
    // Soft delete adds UpdatedBy on both rows.
    s.ok(&["unmap", "acme", "halopsa", "--yes"]);
    for row in [&s.raw_rows(ORG_INDEX)[0], &s.raw_rows(INTEGRATION_INDEX)[0]] {
        assert_eq!(row.properties["IsActive"], Value::Bool(false));
        assert_eq!(
            row.properties["UpdatedBy"],
            Value::String("tester@".to_owned() + &gethostname::gethostname().to_string_lossy())
        );
    }
}

#[test]
fn rows_written_by_the_platform_are_read_correctly() {
    let Some(s) = sandbox() else { return };
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    let b = s.store();
    // The platform's Python writer: a UUID v4 id, timestamps typed Edm.DateTime,
    // a property of its own, and integration-index rows without IntegrationName.
    let v4 = "9f1c2a44-7b1e-4c4e-9a2b-0d5e6f7a8b9c";
    let mut row = Entity::new("acme", format!("halopsa_{v4}"));
    for (k, v) in [
        ("MappingId", v4),
        ("OrgId", "acme"),
        ("IntegrationName", "halopsa"),
        ("ExternalOrgId", "42"),
        ("ExternalOrgName", "Acme"),
        ("MappingData", "{}"),
        ("CreatedBy", "platform"),
    ] {
        row.set(k, v);
    }
    row.properties.insert("IsActive".into(), Value::Bool(true));
    row.properties.insert(
        "CreatedAt".into(),
        Value::DateTime("2025-12-01T08:00:00.0000000Z".into()),
    );
    row.properties.insert(
        "UpdatedAt".into(),
        Value::DateTime("2025-12-01T08:00:00.0000000Z".into()),
    );
    row.properties
        .insert("PlatformRevision".into(), Value::Int64(3));
    let mut int = row.clone();
    int.partition_key = "halopsa".into();
    int.row_key = format!("acme_{v4}");
    int.properties.remove("IntegrationName");
    block_on(b.write(ORG_INDEX, WriteOp::Insert(row))).unwrap();
    block_on(b.write(INTEGRATION_INDEX, WriteOp::Insert(int))).unwrap();

    let got = s.json(&["get", "acme", "halopsa"]);
    assert_eq!(got["mapping_id"], v4);
    assert_eq!(got["created_at"], "2025-12-01T08:00:00.0000000Z");
    assert_eq!(
        s.json(&["list", "--integration", "halopsa"])[0]["integration_name"],
        "halopsa"
    );
    assert_eq!(s.json(&["doctor"])["healthy"], true);
    // The same triple maps onto the platform's row; an unmap keeps its own property.
    let out = s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    assert!(stderr(&out).contains("unchanged"));
    s.ok(&["unmap", "acme", "halopsa", "--yes"]);
    let rows = s.raw_rows(ORG_INDEX);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].properties["PlatformRevision"], Value::Int64(3));
    assert_eq!(rows[0].properties["IsActive"], Value::Bool(false));
    assert_eq!(s.json(&["doctor"])["healthy"], true);
}

fn mapping(org: &str, integration: &str, ext: &str) -> Mapping {
    Mapping {
        mapping_id: mapping_id(org, integration, ext).into(),
        org_id: org.into(),
        org_name: None,
        integration_name: integration.into(),
        external_org_id: ext.into(),
        external_org_name: format!("Ext {ext}"),
        mapping_data: serde_json::json!({}),
        is_active: true,
        created_at: "2026-01-15T10:30:00Z".into(),
        created_by: "seed".into(),
        updated_at: "2026-01-15T10:30:00Z".into(),
        updated_by: None,
        last_tested_at: None,
        last_test_result: None,
    }
}

#[test]
fn queries_follow_continuations_past_1000_rows_and_batches_write_100() {
    let Some(s) = sandbox() else { return };
    let b = s.store();
    let mut int_rows = Vec::new();
    for o in 0..11 {
        let org = format!("org-{o:02}");
        s.ok(&[
            "orgs",
            "add",
            "--name",
            &format!("Org {o:02}"),
            "--id",
            &org,
        ]);
        let mappings: Vec<Mapping> = (0..100)
            .map(|i| mapping(&org, "ninjaone", &format!("{o}-{i}")))
            .collect();
        let ops = mappings
            .iter()
            .map(|m| WriteOp::Insert(mapping_to_entity(m, Index::Org, None)))
            .collect();
        block_on(b.batch(ORG_INDEX, &org, ops)).unwrap();
        int_rows.extend(
            mappings
                .iter()
                .map(|m| mapping_to_entity(m, Index::Integration, None)),
        );
    }
    for chunk in int_rows.chunks(100) {
        let ops = chunk.iter().cloned().map(WriteOp::Insert).collect();
        block_on(b.batch(INTEGRATION_INDEX, "ninjaone", ops)).unwrap();
    }
    let out = s.ok(&["-vv", "list", "--integration", "ninjaone", "-o", "json"]);
    let listed: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1100);
    let pages = stderr(&out)
        .lines()
        .filter(|l| l.contains("/IntegrationMappings()"))
        .count();
    assert_eq!(pages, 2, "1,100 rows come in two pages: {}", stderr(&out));
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 1100);
    assert_eq!(
        s.json(&["doctor"])["healthy"],
        true,
        "both 1,100-row scans agree"
    );
    // More than 100 operations is refused before anything is sent.
    let too_many = (0..101)
        .map(|i| WriteOp::Upsert(Entity::new("p", i.to_string())))
        .collect();
    assert!(matches!(
        block_on(b.batch(ORG_INDEX, "p", too_many)),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn a_failed_batch_operation_fails_the_whole_batch() {
    let Some(s) = sandbox() else { return };
    let b = s.store();
    let mut existing = Entity::new("p", "2");
    existing.set("Name", "old");
    block_on(b.write("Scratch", WriteOp::Insert(existing))).unwrap();
    let ops: Vec<WriteOp> = ["1", "2", "3"]
        .iter()
        .map(|rk| {
            let mut e = Entity::new("p", *rk);
            e.set("Name", "new");
            WriteOp::Insert(e)
        })
        .collect();
    // The service answers 202 with the failed operation inside: it must still fail.
    assert_eq!(
        block_on(b.batch("Scratch", "p", ops)),
        Err(StoreError::AlreadyExists)
    );
    let rows = block_on(b.query("Scratch", &Query::partition("p"))).unwrap();
    assert_eq!(rows.len(), 1, "all or nothing");
    assert_eq!(rows[0].str("Name"), Some("old"));
}

#[test]
fn etags_make_updates_conditional() {
    let Some(s) = sandbox() else { return };
    let b = s.store();
    let mut e = Entity::new("o'brien", "r'1");
    e.set("Name", "a");
    let first = block_on(b.write("Scratch", WriteOp::Insert(e.clone())))
        .unwrap()
        .unwrap();
    assert_eq!(
        block_on(b.write("Scratch", WriteOp::Insert(e.clone()))),
        Err(StoreError::AlreadyExists)
    );
    let got = block_on(b.get("Scratch", "o'brien", "r'1"))
        .unwrap()
        .unwrap();
    assert_eq!(
        got.etag.as_deref(),
        Some(first.as_str()),
        "keys with quotes work"
    );
    e.set("Name", "b");
    let second = block_on(b.write(
        "Scratch",
        WriteOp::Replace {
            entity: e.clone(),
            if_match: first.clone(),
        },
    ))
    .unwrap()
    .unwrap();
    assert_ne!(first, second);
    e.set("Name", "c");
    assert_eq!(
        block_on(b.write(
            "Scratch",
            WriteOp::Replace {
                entity: e.clone(),
                if_match: first.clone()
            }
        )),
        Err(StoreError::PreconditionFailed),
        "a lost race is reported, never silently overwritten"
    );
    let delete = |m: &str| WriteOp::Delete {
        partition_key: "o'brien".into(),
        row_key: "r'1".into(),
        if_match: Some(m.to_owned()),
    };
    assert_eq!(
        block_on(b.write("Scratch", delete(&first))),
        Err(StoreError::PreconditionFailed)
    );
    block_on(b.write("Scratch", delete(&second))).unwrap();
    assert_eq!(block_on(b.get("Scratch", "o'brien", "r'1")).unwrap(), None);
    assert_eq!(
        block_on(b.write("Scratch", delete(&second))),
        Err(StoreError::NotFound)
    );
}

#[test]
fn org_ids_with_quotes_and_spaces_work_end_to_end() {
    let Some(s) = sandbox() else { return };
    s.ok(&[
        "orgs",
        "add",
        "--name",
        "O'Brien & Sons",
        "--id",
        "o'brien sons",
    ]);
    s.ok(&[
        "map",
        "o'brien sons",
        "halopsa",
        "--external-id",
        "it's 42",
        "--no-verify",
    ]);
    assert_eq!(
        s.json(&["get", "O'BRIEN & SONS", "halopsa"])["external_org_id"],
        "it's 42"
    );
    s.ok(&[
        "unmap",
        "o'brien sons",
        "halopsa",
        "--external-id",
        "it's 42",
        "--purge",
        "--yes",
    ]);
    assert!(s.raw_rows(ORG_INDEX).is_empty() && s.raw_rows(INTEGRATION_INDEX).is_empty());
}

fn is_write(r: &crate::common::proxy::Seen) -> bool {
    r.method != "GET"
}

#[test]
fn a_crash_between_the_index_writes_is_found_by_doctor_and_repaired() {
    let Some(direct) = sandbox() else { return };
    let port = azurite().unwrap().port;
    direct.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    // Every write to the integration index fails with ServerBusy, also after retries.
    let proxy = FaultProxy::start(
        port,
        Box::new(|r| {
            (is_write(r) && r.path.contains("/IntegrationMappings")).then_some((503, "ServerBusy"))
        }),
    );
    let faulty = through(&proxy, &direct, port);
    let out = faulty.run(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    assert_eq!(
        code(&out),
        6,
        "remote unavailable after retries: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("safe to retry"), "{}", stderr(&out));
    assert!(
        proxy.faults.load(std::sync::atomic::Ordering::SeqCst) > 1,
        "the 503 was retried"
    );

    // The org index (the truth) has the mapping; the integration index does not.
    assert_eq!(direct.raw_rows(ORG_INDEX).len(), 1);
    assert!(direct.raw_rows(INTEGRATION_INDEX).is_empty());
    let out = direct.run(&["doctor", "-o", "json"]);
    assert_eq!(code(&out), 4);
    let report: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["problems"][0]["kind"],
        "missing_in_integration_index"
    );
    assert!(
        report["checks"][1]["detail"]
            .as_str()
            .unwrap()
            .contains("Azure Table Storage"),
        "{report}"
    );

    let out = direct.run(&["doctor", "--repair", "--yes"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(direct.raw_rows(INTEGRATION_INDEX).len(), 1);
    assert_eq!(
        direct.json(&["list", "--integration", "halopsa"])[0]["external_org_id"],
        "42"
    );
}

#[test]
fn a_rerun_of_the_same_map_after_a_crash_converges() {
    let Some(direct) = sandbox() else { return };
    let port = azurite().unwrap().port;
    direct.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    let proxy = FaultProxy::start(
        port,
        Box::new(|r| {
            (is_write(r) && r.path.contains("/IntegrationMappings"))
                .then_some((403, "AuthorizationFailure"))
        }),
    );
    let faulty = through(&proxy, &direct, port);
    assert_eq!(
        code(&faulty.run(&[
            "map",
            "acme",
            "halopsa",
            "--external-id",
            "42",
            "--no-verify"
        ])),
        5
    );
    let out = direct.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    // The org's row alone was no mapping: completed under the rules, as new.
    assert!(stderr(&out).contains("Mapped"), "{}", stderr(&out));
    assert_eq!(direct.json(&["doctor"])["healthy"], true);
}

#[test]
fn transient_server_busy_answers_are_retried() {
    let Some(direct) = sandbox() else { return };
    let port = azurite().unwrap().port;
    let mut left = 2;
    let proxy = FaultProxy::start(
        port,
        Box::new(move |_| {
            (left > 0).then(|| {
                left -= 1;
                (503, "ServerBusy")
            })
        }),
    );
    let s = Sandbox::azure_at(proxy.connection_string(direct.azure.as_ref().unwrap(), port));
    let out = s.run(&["orgs", "add", "--name", "Acme", "--id", "acme"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(proxy.faults.load(std::sync::atomic::Ordering::SeqCst), 2);
    assert!(proxy.seen.lock().unwrap().len() >= 3);
}

#[test]
fn a_wrong_key_is_exit_5_naming_the_credential_and_never_the_key() {
    let Some(s) = sandbox() else { return };
    let wrong_key = "d3Jvbmcta2V5LXRoYXQtbXVzdC1uZXZlci1iZS1wcmludGVk";
    let conn = s.azure.as_ref().unwrap();
    let bad = Sandbox::azure_at(conn.replace(crate::common::azurite::KEY, wrong_key));
    for args in [
        vec!["orgs", "list"],
        vec!["-vvv", "orgs", "list"],
        vec!["orgs", "list", "-o", "json"],
        vec!["doctor"],
    ] {
        let out = bad.run(&args);
        assert_eq!(code(&out), 5, "{args:?}: {}", stderr(&out));
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            all.contains("account key") && all.contains("MAPCTL_STORAGE_CONNECTION_STRING"),
            "{all}"
        );
        assert!(!all.contains(wrong_key), "the key leaked: {all}");
    }
}

#[test]
fn an_unreachable_store_is_exit_6() {
    let Some(s) = sandbox() else { return };
    let refusing = crate::common::refusing_port();
    let dead = refusing.port;
    let conn = s.azure.as_ref().unwrap().replace(
        &format!("127.0.0.1:{}", azurite().unwrap().port),
        &format!("127.0.0.1:{dead}"),
    );
    let out = Sandbox::azure_at(conn.clone()).run(&["orgs", "list"]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    // With -v, what the error came from (the store's own error).
    let verbose = Sandbox::azure_at(conn.clone()).run(&["-v", "orgs", "list"]);
    assert!(
        stderr(&verbose).contains("caused by:"),
        "{}",
        stderr(&verbose)
    );
    assert!(!stderr(&out).contains("caused by:"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("127.0.0.1:{dead}")),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains(crate::common::azurite::KEY));
}

#[test]
fn commands_use_single_partition_queries_and_few_requests() {
    let Some(s) = sandbox() else { return };
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    s.ok(&[
        "map",
        "acme",
        "ninjaone",
        "--external-id",
        "1",
        "--no-verify",
    ]);
    let requests = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["-vv"];
        full.extend_from_slice(args);
        let out = s.ok(&full);
        stderr(&out)
            .lines()
            .filter(|l| l.starts_with("azure: "))
            .map(str::to_owned)
            .collect()
    };
    let list = requests(&["list", "--org", "acme"]);
    assert_eq!(
        list.len(),
        2,
        "the org lookup and one partition query: {list:?}"
    );
    assert!(
        list[1].contains("/OrgIntegrationMappings()") && list[1].contains("PartitionKey eq 'acme'"),
        "{list:?}"
    );
    let by_integration = requests(&["list", "--integration", "ninjaone"]);
    assert!(
        by_integration
            .iter()
            .any(|l| l.contains("/IntegrationMappings()")
                && l.contains("PartitionKey eq 'ninjaone'"))
    );
    let map = requests(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    assert_eq!(
        map.len(),
        14,
        "in three round trips: the org by id with five reads (the org's rows, the external org's in both indexes, its ignore record, the org's exclusion); the org row with its history row; the integration row with the five reads that check the rules against concurrent writers (the same but the org): {map:?}"
    );
    let add = requests(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "43",
        "--add",
        "--allow-shared",
        "--no-verify",
    ]);
    assert_eq!(
        add.len(),
        11,
        "with --add --allow-shared only the ignore record and the exclusion are read again: {add:?}"
    );
    let again = requests(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    assert_eq!(again.len(), 6, "an unchanged map only reads: {again:?}");
    // A refusal resting on a row the store wrote more than 5 s before (its
    // ETag says when) is final at once: no pause, no second read.
    // The clock moved 10 s on (MAPCTL_NOW) rather than a wait for it.
    let later = time::OffsetDateTime::now_utc() + time::Duration::seconds(10);
    let out = s
        .cmd()
        .env(
            "MAPCTL_NOW",
            later
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap(),
        )
        .args([
            "-vv",
            "map",
            "acme",
            "halopsa",
            "--external-id",
            "99",
            "--no-verify",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let err = stderr(&out);
    let refused: Vec<&str> = err.lines().filter(|l| l.starts_with("azure: ")).collect();
    assert_eq!(refused.len(), 6, "the org and the five reads: {refused:?}");
}

/// 20 orgs and a file of 1,000 mappings to apply (3,000 row writes with history).
fn seed_for_apply(direct: &Sandbox) -> std::path::PathBuf {
    let mut orgs = String::from("id,name,tenant_id\n");
    let mut records = Vec::new();
    for o in 0..20 {
        orgs.push_str(&format!("org-{o:02},Customer {o:02},\n"));
        for i in 0..50 {
            records.push(serde_json::json!({"org": format!("org-{o:02}"), "integration": if i % 2 == 0 { "halopsa" } else { "ninjaone" }, "external_org_id": format!("{o}-{i}")}));
        }
    }
    let orgs_file = direct.path("orgs.csv");
    std::fs::write(&orgs_file, orgs).unwrap();
    direct.ok(&["orgs", "import", "-f", orgs_file.to_str().unwrap()]);
    let file = direct.path("m.json");
    std::fs::write(&file, serde_json::to_string(&records).unwrap()).unwrap();
    // The tables exist already (a mapping of an integration the file does not name).
    direct.ok(&[
        "map",
        "org-00",
        "ninjaone",
        "--external-id",
        "t",
        "--no-verify",
    ]);

    file
}

#[test]
fn an_apply_that_fails_part_way_reports_it_and_a_rerun_converges() {
    let Some(direct) = sandbox() else { return };
    let port = azurite().unwrap().port;
    let file = seed_for_apply(&direct);
    // The service starts failing after the fifth batch, and keeps failing.
    let mut batches = 0;
    let proxy = FaultProxy::start(
        port,
        Box::new(move |r| {
            if r.path.ends_with("/$batch") {
                batches += 1;
                if batches > 5 {
                    return Some((503, "ServerBusy"));
                }
            }
            None
        }),
    );
    let faulty = through(&proxy, &direct, port);
    let out = faulty.run(&["apply", "-f", file.to_str().unwrap()]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("250 of 3000 row writes were applied"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("run the same `mapctl apply` again"),
        "{}",
        stderr(&out)
    );

    let out = direct.run(&["apply", "-f", file.to_str().unwrap(), "-o", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let summary: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        summary["created"].as_u64().unwrap() + summary["unchanged"].as_u64().unwrap(),
        1000
    );
    // What the failed run left half-written is said: repaired, not merely
    // unchanged.
    assert!(summary["repaired"].as_u64().unwrap() > 0, "{summary}");
    assert!(stderr(&out).contains("Repaired"), "{}", stderr(&out));
    assert_eq!(direct.raw_rows(ORG_INDEX).len(), 1001);
    assert_eq!(direct.raw_rows(INTEGRATION_INDEX).len(), 1001);
    assert_eq!(direct.json(&["doctor"])["healthy"], true);
    let again = direct.json(&["apply", "-f", file.to_str().unwrap()]);
    assert_eq!(again["unchanged"], 1000);
}

#[test]
fn a_store_that_dies_mid_apply_fails_fast_for_the_rest_of_the_run() {
    let Some(direct) = sandbox() else { return };
    let port = azurite().unwrap().port;
    let file = seed_for_apply(&direct);
    // After the fifth batch every connection is closed unanswered.
    let mut batches = 0;
    let proxy = FaultProxy::start(
        port,
        Box::new(move |r| {
            if r.path.ends_with("/$batch") {
                batches += 1;
            }
            (batches > 5).then_some((crate::common::proxy::DROP, ""))
        }),
    );
    let faulty = through(&proxy, &direct, port);
    let out = faulty.run(&["apply", "-f", file.to_str().unwrap()]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("250 of 3000 row writes were applied"),
        "{}",
        stderr(&out)
    );
    // The batches in flight when it died retry (5 attempts each); nothing
    // after them is tried: 35 batches were left, at most 8 were in flight.
    let dropped = proxy.faults.load(std::sync::atomic::Ordering::SeqCst);
    assert!(dropped <= 8 * 5, "{dropped} requests to a dead store");
    let out = direct.run(&["apply", "-f", file.to_str().unwrap(), "-o", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(direct.json(&["doctor"])["healthy"], true);
}

#[test]
fn an_interrupted_apply_says_how_far_it_got_and_how_to_finish() {
    let Some(direct) = sandbox() else { return };
    let port = azurite().unwrap().port;
    let file = seed_for_apply(&direct);
    // Slow batches, so that Ctrl-C lands mid-apply.
    let proxy = FaultProxy::start(
        port,
        Box::new(|r| {
            if r.path.ends_with("/$batch") {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            None
        }),
    );
    let faulty = through(&proxy, &direct, port);
    let child = faulty
        .std_cmd()
        .args(["apply", "-f", file.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let batches = || {
        proxy
            .seen
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path.ends_with("/$batch"))
            .count()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    // With at most 8 batches in flight, a tenth seen means some were applied.
    while batches() < 10 {
        assert!(std::time::Instant::now() < deadline, "no batch arrived");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(code(&out), 130, "{err}");
    assert!(
        err.contains("interrupted;") && err.contains("of 3000 row writes were applied"),
        "{err}"
    );
    assert!(
        err.contains("run the same `mapctl apply` again") && err.contains("doctor --repair"),
        "{err}"
    );
    let again = direct.json(&["apply", "-f", file.to_str().unwrap()]);
    assert_eq!(
        again["created"].as_u64().unwrap() + again["unchanged"].as_u64().unwrap(),
        1000
    );
    assert_eq!(direct.json(&["doctor"])["healthy"], true);
}
