//! `mapctl apply -f` of 10,000 mappings over 200 orgs and two integrations,
//! into the local store and into Azure Table Storage (Azurite). Run:
//! `cargo bench --bench apply`.
//!
//! Goals (issue #6): local under 2 s; on Azure at most 1/10 of the 20,000
//! write requests a row-by-row writer would make (batching allows ~1/100).

#[path = "../tests/cli/common/azurite.rs"]
#[allow(dead_code)]
mod azurite;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

const ORGS: usize = 200;
const PER_ORG: usize = 50;

fn mapctl(env: &[(&str, String)], args: &[&str]) -> (f64, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mapctl"));
    cmd.args(args)
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("mapctl-bench-no-config"),
        )
        .env_remove("MAPCTL_CONFIG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let out = cmd.output().unwrap();
    let secs = started.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (secs, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn write_files(dir: &Path) -> (String, String) {
    let mut orgs = String::from("id,name,tenant_id\n");
    let mut mappings = String::new();
    for o in 0..ORGS {
        orgs.push_str(&format!("org-{o:03},Customer {o:03},\n"));
        for m in 0..PER_ORG {
            let integration = if m % 2 == 0 { "halopsa" } else { "ninjaone" };
            mappings.push_str(&format!(
                "{{\"org\":\"org-{o:03}\",\"integration\":\"{integration}\",\"external_org_id\":\"{o}-{m}\",\"external_org_name\":\"Customer {o:03} site {m}\"}}\n"
            ));
        }
    }
    let (o, m) = (dir.join("orgs.csv"), dir.join("mappings.jsonl"));
    std::fs::write(&o, orgs).unwrap();
    std::fs::write(&m, mappings).unwrap();
    (
        o.to_str().unwrap().to_owned(),
        m.to_str().unwrap().to_owned(),
    )
}

/// Runs mapctl once; returns seconds and peak memory (max RSS, MB).
fn measured(env: &[(&str, String)], args: &[&str]) -> (f64, f64) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mapctl"));
    cmd.args(args)
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("mapctl-bench-no-config"),
        )
        .env_remove("MAPCTL_CONFIG")
        .stdout(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let child = cmd.spawn().unwrap();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // wait4 reaps the child and reports its peak memory (ru_maxrss).
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    std::mem::forget(child);
    let secs = started.elapsed().as_secs_f64();
    assert!(pid > 0 && status == 0, "{args:?} failed ({status})");
    (secs, usage.ru_maxrss as f64 / 1024.0)
}

/// 100,000 mappings (1,000 orgs): time and peak memory of one apply.
fn large_apply(dir: &Path) {
    let mut orgs = String::from("id,name,tenant_id\n");
    let mut mappings = String::new();
    for o in 0..1000 {
        orgs.push_str(&format!("org-{o:04},Customer {o:04},\n"));
        for m in 0..100 {
            let integration = if m % 2 == 0 { "halopsa" } else { "ninjaone" };
            mappings.push_str(&format!(
                "{{\"org\":\"org-{o:04}\",\"integration\":\"{integration}\",\"external_org_id\":\"{o}-{m}\",\"external_org_name\":\"Customer {o:04} site {m}\"}}\n"
            ));
        }
    }
    let (o, m) = (dir.join("orgs-large.csv"), dir.join("mappings-large.jsonl"));
    std::fs::write(&o, orgs).unwrap();
    std::fs::write(&m, mappings).unwrap();
    let env = vec![(
        "MAPCTL_STORE_PATH",
        dir.join("large.db").to_str().unwrap().to_owned(),
    )];
    mapctl(&env, &["orgs", "import", "-f", o.to_str().unwrap()]);
    let (secs, mb) = measured(&env, &["apply", "-f", m.to_str().unwrap()]);
    println!(
        "local: apply of 100000 new mappings           {secs:>6.2} s  peak memory {mb:>5.0} MB (goal: at most 150 MB)"
    );
    let (secs, mb) = measured(&env, &["apply", "-f", m.to_str().unwrap()]);
    println!(
        "local: the same apply again (no change)       {secs:>6.2} s  peak memory {mb:>5.0} MB"
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    large_apply(dir.path());
    let (orgs, mappings) = write_files(dir.path());
    let n = ORGS * PER_ORG;

    let local = vec![(
        "MAPCTL_STORE_PATH",
        dir.path().join("bench.db").to_str().unwrap().to_owned(),
    )];
    mapctl(&local, &["orgs", "import", "-f", &orgs]);
    let (secs, _) = mapctl(&local, &["apply", "-f", &mappings]);
    println!("local: apply of {n} new mappings             {secs:>6.2} s  (goal: under 2 s)");
    let (secs, _) = mapctl(&local, &["apply", "-f", &mappings]);
    println!("local: the same apply again (no change)       {secs:>6.2} s");

    let Some(azurite) = azurite::azurite() else {
        println!("azure: Azurite is not available (node/npm missing): not measured");
        return;
    };
    let azure = vec![
        ("MAPCTL_STORE", "azure".to_owned()),
        ("MAPCTL_STORAGE_CONNECTION_STRING", azurite.fresh_account()),
    ];
    mapctl(&azure, &["orgs", "import", "-f", &orgs]);
    let (secs, trace) = mapctl(&azure, &["-vv", "apply", "-f", &mappings]);
    let requests: Vec<&str> = trace.lines().filter(|l| l.starts_with("azure: ")).collect();
    let writes = requests
        .iter()
        .filter(|l| !l.starts_with("azure: GET"))
        .count();
    println!(
        "azure: apply of {n} new mappings             {secs:>6.2} s  {writes} write requests ({} in all) for {} row writes; goal: at most {}",
        requests.len(),
        2 * n,
        2 * n / 10
    );
    let (secs, trace) = mapctl(&azure, &["-vv", "apply", "-f", &mappings]);
    let requests = trace.lines().filter(|l| l.starts_with("azure: ")).count();
    println!(
        "azure: the same apply again (no change)       {secs:>6.2} s  {requests} requests, all reads"
    );
}
