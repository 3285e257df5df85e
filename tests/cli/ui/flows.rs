//! What a technician does in the UI, click by click, and what it refuses.

use std::io::{Read, Write};

use fantoccini::Locator;
use serde_json::json;

use super::{Ui, browser, by_label, click, screenshot};
use crate::common::doubles::{Api, CLIENT_ID, CLIENT_SECRET, Double};
use crate::common::{Sandbox, block_on};

const CREDENTIALS: [(&str, &str); 2] = [
    ("MAPCTL_HALOPSA_CLIENT_ID", CLIENT_ID),
    ("MAPCTL_HALOPSA_CLIENT_SECRET", CLIENT_SECRET),
];

/// A HaloPSA double of 200 clients, three MSP orgs named as three of them.
fn msp(s: &Sandbox) -> (Double, Vec<String>) {
    let double = Double::start(Api::Halo, 200);
    s.write_config(&double.config());
    let names: Vec<String> = double.orgs.lock().unwrap()[10..13]
        .iter()
        .map(|(_, n)| n.clone())
        .collect();
    for (i, name) in names.iter().enumerate() {
        s.ok(&["orgs", "add", "--id", &format!("org-{i}"), "--name", name]);
    }
    let mut discover = s.cmd();
    discover
        .args(["discover", "halopsa", "-o", "json"])
        .envs(CREDENTIALS);
    assert!(discover.output().unwrap().status.success());
    (double, names)
}

#[test]
fn a_technician_maps_edits_tests_and_unmaps_in_the_browser() {
    let s = Sandbox::new();
    let (_double, names) = msp(&s);
    let ui = Ui::start(&s, &CREDENTIALS);
    block_on(async {
        let c = browser(&s.path("profile"), 1280).await;
        c.goto(&ui.login).await.unwrap();
        // Logged in: the matrix, one row per org.
        let title = c
            .find(Locator::Css("h1"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(title, "Customers × integrations");
        let rows = c.find_all(Locator::Css("#matrix tbody tr")).await.unwrap();
        assert_eq!(rows.len(), 3);
        screenshot(&c, "matrix").await;
        // The org page.
        click(&c, Locator::LinkText(&names[0])).await;
        c.wait()
            .for_element(Locator::Css("section.integration"))
            .await
            .unwrap();
        // Map: type part of a name in the search; the record comes up; map it.
        by_label(&c, &format!("Map {} in halopsa", names[0]))
            .await
            .click()
            .await
            .unwrap();
        let search = c.wait().for_element(Locator::Id("q")).await.unwrap();
        // Its number: one record of the 200 holds it.
        let number = names[0].split(' ').nth(1).unwrap().to_owned();
        search.send_keys(&number).await.unwrap();
        let mut shown = 0;
        for _ in 0..100 {
            shown = c.find_all(Locator::Css("#results li")).await.unwrap().len();
            if shown == 1 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(shown, 1, "the search answers as it is typed");
        let pick = by_label(&c, &format!("Map {}", names[0])).await;
        screenshot(&c, "map").await;
        pick.click().await.unwrap();
        c.wait()
            .for_element(Locator::Css("table.mappings"))
            .await
            .unwrap();
        let mapped = s.json(&["get", "org-0", "halopsa"]);
        assert_eq!(mapped["external_org_name"], names[0].as_str(), "{mapped}");
        let id = mapped["external_org_id"].as_str().unwrap().to_owned();
        // Edit: invalid mapping data is refused beside the field; valid is saved.
        by_label(&c, &format!("Edit halopsa mapping {id}"))
            .await
            .click()
            .await
            .unwrap();
        let data = c
            .wait()
            .for_element(Locator::Css("textarea[name=mapping_data]"))
            .await
            .unwrap();
        data.clear().await.unwrap();
        data.send_keys("{not json").await.unwrap();
        click(&c, Locator::Css("button[type=submit]")).await;
        let problem = c
            .wait()
            .for_element(Locator::Css("p.error[role=alert]"))
            .await
            .unwrap();
        assert!(problem.text().await.unwrap().contains("JSON"));
        // What was typed is kept, to be corrected.
        let kept = c
            .find(Locator::Css("textarea[name=mapping_data]"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap();
        assert_eq!(kept.as_deref(), Some("{not json"));
        let data = c
            .find(Locator::Css("textarea[name=mapping_data]"))
            .await
            .unwrap();
        data.clear().await.unwrap();
        data.send_keys(r#"{"site": "main"}"#).await.unwrap();
        click(&c, Locator::Css("button[type=submit]")).await;
        c.wait()
            .for_element(Locator::Css("table.mappings"))
            .await
            .unwrap();
        assert_eq!(
            s.json(&["get", "org-0", "halopsa"])["mapping_data"],
            json!({"site": "main"})
        );
        screenshot(&c, "org").await;
        // Another record: the conflict offers Replace / Add / Cancel.
        by_label(&c, &format!("Map {} in halopsa", names[0]))
            .await
            .click()
            .await
            .unwrap();
        let search = c.wait().for_element(Locator::Id("q")).await.unwrap();
        search
            .send_keys(names[1].split(' ').nth(1).unwrap())
            .await
            .unwrap();
        let other = by_label(&c, &format!("Map {}", names[1])).await;
        other.click().await.unwrap();
        let conflict = c
            .wait()
            .for_element(Locator::Css(".conflict[role=alert]"))
            .await
            .unwrap();
        let said = conflict.text().await.unwrap();
        assert!(
            said.contains("Replace") && said.contains("Add") && said.contains("Cancel"),
            "{said}"
        );
        click(&c, Locator::Css(".conflict button[value=replace]")).await;
        c.wait()
            .for_element(Locator::Css("table.mappings"))
            .await
            .unwrap();
        let now = s.json(&["get", "org-0", "halopsa"]);
        assert_eq!(now["external_org_name"], names[1].as_str(), "{now}");
        let id = now["external_org_id"].as_str().unwrap().to_owned();
        // Test connection: the result and its latency.
        by_label(&c, "Test connection to halopsa")
            .await
            .click()
            .await
            .unwrap();
        let ok = c
            .wait()
            .for_element(Locator::Css("p.ok[role=status]"))
            .await
            .unwrap();
        assert!(ok.text().await.unwrap().contains("Connected"));
        assert!(c.source().await.unwrap().contains("Latency "));
        click(&c, Locator::LinkText("Close")).await;
        // Unmap.
        by_label(&c, &format!("Unmap halopsa mapping {id}"))
            .await
            .click()
            .await
            .unwrap();
        c.wait().for_element(Locator::Css("p.none")).await.unwrap();
        assert_eq!(s.json(&["list"]), json!([]));
        // History, filtered by org.
        c.goto(&format!("{}/history?org=org-0", ui.base))
            .await
            .unwrap();
        let rows = c
            .find_all(Locator::Css("table.history tbody tr"))
            .await
            .unwrap();
        assert!(
            rows.len() >= 4,
            "map, update, replace and unmap: {}",
            rows.len()
        );
        screenshot(&c, "history").await;
        // A phone's width: the page itself never scrolls sideways.
        c.set_window_size(390, 844).await.unwrap();
        c.goto(&ui.base).await.unwrap();
        let wide = c
            .execute(
                "return document.documentElement.scrollWidth > window.innerWidth",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(wide, json!(false), "the page scrolls sideways at 390 px");
        c.close().await.unwrap();
    });
}

#[test]
fn a_review_writes_exactly_the_ticked_proposals() {
    let s = Sandbox::new();
    let (double, names) = msp(&s);
    // Two orgs named a letter off two records: proposed below high, one by one.
    let near: Vec<String> = double.orgs.lock().unwrap()[20..22]
        .iter()
        .map(|(_, n)| n.clone())
        .collect();
    for (i, name) in near.iter().enumerate() {
        let typo = name.replacen(' ', "s ", 1);
        s.ok(&["orgs", "add", "--id", &format!("near-{i}"), "--name", &typo]);
    }
    let ui = Ui::start(&s, &CREDENTIALS);
    block_on(async {
        let c = browser(&s.path("profile"), 1280).await;
        c.goto(&ui.login).await.unwrap();
        c.goto(&format!("{}/review/halopsa", ui.base))
            .await
            .unwrap();
        let ticks = c
            .find_all(Locator::Css("fieldset.high input[type=checkbox]"))
            .await
            .unwrap();
        assert_eq!(ticks.len(), 3, "three high proposals, ticked");
        screenshot(&c, "review").await;
        // Untick the one of the second org.
        let second = format!(
            "//fieldset[@class='high']//label[contains(., '{}')]/input",
            names[1]
        );
        click(&c, Locator::XPath(&second)).await;
        // The others one by one: accept the first, call the second a wrong match.
        let one_by_one = c.find_all(Locator::Css("fieldset.one")).await.unwrap();
        assert_eq!(one_by_one.len(), 2, "two proposals below high");
        for (org, choice) in [(0, "accept"), (1, "wrong")] {
            let typo = near[org].replacen(' ', "s ", 1);
            let radio = format!(
                "//fieldset[@class='one'][contains(legend, '{typo}')]//input[@value='{choice}']"
            );
            click(&c, Locator::XPath(&radio)).await;
        }
        click(&c, Locator::Css("button.primary")).await;
        let said = c
            .wait()
            .for_element(Locator::Css("p[role=status]"))
            .await
            .unwrap();
        let said = said.text().await.unwrap();
        assert!(
            said.starts_with("3 mapping(s), 1 wrong match(es) remembered, 0 ignored"),
            "{said}"
        );
        c.close().await.unwrap();
    });
    let mapped: Vec<String> = s
        .json(&["list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["external_org_name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(mapped.len(), 3, "{mapped:?}");
    assert!(
        !mapped.contains(&names[1]),
        "the unticked one is not written: {mapped:?}"
    );
    // The wrong match is remembered: never proposed again.
    let mut suggest = s.cmd();
    suggest
        .args(["suggest", "halopsa", "-o", "json"])
        .envs(CREDENTIALS);
    let again: serde_json::Value =
        serde_json::from_slice(&suggest.output().unwrap().stdout).unwrap();
    let rejected = again
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["org"] == "near-1" && p["external_org_name"] == near[1].as_str());
    assert!(!rejected, "{again}");
}

/// Raw HTTP: what a page on another site, or a request without a session,
/// could send.
fn raw(base: &str, request: &str) -> String {
    let addr = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .write_all(request.replace("{host}", addr).as_bytes())
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn writes_without_csrf_or_a_session_are_refused_and_the_login_link_works_once() {
    let s = Sandbox::new();
    s.ok(&["orgs", "add", "--id", "acme", "--name", "Acme Corp"]);
    let ui = Ui::start(&s, &[]);
    let path = ui.login.trim_start_matches(&ui.base).to_owned();
    let first = raw(
        &ui.base,
        &format!("GET {path} HTTP/1.1\r\nHost: {{host}}\r\nConnection: close\r\n\r\n"),
    );
    assert!(first.starts_with("HTTP/1.1 303"), "{first}");
    let cookie = first
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_owned();
    assert!(first.contains("HttpOnly; SameSite=Strict"), "{first}");
    let again = raw(
        &ui.base,
        &format!("GET {path} HTTP/1.1\r\nHost: {{host}}\r\nConnection: close\r\n\r\n"),
    );
    assert!(
        again.starts_with("HTTP/1.1 403"),
        "the link works once: {again}"
    );
    // No session: a page sends to the sign-in help, a write is refused.
    let page = raw(
        &ui.base,
        "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
    );
    assert!(
        page.starts_with("HTTP/1.1 303") && page.contains("location: /signed-out"),
        "{page}"
    );
    let body = "csrf=x&external_org_id=42";
    let write = |cookie: &str, body: &str| {
        raw(
            &ui.base,
            &format!(
                "POST /orgs/acme/map/halopsa HTTP/1.1\r\nHost: {{host}}\r\n{cookie}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            ),
        )
    };
    assert!(write("", body).starts_with("HTTP/1.1 403"), "no session");
    // A session but no CSRF token, or a wrong one.
    let with = format!("Cookie: {cookie}\r\n");
    assert!(
        write(&with, "external_org_id=42").starts_with("HTTP/1.1 403"),
        "no token"
    );
    assert!(
        write(&with, body).starts_with("HTTP/1.1 403"),
        "a wrong token"
    );
    assert_eq!(s.json(&["list"]), json!([]), "nothing written");
    // The API's bearer tokens work too: a read token reads, never writes.
    let read = super::super::serve::client::token(&s, "wall", "read");
    let bearer = format!("Authorization: Bearer {read}\r\n");
    let page = raw(
        &ui.base,
        &format!("GET / HTTP/1.1\r\nHost: {{host}}\r\n{bearer}Connection: close\r\n\r\n"),
    );
    assert!(
        page.starts_with("HTTP/1.1 200") && page.contains("Acme Corp"),
        "{page}"
    );
    assert!(
        write(&bearer, "external_org_id=42").starts_with("HTTP/1.1 403"),
        "a read token writing"
    );
    assert_eq!(s.json(&["list"]), json!([]), "nothing written");
    // A write token writes, as `api:NAME` in the history.
    let ops = super::super::serve::client::token(&s, "ops", "write");
    let written = write(
        &format!("Authorization: Bearer {ops}\r\n"),
        "external_org_id=42",
    );
    assert!(written.starts_with("HTTP/1.1 303"), "{written}");
    assert_eq!(s.json(&["get", "acme", "halopsa"])["created_by"], "api:ops");
    // The pages allow only their own origin.
    let page = raw(
        &ui.base,
        &format!("GET / HTTP/1.1\r\nHost: {{host}}\r\n{with}Connection: close\r\n\r\n"),
    );
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.contains("content-security-policy: default-src 'self'; script-src 'self'"),
        "{page}"
    );
    let body = page.split("\r\n\r\n").nth(1).unwrap_or_default();
    assert!(
        body.matches("<script").count() == body.matches("<script src=\"/assets/").count()
            && !body.contains(" style=")
            && !body.contains("<style"),
        "no inline script or style: {body}"
    );
}
