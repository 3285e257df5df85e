//! An MCP client's session over streamable HTTP: initialize, tools/list,
//! tools/call, with the API's bearer tokens.

use serde_json::{Value, json};

use super::client::{Server, token};
use crate::common::Sandbox;

on_both_backends!(an_assistant_finds_the_same_customer_in_another_system);

/// One JSON-RPC exchange; the answer as JSON (a plain JSON response, or
/// the data line of an event stream).
fn rpc(server: &Server, token: &str, message: Value) -> (u16, Value) {
    let request = format!(
        "POST /mcp HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2025-06-18\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{message}",
        server.addr,
        message.to_string().len()
    );
    let (status, body) = server.raw(&request);
    // Chunked or plain, the JSON object is the first line that holds one.
    let json = body
        .lines()
        .map(|l| l.strip_prefix("data:").unwrap_or(l).trim())
        .find_map(|l| {
            serde_json::from_str::<Value>(l)
                .ok()
                .filter(Value::is_object)
        })
        .unwrap_or(Value::Null);
    (status, json)
}

fn an_assistant_finds_the_same_customer_in_another_system(s: &Sandbox) {
    s.ok(&[
        "orgs",
        "add",
        "--id",
        "acme",
        "--name",
        "Acme Corp",
        "--domain",
        "acme.com",
    ]);
    s.ok(&[
        "map",
        "acme",
        "halopsa",
        "--external-id",
        "42",
        "--no-verify",
    ]);
    s.ok(&[
        "map",
        "acme",
        "ninjaone",
        "--external-id",
        "n-7",
        "--no-verify",
    ]);
    let read = token(s, "assistant", "read");
    let server = Server::start(s);
    let (status, init) = rpc(
        &server,
        &read,
        json!({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"0"}}}),
    );
    assert_eq!(status, 200, "{init}");
    assert_eq!(init["result"]["serverInfo"]["name"], "mapctl", "{init}");
    let (status, _) = rpc(
        &server,
        &read,
        json!({"jsonrpc":"2.0","method":"notifications/initialized"}),
    );
    assert_eq!(status, 202);
    let (_, listed) = rpc(
        &server,
        &read,
        json!({"jsonrpc":"2.0","id":2,"method":"tools/list"}),
    );
    let mut names: Vec<&str> = listed["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["find_orgs", "get_mappings", "resolve_external"],
        "{listed}"
    );
    assert!(
        listed["result"]["tools"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["annotations"]["readOnlyHint"] == true),
        "{listed}"
    );
    let call = |id: u64, name: &str, arguments: Value| -> Value {
        let (status, answer) = rpc(
            &server,
            &read,
            json!({"jsonrpc":"2.0","id":id,"method":"tools/call","params":{"name":name,"arguments":arguments}}),
        );
        assert_eq!(status, 200, "{answer}");
        let text = answer["result"]["content"][0]["text"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        serde_json::from_str(&text).unwrap_or(json!({"error": text, "answer": answer}))
    };
    // From a HaloPSA ticket: which customer is client 42, and where else is it?
    let orgs = call(
        3,
        "resolve_external",
        json!({"integration":"halopsa","external_org_id":"42"}),
    );
    assert_eq!(orgs[0]["org_id"], "acme", "{orgs}");
    let mappings = call(4, "get_mappings", json!({"org":"acme"}));
    let systems: Vec<&str> = mappings
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["integration_name"].as_str().unwrap())
        .collect();
    assert_eq!(systems, ["halopsa", "ninjaone"], "{mappings}");
    assert_eq!(
        call(5, "find_orgs", json!({"query":"acme.com"}))[0]["org_id"],
        "acme"
    );
    assert_eq!(
        call(6, "find_orgs", json!({"query":"n-7"}))[0]["org_id"],
        "acme"
    );
    assert_eq!(
        call(
            7,
            "resolve_external",
            json!({"integration":"halopsa","external_org_id":"999"})
        ),
        json!([])
    );
    // Without a token: 401, as the API.
    let (status, _) = rpc(
        &server,
        "",
        json!({"jsonrpc":"2.0","id":8,"method":"tools/list"}),
    );
    assert_eq!(status, 401);
}
