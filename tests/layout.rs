//! The layering rule: no two top-level modules of `src/` depend on each
//! other, directly or through others, and arrows only point down
//! (architecture.md): `mapping` never names `context`, `ui` or `commands`,
//! `store` never names `mapping`, `integrations` never names `store`. Read
//! from the source, test code left out; `crate::a::…`, `crate::{a, b}`,
//! `super::…` that climbs to the crate root and `use super::*` there (which
//! makes every top-level module a bare name) all count.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The words of an identifier path segment starting at `text`.
fn ident(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// The first segments a path names after `crate::` or a root-reaching
/// `super::` at `text`: one name, or each of a `{a, b::c}` group.
fn first_segments(text: &str) -> Vec<String> {
    if let Some(group) = text.strip_prefix('{') {
        let mut depth = 0;
        let mut names = Vec::new();
        let mut at_start = true;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => at_start = true,
                c if at_start && !c.is_whitespace() => {
                    names.push(ident(&group[i..]));
                    at_start = false;
                }
                _ => {}
            }
        }
        names
    } else {
        vec![ident(text)]
    }
}

/// The module path of a file under `src/` (`mapping/map/state.rs` →
/// mapping, map, state; `mod.rs` is its folder).
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" {
        parts.push(stem.to_owned());
    }
    parts
}

/// The top-level modules one file's code names.
fn names_in(code: &str, path: &[String], tops: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        out.extend(first_segments(&code[i + 7..]));
    }
    // `super::` chains: how far up they climb.
    let mut glob_of_root = false;
    let mut at = 0;
    while let Some(found) = code[at..].find("super::") {
        let start = at + found;
        let mut rest = &code[start..];
        let mut climbs = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            climbs += 1;
            rest = r;
        }
        at = code.len() - rest.len();
        if climbs >= path.len() {
            if rest.starts_with('*') {
                glob_of_root = true;
            } else {
                out.extend(first_segments(rest));
            }
        }
    }
    if glob_of_root {
        // Every top-level module is a bare name now.
        for top in tops {
            let bare = format!("{top}::");
            if code.match_indices(&bare).any(|(i, _)| {
                i == 0 || {
                    let before = code[..i].chars().next_back().unwrap();
                    !(before.is_ascii_alphanumeric() || before == '_' || before == ':')
                }
            }) {
                out.insert(top.clone());
            }
        }
    }
    out
}

fn dependencies_of(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    walk(src, &mut files);
    let rel: Vec<_> = files
        .iter()
        .map(|f| f.strip_prefix(src).unwrap().to_owned())
        .collect();
    let tops: BTreeSet<String> = rel
        .iter()
        .map(|r| module_path(r)[0].clone())
        .filter(|t| t != "lib" && t != "main" && t != "test_support")
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (f, r) in files.iter().zip(&rel) {
        let path = module_path(r);
        let top = path[0].clone();
        // Test code is no layer: `tests.rs` files (declared under
        // `#[cfg(test)]`) and the tests' shared support.
        let test_file = r.file_name().is_some_and(|n| n == "tests.rs");
        if top == "lib" || top == "main" || top == "test_support" || test_file {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        for name in names_in(code, &path, &tops) {
            if name != top && tops.contains(&name) {
                edges.entry(top.clone()).or_default().insert(name);
            }
        }
    }
    edges
}

fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    dependencies_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut cycles = Vec::new();
    for start in edges.keys() {
        // Depth-first from each module: does any path come back to it?
        let mut stack = vec![vec![start.clone()]];
        while let Some(path) = stack.pop() {
            let last = path.last().unwrap();
            for next in edges.get(last).into_iter().flatten() {
                if next == start {
                    cycles.push(path.join(" -> ") + " -> " + start);
                } else if !path.contains(next) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push(longer);
                }
            }
        }
    }
    cycles
}

/// What `from` reaches, directly or through others.
fn reaches(edges: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_owned()];
    while let Some(m) = todo.pop() {
        for next in edges.get(&m).into_iter().flatten() {
            if seen.insert(next.clone()) {
                todo.push(next.clone());
            }
        }
    }
    seen
}

/// Each broken arrow rule: (module, what it must not reach).
fn broken_rules(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    const RULES: &[(&str, &[&str])] = &[
        ("mapping", &["context", "ui", "commands"]),
        ("store", &["mapping", "commands", "context", "ui"]),
        (
            "integrations",
            &["store", "mapping", "commands", "context", "ui"],
        ),
        (
            "matching",
            &["store", "mapping", "commands", "context", "ui"],
        ),
    ];
    let mut broken = Vec::new();
    for (module, never) in RULES {
        let reached = reaches(edges, module);
        for n in *never {
            if reached.contains(*n) {
                broken.push(format!("{module} reaches {n}"));
            }
        }
    }
    broken
}

#[test]
fn top_level_modules_have_no_dependency_cycles() {
    let edges = dependencies();
    let cycles = cycles(&edges);
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn arrows_only_point_down() {
    let edges = dependencies();
    let broken = broken_rules(&edges);
    assert!(broken.is_empty(), "layering:\n{}", broken.join("\n"));
}

/// The checks themselves, on a small tree that breaks each rule once.
#[test]
fn the_checks_see_each_way_of_naming_a_module() {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "lib.rs",
        "pub mod mapping; pub mod store; pub mod ui; pub mod context; pub mod integrations; pub mod commands;",
    );
    // A grouped import.
    write("mapping.rs", "use crate::{model, ui::Printer};\nmod plan;");
    // Climbing to the root from two levels down.
    write("mapping/plan.rs", "use super::super::context::Context;");
    // A glob of the root makes `mapping::` a bare name.
    write("store.rs", "use super::*;\nfn f() { mapping::plan(); }");
    // Test code does not count.
    write(
        "integrations.rs",
        "fn g() {}\n#[cfg(test)]\nmod tests { use crate::store::X; }",
    );
    write("ui.rs", "use crate::store::Y;");
    // A test module's own file does not count either.
    write("integrations/tests.rs", "use crate::store::Z;");
    write("context.rs", "");
    write("commands.rs", "use crate::mapping::Z;");
    let edges = dependencies_of(dir.path());
    let broken = broken_rules(&edges);
    assert_eq!(
        broken,
        vec![
            "mapping reaches context",
            "mapping reaches ui",
            "store reaches mapping",
            "store reaches context",
            "store reaches ui",
        ],
        "{edges:?}"
    );
    assert!(!edges.contains_key("integrations"), "{edges:?}");
    assert!(
        cycles(&edges)
            .iter()
            .any(|c| c.contains("store") && c.contains("mapping")),
        "mapping → ui → store → mapping: {edges:?}"
    );
}
