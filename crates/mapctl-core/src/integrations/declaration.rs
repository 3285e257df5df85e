//! The declaration of an integration: a TOML file read with serde into these
//! types (unknown keys are errors), then checked as a whole. Everything that
//! differs between integrations is here; the engine (`rest`, `http`) holds
//! no integration's name, URL or field.
//!
//! Strings may name settings (`{base_url}`), values found by a lookup
//! (`{codebase}`) and credentials (`{credential:api_key}`); a query
//! parameter or header naming an optional setting that is not set is left
//! out.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    pub display_name: String,
    /// What kind of system it is (`mapctl integrations --category`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) category: Option<Category>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) aliases: Vec<String>,
    /// The root of every API path. Default: `{base_url}`.
    #[serde(default = "default_api")]
    pub(crate) api: String,
    /// Pages in flight at once where the total is known (the `concurrency`
    /// setting overrides it, up to `max_concurrency`).
    #[serde(default = "default_concurrency")]
    pub(crate) concurrency: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) max_concurrency: Option<usize>,
    /// Statuses besides 401 and 403 with which the API refuses credentials.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) auth_statuses: Vec<u16>,
    /// The keys of `[integrations.NAME]` in the config file.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) settings: BTreeMap<String, Setting>,
    pub(crate) auth: Auth,
    /// Headers on every API call.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) headers: BTreeMap<String, HeaderValue>,
    /// Answers that report a failure with a 2xx status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) failures: Vec<Failure>,
    /// Calls made before the first API call, whose answers build URLs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) lookups: Vec<Lookup>,
    /// How organizations are listed; the first whose `when` holds is used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) list: Vec<List>,
    /// One organization by id (verification); without it, through the listing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) get: Option<Get>,
    /// The cheap call of `test-connection`.
    pub(crate) test: Request,
    /// What an external id looks like (`guid`, `integer`): checked where no
    /// API is asked (`map --no-verify`, an apply file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) id_format: Option<IdFormat>,
}

/// The shape of a system's external ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdFormat {
    /// `6b1d0c4e-0000-4000-8000-000000000001` (a tenant id).
    Guid,
    /// Digits only.
    Integer,
}

impl IdFormat {
    /// Why `id` is not of this format; None when it is.
    pub(crate) fn refuses(self, id: &str) -> Option<&'static str> {
        match self {
            IdFormat::Guid if id.len() == 36 && uuid::Uuid::parse_str(id).is_ok() => None,
            IdFormat::Guid => Some("a GUID such as 6b1d0c4e-0000-4000-8000-000000000001"),
            IdFormat::Integer if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => None,
            IdFormat::Integer => Some("a number such as 42"),
        }
    }
}

fn default_api() -> String {
    "{base_url}".into()
}

fn default_concurrency() -> usize {
    4
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Setting {
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) default: Option<String>,
    /// Checked as a URL (https, or http on loopback).
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) url: bool,
    /// The values it may take.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) choices: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum Auth {
    /// Nothing, or only the declaration's headers (API keys).
    None,
    /// HTTP Basic with templated user name and password.
    Basic { username: String, password: String },
    /// OAuth2 client credentials (credential fields `client_id`, `client_secret`).
    #[serde(rename = "oauth2_client_credentials")]
    ClientCredentials {
        token_url: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scope: Option<String>,
        /// Where the client id and secret go: the form body, or Basic.
        #[serde(default)]
        client_auth: ClientAuth,
        /// More form fields of the token request.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        params: BTreeMap<String, String>,
    },
    /// A templated request whose answer holds the token (N-central's user
    /// token for an access token, Automate's user name and password, Kaseya
    /// BMS' form).
    TokenExchange {
        url: String,
        #[serde(default = "post", skip_serializing_if = "is_post")]
        method: Method,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        headers: BTreeMap<String, String>,
        /// A form body.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        form: BTreeMap<String, String>,
        /// A JSON body of strings.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        json: BTreeMap<String, String>,
        /// Where the token is in the answer.
        token: String,
        /// Where its lifetime in seconds is (else an hour).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expires_in: Option<String>,
        /// The `Authorization` scheme it is sent with.
        #[serde(default = "bearer")]
        scheme: String,
    },
    /// OAuth2 password grant, the client sent as Basic.
    #[serde(rename = "oauth2_password")]
    Password {
        token_url: String,
        client_id: String,
        client_secret: String,
        username: String,
        password: String,
    },
}

fn post() -> Method {
    Method::Post
}

fn is_post(m: &Method) -> bool {
    *m == Method::Post
}

fn bearer() -> String {
    "Bearer".into()
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ClientAuth {
    #[default]
    Body,
    Basic,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Lookup {
    /// The setting it fills; when the user set that setting, no call is made.
    pub(crate) setting: String,
    /// Called without credentials, unless `authenticated`.
    pub(crate) url: String,
    /// Made after sign-in, with the API's credentials, on the API's origin
    /// (Sophos' `whoami`, Acronis' own tenant).
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) authenticated: bool,
    /// The answer must hold this, else it is refused with the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) check: Option<Check>,
    /// Where the answer is.
    pub(crate) pointer: String,
    /// The setting's value, from `{found}`. Default: `{found}`.
    #[serde(default = "default_found")]
    pub(crate) value: String,
    /// Hosts (a leading `*.` for any subdomain, https only) a found URL may
    /// point to besides the lookup's own origin.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) hosts: Vec<String>,
}

/// A condition a lookup's answer must meet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Check {
    pub(crate) pointer: String,
    pub(crate) equals: toml::Value,
    pub(crate) message: String,
}

fn default_found() -> String {
    "{found}".into()
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub(crate) enum Method {
    #[default]
    Get,
    Post,
}

fn is_get(m: &Method) -> bool {
    *m == Method::Get
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Request {
    /// Below `api`, with its fixed query.
    pub(crate) path: String,
    #[serde(default, skip_serializing_if = "is_get")]
    pub(crate) method: Method,
    /// A JSON body (POST).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) body: Option<toml::Table>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct List {
    /// Settings this listing is for (`{ source = "gdap" }`); empty: always.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) when: BTreeMap<String, String>,
    pub(crate) path: String,
    #[serde(default, skip_serializing_if = "is_get")]
    pub(crate) method: Method,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) body: Option<toml::Table>,
    /// Where the array of records is; "" = the body is the array.
    #[serde(default)]
    pub(crate) items: String,
    pub(crate) paging: Paging,
    /// The cheap call of `test-connection` when this listing is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) test: Option<Request>,
    pub(crate) record: Record,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Record {
    pub(crate) id: String,
    /// A pointer, a template of pointers (`"{/firstname} {/lastname}"`), or
    /// a list of them: the first that gives a name that is not empty.
    pub(crate) name: Names,
    /// Fields copied into `metadata`: key = pointer.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) metadata: BTreeMap<String, String>,
    /// Ids of other integrations the record names: integration = pointer,
    /// in `metadata.links`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) links: BTreeMap<String, String>,
    /// Where the record's websites, e-mail addresses or domains are
    /// (pointers): their hostnames go into `metadata.domains`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) domains: Vec<String>,
    /// A record any rule matches is inactive: left out of discovery unless
    /// `--include-inactive`, then marked `"inactive": true`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) inactive: Vec<Rule>,
    /// Only records that every rule matches are organizations (Acronis'
    /// `kind = "customer"`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) include: Vec<Rule>,
    /// Records any rule matches are no organization (the MSP's own tenant).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) exclude: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum Names {
    One(String),
    FirstOf(Vec<String>),
}

impl Names {
    pub(crate) fn all(&self) -> Vec<&str> {
        match self {
            Names::One(n) => vec![n.as_str()],
            Names::FirstOf(n) => n.iter().map(String::as_str).collect(),
        }
    }
}

/// A condition on a record: `pointer` holds `equals`, or (with `present`)
/// holds any value but null.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Rule {
    pub(crate) pointer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) equals: Option<toml::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) present: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Get {
    /// With `{id}`, sent as one percent-encoded path segment.
    pub(crate) path: String,
    /// Where the record is in the answer; "" = the answer is the record.
    #[serde(default)]
    pub(crate) item: String,
}

/// Settings every integration takes besides its own.
pub(crate) const COMMON_SETTINGS: &[&str] = &[
    "page_size",
    "concurrency",
    "timeout_seconds",
    "connect_timeout_seconds",
];

/// The placeholders (`{name}`) of a template.
pub(crate) fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push(&rest[start + 1..start + len]);
        rest = &rest[start + len + 1..];
    }
    out
}

impl Declaration {
    /// Credential fields the declaration uses, in first-use order.
    pub fn credential_fields(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if matches!(self.auth, Auth::ClientCredentials { .. }) {
            out.extend(["client_id".to_owned(), "client_secret".to_owned()]);
        }
        for t in self.templates() {
            for p in placeholders(t) {
                if let Some(field) = p.strip_prefix("credential:")
                    && !out.iter().any(|f| f == field)
                {
                    out.push(field.to_owned());
                }
            }
        }
        out
    }

    /// Every templated string, for checks.
    fn templates(&self) -> Vec<&str> {
        let mut out: Vec<&str> = vec![&self.api, &self.test.path];
        match &self.auth {
            Auth::None => {}
            Auth::Basic { username, password } => out.extend([username.as_str(), password]),
            Auth::ClientCredentials {
                token_url,
                scope,
                params,
                ..
            } => {
                out.push(token_url);
                out.extend(scope.as_deref());
                out.extend(params.values().map(String::as_str));
            }
            Auth::Password {
                token_url,
                username,
                password,
                ..
            } => out.extend([token_url.as_str(), username, password]),
            Auth::TokenExchange {
                url,
                headers,
                form,
                json,
                ..
            } => {
                out.push(url);
                out.extend(headers.values().map(String::as_str));
                out.extend(form.values().map(String::as_str));
                out.extend(json.values().map(String::as_str));
            }
        }
        out.extend(self.headers.values().map(HeaderValue::template));
        for l in &self.lookups {
            out.extend([l.url.as_str(), &l.value]);
        }
        for l in &self.list {
            out.push(&l.path);
            out.extend(l.test.as_ref().map(|t| t.path.as_str()));
        }
        if let Some(g) = &self.get {
            out.push(&g.path);
        }
        out
    }

    /// Whether organizations can be listed.
    pub fn has_discovery(&self) -> bool {
        !self.list.is_empty()
    }

    /// The listing for these settings: the first whose `when` holds.
    pub(crate) fn listing(&self, setting: &dyn Fn(&str) -> Option<String>) -> Option<&List> {
        self.list.iter().find(|l| {
            l.when
                .iter()
                .all(|(k, v)| setting(k).as_deref() == Some(v.as_str()))
        })
    }
}

mod check;
mod kinds;
mod paging;
pub(crate) use check::{Problem, parse};
pub use kinds::{Category, Failure, HeaderValue, Means};
pub(crate) use paging::{Again, Paging, Stop};

#[cfg(test)]
mod tests;
