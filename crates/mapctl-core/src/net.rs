//! URLs mapctl will send credentials to.

use crate::error::{Error, Result};

/// Only loopback addresses may be plain `http`.
pub(crate) fn check_url(what: &str, text: &str) -> Result<url::Url> {
    let url = url::Url::parse(text).map_err(|e| {
        Error::invalid(format!("{what} {text:?} is not a URL: {e}"))
            .with_hint("write it like https://acme.halopsa.com")
    })?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        _ => Err(
            Error::invalid(format!("{what} {text:?} must use https")).with_hint(
                "only loopback addresses (a local test server or proxy) may use plain http",
            ),
        ),
    }
}
