//! Why a request got no answer, named as a person needs it (a DNS name
//! that does not resolve is not a refused connection), and a wait in words.

use std::time::Duration;

/// Why a request got no answer, as a person would want it named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ConnectFailure {
    /// The host name does not resolve (the resolver says it does not
    /// exist: a typo or no such host).
    Dns,
    /// The resolver could not answer now (no network, a slow server).
    DnsUnavailable,
    /// Nothing listens there (the host answered no).
    Refused,
    /// No answer in time.
    Timeout,
    Other,
}

impl ConnectFailure {
    pub(super) fn words(self, url: &url::Url) -> String {
        let host = url.host_str().unwrap_or("the host");
        match self {
            ConnectFailure::Dns => format!("the name {host} does not resolve (DNS)"),
            ConnectFailure::DnsUnavailable => {
                format!("the name {host} could not be looked up now (DNS)")
            }
            ConnectFailure::Refused => format!(
                "{host}:{} refused the connection (nothing listens there)",
                url.port_or_known_default().unwrap_or(443)
            ),
            ConnectFailure::Timeout => "no answer in time".to_owned(),
            ConnectFailure::Other => "the connection failed".to_owned(),
        }
    }
}

/// What failed, from the error's causes: a DNS lookup, a refused
/// connection, a timeout.
pub(super) fn connect_failure(e: &reqwest::Error) -> ConnectFailure {
    if e.is_timeout() {
        return ConnectFailure::Timeout;
    }
    causes(std::error::Error::source(e))
}

/// The first cause in a chain that names the failure.
fn causes(mut source: Option<&(dyn std::error::Error + 'static)>) -> ConnectFailure {
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::ConnectionRefused
        {
            return ConnectFailure::Refused;
        }
        // hyper-util's resolver error reads "dns error: …".
        let text = s.to_string();
        if text.starts_with("dns error") || text.contains("failed to lookup address") {
            // "Name or service not known", "nodename nor servname", "No
            // address associated": no such name. Anything else ("Temporary
            // failure in name resolution") may pass: retried.
            let lower = text.to_lowercase();
            let no_such_name = [
                "not known",
                "nodename nor servname",
                "no address associated",
            ]
            .iter()
            .any(|m| lower.contains(m));
            return if no_such_name {
                ConnectFailure::Dns
            } else {
                ConnectFailure::DnsUnavailable
            };
        }
        source = s.source();
    }
    ConnectFailure::Other
}

/// `2 s`, `500 ms`.
pub(super) fn human_wait(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        format!("{} s", (d.as_millis() as f64 / 1000.0).round())
    } else {
        format!("{} ms", d.as_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_refused_connection_is_named_from_the_real_error() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let e = reqwest::get(format!("http://127.0.0.1:{port}/"))
            .await
            .unwrap_err();
        assert_eq!(connect_failure(&e), ConnectFailure::Refused);
        let url = url::Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap();
        assert_eq!(
            ConnectFailure::Refused.words(&url),
            format!("127.0.0.1:{port} refused the connection (nothing listens there)")
        );
    }

    /// The resolver's error as hyper-util words it (no test may ask DNS).
    #[derive(Debug)]
    struct Resolver;
    impl std::fmt::Display for Resolver {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(
                "dns error: failed to lookup address information: Name or service not known",
            )
        }
    }
    impl std::error::Error for Resolver {}

    /// A resolver that cannot answer now.
    #[derive(Debug)]
    struct Busy;
    impl std::fmt::Display for Busy {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("dns error: failed to lookup address information: Temporary failure in name resolution")
        }
    }
    impl std::error::Error for Busy {}

    #[test]
    fn a_name_that_does_not_resolve_is_named_dns_and_waits_read_well() {
        assert_eq!(causes(Some(&Resolver)), ConnectFailure::Dns);
        assert_eq!(causes(Some(&Busy)), ConnectFailure::DnsUnavailable);
        let url = url::Url::parse("https://halo.example.invalid/api").unwrap();
        assert_eq!(
            ConnectFailure::Dns.words(&url),
            "the name halo.example.invalid does not resolve (DNS)"
        );
        assert_eq!(human_wait(Duration::from_millis(1900)), "2 s");
        assert_eq!(human_wait(Duration::from_millis(250)), "250 ms");
    }
}
