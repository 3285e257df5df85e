//! Secret values known to this process, and their removal from any text that
//! leaves it. Credentials are registered when they are looked up and tokens
//! when they are obtained; the printer and the store scrub every text they
//! write, whatever produced it (a server that echoes a request, an SDK error,
//! a trace line). A lower layer than everything else: it imports nothing.

use std::borrow::Cow;
use std::sync::RwLock;

/// What a secret is replaced with.
pub const MASK: &str = "***";

/// Values this short are too likely to occur by chance (an id "1", a word)
/// to be replaced everywhere; no real credential is this short.
const SHORTEST: usize = 6;

static KNOWN: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// Remembers a secret value, and the form a server may echo it in (as sent
/// in a form body or a query string).
pub fn register(value: &str) {
    let value = value.trim();
    if value.chars().count() < SHORTEST {
        return;
    }
    let encoded: String = url::form_urlencoded::byte_serialize(value.as_bytes()).collect();
    let mut known = KNOWN.write().unwrap_or_else(|p| p.into_inner());
    for form in [value.to_owned(), encoded] {
        if !known.contains(&form) {
            known.push(form);
        }
    }
    // Longest first, so that a secret containing another is masked whole.
    known.sort_by_key(|k| std::cmp::Reverse(k.len()));
}

/// The text with every known secret replaced by `***`.
pub fn scrub(text: &str) -> Cow<'_, str> {
    let known = KNOWN.read().unwrap_or_else(|p| p.into_inner());
    let mut out = Cow::Borrowed(text);
    for secret in known.iter() {
        if out.contains(secret.as_str()) {
            out = Cow::Owned(out.replace(secret.as_str(), MASK));
        }
    }
    out
}

/// A short excerpt of a text quoted from elsewhere (a server's error body):
/// its first line, at most `max` characters, secrets masked.
pub fn excerpt(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let scrubbed = scrub(line);
    let mut out: String = scrubbed.chars().take(max).collect();
    if scrubbed.chars().count() > max {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_values_and_their_encodings_are_masked() {
        register("pa ss+word/42");
        let text = "form: client_secret=pa+ss%2Bword%2F42&x=1; raw pa ss+word/42";
        let out = scrub(text);
        assert!(!out.contains("word"), "{out}");
        assert_eq!(out.matches(MASK).count(), 2, "{out}");
    }

    #[test]
    fn short_values_are_not_treated_as_secrets() {
        register("abc");
        assert_eq!(scrub("abc def"), "abc def");
    }

    #[test]
    fn excerpts_are_short_single_lines() {
        register("tok-123456789");
        let body = format!("\n  first Bearer tok-123456789 {}\nsecond", "x".repeat(500));
        let e = excerpt(&body, 40);
        assert!(e.starts_with("first Bearer ***"), "{e}");
        assert_eq!(e.chars().count(), 41);
        assert!(!e.contains("second"));
    }
}
