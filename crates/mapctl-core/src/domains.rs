//! Internet domains as evidence (contract §7): a website, an e-mail address
//! or a bare host turned into one lower-case hostname, `www.` dropped; and
//! the public mail and hosting domains that never tie a record to an org.
//! A lower layer than everything else: it imports nothing of the crate.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde_json::Value as Json;

/// Domains many unrelated organizations share (mail providers, social
/// networks, link pages, site builders): never evidence. Data, one per
/// line: `shared.txt`.
const SHARED: &str = include_str!("domains/shared.txt");

/// The shared domains: those that cover their subdomains too, and those
/// that cover only themselves (`=onmicrosoft.com`).
fn shared() -> &'static (HashSet<&'static str>, HashSet<&'static str>) {
    static LISTS: OnceLock<(HashSet<&str>, HashSet<&str>)> = OnceLock::new();
    LISTS.get_or_init(|| {
        let (mut any, mut exact) = (HashSet::new(), HashSet::new());
        for line in SHARED.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.strip_prefix('=') {
                Some(d) => exact.insert(d),
                None => any.insert(line),
            };
        }
        (any, exact)
    })
}

/// Whether a hostname is a public suffix under which others register
/// their names (`co.uk`, `github.io`, `blogspot.com`: the public-suffix
/// list, ICANN and private sections): no organization's own domain.
pub(crate) fn is_public_suffix(domain: &str) -> bool {
    psl::suffix(domain.as_bytes()).is_some_and(|s| s.as_bytes() == domain.as_bytes())
}

/// Whether a domain is no evidence of one organization: a shared one (or
/// under one), or a public suffix.
pub(crate) fn is_public(domain: &str) -> bool {
    let (any, exact) = shared();
    if exact.contains(domain) || is_public_suffix(domain) {
        return true;
    }
    // The domain and each parent: m.facebook.com, then facebook.com.
    let mut rest = domain;
    loop {
        if any.contains(rest) {
            return true;
        }
        match rest.split_once('.') {
            Some((_, parent)) if parent.contains('.') => rest = parent,
            _ => return false,
        }
    }
}

/// One hostname from a website (`https://www.acme.com/about`), an e-mail
/// address (`it@acme.com`) or a bare host (`ACME.com.`): lower-case, IDNA,
/// `www.` dropped; None when it is none (one label, bad characters).
pub(crate) fn normalize(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let host = match text.rsplit_once('@') {
        Some((_, host)) if !text.contains("://") => host,
        _ => text,
    };
    let with_scheme = if host.contains("://") {
        host.to_owned()
    } else {
        format!("http://{host}")
    };
    let url = url::Url::parse(&with_scheme).ok()?;
    let host = match url.host()? {
        url::Host::Domain(d) => d.trim_end_matches('.').to_ascii_lowercase(),
        // An address is no domain.
        _ => return None,
    };
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    let labels: Vec<&str> = host.split('.').collect();
    let valid = labels.len() >= 2
        && host.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.bytes().any(|b| b.is_ascii_alphabetic()));
    valid.then_some(host)
}

/// The most domains a record (or an org's lent ones) keeps: more than any
/// real company holds; a field of 300,000 hosts is not evidence, and must
/// not cost minutes.
pub(crate) const MAX_DOMAINS: usize = 100;

/// The domains a record's field holds: a string (one, or several split by
/// `,` `;` or blanks) or an array of them; duplicates once, order kept, at
/// most [`MAX_DOMAINS`].
pub(crate) fn from_value(v: &Json, out: &mut Vec<String>) {
    let mut seen: std::collections::HashSet<String> = out.iter().cloned().collect();
    collect(v, out, &mut seen);
}

fn collect(v: &Json, out: &mut Vec<String>, seen: &mut std::collections::HashSet<String>) {
    if out.len() >= MAX_DOMAINS {
        return;
    }
    match v {
        Json::String(s) => {
            for part in s.split([',', ';', ' ', '\t', '\n']) {
                if out.len() >= MAX_DOMAINS {
                    return;
                }
                if let Some(d) = normalize(part)
                    && seen.insert(d.clone())
                {
                    out.push(d);
                }
            }
        }
        Json::Array(items) => items.iter().for_each(|i| collect(i, out, seen)),
        // `{"domain": "acme.com"}` or `{"name": "acme.com"}` (Graph's domains).
        Json::Object(o) => {
            if let Some(inner) = o
                .get("domain")
                .or_else(|| o.get("name"))
                .or_else(|| o.get("id"))
            {
                collect(inner, out, seen);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_field_of_300_000_hosts_keeps_the_first_hundred_once_each() {
        let hosts: Vec<String> = (0..300_000).map(|i| format!("h{i}.example.com")).collect();
        let mut out = Vec::new();
        from_value(&json!(hosts.join(";")), &mut out);
        assert_eq!(out.len(), MAX_DOMAINS);
        assert_eq!(out[0], "h0.example.com");
        from_value(&json!(["h0.example.com", "other.com"]), &mut out);
        assert_eq!(out.len(), MAX_DOMAINS, "full, and no duplicate");
    }

    #[test]
    fn websites_addresses_and_hosts_become_one_hostname() {
        for (text, want) in [
            ("acme.com", Some("acme.com")),
            ("www.Acme.com", Some("acme.com")),
            ("https://www.acme.co.uk/about?x=1", Some("acme.co.uk")),
            ("http://acme.com:8080", Some("acme.com")),
            ("it@Acme.COM", Some("acme.com")),
            ("ACME.com.", Some("acme.com")),
            ("contoso.onmicrosoft.com", Some("contoso.onmicrosoft.com")),
            ("münchen.de", Some("xn--mnchen-3ya.de")),
            ("localhost", None),
            ("10.0.0.1", None),
            ("not a domain", None),
            ("", None),
            ("-bad-.com", None),
        ] {
            assert_eq!(normalize(text).as_deref(), want, "{text:?}");
        }
    }

    #[test]
    fn fields_hold_one_or_several() {
        let mut out = Vec::new();
        from_value(&json!("acme.com; www.acme.co.uk"), &mut out);
        from_value(
            &json!(["acme.com", {"id": "acme.onmicrosoft.com"}]),
            &mut out,
        );
        assert_eq!(out, ["acme.com", "acme.co.uk", "acme.onmicrosoft.com"]);
    }

    #[test]
    fn public_domains_are_known() {
        assert!(is_public("gmail.com") && is_public("outlook.com"));
        assert!(!is_public("acme.com") && !is_public("acme.onmicrosoft.com"));
        assert!(is_public("onmicrosoft.com"));
    }

    #[test]
    fn social_profile_and_national_mail_hosts_are_no_evidence() {
        for d in [
            "facebook.com",
            "m.facebook.com",
            "de-de.facebook.com",
            "uk.linkedin.com",
            "instagram.com",
            "sites.google.com",
            "business.site",
            "linktr.ee",
            "yelp.com",
            "hotmail.de",
            "hotmail.fr",
            "yahoo.de",
            "outlook.de",
            "live.co.uk",
            "bigpond.com",
            "sbcglobal.net",
            "shaw.ca",
            "rogers.com",
            "cox.net",
        ] {
            assert!(is_public(d), "{d}");
        }
        // Public suffixes, ICANN and private: no one's own domain.
        for d in [
            "co.uk",
            "com.au",
            "github.io",
            "blogspot.com",
            "azurewebsites.net",
        ] {
            assert!(is_public(d), "{d}");
        }
        // A name registered under one is someone's.
        for d in [
            "acme.co.uk",
            "acme.github.io",
            "bobs-bakery.com",
            "facebookfans.org",
        ] {
            assert!(!is_public(d), "{d}");
        }
    }
}
