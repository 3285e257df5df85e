//! mapctl as users run it: the rules of contract §4 on the local store.

on_both_backends!(
    an_org_is_removed_with_a_question_and_never_with_mappings_left,
    unbounded_strings_are_refused_on_both_backends_before_anything_is_written,
    orgs_add_and_list_have_the_contract_shapes,
    map_prints_the_contract_mapping_and_a_remap_is_unchanged_with_no_write,
    a_second_external_org_needs_add_or_replace,
    a_shared_external_org_needs_allow_shared,
    get_is_not_found_ambiguous_or_exactly_one,
    unmap_soft_deletes_and_map_reactivates,
    unmap_without_a_terminal_needs_yes_and_changes_nothing,
    missing_arguments_without_a_terminal_are_usage_errors_naming_the_flag,
    map_without_discovery_asks_for_no_verify,
    bad_keys_and_values_are_refused_with_exit_7_and_nothing_written,
    errors_say_what_why_and_how_and_are_json_under_o_json,
    ambiguous_org_names_list_the_candidates,
    csv_and_ndjson_output,
    look_alike_integration_names_never_mix,
    doctor_finds_and_repairs_a_divergence,
    doctor_reports_rows_that_list_and_export_would_trip_on,
    concurrent_processes_make_one_mapping_per_triple,
    ten_processes_mapping_one_org_leave_one_active_mapping,
    orgs_racing_for_one_external_org_leave_one_owner,
    every_write_to_a_mapping_leaves_a_history_row,
    ignored_external_orgs_are_listed_and_taken_back_with_history,
);

use crate::common::{Sandbox, block_on, code, keys, stderr, stdout};
use mapctl_core::store::{
    INTEGRATION_INDEX, ORG_INDEX, ORGANIZATIONS, Query, Value as Prop, WriteOp,
};
use serde_json::Value;

const MAPPING_KEYS: [&str; 14] = [
    "mapping_id",
    "org_id",
    "org_name",
    "integration_name",
    "external_org_id",
    "external_org_name",
    "mapping_data",
    "is_active",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "last_tested_at",
    "last_test_result",
];

fn orgs_add_and_list_have_the_contract_shapes(s: &Sandbox) {
    let org = s.json(&[
        "orgs",
        "add",
        "--name",
        "Acme Corp",
        "--tenant-id",
        "6B1D0C4E-0000-4000-8000-000000000001",
    ]);
    assert_eq!(
        keys(&org),
        ["org_id", "name", "tenant_id", "domains", "is_active"]
    );
    assert_eq!(org["domains"], serde_json::json!([]));
    assert_eq!(org["name"], "Acme Corp");
    assert_eq!(org["tenant_id"], "6b1d0c4e-0000-4000-8000-000000000001");
    assert!(
        uuid::Uuid::parse_str(org["org_id"].as_str().unwrap()).is_ok(),
        "a GUID by default"
    );
    let list = s.json(&["orgs", "list"]);
    assert_eq!(list, Value::Array(vec![org]));
    if s.azure.is_none() {
        assert!(
            s.store_path().exists(),
            "the store file is created on first use"
        );
    }

    // Re-adding an org exactly as it is (same id and name) is a no-op, so setup scripts can re-run.
    s.ok(&["orgs", "add", "--name", "Globex", "--id", "globex"]);
    let out = s.ok(&["orgs", "add", "--name", "Globex", "--id", "globex"]);
    assert!(stderr(&out).contains("unchanged"));
    let out = s.run(&["orgs", "add", "--name", "Globex 2", "--id", "globex"]);
    assert_eq!(code(&out), 4, "the same id with another name is a conflict");
    let out = s.run(&["orgs", "add", "--name", "globex"]);
    assert_eq!(code(&out), 4, "names are unique, case-insensitively");
    assert_eq!(s.json(&["orgs", "list"]).as_array().unwrap().len(), 2);
    // One rule, one exit code, whichever command would break it.
    s.ok(&["orgs", "add", "--name", "Initech", "--id", "initech"]);
    let out = s.run(&["orgs", "update", "initech", "--name", "GLOBEX"]);
    assert_eq!(code(&out), 4, "update: {}", stderr(&out));
    assert!(stderr(&out).contains("globex"), "{}", stderr(&out));
    let file = s.path("clash.csv");
    std::fs::write(&file, "id,name,tenant_id\nnewco,Globex,\n").unwrap();
    let out = s.run(&["orgs", "import", "-f", file.to_str().unwrap()]);
    assert_eq!(code(&out), 4, "import: {}", stderr(&out));
    assert_eq!(s.json(&["orgs", "list"]).as_array().unwrap().len(), 3);
}

fn map_prints_the_contract_mapping_and_a_remap_is_unchanged_with_no_write(s: &Sandbox) {
    s.seed_orgs();
    let m = s.json(&[
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
    assert_eq!(keys(&m), MAPPING_KEYS);
    assert_eq!(m["org_id"], "acme");
    assert_eq!(m["org_name"], "Acme Corp");
    assert_eq!(m["integration_name"], "halopsa");
    assert_eq!(m["external_org_id"], "42");
    assert_eq!(m["external_org_name"], "Acme HQ");
    assert_eq!(m["mapping_data"], serde_json::json!({"site": "main"}));
    assert_eq!(m["is_active"], true);
    assert_eq!(m["created_by"], "tester@".to_owned() + &gethostname());
    assert_eq!(m["updated_by"], Value::Null);
    assert_eq!(
        m["mapping_id"],
        mapctl_core::model::mapping_id("acme", "halopsa", "42")
    );
    let ts = m["created_at"].as_str().unwrap();
    assert!(
        time::OffsetDateTime::parse(ts, &time::format_description::well_known::Rfc3339).is_ok()
            && ts.ends_with('Z'),
        "{ts}"
    );

    let before: Vec<_> = s
        .raw_rows(ORG_INDEX)
        .into_iter()
        .chain(s.raw_rows(INTEGRATION_INDEX))
        .collect();
    let out = s.run(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    assert_eq!(code(&out), 0);
    assert!(stderr(&out).contains("unchanged"), "{}", stderr(&out));
    let after: Vec<_> = s
        .raw_rows(ORG_INDEX)
        .into_iter()
        .chain(s.raw_rows(INTEGRATION_INDEX))
        .collect();
    assert_eq!(before, after, "no write: same rows, same ETags");
}

fn gethostname() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

fn a_second_external_org_needs_add_or_replace(s: &Sandbox) {
    s.seed_orgs();
    s.ok(&[
        "map",
        "acme",
        "m365",
        "--external-id",
        "6b1d0c4e-0000-4000-8000-000000000001",
        "--no-verify",
    ]);
    let out = s.run(&[
        "map",
        "acme",
        "m365",
        "--external-id",
        "6b1d0c4e-0000-4000-8000-000000000002",
        "--no-verify",
    ]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(stderr(&out).contains("--replace") && stderr(&out).contains("--add"));
    assert_eq!(
        s.json(&["list"]).as_array().unwrap().len(),
        1,
        "nothing written"
    );

    s.ok(&[
        "map",
        "acme",
        "m365",
        "--external-id",
        "6b1d0c4e-0000-4000-8000-000000000002",
        "--add",
        "--no-verify",
    ]);
    assert_eq!(
        s.json(&["list", "--org", "acme"]).as_array().unwrap().len(),
        2
    );

    let out = s.ok(&[
        "map",
        "acme",
        "microsoft_graph",
        "--external-id",
        "6b1d0c4e-0000-4000-8000-000000000003",
        "--replace",
        "--no-verify",
    ]);
    assert!(
        stderr(&out).contains("6b1d0c4e-0000-4000-8000-000000000001"),
        "names what it replaced: {}",
        stderr(&out)
    );
    let active = s.json(&["list", "--org", "acme"]);
    assert_eq!(active.as_array().unwrap().len(), 1);
    assert_eq!(
        active[0]["external_org_id"],
        "6b1d0c4e-0000-4000-8000-000000000003"
    );
    let all = s.json(&["list", "--org", "acme", "--all"]);
    assert_eq!(
        all.as_array().unwrap().len(),
        3,
        "replaced mappings are soft-deleted"
    );

    let out = s.run(&[
        "map",
        "acme",
        "m365",
        "--external-id",
        "x",
        "--add",
        "--replace",
        "--no-verify",
    ]);
    assert_eq!(code(&out), 2, "--add and --replace conflict");
}

fn a_shared_external_org_needs_allow_shared(s: &Sandbox) {
    s.seed_orgs();
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    let out = s.run(&[
        "map",
        "globex",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    assert_eq!(code(&out), 4);
    assert!(
        stderr(&out).contains("Acme Corp"),
        "names the other org: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--allow-shared"));
    let m = s.json(&[
        "map",
        "globex",
        "halopsa",
        "--external-id",
        "42",
        "--allow-shared",
        "--no-verify",
    ]);
    assert_eq!(m["org_id"], "globex");
    assert_eq!(
        s.json(&["list", "--integration", "halopsa"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

fn get_is_not_found_ambiguous_or_exactly_one(s: &Sandbox) {
    s.seed_orgs();
    let out = s.run(&["get", "acme", "halopsa"]);
    assert_eq!(code(&out), 3);
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "1",
        "--no-verify",
    ]);
    let one = s.json(&["get", "acme", "halopsa"]);
    assert_eq!(one["external_org_id"], "1");
    assert_eq!(keys(&one), MAPPING_KEYS);
    let second = s.json(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "2",
        "--add",
        "--no-verify",
    ]);
    let out = s.run(&["get", "acme", "halopsa"]);
    assert_eq!(code(&out), 4);
    assert!(
        stderr(&out).contains(one["mapping_id"].as_str().unwrap()),
        "lists them: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains(second["mapping_id"].as_str().unwrap()));
    let picked = s.json(&[
        "get",
        "acme",
        "halopsa",
        "--mapping-id",
        second["mapping_id"].as_str().unwrap(),
    ]);
    assert_eq!(picked["external_org_id"], "2");
    // By name, case-insensitively.
    assert_eq!(
        code(&s.run(&[
            "get",
            "ACME CORP",
            "halopsa",
            "--mapping-id",
            second["mapping_id"].as_str().unwrap()
        ])),
        0
    );
}

fn unmap_soft_deletes_and_map_reactivates(s: &Sandbox) {
    s.seed_orgs();
    let created = s.json(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    let gone = s.json(&["unmap", "acme", "halopsa", "--yes"]);
    assert_eq!(gone[0]["is_active"], false);
    assert_eq!(gone[0]["updated_by"], created["created_by"]);
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 0);
    let all = s.json(&["list", "--all"]);
    assert_eq!(all[0]["is_active"], false);
    assert_eq!(code(&s.run(&["get", "acme", "halopsa"])), 3);
    assert_eq!(
        code(&s.run(&["unmap", "acme", "halopsa", "--yes"])),
        3,
        "nothing active left"
    );

    let out = s.run(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
        "-o",
        "json",
    ]);
    assert!(stderr(&out).contains("Reactivated"), "{}", stderr(&out));
    let back: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(back["mapping_id"], created["mapping_id"]);
    assert_eq!(back["created_at"], created["created_at"]);
    assert_eq!(back["is_active"], true);

    s.ok(&[
        "unmap",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--purge",
        "--yes",
    ]);
    assert_eq!(s.json(&["list", "--all"]).as_array().unwrap().len(), 0);
    assert!(s.raw_rows(ORG_INDEX).is_empty() && s.raw_rows(INTEGRATION_INDEX).is_empty());
}

fn unmap_without_a_terminal_needs_yes_and_changes_nothing(s: &Sandbox) {
    s.seed_orgs();
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    let before = s.raw_rows(ORG_INDEX);
    let out = s
        .cmd()
        .args(["unmap", "acme", "halopsa"])
        .write_stdin("y\n")
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(s.raw_rows(ORG_INDEX), before);
    for (k, v) in [("CI", "true"), ("MAPCTL_NO_INPUT", "1")] {
        let out = s
            .cmd()
            .env(k, v)
            .args(["unmap", "acme", "halopsa"])
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{k}={v}");
    }
    assert_eq!(s.raw_rows(ORG_INDEX), before);
}

fn missing_arguments_without_a_terminal_are_usage_errors_naming_the_flag(s: &Sandbox) {
    s.seed_orgs();
    let out = s
        .cmd()
        .args(["map", "acme", "halopsa", "--no-verify"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--external-id"), "{}", stderr(&out));
    let out = s.run(&["map"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("mapctl map <org> <integration>"),
        "{}",
        stderr(&out)
    );
    let out = s.run(&["get", "acme"]);
    assert_eq!(code(&out), 2, "the missing integration is named");
    assert!(
        stderr(&out).contains("missing the integration (mapctl get <org> <integration>)"),
        "{}",
        stderr(&out)
    );
}

fn map_without_discovery_asks_for_no_verify(s: &Sandbox) {
    s.write_config("[integrations.halopsa_eu]\nbase_url = \"https://eu.halo.example\"\n");
    s.seed_orgs();
    // A declared integration without list_path cannot verify.
    let out = s.run(&["map", "acme", "halopsa_eu", "--external-id", "42"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--no-verify"));
    // A built-in that is not configured says what is missing.
    let out = s.run(&["map", "acme", "halopsa", "--external-id", "42"]);
    assert_eq!(code(&out), 7);
    assert!(
        stderr(&out).contains("integrations.halopsa.base_url"),
        "{}",
        stderr(&out)
    );
    assert!(s.raw_rows(ORG_INDEX).is_empty());
}

fn bad_keys_and_values_are_refused_with_exit_7_and_nothing_written(s: &Sandbox) {
    for bad in ["a/b", "a\\b", "a#b", "a?b", "a\u{1}b"] {
        let out = s.run(&["orgs", "add", "--name", "Bad", "--id", bad]);
        assert_eq!(code(&out), 7, "{bad:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("forbids"),
            "says why: {}",
            stderr(&out)
        );
    }
    assert_eq!(
        code(&s.run(&["orgs", "add", "--name", "Bad", "--tenant-id", "not-a-guid"])),
        7
    );
    assert_eq!(s.json(&["orgs", "list", "--all"]), serde_json::json!([]));

    s.seed_orgs();
    let long = "x".repeat(201);
    for args in [
        vec![
            "map",
            "acme",
            "halopsa",
            "--external-id",
            &long,
            "--no-verify",
        ],
        vec![
            "map",
            "acme",
            "halopsa",
            "--external-id",
            "1",
            "--data",
            "[1]",
            "--no-verify",
        ],
        vec![
            "map",
            "acme",
            "halopsa",
            "--external-id",
            "1",
            "--data",
            "{oops",
            "--no-verify",
        ],
        vec![
            "map",
            "acme",
            "halopsa",
            "--external-id",
            "1",
            "--name",
            "tab\there",
            "--no-verify",
        ],
    ] {
        let out = s.run(&args);
        assert_eq!(code(&out), 7, "{args:?}: {}", stderr(&out));
    }
    assert!(s.raw_rows(ORG_INDEX).is_empty());
    assert!(s.raw_rows(INTEGRATION_INDEX).is_empty());
}

fn errors_say_what_why_and_how_and_are_json_under_o_json(s: &Sandbox) {
    s.seed_orgs();
    let out = s.run(&["get", "nobody", "halopsa"]);
    assert_eq!(code(&out), 3);
    let err = stderr(&out);
    assert!(
        err.starts_with("error: ") && err.contains("hint: "),
        "{err}"
    );
    assert!(stdout(&out).is_empty(), "errors never go to stdout");

    let out = s.run(&["get", "nobody", "halopsa", "-o", "json"]);
    let err_text = stderr(&out);
    let lines: Vec<&str> = err_text.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {lines:?}");
    let e: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(e["error"]["kind"], "not_found");
    assert!(e["error"]["message"].as_str().unwrap().contains("nobody"));
    assert!(e["error"]["hint"].as_str().unwrap().contains("orgs list"));

    let out = s.run(&["list", "--integration", "halopas", "-o", "json"]);
    assert_eq!(code(&out), 3);
    let e: Value = serde_json::from_str(stderr(&out).trim()).unwrap();
    assert!(
        e["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("did you mean halopsa")
    );
}

fn ambiguous_org_names_list_the_candidates(s: &Sandbox) {
    s.seed_orgs();
    // Another writer (the platform) created a second org with the same name.
    let b = s.store();
    let mut e = mapctl_core::store::Entity::new("ORG", "acme-2");
    e.set("Name", "ACME CORP");
    e.set("IsActive", true);
    block_on(b.write(mapctl_core::store::ORGANIZATIONS, WriteOp::Insert(e))).unwrap();
    let out = s.run(&["list", "--org", "acme corp"]);
    assert_eq!(code(&out), 4);
    assert!(
        stderr(&out).contains("Acme Corp (acme)") && stderr(&out).contains("ACME CORP (acme-2)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        code(&s.run(&["list", "--org", "acme-2"])),
        0,
        "the id still works"
    );
}

fn csv_and_ndjson_output(s: &Sandbox) {
    s.seed_orgs();
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "4,2",
        "--name",
        "Acme \"HQ\"",
        "--no-verify",
    ]);
    s.ok(&[
        "map",
        "globex",
        "ninjarmm",
        "--external-id",
        "7",
        "--no-verify",
    ]);
    let out = s.ok(&["list", "-o", "csv"]);
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, MAPPING_KEYS);
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][4], "4,2");
    assert_eq!(&rows[0][5], "Acme \"HQ\"");
    assert_eq!(
        &rows[1][3], "ninjaone",
        "aliases are stored under the canonical name"
    );
    let out = s.ok(&["list", "-o", "ndjson"]);
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let out = s.ok(&["orgs", "list", "-o", "csv"]);
    assert!(stdout(&out).starts_with("org_id,name,tenant_id,domains,is_active\n"));
}

#[test]
fn config_precedence_is_flags_then_env_then_file() {
    let s = Sandbox::new();
    let file_store = s.path("file.db");
    s.write_config(&format!(
        "output = \"json\"\nactor = \"file-actor\"\n[store]\npath = {:?}\n",
        file_store.display().to_string()
    ));
    // The file's output and store apply.
    let org = s.json(&["orgs", "add", "--name", "Acme"]);
    assert_eq!(org["name"], "Acme");
    assert!(file_store.exists());
    let out = s.ok(&["orgs", "list"]);
    assert!(
        serde_json::from_slice::<Value>(&out.stdout).is_ok(),
        "output = json from the file"
    );
    // The environment wins over the file.
    let out = s
        .cmd()
        .env("MAPCTL_OUTPUT", "csv")
        .args(["orgs", "list"])
        .output()
        .unwrap();
    assert!(stdout(&out).starts_with("org_id,name"), "{}", stdout(&out));
    let env_store = s.path("env.db");
    s.cmd()
        .env("MAPCTL_STORE_PATH", &env_store)
        .args(["orgs", "add", "--name", "Globex"])
        .assert()
        .success();
    assert!(env_store.exists());
    let out = s
        .cmd()
        .env("MAPCTL_STORE_PATH", &env_store)
        .args(["orgs", "list", "-o", "json"])
        .output()
        .unwrap();
    let orgs: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(orgs.as_array().unwrap().len(), 1, "a different store");
    // Flags win over the environment.
    let out = s
        .cmd()
        .env("MAPCTL_OUTPUT", "csv")
        .args(["orgs", "list", "-o", "ndjson"])
        .output()
        .unwrap();
    assert!(serde_json::from_str::<Value>(stdout(&out).lines().next().unwrap()).is_ok());
    // The actor comes from the file.
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "1",
        "--no-verify",
    ]);
    assert_eq!(
        s.json(&["get", "acme", "halopsa"])["created_by"],
        "file-actor"
    );
    let out = s
        .cmd()
        .env("MAPCTL_ACTOR", "env-actor")
        .args([
            "map",
            "acme",
            "ninjaone",
            "--external-id",
            "1",
            "--no-verify",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap()["created_by"],
        "env-actor"
    );
}

#[test]
fn config_file_flag_beats_mapctl_config() {
    let s = Sandbox::new();
    let a = s.path("a.toml");
    let b = s.path("b.toml");
    std::fs::write(&a, "output = \"csv\"\n").unwrap();
    std::fs::write(&b, "output = \"json\"\n").unwrap();
    let out = s
        .cmd()
        .env("MAPCTL_CONFIG", &a)
        .args(["orgs", "list"])
        .output()
        .unwrap();
    assert!(stdout(&out).starts_with("org_id"), "MAPCTL_CONFIG is read");
    let out = s
        .cmd()
        .env("MAPCTL_CONFIG", &a)
        .args(["--config", b.to_str().unwrap(), "orgs", "list"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out).trim(), "[]", "--config wins");
}

#[test]
fn a_broken_config_names_file_line_and_key() {
    let s = Sandbox::new();
    s.write_config("actor = \"x\"\n[store]\nbackend = \"local\"\npth = \"/tmp/x.db\"\n");
    let out = s.run(&["orgs", "list"]);
    assert_eq!(code(&out), 7);
    let err = stderr(&out);
    assert!(err.contains(s.config_path().to_str().unwrap()), "{err}");
    assert!(err.contains("line 4") && err.contains("pth"), "{err}");

    let out = s.run(&["--config", "/nonexistent/mapctl.toml", "orgs", "list"]);
    assert_eq!(code(&out), 7, "a missing file named explicitly is an error");
    assert!(stderr(&out).contains("/nonexistent/mapctl.toml"));

    let s = Sandbox::new();
    s.write_config("output = \"yaml\"\n");
    assert_eq!(code(&s.run(&["orgs", "list"])), 7);
    // Completions and the man page need no config.
    assert_eq!(code(&s.run(&["completions", "bash"])), 0);
}

fn look_alike_integration_names_never_mix(s: &Sandbox) {
    s.write_config("[integrations.halopsa_eu]\ndisplay_name = \"HaloPSA (EU)\"\nbase_url = \"https://eu.halo.example\"\n");
    s.seed_orgs();
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "1",
        "--no-verify",
    ]);
    s.ok(&[
        "map",
        "acme",
        "halopsa_eu",
        "--external-id",
        "2",
        "--no-verify",
    ]);
    s.ok(&[
        "map",
        "globex",
        "halopsa_eu",
        "--external-id",
        "1",
        "--no-verify",
    ]);
    assert_eq!(s.json(&["get", "acme", "halopsa"])["external_org_id"], "1");
    assert_eq!(
        s.json(&["get", "acme", "halopsa_eu"])["external_org_id"],
        "2"
    );
    let halo = s.json(&["list", "--integration", "halopsa"]);
    assert_eq!(halo.as_array().unwrap().len(), 1);
    assert_eq!(halo[0]["integration_name"], "halopsa");
    let eu = s.json(&["list", "--integration", "halopsa_eu"]);
    assert_eq!(eu.as_array().unwrap().len(), 2);
    assert_eq!(
        s.json(&["list", "--org", "acme", "--integration", "halopsa"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    s.ok(&["unmap", "acme", "halopsa", "--yes"]);
    assert_eq!(s.json(&["get", "acme", "halopsa_eu"])["is_active"], true);
    let integrations = s.json(&["integrations"]);
    let eu = integrations
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "halopsa_eu")
        .unwrap();
    assert_eq!(eu["display_name"], "HaloPSA (EU)");
    assert_eq!(eu["configured"], true);
    assert_eq!(eu["defined_in"], s.config_path().to_str().unwrap());
}

#[test]
fn integrations_lists_the_built_ins_with_aliases() {
    let s = Sandbox::new();
    let list = s.json(&["integrations"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names[..8],
        [
            "halopsa",
            "ninjaone",
            "microsoft_graph",
            "connectwise",
            "autotask",
            "datto_rmm",
            "itglue",
            "hudu"
        ]
    );
    assert_eq!(
        names.len(),
        23,
        "the eight and the rest of the stack: {names:?}"
    );
    assert_eq!(
        keys(&list[0]),
        [
            "name",
            "display_name",
            "aliases",
            "discovery",
            "category",
            "configured",
            "defined_in"
        ]
    );
    assert_eq!(list[0]["category"], "psa");
    assert_eq!(list[2]["aliases"], serde_json::json!(["m365"]));
    assert_eq!(list[0]["configured"], false);
    assert!(
        !s.store_path().exists(),
        "listing integrations does not touch the store"
    );
}

fn doctor_finds_and_repairs_a_divergence(s: &Sandbox) {
    s.seed_orgs();
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "1",
        "--no-verify",
    ]);
    s.ok(&[
        "map",
        "globex",
        "halopsa",
        "--external-id",
        "2",
        "--no-verify",
    ]);
    let report = s.json(&["doctor"]);
    assert_eq!(report["healthy"], true);

    // Simulate a crash between the two index writes: the integration row is gone.
    let b = s.store();
    let int = block_on(b.query(INTEGRATION_INDEX, &Query::partition("halopsa"))).unwrap();
    let victim = &int[0];
    block_on(b.write(
        INTEGRATION_INDEX,
        WriteOp::Delete {
            partition_key: victim.partition_key.clone(),
            row_key: victim.row_key.clone(),
            if_match: None,
        },
    ))
    .unwrap();

    let out = s.run(&["doctor", "-o", "json"]);
    assert_eq!(code(&out), 4);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["healthy"], false);
    assert_eq!(
        report["problems"][0]["kind"],
        "missing_in_integration_index"
    );
    assert!(stderr(&out).contains("doctor --repair"));

    let out = s.run(&["doctor", "--repair"]);
    assert_eq!(code(&out), 2, "no terminal: --repair needs --yes");
    assert_eq!(code(&s.run(&["doctor"])), 4, "and nothing was repaired");

    let out = s.run(&["doctor", "--repair", "--yes", "-o", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["repaired"], 1);
    assert_eq!(report["healthy"], true);
    assert_eq!(code(&s.run(&["doctor"])), 0);
    assert_eq!(s.raw_rows(INTEGRATION_INDEX).len(), 2);
}

#[test]
fn completions_and_man_page_print() {
    let s = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = s.ok(&["completions", shell]);
        assert!(stdout(&out).contains("mapctl"), "{shell}");
    }
    let out = s.ok(&["man"]);
    assert!(
        stdout(&out).starts_with(".ie") || stdout(&out).contains(".TH mapctl"),
        "{}",
        &stdout(&out)[..80]
    );
    assert_eq!(code(&s.run(&["completions", "tcsh"])), 2);
}

#[test]
fn help_and_version() {
    let s = Sandbox::new();
    let out = s.ok(&["--help"]);
    for word in [
        "map",
        "unmap",
        "list",
        "get",
        "orgs",
        "doctor",
        "integrations",
        "--output",
        "--no-input",
        "Exit codes",
    ] {
        assert!(stdout(&out).contains(word), "{word}");
    }
    let out = s.ok(&["-v", "orgs", "list"]);
    assert!(
        stderr(&out).contains("store: local store") && stderr(&out).contains("actor: tester@"),
        "{}",
        stderr(&out)
    );
    let out = s.ok(&["--version"]);
    assert!(stdout(&out).starts_with("mapctl "));
}

#[test]
fn an_unwritable_store_is_a_clear_error() {
    let s = Sandbox::new();
    let blocker = s.path("file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let out = s
        .cmd()
        .env("MAPCTL_STORE_PATH", blocker.join("mapctl.db"))
        .args(["orgs", "list"])
        .output()
        .unwrap();
    assert_ne!(code(&out), 0);
    assert!(
        stderr(&out).contains("MAPCTL_STORE_PATH"),
        "{}",
        stderr(&out)
    );
}

fn concurrent_processes_make_one_mapping_per_triple(s: &Sandbox) {
    s.seed_orgs();
    let children: Vec<_> = (0..8)
        .map(|_| {
            s.std_cmd()
                .args([
                    "map",
                    "acme",
                    "halopsa",
                    "--external-id",
                    "42",
                    "--no-verify",
                    "-q",
                ])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    assert_eq!(s.raw_rows(ORG_INDEX).len(), 1);
    assert_eq!(s.raw_rows(INTEGRATION_INDEX).len(), 1);

    // Eight processes, eight triples: eight mappings, in both indexes.
    let children: Vec<_> = (0..8)
        .map(|i| {
            s.std_cmd()
                .args([
                    "map",
                    "globex",
                    "m365",
                    "--external-id",
                    &format!("6b1d0c4e-0000-4000-8000-00000000000{i}"),
                    "--add",
                    "--no-verify",
                    "-q",
                ])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    assert_eq!(
        s.json(&["list", "--org", "globex"])
            .as_array()
            .unwrap()
            .len(),
        8
    );
    assert_eq!(s.raw_rows(ORG_INDEX).len(), 9);
    assert_eq!(s.raw_rows(INTEGRATION_INDEX).len(), 9);
    assert_eq!(s.json(&["doctor"])["healthy"], true);
}

#[test]
fn colour_and_quiet_follow_their_flags() {
    let s = Sandbox::new();
    s.seed_orgs();
    let out = s.run(&["--color", "always", "get", "acme", "halopsa"]);
    assert!(
        stderr(&out).contains("\x1b["),
        "--color always paints: {:?}",
        stderr(&out)
    );
    for args in [
        vec!["--color", "never", "get", "acme", "halopsa"],
        vec!["get", "acme", "halopsa"],
    ] {
        let out = s.run(&args);
        assert!(
            !stderr(&out).contains("\x1b["),
            "{args:?}: no colour without a terminal or with never"
        );
    }
    let out = s
        .cmd()
        .env("NO_COLOR", "1")
        .args(["--color", "auto", "get", "acme", "halopsa"])
        .output()
        .unwrap();
    assert!(!stderr(&out).contains("\x1b["));
    // -q leaves data and errors only.
    let out = s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "1",
        "--no-verify",
        "-q",
        "-o",
        "json",
    ]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert!(serde_json::from_slice::<Value>(&out.stdout).is_ok());
    let out = s.run(&["-q", "get", "globex", "halopsa"]);
    assert_eq!(code(&out), 3);
    assert!(
        stderr(&out).starts_with("error: "),
        "errors still show with -q"
    );
}

fn doctor_reports_rows_that_list_and_export_would_trip_on(s: &Sandbox) {
    s.seed_orgs();
    for (org, id) in [("acme", "1"), ("globex", "2")] {
        s.ok(&["map", org, "halopsa", "--external-id", id, "--no-verify"]);
    }
    let b = s.store();
    // Another writer's damage, the same on both index rows of each mapping.
    for table in [ORG_INDEX, INTEGRATION_INDEX] {
        for mut row in block_on(b.query(table, &Query::all())).unwrap() {
            if row.str("OrgId") == Some("acme") {
                row.set("MappingData", "not json");
                row.set("UpdatedAt", "yesterday");
            } else {
                row.properties.remove("ExternalOrgId");
            }
            block_on(b.write(table, WriteOp::Upsert(row))).unwrap();
        }
    }
    let mut org = block_on(b.get(ORGANIZATIONS, "ORG", "globex"))
        .unwrap()
        .unwrap();
    org.properties.insert("Name".into(), Prop::Int64(42));
    block_on(b.write(ORGANIZATIONS, WriteOp::Upsert(org))).unwrap();

    let out = s.run(&["doctor", "-o", "json"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = report["problems"].as_array().unwrap();
    let detail = |what: &str| {
        problems
            .iter()
            .find(|p| p["kind"] == "malformed" && p["detail"].as_str().unwrap().starts_with(what))
            .unwrap_or_else(|| panic!("no {what} problem: {problems:#?}"))
    };
    assert!(
        detail("MappingData")["detail"]
            .as_str()
            .unwrap()
            .contains("{}")
    );
    assert!(
        detail("UpdatedAt")["detail"]
            .as_str()
            .unwrap()
            .contains("2026-01-15T10:30:00Z")
    );
    assert!(
        detail("ExternalOrgId")["detail"]
            .as_str()
            .unwrap()
            .contains("--purge")
    );
    assert_eq!(detail("Name")["table"], "Organizations");
    assert!(stderr(&out).contains("row problem"), "{}", stderr(&out));
}

/// Starts all at once; returns each one's exit code and stderr, in order.
fn race(s: &Sandbox, commands: Vec<Vec<String>>) -> Vec<(i32, String)> {
    let children: Vec<_> = commands
        .iter()
        .map(|args| {
            s.std_cmd()
                .args(args)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            (code(&out), stderr(&out))
        })
        .collect()
}

fn ten_processes_mapping_one_org_leave_one_active_mapping(s: &Sandbox) {
    s.seed_orgs();
    let commands = (0..10)
        .map(|i| {
            [
                "map",
                "acme",
                "halopsa",
                "--external-id",
                &format!("c{i}"),
                "--no-verify",
            ]
            .map(String::from)
            .to_vec()
        })
        .collect();
    let results = race(s, commands);
    let winners: Vec<usize> = (0..10).filter(|i| results[*i].0 == 0).collect();
    assert_eq!(winners.len(), 1, "exactly one contender wins: {results:#?}");
    let winner = format!("c{}", winners[0]);
    for (code, err) in results.iter().filter(|(c, _)| *c != 0) {
        assert_eq!(*code, 4, "{err}");
        assert!(
            err.contains(&winner) || err.contains("gave up"),
            "a loser names the winner {winner}: {err}"
        );
    }
    let active = s.json(&["list", "--org", "acme", "--integration", "halopsa"]);
    let active = active.as_array().unwrap();
    assert_eq!(active.len(), 1, "{active:#?}");
    assert_eq!(active[0]["external_org_id"], winner.as_str());
    assert_eq!(s.json(&["doctor"])["healthy"], true);
}

fn orgs_racing_for_one_external_org_leave_one_owner(s: &Sandbox) {
    let orgs = ["a1", "a2", "a3", "a4"];
    for o in orgs {
        s.ok(&["orgs", "add", "--name", &format!("Org {o}"), "--id", o]);
    }
    let commands = orgs
        .iter()
        .map(|o| {
            ["map", o, "halopsa", "--external-id", "42", "--no-verify"]
                .map(String::from)
                .to_vec()
        })
        .collect();
    let results = race(s, commands);
    let winners: Vec<&str> = orgs
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.0 == 0)
        .map(|(o, _)| *o)
        .collect();
    assert_eq!(winners.len(), 1, "exactly one owner: {results:#?}");
    for (code, err) in results.iter().filter(|(c, _)| *c != 0) {
        assert_eq!(*code, 4, "{err}");
        assert!(
            err.contains(winners[0]) || err.contains("gave up"),
            "a loser names the owner {}: {err}",
            winners[0]
        );
    }
    let active = s.json(&["list", "--integration", "halopsa"]);
    assert_eq!(active.as_array().unwrap().len(), 1, "{active:#}");
    assert_eq!(s.json(&["doctor"])["healthy"], true);
}

fn every_write_to_a_mapping_leaves_a_history_row(s: &Sandbox) {
    s.seed_orgs();
    let map = [
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ];
    s.ok(&map);
    s.ok(&[&map[..], &["--name", "Acme Corp"]].concat());
    s.ok(&["unmap", "acme", "halopsa", "--yes"]);
    s.ok(&map);
    let file = s.path("m.json");
    std::fs::write(
        &file,
        r#"[{"org":"globex","integration":"ninjaone","external_org_id":"7"}]"#,
    )
    .unwrap();
    s.ok(&["apply", "-f", file.to_str().unwrap()]);
    s.ok(&["unmap", "acme", "halopsa", "--purge", "--yes"]);

    let history = s.json(&["history"]);
    let rows = history.as_array().unwrap();
    assert_eq!(
        keys(&rows[0]),
        [
            "at",
            "actor",
            "action",
            "org_id",
            "integration_name",
            "external_org_id",
            "mapping_id",
            "before",
            "after",
            "command"
        ]
    );
    let seen: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["action"].as_str().unwrap(),
                r["org_id"].as_str().unwrap_or("(none)"),
                r["command"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("purge", "acme", "unmap"),
            ("create", "globex", "apply"),
            ("reactivate", "acme", "map"),
            ("deactivate", "acme", "unmap"),
            ("update", "acme", "map"),
            ("create", "acme", "map"),
        ],
        "newest first"
    );
    let update = &rows[4];
    assert_eq!(update["before"]["ExternalOrgName"], "");
    assert_eq!(update["after"]["ExternalOrgName"], "Acme Corp");
    assert!(update["actor"].as_str().unwrap().starts_with("tester"));
    assert_eq!(rows[3]["after"]["IsActive"], false);
    assert_eq!(rows[0]["after"], serde_json::json!({}));

    assert_eq!(
        s.json(&["history", "--org", "globex"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        s.json(&["history", "--integration", "m365"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let limited = s.json(&["history", "--org", "acme", "--limit", "2"]);
    assert_eq!(limited[0]["action"], "purge");
    assert_eq!(limited.as_array().unwrap().len(), 2);
    assert_eq!(
        s.json(&["history", "--since", "1d"])
            .as_array()
            .unwrap()
            .len(),
        6
    );
    assert_eq!(
        s.json(&["history", "--since", "2999-01-01"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let out = s.run(&["history", "--since", "yesterday"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let table = stdout(&s.ok(&["history", "--org", "acme"]));
    assert!(
        table.contains("reactivate") && table.contains("IsActive"),
        "{table}"
    );
}

fn ignored_external_orgs_are_listed_and_taken_back_with_history(s: &Sandbox) {
    let out = s.json(&[
        "ignore",
        "halopsa",
        "--external-id",
        "1",
        "--external-id",
        "2",
        "--reason",
        "our own company",
    ]);
    let rows = out.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        keys(&rows[0]),
        [
            "integration",
            "external_org_id",
            "external_org_name",
            "reason",
            "created_at",
            "created_by"
        ]
    );
    assert_eq!(rows[1]["reason"], "our own company");
    let again = s.ok(&["ignore", "halopsa", "--external-id", "1"]);
    assert!(
        stderr(&again).contains("already ignored"),
        "{}",
        stderr(&again)
    );
    let listed = s.json(&["discover", "halopsa", "--ignored"]);
    assert_eq!(
        listed.as_array().unwrap().len(),
        2,
        "no API is needed: {listed}"
    );

    let out = s.run(&[
        "unignore",
        "halopsa",
        "--external-id",
        "2",
        "--external-id",
        "9",
    ]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(stderr(&out).contains("9") && stderr(&out).contains("nothing was changed"));
    assert_eq!(
        s.json(&["discover", "halopsa", "--ignored"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    s.ok(&["unignore", "halopsa", "--external-id", "2"]);
    let listed = s.json(&["discover", "halopsa", "--ignored"]);
    assert_eq!(listed[0]["external_org_id"], "1");
    assert_eq!(listed.as_array().unwrap().len(), 1);

    let history = s.json(&["history", "--integration", "halopsa"]);
    let actions: Vec<(&str, &str, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["action"].as_str().unwrap(),
                r["org_id"].as_str().unwrap_or("(none)"),
                r["external_org_id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            ("unignore", "(none)", "2"),
            ("ignore", "(none)", "2"),
            ("ignore", "(none)", "1"),
        ]
    );
    let out = s.run(&["ignore", "halopsa"]);
    assert_eq!(code(&out), 2, "--external-id is required: {}", stderr(&out));
    // Nothing configured and nothing mapped: status has nothing to report on.
    let out = s.run(&["status"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("mapctl status halopsa"),
        "{}",
        stderr(&out)
    );
}

/// One limit on both backends, checked before anything is written (exit 7
/// naming the field): Azure would refuse a property past 64 KB, and the
/// local store must not keep what Azure refuses.
fn unbounded_strings_are_refused_on_both_backends_before_anything_is_written(s: &Sandbox) {
    let mut args = vec!["orgs", "add", "--name", "Many Domains"];
    let domains: Vec<String> = (0..101).map(|i| format!("d{i}.contoso.net")).collect();
    for d in &domains {
        args.extend(["--domain", d.as_str()]);
    }
    let out = s.run(&args);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(stderr(&out).contains("domains"), "{}", stderr(&out));
    for shared in ["gmail.com", "co.uk"] {
        let out = s.run(&["orgs", "add", "--name", "Shared", "--domain", shared]);
        assert_eq!(code(&out), 7, "{shared}: {}", stderr(&out));
        assert!(stderr(&out).contains("shared by many"), "{}", stderr(&out));
    }
    let reason = "r".repeat(40_000);
    let out = s.run(&[
        "ignore",
        "halopsa",
        "--external-id",
        "1",
        "--reason",
        &reason,
    ]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("reason is 40000 characters"),
        "{}",
        stderr(&out)
    );
    let out = s
        .cmd()
        .env("MAPCTL_ACTOR", "a".repeat(300))
        .args(["orgs", "add", "--name", "Acme"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("actor is 300 characters"),
        "{}",
        stderr(&out)
    );
    assert!(s.json(&["orgs", "list"]).as_array().unwrap().is_empty());
    assert!(
        s.json(&["discover", "halopsa", "--ignored"])
            .as_array()
            .unwrap()
            .is_empty()
    );
}

/// A mistyped org name is not found (exit 3) with the nearest org named,
/// folded as `suggest` folds names.
#[test]
fn a_mistyped_org_name_asks_did_you_mean() {
    let s = Sandbox::new();
    s.ok(&["orgs", "add", "--name", "Amazon Inc", "--id", "amazon"]);
    s.ok(&["orgs", "add", "--name", "Globex", "--id", "globex"]);
    let out = s.run(&["get", "amazn", "halopsa"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did you mean \"Amazon Inc\" (amazon)?"),
        "{}",
        stderr(&out)
    );
    let out = s.run(&["get", "Initech", "halopsa"]);
    assert_eq!(code(&out), 3);
    assert!(!stderr(&out).contains("did you mean"), "{}", stderr(&out));
}

/// The README's `<tenant-guid>` pasted as it is, with --no-verify: refused
/// by the id format Microsoft 365 declares, in `map` and in an apply file.
#[test]
fn an_id_not_of_the_declared_format_is_refused_without_an_api() {
    let s = Sandbox::new();
    s.seed_orgs();
    let out = s.run(&[
        "map",
        "acme",
        "m365",
        "--external-id",
        "tenant-guid",
        "--no-verify",
    ]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is not a microsoft_graph id") && stderr(&out).contains("a GUID"),
        "{}",
        stderr(&out)
    );
    let file = s.path("m365.json");
    std::fs::write(
        &file,
        r#"[{"org":"acme","integration":"m365","external_org_id":"12345"}]"#,
    )
    .unwrap();
    let out = s.run(&["apply", "-f", file.to_str().unwrap()]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(stderr(&out).contains("record 1"), "{}", stderr(&out));
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 0);
    // A GUID is one, in any case the system writes it.
    s.ok(&[
        "map",
        "acme",
        "m365",
        "--external-id",
        "6B1D0C4E-0000-4000-8000-000000000001",
        "--no-verify",
    ]);
}

/// Small lines that said the wrong thing: a purged mapping shown as
/// active, an unignored record printed as if still ignored.
#[test]
fn purged_and_unignored_rows_are_not_shown_as_they_were() {
    let s = Sandbox::new();
    s.seed_orgs();
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    let purged = s.json(&["unmap", "acme", "halopsa", "--purge", "--yes"]);
    assert_eq!(purged[0]["is_active"], false, "{purged}");
    s.ok(&["ignore", "halopsa", "--external-id", "7"]);
    let out = s.ok(&["unignore", "halopsa", "--external-id", "7", "-o", "table"]);
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("no longer ignored"),
        "{}",
        stderr(&out)
    );
}

/// `config path` (even with a broken file) and `config show`: the
/// effective values, where each came from, secrets never shown.
#[test]
fn config_path_and_show_say_where_and_what() {
    let s = Sandbox::new();
    let out = s.ok(&["config", "path"]);
    assert_eq!(
        stdout(&out).trim(),
        s.config_path().display().to_string(),
        "the path alone on stdout"
    );
    assert!(stderr(&out).contains("default"), "{}", stderr(&out));
    s.write_config("actor = [\n");
    let out = s.ok(&["config", "path"]);
    assert_eq!(stdout(&out).trim(), s.config_path().display().to_string());
    s.write_config(
        "actor = \"jane@msp\"\n[integrations.halopsa]\nbase_url = \"https://x.example\"\n",
    );
    let shown = s.json(&["config", "show"]);
    let get = |key: &str| {
        shown
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == key)
            .cloned()
            .unwrap_or_else(|| panic!("{key}: {shown}"))
    };
    assert_eq!(get("actor")["value"], "jane@msp");
    assert_eq!(get("actor")["source"], "file");
    assert_eq!(get("integrations")["value"], "halopsa");
    let out = s
        .cmd()
        .env("MAPCTL_ACTOR", "bob")
        .env("MAPCTL_STORE", "azure")
        .env(
            "MAPCTL_STORAGE_CONNECTION_STRING",
            "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=c2VjcmV0LWtleQ==;TableEndpoint=http://127.0.0.1:1/a;",
        )
        .args(["config", "show", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("env MAPCTL_ACTOR") && text.contains("\"bob\""),
        "{text}"
    );
    assert!(
        !text.contains("c2VjcmV0LWtleQ") && !text.contains("AccountKey"),
        "{text}"
    );
}

/// Orgs make a round trip: `orgs export` (and `orgs list -o json`) read
/// back by `orgs import` into another store give the same orgs.
#[test]
fn orgs_export_and_list_round_trip_through_import() {
    let s = Sandbox::new();
    s.ok(&[
        "orgs",
        "add",
        "--name",
        "Acme Corp",
        "--id",
        "acme",
        "--domain",
        "acme.com",
    ]);
    s.ok(&[
        "orgs",
        "add",
        "--name",
        "Globex",
        "--id",
        "globex",
        "--tenant-id",
        "6b1d0c4e-0000-4000-8000-000000000001",
    ]);
    let fields = |list: &serde_json::Value| -> Vec<serde_json::Value> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|o| serde_json::json!([o["org_id"], o["name"], o["tenant_id"], o["domains"]]))
            .collect()
    };
    let before = fields(&s.json(&["orgs", "list"]));
    for (what, text) in [
        ("export", stdout(&s.ok(&["orgs", "export"]))),
        (
            "export csv",
            stdout(&s.ok(&["orgs", "export", "-o", "csv"])),
        ),
        ("list", stdout(&s.ok(&["orgs", "list", "-o", "json"]))),
    ] {
        let other = Sandbox::new();
        let ext = if what.ends_with("csv") { "csv" } else { "json" };
        let file = other.path(&format!("orgs.{ext}"));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
        let out = other.run(&["orgs", "import", "-f", file.to_str().unwrap()]);
        assert_eq!(code(&out), 0, "{what}: {}", stderr(&out));
        assert_eq!(fields(&other.json(&["orgs", "list"])), before, "{what}");
    }
}

/// `orgs remove`: a soft delete with a question, refused while the org has
/// active mappings unless they go with it; in the history.
fn an_org_is_removed_with_a_question_and_never_with_mappings_left(s: &Sandbox) {
    s.seed_orgs();
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    let out = s.run(&["orgs", "remove", "acme"]);
    assert_eq!(code(&out), 2, "a script says --yes: {}", stderr(&out));
    let out = s.run(&["orgs", "remove", "acme", "--yes"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(stderr(&out).contains("--cascade"), "{}", stderr(&out));
    assert_eq!(
        s.json(&["list"]).as_array().unwrap().len(),
        1,
        "nothing written"
    );
    let removed = s.json(&["orgs", "remove", "acme", "--cascade", "--yes"]);
    assert_eq!(removed["is_active"], false, "{removed}");
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 0);
    let names: Vec<String> = s
        .json(&["orgs", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["org_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["globex"]);
    assert_eq!(
        s.json(&["orgs", "list", "--all"]).as_array().unwrap().len(),
        2
    );
    let history = s.json(&["history", "--org", "acme"]);
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["remove_org", "deactivate", "create"], "{history}");
    // Removed: its name is free again.
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme2"]);
}

/// Tables for people show ages and 8-character mapping ids, `-o wide`
/// the whole values; a shown id is taken back where it is unambiguous.
#[test]
fn tables_show_ages_and_short_ids_that_are_taken_back() {
    let s = Sandbox::new();
    s.seed_orgs();
    let m = s.json(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    let id = m["mapping_id"].as_str().unwrap().to_owned();
    let short = &id[..8];
    let table = stdout(&s.ok(&["list", "-o", "table"]));
    assert!(table.contains(short) && !table.contains(&id), "{table}");
    assert!(
        !table.contains(m["updated_at"].as_str().unwrap()),
        "an age: {table}"
    );
    let wide = stdout(&s.ok(&["list", "-o", "wide"]));
    assert!(
        wide.contains(&id) && wide.contains(m["updated_at"].as_str().unwrap()),
        "{wide}"
    );
    let got = s.json(&["get", "acme", "halopsa", "--mapping-id", short]);
    assert_eq!(got["mapping_id"], id.as_str());
    s.ok(&["unmap", "acme", "halopsa", "--mapping-id", short, "--yes"]);
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 0);
}
