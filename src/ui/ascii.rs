//! `--ascii` (contract §11): Windows PowerShell 5.1 decodes a native
//! command's output with the console's code page, so JSON it reads must
//! not depend on one.

/// JSON text with every non-ASCII character as a `\uXXXX` escape (two,
/// a surrogate pair, above U+FFFF). Valid JSON holds such characters only
/// inside strings, where the escape means the same character.
pub fn ascii_json(json: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(json.len() + json.len() / 8);
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_json_escapes_every_non_ascii_character_and_means_the_same() {
        let value = serde_json::json!({"name": "Müller GmbH", "ja": "株式会社", "emoji": "🦀", "plain": "a\"b"});
        let text = ascii_json(&serde_json::to_string(&value).unwrap());
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains(r"M\u00fcller"), "{text}");
        assert!(text.contains(r"\ud83e\udd80"), "a surrogate pair: {text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
