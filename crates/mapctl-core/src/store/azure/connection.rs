//! Where the Tables store is and how to sign in: connection strings
//! (`UseDevelopmentStorage=true`, account keys, SAS), endpoints, and the
//! emulator's well-known account.

use base64::Engine as _;

use crate::error::{Error, Result};

/// The well-known key of the storage emulator (public, not a secret).
const EMULATOR_KEY: &str =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
pub(super) const EMULATOR_ACCOUNT: &str = "devstoreaccount1";

/// How the backend authenticates.
#[derive(Clone, PartialEq)]
pub(crate) enum Auth {
    SharedKey {
        key: String,
    },
    Sas {
        token: String,
    },
    /// Microsoft Entra ID through our credential chain.
    EntraId,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Auth::SharedKey { .. } => "SharedKey(***)",
            Auth::Sas { .. } => "Sas(***)",
            Auth::EntraId => "EntraId",
        })
    }
}

/// A parsed connection string or endpoint.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Target {
    pub(crate) account: String,
    /// The table service base URL (`https://acct.table.core.windows.net`,
    /// `http://127.0.0.1:10002/devstoreaccount1`).
    pub(crate) endpoint: String,
    pub(crate) auth: Auth,
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn check_endpoint(text: &str, what: &str) -> Result<url::Url> {
    let url = url::Url::parse(text).map_err(|e| {
        Error::invalid(format!("{what} {text:?} is not a URL: {e}"))
            .with_hint("write it like https://myaccount.table.core.windows.net")
    })?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        _ => Err(Error::invalid(format!("{what} {text:?} must use https"))
            .with_hint("only loopback addresses (the emulator) may use plain http")),
    }
}

/// Parses a storage connection string (`AccountName=…;AccountKey=…`,
/// `…;SharedAccessSignature=…;TableEndpoint=…`, `UseDevelopmentStorage=true`).
/// Errors name the missing or bad key and never repeat a value.
pub(crate) fn parse_connection_string(text: &str) -> Result<Target> {
    let mut fields = std::collections::HashMap::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((k, v)) = part.split_once('=') else {
            return Err(Error::invalid("the storage connection string has a part without '='")
                .with_hint("it is a list of Key=Value pairs separated by ';', as the Azure portal shows it"));
        };
        fields.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
    }
    let get = |k: &str| fields.get(k).filter(|v| !v.is_empty()).cloned();
    if get("usedevelopmentstorage").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        let base = get("developmentstorageproxyuri").unwrap_or_else(|| "http://127.0.0.1".into());
        let base = base.trim_end_matches('/');
        return Ok(Target {
            account: EMULATOR_ACCOUNT.into(),
            endpoint: format!("{base}:10002/{EMULATOR_ACCOUNT}"),
            auth: Auth::SharedKey {
                key: EMULATOR_KEY.into(),
            },
        });
    }
    let account = get("accountname");
    let endpoint = match (get("tableendpoint"), &account) {
        (Some(e), _) => check_endpoint(&e, "TableEndpoint")?
            .as_str()
            .trim_end_matches('/')
            .to_owned(),
        (None, Some(a)) => {
            let protocol = get("defaultendpointsprotocol").unwrap_or_else(|| "https".into());
            let suffix = get("endpointsuffix").unwrap_or_else(|| "core.windows.net".into());
            check_endpoint(
                &format!("{protocol}://{a}.table.{suffix}"),
                "the table endpoint",
            )?
            .as_str()
            .trim_end_matches('/')
            .to_owned()
        }
        (None, None) => {
            return Err(Error::invalid(
                "the storage connection string has neither AccountName nor TableEndpoint",
            )
            .with_hint(
                "copy the whole connection string from the storage account's Access keys page",
            ));
        }
    };
    let auth = match (get("accountkey"), get("sharedaccesssignature")) {
        (Some(key), _) => {
            if account.is_none() {
                return Err(Error::invalid(
                    "the storage connection string has an AccountKey but no AccountName",
                )
                .with_hint("add AccountName=<storage account name>"));
            }
            // The 0.21 client only finds out when signing, and then blames sign-in.
            if base64::engine::general_purpose::STANDARD
                .decode(key.as_bytes())
                .is_err()
            {
                return Err(Error::invalid(
                    "the AccountKey of the storage connection string is not valid base64",
                )
                .with_hint(
                    "copy the key again from the storage account's Access keys page (it ends with '==')",
                ));
            }
            crate::redact::register(&key);
            Auth::SharedKey { key }
        }
        (None, Some(sas)) => {
            let token = sas.trim_start_matches('?').to_owned();
            crate::redact::register(&token);
            Auth::Sas { token }
        }
        (None, None) => {
            return Err(Error::invalid(
                "the storage connection string has neither AccountKey nor SharedAccessSignature",
            )
            .with_hint(
                "add the key or SAS, or use store.endpoint for Microsoft Entra ID sign-in instead",
            ));
        }
    };
    let account = match account {
        Some(a) => a,
        None => account_from_endpoint(&endpoint),
    };
    Ok(Target {
        account,
        endpoint,
        auth,
    })
}

/// `https://acct.table.core.windows.net` → `acct`; `http://127.0.0.1:10002/acct` → `acct`.
fn account_from_endpoint(endpoint: &str) -> String {
    let url = url::Url::parse(endpoint).ok();
    let from_path = url
        .as_ref()
        .and_then(|u| u.path_segments())
        .and_then(|mut s| s.next().filter(|p| !p.is_empty()).map(str::to_owned));
    let from_host = url.as_ref().and_then(|u| {
        u.host_str()
            .map(|h| h.split('.').next().unwrap_or(h).to_owned())
    });
    if url.as_ref().is_some_and(is_loopback) {
        from_path.or(from_host).unwrap_or_default()
    } else {
        from_host.unwrap_or_default()
    }
}

/// An endpoint without a key: Microsoft Entra ID.
pub(crate) fn endpoint_target(endpoint: &str) -> Result<Target> {
    let url = check_endpoint(endpoint, "store.endpoint")?;
    let endpoint = url.as_str().trim_end_matches('/').to_owned();
    Ok(Target {
        account: account_from_endpoint(&endpoint),
        endpoint,
        auth: Auth::EntraId,
    })
}

/// The permissions (`sp=`) of a SAS that cannot write: no add, update or
/// delete among them; None when it can (or says nothing).
pub(super) fn sas_read_only(token: &str) -> Option<String> {
    let sp = url::form_urlencoded::parse(token.as_bytes())
        .find(|(k, _)| k == "sp")
        .map(|(_, v)| v.into_owned())?;
    (!sp.contains(['a', 'u', 'd'])).then_some(sp)
}

#[cfg(test)]
mod sas_tests {
    use super::sas_read_only;

    #[test]
    fn a_sas_without_add_update_or_delete_is_read_only() {
        assert_eq!(
            sas_read_only("sv=2019-02-02&ss=t&srt=sco&sp=rl&se=2030-01-01&sig=x").as_deref(),
            Some("rl")
        );
        assert_eq!(sas_read_only("sv=2019-02-02&sp=raud&sig=x"), None);
        assert_eq!(sas_read_only("sv=2019-02-02&sig=x"), None, "says nothing");
    }
}
