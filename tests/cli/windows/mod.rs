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

mod fixture;
mod release;
mod smoke;
mod text;
