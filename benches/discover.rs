//! `mapctl discover halopsa` against a HaloPSA double holding 10,000 clients,
//! 1,000 per page, 200 ms of server time per page. Run: `cargo bench --bench discover`.
//!
//! Printed side by side with a minimal client (this bench binary run again
//! as `--minimal-client`: reqwest and serde_json, a token, the first page,
//! then the other nine at once, the JSON written out), in the same run and
//! alternating, so that the ratio holds when the machine's speed drifts.
//! Goals: cold ≤ 1.1× the minimal client; a cached discover ≤ 20 ms,
//! printed beside its floor (this binary run as `--floor`: the cache file
//! read, parsed and written out as pretty JSON, nothing else); `status
//! --refresh` over 8 integrations of 1 s each ≈ 1 s.
//! `MAPCTL_BENCH_TRACE=1` also prints the `-vvv` trace of one cold run.

#[path = "../tests/cli/common/doubles.rs"]
#[allow(dead_code)]
mod doubles;
#[path = "../tests/cli/common/http.rs"]
#[allow(dead_code)]
mod http;

use std::process::Command;
use std::sync::atomic::Ordering;
use std::time::Instant;

use doubles::{Api, CLIENT_ID, CLIENT_SECRET, Double};

fn discover(dir: &std::path::Path, extra: &[&str]) -> f64 {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_mapctl"))
        .args(["discover", "halopsa", "-o", "json"])
        .args(extra)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("MAPCTL_HALOPSA_CLIENT_ID", CLIENT_ID)
        .env("MAPCTL_HALOPSA_CLIENT_SECRET", CLIENT_SECRET)
        .env_remove("MAPCTL_CONFIG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    if extra.contains(&"-vvv") {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    }
    started.elapsed().as_secs_f64() * 1000.0
}

/// The least a client can do: what a hand-written script would.
fn minimal_client(base: &str) {
    use futures_util::StreamExt;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = reqwest::Client::new();
        let token: serde_json::Value = client
            .post(format!("{base}/auth/token"))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", CLIENT_ID),
                ("client_secret", CLIENT_SECRET),
                ("scope", "all"),
            ])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .map(|t| serde_json::from_str(&t).unwrap())
            .unwrap();
        let bearer = format!("Bearer {}", token["access_token"].as_str().unwrap());
        let page = |n: usize| {
            let (client, bearer) = (client.clone(), bearer.clone());
            async move {
                let url = format!("{base}/api/Client?pageinate=true&page_size=1000&page_no={n}");
                let body: serde_json::Value = client
                    .get(url)
                    .header("Authorization", bearer)
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .map(|t| serde_json::from_str(&t).unwrap())
                    .unwrap();
                body
            }
        };
        let first = page(1).await;
        let pages = first["record_count"].as_u64().unwrap().div_ceil(1000) as usize;
        let mut all: Vec<serde_json::Value> = first["clients"].as_array().unwrap().clone();
        let mut rest = futures_util::stream::iter((2..=pages).map(page)).buffer_unordered(10);
        while let Some(p) = rest.next().await {
            all.extend(p["clients"].as_array().unwrap().iter().cloned());
        }
        println!("{}", serde_json::to_string_pretty(&all).unwrap());
    });
}

fn minimal(base: &str) -> f64 {
    let started = Instant::now();
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--minimal-client", base])
        .output()
        .unwrap();
    assert!(out.status.success());
    started.elapsed().as_secs_f64() * 1000.0
}

fn median(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs[runs.len() / 2]
}

/// `status --refresh` over eight integrations whose APIs take 1 s each.
fn status_of_eight_slow_integrations() {
    let d = Double::start(Api::Halo, 10);
    d.faults.delay_ms.store(1000, Ordering::SeqCst);
    let dir = tempfile::tempdir().unwrap();
    let declarations = dir.path().join("config/mapctl/integrations");
    std::fs::create_dir_all(&declarations).unwrap();
    let halo = include_str!("../crates/mapctl-core/integrations/halopsa.toml");
    let mut config = String::new();
    let mut names = Vec::new();
    for i in 1..=8 {
        let name = format!("halo{i}");
        std::fs::write(declarations.join(format!("{name}.toml")), halo).unwrap();
        config.push_str(
            &d.config()
                .replace("[integrations.halopsa]", &format!("[integrations.{name}]")),
        );
        names.push(name);
    }
    std::fs::write(dir.path().join("config/mapctl/config.toml"), config).unwrap();
    let started = Instant::now();
    let mut c = Command::new(env!("CARGO_BIN_EXE_mapctl"));
    c.args(["status", "--refresh", "-o", "json"])
        .args(&names)
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env_remove("MAPCTL_CONFIG");
    for n in &names {
        c.env(format!("MAPCTL_{}_CLIENT_ID", n.to_uppercase()), CLIENT_ID)
            .env(
                format!("MAPCTL_{}_CLIENT_SECRET", n.to_uppercase()),
                CLIENT_SECRET,
            );
    }
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "status --refresh, 8 integrations of 1 s each                     {:>7.0} ms  (goal: about 1,000 ms, not 8,000)",
        started.elapsed().as_secs_f64() * 1000.0
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--minimal-client") {
        minimal_client(&args[at + 1]);
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--floor") {
        let text = std::fs::read_to_string(&args[at + 1]).unwrap();
        let cached: serde_json::Value = serde_json::from_str(&text).unwrap();
        let out = serde_json::to_string_pretty(&cached["orgs"]).unwrap();
        use std::io::Write;
        std::io::stdout().write_all(out.as_bytes()).unwrap();
        return;
    }
    let d = Double::start(Api::Halo, 10_000);
    d.faults.delay_ms.store(200, Ordering::SeqCst);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("config/mapctl")).unwrap();
    for (label, concurrency) in [
        ("sequential pages (concurrency = 1)", "concurrency = 1\n"),
        ("concurrent pages (the default, 10)", ""),
    ] {
        std::fs::write(
            dir.path().join("config/mapctl/config.toml"),
            format!("{}{concurrency}", d.config()),
        )
        .unwrap();
        // The median of 5 cold runs: one run varies by ±20 ms here.
        let mut runs: Vec<f64> = (0..5)
            .map(|_| discover(dir.path(), &["--refresh"]))
            .collect();
        runs.sort_by(f64::total_cmp);
        let ms = runs[2];
        if std::env::var_os("MAPCTL_BENCH_TRACE").is_some() {
            discover(dir.path(), &["--refresh", "-vvv"]);
        }
        println!("discover halopsa, 10,000 clients, {label:<36} {ms:>7.0} ms");
    }
    // Side by side with the minimal client, alternating, 7 pairs.
    let base = d.server.url();
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        ours.push(discover(dir.path(), &["--refresh"]));
        theirs.push(minimal(&base));
    }
    let ratios: Vec<f64> = ours.iter().zip(&theirs).map(|(a, b)| a / b).collect();
    println!(
        "cold: mapctl {:>5.0} ms, a minimal client {:>5.0} ms: {:.2}x (median of 7 pairs; goal 1.1x)",
        median(ours),
        median(theirs),
        median(ratios)
    );
    let cache_file = dir.path().join("cache/mapctl/discovery/halopsa.json");
    let (mut cached, mut floor) = (Vec::new(), Vec::new());
    for _ in 0..20 {
        cached.push(discover(dir.path(), &[]));
        let started = Instant::now();
        let out = Command::new(std::env::current_exe().unwrap())
            .args(["--floor", cache_file.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success());
        floor.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let ratios: Vec<f64> = cached.iter().zip(&floor).map(|(a, b)| a / b).collect();
    println!(
        "discover halopsa from the cache (median of 20)                   {:>7.1} ms  (goal: 20 ms); its floor (read, parse, write the JSON) {:.1} ms: {:.2}x",
        median(cached),
        median(floor),
        median(ratios)
    );
    if let Ok(keep) = std::env::var("MAPCTL_BENCH_KEEP") {
        // For a profiler: the folders of a cached discover, kept.
        let _ = std::fs::remove_dir_all(&keep);
        std::process::Command::new("cp")
            .args(["-r", dir.path().to_str().unwrap(), &keep])
            .status()
            .unwrap();
        println!("kept in {keep}");
    }
    status_of_eight_slow_integrations();
}
