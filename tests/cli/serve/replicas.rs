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
