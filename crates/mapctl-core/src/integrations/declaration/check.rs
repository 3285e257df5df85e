//! Reading a declaration and the checks serde cannot make, each problem
//! with its line.

use super::{COMMON_SETTINGS, Declaration, Method, Paging, placeholders};

/// One problem of a declaration file, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Problem {
    pub line: Option<usize>,
    pub(crate) key: Option<String>,
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
pub(crate) fn parse(text: &str) -> Result<Declaration, Vec<Problem>> {
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

/// The pointers of every listing's paging, with their keys.
fn paging_pointers(d: &Declaration) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, l) in d.list.iter().enumerate() {
        let at = format!("list[{i}].paging");
        match &l.paging {
            Paging::NextUrl {
                pointer, headers, ..
            } => {
                out.push((format!("{at}.pointer"), pointer.clone()));
                out.extend(headers.iter().map(|h| (format!("{at}.headers"), h.clone())));
            }
            Paging::Cursor { pointer, .. } => out.push((format!("{at}.pointer"), pointer.clone())),
            Paging::Offset { total: Some(t), .. } => out.push((format!("{at}.total"), t.clone())),
            Paging::PageNumber {
                total_records,
                total_pages,
                ..
            } => {
                out.extend(
                    total_records
                        .iter()
                        .map(|p| (format!("{at}.total_records"), p.clone())),
                );
                out.extend(
                    total_pages
                        .iter()
                        .map(|p| (format!("{at}.total_pages"), p.clone())),
                );
            }
            _ => {}
        }
    }
    out
}

impl Declaration {
    /// What serde cannot check: names used exist, pointers are pointers,
    /// paging is complete.
    pub(crate) fn problems(&self) -> Vec<Problem> {
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
        // A literal API root (or a declared URL) must be one credentials may
        // go to: https, or http on loopback only; refused here, not at use.
        let literal_urls = std::iter::once(("api".to_owned(), self.api.as_str())).chain(
            self.settings.iter().filter_map(|(name, s)| {
                s.default
                    .as_deref()
                    .filter(|_| s.url)
                    .map(|d| (format!("settings.{name}.default"), d))
            }),
        );
        for (key, text) in literal_urls {
            if let Some(origin) = literal_origin(text)
                && let Err(e) = crate::net::check_url(&key, origin)
            {
                problem(key, e.message);
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
            for name in l.record.name.all() {
                // A pointer, or a template of `{/pointer}`s.
                if name.contains('{') {
                    for p in placeholders(name) {
                        pointer(format!("{at}.record.name"), p, &mut problem);
                    }
                } else {
                    pointer(format!("{at}.record.name"), name, &mut problem);
                }
            }
            let rules = [
                ("inactive", &l.record.inactive),
                ("include", &l.record.include),
                ("exclude", &l.record.exclude),
            ];
            for (kind, list) in rules {
                for (j, r) in list.iter().enumerate() {
                    let key = format!("{at}.record.{kind}[{j}]");
                    pointer(key.clone(), &r.pointer, &mut problem);
                    if r.equals.is_some() == r.present.is_some() {
                        problem(key, "give equals or present, one of them".into());
                    }
                }
            }
            for (k, p) in l.record.metadata.iter().chain(&l.record.links) {
                pointer(format!("{at}.record.{k}"), p, &mut problem);
            }
            for p in &l.record.domains {
                pointer(format!("{at}.record.domains"), p, &mut problem);
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
            if let Paging::NextUrl {
                headers,
                allowed_headers,
                ..
            } = &l.paging
            {
                if headers.is_some() && allowed_headers.is_empty() {
                    problem(
                        format!("{at}.paging.allowed_headers"),
                        "name the headers a next page may set (allowed_headers = [\"NAME\"]); none is sent otherwise".into(),
                    );
                }
                for name in allowed_headers {
                    if let Some(why) = not_allowed_next_header(name) {
                        problem(format!("{at}.paging.allowed_headers"), why);
                    }
                }
            }
            // A page of no records would page forever (or divide by zero).
            let sizes: Vec<(&str, Option<usize>)> = match &l.paging {
                Paging::PageNumber { size, max_size, .. } => {
                    vec![("size", Some(*size)), ("max_size", *max_size)]
                }
                Paging::Keyset { size, .. } => vec![("size", Some(*size))],
                Paging::NextUrl { size, .. }
                | Paging::LinkHeader { size, .. }
                | Paging::Cursor { size, .. } => {
                    vec![("size", *size)]
                }
                Paging::Offset { size, max_size, .. } => {
                    vec![("size", Some(*size)), ("max_size", *max_size)]
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
        for (key, p) in paging_pointers(self) {
            pointer(key, &p, &mut problem);
        }
        for (i, f) in self.failures.iter().enumerate() {
            pointer(format!("failures[{i}].pointer"), &f.pointer, &mut problem);
            if let Some(m) = &f.message {
                pointer(format!("failures[{i}].message"), m, &mut problem);
            }
        }
        for (i, l) in self.lookups.iter().enumerate() {
            pointer(format!("lookups[{i}].pointer"), &l.pointer, &mut problem);
            if let Some(c) = &l.check {
                pointer(
                    format!("lookups[{i}].check.pointer"),
                    &c.pointer,
                    &mut problem,
                );
            }
            if l.authenticated && !l.hosts.is_empty() {
                problem(
                    format!("lookups[{i}].hosts"),
                    "an authenticated lookup stays on the API's origin; hosts are for public lookups".into(),
                );
            }
        }
        if let super::Auth::TokenExchange {
            token,
            expires_in,
            form,
            json,
            method,
            ..
        } = &self.auth
        {
            pointer("auth.token".into(), token, &mut problem);
            if let Some(e) = expires_in {
                pointer("auth.expires_in".into(), e, &mut problem);
            }
            if !form.is_empty() && !json.is_empty() {
                problem("auth".into(), "give form or json, not both".into());
            }
            if *method == Method::Get && !(form.is_empty() && json.is_empty()) {
                problem(
                    "auth.method".into(),
                    "a GET has no body; use method = \"POST\"".into(),
                );
            }
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

/// Headers a next page may never set, whatever a declaration says: they
/// choose where a request goes and whose it is (Host, Cookie, forwarding),
/// belong to the connection (hop-by-hop), or are the client's own.
const STANDARD_HEADERS: &[&str] = &[
    "accept",
    "accept-encoding",
    "authorization",
    "connection",
    "content-length",
    "content-type",
    "cookie",
    "expect",
    "forwarded",
    "host",
    "keep-alive",
    "origin",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "range",
    "referer",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "via",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
    "x-real-ip",
];

/// Why a name may not be set by a next page; None when it may.
fn not_allowed_next_header(name: &str) -> Option<String> {
    if reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err() {
        return Some(format!("{name:?} is not an HTTP header name"));
    }
    STANDARD_HEADERS
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name))
        .then(|| format!("{name:?} is a standard header; a next page may not set it"))
}

/// The scheme and host a URL template starts with, when it names them
/// itself (`http://api.example.com/v1`, not `{base_url}/v1`).
fn literal_origin(template: &str) -> Option<&str> {
    let rest = template
        .strip_prefix("http://")
        .or_else(|| template.strip_prefix("https://"))?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = &template[..template.len() - rest.len() + host_end];
    (!origin.contains('{')).then_some(origin)
}
