//! Ctrl-C (SIGINT) during blocking work: a local apply's transaction, a
//! read of stdin, a wait for another process's lock. Each exits 130 with
//! nothing written, and no terminal escape reaches a stderr that is not one.

use std::io::Write;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::Sandbox;

/// Whether the process has installed its SIGINT handler (bit 2 of SigCgt).
fn catches_sigint(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("SigCgt:"))
                .and_then(|m| u64::from_str_radix(m.trim(), 16).ok())
        })
        .is_some_and(|mask| mask & (1 << (libc::SIGINT - 1)) != 0)
}

/// Waits for a condition, polling; panics with `what` after a generous bound.
fn wait_for(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !condition() {
        assert!(Instant::now() < deadline, "gave up waiting: {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn interrupt(child: &Child) {
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
}

fn finish(child: Child) -> (i32, String) {
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().expect("exited normally"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn spawn(s: &Sandbox, args: &[&str]) -> Child {
    s.std_cmd()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn ctrl_c_during_a_local_apply_rolls_it_back_and_exits_130() {
    let s = Sandbox::new();
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    let records: Vec<_> = (0..100_000)
        .map(|i| serde_json::json!({"org": "acme", "integration": "halopsa", "external_org_id": i.to_string()}))
        .collect();
    let file = s.path("big.json");
    std::fs::write(&file, serde_json::to_vec(&records).unwrap()).unwrap();
    let wal = s.path("data/mapctl/mapctl.db-wal");
    let size = || std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    let before = size();
    let mut child = spawn(&s, &["apply", "-f", file.to_str().unwrap()]);
    // The write transaction is under way once its pages spill into the WAL.
    wait_for("the apply to start writing", || {
        size() > before + 4 * 1024 * 1024 || child.try_wait().unwrap().is_some()
    });
    interrupt(&child);
    let (code, err) = finish(child);
    assert_eq!(code, 130, "{err}");
    assert!(
        err.contains("interrupted") && err.contains("nothing was written"),
        "{err}"
    );
    assert!(
        !err.contains('\u{1b}'),
        "no escape sequence on a pipe: {err:?}"
    );
    let listed = s.json(&["list"]);
    assert_eq!(listed.as_array().unwrap().len(), 0, "rolled back");
}

#[test]
fn ctrl_c_while_reading_stdin_exits_130() {
    let s = Sandbox::new();
    let mut child = spawn(&s, &["apply", "-f", "-", "-o", "json"]);
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"[").unwrap();
    let pid = child.id();
    wait_for("the SIGINT handler", || catches_sigint(pid));
    interrupt(&child);
    let (code, err) = finish(child);
    drop(stdin);
    assert_eq!(code, 130, "{err}");
    assert!(
        err.starts_with("{\"error\""),
        "JSON errors start clean: {err:?}"
    );
}

#[test]
fn ctrl_c_while_waiting_for_the_store_lock_exits_130() {
    let s = Sandbox::new();
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    let db = rusqlite::Connection::open(s.path("data/mapctl/mapctl.db")).unwrap();
    db.execute_batch("BEGIN IMMEDIATE").unwrap();
    let child = spawn(&s, &["orgs", "add", "--name", "Globex"]);
    let pid = child.id();
    wait_for("the SIGINT handler", || catches_sigint(pid));
    interrupt(&child);
    let (code, err) = finish(child);
    assert_eq!(code, 130, "not a lock timeout: {err}");
    db.execute_batch("ROLLBACK").unwrap();
    let orgs = s.json(&["orgs", "list"]);
    assert_eq!(orgs.as_array().unwrap().len(), 1, "{orgs}");
}
