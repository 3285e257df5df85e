//! Files as Windows writes them (contract §11): PowerShell 5.1's UTF-16LE
//! with a byte-order mark, Excel's UTF-8 with one, and an ANSI-code-page
//! CSV refused whole; `--ascii` JSON for PowerShell 5.1's pipes.

use crate::common::{Sandbox, code, stderr, stdout};
use serde_json::Value;

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

fn write(s: &Sandbox, name: &str, bytes: &[u8]) -> String {
    let p = s.path(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_owned()
}

fn names(s: &Sandbox) -> Vec<String> {
    let orgs = s.json(&["orgs", "list"]);
    let mut names: Vec<String> = orgs
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_excel_utf8_csv_with_a_mark_imports_its_first_column_whole() {
    let s = Sandbox::new();
    let f = write(
        &s,
        "orgs.csv",
        "\u{FEFF}id,name\nmueller,Müller GmbH\nsg,Société Générale\n".as_bytes(),
    );
    s.ok(&["orgs", "import", "-f", &f]);
    // The mark is not part of the first header: `id` was read as `id`.
    let org = s.json(&["orgs", "show", "mueller"]);
    assert_eq!(org["name"], "Müller GmbH", "{org}");
    assert_eq!(names(&s), ["Müller GmbH", "Société Générale"]);
}

#[test]
fn a_powershell_utf16_apply_file_is_read_as_written() {
    let s = Sandbox::new();
    s.ok(&["orgs", "add", "--id", "mueller", "--name", "Müller GmbH"]);
    let records = r#"[{"org":"mueller","integration":"halopsa","external_org_id":"7","external_org_name":"Müller Bäckerei 株式会社"}]"#;
    let f = write(&s, "mappings.json", &utf16le(records));
    s.ok(&["apply", "-f", &f]);
    let got = s.json(&["get", "mueller", "halopsa"]);
    assert_eq!(
        got["external_org_name"], "Müller Bäckerei 株式会社",
        "{got}"
    );
    // The same bytes on stdin.
    let out = s
        .cmd()
        .args(["apply", "-f", "-", "--dry-run", "-o", "json"])
        .write_stdin(utf16le(records))
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let plan: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(plan["unchanged"], 1, "{plan}");
}

#[test]
fn an_ansi_code_page_csv_is_refused_naming_the_encoding_and_nothing_is_written() {
    let s = Sandbox::new();
    // "Müller" as Excel's plain "CSV" writes it in Windows-1252.
    let f = write(
        &s,
        "orgs.csv",
        b"id,name\nok,Plain Name\nmueller,M\xFCller GmbH\n",
    );
    let out = s.run(&["orgs", "import", "-f", &f]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("not UTF-8") && err.contains("CSV UTF-8"),
        "{err}"
    );
    assert!(names(&s).is_empty(), "nothing half-read");
}

#[test]
fn ascii_json_escapes_non_ascii_and_parses_to_the_same_names() {
    let s = Sandbox::new();
    s.ok(&["orgs", "add", "--id", "mueller", "--name", "Müller GmbH"]);
    s.ok(&[
        "map",
        "mueller",
        "halopsa",
        "--external-id",
        "7",
        "--name",
        "株式会社 Müller",
        "--no-verify",
    ]);
    let plain = s.json(&["get", "mueller", "halopsa"]);
    for how in [&["--ascii"][..], &[]] {
        let mut cmd = s.cmd();
        cmd.args(["get", "mueller", "halopsa", "-o", "json"])
            .args(how);
        if how.is_empty() {
            cmd.env("MAPCTL_ASCII", "1");
        }
        let out = cmd.output().unwrap();
        let text = stdout(&out);
        assert!(text.is_ascii(), "{text}");
        assert!(
            text.contains(r"\u682a\u5f0f\u4f1a\u793e M\u00fcller"),
            "{text}"
        );
        let parsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed, plain);
    }
    // One object per line too.
    let out = s.run(&["list", "-o", "ndjson", "--ascii"]);
    assert!(
        stdout(&out).is_ascii() && stdout(&out).contains(r"\u00fc"),
        "{}",
        stdout(&out)
    );
    // Without it, UTF-8 as before.
    assert!(stdout(&s.run(&["list", "-o", "json"])).contains("Müller"));
}

#[test]
fn ascii_json_errors_are_escaped_too() {
    let s = Sandbox::new();
    let out = s.run(&["get", "Müller GmbH", "halopsa", "-o", "json", "--ascii"]);
    assert_eq!(code(&out), 3);
    let err = stderr(&out);
    assert!(err.is_ascii() && err.contains(r"M\u00fcller"), "{err}");
    let parsed: Value = serde_json::from_str(err.trim()).unwrap();
    assert!(
        parsed["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Müller")
    );
}
