//! Text as Windows writes and reads it, under Wine: non-ASCII names,
//! `--ascii` JSON and errors, files as PowerShell 5.1 and Excel save them
//! (UTF-16, byte-order marks), an ANSI CSV refused, and an export read back.

use std::io::Write;
use std::process::Stdio;

use serde_json::{Value, json};

use crate::common::{code, stderr, stdout};

use super::fixture::*;

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
