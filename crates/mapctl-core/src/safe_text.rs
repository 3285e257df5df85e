//! Text from outside (names an API sent) made safe to show: characters a
//! terminal acts on or hides (ESC and other controls, OSC sequences, bidi
//! overrides such as U+202E, zero-width marks) are escaped in every human
//! format, and CSV cells that a spreadsheet would run as a formula (`=`,
//! `+`, `-`, `@`) get a leading `'`. The CSV reader undoes both exactly, so
//! `export -o csv | apply -f - --format csv` plans no change. JSON is never
//! touched. A lower layer than everything else: it imports nothing.

use std::borrow::Cow;

/// A character a terminal acts on or a reader cannot see.
pub(crate) fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}' | '\u{2029}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// The text with every hidden character escaped (`\u{1b}`, `\u{202e}`,
/// `\t`), newlines kept when asked.
pub fn terminal_safe(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| hidden(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

const FORMULA: [char; 4] = ['=', '+', '-', '@'];

/// Whether a cell as written starts with what a spreadsheet runs, or with
/// the `'` of a guard (so that reading strips exactly what writing added).
fn guarded(cell: &str) -> bool {
    let mut chars = cell.chars();
    match chars.next() {
        Some(c) if FORMULA.contains(&c) => true,
        Some('\'') => chars
            .next()
            .is_some_and(|c| FORMULA.contains(&c) || c == '\''),
        _ => false,
    }
}

/// A CSV cell: hidden characters as `\u{…}` (a line feed too: CSV could
/// quote it, but a line-based consumer would read one record as two), a
/// backslash that would read as such an escape as `\u{5c}`, and a `'`
/// before a formula.
pub fn csv_out(cell: &str) -> Cow<'_, str> {
    let escape = hidden;
    let needs = cell.chars().any(escape) || cell.contains("\\u{") || guarded(cell);
    if !needs {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len() + 8);
    let mut rest = cell;
    while let Some(c) = rest.chars().next() {
        if escape(c) || (c == '\\' && rest[1..].starts_with("u{")) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    if guarded(&out) {
        out.insert(0, '\'');
    }
    Cow::Owned(out)
}

/// What [`csv_out`] wrote, read back exactly.
pub(crate) fn csv_in(cell: &str) -> Cow<'_, str> {
    let unguarded = if guarded(cell) && cell.starts_with('\'') {
        &cell[1..]
    } else {
        cell
    };
    if !unguarded.contains("\\u{") {
        return match unguarded.len() == cell.len() {
            true => Cow::Borrowed(cell),
            false => Cow::Owned(unguarded.to_owned()),
        };
    }
    let mut out = String::with_capacity(unguarded.len());
    let mut rest = unguarded;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("\\u{")
            && let Some(end) = after.find('}')
            && let Ok(code) = u32::from_str_radix(&after[..end], 16)
            && let Some(c) = char::from_u32(code)
            && (hidden(c) || c == '\\')
        {
            out.push(c);
            rest = &after[end + 1..];
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_escaped_for_terminals() {
        assert_eq!(
            terminal_safe("a\u{1b}]0;x\u{7}b", false),
            "a\\u{1b}]0;x\\u{7}b"
        );
        assert_eq!(
            terminal_safe("evil\u{202e}gpj.exe", false),
            "evil\\u{202e}gpj.exe"
        );
        assert_eq!(terminal_safe("a\nb", true), "a\nb");
        assert_eq!(terminal_safe("a\nb", false), "a\\nb");
        assert!(matches!(terminal_safe("plain", false), Cow::Borrowed(_)));
    }

    #[test]
    fn csv_cells_are_defused_and_read_back_exactly() {
        assert_eq!(csv_out("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_out("+1"), "'+1");
        assert_eq!(csv_out("-5"), "'-5");
        assert_eq!(csv_out("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_out("Acme\u{1b}[31m"), "Acme\\u{1b}[31m");
        assert_eq!(csv_out("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(csv_out("Acme Corp"), "Acme Corp");
        assert_eq!(
            csv_out("multi\nline"),
            "multi\\u{a}line",
            "one record, one line"
        );
        for cell in [
            "=1+1",
            "+1",
            "-5",
            "@x",
            "'=x",
            "''",
            "'",
            "'abc",
            "a\u{1b}b",
            "\u{1b}=x",
            "\\u{1b}",
            "\\u{41}",
            "a\\b",
            "x\u{202e}y",
            "multi\nline",
            "\t=tab",
            "Acme Corp",
            "",
        ] {
            assert_eq!(
                csv_in(&csv_out(cell)),
                cell,
                "{cell:?} -> {:?}",
                csv_out(cell)
            );
        }
        // What a person typed is read as typed.
        assert_eq!(csv_in("'abc"), "'abc");
        assert_eq!(csv_in("\\u{41}"), "\\u{41}");
    }
}
