//! Secret values known to this process, and the one mask that removes them
//! from any text that leaves it: the printer (stdout, stderr, traces, JSON
//! errors), the store's write path and the cache files all call [`scrub`].
//! Credentials are registered when they are looked up, tokens when they are
//! obtained, the Basic pairs when they are built. A lower layer than
//! everything else: it imports nothing of the crate.
//!
//! A server may echo a secret in any encoding. The forms that cannot be
//! derived from the text (base64 of a Basic pair) are registered as they
//! are; every escape a text can carry (JSON `\/`, `\"`, `\u00xx`; percent;
//! `+` for a space; HTML entities), mixed in any way, is undone in a decoded
//! view of the text, where every secret is looked for, and the escaped span
//! it came from is masked.

use std::borrow::Cow;
use std::sync::RwLock;

use base64::Engine;

mod view;

/// What a secret is replaced with.
pub(crate) const MASK: &str = "***";

/// Secrets shorter than this are masked only where they stand as a whole
/// token (not inside a longer word or number): a four-digit PIN must not
/// turn every "1234" of a listing into `***`, but an echoed one goes.
const SHORT: usize = 6;

struct Known {
    /// Looked for in the decoded views of a text.
    secrets: Vec<Vec<u8>>,
    /// Looked for as they are (forms no escape explains: base64).
    literal: Vec<Vec<u8>>,
    /// Both, in one automaton: one pass over a text finds every raw form
    /// (a listing of 10,000 names is scanned once, not once a form).
    raw: Option<aho_corasick::AhoCorasick>,
    /// Which patterns of `raw` only count as whole tokens (short secrets).
    short: Vec<bool>,
}

static KNOWN: RwLock<Known> = RwLock::new(Known {
    secrets: Vec::new(),
    literal: Vec::new(),
    raw: None,
    short: Vec::new(),
});

impl Known {
    fn rebuild(&mut self) {
        let patterns: Vec<&Vec<u8>> = self.secrets.iter().chain(&self.literal).collect();
        self.short = self
            .secrets
            .iter()
            .map(|s| std::str::from_utf8(s).map_or(0, |t| t.chars().count()) < SHORT)
            .chain(self.literal.iter().map(|_| false))
            .collect();
        self.raw = aho_corasick::AhoCorasick::new(patterns).ok();
    }

    /// Spans of `text` that are a registered form, raw.
    fn raw_spans(&self, text: &[u8], spans: &mut Vec<(usize, usize)>) {
        let Some(ac) = &self.raw else {
            return;
        };
        for m in ac.find_overlapping_iter(text) {
            if self.short[m.pattern().as_usize()] && !view::stands_alone(text, m.start(), m.end()) {
                continue;
            }
            spans.push((m.start(), m.end()));
        }
    }
}

fn add(list: &mut Vec<Vec<u8>>, form: &str) {
    if !form.is_empty() && !list.iter().any(|k| k == form.as_bytes()) {
        list.push(form.as_bytes().to_vec());
        // Longest first, so that a secret containing another is masked whole.
        list.sort_by_key(|k| std::cmp::Reverse(k.len()));
    }
}

/// How this tool's own bearer tokens begin (`mapctl tokens create`).
pub const BEARER_PREFIX: &str = "mapctl_";

/// The text with anything shaped like one of this tool's bearer tokens
/// (the prefix and 16 hex digits or more) masked: a client may send one
/// where no token belongs (a path, a query key), and the server never
/// registers tokens it is sent. The access log and the store's traces pass
/// through it; `tokens create`, which must print one, does not.
pub fn without_bearer_tokens(text: &str) -> Cow<'_, str> {
    if !text.contains(BEARER_PREFIX) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(BEARER_PREFIX) {
        let after = &rest[i + BEARER_PREFIX.len()..];
        let hex = after.bytes().take_while(u8::is_ascii_hexdigit).count();
        out.push_str(&rest[..i + BEARER_PREFIX.len()]);
        out.push_str(if hex >= 16 { MASK } else { &after[..hex] });
        rest = &after[hex..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Remembers a secret value (a credential, a token, a storage key), raw and
/// trimmed. Its escaped forms need no registration; its base64 does.
pub(crate) fn register(value: &str) {
    let mut known = KNOWN.write().unwrap_or_else(|p| p.into_inner());
    for form in [value, value.trim()] {
        add(&mut known.secrets, form);
    }
    let trimmed = value.trim();
    if trimmed.chars().count() >= SHORT {
        // A server may echo a secret base64-encoded, alone or inside a
        // longer text ("Bearer …", "id:secret").
        for form in base64_forms(trimmed) {
            add(&mut known.literal, &form);
        }
    }
    known.rebuild();
}

/// Remembers a form a secret was sent in that no escape explains: the
/// base64 of a Basic pair (`id:secret`), padded or not.
pub(crate) fn register_encoded(value: &str) {
    let mut known = KNOWN.write().unwrap_or_else(|p| p.into_inner());
    add(&mut known.literal, value);
    add(&mut known.literal, value.trim_end_matches('='));
    known.rebuild();
}

/// The base64 of a Basic pair (and registers it, with the pair's parts).
pub(crate) fn basic_pair(user: &str, password: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    register(password);
    register_encoded(&encoded);
    encoded
}

/// The base64 of `value` wherever it may stand in an encoded text: for each
/// of the three alignments it can have after what precedes it, the
/// characters that only its own bytes decide (standard and URL-safe).
fn base64_forms(value: &str) -> Vec<String> {
    let engines = [
        base64::engine::general_purpose::STANDARD_NO_PAD,
        base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ];
    let n = value.len();
    let mut forms = Vec::new();
    for engine in engines {
        for k in 0..3 {
            let mut bytes = vec![0u8; k];
            bytes.extend_from_slice(value.as_bytes());
            let encoded = engine.encode(&bytes);
            // Characters 6 bits each: skip those holding a preceding bit,
            // keep those whole before what follows.
            let (first, last) = ((8 * k).div_ceil(6), (8 * (k + n)) / 6);
            if last > first + SHORT {
                forms.push(encoded[first..last].to_owned());
            }
        }
    }
    forms
}

/// The text with every form of every known secret replaced by `***`, and
/// any SAS signature (`sig=…`) masked.
pub fn scrub(text: &str) -> Cow<'_, str> {
    let known = KNOWN.read().unwrap_or_else(|p| p.into_inner());
    let mut spans: Vec<(usize, usize)> = Vec::new();
    known.raw_spans(text.as_bytes(), &mut spans);
    if !known.secrets.is_empty() {
        view::find_escaped(text, &known.secrets, SHORT, &mut spans);
    }
    sas_signatures(text, &mut spans);
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(mask_spans(text, spans))
}

/// A SAS token's signature, wherever a URL quotes one.
fn sas_signatures(text: &str, spans: &mut Vec<(usize, usize)>) {
    for i in memchr::memmem::find_iter(text.as_bytes(), b"sig=") {
        let start = i + 4;
        let end = text[start..]
            .find(['&', ' ', ')', '"', '\'', '\n', '>', ';'])
            .map_or(text.len(), |e| start + e);
        if end > start {
            spans.push((start, end));
        }
    }
}

fn mask_spans(text: &str, mut spans: Vec<(usize, usize)>) -> String {
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut spans = spans.into_iter().peekable();
    while let Some((start, mut end)) = spans.next() {
        // Overlapping or touching spans are one masked run.
        while let Some(&(s, e)) = spans.peek() {
            if s > end {
                break;
            }
            end = end.max(e);
            spans.next();
        }
        let start = floor_boundary(text, start.max(at));
        let end = ceil_boundary(text, end);
        out.push_str(&text[at..start]);
        out.push_str(MASK);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// A short excerpt of a text quoted from elsewhere (a server's error body):
/// its first line, at most `max` characters, secrets masked.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    // Masked first: cutting first could leave a secret's head unmasked.
    let whole = scrub(text);
    let scrubbed = whole
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut out: String = scrubbed.chars().take(max).collect();
    if scrubbed.chars().count() > max {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests;
