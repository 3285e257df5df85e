//! Reading an answer's body: at most [`MAX_BODY`] bytes (a hostile or
//! broken server cannot make mapctl hold gigabytes), a cut by the timeout
//! told apart from a body that is not JSON, a UTF-8 BOM before JSON allowed.

use serde_json::Value as Json;

/// The largest answer mapctl reads (README: "Limits").
pub(crate) const MAX_BODY: usize = 32 * 1024 * 1024;

pub(super) enum BodyError {
    TooLarge { at_least: u64 },
    TimedOut,
    Broken,
}

impl BodyError {
    pub(super) fn why(&self) -> String {
        match self {
            BodyError::TooLarge { at_least } => format!(
                "its answer is larger than the {} MiB mapctl reads (at least {} bytes)",
                MAX_BODY / (1024 * 1024),
                at_least
            ),
            BodyError::TimedOut => "the answer did not arrive whole in time (timed out)".into(),
            BodyError::Broken => "the connection broke while the answer was being read".into(),
        }
    }
}

/// The body as text, read in chunks up to the cap.
pub(super) async fn read(mut resp: reqwest::Response, max: usize) -> Result<String, BodyError> {
    if let Some(length) = resp.content_length()
        && length > max as u64
    {
        return Err(BodyError::TooLarge { at_least: length });
    }
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > max {
                    return Err(BodyError::TooLarge {
                        at_least: (bytes.len() + chunk.len()) as u64,
                    });
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) if e.is_timeout() => return Err(BodyError::TimedOut),
            Err(_) => return Err(BodyError::Broken),
        }
    }
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// JSON, after a UTF-8 byte order mark if there is one; an empty body
/// (Auvik's 200 to a check) is null.
pub(super) fn json(text: &str) -> Option<Json> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Some(Json::Null);
    }
    serde_json::from_str(text).ok()
}
