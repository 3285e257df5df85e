//! States in colour at a terminal (as kubectl and gh colour theirs): green
//! for what is well or made, yellow for what needs a look or changes, red
//! for what failed or goes. The text stays as it is: colour is a second
//! mark, never the only one (NO_COLOR and pipes get none).

use anstyle::{AnsiColor, Style};

/// The colour of a table cell that is a state, if it is one.
fn colour(cell: &str) -> Option<AnsiColor> {
    Some(match cell {
        "ok" | "create" | "created" | "mapped" | "high" | "✓" | "success" | "PASS" => {
            AnsiColor::Green
        }
        "update" | "stale" | "renamed" | "medium" | "several" | "not configured"
        | "no discovery" | "WARN" => AnsiColor::Yellow,
        "delete" | "FAIL" | "failed" | "unreachable" | "auth failed" => AnsiColor::Red,
        c if c.starts_with("✗ ") => AnsiColor::Red,
        c if c.starts_with("~ ") => AnsiColor::Yellow,
        _ => return None,
    })
}

/// `text` (a rendered table: cells apart by two spaces or more) with its
/// state cells painted; the header line is left as it is.
pub(super) fn paint(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if n == 0 {
            out.push_str(line);
            continue;
        }
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let mut rest = body;
        while !rest.is_empty() {
            // The next cell ends where two spaces begin.
            let cut = rest.find("  ").unwrap_or(rest.len());
            let (cell, after) = rest.split_at(cut);
            match colour(cell.trim()) {
                Some(c) if !cell.trim().is_empty() => {
                    let style = Style::new().fg_color(Some(c.into()));
                    out.push_str(&format!("{style}{cell}{style:#}"));
                }
                _ => out.push_str(cell),
            }
            let spaces = after.len() - after.trim_start_matches(' ').len();
            out.push_str(&after[..spaces]);
            rest = &after[spaces..];
        }
        out.push_str(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_cells_are_painted_and_the_text_and_header_stay() {
        let text = "ACTION  ORG   CHANGE\ncreate  Acme  x\ndelete  okay  stale\n";
        let painted = paint(text);
        assert!(painted.starts_with("ACTION  ORG   CHANGE\n"));
        assert!(painted.contains("\u{1b}[32mcreate\u{1b}[0m"), "{painted:?}");
        assert!(painted.contains("\u{1b}[31mdelete\u{1b}[0m"), "{painted:?}");
        assert!(painted.contains("\u{1b}[33mstale\u{1b}[0m"), "{painted:?}");
        assert!(
            painted.contains("  okay  "),
            "a name is no state: {painted:?}"
        );
        assert_eq!(console::strip_ansi_codes(&painted), text);
    }
}
