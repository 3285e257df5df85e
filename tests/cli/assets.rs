//! The committed `completions/` and `man/` must be what the CLI generates now.
//! Regenerate with `MAPCTL_BLESS=1 cargo test --test cli assets`.

use std::collections::BTreeMap;
use std::path::Path;

fn check(dir: &str, generated: Vec<(String, Vec<u8>)>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    if std::env::var_os("MAPCTL_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in &generated {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        return;
    }
    let committed: BTreeMap<String, Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run MAPCTL_BLESS=1 cargo test --test cli assets",
                dir.display()
            )
        })
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    let generated: BTreeMap<String, Vec<u8>> = generated.into_iter().collect();
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        generated.keys().collect::<Vec<_>>(),
        "{} holds other files than the CLI generates; run MAPCTL_BLESS=1 cargo test --test cli assets",
        dir.display()
    );
    for (name, bytes) in &generated {
        assert!(
            committed[name] == *bytes,
            "{}/{name} is stale; run MAPCTL_BLESS=1 cargo test --test cli assets",
            dir.display()
        );
    }
}

#[test]
fn completions_are_current() {
    let files = mapctl::assets::completion_files();
    assert_eq!(files.len(), 5);
    check("completions", files);
}

#[test]
fn man_pages_are_current_and_have_no_help_pages() {
    let files = mapctl::assets::man_files().unwrap();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        names.contains(&"mapctl.1") && names.contains(&"mapctl-orgs-add.1"),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
    let page = |name: &str| {
        String::from_utf8_lossy(&files.iter().find(|(n, _)| n == name).unwrap().1).into_owned()
    };
    let top = page("mapctl.1");
    for section in [".SH ENVIRONMENT", ".SH FILES", ".SH EXIT STATUS"] {
        assert!(top.contains(section), "mapctl.1 lacks {section}");
    }
    assert!(
        page("mapctl-map.1").contains("Examples:"),
        "a page has its examples"
    );
    check("man", files);
}

/// Completions know values: bash sources the committed script, as a user
/// does, and a Tab after `map` offers the org ids, after the org the
/// integrations, after `-o` the formats.
#[test]
fn bash_completes_org_ids_integrations_and_formats() {
    let s = crate::common::Sandbox::new();
    s.seed_orgs();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/mapctl.bash");
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_mapctl"))
        .parent()
        .unwrap()
        .to_owned();
    let complete = |words: &[&str]| -> Vec<String> {
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let shell = format!(
            "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; _clap_complete_mapctl mapctl '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            quoted.join(" "),
            words.len() - 1,
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let mut cmd = s.std_cmd();
        let path = format!(
            "{}:{}",
            bin_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(shell)
            .envs(
                cmd.get_envs()
                    .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
            )
            .env("PATH", path)
            .output()
            .unwrap();
        let _ = &mut cmd;
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect()
    };
    let orgs = complete(&["mapctl", "map", ""]);
    assert!(
        orgs.contains(&"acme".to_owned()) && orgs.contains(&"globex".to_owned()),
        "{orgs:?}"
    );
    let integrations = complete(&["mapctl", "map", "acme", ""]);
    assert!(
        integrations.contains(&"halopsa".to_owned())
            && integrations.contains(&"ninjaone".to_owned()),
        "{integrations:?}"
    );
    let formats = complete(&["mapctl", "list", "-o", ""]);
    assert!(
        formats.contains(&"json".to_owned()) && formats.contains(&"csv".to_owned()),
        "{formats:?}"
    );
    let partial = complete(&["mapctl", "status", "--matrix", "hal"]);
    assert_eq!(partial, ["halopsa"], "{partial:?}");
}
