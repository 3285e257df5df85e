//! The trust boundary, tried as an attacker would: a hostile API server on
//! loopback (tests/cli/common/hostile.rs) that redirects elsewhere, poisons
//! lookups, echoes every credential in every encoding, and sends bodies
//! that are huge, endless, cut or repeating. Every test asserts that
//! nothing reached the other origin and that no form of any secret is in
//! stdout, stderr, traces, tables, history or cache files.

use std::sync::atomic::Ordering;

use crate::common::hostile::{self, Elsewhere, Hostile};
use crate::common::{Sandbox, code, stderr, stdout};
use mapctl_core::store::ALL_TABLES;

fn sandbox_on(s: Sandbox, h: &Hostile, integration: &str, extra: &str) -> Sandbox {
    s.write_config(&format!("{}{extra}", h.config(integration)));
    if integration == "hostile" {
        s.write_declaration("hostile", hostile::DECLARATION);
    }
    s
}

fn sandbox(h: &Hostile, integration: &str, extra: &str) -> Sandbox {
    sandbox_on(Sandbox::new(), h, integration, extra)
}

fn run(s: &Sandbox, integration: &str, args: &[&str]) -> std::process::Output {
    let mut c = s.cmd();
    for (k, v) in Hostile::env(integration) {
        c.env(k, v);
    }
    c.args(args).output().unwrap()
}

/// Everything a secret could have reached: the commands' output, every row
/// of every table, and every file of the sandbox (cache files, the local
/// store's database, config).
fn everything(s: &Sandbox, outs: &[&std::process::Output]) -> String {
    let mut all: String = outs
        .iter()
        .map(|o| format!("{}{}", stdout(o), stderr(o)))
        .collect();
    for table in ALL_TABLES {
        for row in s.raw_rows(table) {
            all.push_str(&format!("{:?}", row.properties));
        }
    }
    for file in files(s.dir.path()) {
        all.push_str(&String::from_utf8_lossy(&std::fs::read(&file).unwrap()));
    }
    all
}

fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn no_cache(integration: &str) -> String {
    format!("[cache]\nttl_seconds = 0\n# {integration}\n")
}

#[test]
fn a_redirect_to_another_origin_is_refused_naming_its_location() {
    // Each system, at the request that carries its credentials.
    for (integration, prefix, status) in [
        ("hudu", "/api/v1/companies", 302),
        ("autotask", "/ATServicesRest/V1.0/Companies", 307),
        ("halopsa", "/auth/token", 307),
        ("connectwise", "/v1/apis/3.0/company", 302),
        ("hostile", "/oauth/token", 308),
        ("hostile", "/v1/companies", 308),
    ] {
        let h = Hostile::start();
        let elsewhere = Elsewhere::start();
        h.redirect(prefix, status, &elsewhere.url());
        let s = sandbox(&h, integration, &no_cache(integration));
        let out = run(&s, integration, &["discover", integration, "-vvv"]);
        let err = stderr(&out);
        assert_eq!(code(&out), 5, "{integration}: {err}");
        assert!(err.contains("another origin"), "{integration}: {err}");
        assert!(
            err.contains(&format!("127.0.0.1:{}{prefix}", elsewhere.port)),
            "the Location is named: {err}"
        );
        assert!(err.contains("base_url"), "the hint says what to set: {err}");
        assert!(
            elsewhere.received().is_empty(),
            "{integration}: {:?}",
            elsewhere.received()
        );
        hostile::assert_clean(&everything(&s, &[&out]), &Hostile::secrets(integration));
    }
}

#[test]
fn a_redirect_on_the_same_origin_is_followed_with_the_method_it_needs() {
    // A GET moved for good (Liongard's slashed path), and a POSTed query
    // moved for now: 307 sends the same body again.
    for (integration, prefix, status) in [
        ("hudu", "/api/v1/companies", 301),
        ("autotask", "/ATServicesRest/V1.0/Companies/query", 307),
    ] {
        let h = Hostile::start();
        h.redirect(prefix, status, &format!("{}/moved", h.url()));
        let s = sandbox(&h, integration, &no_cache(integration));
        let out = run(&s, integration, &["discover", integration, "-o", "json"]);
        assert_eq!(code(&out), 0, "{integration}: {}", stderr(&out));
        let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(listed.as_array().unwrap().len(), 3, "{listed}");
        let moved = h
            .requests()
            .into_iter()
            .filter(|r| r.path.starts_with("/moved"))
            .collect::<Vec<_>>();
        assert!(
            !moved.is_empty(),
            "{integration}: the redirect was followed"
        );
        if integration == "autotask" {
            assert!(
                moved
                    .iter()
                    .all(|r| r.method == "POST" && r.body.contains("filter"))
            );
            assert!(
                moved
                    .iter()
                    .all(|r| r.header("Secret") == Some(hostile::AT_SECRET))
            );
        }
    }
}

#[test]
fn a_poisoned_lookup_sends_no_credential_elsewhere_and_is_not_cached() {
    let elsewhere = Elsewhere::start();
    let port = elsewhere.port;
    for poisoned in [
        format!("HTTP://127.0.0.1:{port}/ATServicesRest/"),
        format!(" http://127.0.0.1:{port}/ATServicesRest/"),
        format!("\thttp://127.0.0.1:{port}/ATServicesRest/"),
        format!("http:127.0.0.1:{port}/ATServicesRest/"),
        format!("hTtP://127.0.0.1:{port}/ATServicesRest/"),
    ] {
        let h = Hostile::start();
        *h.faults.zone.lock().unwrap() = Some(poisoned.clone());
        let s = sandbox(&h, "autotask", "[cache]\nttl_seconds = 3600\n");
        let out = run(&s, "autotask", &["discover", "autotask"]);
        assert_eq!(code(&out), 5, "{poisoned:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("another origin"), "{}", stderr(&out));
        assert!(elsewhere.received().is_empty(), "{poisoned:?}");
        let cached: String = files(&s.path("cache"))
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect();
        assert!(
            !cached.contains(&port.to_string()),
            "refused, so not cached: {cached}"
        );
        // Once the zone answers its own root, the same sandbox works.
        *h.faults.zone.lock().unwrap() = None;
        let out = run(&s, "autotask", &["discover", "autotask"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        hostile::assert_clean(&everything(&s, &[&out]), &Hostile::secrets("autotask"));
    }
}

/// A looked-up value that no request can carry (a CR/LF in ConnectWise's
/// codebase) is refused when it is looked up and never cached: once the
/// server answers right, the next run works.
#[test]
fn a_looked_up_value_with_a_line_break_is_refused_and_not_cached() {
    let h = Hostile::start();
    *h.faults.codebase.lock().unwrap() = Some("v1/\r\nX-Injected: 1".into());
    let s = sandbox(&h, "connectwise", "[cache]\nttl_seconds = 3600\n");
    let out = run(&s, "connectwise", &["discover", "connectwise"]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("control characters"),
        "{}",
        stderr(&out)
    );
    let cached: String = files(&s.path("cache"))
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(!cached.contains("X-Injected"), "not cached: {cached}");
    *h.faults.codebase.lock().unwrap() = None;
    let out = run(&s, "connectwise", &["discover", "connectwise"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

/// Echoed credentials, in every encoding, through every path to the
/// outside: discovery output (table, JSON, CSV, traces), the discovery and
/// lookup caches, a stored external name, `test-connection`'s stored
/// result on both index rows, and history.
fn echoed_credentials_are_masked_everywhere(s: &Sandbox) {
    for integration in ["hostile", "halopsa"] {
        let h = Hostile::start();
        let s = sandbox_on(
            Sandbox {
                dir: tempfile::tempdir().unwrap(),
                azure: s.azure.clone(),
            },
            &h,
            integration,
            "[cache]\nttl_seconds = 3600\n",
        );
        let mut outs = vec![s.run(&["orgs", "add", "--name", "Acme"])];
        outs.push(run(
            &s,
            integration,
            &["map", "Acme", integration, "--external-id", "1"],
        ));
        assert_eq!(code(&outs[1]), 0, "{}", stderr(&outs[1]));
        h.faults.echo.store(true, Ordering::SeqCst);
        for args in [
            vec!["discover", integration, "--refresh", "-vvv"],
            vec!["discover", integration, "-o", "json"],
            vec!["discover", integration, "-o", "csv"],
            vec!["sync-names", integration, "--refresh"],
            vec!["test-connection", integration, "Acme", "-vvv"],
            vec!["test-connection", integration, "Acme", "-o", "json"],
            vec![
                "map",
                "Acme",
                integration,
                "--external-id",
                "2",
                "--add",
                "-o",
                "json",
            ],
            vec!["history", "-o", "json"],
            vec!["list", "-o", "json"],
        ] {
            outs.push(run(&s, integration, &args));
        }
        let shown = stdout(&outs[2]);
        assert!(
            shown.contains("Contoso Ltd"),
            "the records are listed: {shown}"
        );
        let rows = s.raw_rows(mapctl_core::store::ORG_INDEX);
        let result = rows
            .iter()
            .find_map(|r| r.str("LastTestResult"))
            .expect("test-connection recorded a result");
        assert!(result.contains("***"), "{result}");
        let refs: Vec<&std::process::Output> = outs.iter().collect();
        hostile::assert_clean(&everything(&s, &refs), &Hostile::secrets(integration));
        assert!(h.requests().iter().any(|r| r.path.contains("token")));
    }
}

#[cfg(unix)]
#[test]
fn cache_files_are_private_and_hold_no_credential() {
    use std::os::unix::fs::PermissionsExt;
    let h = Hostile::start();
    h.faults.echo.store(true, Ordering::SeqCst);
    let s = sandbox(&h, "autotask", "[cache]\nttl_seconds = 3600\n");
    let out = run(&s, "autotask", &["discover", "autotask"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let cache = files(&s.path("cache"));
    assert!(cache.len() >= 2, "a listing and a lookup: {cache:?}");
    for file in &cache {
        let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
        let dir = file.parent().unwrap();
        let mode = std::fs::metadata(dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{}", dir.display());
        let text = std::fs::read_to_string(file).unwrap();
        hostile::assert_clean(&text, &Hostile::secrets("autotask"));
        assert!(
            serde_json::from_str::<serde_json::Value>(&text).is_ok(),
            "still JSON"
        );
    }
    // The masked cache is still read: the next run asks no API.
    let before = h.requests().len();
    let out = run(&s, "autotask", &["discover", "autotask", "-o", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(h.requests().len(), before);
}

#[test]
fn a_lifetime_of_two_to_the_64_is_a_long_one_not_a_panic() {
    let h = Hostile::start();
    *h.faults.token.lock().unwrap() = Some(serde_json::json!({
        "access_token": hostile::TOKEN, "token_type": "Bearer", "expires_in": u64::MAX
    }));
    let s = sandbox(&h, "hostile", &no_cache("hostile"));
    let out = run(&s, "hostile", &["discover", "hostile"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("Fabrikam Inc"));
}

/// A token longer than any real one, or shorter, is a bad token answer
/// (exit 5), refused at once (before the mask would spend minutes on it)
/// and never used; a short one would otherwise mask every record holding it.
#[test]
fn a_token_of_no_real_size_is_a_bad_token_answer() {
    for access in ["x".repeat(64 * 1024), "42".to_owned()] {
        let h = Hostile::start();
        *h.faults.token.lock().unwrap() = Some(serde_json::json!({
            "access_token": access, "token_type": "Bearer", "expires_in": 3600
        }));
        let s = sandbox(&h, "hostile", &no_cache("hostile"));
        let out = run(&s, "hostile", &["discover", "hostile"]);
        assert_eq!(code(&out), 5, "{}", stderr(&out));
        assert!(
            stderr(&out).contains("bad token answer"),
            "{}",
            stderr(&out)
        );
        assert!(
            !h.requests().iter().any(|r| r.path.starts_with("/v1/")),
            "no API call was made with it"
        );
    }
}

#[test]
fn a_token_answer_with_line_breaks_is_a_bad_token_answer() {
    for (access, kind) in [
        (hostile::TOKEN, "Bearer\r\nX-Injected: 1"),
        ("tok\r\nX-Injected: 1", "Bearer"),
    ] {
        let h = Hostile::start();
        *h.faults.token.lock().unwrap() =
            Some(serde_json::json!({"access_token": access, "token_type": kind}));
        let s = sandbox(&h, "hostile", &no_cache("hostile"));
        let out = run(&s, "hostile", &["discover", "hostile"]);
        assert_eq!(code(&out), 5, "{}", stderr(&out));
        assert!(
            stderr(&out).contains("bad token answer"),
            "{}",
            stderr(&out)
        );
        assert!(
            !h.requests().iter().any(|r| r.path.starts_with("/v1/")),
            "no API call was made with it"
        );
    }
}

#[test]
fn a_body_cut_by_the_timeout_is_a_time_out() {
    let h = Hostile::start();
    h.faults.stall.store(true, Ordering::SeqCst);
    let s = sandbox(
        &h,
        "hudu",
        "timeout_seconds = 2\n[cache]\nttl_seconds = 0\n",
    );
    let out = run(&s, "hudu", &["discover", "hudu"]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(stderr(&out).contains("timed out"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("not JSON"), "{}", stderr(&out));
}

#[test]
fn a_body_past_the_cap_is_refused_with_the_figure() {
    let h = Hostile::start();
    h.faults.huge.store(33 * 1024 * 1024, Ordering::SeqCst);
    let s = sandbox(&h, "hudu", &no_cache("hudu"));
    let out = run(&s, "hudu", &["discover", "hudu"]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(stderr(&out).contains("32 MiB"), "{}", stderr(&out));
}

#[test]
fn pages_that_alternate_end_at_the_first_repeat() {
    let h = Hostile::start();
    h.faults.alternate.store(true, Ordering::SeqCst);
    let s = sandbox(&h, "hudu", &no_cache("hudu"));
    let out = run(&s, "hudu", &["discover", "hudu"]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(stderr(&out).contains("sent before"), "{}", stderr(&out));
    let pages = h
        .requests()
        .iter()
        .filter(|r| r.path == "/api/v1/companies")
        .count();
    assert_eq!(pages, 3, "A, B, then A again ends it");
}

#[test]
fn a_page_size_of_zero_is_a_checked_problem_not_a_panic() {
    let h = Hostile::start();
    for broken in ["size = 0", "size = 100\nmax_size = 0"] {
        let s = sandbox(&h, "hostile", &no_cache("hostile"));
        let text = hostile::DECLARATION.replace("size = 100", broken);
        s.write_declaration("hostile", &text);
        let file = s.path("config/mapctl/integrations/hostile.toml");
        let out = s.run(&["integrations", "check", file.to_str().unwrap()]);
        assert_eq!(code(&out), 7, "{}", stderr(&out));
        assert!(stderr(&out).contains("at least 1"), "{}", stderr(&out));
        let out = run(&s, "hostile", &["discover", "hostile"]);
        assert_eq!(code(&out), 7, "{}", stderr(&out));
    }
}

#[test]
fn names_with_controls_bidi_and_formulas_are_defused_for_people_and_kept_for_scripts() {
    let h = Hostile::start();
    let names = vec![
        "=HYPERLINK(\"http://evil\",\"x\")".to_owned(),
        "Evil\u{1b}]0;owned\u{7}\u{1b}[2J Corp".to_owned(),
        "Acme \u{202e}gpj.exe".to_owned(),
    ];
    *h.faults.names.lock().unwrap() = Some(names.clone());
    let s = sandbox(&h, "hudu", "[cache]\nttl_seconds = 3600\n");
    for args in [
        ["discover", "hudu", "-o", "csv"],
        ["discover", "hudu", "-o", "table"],
    ] {
        let out = run(&s, "hudu", &args);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(!text.contains('\u{202e}'), "{text:?}");
        assert!(
            text.contains("\\u{1b}") && text.contains("\\u{202e}"),
            "{text:?}"
        );
        if args[3] == "csv" {
            assert!(text.contains("'=HYPERLINK"), "{text}");
        }
    }
    // JSON stays exact.
    let out = run(&s, "hudu", &["discover", "hudu", "-o", "json"]);
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    for n in &names {
        assert!(got.contains(&n.as_str()), "{n:?} in {got:?}");
    }
    // Stored and exported as CSV, read back as the same: nothing to change.
    s.run(&["orgs", "add", "--name", "Acme"]);
    for id in ["1", "2", "3"] {
        let out = run(
            &s,
            "hudu",
            &["map", "Acme", "hudu", "--external-id", id, "--add"],
        );
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let export = s.run(&["export", "-o", "csv"]);
    assert_eq!(code(&export), 0, "{}", stderr(&export));
    let csv = stdout(&export);
    assert!(
        csv.contains("'=HYPERLINK") && !csv.contains('\u{1b}'),
        "{csv}"
    );
    let file = s.path("export.csv");
    std::fs::write(&file, &csv).unwrap();
    let plan = s.json(&["apply", "-f", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(plan["created"], 0, "{plan}");
    assert_eq!(plan["updated"], 0, "{plan}");
    assert_eq!(plan["unchanged"], 3, "{plan}");
}

on_both_backends!(echoed_credentials_are_masked_everywhere);

/// A declared system `psa` (an API key in `x-api-key`, one listing at
/// `/api/companies` under `/items`) on `server`, its record keys `record`,
/// its paging `paging` (None: one call).
fn declared_psa(
    server: &crate::common::http::Server,
    record: &str,
    paging: Option<&str>,
) -> Sandbox {
    let s = Sandbox::new();
    let mut declaration =
        crate::common::api_key_declaration("/api/companies", "/items", record, false);
    if let Some(paging) = paging {
        declaration = declaration.replace(
            r#"paging = { kind = "none" }"#,
            &format!("paging = {paging}"),
        );
    }
    s.write_declaration("psa", &declaration);
    s.write_config(&format!(
        "[integrations.psa]\nbase_url = \"{}\"\n",
        server.url()
    ));
    s
}

/// mapctl with `key` as the declared system's API key.
fn run_psa(s: &Sandbox, key: &str, args: &[&str]) -> std::process::Output {
    s.cmd()
        .env("MAPCTL_PSA_API_KEY", key)
        .args(args)
        .output()
        .unwrap()
}

/// Vendors first, customers later: a page made only of records the
/// declaration leaves out is not the last page. Page numbers without a
/// total, offsets with one, and keyset paging each read to the end.
#[test]
fn a_page_of_left_out_records_does_not_end_the_listing() {
    use crate::common::http::{Request, Response, Server};
    use serde_json::json;
    // 4 vendors then 4 customers, 2 a page.
    let records: Vec<serde_json::Value> = (1..=8)
        .map(|i| json!({"id": i, "name": format!("Company {i}"), "type": if i <= 4 { "vendor" } else { "customer" }}))
        .collect();
    let server = Server::start(std::sync::Arc::new(move |r: &Request| {
        if r.header("x-api-key") != Some("k") {
            return Response::json(401, json!({"error": "no key"}));
        }
        let from = if let Some(p) = r.param("page") {
            (p.parse::<usize>().unwrap() - 1) * 2
        } else if let Some(o) = r.param("offset") {
            o.parse::<usize>().unwrap()
        } else if let Some(a) = r.param("after") {
            a.parse::<usize>().unwrap()
        } else {
            0
        };
        let page: Vec<_> = records.iter().skip(from).take(2).cloned().collect();
        Response::json(200, json!({"items": page, "total": 8}))
    }));
    for paging in [
        r#"{ kind = "page_number", page_param = "page", size_param = "size", size = 2, first = 1 }"#,
        r#"{ kind = "offset", offset_param = "offset", size_param = "limit", size = 2, total = "/total" }"#,
        r#"{ kind = "keyset", after_param = "after", size_param = "size", size = 2 }"#,
    ] {
        let s = declared_psa(
            &server,
            "id = \"/id\"\nname = \"/name\"\nexclude = [{ pointer = \"/type\", equals = \"vendor\" }]",
            Some(paging),
        );
        let out = run_psa(&s, "k", &["discover", "psa", "-o", "json"]);
        assert_eq!(code(&out), 0, "{paging}: {}", stderr(&out));
        let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(listed.len(), 4, "{paging}: the four customers: {listed:?}");
    }
}

/// A listing whose record ids echo the API key: the record is left out of
/// discovery with a notice, so the key is never proposed, stored, cached or
/// printed, in any form.
#[test]
fn a_record_whose_id_echoes_the_key_is_left_out() {
    use crate::common::http::{Request, Response, Server};
    use serde_json::json;
    const KEY: &str = "hudu-key-0123456789abcdef";
    let server = Server::start(std::sync::Arc::new(|r: &Request| {
        let key = r.header("x-api-key").unwrap_or_default().to_owned();
        if key != KEY {
            return Response::json(401, json!({"error": "no key"}));
        }
        Response::json(
            200,
            json!({"items": [{"id": key, "name": "Acme Corp"}, {"id": 7, "name": "Globex"}]}),
        )
    }));
    let s = declared_psa(&server, "id = \"/id\"\nname = \"/name\"", None);
    s.ok(&["orgs", "add", "--id", "acme", "--name", "Acme Corp"]);
    s.ok(&["orgs", "add", "--id", "globex", "--name", "Globex"]);
    let out = run_psa(
        &s,
        KEY,
        &["suggest", "psa", "--apply", "--refresh", "-o", "json"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 record(s) left out"),
        "{}",
        stderr(&out)
    );
    let listed = s.json(&["list"]);
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["external_org_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["7"], "only Globex: {listed}");
    let all = everything(&s, &[&out]);
    assert!(!all.contains(KEY), "the key is nowhere");
    assert!(!all.contains("***"), "no masked id was stored either");
}

/// A declared metadata value larger than any real one is left out; the
/// record stays.
#[test]
fn a_huge_metadata_value_is_left_out_and_the_record_kept() {
    use crate::common::http::{Request, Response, Server};
    use serde_json::json;
    let server = Server::start(std::sync::Arc::new(|r: &Request| {
        if r.header("x-api-key") != Some("k") {
            return Response::json(401, json!({"error": "no key"}));
        }
        Response::json(
            200,
            json!({"items": [{"id": 1, "name": "Acme", "notes": "n".repeat(100_000), "site": "main"}]}),
        )
    }));
    let s = declared_psa(
        &server,
        "id = \"/id\"\nname = \"/name\"\nmetadata = { notes = \"/notes\", site = \"/site\" }",
        None,
    );
    let out = run_psa(&s, "k", &["discover", "psa", "-o", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["metadata"]["site"], "main");
    assert!(
        listed[0]["metadata"].get("notes").is_none(),
        "{}",
        listed[0]["metadata"]
    );
}

/// An API that refuses a request as sent with a 4xx it does not document
/// (409, 431) is exit 7, a setting to check: never exit 1.
#[test]
fn an_unexpected_4xx_is_exit_7_never_1() {
    use crate::common::http::{Request, Response, Server};
    use serde_json::json;
    for status in [409u16, 431] {
        let server = Server::start(std::sync::Arc::new(move |_: &Request| {
            Response::json(status, json!({"error": "refused as sent"}))
        }));
        let s = declared_psa(&server, "id = \"/id\"\nname = \"/name\"", None);
        let out = run_psa(&s, "k", &["discover", "psa"]);
        assert_eq!(code(&out), 7, "{status}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&status.to_string()),
            "{}",
            stderr(&out)
        );
    }
}
