//! What an HTTP client can send (contract §9, bad input): each a clear
//! error object with the right status, nothing written, the server still
//! serving.

use serde_json::json;

use super::client::{Server, token};
use crate::common::Sandbox;

#[test]
fn bad_bodies_queries_and_paths_are_refused_and_nothing_is_written() {
    let s = Sandbox::new();
    s.ok(&["orgs", "add", "--id", "acme", "--name", "Acme Corp"]);
    let write = token(&s, "ci", "write");
    let server = Server::start(&s);
    let t = Some(write.as_str());
    let path = "/api/v1/orgs/acme/integrations/halopsa/mapping";
    let cases: &[(&str, u16, &str)] = &[
        (r#"{"external_org_id":"42""#, 400, "usage"),
        (r#"{"external_org_id":42}"#, 422, "invalid_input"),
        (
            r#"{"external_org_id":"42","owner":"me"}"#,
            422,
            "invalid_input",
        ),
        (
            r#"{"external_org_id":"42","mode":"merge"}"#,
            422,
            "invalid_input",
        ),
        (
            r#"{"external_org_id":"42","mapping_data":[1,2]}"#,
            422,
            "invalid_input",
        ),
        (r#"{"external_org_id":""}"#, 422, "invalid_input"),
        (r#"{"external_org_id":"4\u00002"}"#, 422, "invalid_input"),
    ];
    for (body, status, kind) in cases {
        let a = server.call("PUT", path, t, Some(body));
        assert_eq!(a.status, *status, "{body}: {}", a.text);
        assert_eq!(a.body["error"]["kind"], *kind, "{body}: {}", a.text);
        assert!(a.body["error"]["message"].is_string(), "{body}: {}", a.text);
    }
    // No JSON content type.
    let (status, body) = server.raw(&format!(
        "PUT {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {write}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}",
        server.addr
    ));
    assert_eq!(status, 415, "{body}");
    // An unknown query parameter is refused, not ignored: by an endpoint
    // that takes some, and by one that takes none (a write included).
    for (method, path, body) in [
        ("GET", "/api/v1/mappings?orgg=acme", None),
        ("GET", "/api/v1/orgs/acme?verbose", None),
        ("GET", "/api/v1/integrations?all=1", None),
        (
            "PUT",
            &format!("{path}?dry_run=1"),
            Some(r#"{"external_org_id":"42"}"#),
        ),
    ] {
        let a = server.call(method, path, t, body);
        assert_eq!(
            (a.status, a.body["error"]["kind"].clone()),
            (400, json!("usage")),
            "{method} {path}: {}",
            a.text
        );
    }
    // Over 16 MiB: refused on its Content-Length, before the body is read
    // (a client still sending then finds the connection closed, so the
    // request is written by hand and only its start sent).
    let (status, body) = server.raw(&format!(
        "POST /api/v1/apply HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {write}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n[\"x\",",
        server.addr,
        20 * 1024 * 1024
    ));
    assert_eq!(status, 413, "{body}");
    // Odd path segments: an encoded slash, dot segments, a control
    // character, an unknown endpoint: answered, never a crash.
    for odd in [
        "/api/v1/orgs/acme%2F..%2Fother",
        "/api/v1/orgs/%2E%2E",
        "/api/v1/orgs/ac%00me",
        "/api/v1/orgs/%FF%FE",
        "/api/v1/nothing",
    ] {
        let a = server.call("GET", odd, t, None);
        assert!(
            matches!(a.status, 400 | 404),
            "{odd}: {} {}",
            a.status,
            a.text
        );
        assert!(a.body["error"]["kind"].is_string(), "{odd}: {}", a.text);
    }
    let (status, body) = server.raw(&format!(
        "GET /api/v1/orgs/../../etc/passwd HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {write}\r\nConnection: close\r\n\r\n",
        server.addr
    ));
    assert!(matches!(status, 400 | 404), "{status} {body}");
    // Another site's name as Host (DNS rebinding): 421 before any token is read.
    let (status, body) = server
        .raw("GET /api/v1/orgs HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 421, "{body}");
    // Nothing was written; the server still serves.
    assert_eq!(s.json(&["list", "--all"]), json!([]));
    assert_eq!(server.call("GET", "/healthz", None, None).status, 200);
}

#[test]
fn a_public_address_needs_tls_or_a_proxy_in_front() {
    let s = Sandbox::new();
    let out = s.run(&["serve", "--listen", "0.0.0.0:0"]);
    assert_eq!(crate::common::code(&out), 2);
    let err = crate::common::stderr(&out);
    assert!(
        err.contains("--tls-cert") && err.contains("--behind-proxy"),
        "{err}"
    );
    // The UI serves this machine only, whatever the flags.
    let out = s.run(&["ui", "--listen", "0.0.0.0:0", "--no-open"]);
    assert_eq!(
        crate::common::code(&out),
        2,
        "{}",
        crate::common::stderr(&out)
    );
    // A token that is not there: not found, naming how to see them.
    let out = s.run(&["tokens", "revoke", "nosuch"]);
    assert_eq!(crate::common::code(&out), 3);
    assert!(crate::common::stderr(&out).contains("mapctl tokens list"));
    let out = s.run(&["tokens", "create", "--name", "no spaces", "--scope", "read"]);
    assert_eq!(
        crate::common::code(&out),
        2,
        "{}",
        crate::common::stderr(&out)
    );
}

#[test]
fn the_openapi_document_is_served_committed_and_valid() {
    let s = Sandbox::new();
    let server = Server::start(&s);
    let served = server.call("GET", "/openapi.json", None, None);
    assert_eq!(served.status, 200);
    assert_eq!(served.body["openapi"], "3.1.0");
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/openapi.json");
    if std::env::var_os("MAPCTL_BLESS").is_some() {
        std::fs::write(&committed, &served.text).unwrap();
    }
    let text = std::fs::read_to_string(&committed).unwrap();
    assert_eq!(
        text, served.text,
        "docs/openapi.json is stale: MAPCTL_BLESS=1 rewrites it"
    );
    // Every endpoint of contract §9 is in it.
    for path in [
        "/healthz",
        "/api/v1/integrations",
        "/api/v1/integrations/{integration}/orgs",
        "/api/v1/integrations/{integration}/test",
        "/api/v1/integrations/{integration}/suggestions",
        "/api/v1/orgs",
        "/api/v1/orgs/{org}",
        "/api/v1/mappings",
        "/api/v1/orgs/{org}/integrations/{integration}/mapping",
        "/api/v1/orgs/{org}/integrations/{integration}/mappings/{mapping_id}",
        "/api/v1/apply",
        "/api/v1/status",
        "/api/v1/matrix",
        "/api/v1/history",
    ] {
        assert!(
            served.body["paths"][path].is_object(),
            "{path} is not documented"
        );
    }
    // An independent validator (the npm package, installed with Azurite).
    let validator = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("node_modules/@seriousme/openapi-schema-validator/bin/validate-api-cli.js");
    let out = std::process::Command::new("node")
        .arg(&validator)
        .arg(&committed)
        .output()
        .expect("node runs the OpenAPI validator (npm ci installs it)");
    let said =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && said.contains("\"valid\": true"),
        "{said}"
    );
}

/// The access log as JSON (`--log-format json`): one object a line, with
/// the method, the path with its query keys (never their values), the
/// status, the milliseconds and the token's name. A line forged by a
/// newline in a path (decoded on its way into a store filter, traced at
/// `-vv`) stays one escaped line, and a token a client puts in a path or a
/// query key is masked.
#[test]
fn the_access_log_is_one_json_object_a_request_without_values_or_tokens() {
    // On Azure, whose requests `-vv` traces.
    let Some(s) = Sandbox::azure() else {
        panic!("Azurite is needed here (npm ci installs it)");
    };
    s.ok(&["orgs", "add", "--id", "hidden-value", "--name", "Acme Corp"]);
    let read = token(&s, "dashboard", "read");
    let server = Server::start_with(&s, &["-vv", "--log-format", "json"], reqwest::Client::new());
    let t = Some(read.as_str());
    let mappings = server.call("GET", "/api/v1/mappings?org=hidden-value", t, None);
    assert_eq!(mappings.status, 200, "{}", mappings.text);
    let forged = "/api/v1/orgs/x%0A%7B%22forged%22:1%7D/integrations/halopsa/mapping";
    assert_eq!(server.call("GET", forged, t, None).status, 404);
    let in_path = format!("/api/v1/orgs/{read}?{read}");
    assert_eq!(server.call("GET", &in_path, t, None).status, 400);
    assert_eq!(server.call("GET", "/api/v1/orgs", None, None).status, 401);
    let (code, log) = server.stop();
    assert_eq!(code, 0, "{log}");
    assert!(!log.lines().any(|l| l.starts_with("{\"forged\"")), "{log}");
    let lines: Vec<serde_json::Value> = log
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 4, "{log}");
    let [listed, missing, token_in_path, refused] = &lines[..] else {
        unreachable!()
    };
    assert_eq!(listed["span"]["method"], "GET");
    assert_eq!(listed["span"]["path"], "/api/v1/mappings?org=");
    assert_eq!(listed["status"], 200);
    assert_eq!(listed["token"], "dashboard");
    assert!(listed["ms"].is_u64(), "{listed}");
    assert!(listed["timestamp"].is_string(), "{listed}");
    assert_eq!(missing["status"], 404, "{missing}");
    assert_eq!(token_in_path["span"]["path"], "/api/v1/orgs/mapctl_***?…=");
    assert_eq!(refused["status"], 401);
    assert_eq!(refused["token"], "-");
    // The forged object is in the store's trace, escaped on its one line.
    assert!(log.contains("x\\n{\"forged\":1}"), "{log}");
    // A query's value is in no access-log line (the store's trace names the
    // keys it reads); the token is nowhere.
    let access: Vec<&str> = log.lines().filter(|l| l.starts_with('{')).collect();
    assert!(!access.iter().any(|l| l.contains("hidden-value")), "{log}");
    for secret in [read.as_str(), &read[7..]] {
        assert!(!log.contains(secret), "{secret} in {log}");
    }
}
