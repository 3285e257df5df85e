//! The five built-ins that are declarations only (ConnectWise PSA, Autotask
//! PSA, Datto RMM, IT Glue, Hudu) against doubles of their APIs
//! (tests/cli/common/systems.rs), as users run mapctl.

use std::sync::atomic::Ordering;

use crate::common::systems::{AT_SECRET, CW_PRIVATE, DATTO_SECRET, Double, System, company};
use crate::common::{Sandbox, code, stderr, stdout};
use serde_json::Value;

fn sandbox(d: &Double, extra: &str) -> Sandbox {
    let s = Sandbox::new();
    s.write_config(&format!(
        "[cache]\nttl_seconds = 3600\n{}{extra}",
        d.config()
    ));
    s
}

fn run(s: &Sandbox, d: &Double, args: &[&str]) -> std::process::Output {
    let mut c = s.cmd();
    for (k, v) in d.env() {
        c.env(k, v);
    }
    c.args(args).output().unwrap()
}

fn listed(s: &Sandbox, d: &Double, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["discover", d.name(), "-o", "json"];
    args.extend(extra);
    let out = run(s, d, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn ids(list: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = list
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort_by_key(|i| i.trim_start_matches("site-").parse::<usize>().unwrap_or(0));
    ids
}

#[test]
fn connectwise_composes_basic_sends_client_id_looks_up_the_codebase_once_and_follows_links() {
    let d = Double::start(System::ConnectWise, 23);
    let s = sandbox(&d, "page_size = 10\n");
    let list = listed(&s, &d, &[]);
    // Deleted companies (every 7th) are left out.
    let expected: Vec<String> = (1..=23usize)
        .filter(|i| i % 7 != 0)
        .map(|i| i.to_string())
        .collect();
    assert_eq!(ids(&list), expected);
    assert_eq!(
        d.calls("/v2025_1/apis/3.0/company/companies").len(),
        3,
        "three pages by Link"
    );
    let all = listed(&s, &d, &["--include-inactive"]);
    assert_eq!(all.len(), 23);
    let deleted = all.iter().find(|o| o["id"] == "7").unwrap();
    assert_eq!(deleted["metadata"]["inactive"], true);
    assert_eq!(
        d.calls("/login/companyinfo").len(),
        1,
        "the codebase lookup is cached"
    );
    listed(&s, &d, &["--refresh"]);
    assert_eq!(
        d.calls("/login/companyinfo").len(),
        2,
        "--refresh asks it again"
    );
    let out = run(&s, &d, &["orgs", "add", "--name", "Acme", "--id", "acme"]);
    assert!(out.status.success());
    let out = run(
        &s,
        &d,
        &[
            "map",
            "acme",
            "connectwise",
            "--external-id",
            "5",
            "-o",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(&company(5)));
    let out = run(&s, &d, &["test-connection", "connectwise"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains(CW_PRIVATE) && !stdout(&out).contains(CW_PRIVATE));
}

#[test]
fn autotask_posts_its_query_and_posts_the_next_page_again_after_a_zone_lookup() {
    let d = Double::start(System::Autotask, 1200);
    let s = sandbox(&d, "");
    let list = listed(&s, &d, &[]);
    let expected: Vec<String> = (1..=1200usize)
        .filter(|i| i % 9 != 0)
        .map(|i| i.to_string())
        .collect();
    assert_eq!(ids(&list), expected, "inactive companies left out");
    let queries = d.calls("/ATServicesRest/V1.0/Companies/query");
    assert_eq!(queries.len(), 3, "three pages of at most 500");
    for q in &queries {
        assert_eq!(q.method, "POST", "a GET on the next page would be 405");
        let body: Value = serde_json::from_str(&q.body).unwrap();
        assert_eq!(body["filter"][0]["field"], "id", "the mandatory filter");
        assert_eq!(body["MaxRecords"], 500);
    }
    assert_eq!(d.calls("/ATServicesRest/V1.0/ZoneInformation").len(), 1);
    assert!(d.peak.load(Ordering::SeqCst) <= 3);
    // An unknown user is Autotask's 500: refused credentials, exit 5 (the
    // zone root set, so that no lookup is made for that user).
    s.write_config(&format!(
        "{}base_url = \"{}/ATServicesRest/V1.0\"\n",
        d.config(),
        d.server.url()
    ));
    let mut c = s.cmd();
    for (k, v) in d.env() {
        c.env(k, v);
    }
    let out = c
        .env("MAPCTL_AUTOTASK_USERNAME", "nobody@acme.example")
        .args(["discover", "autotask", "--refresh"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("refused the credentials"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains(AT_SECRET));
}

#[test]
fn a_looked_up_base_url_on_another_origin_is_refused_and_gets_nothing() {
    let d = Double::start(System::Autotask, 3);
    *d.zone_answer.lock().unwrap() = Some("https://zone.evil.example/ATServicesRest/".into());
    let s = sandbox(&d, "");
    let out = run(&s, &d, &["discover", "autotask"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(stderr(&out).contains("another origin"), "{}", stderr(&out));
    assert!(d.calls("/ATServicesRest/V1.0/Companies").is_empty());
}

#[test]
fn datto_uses_the_public_client_password_grant_and_zero_based_pages() {
    let d = Double::start(System::Datto, 600);
    let s = sandbox(&d, "");
    let list = listed(&s, &d, &[]);
    assert_eq!(list.len(), 599, "the Deleted Devices site is left out");
    assert!(list.iter().all(|o| o["name"] != "Deleted Devices"));
    let pages: Vec<String> = d
        .calls("/api/v2/account/sites")
        .iter()
        .map(|r| format!("{}:{}", r.param("page").unwrap(), r.param("max").unwrap()))
        .collect();
    let mut sorted = pages.clone();
    sorted.sort();
    assert_eq!(sorted, ["0:250", "1:250", "2:250"]);
    let two = list.iter().find(|o| o["id"] == "site-0002").unwrap();
    assert_eq!(
        two["metadata"]["links"]["autotask"], "2",
        "links for matching"
    );
    // A wrong secret: the token endpoint's 400 invalid_grant is exit 5.
    let mut c = s.cmd();
    for (k, v) in d.env() {
        c.env(k, v);
    }
    let out = c
        .env("MAPCTL_DATTO_RMM_API_SECRET", "wrong")
        .args(["discover", "datto_rmm", "--refresh"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(stderr(&out).contains("Bad credentials"), "{}", stderr(&out));
    assert!(!stderr(&out).contains(DATTO_SECRET));
}

#[test]
fn itglue_reads_json_api_with_string_ids_and_a_bad_key_is_exit_5() {
    let d = Double::start(System::ItGlue, 45);
    let s = sandbox(&d, "page_size = 10\n");
    let list = listed(&s, &d, &[]);
    let expected: Vec<String> = (1..=45usize)
        .filter(|i| i % 5 != 0)
        .map(|i| i.to_string())
        .collect();
    assert_eq!(ids(&list), expected, "inactive organizations left out");
    assert_eq!(d.calls("/organizations").len(), 5, "by meta.total-pages");
    let out = run(&s, &d, &["orgs", "add", "--name", "Acme", "--id", "acme"]);
    assert!(out.status.success());
    let out = run(&s, &d, &["map", "acme", "itglue", "--external-id", "12"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut c = s.cmd();
    let out = c
        .env("MAPCTL_ITGLUE_API_KEY", "revoked")
        .args(["discover", "itglue", "--refresh"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 5, "{}", stderr(&out));
}

#[test]
fn hudu_capping_pages_at_25_loses_no_company_and_429_is_waited_out() {
    let d = Double::start(System::Hudu, 60);
    d.throttle.store(1, Ordering::SeqCst);
    let s = sandbox(&d, "");
    let all = listed(&s, &d, &["--include-inactive"]);
    assert_eq!(
        all.len(),
        60,
        "pages of 25 while 1000 were asked: an empty page ends"
    );
    assert_eq!(
        d.throttle.load(Ordering::SeqCst),
        0,
        "the 429 was met, and waited out"
    );
    let active = listed(&s, &d, &[]);
    assert_eq!(active.len(), 45, "archived companies left out");
}

#[test]
fn a_built_in_shown_and_saved_under_a_new_name_is_a_working_integration() {
    let d = Double::start(System::Hudu, 30);
    let s = Sandbox::new();
    let shown = s.ok(&["integrations", "show", "hudu"]);
    s.write_declaration("hudu_eu", &String::from_utf8_lossy(&shown.stdout));
    s.write_config(&format!(
        "[integrations.hudu_eu]\nbase_url = \"{}\"\n",
        d.server.url()
    ));
    let out = s
        .cmd()
        .env("MAPCTL_HUDU_EU_API_KEY", crate::common::systems::API_KEY)
        .args(["discover", "hudu_eu", "--include-inactive", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 30);
    let listed = s.json(&["integrations"]);
    let eu = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "hudu_eu")
        .unwrap();
    assert!(eu["defined_in"].as_str().unwrap().ends_with("hudu_eu.toml"));
}

#[test]
fn integrations_check_lists_every_problem_with_file_and_line() {
    let s = Sandbox::new();
    let shown = s.ok(&["integrations", "show", "itglue"]);
    let good = s.path("itglue_copy.toml");
    std::fs::write(&good, &shown.stdout).unwrap();
    s.ok(&["integrations", "check", good.to_str().unwrap()]);
    let bad = s.path("bad.toml");
    let text = String::from_utf8_lossy(&shown.stdout)
        .replace("id = \"/id\"", "id = \"id\"")
        .replace(
            "path = \"/organizations/{id}\"",
            "path = \"/organizations/{org}\"",
        );
    std::fs::write(&bad, text).unwrap();
    let out = s.run(&["integrations", "check", bad.to_str().unwrap(), "-o", "json"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    let details = err["error"]["details"].as_array().unwrap();
    assert_eq!(details.len(), 3, "{details:?}");
    assert!(
        details.iter().all(|d| {
            let d = d.as_str().unwrap();
            d.starts_with(&format!("{}: line ", bad.display()))
        }),
        "file and line in each: {details:?}"
    );
    let typo = s.path("typo.toml");
    std::fs::write(
        &typo,
        String::from_utf8_lossy(&shown.stdout).replace("[test]\n", "[test]\nmethdo = \"GET\"\n"),
    )
    .unwrap();
    let out = s.run(&["integrations", "check", typo.to_str().unwrap()]);
    assert_eq!(code(&out), 7);
    assert!(
        stderr(&out).contains("line ") && stderr(&out).contains("methdo"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_docs_worked_example_is_a_valid_declaration() {
    let readme = include_str!("../../docs/declarations.md");
    let start = readme
        .find("# ~/.config/mapctl/integrations/zendesk.toml")
        .expect("the worked example");
    let end = start + readme[start..].find("```").unwrap();
    let s = Sandbox::new();
    let file = s.path("zendesk.toml");
    std::fs::write(&file, &readme[start..end]).unwrap();
    let out = s.run(&["integrations", "check", file.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("credential fields: api_token"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn listing_integrations_and_doctor_call_nothing_not_even_a_lookup() {
    let d = Double::start(System::Autotask, 3);
    let s = sandbox(&d, "");
    let out = run(&s, &d, &["integrations", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let autotask = list
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "autotask")
        .unwrap();
    assert_eq!(autotask["configured"], true);
    let out = run(&s, &d, &["doctor", "-o", "json"]);
    assert!(
        stdout(&out).contains("configuration and credentials found"),
        "{}",
        stdout(&out)
    );
    assert!(d.server.log.lock().unwrap().is_empty(), "no request at all");
}

#[test]
fn an_inline_declaration_or_a_broken_file_is_exit_7_naming_where() {
    // A declaration inside the config file is no longer read: said, with where to move it.
    let s = Sandbox::new();
    s.write_config(
        "[integrations.psa]\nbase_url = \"https://psa.example\"\nlist_path = \"/api/companies\"\n",
    );
    let out = s.run(&["list"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("declares an integration inline")
            && stderr(&out).contains("integrations/psa.toml"),
        "{}",
        stderr(&out)
    );
    // A user's file that does not parse is a warning naming file and line
    // for the commands that do not use it, and exit 7 for those that do.
    let s = Sandbox::new();
    s.write_declaration("psa", "display_name = \"PSA\"\n[auth]\nkind = \"oauth3\"\n");
    let out = s.run(&["integrations"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning") && stderr(&out).contains("psa.toml"),
        "{}",
        stderr(&out)
    );
    let out = s.run(&["discover", "psa"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("psa.toml: line 3") && stderr(&out).contains("oauth3"),
        "{}",
        stderr(&out)
    );
    // A name only the config file knows has no declaration to show.
    let s = Sandbox::new();
    s.write_config("[integrations.halopsa_eu]\nbase_url = \"https://eu.halo.example\"\n");
    let out = s.run(&["integrations", "show", "halopsa_eu"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("has no declaration"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_mapping_to_a_deleted_company_is_stale() {
    let d = Double::start(System::ConnectWise, 9);
    let s = sandbox(&d, "");
    assert!(
        run(&s, &d, &["orgs", "add", "--name", "Acme", "--id", "acme"])
            .status
            .success()
    );
    // Company 7 is deleted in ConnectWise: it still answers by id.
    let out = run(
        &s,
        &d,
        &["map", "acme", "connectwise", "--external-id", "7"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&s, &d, &["status", "connectwise", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report[0]["stale"][0]["external_org_id"], "7", "{report}");
    assert_eq!(
        report[0]["external_orgs"], 8,
        "the deleted one is not listed"
    );
}

/// A FIFO or a link to /dev/zero in the integrations folder is not read:
/// every other command goes on (with a warning), the one that needs it is
/// exit 7 saying why.
#[test]
fn a_declaration_that_is_no_regular_file_is_not_read() {
    let s = Sandbox::new();
    s.write_declaration("placeholder", "");
    let dir = s.path("config").join("mapctl/integrations");
    std::fs::remove_file(dir.join("placeholder.toml")).unwrap();
    let fifo = dir.join("piped.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", dir.join("zeros.toml")).unwrap();
    let out = s.run(&["list"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    for name in ["piped.toml", "zeros.toml"] {
        assert!(stderr(&out).contains(name), "{}", stderr(&out));
    }
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
    let out = s.run(&["discover", "zeros"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
}

/// A user's file with a built-in's name replaces it, and says so.
#[test]
fn a_user_file_replacing_a_built_in_says_so() {
    let s = Sandbox::new();
    let shown = s.ok(&["integrations", "show", "hudu"]);
    s.write_declaration("hudu", &String::from_utf8_lossy(&shown.stdout));
    let out = s.run(&["integrations"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("replaces the built-in hudu"),
        "{}",
        stderr(&out)
    );
}

/// A config table a letter or two from a built-in's name is far likelier a
/// typo than an integration of its own: it says so.
#[test]
fn a_config_table_near_a_built_in_name_asks_did_you_mean() {
    let s = Sandbox::new();
    s.write_config("[integrations.halo]\nbase_url = \"https://acme.halopsa.com\"\n");
    let out = s.run(&["integrations"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did you mean [integrations.halopsa]?"),
        "{}",
        stderr(&out)
    );
    let s = Sandbox::new();
    s.write_config("[integrations.acme_crm]\ndisplay_name = \"Acme CRM\"\n");
    let out = s.run(&["integrations"]);
    assert!(!stderr(&out).contains("did you mean"), "{}", stderr(&out));
}
