use super::*;
use base64::Engine;

// The registry is one per process: each test registers secrets of its own.

#[test]
fn registered_values_and_their_form_encoding_are_masked() {
    register("pa ss+word/42");
    let text = "form: client_secret=pa+ss%2Bword%2F42&x=1; raw pa ss+word/42";
    let out = scrub(text);
    assert!(!out.contains("word"), "{out}");
    assert_eq!(out.matches(MASK).count(), 2, "{out}");
    assert!(out.ends_with("&x=1; raw ***"), "{out}");
}

#[test]
fn json_escapes_of_every_kind_are_masked() {
    register("s3cr/et\"key\u{e9}");
    for echo in [
        r#"{"echo":"s3cr\/et\"key\u00e9"}"#,
        r#"{"echo":"\u0073\u0033cr/et\u0022key\u00E9"}"#,
        r#"{"echo":"s3cr%2Fet%22key%C3%A9"}"#,
        r#"{"echo":"s3cr\u0025\u0032Fet%22key%c3%a9"}"#,
        "<p>s3cr&#47;et&quot;key&#xe9;</p>",
    ] {
        let out = scrub(echo);
        assert!(out.contains(MASK), "{echo} -> {out}");
        assert!(
            !out.contains("s3cr") && !out.contains("key"),
            "{echo} -> {out}"
        );
        // What surrounds it stays.
        assert!(
            out.starts_with("{\"echo\":\"***") || out.starts_with("<p>***"),
            "{out}"
        );
    }
}

#[test]
fn surrogate_pairs_decode() {
    register("emoji-\u{1F600}-secret");
    let out = scrub(r#"{"m":"emoji-\ud83d\ude00-secret"}"#);
    assert_eq!(out, r#"{"m":"***"}"#);
}

#[test]
fn base64_of_a_basic_pair_is_masked_padded_or_not() {
    let encoded = basic_pair("client-id-1", "basic-secret-99");
    assert!(scrub(&format!("Authorization: Basic {encoded}")).ends_with("Basic ***"));
    let unpadded = encoded.trim_end_matches('=');
    assert!(!scrub(&format!("x {unpadded} y")).contains(unpadded));
    // The secret alone, base64-encoded, too.
    let alone = base64::engine::general_purpose::STANDARD.encode("basic-secret-99");
    assert!(!scrub(&alone).contains(alone.trim_end_matches('=')));
}

#[test]
fn base64_of_a_text_holding_a_secret_is_masked_at_any_alignment() {
    register("aligned-secret-value");
    for before in ["", "B", "Be", "Bearer ", "token=xy"] {
        for engine in [
            base64::engine::general_purpose::STANDARD,
            base64::engine::general_purpose::URL_SAFE,
        ] {
            let encoded = engine.encode(format!("{before}aligned-secret-value and more"));
            let out = scrub(&encoded);
            assert!(out.contains(MASK), "{before:?}: {encoded} -> {out}");
            // What is left cannot decode to the secret.
            let rest = out.replace(MASK, "");
            assert!(rest.len() < encoded.len() - 20, "{before:?}: {out}");
        }
    }
}

#[test]
fn short_secrets_are_masked_where_they_stand_alone() {
    register("q7Z");
    assert_eq!(scrub("pin q7Z given"), "pin *** given");
    assert_eq!(scrub(r#"{"pin":"q7Z"}"#), r#"{"pin":"***"}"#);
    assert_eq!(scrub("xq7Zx stays"), "xq7Zx stays");
}

#[test]
fn empty_values_are_never_secrets() {
    register("");
    register("   ");
    assert_eq!(scrub("a b"), "a b");
}

#[test]
fn sas_signatures_are_masked() {
    let out = scrub("GET https://acct.table.core.windows.net/T?sv=2022&sig=abc%2Fdef&se=1 failed");
    assert!(out.contains("sig=***&se=1"), "{out}");
}

#[test]
fn masks_keep_text_valid_around_them() {
    register("multi-byte-ünïcode-secret");
    let out = scrub("é multi-byte-ünïcode-secret é");
    assert_eq!(out, "é *** é");
}

#[test]
fn excerpts_are_short_single_lines() {
    register("tok-123456789");
    let body = format!("\n  first Bearer tok-123456789 {}\nsecond", "x".repeat(500));
    let e = excerpt(&body, 40);
    assert!(e.starts_with("first Bearer ***"), "{e}");
    assert_eq!(e.chars().count(), 41);
    assert!(!e.contains("second"));
}

#[test]
fn a_secret_that_looks_escaped_is_masked_in_its_escaped_forms_too() {
    register(r#"looks%2Fescaped&amp;"q"#);
    for echo in [
        r#"{"k":"looks%2Fescaped&amp;\"q"}"#,
        r#"{"k":"looks%252Fescaped%26amp%3B%22q"}"#,
        r#"raw looks%2Fescaped&amp;"q end"#,
    ] {
        let out = scrub(echo);
        assert!(
            !out.contains("looks") && !out.contains("escaped"),
            "{echo} -> {out}"
        );
    }
}

/// A key echoed percent-encoded with a JSON-escaped `%`, inside a value
/// that mapctl then serializes as JSON (a third layer: the backslash
/// escaped again): masked in the output as in the value.
#[test]
fn a_percent_encoded_key_with_an_escaped_percent_is_masked_after_serializing() {
    register("Hk/KEY-0123456789abcdef");
    let value = r"name Hk\u00252FKEY-0123456789abcdef end";
    assert!(scrub(value).contains(MASK), "{}", scrub(value));
    let serialized = serde_json::to_string(&serde_json::json!({ "name": value })).unwrap();
    let out = scrub(&serialized);
    assert!(!out.contains("KEY-0123"), "{serialized} -> {out}");
    assert!(out.contains(MASK), "{out}");
}

#[test]
fn bearer_token_shapes_are_masked_wherever_they_stand() {
    let token = format!("{}{}", super::BEARER_PREFIX, "ab12".repeat(16));
    assert_eq!(
        super::without_bearer_tokens(&format!("GET /api/v1/orgs/{token}?{token}=")),
        "GET /api/v1/orgs/mapctl_***?mapctl_***="
    );
    // The prefix alone, or with a few digits, is a name like any other.
    assert_eq!(
        super::without_bearer_tokens("mapctl_ab12 mapctl_"),
        "mapctl_ab12 mapctl_"
    );
    assert!(matches!(
        super::without_bearer_tokens("plain"),
        std::borrow::Cow::Borrowed(_)
    ));
}
