//! "Mapped or ignored, not both" and "mapped or excluded, not both" when
//! another process writes between a command's check and its write: the
//! second writer to check sees the first and steps back, on both backends.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::common::proxy::{FaultProxy, Seen};
use crate::common::{Sandbox, Watched, code, stderr};

/// Azure, through a proxy that holds up the first write `slow` picks until
/// the test opens the gate (the rule blocks the proxy's thread).
pub(crate) fn held_up(
    direct: &Sandbox,
    slow: fn(&Seen) -> bool,
) -> (FaultProxy, Sandbox, Arc<AtomicBool>) {
    let port = crate::common::azurite::azurite().unwrap().port;
    let gate = Arc::new(AtomicBool::new(false));
    let open = gate.clone();
    let mut held = false;
    let proxy = FaultProxy::start(
        port,
        Box::new(move |r| {
            if slow(r) && !held {
                held = true;
                while !open.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
            None
        }),
    );
    let through = Sandbox::azure_at(proxy.connection_string(direct.azure.as_ref().unwrap(), port));
    (proxy, through, gate)
}

/// Until the proxy has seen a request `slow` picks (a minute at most).
pub(crate) fn wait_for(proxy: &FaultProxy, slow: fn(&Seen) -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !proxy.seen.lock().unwrap().iter().any(slow) {
        assert!(
            std::time::Instant::now() < deadline,
            "the held request never came: {:?}",
            proxy.seen.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn actions(s: &Sandbox, args: &[&str]) -> Vec<String> {
    let mut all = vec!["history"];
    all.extend(args);
    let history = s.json(&all);
    history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap().to_owned())
        .collect()
}

/// A sandbox on Azurite with the org acme.
fn azure_with_acme() -> Sandbox {
    let Some(direct) = Sandbox::azure() else {
        panic!("Azurite is needed here (npm ci installs it)");
    };
    direct.ok(&["orgs", "add", "--id", "acme", "--name", "Acme Corp"]);
    direct
}

/// `held` runs through the proxy, its first request `slow` picks held
/// until `other` has run to success straight on the store; `held`'s exit
/// code and stderr.
fn overtaken(
    direct: &Sandbox,
    slow: fn(&Seen) -> bool,
    held: &[&str],
    other: &[&str],
) -> (i32, String) {
    let (proxy, through, gate) = held_up(direct, slow);
    let running = Watched::spawn({
        let mut c = through.std_cmd();
        c.args(held);
        c
    });
    wait_for(&proxy, slow);
    direct.ok(other);
    gate.store(true, Ordering::SeqCst);
    running.finish()
}

fn writes_to(table: &'static str) -> impl Fn(&Seen) -> bool {
    move |r| r.method != "GET" && r.path.contains(table)
}

/// `ignore` checks (no owner), its write is held up while `map` plans,
/// writes and checks (no ignore record yet); the record lands after. Its
/// own check after writing finds the mapping: it takes the record back
/// and is refused, and the external org is mapped, not ignored.
#[test]
fn azure_an_ignore_overtaken_by_a_map_is_taken_back() {
    let direct = azure_with_acme();
    fn slow(r: &Seen) -> bool {
        writes_to("/IgnoredExternalOrgs")(r)
    }
    let (exit, err) = overtaken(
        &direct,
        slow,
        &["ignore", "halopsa", "--external-id", "100"],
        &[
            "map",
            "acme",
            "halopsa",
            "--external-id",
            "100",
            "--no-verify",
        ],
    );
    assert_eq!(exit, 4, "{err}");
    assert!(err.contains("Acme Corp"), "names the owner: {err}");
    assert!(
        direct.raw_rows("IgnoredExternalOrgs").is_empty(),
        "not ignored"
    );
    assert_eq!(
        direct.json(&["get", "acme", "halopsa"])["external_org_id"],
        "100"
    );
    assert_eq!(
        actions(&direct, &["--integration", "halopsa"]),
        ["unignore", "create", "ignore"],
        "written, then taken back"
    );
    assert_eq!(direct.json(&["doctor"])["healthy"], true);
}

/// `map` plans (no exclusion), its write is held up while `exclude` checks
/// (no mapping yet) and writes; the mapping lands after. Its check after
/// writing finds the exclusion: it withdraws and is refused, and the org is
/// excluded, not mapped. So too with `--add --allow-shared`, which no other
/// rule holds.
#[test]
fn azure_a_map_overtaken_by_an_exclusion_is_withdrawn() {
    for flags in [&[][..], &["--add", "--allow-shared"][..]] {
        let direct = azure_with_acme();
        fn slow(r: &Seen) -> bool {
            writes_to("/OrgIntegrationMappings")(r)
        }
        let mut map = vec![
            "map",
            "acme",
            "halopsa",
            "--external-id",
            "100",
            "--no-verify",
        ];
        map.extend(flags);
        let (exit, err) = overtaken(&direct, slow, &map, &["exclude", "acme", "halopsa"]);
        assert_eq!(exit, 4, "{flags:?}: {err}");
        assert!(err.contains("excluded"), "{flags:?}: {err}");
        let mapped = direct.json(&["list", "--org", "acme"]);
        assert_eq!(mapped.as_array().unwrap().len(), 0, "not mapped: {mapped}");
        assert_eq!(direct.raw_rows("OrgDecisions").len(), 1, "excluded");
        assert_eq!(direct.json(&["doctor"])["healthy"], true);
    }
}

/// `apply` of a file that maps acme → 100 plans (not ignored), its first
/// batch is held up while `ignore` of 100 checks (no owner yet) and
/// writes; the mapping lands after. Its check after writing finds the
/// ignore record: the mapping is withdrawn and reported, and 100 is
/// ignored, not mapped.
#[test]
fn azure_an_applied_mapping_overtaken_by_an_ignore_is_withdrawn() {
    let direct = azure_with_acme();
    let file = direct.path("mappings.json");
    std::fs::write(
        &file,
        r#"[{"org":"acme","integration":"halopsa","external_org_id":"100"}]"#,
    )
    .unwrap();
    fn slow(r: &Seen) -> bool {
        r.path.contains("$batch")
    }
    let (exit, err) = overtaken(
        &direct,
        slow,
        &["apply", "-f", file.to_str().unwrap(), "-o", "json"],
        &["ignore", "halopsa", "--external-id", "100"],
    );
    assert_eq!(exit, 0, "{err}");
    assert!(err.contains("ignored meanwhile"), "{err}");
    let mapped = direct.json(&["list", "--org", "acme"]);
    assert_eq!(mapped.as_array().unwrap().len(), 0, "not mapped: {mapped}");
    assert_eq!(direct.raw_rows("IgnoredExternalOrgs").len(), 1, "ignored");
    assert_eq!(direct.json(&["doctor"])["healthy"], true);
}

/// The local store: another writer holds the store's write lock with
/// acme → 100 written but not committed. `ignore` must not check before it
/// may write (readers do not wait for a writer): it waits for the lock,
/// then checks, finds the mapping, and is refused.
#[test]
fn local_an_ignore_waits_to_check_until_it_may_write() {
    let s = Sandbox::new();
    s.ok(&["orgs", "add", "--id", "acme", "--name", "Acme Corp"]);
    let db = crate::common::uncommitted_mapping(&s, "acme", "halopsa", "100");
    let ignore = Watched::spawn({
        let mut c = s.std_cmd();
        c.args(["ignore", "halopsa", "--external-id", "100"]);
        c
    });
    ignore.wait_until("the wait for the store lock", |err| {
        err.contains("Waiting for another process to finish writing")
    });
    db.execute_batch("COMMIT").unwrap();
    let (exit, err) = ignore.finish();
    assert_eq!(exit, 4, "{err}");
    assert!(s.raw_rows("IgnoredExternalOrgs").is_empty(), "not ignored");
    assert_eq!(s.json(&["doctor"])["healthy"], true);
}

/// Many processes at once on the same pair, both backends: whatever the
/// order, never mapped and ignored, never mapped and excluded.
fn maps_ignores_and_exclusions_racing_never_stand_together(base: &Sandbox) {
    let s = base;
    s.ok(&["orgs", "add", "--id", "acme", "--name", "Acme Corp"]);
    for round in 0..3 {
        let id = format!("{}", 200 + round);
        let children: Vec<_> = (0..6)
            .map(|i| {
                let mut c = s.std_cmd();
                match i % 3 {
                    0 => c.args([
                        "map",
                        "acme",
                        "halopsa",
                        "--external-id",
                        &id,
                        "--no-verify",
                    ]),
                    1 => c.args(["ignore", "halopsa", "--external-id", &id]),
                    _ => c.args(["exclude", "acme", "halopsa"]),
                };
                c.stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(matches!(code(&out), 0 | 4), "{}", stderr(&out));
        }
        let mapped = !s
            .json(&["list", "--org", "acme"])
            .as_array()
            .unwrap()
            .is_empty();
        let ignored = s
            .raw_rows("IgnoredExternalOrgs")
            .iter()
            .any(|e| e.str("ExternalOrgId") == Some(id.as_str()));
        let excluded = !s.raw_rows("OrgDecisions").is_empty();
        assert!(!(mapped && ignored), "round {round}: mapped and ignored");
        assert!(!(mapped && excluded), "round {round}: mapped and excluded");
        let doctor = s.run(&["doctor", "-o", "json"]);
        assert_eq!(
            code(&doctor),
            0,
            "round {round}: {} {}",
            crate::common::stdout(&doctor),
            stderr(&doctor)
        );
        // The next round starts from nothing.
        s.run(&["unmap", "acme", "halopsa", "--purge", "--yes"]);
        s.run(&["unignore", "halopsa", "--external-id", &id]);
        s.run(&["include", "acme", "halopsa"]);
    }
}

on_both_backends!(maps_ignores_and_exclusions_racing_never_stand_together);
