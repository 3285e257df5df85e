//! The smoke suite: what a technician does in PowerShell, under Wine.

use std::io::Write;
use std::os::fd::AsRawFd;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::doubles::{Api, CLIENT_ID, CLIENT_SECRET, Double, org_name};
use crate::common::{code, stderr, stdout};

use super::fixture::*;

#[test]
fn orgs_map_list_get_and_history_under_wine() {
    let s = Win::new();
    let added = s.json(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    assert_eq!(added["org_id"], "acme");
    let orgs = s.json(&["orgs", "list"]);
    assert_eq!(orgs.as_array().unwrap().len(), 1, "{orgs}");

    let out = s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--name",
        "Acme HQ",
        "--no-verify",
    ]);
    assert!(stderr(&out).contains("Mapped"), "{}", stderr(&out));
    let list = s.json(&["list"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (
            &list[0]["org_name"],
            &list[0]["integration_name"],
            &list[0]["external_org_id"],
            &list[0]["external_org_name"],
        ),
        (
            &json!("Acme Corp"),
            &json!("halopsa"),
            &json!("42"),
            &json!("Acme HQ")
        )
    );
    let got = s.json(&["get", "acme", "halopsa"]);
    assert_eq!(got["mapping_id"], list[0]["mapping_id"]);

    // The table a technician reads.
    let table = stdout(&s.ok(&["list"]));
    assert!(
        table.contains("Acme Corp") && table.contains("Acme HQ"),
        "{table}"
    );

    let history = s.json(&["history", "--org", "acme"]);
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(
        (&history[0]["action"], &history[0]["command"]),
        (&json!("create"), &json!("map"))
    );

    // Mapping the same triple again writes nothing.
    let again = s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    assert!(stderr(&again).contains("nchanged"), "{}", stderr(&again));
    assert_eq!(s.json(&["history"]).as_array().unwrap().len(), 1);
}

#[test]
fn exit_codes_are_the_contracts_under_wine() {
    let s = Win::new();
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    // Not found: an unknown org, and a mapping that is not there.
    let out = s.run(&["get", "nobody", "halopsa"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let out = s.run(&["get", "acme", "ninjaone", "-o", "json"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let err: Value = serde_json::from_str(stderr(&out).trim()).unwrap();
    assert_eq!(err["error"]["kind"], "not_found");
    // A conflict: a second external org without --replace or --add.
    let out = s.run(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "43",
        "--no-verify",
    ]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    // Input needed where nothing may prompt (a pipe is no terminal).
    let out = s.run(&["map", "acme"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    // Invalid input: an apply file with an unknown org.
    let f = s.file(
        "bad.json",
        br#"[{"org":"nobody","integration":"halopsa","external_org_id":"1"}]"#,
    );
    let out = s.run(&["apply", "-f", &f]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(stderr(&out).contains("record 1"), "{}", stderr(&out));
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 1);
}

/// Contract §11: config in %APPDATA%\mapctl\config.toml, data in
/// %LOCALAPPDATA%\mapctl\, shown with backslashes.
#[test]
fn the_default_folders_are_appdata_and_localappdata() {
    let s = Win::new();
    let config = s.appdata().join("mapctl").join("config.toml");
    let store = s.local_appdata().join("mapctl").join("mapctl.db");

    let out = s.ok(&["config", "path"]);
    assert_eq!(stdout(&out).trim_end(), win_path(&config));

    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    assert!(store.is_file(), "the store is under %LOCALAPPDATA%\\mapctl");
    assert!(
        !s.appdata().join("mapctl").exists(),
        "no data under %APPDATA%"
    );
    let out = s.ok(&["doctor"]);
    let doctor = stdout(&out) + &stderr(&out);
    assert!(
        doctor.contains(&win_path(&store)),
        "doctor names the store with native separators: {doctor}"
    );

    // The config file mapctl reads is the one in %APPDATA%.
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "actor = \"jane@msp.example\"\n").unwrap();
    let mapped = s.json(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    assert_eq!(mapped["created_by"], "jane@msp.example");
}

#[test]
fn non_ascii_names_round_trip_through_json() {
    let s = Win::new();
    for (i, name) in NAMES.iter().enumerate() {
        s.ok(&["orgs", "add", "--name", name, "--id", &format!("org{i}")]);
        s.ok(&[
            "map",
            name,
            "halopsa",
            "--external-id",
            &format!("{}", 100 + i),
            "--name",
            name,
            "--no-verify",
        ]);
    }
    let mut expected: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
    expected.sort();
    assert_eq!(s.org_names(), expected);

    let list = s.json(&["list"]);
    for m in list.as_array().unwrap() {
        assert_eq!(m["org_name"], m["external_org_name"], "{m}");
    }
    // By name, as a technician types it.
    let got = s.json(&["get", "株式会社", "halopsa"]);
    assert_eq!(got["external_org_name"], "株式会社");
    // The table too says the names whole.
    let table = stdout(&s.ok(&["orgs", "list"]));
    for name in NAMES {
        assert!(table.contains(name), "{name}: {table}");
    }
}

/// `--ascii` and MAPCTL_ASCII=1: JSON that Windows PowerShell 5.1 cannot
/// garble, meaning the same.
#[test]
fn ascii_json_escapes_every_non_ascii_character() {
    let s = Win::new();
    for (i, name) in NAMES.iter().enumerate() {
        s.ok(&["orgs", "add", "--name", name, "--id", &format!("org{i}")]);
    }
    let plain = s.json(&["orgs", "list"]);

    let flag = s.ok(&["orgs", "list", "-o", "json", "--ascii"]);
    let env = s
        .cmd()
        .env("MAPCTL_ASCII", "1")
        .args(["orgs", "list", "-o", "json"])
        .output()
        .unwrap();
    assert!(env.status.success(), "{}", stderr(&env));
    for (how, out) in [("--ascii", &flag), ("MAPCTL_ASCII=1", &env)] {
        let text = stdout(out);
        assert!(text.is_ascii(), "{how}: {text}");
        for escaped in [
            r#""M\u00fcller GmbH""#,
            r#""Soci\u00e9t\u00e9 G\u00e9n\u00e9rale""#,
            r#""\u682a\u5f0f\u4f1a\u793e""#,
            // Above U+FFFF: a surrogate pair, as JSON readers expect.
            r#""Crab \ud83e\udd80 Ltd""#,
        ] {
            assert!(text.contains(escaped), "{how}: {escaped} in {text}");
        }
        assert_eq!(json_of(out), plain, "{how}: the same JSON");
    }
    let ndjson = stdout(&s.ok(&["orgs", "list", "-o", "ndjson", "--ascii"]));
    assert!(ndjson.is_ascii() && ndjson.lines().count() == 4, "{ndjson}");
}

/// A JSON error under `--ascii` is JSON output too: a script reads it with
/// `2>&1 | ConvertFrom-Json`, and the org's name is in its message.
#[test]
fn ascii_json_errors_are_escaped_too() {
    let s = Win::new();
    s.ok(&["orgs", "add", "--name", "Müller GmbH", "--id", "mueller"]);
    let out = s.run(&["get", "Müller GmbH", "halopsa", "-o", "json", "--ascii"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.is_ascii(), "the error line escaped as well: {err}");
    assert!(err.contains(r"M\u00fcller GmbH"), "{err}");
    let err: Value = serde_json::from_str(err.trim()).unwrap();
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Müller GmbH"),
        "{err}"
    );
}

/// Windows PowerShell 5.1 writes UTF-16LE (`>`, `Out-File`); Excel's "CSV
/// UTF-8" starts with a byte-order mark. Both are read as what they are.
#[test]
fn files_as_powershell_and_excel_write_them_are_read() {
    let s = Win::new();
    // `orgs import` of Excel's CSV UTF-8.
    let csv = s.file(
        "orgs.csv",
        &utf8_bom("id,name,tenant_id\nmueller,Müller GmbH,\nsg,Société Générale,\n"),
    );
    let r = s.json(&["orgs", "import", "-f", &csv]);
    assert_eq!(r["created"], 2, "{r}");
    // And of a CSV that PowerShell 5.1 wrote with `>`.
    let csv16 = s.file(
        "more-orgs.csv",
        &utf16le_bom("id,name,tenant_id\nkk,株式会社,\n"),
    );
    assert_eq!(s.json(&["orgs", "import", "-f", &csv16])["created"], 1);
    assert_eq!(
        s.org_names(),
        ["Müller GmbH", "Société Générale", "株式会社"]
    );

    // `apply -f` of JSON saved by `Out-File` (UTF-16LE).
    let mappings = json!([
        {"org": "Müller GmbH", "integration": "halopsa", "external_org_id": "1", "external_org_name": "Müller GmbH"},
        {"org": "株式会社", "integration": "ninjaone", "external_org_id": "2", "external_org_name": "株式会社"},
    ]);
    let f = s.file(
        "mappings.json",
        &utf16le_bom(&serde_json::to_string_pretty(&mappings).unwrap()),
    );
    let r = s.json(&["apply", "-f", &f]);
    assert_eq!(
        (&r["created"], &r["updated"]),
        (&json!(2), &json!(0)),
        "{r}"
    );
    // `apply -f` of Excel's CSV UTF-8.
    let f = s.file(
        "mappings.csv",
        &utf8_bom(
            "org,integration,external_org_id,external_org_name\nsg,halopsa,3,Société Générale\n",
        ),
    );
    assert_eq!(s.json(&["apply", "-f", &f])["created"], 1);
    let names: Vec<Value> = s
        .json(&["list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["external_org_name"].clone())
        .collect();
    for name in ["Müller GmbH", "株式会社", "Société Générale"] {
        assert!(names.contains(&json!(name)), "{name}: {names:?}");
    }
    // stdin: `cmd /c type mappings.json | mapctl apply -f -` passes the bytes.
    let mut child = s
        .cmd()
        .args(["apply", "-f", "-", "--dry-run", "-o", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&utf16le_bom(&mappings.to_string()))
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_of(&out)["unchanged"], 2);
}

/// Excel's plain "CSV" is the ANSI code page (Windows-1252 here): refused
/// whole, saying to save as UTF-8, and nothing written.
#[test]
fn an_ansi_csv_is_refused_whole() {
    let s = Win::new();
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    // "Müller GmbH" and "Société" in Windows-1252: ü = FC, é = E9.
    let orgs = s.file(
        "orgs.csv",
        b"id,name,tenant_id\r\nfirst,First Ltd,\r\nmueller,M\xfcller GmbH,\r\n",
    );
    let out = s.run(&["orgs", "import", "-f", &orgs]);
    assert_ne!(code(&out), 0, "{}", stdout(&out));
    assert!(stderr(&out).contains("UTF-8"), "{}", stderr(&out));
    assert_eq!(s.org_names(), ["Acme Corp"], "nothing written");

    let mappings = s.file(
        "mappings.csv",
        b"org,integration,external_org_id,external_org_name\r\nacme,halopsa,1,Acme\r\nacme,ninjaone,2,Soci\xe9t\xe9\r\n",
    );
    let out = s.run(&["apply", "-f", &mappings]);
    assert_ne!(code(&out), 0, "{}", stdout(&out));
    assert!(stderr(&out).contains("UTF-8"), "{}", stderr(&out));
    assert_eq!(s.json(&["list"]), json!([]), "nothing written");
}

/// `mapctl export > mappings.json` in PowerShell 5.1 writes UTF-16LE; the
/// plan of applying it back is no change.
#[test]
fn export_then_apply_dry_run_plans_no_change() {
    let s = Win::new();
    s.ok(&["orgs", "add", "--name", "Müller GmbH", "--id", "mueller"]);
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    let seed = s.file(
        "seed.json",
        json!({"mappings": [
            {"org": "acme", "integration": "halopsa", "external_org_id": "42", "external_org_name": "Acme HQ", "mapping_data": {"site": "main"}},
            {"org": "Müller GmbH", "integration": "m365", "external_org_id": "6b1d0c4e-0000-4000-8000-000000000001"},
            {"org": "mueller", "integration": "ninjaone", "external_org_id": "7", "external_org_name": "Müller, \"Zentrale\""},
        ]})
        .to_string()
        .as_bytes(),
    );
    assert_eq!(s.json(&["apply", "-f", &seed])["created"], 3);

    let exported = s.ok(&["export"]);
    let f = s.file("mappings.json", &utf16le_bom(&stdout(&exported)));
    let plan = s.json(&["apply", "-f", &f, "--dry-run"]);
    assert_eq!(
        (
            &plan["created"],
            &plan["updated"],
            &plan["unchanged"],
            &plan["changes"]
        ),
        (&json!(0), &json!(0), &json!(3), &json!([])),
        "{plan}"
    );
    let human = s.ok(&["apply", "-f", &f, "--dry-run"]);
    let said = stdout(&human) + &stderr(&human);
    assert!(
        said.contains("0 to create, 0 to update, 3 unchanged"),
        "{said}"
    );

    // CSV too (Export-Csv's shape, UTF-8 with a mark).
    let csv = s.ok(&["export", "-o", "csv"]);
    let f = s.file("mappings.csv", &utf8_bom(&stdout(&csv)));
    let plan = s.json(&["apply", "-f", &f, "--dry-run"]);
    assert_eq!(
        (&plan["unchanged"], &plan["changes"]),
        (&json!(3), &json!([]))
    );
}

#[test]
fn doctor_finds_the_store_healthy() {
    let s = Win::new();
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    let report = s.json(&["doctor"]);
    assert_eq!(report["healthy"], true, "{report}");
    let out = s.ok(&["doctor"]);
    assert!(
        stdout(&out).contains("both mapping indexes agree"),
        "{}",
        stdout(&out)
    );
}

/// Discovery and a verified map, from a HaloPSA double on 127.0.0.1, the
/// credentials in the environment, the cache under %LOCALAPPDATA%.
#[test]
fn discover_and_a_verified_map_against_a_loopback_double() {
    let d = Double::start(Api::Halo, 30);
    let s = Win::new();
    let config = s.appdata().join("mapctl").join("config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, d.config()).unwrap();
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    let with_credentials = |args: &[&str]| {
        s.cmd()
            .env("MAPCTL_HALOPSA_CLIENT_ID", CLIENT_ID)
            .env("MAPCTL_HALOPSA_CLIENT_SECRET", CLIENT_SECRET)
            .args(args)
            .output()
            .unwrap()
    };
    let out = with_credentials(&["discover", "halopsa", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = json_of(&out);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 30);
    let seven = list.iter().find(|o| o["id"] == "7").unwrap();
    assert_eq!(seven["name"], org_name(7));
    assert!(d.token_requests() >= 1);

    // map checks the id against discovery (cached) and takes its name.
    let out = with_credentials(&["map", "acme", "halopsa", "--external-id", "7", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_of(&out)["external_org_name"], org_name(7));
    let out = with_credentials(&["map", "acme", "halopsa", "--external-id", "999", "--add"]);
    assert_eq!(code(&out), 3, "not in discovery: {}", stderr(&out));

    let cache = s.local_appdata().join("mapctl").join("cache");
    assert!(
        std::fs::read_dir(&cache).is_ok_and(|mut d| d.next().is_some()),
        "the discovery cache is under %LOCALAPPDATA%\\mapctl\\cache"
    );
    assert!(!stderr(&out).contains(CLIENT_SECRET), "{}", stderr(&out));
}

/// What the PowerShell completion script asks mapctl at each Tab.
#[test]
fn powershell_completion_answers_under_windows() {
    let s = Win::new();
    s.ok(&["orgs", "add", "--name", "Müller GmbH", "--id", "mueller"]);
    let script = s.ok(&["completions", "powershell"]);
    let committed = std::fs::read_to_string(repo().join("completions/_mapctl.ps1")).unwrap();
    assert_eq!(stdout(&script), committed, "the script of completions/");
    assert!(stdout(&script).contains("Register-ArgumentCompleter"));

    let complete = |words: &[&str]| {
        let out = s
            .cmd()
            .env("COMPLETE", "powershell")
            .arg("--")
            .args(words)
            .output()
            .unwrap();
        assert!(out.status.success(), "{words:?}: {}", stderr(&out));
        stdout(&out)
    };
    assert!(
        complete(&["mapctl", "or"])
            .lines()
            .any(|l| l.starts_with("orgs\t")),
        "subcommands"
    );
    let orgs = complete(&["mapctl", "get", ""]);
    assert!(
        orgs.lines().any(|l| l == "mueller\tMüller GmbH"),
        "org ids from the store in %LOCALAPPDATA%: {orgs}"
    );
}

/// The thread of `pid` blocked reading the pipe `pipe`, if any: mapctl.exe
/// waiting on its stdin.
fn reader_of(pipe: &Path) -> Option<libc::pid_t> {
    let me = std::process::id().to_string();
    for proc_entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let pid = proc_entry.file_name().to_string_lossy().into_owned();
        if pid == me || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Ok(tasks) = std::fs::read_dir(proc_entry.path().join("task")) else {
            continue;
        };
        for task in tasks.flatten() {
            let Ok(syscall) = std::fs::read_to_string(task.path().join("syscall")) else {
                continue;
            };
            let mut fields = syscall.split_whitespace();
            // read(2) is system call 0 on x86-64; its first argument, the fd.
            if fields.next() != Some("0") {
                continue;
            }
            let Some(fd) = fields
                .next()
                .and_then(|a| i64::from_str_radix(a.trim_start_matches("0x"), 16).ok())
            else {
                continue;
            };
            let link = std::fs::read_link(proc_entry.path().join("fd").join(fd.to_string()));
            if link.is_ok_and(|l| l == pipe) {
                return pid.parse().ok();
            }
        }
    }
    None
}

/// Ctrl-C reaches a Windows console program as CTRL_C_EVENT; Wine turns
/// the SIGINT of its process into one.
#[test]
fn ctrl_c_while_reading_stdin_exits_130() {
    let s = Win::new();
    let mut child = s
        .cmd()
        .args(["apply", "-f", "-", "-o", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"[").unwrap();
    let pipe = std::fs::read_link(format!("/proc/self/fd/{}", stdin.as_raw_fd())).unwrap();
    let start = Instant::now();
    let pid = loop {
        if let Some(pid) = reader_of(&pipe) {
            break pid;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "mapctl.exe never read its stdin"
        );
        assert!(child.try_wait().unwrap().is_none(), "mapctl.exe ended");
        std::thread::sleep(Duration::from_millis(20));
    };
    // The launcher, like cmd.exe waiting for a program, leaves Ctrl-C to it.
    unsafe {
        libc::kill(pid, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    assert_eq!(code(&out), 130, "{}", stderr(&out));
    let err: Value = serde_json::from_str(stderr(&out).trim()).unwrap();
    assert_eq!(err["error"]["kind"], "interrupted", "{err}");
    assert!(
        !s.local_appdata().join("mapctl").join("mapctl.db").exists()
            || s.json(&["list"]) == json!([]),
        "nothing written"
    );
}
