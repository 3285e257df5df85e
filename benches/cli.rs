//! Whole-process wall time of the commands scripts call most, against a local
//! store seeded with 10,000 mappings over 200 orgs. Run: `cargo bench --bench cli`.
//!
//! Goals (issue #2): `list --org X -o json` and `get X halopsa` under 20 ms,
//! `--help` under 10 ms. Figures only: nothing here fails on a slow machine.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mapctl_core::mapping::{MapRequest, OnExisting, Repo};
use mapctl_core::store::local::LocalBackend;

const ORGS: usize = 200;
const PER_ORG: usize = 50;
const RUNS: usize = 40;

fn seed(store: &Path) -> Duration {
    let started = Instant::now();
    let repo = Repo::new(Arc::new(LocalBackend::open(store).unwrap()));
    let repo = repo.start_transaction("bench", "bench");
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        for o in 0..ORGS {
            let org = repo
                .add_org(
                    &format!("Customer {o:03}"),
                    Some(&format!("org-{o:03}")),
                    None,
                )
                .await
                .unwrap()
                .0;
            // One HaloPSA client, one NinjaOne org and many Microsoft 365 tenants per org.
            for m in 0..PER_ORG {
                let (integration, ext) = match m {
                    0 => ("halopsa", format!("{o}")),
                    1 => ("ninjaone", format!("{o}")),
                    _ => ("microsoft_graph", format!("tenant-{o}-{m}")),
                };
                repo.map(&MapRequest {
                    org: org.clone(),
                    integration: integration.into(),
                    external_org_id: ext.into(),
                    external_org_name: Some(format!("Customer {o:03} / {m}")),
                    mapping_data: None,
                    on_existing: OnExisting::Add,
                    allow_shared: false,
                })
                .await
                .unwrap();
            }
        }
    });
    started.elapsed()
}

fn time_runs(store: &Path, config_home: &Path, args: &[&str]) -> Vec<Duration> {
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_mapctl"))
            .args(args)
            .env("MAPCTL_STORE_PATH", store)
            .env("XDG_CONFIG_HOME", config_home)
            .env_remove("MAPCTL_CONFIG")
            .output()
            .unwrap();
        times.push(started.elapsed());
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    times.sort();
    times
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(name: &str, goal_ms: f64, times: &[Duration]) {
    let median = ms(times[times.len() / 2]);
    let p95 = ms(times[times.len() * 95 / 100]);
    let verdict = if median <= goal_ms { "meets" } else { "MISSES" };
    println!(
        "{name:<34} min {:>6.2} ms  median {median:>6.2} ms  p95 {p95:>6.2} ms  ({verdict} the {goal_ms} ms goal)",
        ms(times[0])
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing useful: run either way.
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("bench.db");
    let seeded = seed(&store);
    println!(
        "seeded {} mappings over {ORGS} orgs through the repository in {:.2} s",
        ORGS * PER_ORG,
        seeded.as_secs_f64()
    );
    let config_home = dir.path().join("config");
    report(
        "mapctl --help",
        10.0,
        &time_runs(&store, &config_home, &["--help"]),
    );
    report(
        "mapctl list --org org-100 -o json",
        20.0,
        &time_runs(
            &store,
            &config_home,
            &["list", "--org", "org-100", "-o", "json"],
        ),
    );
    report(
        "mapctl get org-100 halopsa",
        20.0,
        &time_runs(&store, &config_home, &["get", "org-100", "halopsa"]),
    );
    report(
        "mapctl get 'Customer 100' halopsa",
        20.0,
        &time_runs(&store, &config_home, &["get", "Customer 100", "halopsa"]),
    );
}
