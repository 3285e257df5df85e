//! Reading a declaration and the checks serde cannot make, each problem
//! with its line.

use super::{COMMON_SETTINGS, Declaration, Method, Paging, placeholders};

/// One problem of a declaration file, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub line: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.line, &self.key) {
            (Some(l), Some(k)) => write!(f, "line {l}: {k}: {}", self.message),
            (Some(l), None) => write!(f, "line {l}: {}", self.message),
            (None, Some(k)) => write!(f, "{k}: {}", self.message),
            (None, None) => write!(f, "{}", self.message),
        }
    }
}

/// A declaration read from `text` and checked: every problem found, with
/// its line where the parser knows it.
pub fn parse(text: &str) -> Result<Declaration, Vec<Problem>> {
    let decl: Declaration = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        vec![Problem {
            line,
            key: None,
            message: e.message().trim().to_owned(),
        }]
    })?;
    let mut problems = decl.problems();
    for p in &mut problems {
        p.line = locate(text, p);
    }
    if problems.is_empty() {
        Ok(decl)
    } else {
        Err(problems)
    }
}

/// The line a checked problem is on: where the value it quotes is, else
/// where its key is first set.
fn locate(text: &str, problem: &Problem) -> Option<usize> {
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    let mut quoted = problem.message.split('"');
    if let (Some(_), Some(value)) = (quoted.next(), quoted.next())
        && let Some(at) = text.find(&format!("\"{value}\""))
    {
        return Some(line_of(at));
    }
    let key = problem.key.as_deref()?;
    let last = key.rsplit('.').next()?.split('[').next()?;
    let mut offset = 0;
    let set_here =
        |t: &str| t.starts_with(&format!("{last} =")) || t.starts_with(&format!("{last}="));
    for line in text.split_inclusive('\n') {
        // At the line's start, or inside an inline table (`{ size = 0 }`).
        let inline = line
            .match_indices(['{', ','])
            .any(|(i, _)| set_here(line[i + 1..].trim_start()));
        if set_here(line.trim_start()) || inline {
            return Some(line_of(offset));
        }
        offset += line.len();
    }
    None
}

impl Declaration {
    /// What serde cannot check: names used exist, pointers are pointers,
    /// paging is complete.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut problem = |key: String, message: String| {
            problems.push(Problem {
                line: None,
                key: Some(key),
                message,
            })
        };
        let looked_up: Vec<&str> = self.lookups.iter().map(|l| l.setting.as_str()).collect();
        for t in self.templates() {
            for p in placeholders(t) {
                let known = p.starts_with("credential:")
                    || matches!(p, "id" | "found")
                    || self.settings.contains_key(p)
                    || looked_up.contains(&p);
                if !known {
                    problem(
                        "template".into(),
                        format!("{t:?} names {{{p}}}, which is no setting, lookup or credential"),
                    );
                }
            }
        }
        for (i, l) in self.lookups.iter().enumerate() {
            if !self.settings.contains_key(&l.setting) {
                problem(
                    format!("lookups[{i}].setting"),
                    format!("{:?} is not declared under [settings]", l.setting),
                );
            }
        }
        let pointer = |key: String, p: &str, problem: &mut dyn FnMut(String, String)| {
            if !p.is_empty() && !p.starts_with('/') {
                problem(
                    key,
                    format!("{p:?} is not a JSON pointer (they start with /)"),
                );
            }
        };
        for (i, l) in self.list.iter().enumerate() {
            let at = format!("list[{i}]");
            pointer(format!("{at}.items"), &l.items, &mut problem);
            pointer(format!("{at}.record.id"), &l.record.id, &mut problem);
            pointer(format!("{at}.record.name"), &l.record.name, &mut problem);
            for (k, p) in l.record.metadata.iter().chain(&l.record.links) {
                pointer(format!("{at}.record.{k}"), p, &mut problem);
            }
            for k in l.when.keys() {
                if !self.settings.contains_key(k) {
                    problem(
                        format!("{at}.when.{k}"),
                        "is not declared under [settings]".into(),
                    );
                }
            }
            if l.body.is_some() && l.method == Method::Get {
                problem(
                    format!("{at}.body"),
                    "a GET has no body; add method = \"POST\"".into(),
                );
            }
            // A page of no records would page forever (or divide by zero).
            let sizes: Vec<(&str, Option<usize>)> = match &l.paging {
                Paging::PageNumber { size, max_size, .. } => {
                    vec![("size", Some(*size)), ("max_size", *max_size)]
                }
                Paging::Keyset { size, .. } => vec![("size", Some(*size))],
                Paging::NextUrl { size, .. } | Paging::LinkHeader { size, .. } => {
                    vec![("size", *size)]
                }
                Paging::None => vec![],
            };
            for (key, value) in sizes {
                if value == Some(0) {
                    problem(
                        format!("{at}.paging.{key}"),
                        format!("{key} must be at least 1"),
                    );
                }
            }
            if let Paging::PageNumber {
                first,
                total_records,
                total_pages,
                ..
            } = &l.paging
            {
                if *first > 1 {
                    problem(format!("{at}.paging.first"), "pages start at 0 or 1".into());
                }
                if total_records.is_some() && total_pages.is_some() {
                    problem(
                        format!("{at}.paging"),
                        "give total_records or total_pages, not both".into(),
                    );
                }
            }
        }
        if self.list.len() > 1
            && self.list[..self.list.len() - 1]
                .iter()
                .any(|l| l.when.is_empty())
        {
            problem(
                "list".into(),
                "only the last listing may go without `when`: the ones after it are never used"
                    .into(),
            );
        }
        if let Some(g) = &self.get {
            if !g.path.contains("{id}") {
                problem("get.path".into(), format!("{:?} has no {{id}}", g.path));
            }
            pointer("get.item".into(), &g.item, &mut problem);
        }
        for (k, s) in &self.settings {
            if COMMON_SETTINGS.contains(&k.as_str()) {
                problem(
                    format!("settings.{k}"),
                    "every integration has it already".into(),
                );
            }
            if let Some(d) = &s.default
                && !s.choices.is_empty()
                && !s.choices.contains(d)
            {
                problem(
                    format!("settings.{k}.default"),
                    format!("{d:?} is not one of its choices"),
                );
            }
        }
        problems
    }
}
