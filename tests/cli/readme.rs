//! The README's two commands and its tour run as written: in a fresh
//! store, after the first command (its `mapctl` lines), every line of the
//! tour exits 0.

use crate::common::{Sandbox, code, stderr};

fn readme() -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .unwrap()
}

/// The lines of the ```sh block after `marker`.
fn block_after(text: &str, marker: &str) -> Vec<String> {
    let start = text.find(marker).unwrap_or_else(|| panic!("no {marker:?}"));
    let rest = &text[start..];
    let open = rest.find("```sh\n").unwrap() + "```sh\n".len();
    let close = rest[open..].find("```").unwrap();
    rest[open..open + close]
        .lines()
        .map(str::to_owned)
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// Runs one shell line of mapctl commands joined by `&&`, with at most a
/// `> FILE` redirect, as a shell would.
fn run_line(s: &Sandbox, line: &str) {
    let line = line.split(" # ").next().unwrap().trim();
    for command in line.split(" && ") {
        let (command, redirect) = match command.split_once(" > ") {
            Some((c, file)) => (c, Some(file.trim())),
            None => (command, None),
        };
        let words = shell_words::split(command).unwrap();
        if words[0] != "mapctl" {
            continue; // cargo install: the tests run the built binary
        }
        let out = s
            .std_cmd()
            .args(&words[1..])
            .current_dir(s.path(""))
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{command}: {}", stderr(&out));
        if let Some(file) = redirect {
            std::fs::write(s.path(file), &out.stdout).unwrap();
        }
    }
}

#[test]
fn the_first_command_and_the_tour_run_as_written() {
    let text = readme();
    let s = Sandbox::new();
    std::fs::create_dir_all(s.path("")).unwrap();
    let first = block_after(&text, "# mapctl");
    assert_eq!(first.len(), 1, "one first command: {first:?}");
    run_line(&s, &first[0]);
    let tour = block_after(&text, "<!-- tour:");
    assert!(
        (8..=12).contains(&tour.len()),
        "about ten lines: {}",
        tour.len()
    );
    for line in &tour {
        run_line(&s, line);
    }
    // What the tour did, for what it says it did.
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 2);
    let plan = s.json(&[
        "apply",
        "-f",
        s.path("mappings.json").to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(plan["created"], 0, "{plan}");
}
