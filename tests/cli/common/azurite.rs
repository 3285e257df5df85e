//! Azurite (Microsoft's storage emulator, npm package `azurite`, pinned in
//! package.json) for the tests: one `azurite-table` per test binary on a free
//! 127.0.0.1 port, in memory, with many accounts so that every test gets
//! tables of its own. The process dies with the test binary (PDEATHSIG on a
//! thread that never ends).

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const ACCOUNTS: usize = 96;
/// Base64 of a fixed test key (Azurite requires base64 account keys).
pub const KEY: &str = "bWFwY3RsLXRlc3Qta2V5LW5vdC1hLXNlY3JldC0wMTIzNDU2Nzg5YWJjZGVm";

pub struct Azurite {
    pub port: u16,
    next: AtomicUsize,
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn azurite_bin() -> PathBuf {
    manifest_dir().join("node_modules/.bin/azurite-table")
}

fn have(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Installs the pinned Azurite with npm when it is missing (once).
fn install(dir: &Path) -> Result<(), String> {
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cannot run npm: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("npm ci failed: {status}"))
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start() -> Result<Azurite, String> {
    if !azurite_bin().exists() {
        install(&manifest_dir())?;
    }
    let port = free_port();
    let accounts: Vec<String> = (0..ACCOUNTS)
        .map(|i| format!("mapctltest{i}:{KEY}"))
        .collect();
    let workspace = std::env::temp_dir().join(format!("mapctl-azurite-{}", std::process::id()));
    std::fs::create_dir_all(&workspace).map_err(|e| e.to_string())?;
    let (tx, rx) = std::sync::mpsc::channel();
    // The thread that spawns Azurite must outlive it: PDEATHSIG fires when
    // the spawning thread ends. This one parks until the test binary exits.
    std::thread::spawn(move || {
        let mut cmd = Command::new(azurite_bin());
        cmd.args(["--tableHost", "127.0.0.1", "--tablePort", &port.to_string()])
            .args([
                "--inMemoryPersistence",
                "--disableTelemetry",
                "--silent",
                "--loose",
            ])
            .current_dir(&workspace)
            .env("AZURITE_ACCOUNTS", accounts.join(";"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        unsafe {
            cmd.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        match cmd.spawn() {
            Ok(mut child) => {
                let _ = tx.send(Ok(child.stderr.take()));
                let _ = child.wait();
                loop {
                    std::thread::park();
                }
            }
            Err(e) => {
                let _ = tx.send(Err(format!("cannot start azurite-table: {e}")));
            }
        }
    });
    let mut stderr = rx.recv().map_err(|e| e.to_string())??;
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            let mut text = String::new();
            if let Some(s) = stderr.as_mut() {
                let _ = s.read_to_string(&mut text);
            }
            return Err(format!(
                "azurite-table did not listen on port {port} within 60 s: {text}"
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(Azurite {
        port,
        next: AtomicUsize::new(0),
    })
}

/// The shared emulator, or None (with a loud note) when node is not installed.
pub fn azurite() -> Option<&'static Azurite> {
    // The outcome is kept, failure included, so that a broken emulator fails
    // every test at once instead of being restarted by each.
    static AZURITE: OnceLock<Option<Result<Azurite, String>>> = OnceLock::new();
    let outcome = AZURITE.get_or_init(|| {
        if !have("node") || !have("npm") {
            let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
            assert!(!ci, "CI must run the Azure Table Storage tests, but node/npm is not installed");
            eprintln!("\n*** SKIPPED: Azure Table Storage tests need node and npm (for Azurite); neither is installed ***\n");
            return None;
        }
        Some(start())
    });
    match outcome {
        None => None,
        Some(Ok(a)) => Some(a),
        Some(Err(e)) => panic!("Azurite: {e}"),
    }
}

impl Azurite {
    /// A connection string for an account no other test uses.
    pub fn fresh_account(&self) -> String {
        let i = self.next.fetch_add(1, Ordering::SeqCst);
        assert!(
            i < ACCOUNTS,
            "more Azure tests than Azurite accounts: raise ACCOUNTS"
        );
        let account = format!("mapctltest{i}");
        format!(
            "DefaultEndpointsProtocol=http;AccountName={account};AccountKey={KEY};TableEndpoint=http://127.0.0.1:{}/{account};",
            self.port
        )
    }
}
