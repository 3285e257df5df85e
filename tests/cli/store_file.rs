//! The local store's file in the states a real machine has: a folder this
//! user cannot write, a damaged file, another program's database, an empty
//! setting. Permission cases run the tool as an unprivileged user (root
//! ignores file modes).

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output};

use crate::common::{Sandbox, code, stderr, stdout};

fn is_root() -> bool {
    unsafe { libc::geteuid() == 0 }
}

/// The sandbox's command, run as `nobody` when the tests run as root.
fn unprivileged(s: &Sandbox, args: &[&str]) -> Output {
    unprivileged_with(s, &[], args)
}

fn unprivileged_with(s: &Sandbox, env: &[(&str, &std::path::Path)], args: &[&str]) -> Output {
    let inner = s.std_cmd();
    let mut c = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(inner.get_program());
        c
    } else {
        Command::new(inner.get_program())
    };
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    for (k, v) in env {
        c.env(k, v);
    }
    c.args(args).output().unwrap()
}

/// Lets others into the sandbox, and takes write access away from them.
fn readable_by_others_only(s: &Sandbox) {
    let mode = |p: &std::path::Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
    };
    mode(s.dir.path(), 0o755);
    for dir in ["data", "data/mapctl"] {
        if s.path(dir).exists() {
            mode(&s.path(dir), 0o555);
        }
    }
    if !is_root() {
        mode(s.dir.path(), 0o555);
    }
}

#[test]
fn a_store_in_a_read_only_folder_can_be_read_but_not_written() {
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
    readable_by_others_only(&s);
    for args in [
        &["list"][..],
        &["orgs", "list"],
        &["get", "acme", "halopsa"],
    ] {
        let out = unprivileged(&s, args);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("Acme") || stdout(&out).contains("42"),
            "{}",
            stdout(&out)
        );
    }
    let out = unprivileged(&s, &["orgs", "add", "--name", "Initech"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("mapctl.db"),
        "names the file: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("can be read but not written"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_new_store_in_a_folder_that_cannot_be_written_is_exit_5_naming_it() {
    let s = Sandbox::new();
    std::fs::create_dir_all(s.path("locked")).unwrap();
    readable_by_others_only(&s);
    std::fs::set_permissions(s.path("locked"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let path = s.path("locked/sub/mapctl.db");
    let out = unprivileged_with(&s, &[("MAPCTL_STORE_PATH", &path)], &["orgs", "list"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(s.path("locked/sub").to_str().unwrap()),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_damaged_file_is_named_as_such_and_left_alone() {
    let s = Sandbox::new();
    std::fs::create_dir_all(s.path("data/mapctl")).unwrap();
    let junk = vec![0x5au8; 8192];
    std::fs::write(s.path("data/mapctl/mapctl.db"), &junk).unwrap();
    let out = s.run(&["list"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is not a mapctl store, or it is damaged"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("writable"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(s.path("data/mapctl/mapctl.db")).unwrap(),
        junk
    );
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let s = Sandbox::new();
    let path = s.path("other.db");
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute_batch("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users VALUES (1, 'x');")
        .unwrap();
    drop(db);
    let out = s
        .cmd()
        .env("MAPCTL_STORE_PATH", &path)
        .args(["list"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a mapctl store") && stderr(&out).contains("users"),
        "{}",
        stderr(&out)
    );
    let db = rusqlite::Connection::open(&path).unwrap();
    let tables: i64 = db
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 1, "no table was added");
}

#[test]
fn an_empty_store_path_is_a_config_error_naming_the_key() {
    let s = Sandbox::new();
    s.write_config("[store]\npath = \"\"\n");
    let out = s.run(&["list"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(stderr(&out).contains("store.path in"), "{}", stderr(&out));
    assert!(!s.path("data").exists(), "nothing was created");
}
