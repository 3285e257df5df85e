//! Scale out, not up: two server processes over one Azurite, 40
//! concurrent requests of 40 orgs for one external org, and the rule
//! holds: exactly one org owns it, and every other answer is a refusal.

use super::client::{Server, token};
use crate::common::Sandbox;

#[test]
fn two_replicas_keep_one_owner_under_forty_conflicting_requests() {
    let Some(s) = Sandbox::azure() else {
        panic!("Azurite is needed here (npm ci installs it)");
    };
    for i in 0..40 {
        let (id, name) = (format!("org-{i:02}"), format!("Customer {i:02}"));
        s.ok(&["orgs", "add", "--id", &id, "--name", &name]);
    }
    let write = token(&s, "ci", "write");
    let (a, b) = (Server::start(&s), Server::start(&s));
    // 40 requests, 20 to each replica: every org wants external org 42.
    let request = |i: usize| {
        (
            "PUT".to_owned(),
            format!("/api/v1/orgs/org-{i:02}/integrations/halopsa/mapping"),
            write.clone(),
            Some(r#"{"external_org_id":"42"}"#.to_owned()),
        )
    };
    let left: Vec<_> = (0..40).filter(|i| i % 2 == 0).map(request).collect();
    let right: Vec<_> = (0..40).filter(|i| i % 2 == 1).map(request).collect();
    let (answers_a, answers_b) = std::thread::scope(|scope| {
        let ha = scope.spawn(|| a.calls(left));
        let hb = scope.spawn(|| b.calls(right));
        (ha.join().unwrap(), hb.join().unwrap())
    });
    let answers: Vec<_> = answers_a.iter().chain(&answers_b).collect();
    let said: Vec<String> = answers
        .iter()
        .map(|a| format!("{} {}", a.status, a.text))
        .collect();
    let won: Vec<&str> = answers
        .iter()
        .filter(|a| a.status == 201)
        .map(|a| a.body["org_id"].as_str().unwrap())
        .collect();
    assert_eq!(won.len(), 1, "exactly one created: {said:#?}");
    let refused = answers
        .iter()
        .filter(|a| a.status == 409 && a.body["error"]["kind"] == "conflict")
        .count();
    assert_eq!(refused, 39, "every other org refused: {said:#?}");
    let owners = s.json(&["list", "--integration", "halopsa"]);
    assert_eq!(owners.as_array().unwrap().len(), 1, "{owners}");
    assert_eq!(owners[0]["org_id"], won[0]);
    assert_eq!(s.json(&["doctor"])["healthy"], true);
}

/// The workflows' `get_integration_mapping` costs three concurrent reads of
/// the store, each once: the token's hash, the org and its rows. A token
/// check outrun by the mapping's read is awaited where it is, never begun
/// anew (which cost a fourth read, after the answer, in one request of
/// four).
#[test]
fn a_mapping_read_checks_its_token_once_beside_two_reads_of_the_store() {
    let Some(s) = Sandbox::azure() else {
        panic!("Azurite is needed here (npm ci installs it)");
    };
    s.ok(&["orgs", "add", "--id", "acme", "--name", "Acme Corp"]);
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    let read = token(&s, "workflow", "read");
    let server = Server::start_with(&s, &["-vv"], reqwest::Client::new());
    const REQUESTS: usize = 80;
    for _ in 0..REQUESTS {
        let a = server.call(
            "GET",
            "/api/v1/orgs/acme/integrations/halopsa/mapping",
            Some(&read),
            None,
        );
        assert_eq!(a.status, 200, "{}", a.text);
    }
    let (_, said) = server.stop();
    let reads = |table: &str| {
        said.lines()
            .filter(|l| l.starts_with("azure: GET") && l.contains(&format!("/{table}(")))
            .count()
    };
    let abandoned: Vec<&str> = said.lines().filter(|l| l.contains("abandoned")).collect();
    assert!(abandoned.is_empty(), "{abandoned:#?}");
    assert_eq!(reads("ApiTokens"), REQUESTS, "{said}");
    assert_eq!(reads("Organizations"), REQUESTS, "{said}");
    assert_eq!(reads("OrgIntegrationMappings"), REQUESTS, "{said}");
}

/// A replica outlives a blip of its store: while the store is gone it
/// answers 503 (at once, once the first call spent its retries: the answer
/// says when the store stopped answering), and it answers again, without a
/// restart, once the store is back.
#[test]
fn a_server_answers_again_once_its_store_is_back() {
    use crate::common::proxy::{DROP, FaultProxy};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let Some(direct) = Sandbox::azure() else {
        panic!("Azurite is needed here (npm ci installs it)");
    };
    direct.ok(&["orgs", "add", "--id", "acme", "--name", "Acme Corp"]);
    let read = token(&direct, "workflow", "read");
    let port = crate::common::azurite::azurite().unwrap().port;
    let down = Arc::new(AtomicBool::new(false));
    let gone = down.clone();
    let proxy = FaultProxy::start(
        port,
        Box::new(move |_| gone.load(Ordering::SeqCst).then_some((DROP, ""))),
    );
    let through = Sandbox::azure_at(proxy.connection_string(direct.azure.as_ref().unwrap(), port));
    let server = Server::start(&through);
    let org = |server: &Server| server.call("GET", "/api/v1/orgs/acme", Some(&read), None);
    assert_eq!(org(&server).status, 200);

    down.store(true, Ordering::SeqCst);
    let a = org(&server);
    assert_eq!(a.status, 503, "{}", a.text);
    // The calls after it fail at once, without their own retries.
    let a = org(&server);
    assert_eq!(a.status, 503, "{}", a.text);
    assert!(a.text.contains("stopped answering"), "{}", a.text);
    let health = server.call("GET", "/healthz", None, None);
    assert_eq!(health.status, 503, "{}", health.text);

    down.store(false, Ordering::SeqCst);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(40);
    let back = loop {
        let health = server.call("GET", "/healthz", None, None);
        if health.status == 200 || std::time::Instant::now() > deadline {
            break health;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    };
    assert_eq!(
        back.status, 200,
        "still refused 40 s after the store came back: {}",
        back.text
    );
    let a = org(&server);
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.body["name"], "Acme Corp");
}
