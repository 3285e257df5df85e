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
    check("man", files);
}
