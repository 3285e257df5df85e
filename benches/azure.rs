//! Requests and wall time of single commands against Azure Table Storage
//! (Azurite, started as in the tests). Run: `cargo bench --bench azure`.
//!
//! Then the same commands through a proxy that adds 30 ms to every request
//! (an MSP office 20–40 ms from its Azure region): per command, requests,
//! sequential round trips (the longest chain of requests each sent after
//! the one before was answered) and the median time.
//!
//! Goals (issue #17): `get` and `list --org` by id in 1 sequential round
//! trip, a new `map` in at most 3, `unmap` in at most 3, no fixed pause
//! when a refusal can be decided from the rows. Figures only.

#[path = "../tests/cli/common/azurite.rs"]
#[allow(dead_code)]
mod azurite;
#[path = "../tests/cli/common/http.rs"]
#[allow(dead_code)]
mod http;
#[path = "common/latency_proxy.rs"]
mod latency_proxy;

use std::process::Command;
use std::time::{Duration, Instant};

use mapctl_core::config::StoreConfig;
use mapctl_core::mapping::{MapRequest, OnExisting, Repo};

const ORGS: usize = 50;
const PER_ORG: usize = 10;
const RUNS: usize = 15;

fn run(conn: &str, args: &[&str]) -> (Duration, usize) {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let (ok, requests, elapsed) = run_on(conn, &args);
    assert!(ok, "{args:?} failed");
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
    let backend = mapctl_core::session::open_backend(
        &StoreConfig::Azure {
            connection_string: Some(conn.clone()),
            endpoint: None,
            source: "bench".into(),
        },
        None,
        None,
    )
    .unwrap();
    let repo = Repo::new(backend);
    let repo = repo.start_transaction("bench", "bench");
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
                    external_org_id: ext.into(),
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
    proxied(azurite, &conn);
}

/// Runs mapctl on `conn`; whether it exited 0, and its -vv request lines.
fn run_on(conn: &str, args: &[String]) -> (bool, usize, Duration) {
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
    let requests = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.starts_with("azure: "))
        .count();
    (out.status.success(), requests, elapsed)
}

/// The commands of a technician's day through 30 ms of latency.
fn proxied(azurite: &azurite::Azurite, direct: &str) {
    let proxy = latency_proxy::Proxy::start(azurite.port, Duration::from_millis(30));
    let conn = direct.replace(
        &format!("127.0.0.1:{}/", azurite.port),
        &format!("127.0.0.1:{}/", proxy.port),
    );
    println!();
    println!("through a proxy adding 30 ms per request ({RUNS} runs each):");
    println!(
        "{:<48} {:>8} {:>11} {:>9}",
        "command", "requests", "round trips", "median"
    );
    let measure = |name: &str, ok: bool, args: &dyn Fn(usize) -> Vec<String>| {
        let mut times = Vec::new();
        let (mut requests, mut trips) = (0, 0);
        for i in 0..RUNS {
            proxy.reset();
            let (success, _, t) = run_on(&conn, &args(i));
            assert_eq!(success, ok, "{name}: {:?}", args(i));
            times.push(t);
            (requests, trips) = proxy.counts();
        }
        times.sort();
        println!(
            "{name:<48} {requests:>8} {trips:>11} {:>7.0} ms",
            times[RUNS / 2].as_secs_f64() * 1000.0
        );
    };
    let words = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
    measure("get org-010 halopsa", true, &|_| {
        words("get org-010 halopsa")
    });
    measure("list --org org-010", true, &|_| {
        words("list --org org-010 -o json")
    });
    measure("list --integration halopsa", true, &|_| {
        words("list --integration halopsa -o json")
    });
    measure("map (new mapping)", true, &|i| {
        words(&format!(
            "map org-{:03} autotask --external-id a{i} --no-verify",
            20 + i
        ))
    });
    measure("map (unchanged)", true, &|i| {
        words(&format!(
            "map org-{:03} autotask --external-id a{i} --no-verify",
            20 + i
        ))
    });
    // A refusal against a mapping made moments ago waits to see that it is
    // no contender's (150 ms and more); against one made before (here 6 s),
    // the row's ETag says it is not.
    std::thread::sleep(Duration::from_secs(6));
    measure("map (refused: the org is mapped)", false, &|i| {
        words(&format!(
            "map org-{:03} autotask --external-id b{i} --no-verify",
            20 + i
        ))
    });
    measure("map (refused: another org owns it)", false, &|i| {
        words(&format!(
            "map org-{:03} autotask --external-id a{i} --no-verify",
            35 + i
        ))
    });
    measure("unmap", true, &|i| {
        words(&format!("unmap org-{:03} autotask --yes", 20 + i))
    });
}
