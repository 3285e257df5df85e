//! Internet domains as evidence (contract §7): a website, an e-mail address
//! or a bare host turned into one lower-case hostname, `www.` dropped; and
//! the public mail and hosting domains that never tie a record to an org.
//! A lower layer than everything else: it imports nothing of the crate.

use serde_json::Value as Json;

/// Mail and hosting domains many unrelated customers share: never
/// evidence. (`*.onmicrosoft.com` names one tenant: it is evidence.)
const PUBLIC: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "hotmail.co.uk",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.co.uk",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.com",
    "protonmail.com",
    "proton.me",
    "zoho.com",
    "yandex.com",
    "yandex.ru",
    "mail.ru",
    "qq.com",
    "163.com",
    "126.com",
    "naver.com",
    "t-online.de",
    "orange.fr",
    "free.fr",
    "wanadoo.fr",
    "libero.it",
    "btinternet.com",
    "comcast.net",
    "verizon.net",
    "att.net",
    "onmicrosoft.com",
    "wixsite.com",
    "squarespace.com",
    "wordpress.com",
    "blogspot.com",
    "godaddysites.com",
    "weebly.com",
    "github.io",
    "azurewebsites.net",
    "herokuapp.com",
    "netlify.app",
    "vercel.app",
    "myshopify.com",
    "sharepoint.com",
    "example.com",
];

/// Whether a domain is a public mail or hosting domain.
/// Whether a hostname is a public suffix under which others register
/// their names (`co.uk`, `com.au`): no organization's own domain.
pub(crate) fn is_public_suffix(domain: &str) -> bool {
    const SECOND_LEVEL: &[&str] = &[
        "ac", "co", "com", "edu", "go", "gob", "gov", "gv", "ltd", "mil", "ne", "net", "nic", "or",
        "org", "plc",
    ];
    match domain.split('.').collect::<Vec<_>>().as_slice() {
        [second, tld] => tld.len() == 2 && SECOND_LEVEL.contains(second),
        _ => false,
    }
}

pub(crate) fn is_public(domain: &str) -> bool {
    PUBLIC.contains(&domain)
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
    }
}
