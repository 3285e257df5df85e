//! Where credentials may go: the origin (scheme, host, port) they were
//! configured for, and nowhere else. Every URL mapctl calls with
//! credentials passes here (API calls, next pages, redirects, the token
//! request's own redirects), and so does every URL a server hands back to
//! be used as one (a looked-up API root).

use crate::error::{Error, ErrorKind, Result};

/// Redirects followed in a row, at most.
const MAX_REDIRECTS: usize = 5;

/// A redirect to another origin, stopped before anything went there.
#[derive(Debug)]
pub(super) struct CrossOrigin {
    pub(crate) location: url::Url,
}

impl std::fmt::Display for CrossOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a redirect to another origin ({})",
            self.location.origin().ascii_serialization()
        )
    }
}

impl std::error::Error for CrossOrigin {}

/// Redirects on the request's own origin are followed (307/308 with the
/// same method and body, 301/302/303 as a GET, as browsers do); one to any
/// other origin, https → http included, is an error before it is sent.
pub(super) fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let first = attempt.previous().first().map(url::Url::origin);
        if first.is_some_and(|o| o != attempt.url().origin()) {
            let location = attempt.url().clone();
            return attempt.error(CrossOrigin { location });
        }
        if attempt.previous().len() > MAX_REDIRECTS {
            return attempt.error(format!("more than {MAX_REDIRECTS} redirects in a row"));
        }
        attempt.follow()
    })
}

/// The `Location` of a refused redirect, from a request's error.
pub(super) fn refused_redirect(e: &reqwest::Error) -> Option<url::Url> {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(c) = s.downcast_ref::<CrossOrigin>() {
            return Some(c.location.clone());
        }
        source = s.source();
    }
    None
}

fn origin_text(origin: &url::Origin) -> String {
    origin.ascii_serialization()
}

/// A redirect to another origin, not followed.
pub(crate) fn redirect_error(integration: &str, from: &url::Url, location: &url::Url) -> Error {
    let target = origin_text(&location.origin());
    Error::new(
        ErrorKind::Auth,
        format!(
            "{integration}: {} redirected to {} on another origin; mapctl follows redirects only on the same origin, so nothing went there",
            origin_text(&from.origin()),
            super::redact_url(location)
        ),
    )
    .with_hint(format!(
        "if {target} is where {integration} really is (another region or host), set the integration's URL to it, e.g. base_url = \"{target}\" under [integrations.{integration}]"
    ))
}

/// A request with credentials aimed at an origin they are not for.
pub(crate) fn foreign_error(integration: &str, target: &url::Url, home: &url::Origin) -> Error {
    Error::new(
        ErrorKind::Auth,
        format!(
            "{integration}: a request to another origin ({}) was refused; {integration}'s credentials go only to {}, and nothing was sent",
            origin_text(&target.origin()),
            origin_text(home)
        ),
    )
    .with_hint("check the integration's URLs, or the server's proxy settings: a server must not send mapctl elsewhere")
}

/// Whether `host` is one of the `patterns` (`*.example.com` for any
/// subdomain).
fn host_allowed(host: &str, patterns: &[String]) -> bool {
    patterns.iter().any(|p| match p.strip_prefix("*.") {
        Some(domain) => host
            .to_ascii_lowercase()
            .ends_with(&format!(".{}", domain.to_ascii_lowercase())),
        None => host.eq_ignore_ascii_case(p),
    })
}

/// The origins an integration's credentials may go to: those of the URLs
/// the user configured (or the declaration defaults), and those a lookup
/// answered and the lookup's rule allowed.
#[derive(Default, Clone)]
pub(crate) struct Trusted {
    origins: Vec<url::Origin>,
    /// Settings whose value a server answered (a lookup).
    looked_up: Vec<String>,
}

impl Trusted {
    /// Whether a value of `setting` came from a server.
    pub(crate) fn is_looked_up(&self, setting: &str) -> bool {
        self.looked_up.iter().any(|s| s == setting)
    }

    pub(crate) fn add(&mut self, url: &url::Url) {
        let origin = url.origin();
        if origin.is_tuple() && !self.origins.contains(&origin) {
            self.origins.push(origin);
        }
    }

    /// `url`, when its origin is trusted; else the refusal.
    pub(crate) fn check(&self, integration: &str, what: &str, url: &url::Url) -> Result<()> {
        if self.origins.contains(&url.origin()) {
            return Ok(());
        }
        Err(Error::new(
            ErrorKind::Auth,
            format!(
                "{integration}: {what} is on another origin ({}) than its settings name; no credential goes there",
                origin_text(&url.origin())
            ),
        )
        .with_hint(format!(
            "set the URL settings under [integrations.{integration}] yourself if that host is right"
        )))
    }

    /// A value a lookup answered: when it is a URL at all (whatever its
    /// spelling: `HTTP://`, leading blanks, `http:host`), it must be on the
    /// origin asked, or an https URL on a host the declaration allows.
    /// An accepted URL's origin becomes trusted.
    pub(crate) fn looked_up(
        &mut self,
        integration: &str,
        setting: &str,
        value: &str,
        asked: &url::Url,
        hosts: &[String],
        is_url: bool,
    ) -> Result<()> {
        let url = match url::Url::parse(value) {
            Ok(u) if is_url || u.has_host() => u,
            // Not a URL (a codebase, a prefix): the URLs it goes into are checked.
            Ok(_) => {
                self.looked_up.push(setting.to_owned());
                return Ok(());
            }
            Err(_) if !is_url => {
                self.looked_up.push(setting.to_owned());
                return Ok(());
            }
            Err(_) => {
                return Err(Error::unavailable(format!(
                    "{integration}: the looked-up {setting} is not a URL"
                ))
                .with_hint(format!("set integrations.{integration}.{setting} yourself")));
            }
        };
        let host = url.host_str().unwrap_or_default();
        let allowed = url.origin() == asked.origin()
            || (url.scheme() == "https" && !host.is_empty() && host_allowed(host, hosts));
        if !allowed {
            return Err(Error::new(
                ErrorKind::Auth,
                format!(
                    "{integration}: the lookup answered a {setting} on another origin ({}); no credential goes there",
                    if url.origin().is_tuple() {
                        origin_text(&url.origin())
                    } else {
                        format!("a {}: URL", url.scheme())
                    }
                ),
            )
            .with_hint(format!(
                "set integrations.{integration}.{setting} yourself if that host is right"
            )));
        }
        self.add(&url);
        self.looked_up.push(setting.to_owned());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looked_up_hosts_match_exactly_or_as_subdomains() {
        let hosts = vec!["*.autotask.net".to_owned()];
        assert!(host_allowed("webservices3.autotask.net", &hosts));
        assert!(host_allowed("WebServices3.AutoTask.net", &hosts));
        assert!(!host_allowed("autotask.net.evil.com", &hosts));
        assert!(!host_allowed("evilautotask.net", &hosts));
        assert!(host_allowed("a.b", &["a.b".to_owned()]));
    }

    #[test]
    fn a_looked_up_url_is_checked_however_it_is_spelled() {
        let asked = url::Url::parse("http://127.0.0.1:1000/zone").unwrap();
        let hosts = vec!["*.autotask.net".to_owned()];
        for value in [
            "http://127.0.0.1:2000/",
            "HTTP://127.0.0.1:2000/",
            " http://127.0.0.1:2000/",
            "\thttp://127.0.0.1:2000/",
            "http:127.0.0.1:2000/",
            "http://webservices3.autotask.net/",
            "javascript:alert(1)",
        ] {
            let mut t = Trusted::default();
            assert!(
                t.looked_up("autotask", "base_url", value, &asked, &hosts, true)
                    .is_err(),
                "{value:?} was accepted"
            );
        }
        let mut t = Trusted::default();
        t.looked_up(
            "autotask",
            "base_url",
            "https://webservices3.autotask.net/ATServicesRest/",
            &asked,
            &hosts,
            true,
        )
        .unwrap();
        t.looked_up(
            "autotask",
            "base_url",
            "http://127.0.0.1:1000/other",
            &asked,
            &hosts,
            true,
        )
        .unwrap();
        assert!(
            t.check(
                "x",
                "y",
                &url::Url::parse("https://webservices3.autotask.net/a").unwrap()
            )
            .is_ok()
        );
        // A value that is no URL is left to the final root's check.
        let mut t = Trusted::default();
        assert!(
            t.looked_up("cw", "codebase", "v2025_1/", &asked, &[], false)
                .is_ok()
        );
    }
}
