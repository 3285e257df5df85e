//! Changes shown as changes: `map` prints each field it updates old → new,
//! `apply --dry-run` does per change, and `history` shows values, not
//! property names.

use crate::common::{Sandbox, code, stderr, stdout};

fn changes_are_shown_old_to_new(s: &Sandbox) {
    s.seed_orgs();
    let map = |name: &str| {
        s.run(&[
            "map",
            "acme",
            "halopsa",
            "--external-id",
            "42",
            "--no-verify",
            "--name",
            name,
        ])
    };
    let out = map("Acme");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = map("Acme Corp");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(r#"external_org_name: "Acme" → "Acme Corp""#),
        "{}",
        stderr(&out)
    );

    let file = s.path("rename.json");
    std::fs::write(
        &file,
        r#"[{"org":"acme","integration":"halopsa","external_org_id":"42","external_org_name":"ACME Corporation","mapping_data":{"site":"main"}}]"#,
    )
    .unwrap();
    let plan = s.run(&["apply", "-f", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code(&plan), 0, "{}", stderr(&plan));
    let table = stdout(&plan);
    assert!(
        table.contains(r#"external_org_name: "Acme Corp" → "ACME Corporation""#)
            && table.contains(r#"mapping_data: {} → {"site":"main"}"#),
        "{table}"
    );
    let json = s.json(&["apply", "-f", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(
        json["changes"][0]["changes"][0],
        serde_json::json!({"field": "external_org_name", "before": "Acme Corp", "after": "ACME Corporation"})
    );

    let history = stdout(&s.ok(&["history", "--org", "acme"]));
    assert!(
        history.contains(r#"ExternalOrgName: "Acme" → "Acme Corp""#),
        "{history}"
    );
    assert!(
        !history.contains("UpdatedAt"),
        "stamps are the AT column's: {history}"
    );
}

on_both_backends!(changes_are_shown_old_to_new);
