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
