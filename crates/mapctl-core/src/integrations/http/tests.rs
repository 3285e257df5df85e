use super::*;

#[test]
fn only_loopback_may_be_plain_http() {
    assert!(check_url("base_url", "https://acme.halopsa.com").is_ok());
    assert!(check_url("base_url", "http://127.0.0.1:8080").is_ok());
    assert!(check_url("base_url", "http://localhost:1").is_ok());
    assert!(check_url("base_url", "http://[::1]:1").is_ok());
    assert!(check_url("base_url", "http://acme.halopsa.com").is_err());
    assert!(check_url("base_url", "ftp://127.0.0.1").is_err());
    assert!(check_url("base_url", "not a url").is_err());
}

#[test]
fn secrets_in_query_strings_are_redacted() {
    let url = url::Url::parse("https://x/token?client_secret=s3cr3t&scope=all&sig=abc").unwrap();
    let shown = redact_url(&url);
    assert!(
        !shown.contains("s3cr3t") && !shown.contains("abc"),
        "{shown}"
    );
    assert!(shown.contains("scope=all"));
}

#[test]
fn the_next_link_is_read_from_link_headers() {
    let mut h = reqwest::header::HeaderMap::new();
    h.insert(
        reqwest::header::LINK,
        "<https://x/c?page=1>; rel=\"prev\", <https://x/c?page=3&pageSize=2>; rel=\"next\""
            .parse()
            .unwrap(),
    );
    assert_eq!(
        next_link(&h).as_deref(),
        Some("https://x/c?page=3&pageSize=2")
    );
    h.insert(
        reqwest::header::LINK,
        "<https://x/c?page=1>; rel=\"first\"".parse().unwrap(),
    );
    assert_eq!(next_link(&h), None);
}

#[test]
fn retry_after_reads_seconds_and_dates() {
    let mut h = reqwest::header::HeaderMap::new();
    h.insert(reqwest::header::RETRY_AFTER, "3".parse().unwrap());
    assert_eq!(retry_after(&h), Some(Duration::from_secs(3)));
    let later = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(120));
    h.insert(reqwest::header::RETRY_AFTER, later.parse().unwrap());
    let d = retry_after(&h).unwrap();
    assert!(
        d > Duration::from_secs(100) && d <= Duration::from_secs(120),
        "{d:?}"
    );
}

#[test]
fn service_messages_come_from_the_usual_error_shapes() {
    assert_eq!(
        service_message(
            r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret.\r\nTrace ID: x"}"#
        ),
        "AADSTS7000215: Invalid client secret."
    );
    assert_eq!(
        service_message(r#"{"error":{"code":"TooManyRequests","message":"slow down"}}"#),
        "slow down"
    );
    assert_eq!(service_message("plain text"), "plain text");
}
