//! `mapctl discover halopsa` against a HaloPSA double holding 10,000 clients,
//! 1,000 per page, 200 ms of server time per page. Run: `cargo bench --bench discover`.
//!
//! Goals (issue #9): cold ≤ 0.45 s (the first page, then all the others in
//! one concurrent wave: floor 0.4 s); a cached discover ≤ 25 ms.
//! `MAPCTL_BENCH_TRACE=1` also prints the `-vvv` trace of one cold run.

#[path = "../tests/common/doubles.rs"]
#[allow(dead_code)]
mod doubles;
#[path = "../tests/common/http.rs"]
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

fn main() {
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
    let mut cached: Vec<f64> = (0..20).map(|_| discover(dir.path(), &[])).collect();
    cached.sort_by(f64::total_cmp);
    println!(
        "discover halopsa from the cache (median of 20)                   {:>7.1} ms  (goal: 25 ms)",
        cached[10]
    );
}
