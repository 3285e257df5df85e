//! Decoded views of a text: every escape a server may wrap a value in
//! undone (JSON `\"` `\/` `\uXXXX` with surrogate pairs, percent `%XX`,
//! `+` for a space, HTML `&amp;` `&#47;` `&#x2f;`), each decoded byte
//! remembering the span of the text it came from, so that a secret found in
//! the view masks exactly the escaped text that spelled it.

/// How many layers of escapes are undone: a percent-encoded form quoted in
/// a JSON string is two, and a value that held one is serialized once more
/// when mapctl prints or stores it (three).
const LAYERS: usize = 3;

/// How many text bytes one byte of a secret may take when escaped, for the
/// windows around escapes (`\u0025` + `2F` for one `/` is 8).
const WIDEST: usize = 16;

/// Spans of `text` (byte ranges) that spell one of `secrets` in any
/// escaping; secrets shorter than `short` characters only as whole tokens.
/// Escapes are rare in what mapctl prints, so only windows around them are
/// decoded: a listing of 10,000 names costs one scan, not a copy.
/// (Raw forms are the caller's: one automaton finds them all.)
pub(super) fn find_escaped(
    text: &str,
    secrets: &[Vec<u8>],
    short: usize,
    spans: &mut Vec<(usize, usize)>,
) {
    let raw = text.as_bytes();
    let longest = secrets.iter().map(Vec::len).max().unwrap_or(0);
    let reach = longest * WIDEST;
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let escapes =
        memchr::memchr3_iter(b'\\', b'%', b'&', raw).chain(memchr::memchr_iter(b'+', raw));
    for at in escapes {
        if escape_at(raw, at, true).is_none() {
            continue;
        }
        let (start, end) = (at.saturating_sub(reach), (at + reach).min(raw.len()));
        windows.push((start, end));
    }
    windows.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in windows {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    if merged.is_empty() {
        return;
    }
    for plus_is_space in [false, true] {
        // A secret that itself holds what reads as an escape (`%2F`, `&amp;`)
        // is looked for as each layer turns it too.
        let mut wanted: Vec<Vec<u8>> = secrets.to_vec();
        let mut layers: Vec<Vec<Vec<u8>>> = Vec::new();
        for _ in 0..LAYERS {
            wanted = wanted
                .iter()
                .map(|w| decode(w, plus_is_space).map_or_else(|| w.clone(), |l| l.bytes))
                .collect();
            let mut all = secrets.to_vec();
            all.extend(wanted.iter().filter(|w| !secrets.contains(w)).cloned());
            layers.push(all);
        }
        for &(ws, we) in &merged {
            let window = &raw[ws..we];
            // The view's bytes, and for each the window span it stands for.
            let mut bytes = window.to_vec();
            let mut from: Vec<usize> = (0..window.len()).collect();
            let mut to: Vec<usize> = (1..=window.len()).collect();
            for looked_for in &layers {
                let Some(layer) = decode(&bytes, plus_is_space) else {
                    break;
                };
                from = layer.from.iter().map(|&i| from[i]).collect();
                to = layer.to.iter().map(|&i| to[i - 1]).collect();
                bytes = layer.bytes;
                search(
                    &bytes,
                    looked_for,
                    short,
                    &|s, e| (ws + from[s], ws + to[e - 1]),
                    spans,
                );
            }
        }
    }
}

fn search(
    bytes: &[u8],
    secrets: &[Vec<u8>],
    short: usize,
    span: &dyn Fn(usize, usize) -> (usize, usize),
    spans: &mut Vec<(usize, usize)>,
) {
    for secret in secrets {
        let whole_token = std::str::from_utf8(secret).map_or(0, |s| s.chars().count()) < short;
        for start in memchr::memmem::find_iter(bytes, secret) {
            let end = start + secret.len();
            if whole_token && !stands_alone(bytes, start, end) {
                continue;
            }
            spans.push(span(start, end));
        }
    }
}

/// Not inside a longer word or number.
pub(super) fn stands_alone(bytes: &[u8], start: usize, end: usize) -> bool {
    let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
    !word(start.checked_sub(1).and_then(|i| bytes.get(i))) && !word(bytes.get(end))
}

struct Layer {
    bytes: Vec<u8>,
    /// For each decoded byte, the first input byte of its escape.
    from: Vec<usize>,
    /// For each decoded byte, one past the last input byte of its escape.
    to: Vec<usize>,
}

fn hex(bytes: &[u8]) -> Option<u32> {
    let s = std::str::from_utf8(bytes).ok()?;
    (s.len() == bytes.len() && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| u32::from_str_radix(s, 16).ok())
        .flatten()
}

/// One escape at `i`: the decoded text and how many input bytes it took.
fn escape_at(input: &[u8], i: usize, plus_is_space: bool) -> Option<(Vec<u8>, usize)> {
    let rest = &input[i..];
    let char_bytes = |c: char| c.to_string().into_bytes();
    match rest[0] {
        b'\\' => match rest.get(1)? {
            b'"' => Some((vec![b'"'], 2)),
            b'\\' => Some((vec![b'\\'], 2)),
            b'/' => Some((vec![b'/'], 2)),
            b'b' => Some((vec![8], 2)),
            b'f' => Some((vec![12], 2)),
            b'n' => Some((vec![b'\n'], 2)),
            b'r' => Some((vec![b'\r'], 2)),
            b't' => Some((vec![b'\t'], 2)),
            b'u' => {
                let unit = hex(rest.get(2..6)?)?;
                if (0xD800..0xDC00).contains(&unit) {
                    // A surrogate pair: `\uD83D\uDE00`.
                    if rest.get(6..8)? != b"\\u" {
                        return None;
                    }
                    let low = hex(rest.get(8..12)?)?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return None;
                    }
                    let c = char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?;
                    return Some((char_bytes(c), 12));
                }
                Some((char_bytes(char::from_u32(unit)?), 6))
            }
            _ => None,
        },
        b'%' => Some((vec![hex(rest.get(1..3)?)? as u8], 3)),
        b'+' if plus_is_space => Some((vec![b' '], 1)),
        b'&' => {
            let end = rest.iter().take(12).position(|&b| b == b';')?;
            let name = std::str::from_utf8(&rest[1..end]).ok()?;
            let c = match name {
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                "lt" => '<',
                "gt" => '>',
                _ => {
                    let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => name.strip_prefix('#')?.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((char_bytes(c), end + 1))
        }
        _ => None,
    }
}

/// The input with one layer of escapes undone; None when it holds none.
fn decode(input: &[u8], plus_is_space: bool) -> Option<Layer> {
    let mut layer = Layer {
        bytes: Vec::with_capacity(input.len()),
        from: Vec::with_capacity(input.len()),
        to: Vec::with_capacity(input.len()),
    };
    let mut changed = false;
    let mut i = 0;
    while i < input.len() {
        match escape_at(input, i, plus_is_space) {
            Some((decoded, taken)) => {
                changed = true;
                for b in decoded {
                    layer.bytes.push(b);
                    layer.from.push(i);
                    layer.to.push(i + taken);
                }
                i += taken;
            }
            None => {
                layer.bytes.push(input[i]);
                layer.from.push(i);
                layer.to.push(i + 1);
                i += 1;
            }
        }
    }
    changed.then_some(layer)
}
