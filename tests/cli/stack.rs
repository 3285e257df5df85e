//! The fifteen systems of "the rest of an MSP's stack", each a declaration
//! file only, against doubles of their APIs (tests/cli/common/stack.rs): each
//! discovers, verifies one id, and refuses a bad credential with exit 5;
//! then the sharp edge of each.

use std::sync::atomic::Ordering;

use crate::common::stack::{self, StackDouble, Sys};
use crate::common::{Sandbox, code, stderr, stdout};
use serde_json::Value;

fn sandbox(d: &StackDouble, ttl: u64) -> Sandbox {
    let s = Sandbox::new();
    // Small pages, so that every kind of paging turns a few pages.
    s.write_config(&format!(
        "{}page_size = 10\n[cache]\nttl_seconds = {ttl}\n",
        d.config()
    ));
    s
}

fn run(s: &Sandbox, d: &StackDouble, good: bool, args: &[&str]) -> std::process::Output {
    let mut c = s.cmd();
    for (k, v) in d.env(good) {
        c.env(k, v);
    }
    c.args(args).output().unwrap()
}

fn listed(s: &Sandbox, d: &StackDouble, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["discover", d.name(), "-o", "json"];
    args.extend(extra);
    let out = run(s, d, true, &args);
    assert_eq!(code(&out), 0, "{}: {}", d.name(), stderr(&out));
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
    ids.sort();
    ids
}

/// Discovery lists the organizations (and only those), `map` verifies one
/// through the single-record call (or the listing) and fills its name, the
/// connection test passes, and a wrong secret is exit 5 without the secret.
fn a_system_discovers_verifies_and_refuses_a_bad_credential(sys: Sys) {
    let d = StackDouble::start(sys, 25);
    let s = sandbox(&d, 3600);
    let list = listed(&s, &d, &[]);
    let mut want = d.active_ids();
    want.sort();
    assert_eq!(ids(&list), want, "{}", d.name());
    assert!(list.iter().all(|o| !o["name"].as_str().unwrap().is_empty()));

    // Verification without a cache asks the system.
    let fresh = sandbox(&d, 0);
    fresh.ok(&["orgs", "add", "--name", "Acme"]);
    let id = &want[1];
    let out = run(
        &fresh,
        &d,
        true,
        &["map", "Acme", d.name(), "--external-id", id, "-o", "json"],
    );
    assert_eq!(code(&out), 0, "{}: {}", d.name(), stderr(&out));
    let mapped: Value = serde_json::from_slice(&out.stdout).unwrap();
    let name = list.iter().find(|o| o["id"] == id.as_str()).unwrap()["name"].clone();
    assert_eq!(mapped["external_org_name"], name, "{}", d.name());
    let out = run(
        &fresh,
        &d,
        true,
        &[
            "map",
            "Acme",
            d.name(),
            "--external-id",
            "00000000-0000-4000-8000-0000000000ff",
            "--add",
        ],
    );
    assert_eq!(code(&out), 3, "{}: {}", d.name(), stderr(&out));

    let out = run(&fresh, &d, true, &["test-connection", d.name()]);
    assert_eq!(code(&out), 0, "{}: {}", d.name(), stderr(&out));

    let out = run(
        &fresh,
        &d,
        false,
        &["discover", d.name(), "--refresh", "-vvv"],
    );
    assert_eq!(code(&out), 5, "{}: {}", d.name(), stderr(&out));
    assert!(
        !stderr(&out).contains("wrong-secret-value"),
        "{}",
        stderr(&out)
    );
}

macro_rules! each_system {
    ($($test:ident => $sys:expr),* $(,)?) => {
        $(#[test]
        fn $test() {
            a_system_discovers_verifies_and_refuses_a_bad_credential($sys);
        })*
    };
}

each_system! {
    huntress => Sys::Huntress,
    sentinelone => Sys::SentinelOne,
    sophos_central => Sys::Sophos,
    pax8 => Sys::Pax8,
    syncro => Sys::Syncro,
    atera => Sys::Atera,
    ncentral => Sys::NCentral,
    auvik => Sys::Auvik,
    cw_automate => Sys::Automate,
    acronis => Sys::Acronis,
    partner_center => Sys::PartnerCenter,
    kaseya_bms => Sys::KaseyaBms,
    liongard => Sys::Liongard,
    datto_saas => Sys::DattoSaas,
    sherweb => Sys::Sherweb,
}

#[test]
fn every_system_of_the_double_is_a_built_in() {
    let s = Sandbox::new();
    let all = s.json(&["integrations"]);
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 23, "{names:?}");
    for sys in stack::ALL {
        assert!(names.contains(&stack::name(sys)), "{}", stack::name(sys));
    }
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .all(|i| i["category"].is_string())
    );
}

#[test]
fn integrations_are_filtered_by_category() {
    let s = Sandbox::new();
    let security = s.json(&["integrations", "--category", "security"]);
    let names: Vec<&str> = security
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["huntress", "sentinelone", "sophos_central"]);
    let out = s.run(&["integrations", "--category", "antivirus"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("security"), "{}", stderr(&out));
}

#[test]
fn sophos_signs_in_at_its_own_host_and_refuses_a_tenant_credential() {
    let d = StackDouble::start(Sys::Sophos, 12);
    let s = sandbox(&d, 0);
    listed(&s, &d, &[]);
    assert!(!d.login.requests("/api/v2/oauth2/token").is_empty());
    assert!(
        d.calls("/api/v2/oauth2").is_empty(),
        "no token request at the API"
    );
    let tenants = d.calls("/partner/v1/tenants");
    assert!(
        tenants
            .iter()
            .all(|r| r.header("X-Partner-ID") == Some(stack::SOPHOS_PARTNER))
    );
    assert!(d.calls("/whoami/v1")[0].header("X-Partner-ID").is_none());

    d.faults
        .sophos_tenant_credential
        .store(true, Ordering::SeqCst);
    let out = run(&s, &d, true, &["discover", "sophos_central"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(stderr(&out).contains("not a partner's"), "{}", stderr(&out));
}

#[test]
fn auvik_in_the_wrong_region_names_the_base_url_to_set() {
    let right = StackDouble::start(Sys::Auvik, 5);
    let to = right.api.url();
    let wrong = crate::common::http::Server::start(std::sync::Arc::new(move |r| {
        crate::common::http::Response::json(308, serde_json::json!({}))
            .with_header("Location", &format!("{to}{}", r.target))
    }));
    let s = Sandbox::new();
    s.write_config(&format!(
        "[integrations.auvik]\nbase_url = \"{}\"\ndomain_prefix = \"acme\"\n",
        wrong.url()
    ));
    let out = run(&s, &right, true, &["discover", "auvik"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("base_url = \"{}\"", right.api.url())),
        "{err}"
    );
    assert!(right.calls("/").is_empty(), "nothing followed the redirect");
}

#[test]
fn auvik_leaves_out_the_msps_own_tenant() {
    let d = StackDouble::start(Sys::Auvik, 25);
    let s = sandbox(&d, 0);
    let all = listed(&s, &d, &["--include-inactive"]);
    assert!(all.iter().all(|o| o["name"] != "Acme MSP"));
    assert_eq!(all.len(), 24);
    assert!(
        d.calls("/v1/tenants/detail").len() >= 3,
        "links.next was followed"
    );
}

#[test]
fn automate_says_when_the_account_needs_two_factor_sign_in() {
    let d = StackDouble::start(Sys::Automate, 5);
    d.faults.automate_two_factor.store(true, Ordering::SeqCst);
    let s = sandbox(&d, 0);
    let out = run(&s, &d, true, &["discover", "cw_automate"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(stderr(&out).contains("two-factor"), "{}", stderr(&out));
}

/// A session that expires mid-listing, said inside a 200 on a next page:
/// the token is renewed, as after a 401, and the listing goes on.
#[test]
fn kaseya_bms_renews_a_session_that_expires_inside_a_200() {
    let d = StackDouble::start(Sys::KaseyaBms, 50);
    d.faults
        .kaseya_session_expires
        .store(true, Ordering::SeqCst);
    let s = sandbox(&d, 0);
    let list = listed(&s, &d, &["--include-inactive"]);
    assert_eq!(list.len(), 50, "every page read");
    let tokens = d.faults.kaseya_tokens.load(Ordering::SeqCst);
    assert_eq!(tokens, 2, "renewed once for the pages in flight together");
}

#[test]
fn kaseya_bms_failures_inside_a_200_are_failures() {
    let d = StackDouble::start(Sys::KaseyaBms, 5);
    let s = sandbox(&d, 0);
    let out = run(&s, &d, false, &["discover", "kaseya_bms"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Invalid username, password or tenant"),
        "{}",
        stderr(&out)
    );
    assert!(d.calls("/v2/crm").is_empty(), "no listing without a token");
}

#[test]
fn partner_center_follows_relative_links_with_their_allowed_headers() {
    let d = StackDouble::start(Sys::PartnerCenter, 25);
    let s = sandbox(&d, 0);
    let list = listed(&s, &d, &[]);
    assert_eq!(list.len(), 25);
    let pages = d.calls("/v1/customers");
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert_eq!(pages[1].header("MS-ContinuationToken"), Some("ct-10"));
    assert_eq!(pages[2].header("MS-ContinuationToken"), Some("ct-20"));
    assert!(pages[0].header("MS-ContinuationToken").is_none());
}

/// A next page that names Host, Cookie, forwarding or the client's own
/// headers gets none of them sent: only the continuation header its
/// declaration allows by name.
#[test]
fn partner_center_sends_only_the_continuation_header_a_page_names() {
    let d = StackDouble::start(Sys::PartnerCenter, 25);
    d.faults.steering_headers.store(true, Ordering::SeqCst);
    let s = sandbox(&d, 0);
    let list = listed(&s, &d, &[]);
    assert_eq!(list.len(), 25);
    let pages = d.calls("/v1/customers");
    assert_eq!(pages.len(), 3, "{pages:?}");
    for page in &pages[1..] {
        assert!(page.header("MS-ContinuationToken").is_some());
        let host = page.header("Host").unwrap_or_default();
        assert!(host.starts_with("127.0.0.1:"), "Host {host:?}");
        for steered in ["Cookie", "X-Forwarded-Host", "X-Other"] {
            assert!(
                page.header(steered).is_none(),
                "{steered} was sent: {page:?}"
            );
        }
        assert_ne!(page.header("User-Agent"), Some("steered"));
        assert_eq!(page.header("Accept"), Some("application/json"));
    }
}

#[test]
fn datto_saas_lists_a_customer_once_and_says_when_its_rows_disagree() {
    let d = StackDouble::start(Sys::DattoSaas, 9);
    let s = sandbox(&d, 0);
    let out = run(&s, &d, true, &["discover", "datto_saas", "-o", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), 9);
    let err = stderr(&out);
    assert_eq!(err.matches("more than once").count(), 1, "{err}");
    assert!(err.contains("id 3"), "{err}");
}

#[test]
fn syncro_names_individuals_and_leaves_disabled_customers_out() {
    let d = StackDouble::start(Sys::Syncro, 25);
    let s = sandbox(&d, 0);
    let list = listed(&s, &d, &[]);
    let five = list.iter().find(|o| o["id"] == "5").unwrap();
    assert_eq!(five["name"], "Ada Lovelace 5");
    assert!(list.iter().all(|o| o["id"] != "3"), "disabled");
    let all = listed(&s, &d, &["--include-inactive"]);
    let three = all.iter().find(|o| o["id"] == "3").unwrap();
    assert_eq!(three["metadata"]["inactive"], true);
    assert!(
        d.calls("/api/v1/customers")
            .iter()
            .all(|r| r.param("api_key").is_none())
    );
}

#[test]
fn acronis_lists_customers_only_below_the_looked_up_tenant() {
    let d = StackDouble::start(Sys::Acronis, 25);
    let s = sandbox(&d, 3600);
    let all = listed(&s, &d, &["--include-inactive"]);
    assert_eq!(all.len(), 19, "folders and units are no customers");
    assert!(all.iter().all(|o| o["metadata"]["kind"] == "customer"));
    let inactive = all
        .iter()
        .filter(|o| o["metadata"]["inactive"] == true)
        .count();
    assert!(inactive >= 2, "disabled and deleted: {inactive}");
    // The tenant lookup is cached with the discovery: a second run asks
    // nothing but the token; `--refresh` asks it again too.
    let before = d.calls("/api/2/clients").len();
    let out = run(&s, &d, true, &["discover", "acronis"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(d.calls("/api/2/clients").len(), before);
    let out = run(&s, &d, true, &["discover", "acronis", "--refresh"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(d.calls("/api/2/clients").len(), before + 1);
}

#[test]
fn liongard_follows_its_own_redirect_to_the_slashed_path_with_the_key() {
    let d = StackDouble::start(Sys::Liongard, 4);
    let s = sandbox(&d, 0);
    // A copy of the built-in without the trailing slash.
    let shown = s.run(&["integrations", "show", "liongard"]);
    let text = stdout(&shown).replace("path = \"/environments/\"", "path = \"/environments\"");
    s.write_declaration("liongard", &text);
    let list = listed(&s, &d, &[]);
    assert_eq!(list.len(), 4);
    let slashed = d.calls("/api/v1/environments/");
    assert!(slashed.iter().all(|r| r.header("X-ROAR-API-KEY").is_some()));
}

#[test]
fn sentinelone_marks_deleted_sites_inactive() {
    let d = StackDouble::start(Sys::SentinelOne, 25);
    let s = sandbox(&d, 0);
    let all = listed(&s, &d, &["--include-inactive"]);
    assert_eq!(all.len(), 25);
    let deleted: Vec<&Value> = all
        .iter()
        .filter(|o| o["metadata"]["state"] == "deleted")
        .collect();
    assert!(!deleted.is_empty() && deleted.iter().all(|o| o["metadata"]["inactive"] == true));
    assert!(
        d.calls("/web/api/v2.1/sites").len() >= 3,
        "the cursor was followed"
    );
}

#[test]
fn a_broken_user_file_stops_only_what_uses_it() {
    let s = Sandbox::new();
    s.ok(&["orgs", "add", "--name", "Acme"]);
    // `mapctl integrations show hudu > …/hudu_eu.toml`: the shell makes the
    // file empty before mapctl runs.
    s.write_declaration("hudu_eu", "");
    let shown = s.run(&["integrations", "show", "hudu"]);
    assert_eq!(code(&shown), 0, "{}", stderr(&shown));
    assert!(
        stderr(&shown).contains("hudu_eu"),
        "a warning: {}",
        stderr(&shown)
    );
    let out = s.run(&["list"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = s.run(&[
        "map",
        "Acme",
        "hudu_eu",
        "--external-id",
        "1",
        "--no-verify",
    ]);
    assert_eq!(code(&out), 7, "used, it is an error: {}", stderr(&out));
    let out = s.run(&["doctor"]);
    assert_ne!(code(&out), 0, "{}", stdout(&out));
    // The copy finished, it works.
    s.write_declaration("hudu_eu", &stdout(&shown));
    let out = s.run(&["integrations"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    assert!(stdout(&out).contains("hudu_eu"));
}
