//! Seeding from CI: `apply -f`, `export`, `orgs import`, on both backends.

use crate::common::{Sandbox, code, stderr, stdout};
use mapctl_core::store::{INTEGRATION_INDEX, ORG_INDEX, ORGANIZATIONS};
use serde_json::{Value, json};

on_both_backends!(
    a_file_with_bad_records_names_every_one_and_writes_nothing,
    apply_plans_writes_and_a_second_run_writes_nothing,
    export_round_trips_through_apply,
    prune_soft_deletes_what_the_file_no_longer_lists,
    csv_and_json_lines_files_apply_alike,
    orgs_import_is_validated_and_idempotent,
    hostile_input_is_refused_or_read_exactly,
    ignore_records_apply_and_export_round_trips_them,
    an_apply_never_maps_an_ignored_org_nor_ignores_a_mapped_one,
    doctor_reports_rules_broken_by_other_writers,
    a_repair_never_completes_a_half_written_mapping_into_two_owners,
    history_shows_the_newest_fifty_unless_asked,
);

fn write(s: &Sandbox, name: &str, text: &str) -> String {
    let p = s.path(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_owned()
}

/// 20 orgs, imported from CSV.
fn seed_orgs(s: &Sandbox) {
    let mut csv = String::from("id,name,tenant_id\n");
    for o in 0..20 {
        csv.push_str(&format!("org-{o:02},Customer {o:02},\n"));
    }
    let f = write(s, "orgs.csv", &csv);
    s.ok(&["orgs", "import", "-f", &f]);
}

fn records(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            json!({
                "org": format!("Customer {:02}", i % 20),
                "integration": if i % 2 == 0 { "halopsa" } else { "itglue" },
                "external_org_id": format!("ext-{i}"),
                "external_org_name": format!("External {i}"),
                "mapping_data": {"n": i},
            })
        })
        .collect()
}

fn all_rows(s: &Sandbox) -> Vec<mapctl_core::store::Entity> {
    let mut rows = s.raw_rows(ORG_INDEX);
    rows.extend(s.raw_rows(INTEGRATION_INDEX));
    rows
}

fn a_file_with_bad_records_names_every_one_and_writes_nothing(s: &Sandbox) {
    seed_orgs(s);
    let mut recs = records(1000);
    recs[99]["org"] = json!("Nobody Inc");
    recs[499]["integration"] = json!("halo/psa");
    recs[899]["external_org_id"] = json!("");
    let f = write(s, "m.json", &serde_json::to_string(&recs).unwrap());
    let out = s.run(&["apply", "-f", &f]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let err = stderr(&out);
    for n in ["record 100:", "record 500:", "record 900:"] {
        assert!(err.contains(n), "names {n}: {err}");
    }
    assert!(err.contains("3 problems"), "{err}");
    assert!(all_rows(s).is_empty(), "nothing written");

    // Under -o json the problems are listed in the error's details.
    let out = s.run(&["apply", "-f", &f, "-o", "json"]);
    let e: Value = serde_json::from_str(stderr(&out).trim()).unwrap();
    assert_eq!(e["error"]["kind"], "invalid_input");
    assert_eq!(e["error"]["details"].as_array().unwrap().len(), 3);

    // Malformed JSON names the line and column.
    let f = write(
        s,
        "broken.json",
        "[\n  {\"org\": \"Customer 00\",\n  oops\n]",
    );
    let out = s.run(&["apply", "-f", &f]);
    assert_eq!(code(&out), 7);
    assert!(stderr(&out).contains("line 3, column"), "{}", stderr(&out));
    assert!(all_rows(s).is_empty());
}

fn apply_plans_writes_and_a_second_run_writes_nothing(s: &Sandbox) {
    seed_orgs(s);
    let f = write(
        s,
        "m.json",
        &serde_json::to_string(&json!({"mappings": records(1000)})).unwrap(),
    );
    let plan: Value = s.json(&["apply", "-f", &f, "--dry-run"]);
    assert_eq!(plan["dry_run"], true);
    assert_eq!(plan["created"], 1000);
    assert_eq!(plan["changes"].as_array().unwrap().len(), 1000);
    assert_eq!(
        plan["changes"][0]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["action", "org_id", "integration_name", "external_org_id"]
    );
    assert!(all_rows(s).is_empty(), "a dry run writes nothing");

    let done = s.json(&["apply", "-f", &f]);
    assert_eq!(
        (
            done["dry_run"].clone(),
            done["created"].clone(),
            done["unchanged"].clone()
        ),
        (json!(false), json!(1000), json!(0))
    );
    assert_eq!(s.raw_rows(ORG_INDEX).len(), 1000);
    assert_eq!(s.raw_rows(INTEGRATION_INDEX).len(), 1000);
    let m = s.json(&[
        "get",
        "Customer 03",
        "itglue",
        "--mapping-id",
        &mapctl_core::model::mapping_id("org-03", "itglue", "ext-3"),
    ]);
    assert_eq!(m["mapping_data"], json!({"n": 3}));

    let before = all_rows(s);
    let again = s.json(&["apply", "-f", &f]);
    assert_eq!(
        (
            again["created"].clone(),
            again["updated"].clone(),
            again["unchanged"].clone()
        ),
        (json!(0), json!(0), json!(1000))
    );
    assert_eq!(
        all_rows(s),
        before,
        "a second run writes nothing (same rows, same ETags)"
    );

    // One changed record is one update.
    let mut recs = records(1000);
    recs[7]["external_org_name"] = json!("Renamed");
    let f2 = write(s, "m2.json", &serde_json::to_string(&recs).unwrap());
    let out = s.ok(&["apply", "-f", &f2]);
    assert!(
        stdout(&out).contains("update") && stdout(&out).contains("Renamed"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("Applied: 0 created, 1 updated, 999 unchanged, 0 deleted"),
        "{}",
        stdout(&out)
    );
    assert_eq!(s.json(&["doctor"])["healthy"], true);
}

fn export_round_trips_through_apply(s: &Sandbox) {
    seed_orgs(s);
    let f = write(s, "m.json", &serde_json::to_string(&records(60)).unwrap());
    s.ok(&["apply", "-f", &f]);
    s.ok(&[
        "map",
        "Customer 01",
        "ninjaone",
        "--external-id",
        "n1",
        "--name",
        "With, comma \"quoted\"",
        "--data",
        r#"{"k":[1,2]}"#,
        "--no-verify",
    ]);
    let exported = s.ok(&["export"]);
    let list: Value = serde_json::from_slice(&exported.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 61);
    assert_eq!(
        list[0].as_object().unwrap().keys().collect::<Vec<_>>(),
        [
            "org",
            "integration",
            "external_org_id",
            "external_org_name",
            "mapping_data"
        ]
    );
    let plan: Value = serde_json::from_slice(
        &s.cmd()
            .args(["apply", "--dry-run", "-f", "-", "-o", "json"])
            .write_stdin(exported.stdout)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(
        (
            plan["created"].clone(),
            plan["updated"].clone(),
            plan["unchanged"].clone()
        ),
        (json!(0), json!(0), json!(61))
    );

    for (flag, format) in [("csv", "csv"), ("ndjson", "jsonl")] {
        let out = s.ok(&["export", "-o", flag]);
        let applied = s
            .cmd()
            .args([
                "apply",
                "--dry-run",
                "-f",
                "-",
                "--format",
                format,
                "-o",
                "json",
            ])
            .write_stdin(out.stdout)
            .output()
            .unwrap();
        let plan: Value = serde_json::from_slice(&applied.stdout)
            .unwrap_or_else(|_| panic!("{}", stderr(&applied)));
        assert_eq!(plan["unchanged"], 61, "{flag}");
        assert_eq!(plan["changes"], json!([]), "{flag}");
    }
}

fn prune_soft_deletes_what_the_file_no_longer_lists(s: &Sandbox) {
    seed_orgs(s);
    let f = write(s, "m.json", &serde_json::to_string(&records(10)).unwrap());
    s.ok(&["apply", "-f", &f]);
    // A mapping of an integration the file does not name is never pruned.
    s.ok(&[
        "map",
        "Customer 00",
        "ninjaone",
        "--external-id",
        "keep-me",
        "--no-verify",
    ]);
    let fewer = write(
        s,
        "fewer.json",
        &serde_json::to_string(&records(10)[..6]).unwrap(),
    );
    let plan = s.json(&["apply", "-f", &fewer, "--prune", "--dry-run"]);
    assert_eq!(plan["deleted"], 4);
    // A script says yes to a bulk soft-delete, as to an unmap.
    let out = s.run(&["apply", "-f", &fewer, "--prune"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    let done = s.json(&["apply", "-f", &fewer, "--prune", "--yes"]);
    assert_eq!(done["deleted"], 4);
    assert!(
        done["changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["action"] == "delete")
    );
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 7);
    assert_eq!(
        s.json(&["list", "--all"]).as_array().unwrap().len(),
        11,
        "soft-deleted, not removed"
    );
    // Without --prune nothing is deleted, and applying the full file again reactivates.
    let again = s.json(&["apply", "-f", &f]);
    assert_eq!(
        (again["updated"].clone(), again["deleted"].clone()),
        (json!(4), json!(0))
    );
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 11);
}

fn csv_and_json_lines_files_apply_alike(s: &Sandbox) {
    seed_orgs(s);
    let csv = "org,integration,external_org_id,external_org_name,mapping_data\n\
               Customer 00,halopsa,1,\"Acme, Inc\",\"{\"\"site\"\":\"\"hq\"\"}\"\n\
               org-01,ninjarmm,2,Globex,\n";
    let f = write(s, "m.csv", csv);
    assert_eq!(s.json(&["apply", "-f", &f])["created"], 2);
    let m = s.json(&["get", "org-00", "halopsa"]);
    assert_eq!(
        (m["external_org_name"].clone(), m["mapping_data"].clone()),
        (json!("Acme, Inc"), json!({"site": "hq"}))
    );
    assert_eq!(
        s.json(&["get", "org-01", "ninjaone"])["external_org_name"],
        "Globex"
    );

    let jsonl = "{\"org\":\"org-00\",\"integration\":\"halopsa\",\"external_org_id\":\"1\"}\n\n{\"org\":\"org-01\",\"integration\":\"ninjaone\",\"external_org_id\":2}\n";
    let f = write(s, "m.jsonl", jsonl);
    let r = s.json(&["apply", "-f", &f]);
    assert_eq!(
        (r["created"].clone(), r["unchanged"].clone()),
        (json!(0), json!(2)),
        "absent names and data keep what is stored; numbers are ids"
    );

    let bad = write(
        s,
        "bad.csv",
        "org,integration,external_org_id\nCustomer 00,halopsa\norg-01,nope,3\n",
    );
    let out = s.run(&["apply", "-f", &bad]);
    assert_eq!(code(&out), 7);
    assert!(
        stderr(&out).contains("record 1, line 2") && stderr(&out).contains("record 2, line 3"),
        "{}",
        stderr(&out)
    );
    let bad = write(s, "bad.jsonl", "{\"org\":\"org-00\"}\n{oops\n");
    let out = s.run(&["apply", "-f", &bad]);
    assert!(
        stderr(&out).contains("record 2, line 2, column"),
        "{}",
        stderr(&out)
    );
    let out = s.run(&["apply", "-f", &write(s, "m.txt", "")]);
    assert_eq!(code(&out), 2, "the format cannot be told");
    assert!(stderr(&out).contains("--format"));
}

fn orgs_import_is_validated_and_idempotent(s: &Sandbox) {
    let f = write(
        s,
        "orgs.json",
        r#"[{"id":"acme","name":"Acme"},{"name":"Globex","tenant_id":"6B1D0C4E-0000-4000-8000-000000000001"}]"#,
    );
    let r = s.json(&["orgs", "import", "-f", &f]);
    assert_eq!(r["created"], 2);
    let before = s.raw_rows(ORGANIZATIONS);
    let r = s.json(&["orgs", "import", "-f", &f]);
    assert_eq!(
        (r["created"].clone(), r["unchanged"].clone()),
        (json!(0), json!(2)),
        "matched by id, else by name"
    );
    assert_eq!(s.raw_rows(ORGANIZATIONS), before);
    let renamed = write(s, "renamed.csv", "id,name,tenant_id\nacme,Acme Corp,\n");
    assert_eq!(s.json(&["orgs", "import", "-f", &renamed])["updated"], 1);
    assert_eq!(
        s.json(&["orgs", "list"])
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["name"] == "Acme Corp")
            .count(),
        1
    );
    let bad = write(
        s,
        "bad.csv",
        "id,name,tenant_id\na/b,Bad,\nok,,\nx,Dup,\ny,dup,\n",
    );
    let out = s.run(&["orgs", "import", "-f", &bad]);
    assert_eq!(code(&out), 7);
    for n in ["record 1", "record 2", "record 4"] {
        assert!(stderr(&out).contains(n), "{n}: {}", stderr(&out));
    }
    assert_eq!(
        s.json(&["orgs", "list"]).as_array().unwrap().len(),
        2,
        "nothing written"
    );
}

/// docs/reference.md's "Seeding from CI" example, exactly as committed.
#[test]
fn the_readme_seed_example_applies() {
    let s = Sandbox::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/seed");
    let orgs = dir.join("orgs.csv");
    let mappings = dir.join("mappings.json");
    s.ok(&["orgs", "import", "-f", orgs.to_str().unwrap()]);
    let first = s.json(&["apply", "-f", mappings.to_str().unwrap(), "--prune"]);
    assert_eq!(first["created"], 4);
    let second = s.json(&["apply", "-f", mappings.to_str().unwrap(), "--prune"]);
    assert_eq!(
        (second["unchanged"].clone(), second["created"].clone()),
        (json!(4), json!(0))
    );
    assert_eq!(
        s.json(&["get", "acme", "m365"])["integration_name"],
        "microsoft_graph"
    );
}

fn hostile_input_is_refused_or_read_exactly(s: &Sandbox) {
    s.seed_orgs();
    let before = all_rows(s).len();
    // An import may not give an existing org's name to another org: the
    // rule of `orgs add`, with its exit code (4, a conflict with the store).
    let f = write(s, "dup.csv", "id,name,tenant_id\nother,ACME corp,\n");
    let out = s.run(&["orgs", "import", "-f", &f]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(stderr(&out).contains("\"Acme Corp\""), "{}", stderr(&out));
    assert_eq!(s.json(&["orgs", "list"]).as_array().unwrap().len(), 2);
    // Numbers that JSON readers cannot keep exactly are refused, not rounded.
    for id in ["99999999999999999999", "1e2", "4.0"] {
        let f = write(
            s,
            "num.json",
            &format!(r#"[{{"org":"acme","integration":"halopsa","external_org_id":{id}}}]"#),
        );
        let out = s.run(&["apply", "-f", &f]);
        assert_eq!(code(&out), 7, "{id}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("write it as a string"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(all_rows(s).len(), before, "nothing written");
    // A blank external id is refused by map as by apply.
    let out = s.run(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "   ",
        "--no-verify",
    ]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    // Byte order marks are skipped; large integers keep every digit.
    let f = write(
        s,
        "bom.json",
        "\u{feff}[{\"org\":\"acme\",\"integration\":\"halopsa\",\"external_org_id\":18446744073709551615}]",
    );
    s.ok(&["apply", "-f", &f]);
    let f = write(
        s,
        "bom.jsonl",
        "\u{feff}{\"org\":\"globex\",\"integration\":\"halopsa\",\"external_org_id\":\"7\"}\n",
    );
    s.ok(&["apply", "-f", &f]);
    assert_eq!(
        s.json(&["get", "acme", "halopsa"])["external_org_id"],
        "18446744073709551615"
    );
    assert_eq!(
        s.json(&["get", "globex", "halopsa"])["external_org_id"],
        "7"
    );
}

fn ignore_records_apply_and_export_round_trips_them(s: &Sandbox) {
    s.seed_orgs();
    let f = write(
        s,
        "m.json",
        r#"[{"org":"acme","integration":"halopsa","external_org_id":"42","org_name":"Acme Corp","score":0.97,"confidence":"high","reason":"normalized_name"},
            {"integration":"halopsa","external_org_id":"1","external_org_name":"Our MSP","reason":"us","ignore":true},
            {"integration":"itglue","external_org_id":"t-test","ignore":true}]"#,
    );
    let plan = s.json(&["apply", "-f", &f, "--dry-run"]);
    assert_eq!(plan["created"], 3, "{plan}");
    let actions: Vec<&str> = plan["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["create", "ignore", "ignore"]);
    assert_eq!(plan["changes"][1]["org_id"], Value::Null);
    assert_eq!(
        s.json(&["discover", "halopsa", "--ignored"])
            .as_array()
            .unwrap()
            .len(),
        0,
        "dry run"
    );
    s.ok(&["apply", "-f", &f]);
    let ignored = s.json(&["discover", "halopsa", "--ignored"]);
    assert_eq!(ignored[0]["reason"], "us");
    assert_eq!(ignored[0]["external_org_name"], "Our MSP");
    assert_eq!(s.json(&["apply", "-f", &f])["unchanged"], 3, "idempotent");

    // Export carries them; fed back, it plans nothing, in JSON and CSV alike.
    let exported = s.json(&["export"]);
    let ignore_records: Vec<&Value> = exported
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ignore"] == true)
        .collect();
    assert_eq!(ignore_records.len(), 2, "{exported}");
    assert!(ignore_records.iter().all(|r| r.get("org").is_none()));
    let back = write(s, "back.json", &exported.to_string());
    let again = s.json(&["apply", "-f", &back, "--dry-run"]);
    assert_eq!(
        (again["created"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(3))
    );
    let csv = stdout(&s.ok(&["export", "-o", "csv"]));
    assert!(
        csv.starts_with(
            "org,integration,external_org_id,external_org_name,mapping_data,reason,ignore,exclude,reject\n"
        ),
        "{csv}"
    );
    let back = write(s, "back.csv", &csv);
    let again = s.json(&["apply", "-f", &back, "--dry-run"]);
    assert_eq!(again["created"], 0, "{again}");

    // An ignore record names no org; ignore must be a boolean.
    let bad = write(
        s,
        "bad.json",
        r#"[{"org":"acme","integration":"halopsa","external_org_id":"5","ignore":true},
            {"integration":"halopsa","external_org_id":"6","ignore":"maybe"}]"#,
    );
    let out = s.run(&["apply", "-f", &bad]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("names no org") && stderr(&out).contains("true or false"),
        "{}",
        stderr(&out)
    );
}

/// Mapped or ignored, never both, for apply files too: a file that maps an
/// ignored external org, or ignores a mapped one, is refused (exit 4) with
/// every conflict listed, before anything of it is written.
fn an_apply_never_maps_an_ignored_org_nor_ignores_a_mapped_one(s: &Sandbox) {
    s.ok(&["orgs", "add", "--id", "acme", "--name", "Acme"]);
    s.ok(&["orgs", "add", "--id", "globex", "--name", "Globex"]);
    s.ok(&[
        "ignore",
        "halopsa",
        "--external-id",
        "42",
        "--reason",
        "vendor",
    ]);
    let f = write(
        s,
        "maps-ignored.json",
        r#"[{"org":"acme","integration":"halopsa","external_org_id":"42"},
            {"org":"globex","integration":"halopsa","external_org_id":"43"}]"#,
    );
    let out = s.run(&["apply", "-f", &f]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("42 of halopsa is ignored"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("nothing was written"),
        "{}",
        stderr(&out)
    );
    assert!(
        s.json(&["list"]).as_array().unwrap().is_empty(),
        "not even globex"
    );

    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "7",
        "--no-verify",
    ]);
    let f = write(
        s,
        "ignores-mapped.json",
        r#"[{"org":"globex","integration":"halopsa","external_org_id":"43"},
            {"integration":"halopsa","external_org_id":"7","ignore":true}]"#,
    );
    let out = s.run(&["apply", "-f", &f]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("7 of halopsa is mapped to Acme"),
        "{}",
        stderr(&out)
    );
    let listed = s.json(&["list"]);
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "globex not written: {listed}"
    );
    let ignored = s.json(&["discover", "halopsa", "--ignored"]);
    assert_eq!(
        ignored.as_array().unwrap().len(),
        1,
        "7 not ignored: {ignored}"
    );

    // Pruning the mapping in the same file frees the external org to be ignored.
    let f = write(
        s,
        "prune-then-ignore.json",
        r#"[{"org":"globex","integration":"halopsa","external_org_id":"43"},
            {"integration":"halopsa","external_org_id":"7","ignore":true}]"#,
    );
    let out = s.run(&["apply", "-f", &f, "--prune", "--yes"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let ids: Vec<String> = s
        .json(&["list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["external_org_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["43"]);
    // And doctor finds the store healthy.
    assert_eq!(code(&s.run(&["doctor"])), 0);
}

/// Rows another writer made against the rules: doctor names an external
/// org both mapped and ignored, and a mapping whose org is gone (exit 4),
/// and warns about an external org with two owners.
fn doctor_reports_rules_broken_by_other_writers(s: &Sandbox) {
    use mapctl_core::store::{IGNORED_EXTERNAL_ORGS, WriteOp};
    s.ok(&["orgs", "add", "--id", "acme", "--name", "Acme"]);
    s.ok(&["orgs", "add", "--id", "globex", "--name", "Globex"]);
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    s.ok(&[
        "map",
        "globex",
        "halopsa",
        "--external-id",
        "42",
        "--allow-shared",
        "--no-verify",
    ]);
    let healthy = s.run(&["doctor"]);
    assert_eq!(code(&healthy), 0, "{}", stderr(&healthy));
    assert!(
        stdout(&healthy).contains("2 active owners"),
        "{}",
        stdout(&healthy)
    );

    // Another writer puts 42 on the ignore list behind mapctl's back.
    let mut e = mapctl_core::store::Entity::new(
        "halopsa",
        mapctl_core::store::ignore::row_key("halopsa", "42"),
    );
    e.set("IntegrationName", "halopsa");
    e.set("ExternalOrgId", "42");
    let store = s.store();
    crate::common::block_on(store.write(IGNORED_EXTERNAL_ORGS, WriteOp::Insert(e))).unwrap();
    let out = s.run(&["doctor", "-o", "json"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let kinds: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["mapped_and_ignored", "mapped_and_ignored"],
        "{report}"
    );
    assert_eq!(report["warnings"][0]["org_ids"], json!(["acme", "globex"]));
    assert!(stderr(&out).contains("unignore"), "{}", stderr(&out));

    // The org row of globex deleted by another writer.
    crate::common::block_on(store.write(
        ORGANIZATIONS,
        WriteOp::Delete {
            partition_key: "ORG".into(),
            row_key: "globex".into(),
            if_match: None,
        },
    ))
    .unwrap();
    let out = s.run(&["doctor", "-o", "json"]);
    assert_eq!(code(&out), 4);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(
        report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["kind"] == "org_missing"),
        "{report}"
    );
    // Its mappings are unmapped by the gone org's id, as doctor says.
    let out = s.run(&["unmap", "globex", "halopsa", "--all", "--yes"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let owners: Vec<String> = s
        .json(&["list", "--integration", "halopsa"])
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["org_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(owners, ["acme"]);
}

/// A proposal stopped after its org-index row, while another process
/// mapped the same external org to another org: doctor reports it, and
/// neither `doctor --repair` nor a re-run of the proposal completes it into
/// two owners.
fn a_repair_never_completes_a_half_written_mapping_into_two_owners(s: &Sandbox) {
    use mapctl_core::store::WriteOp;
    use mapctl_core::store::entity::{Index, mapping_to_entity};
    s.ok(&["orgs", "add", "--id", "acme", "--name", "Acme"]);
    s.ok(&["orgs", "add", "--id", "globex", "--name", "Globex"]);
    s.ok(&[
        "map",
        "globex",
        "halopsa",
        "--external-id",
        "100",
        "--no-verify",
    ]);
    let half = mapctl_core::model::Mapping {
        mapping_id: mapctl_core::model::mapping_id("acme", "halopsa", "100").into(),
        org_id: "acme".into(),
        integration_name: "halopsa".into(),
        external_org_id: "100".into(),
        external_org_name: "Acme Corp".into(),
        mapping_data: json!({}),
        is_active: true,
        created_at: "2026-12-01T00:00:00Z".into(),
        updated_at: "2026-12-01T00:00:00Z".into(),
        created_by: "a killed suggest".into(),
        ..Default::default()
    };
    let store = s.store();
    crate::common::block_on(store.write(
        ORG_INDEX,
        WriteOp::Insert(mapping_to_entity(&half, Index::Org, None)),
    ))
    .unwrap();
    let out = s.run(&["doctor", "-o", "json"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["problems"][0]["kind"], "contended", "{report}");
    let out = s.run(&["doctor", "--repair", "--yes"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let int_owners: Vec<String> = s
        .raw_rows(INTEGRATION_INDEX)
        .iter()
        .filter(|e| e.str("ExternalOrgId") == Some("100"))
        .map(|e| e.str("OrgId").unwrap().to_owned())
        .collect();
    assert_eq!(int_owners, ["globex"], "not completed into two owners");
}

/// `history` shows the newest 50 and says there are more; `--limit N` and
/// `--all` show what they say.
fn history_shows_the_newest_fifty_unless_asked(s: &Sandbox) {
    seed_orgs(s);
    let f = write(s, "m.json", &serde_json::to_string(&records(60)).unwrap());
    s.ok(&["apply", "-f", &f]);
    let out = s.run(&["history", "-o", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let shown: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown.len(), 50);
    assert!(
        stderr(&out).contains("--all shows more"),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.json(&["history", "--all"]).as_array().unwrap().len(), 60);
    assert_eq!(
        s.json(&["history", "--limit", "5"])
            .as_array()
            .unwrap()
            .len(),
        5
    );
}
