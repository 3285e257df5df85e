//! Answers that are failures whatever their status: a declared rule (a
//! pointer and the value it holds) finds them, and says which error it is.

use serde_json::Value as Json;

use super::{EXCERPT, HttpClient, redact_url};
use crate::error::{Error, ErrorKind};

/// A 2xx answer that reports a failure (`"success": false`).
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub(crate) pointer: String,
    pub(crate) equals: Json,
    /// Where the answer says why.
    pub(crate) message: Option<String>,
    /// What to say when it does not.
    pub(crate) text: Option<String>,
    pub(crate) kind: ErrorKind,
}

impl HttpClient {
    /// The failure a 2xx answer reports, if it matches a declared rule.
    pub(super) fn reported_failure(&self, url: &url::Url, body: &Json) -> Option<Error> {
        let f = self
            .failures
            .iter()
            .find(|f| body.pointer(&f.pointer) == Some(&f.equals))?;
        let said = f
            .message
            .as_ref()
            .and_then(|p| body.pointer(p))
            .and_then(|v| match v {
                Json::String(s) => Some(s.clone()),
                Json::Null => None,
                other => Some(other.to_string()),
            })
            .or_else(|| f.text.clone())
            .unwrap_or_else(|| format!("{} is {}", f.pointer, f.equals));
        let why = crate::redact::excerpt(&said, EXCERPT);
        Some(match f.kind {
            ErrorKind::Auth => {
                self.auth_error(format!("it answered success but reports a failure: {why}"))
            }
            ErrorKind::Unavailable => self.unavailable(url, format!("it reports a failure: {why}")),
            kind => Error::new(
                kind,
                format!("{} refused {}: {why}", self.integration, redact_url(url)),
            )
            .with_hint("check the integration's settings"),
        })
    }
}
