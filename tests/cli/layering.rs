//! The layers are crates, so the compiler keeps them; this checks what a
//! crate may not depend on: the core names no command line, terminal or
//! HTTP server crate (`cargo metadata`, as a reader would check it).

#[test]
fn the_core_depends_on_no_cli_terminal_or_server_crate() {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let core = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "mapctl-core")
        .expect("the core crate is a workspace member");
    let deps: Vec<&str> = core["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"].is_null())
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    for forbidden in [
        "clap",
        "clap_complete",
        "clap_mangen",
        "dialoguer",
        "indicatif",
        "comfy-table",
        "console",
        "anstyle",
        "axum",
        "hyper",
    ] {
        assert!(
            !deps.contains(&forbidden),
            "mapctl-core depends on {forbidden}: {deps:?}"
        );
    }
    assert!(
        deps.contains(&"rusqlite"),
        "the list is the core's: {deps:?}"
    );
}
