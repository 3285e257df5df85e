//! A sandbox per test: its own XDG folders (so its own store and config) and
//! an environment with nothing of the caller's MAPCTL_* or CI settings.
#![allow(dead_code)]

/// Runs each named test body against the local store and against Azure
/// Table Storage (Azurite): one suite, both backends.
#[allow(unused_macros)]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod local {
            $(#[test]
            fn $name() {
                super::$name(&super::Sandbox::new());
            })*
        }
        mod azure {
            $(#[test]
            fn $name() {
                if let Some(s) = super::Sandbox::azure() {
                    super::$name(&s);
                }
            })*
        }
    };
}

pub mod azurite;
pub mod doubles;
pub mod hostile;
pub mod http;
pub mod proxy;
pub mod stack;
pub mod systems;

use std::path::PathBuf;
use std::process::Output;
use std::sync::Arc;

use mapctl_core::config::StoreConfig;
use mapctl_core::store::{Entity, Query, TableBackend};
use serde_json::Value;

pub struct Sandbox {
    pub dir: tempfile::TempDir,
    /// Set for a sandbox on Azure Table Storage (Azurite): its connection string.
    pub azure: Option<String>,
}

const CLEARED: &[&str] = &[
    "CI",
    "MAPCTL_CONFIG",
    "MAPCTL_STORE",
    "MAPCTL_STORE_PATH",
    "MAPCTL_STORAGE_CONNECTION_STRING",
    "MAPCTL_OUTPUT",
    "MAPCTL_NO_INPUT",
    "MAPCTL_ACTOR",
    "NO_COLOR",
];

impl Sandbox {
    /// A sandbox on the local store.
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
            azure: None,
        }
    }

    /// A sandbox on its own Azurite account, or None when Azurite cannot run here.
    pub fn azure() -> Option<Sandbox> {
        let azurite = azurite::azurite()?;
        Some(Sandbox {
            dir: tempfile::tempdir().unwrap(),
            azure: Some(azurite.fresh_account()),
        })
    }

    /// A sandbox on Azure Table Storage through the given connection string.
    pub fn azure_at(connection_string: String) -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
            azure: Some(connection_string),
        }
    }

    /// The store this sandbox's commands use, opened through the library
    /// (to read and write raw rows, below the repository).
    pub fn store(&self) -> Arc<dyn TableBackend> {
        let config = match &self.azure {
            Some(c) => StoreConfig::Azure {
                connection_string: Some(c.clone()),
                endpoint: None,
                source: "test".into(),
            },
            None => StoreConfig::Local {
                path: self.store_path(),
            },
        };
        mapctl_core::session::open_backend(&config, None, None).unwrap()
    }

    /// Every row of a table, read straight from the store.
    pub fn raw_rows(&self, table: &str) -> Vec<Entity> {
        block_on(self.store().query(table, &Query::all())).unwrap()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The default store of this sandbox.
    pub fn store_path(&self) -> PathBuf {
        self.path("data/mapctl/mapctl.db")
    }

    pub fn config_path(&self) -> PathBuf {
        self.path("config/mapctl/config.toml")
    }

    /// Writes the default config file.
    pub fn write_config(&self, text: &str) {
        let p = self.config_path();
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Writes a user's integration declaration (`integrations/NAME.toml`).
    pub fn write_declaration(&self, name: &str, text: &str) {
        let dir = self.path("config").join("mapctl/integrations");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.toml")), text).unwrap();
    }

    /// The binary with this sandbox's environment.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_mapctl"));
        for k in CLEARED {
            c.env_remove(k);
        }
        c.env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_CACHE_HOME", self.path("cache"))
            .env("XDG_STATE_HOME", self.path("state"))
            .env("USER", "tester")
            .env("HOME", self.dir.path());
        if let Some(conn) = &self.azure {
            c.env("MAPCTL_STORE", "azure")
                .env("MAPCTL_STORAGE_CONNECTION_STRING", conn);
        }
        c
    }

    pub fn cmd(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.std_cmd())
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    /// Runs a command that must succeed and returns its stdout as JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut full = args.to_vec();
        full.extend(["-o", "json"]);
        let out = self.run(&full);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: stdout is not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    pub fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Adds the two orgs most tests use: acme and globex.
    pub fn seed_orgs(&self) {
        self.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
        self.ok(&["orgs", "add", "--name", "Globex", "--id", "globex"]);
    }
}

/// A declaration of a system with an API key in `x-api-key`, one call
/// listing every record at `path` (under `items`), `record` the extra keys
/// of `[list.record]`, and one record at `{path}/{id}` when `get`.
pub fn api_key_declaration(path: &str, items: &str, record: &str, get: bool) -> String {
    let get = if get {
        format!("\n[get]\npath = \"{path}/{{id}}\"\n")
    } else {
        String::new()
    };
    format!(
        r#"
display_name = "A declared system"

[settings.base_url]
required = true
url = true

[auth]
kind = "none"

[headers]
x-api-key = "{{credential:api_key}}"

[[list]]
path = "{path}"
items = "{items}"
paging = {{ kind = "none" }}

[list.record]
{record}
{get}
[test]
path = "{path}"
"#
    )
}

pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

/// A mapctl process started and not waited for, its stderr read as it
/// comes, so that a test can wait for what it says (a condition, not a
/// guess at how long it takes).
pub struct Watched {
    child: std::process::Child,
    stderr: Arc<std::sync::Mutex<String>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Watched {
    pub fn spawn(mut cmd: std::process::Command) -> Watched {
        cmd.stdout(std::process::Stdio::piped());
        Watched::spawn_keeping_stdout(cmd)
    }

    /// As `spawn`, with stdout where the command already sends it.
    pub fn spawn_keeping_stdout(mut cmd: std::process::Command) -> Watched {
        cmd.stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let pipe = child.stderr.take().unwrap();
        let stderr = Arc::new(std::sync::Mutex::new(String::new()));
        let sink = stderr.clone();
        let reader = std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        Watched {
            child,
            stderr,
            reader: Some(reader),
        }
    }

    /// Waits (30 s at most) until `done` holds of what the process has said
    /// on stderr so far.
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) {
        let start = std::time::Instant::now();
        while !done(&self.stderr.lock().unwrap()) {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(30),
                "waited 30 s for {what}; stderr so far: {}",
                self.stderr.lock().unwrap()
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// The process id (to signal it).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What it has said on stderr so far.
    pub fn said(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// The exit code and stderr once it ends.
    pub fn finish(mut self) -> (i32, String) {
        let status = self.child.wait().unwrap();
        self.reader.take().unwrap().join().unwrap();
        let err = self.stderr.lock().unwrap().clone();
        (status.code().unwrap_or(-1), err)
    }
}

/// Waits (30 s at most) until `done` holds: a condition another process
/// makes true.
pub fn wait_until(what: &str, done: impl Fn() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "waited 30 s for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Whether `cmd --version` runs.
pub fn have(cmd: &str) -> bool {
    std::process::Command::new(cmd)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The `tools` from Debian's `packages` when one is missing, installed on
/// first use the way the harness gets Azurite (as root, like CI; anyone
/// else is told the command). Never a silent skip.
pub fn apt_install(tools: &[&str], packages: &[&str]) -> Result<(), String> {
    if tools.iter().all(|t| have(t)) {
        return Ok(());
    }
    let command = format!("apt-get install -y -qq {}", packages.join(" "));
    if unsafe { libc::geteuid() } != 0 {
        return Err(format!(
            "{} missing; install as root: {command}",
            tools.join(" or ")
        ));
    }
    eprintln!("installing {}: {command}", packages.join(", "));
    let apt = |args: &[&str]| {
        std::process::Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .map_err(|e| format!("cannot run apt-get: {e}"))
            .map(|s| s.success())
    };
    // Another test may be installing at the same moment: wait for dpkg.
    let install: Vec<&str> = ["-o", "DPkg::Lock::Timeout=300", "install", "-y", "-qq"]
        .into_iter()
        .chain(packages.iter().copied())
        .collect();
    // A machine whose package lists were never fetched needs them first.
    let update = ["-o", "DPkg::Lock::Timeout=300", "update", "-qq"];
    let installed = apt(&install)? || (apt(&update)? && apt(&install)?);
    if installed && tools.iter().all(|t| have(t)) {
        Ok(())
    } else {
        Err(format!("`{command}` did not give {}", tools.join(" and ")))
    }
}

/// A loopback port that refuses every connection for as long as it lives:
/// bound, so that no other test's server takes it, and never listening.
/// (A port bound and let go can be taken by another test at once.)
pub struct RefusingPort {
    fd: i32,
    pub port: u16,
}

pub fn refusing_port() -> RefusingPort {
    // SAFETY: a socket made, bound and named through its own descriptor.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM, 0);
        assert!(fd >= 0, "{}", std::io::Error::last_os_error());
        let mut addr: libc::sockaddr_in = std::mem::zeroed();
        addr.sin_family = libc::AF_INET as libc::sa_family_t;
        addr.sin_addr.s_addr = u32::from_ne_bytes([127, 0, 0, 1]);
        let size = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
        let bound = libc::bind(fd, (&raw const addr).cast(), size);
        assert_eq!(bound, 0, "{}", std::io::Error::last_os_error());
        let mut len = size;
        let named = libc::getsockname(fd, (&raw mut addr).cast(), &mut len);
        assert_eq!(named, 0, "{}", std::io::Error::last_os_error());
        RefusingPort {
            fd,
            port: u16::from_be(addr.sin_port),
        }
    }
}

impl Drop for RefusingPort {
    fn drop(&mut self) {
        // SAFETY: the descriptor is this guard's own.
        unsafe { libc::close(self.fd) };
    }
}

/// Another writer at work on the local store: its write lock held (BEGIN
/// IMMEDIATE) with `org` → `external_org_id` in `integration` written to
/// both indexes but not committed. Readers do not wait for it; writers do
/// (and say so). The caller commits.
pub fn uncommitted_mapping(
    s: &Sandbox,
    org: &str,
    integration: &str,
    external_org_id: &str,
) -> rusqlite::Connection {
    use mapctl_core::store::entity::{Index, mapping_to_entity};
    use mapctl_core::store::{INTEGRATION_INDEX, ORG_INDEX};
    let db = rusqlite::Connection::open(s.store_path()).unwrap();
    db.execute_batch("BEGIN IMMEDIATE").unwrap();
    let now = "2026-12-02T00:00:00Z";
    let theirs = mapctl_core::model::Mapping {
        mapping_id: mapctl_core::model::mapping_id(org, integration, external_org_id).into(),
        org_id: org.into(),
        integration_name: integration.into(),
        external_org_id: external_org_id.into(),
        external_org_name: "Acme Corp".into(),
        mapping_data: serde_json::json!({}),
        is_active: true,
        created_at: now.into(),
        updated_at: now.into(),
        created_by: "another writer".into(),
        ..Default::default()
    };
    for (table, index) in [
        (ORG_INDEX, Index::Org),
        (INTEGRATION_INDEX, Index::Integration),
    ] {
        let e = mapping_to_entity(&theirs, index, None);
        let properties =
            serde_json::Value::Object(mapctl_core::store::odata::to_json(&e.properties))
                .to_string();
        db.execute(
            "INSERT INTO entities (table_name, partition_key, row_key, etag, properties) VALUES (?1, ?2, ?3, 'theirs', ?4)",
            rusqlite::params![table, e.partition_key, e.row_key, properties],
        )
        .unwrap();
    }
    db
}
