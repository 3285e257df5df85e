//! `mapctl serve` under load (issue #28); figures only. Run:
//! `cargo bench --bench serve` (needs `wrk`, from Debian's package, and
//! python3 with pip once, for Microsoft's Python SDK).
//!
//! - Local store: wrk with 64 keep-alive connections for 10 s on
//!   `GET /api/v1/orgs/acme/integrations/halopsa/mapping`: requests per
//!   second and latency percentiles. Targets: ≥ 5,000 requests/s, p99 ≤ 25 ms.
//! - Azurite: the same request through the server, one at a time, and
//!   point reads of the same mapping's row by azure-data-tables
//!   (Microsoft's Python SDK) straight from Azurite, in the same run: both
//!   warmed up, then 2,000 each in ten alternating rounds. Target: the
//!   server's p95 ≤ 1.5× the SDK's.
//! - The UI's search (issue #29): 10,000 cached records of a HaloPSA
//!   double, 100 keystrokes; target ≤ 50 ms each.

#[path = "../tests/cli/common/azurite.rs"]
#[allow(dead_code)]
mod azurite;
#[path = "../tests/cli/common/doubles.rs"]
#[allow(dead_code)]
mod doubles;
#[path = "../tests/cli/common/http.rs"]
#[allow(dead_code)]
mod http;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

const PATH: &str = "/api/v1/orgs/acme/integrations/halopsa/mapping";

fn mapctl(home: &Path, store: &[(&str, String)]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mapctl"));
    c.env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env_remove("MAPCTL_CONFIG")
        .env_remove("MAPCTL_STORE");
    for (k, v) in store {
        c.env(k, v);
    }
    c
}

fn ok(mut c: Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// An org mapped in halopsa, a read token, and the server: (child, address, token).
fn serve(home: &Path, store: &[(&str, String)]) -> (Child, String, String) {
    let run = |args: &[&str]| {
        let mut c = mapctl(home, store);
        c.args(args);
        ok(c)
    };
    run(&["orgs", "add", "--id", "acme", "--name", "Acme Corp"]);
    run(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    let token = run(&["tokens", "create", "--name", "bench", "--scope", "read"])
        .trim()
        .to_owned();
    let mut c = mapctl(home, store);
    c.args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server says where it listens")
            .unwrap();
        if let Some(rest) = line.split("Listening on http://").nth(1) {
            break rest.split_whitespace().next().unwrap().to_owned();
        }
    };
    // The access log is drained so that the server never blocks on it.
    std::thread::spawn(move || for _ in lines {});
    (child, addr, token)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

/// `cargo bench --bench serve -- azure` runs one part (local, ui, azure).
fn main() {
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |part: &str| only.is_empty() || only.iter().any(|o| o == part);
    if wanted("local") {
        local();
    }
    if wanted("ui") {
        ui_search();
    }
    if wanted("azure") {
        azure();
    }
}

fn local() {
    let home = tempfile::tempdir().unwrap();
    let (mut child, addr, token) = serve(home.path(), &[]);
    let out = Command::new("wrk")
        .args(["-t2", "-c64", "-d10s", "--latency"])
        .arg("-H")
        .arg(format!("Authorization: Bearer {token}"))
        .arg(format!("http://{addr}{PATH}"))
        .output()
        .expect("wrk runs the load (apt-get install wrk)");
    let _ = child.kill();
    let _ = child.wait();
    let text = String::from_utf8_lossy(&out.stdout);
    let pick = |label: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(label))
            .map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_owned())
            .unwrap_or_else(|| "?".into())
    };
    let non_2xx = text
        .lines()
        .find(|l| l.contains("Non-2xx"))
        .unwrap_or("Non-2xx or 3xx responses: 0")
        .to_owned();
    println!("local store, wrk -c64 -t2 -d10s, GET {PATH}:");
    println!(
        "  {} requests/s; latency p50 {} p90 {} p99 {}; {}",
        pick("Requests/sec:"),
        pick("50%"),
        pick("90%"),
        pick("99%"),
        non_2xx.trim()
    );
}

fn azure() {
    let Some(azurite) = azurite::azurite() else {
        println!("Azurite is not available (node/npm missing): nothing measured on it");
        return;
    };
    let conn = azurite.fresh_account();
    let home = tempfile::tempdir().unwrap();
    let store = [
        ("MAPCTL_STORE", "azure".to_owned()),
        ("MAPCTL_STORAGE_CONNECTION_STRING", conn.clone()),
    ];
    let (mut child, addr, token) = serve(home.path(), &store);
    let Some(mut sdk) = PythonSdk::start(&conn) else {
        println!("  azure-data-tables could not be installed: no ratio");
        let _ = child.kill();
        return;
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = reqwest::Client::new();
    let url = format!("http://{addr}{PATH}");
    let through_server = |n: usize| -> Vec<f64> {
        runtime.block_on(async {
            let mut times = Vec::with_capacity(n);
            for _ in 0..n {
                let started = Instant::now();
                let r = client.get(&url).bearer_auth(&token).send().await.unwrap();
                assert_eq!(r.status(), 200);
                r.bytes().await.unwrap();
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            times
        })
    };
    // Both warm up (connections, Azurite's and Python's first calls), then
    // take turns in rounds, so that whatever else the machine does falls on
    // both alike.
    through_server(WARM_UP);
    sdk.reads(WARM_UP);
    let (mut server, mut direct) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        // Each goes first in half the rounds.
        if round % 2 == 0 {
            server.extend(through_server(PER_ROUND));
            direct.extend(sdk.reads(PER_ROUND));
        } else {
            direct.extend(sdk.reads(PER_ROUND));
            server.extend(through_server(PER_ROUND));
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    server.sort_by(f64::total_cmp);
    direct.sort_by(f64::total_cmp);
    let figures = |t: &[f64]| {
        format!(
            "p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms",
            percentile(t, 0.5),
            percentile(t, 0.95),
            percentile(t, 0.99)
        )
    };
    println!(
        "Azurite, {} sequential requests each after {WARM_UP} to warm up, in {ROUNDS} alternating rounds:",
        ROUNDS * PER_ROUND
    );
    println!("  mapctl serve, GET {PATH}: {}", figures(&server));
    println!(
        "  azure-data-tables get_entity of the mapping's row: {}",
        figures(&direct)
    );
    println!(
        "  ratio of p95: {:.2}x (target <= 1.5x)",
        percentile(&server, 0.95) / percentile(&direct, 0.95)
    );
}

const WARM_UP: usize = 200;
const ROUNDS: usize = 10;
const PER_ROUND: usize = 200;

/// Microsoft's Python SDK (azure-data-tables, in a virtualenv under target/
/// made once) reading the mapping's org-index row by point reads, on
/// demand: a line "N" in, N times in ms out.
struct PythonSdk {
    child: Child,
    to: std::process::ChildStdin,
    from: std::io::Lines<BufReader<std::process::ChildStdout>>,
}

impl PythonSdk {
    fn start(conn: &str) -> Option<PythonSdk> {
        let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-venv");
        let python = venv.join("bin/python");
        if !python.exists() {
            let made = Command::new("python3")
                .arg("-m")
                .arg("venv")
                .arg(&venv)
                .status()
                .ok()?;
            let installed = Command::new(&python)
                .args(["-m", "pip", "install", "-q", "azure-data-tables==12.7.0"])
                .status()
                .ok()?;
            if !made.success() || !installed.success() {
                return None;
            }
        }
        let script = r#"
import os, sys, time
from azure.data.tables import TableClient
table = TableClient.from_connection_string(os.environ["CONN"], "OrgIntegrationMappings")
row = next(iter(table.query_entities("PartitionKey eq 'acme'")))
for line in sys.stdin:
    times = []
    for i in range(int(line)):
        t = time.perf_counter()
        table.get_entity(row["PartitionKey"], row["RowKey"])
        times.append((time.perf_counter() - t) * 1000)
    print(" ".join(f"{t:.4f}" for t in times), flush=True)
"#;
        let mut child = Command::new(&python)
            .arg("-c")
            .arg(script)
            .env("CONN", conn)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .ok()?;
        let to = child.stdin.take()?;
        let from = BufReader::new(child.stdout.take()?).lines();
        Some(PythonSdk { child, to, from })
    }

    fn reads(&mut self, n: usize) -> Vec<f64> {
        use std::io::Write;
        writeln!(self.to, "{n}").unwrap();
        let line = self
            .from
            .next()
            .expect("the SDK answers")
            .expect("the SDK's times");
        line.split_whitespace()
            .map(|t| t.parse().unwrap())
            .collect()
    }
}

impl Drop for PythonSdk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The UI's search over 10,000 cached records (issue #29: ≤ 50 ms server
/// time per keystroke): a HaloPSA double, its listing cached, `mapctl ui`
/// signed in, 100 searches of 1 to 5 typed characters in a row.
fn ui_search() {
    let home = tempfile::tempdir().unwrap();
    let double = doubles::Double::start(doubles::Api::Halo, 10_000);
    std::fs::create_dir_all(home.path().join("config/mapctl")).unwrap();
    std::fs::write(
        home.path().join("config/mapctl/config.toml"),
        double.config(),
    )
    .unwrap();
    let creds = [
        ("MAPCTL_HALOPSA_CLIENT_ID", doubles::CLIENT_ID.to_owned()),
        (
            "MAPCTL_HALOPSA_CLIENT_SECRET",
            doubles::CLIENT_SECRET.to_owned(),
        ),
    ];
    let run = |args: &[&str]| {
        let mut c = mapctl(home.path(), &creds);
        c.args(args);
        ok(c)
    };
    run(&["orgs", "add", "--id", "acme", "--name", "Acme Corp"]);
    run(&["discover", "halopsa", "-o", "json"]);
    let mut c = mapctl(home.path(), &creds);
    c.args(["ui", "--no-open"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = c.spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let login = lines.next().unwrap().unwrap();
    let base = login.split("/login").next().unwrap().to_owned();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut times: Vec<f64> = runtime.block_on(async {
        let signed_in = client.get(&login).send().await.unwrap();
        let cookie = signed_in.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let typed = ["a", "ac", "acm", "acme", "acme 0"];
        let mut times = Vec::new();
        for i in 0..110 {
            let q = typed[i % typed.len()];
            let url = format!(
                "{base}/orgs/acme/map/halopsa/search?q={}",
                q.replace(' ', "%20")
            );
            let started = Instant::now();
            let r = client
                .get(&url)
                .header("Cookie", &cookie)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            r.bytes().await.unwrap();
            if i >= 10 {
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
        }
        times
    });
    let _ = child.kill();
    let _ = child.wait();
    times.sort_by(f64::total_cmp);
    println!(
        "mapctl ui, the Map dialog's search over 10,000 cached records, 100 keystrokes: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms (target <= 50 ms)",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times[times.len() - 1]
    );
}
