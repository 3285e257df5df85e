//! Small parts of a declaration: its category, a header's value (a
//! template, or its base64), and a failure a 2xx answer may report.

use serde::{Deserialize, Serialize};

/// The kinds of system an MSP runs (contract §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Psa,
    Rmm,
    Documentation,
    Security,
    Network,
    Backup,
    Distribution,
    Identity,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Psa,
        Category::Rmm,
        Category::Documentation,
        Category::Security,
        Category::Network,
        Category::Backup,
        Category::Distribution,
        Category::Identity,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Psa => "psa",
            Category::Rmm => "rmm",
            Category::Documentation => "documentation",
            Category::Security => "security",
            Category::Network => "network",
            Category::Backup => "backup",
            Category::Distribution => "distribution",
            Category::Identity => "identity",
        }
    }
}

/// A header's value: a template, or the base64 of one (Liongard's
/// `X-ROAR-API-KEY = { base64 = "{credential:id}:{credential:secret}" }`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum HeaderValue {
    Text(String),
    Encoded { base64: String },
}

impl HeaderValue {
    pub(crate) fn template(&self) -> &str {
        match self {
            HeaderValue::Text(t) | HeaderValue::Encoded { base64: t } => t,
        }
    }
}

/// A 2xx answer that is a failure: when `pointer` holds `equals`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Failure {
    pub(crate) pointer: String,
    pub(crate) equals: toml::Value,
    /// Where the answer says why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) message: Option<String>,
    /// What to say when the answer does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) text: Option<String>,
    /// What it means: refused credentials (exit 5), the service failing
    /// (exit 6), or a request it cannot take (exit 7).
    #[serde(default)]
    pub(crate) means: Means,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Means {
    #[default]
    Auth,
    Unavailable,
    Invalid,
}
