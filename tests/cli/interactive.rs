//! The interactive experience in a real pseudo-terminal (rexpect): pickers,
//! confirmations, Ctrl-C; and the no-terminal guard.

use std::time::{Duration, Instant};

use crate::common::doubles::{Api, CLIENT_ID, CLIENT_SECRET, Double, org_name};
use crate::common::{Sandbox, code, stderr, stdout};
use mapctl_core::store::ORG_INDEX;

const TIMEOUT_MS: u64 = 30_000;

fn spawn(s: &Sandbox, args: &[&str]) -> rexpect::session::PtySession {
    let mut cmd = s.std_cmd();
    cmd.args(args)
        .env("TERM", "xterm-256color")
        .env("MAPCTL_HALOPSA_CLIENT_ID", CLIENT_ID)
        .env("MAPCTL_HALOPSA_CLIENT_SECRET", CLIENT_SECRET);
    rexpect::spawn_with_options(
        cmd,
        rexpect::session::Options::new().timeout_ms(Some(TIMEOUT_MS)),
    )
    .expect("spawn in a pty")
}

/// The exit code of a finished session, and everything it printed.
fn finish(mut p: rexpect::session::PtySession) -> (i32, String) {
    let out = p.exp_eof().unwrap_or_default();
    let status = p.process().wait().unwrap();
    let code = match format!("{status:?}") {
        s if s.starts_with("Exited(") => s
            .trim_end_matches(')')
            .rsplit(", ")
            .next()
            .unwrap()
            .parse()
            .unwrap(),
        s => panic!("the process did not exit normally: {s}"),
    };
    (code, out)
}

fn sandbox_with_halo(n: usize) -> (Sandbox, Double) {
    let d = Double::start(Api::Halo, n);
    let s = Sandbox::new();
    s.write_config(&d.config());
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    (s, d)
}

#[test]
fn an_external_org_is_picked_out_of_thousands_by_typing_part_of_its_name() {
    let (s, _d) = sandbox_with_halo(3000);
    let mut p = spawn(&s, &["map", "acme", "halopsa"]);
    p.exp_string("halopsa organization").unwrap();
    // 1234 % 8 = 2: "Initech 01234 Ltd"; typing filters, Enter picks the best match.
    p.send("Initech 01234").unwrap();
    p.flush().unwrap();
    // Enter once the picker has taken the last keystroke (it redraws its
    // query line with the cursor bar after it).
    p.exp_string("Initech 01234|").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("mapctl map acme halopsa --external-id 1234"),
        "the equivalent command: {out}"
    );
    let m = s.json(&["get", "acme", "halopsa"]);
    assert_eq!(m["external_org_id"], "1234");
    assert_eq!(m["external_org_name"], org_name(1234));
}

#[test]
fn the_whole_map_is_asked_when_nothing_is_given() {
    let (s, _d) = sandbox_with_halo(50);
    let mut p = spawn(&s, &["map"]);
    p.exp_string("MSP org").unwrap();
    p.send("acme\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Integration").unwrap();
    p.send("halopsa\r").unwrap();
    p.flush().unwrap();
    p.exp_string("halopsa organization").unwrap();
    p.send("Umbrella 00011\r").unwrap();
    p.flush().unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert_eq!(s.json(&["get", "acme", "halopsa"])["external_org_id"], "11");
}

#[test]
fn ctrl_c_at_a_picker_exits_130_with_the_cursor_shown_and_nothing_written() {
    let (s, _d) = sandbox_with_halo(200);
    let mut p = spawn(&s, &["map", "acme", "halopsa"]);
    p.exp_string("halopsa organization").unwrap();
    p.send_control('c').unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 130, "{out}");
    let hidden = out.rfind("\x1b[?25l");
    let shown = out.rfind("\x1b[?25h");
    assert!(
        shown.is_some() && shown > hidden,
        "the cursor is shown again: {out:?}"
    );
    assert!(s.raw_rows(ORG_INDEX).is_empty());
}

#[test]
fn esc_at_a_picker_cancels_with_exit_2() {
    let (s, _d) = sandbox_with_halo(20);
    let mut p = spawn(&s, &["map", "acme", "halopsa"]);
    p.exp_string("halopsa organization").unwrap();
    p.send("\x1b").unwrap();
    p.flush().unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("cancelled"), "{out}");
    assert!(s.raw_rows(ORG_INDEX).is_empty());
}

#[test]
fn unmap_answered_no_then_yes() {
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
    let mut p = spawn(&s, &["unmap", "acme", "halopsa"]);
    p.exp_string("Soft-delete 1 halopsa mapping").unwrap();
    p.send("n").unwrap();
    p.flush().unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 2, "{out}");
    assert_eq!(
        s.json(&["get", "acme", "halopsa"])["is_active"],
        true,
        "still there"
    );

    let mut p = spawn(&s, &["unmap", "acme", "halopsa"]);
    p.exp_string("Soft-delete 1 halopsa mapping").unwrap();
    p.send("y").unwrap();
    p.flush().unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert_eq!(s.json(&["list", "--all"])[0]["is_active"], false);
}

#[test]
fn a_conflict_is_asked_on_a_terminal() {
    let s = Sandbox::new();
    s.seed_orgs();
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "1",
        "--no-verify",
    ]);
    let mut p = spawn(
        &s,
        &[
            "map",
            "acme",
            "halopsa",
            "--external-id",
            "2",
            "--no-verify",
        ],
    );
    p.exp_string("is already mapped in halopsa").unwrap();
    p.send("\r").unwrap(); // the first choice: Replace
    p.flush().unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("--external-id 2 --replace"), "{out}");
    let active = s.json(&["list", "--org", "acme"]);
    assert_eq!(active.as_array().unwrap().len(), 1);
    assert_eq!(active[0]["external_org_id"], "2");
}

#[test]
fn without_a_terminal_map_asks_nothing_and_fails_at_once() {
    let s = Sandbox::new();
    s.seed_orgs();
    let started = Instant::now();
    let mut child = s
        .std_cmd()
        .arg("map")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("mapctl map waited for input without a terminal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("mapctl map <org> <integration>"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn suggest_reviews_at_a_terminal_high_ones_with_one_key_then_one_by_one() {
    let (s, _d) = sandbox_with_halo(20);
    s.ok(&["orgs", "add", "--name", "Acme 00008", "--id", "a8"]);
    s.ok(&[
        "orgs",
        "add",
        "--name",
        "Globex 00009 Limited",
        "--id",
        "g9",
    ]);
    s.ok(&["orgs", "add", "--name", "Initech", "--id", "initech"]);
    let mut p = spawn(&s, &["suggest", "halopsa"]);
    // The high ones in a list, ticked: Enter accepts them.
    p.exp_string("2 high-confidence suggestion(s) for halopsa")
        .unwrap();
    p.exp_string("Globex 00009").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    // Acme Corp (the sandbox's): Skip is the default.
    p.exp_string("(1/2) Acme Corp").unwrap();
    p.exp_string("not high:").unwrap();
    p.exp_string("Stop reviewing").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    // Three Initech records tie: medium, reviewed; pick another by typing.
    p.exp_string("(2/2) Initech").unwrap();
    p.exp_string("Stop reviewing").unwrap();
    p.send("\x1b[B\x1b[B\r").unwrap();
    p.flush().unwrap();
    p.exp_string("halopsa organization for Initech").unwrap();
    p.send("00010").unwrap();
    p.flush().unwrap();
    p.exp_string("00010|").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Write 3 mapping(s), 0 ignore record(s) and 0 rejection(s)?")
        .unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Applied: 3 created"), "{out}");
    let ids = |org: &str| s.json(&["get", org, "halopsa"])["external_org_id"].clone();
    assert_eq!(
        (ids("a8"), ids("g9"), ids("initech")),
        ("8".into(), "9".into(), "10".into())
    );
}

/// Ctrl-C at the last question keeps the decisions: saved as an apply
/// file whose path is printed, nothing written; the file applies them.
#[test]
fn ctrl_c_in_the_review_saves_the_decisions_to_an_apply_file() {
    let (s, _d) = sandbox_with_halo(20);
    s.ok(&["orgs", "add", "--name", "Acme 00008", "--id", "a8"]);
    s.ok(&[
        "orgs",
        "add",
        "--name",
        "Globex 00009 Limited",
        "--id",
        "g9",
    ]);
    let mut p = spawn(&s, &["suggest", "halopsa"]);
    p.exp_string("2 high-confidence suggestion(s) for halopsa")
        .unwrap();
    p.exp_string("Globex 00009").unwrap();
    // Untick the first (Space), accept the other.
    p.send(" \r").unwrap();
    p.flush().unwrap();
    p.exp_string("(1/2) Acme 00008").unwrap();
    p.exp_string("Stop reviewing").unwrap();
    // Wrong match: never proposed again.
    p.send("\x1b[B\x1b[B\x1b[B\r").unwrap();
    p.flush().unwrap();
    p.exp_string("(2/2) Acme Corp").unwrap();
    p.exp_string("Stop reviewing").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Write 1 mapping(s), 0 ignore record(s) and 1 rejection(s)?")
        .unwrap();
    // As a person would: once the question is there to read (a Ctrl-C in
    // the instant before the prompt reads keys is a signal it sees later).
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send("\x03").unwrap();
    p.flush().unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 130, "{out}");
    assert!(out.contains("Nothing was written"), "{out}");
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 0);
    let dir = s.path("state/mapctl/reviews");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(files.len(), 1, "{out}");
    let file = files[0].as_ref().unwrap().path();
    assert!(
        out.contains(&format!("mapctl apply -f {}", file.display())),
        "{out}"
    );
    let applied = s.json(&["apply", "-f", file.to_str().unwrap()]);
    assert_eq!(applied["created"], 2, "{applied}");
    assert_eq!(s.json(&["get", "g9", "halopsa"])["external_org_id"], "9");
    // The rejected pair is not proposed again.
    let out = s
        .cmd()
        .env("MAPCTL_HALOPSA_CLIENT_ID", CLIENT_ID)
        .env("MAPCTL_HALOPSA_CLIENT_SECRET", CLIENT_SECRET)
        .args(["suggest", "halopsa", "--org", "a8", "-o", "json"])
        .output()
        .unwrap();
    let again: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        !again
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["external_org_id"] == "8"),
        "{again}"
    );
}

/// `apply --prune` at a terminal asks before soft-deleting, saying how
/// many; No writes nothing of the file.
#[test]
fn apply_prune_asks_at_a_terminal_how_many_it_soft_deletes() {
    let s = Sandbox::new();
    s.seed_orgs();
    for (org, id) in [("acme", "42"), ("globex", "43")] {
        s.ok(&["map", org, "halopsa", "--external-id", id, "--no-verify"]);
    }
    let file = s.path("keep.json");
    std::fs::write(
        &file,
        r#"[{"org":"acme","integration":"halopsa","external_org_id":"42"}]"#,
    )
    .unwrap();
    let args = ["apply", "-f", file.to_str().unwrap(), "--prune"];
    let mut p = spawn(&s, &args);
    p.exp_string("Soft-delete 1 mapping(s)").unwrap();
    p.send("n").unwrap();
    p.flush().unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 2, "{out}");
    assert_eq!(
        s.json(&["list"]).as_array().unwrap().len(),
        2,
        "nothing written"
    );
    let mut p = spawn(&s, &args);
    p.exp_string("Soft-delete 1 mapping(s)").unwrap();
    p.send("y").unwrap();
    p.flush().unwrap();
    let (code, out) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 1);
}

/// Every command that takes an org or an integration picks it at a
/// terminal when it is left out, as `map` does: the configured
/// integrations first (with a count), the others saying what they lack.
#[test]
fn left_out_arguments_are_picked_configured_integrations_first() {
    let (s, _d) = sandbox_with_halo(5);
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "3",
        "--no-verify",
    ]);
    let mut p = spawn(&s, &["get"]);
    p.exp_string("MSP org").unwrap();
    p.send("acme").unwrap();
    p.flush().unwrap();
    p.exp_string("acme|").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Integration (1 configured of").unwrap();
    // The configured one is first, so Enter takes it.
    p.exp_string("halopsa").unwrap();
    p.exp_string("not ready:").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    let (exit, out) = finish(p);
    assert_eq!(exit, 0, "{out}");
    assert!(out.contains("halopsa") && out.contains('3'), "{out}");

    // Esc is a cancel: exit 2, nothing done.
    let mut p = spawn(&s, &["discover"]);
    p.exp_string("Integration (").unwrap();
    p.send("\x1b").unwrap();
    p.flush().unwrap();
    let (exit, out) = finish(p);
    assert_eq!(exit, 2, "{out}");
    assert!(out.contains("cancelled"), "{out}");

    // Without a terminal: a usage error naming the argument.
    let out = s.run(&["unmap", "acme"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("missing the integration (mapctl unmap <org> <integration>)"),
        "{}",
        stderr(&out)
    );
}

/// The external-org picker opens with the org's likely records first (as
/// suggest ranks them), not at the top of the alphabet.
#[test]
fn the_external_org_picker_opens_with_the_likely_records() {
    let (s, _d) = sandbox_with_halo(40);
    let name = org_name(37);
    s.ok(&["orgs", "add", "--name", &name, "--id", "o37"]);
    // The cache the picker opens from.
    let out = s
        .cmd()
        .env("MAPCTL_HALOPSA_CLIENT_ID", CLIENT_ID)
        .env("MAPCTL_HALOPSA_CLIENT_SECRET", CLIENT_SECRET)
        .args(["discover", "halopsa"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let mut p = spawn(&s, &["map", "o37", "halopsa"]);
    p.exp_string("halopsa organization").unwrap();
    // Highlighted first, with Enter it is taken.
    p.exp_string(&format!("> {name}  (37)")).unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    let (exit, out) = finish(p);
    assert_eq!(exit, 0, "{out}");
    assert_eq!(s.json(&["get", "o37", "halopsa"])["external_org_id"], "37");
}

/// `mapctl ARGS` in a pty 80 columns wide: its output, UTF-8 again (the
/// pty hands back bytes as chars).
fn at_80_columns(s: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> String {
    let std = s.std_cmd();
    let mut cmd = std::process::Command::new("sh");
    for (k, v) in std.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.env("TERM", "xterm-256color").arg("-c").arg(format!(
        "stty cols 80 rows 50; exec '{}' {}",
        env!("CARGO_BIN_EXE_mapctl"),
        args.join(" ")
    ));
    let p = rexpect::spawn_with_options(
        cmd,
        rexpect::session::Options::new().timeout_ms(Some(TIMEOUT_MS)),
    )
    .unwrap();
    let (_, out) = finish(p);
    let bytes: Vec<u8> = out.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn assert_fits(args: &[&str], out: &str) {
    // A spinner redraws its line after `\r`: each is a screen line.
    for line in out.split(['\n', '\r']) {
        let visible = console::strip_ansi_codes(line);
        assert!(
            console::measure_text_width(&visible) <= 80,
            "{args:?}: {} columns: {visible:?}",
            console::measure_text_width(&visible)
        );
    }
}

/// At 80 columns no table row wraps onto a second line, and no line is
/// wider than the terminal: long names end in `…` (list, orgs list,
/// history, status, the matrix, discover); the matrix keeps the org
/// column whole.
#[test]
fn tables_fit_an_80_column_terminal() {
    let s = Sandbox::new();
    let long = "A Customer With A Remarkably Long Registered Company Name Holdings Ltd";
    s.ok(&["orgs", "add", "--name", long, "--id", "long-name-customer"]);
    s.ok(&[
        "map",
        "long-name-customer",
        "halopsa",
        "--external-id",
        "0f8fad5b-d9cb-469f-a165-70867728950e",
        "--name",
        long,
        "--no-verify",
    ]);
    for args in [
        vec!["list"],
        vec!["orgs", "list"],
        vec!["history"],
        vec!["status", "halopsa"],
        vec!["status", "--matrix"],
    ] {
        let out = at_80_columns(&s, &args, &[]);
        assert_fits(&args, &out);
        let lines: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).collect();
        if args[0] != "status" {
            let data: Vec<&&str> = lines
                .iter()
                .filter(|l| l.contains("long-name") || l.contains("A Customer"))
                .collect();
            assert_eq!(data.len(), 1, "{args:?}: one line a row: {out}");
        }
        if args == ["status", "--matrix"] {
            assert!(out.contains(long), "the org column whole: {out}");
        }
    }
    let (halo, _d) = sandbox_with_halo(40);
    let args = ["discover", "halopsa"];
    let out = at_80_columns(
        &halo,
        &args,
        &[
            ("MAPCTL_HALOPSA_CLIENT_ID", CLIENT_ID),
            ("MAPCTL_HALOPSA_CLIENT_SECRET", CLIENT_SECRET),
        ],
    );
    assert_fits(&args, &out);
    assert!(out.contains(&org_name(7)), "{out}");
}

/// States in colour at a terminal (green create, red delete), none with
/// NO_COLOR or through a pipe: the text is the same.
#[test]
fn states_are_coloured_at_a_terminal_only() {
    let s = Sandbox::new();
    s.seed_orgs();
    s.ok(&[
        "map",
        "globex",
        "halopsa",
        "--external-id",
        "43",
        "--no-verify",
    ]);
    let file = s.path("one.json");
    std::fs::write(
        &file,
        r#"[{"org":"acme","integration":"halopsa","external_org_id":"42"}]"#,
    )
    .unwrap();
    let args = [
        "apply",
        "-f",
        file.to_str().unwrap(),
        "--prune",
        "--dry-run",
    ];
    let p = spawn(&s, &args);
    let (exit, out) = finish(p);
    assert_eq!(exit, 0, "{out}");
    assert!(out.contains("\u{1b}[32mcreate"), "{out:?}");
    assert!(out.contains("\u{1b}[31mdelete"), "{out:?}");
    let mut cmd = s.std_cmd();
    cmd.args(args)
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1");
    let p = rexpect::spawn_with_options(
        cmd,
        rexpect::session::Options::new().timeout_ms(Some(TIMEOUT_MS)),
    )
    .unwrap();
    let (_, out) = finish(p);
    assert!(
        out.contains("create") && !out.contains("\u{1b}[32m"),
        "{out:?}"
    );
    let piped = s.ok(&args);
    assert!(!stdout(&piped).contains('\u{1b}'), "{}", stdout(&piped));
}
