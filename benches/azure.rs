//! Requests and wall time of single commands against Azure Table Storage
//! (Azurite, started as in the tests). Run: `cargo bench --bench azure`.
//!
//! Goals (issue #3): `list --org X` in one partition query, a `map` in at
//! most 4 requests once the tables exist. Figures only.

#[path = "../tests/common/azurite.rs"]
#[allow(dead_code)]
mod azurite;

use std::process::Command;
use std::time::{Duration, Instant};

use mapctl::config::StoreConfig;
use mapctl::store::repo::{MapRequest, OnExisting, Repo};

const ORGS: usize = 50;
const PER_ORG: usize = 10;
const RUNS: usize = 15;

fn run(conn: &str, args: &[&str]) -> (Duration, usize) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_mapctl"))
        .arg("-vv")
        .args(args)
        .env("MAPCTL_STORE", "azure")
        .env("MAPCTL_STORAGE_CONNECTION_STRING", conn)
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("mapctl-bench-no-config"),
        )
        .env_remove("MAPCTL_CONFIG")
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let requests = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.starts_with("azure: "))
        .count();
    (elapsed, requests)
}

fn report(name: &str, conn: &str, args: &[&str]) {
    let mut times = Vec::new();
    let mut requests = 0;
    for _ in 0..RUNS {
        let (t, r) = run(conn, args);
        times.push(t);
        requests = r;
    }
    times.sort();
    println!(
        "{name:<44} {requests} requests  median {:>6.1} ms  min {:>6.1} ms",
        times[RUNS / 2].as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0
    );
}

fn main() {
    let Some(azurite) = azurite::azurite() else {
        println!("Azurite is not available (node/npm missing): nothing measured");
        return;
    };
    let conn = azurite.fresh_account();
    let backend = mapctl::context::open_backend(
        &StoreConfig::Azure {
            connection_string: Some(conn.clone()),
            endpoint: None,
            source: "bench".into(),
        },
        None,
        None,
    )
    .unwrap();
    let repo = Repo::new(backend, "bench");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let started = Instant::now();
    rt.block_on(async {
        for o in 0..ORGS {
            let (org, _) = repo
                .add_org(
                    &format!("Customer {o:03}"),
                    Some(&format!("org-{o:03}")),
                    None,
                )
                .await
                .unwrap();
            for m in 0..PER_ORG {
                let (integration, ext) = if m == 0 {
                    ("halopsa", format!("{o}"))
                } else {
                    ("microsoft_graph", format!("t-{o}-{m}"))
                };
                repo.map(&MapRequest {
                    org: org.clone(),
                    integration: integration.into(),
                    external_org_id: ext,
                    external_org_name: None,
                    mapping_data: None,
                    on_existing: OnExisting::Add,
                    allow_shared: false,
                })
                .await
                .unwrap();
            }
        }
    });
    println!(
        "seeded {} mappings over {ORGS} orgs one map at a time in {:.1} s",
        ORGS * PER_ORG,
        started.elapsed().as_secs_f64()
    );
    report(
        "mapctl list --org org-010 -o json",
        &conn,
        &["list", "--org", "org-010", "-o", "json"],
    );
    report(
        "mapctl get org-010 halopsa",
        &conn,
        &["get", "org-010", "halopsa"],
    );
    report(
        "mapctl list --integration halopsa -o json",
        &conn,
        &["list", "--integration", "halopsa", "-o", "json"],
    );
    report(
        "mapctl map org-010 halopsa --external-id 10 (unchanged)",
        &conn,
        &[
            "map",
            "org-010",
            "halopsa",
            "--external-id",
            "10",
            "--no-verify",
        ],
    );
    let (t, r) = run(
        &conn,
        &[
            "map",
            "org-011",
            "ninjaone",
            "--external-id",
            "new",
            "--no-verify",
        ],
    );
    println!(
        "{:<44} {r} requests  {:>6.1} ms",
        "mapctl map (new mapping, tables exist)",
        t.as_secs_f64() * 1000.0
    );
}
