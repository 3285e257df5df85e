//! `UseDevelopmentStorage=true` against a stock Azurite: its default port
//! (10002) and its built-in account and well-known key.

use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Sandbox, stderr};

struct Stock(Option<std::process::Child>);

impl Drop for Stock {
    fn drop(&mut self) {
        if let Some(c) = self.0.as_mut() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// A stock Azurite on 127.0.0.1:10002 (one already there is used as it is).
fn stock_azurite() -> Stock {
    if TcpStream::connect(("127.0.0.1", 10002)).is_ok() {
        return Stock(None);
    }
    let bin =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/.bin/azurite-table");
    let workspace = tempfile::tempdir().unwrap();
    let child = Command::new(bin)
        .args(["--inMemoryPersistence", "--disableTelemetry", "--silent"])
        .current_dir(workspace.path())
        .env_remove("AZURITE_ACCOUNTS")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("azurite-table is installed by .ci/run (npm ci)");
    let stock = Stock(Some(child));
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", 10002)).is_err() {
        assert!(Instant::now() < deadline, "Azurite did not listen on 10002");
        std::thread::sleep(Duration::from_millis(50));
    }
    stock
}

#[test]
fn use_development_storage_works_against_a_stock_azurite() {
    let _azurite = stock_azurite();
    let s = Sandbox::azure_at("UseDevelopmentStorage=true".into());
    let name = format!("Dev Storage {}", std::process::id());
    let out = s.run(&["orgs", "add", "--name", &name, "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let orgs = s.json(&["orgs", "list"]);
    assert!(
        orgs.as_array()
            .unwrap()
            .iter()
            .any(|o| o["name"] == name.as_str()),
        "{orgs}"
    );
}
