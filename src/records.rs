//! Reading and validating the files of `apply` and `orgs import`: JSON (an
//! array, or `{"mappings": [...]}` / `{"orgs": [...]}`), JSON Lines, or CSV
//! with a header. Every problem is collected, with its 1-based record number
//! and, where the format has them, its line and column; nothing is written
//! unless there are none.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde_json::{Map, Value as Json};

use crate::error::{Error, Result};
use crate::integrations::Registry;
use crate::model::{self, Org};
use crate::store::repo::Repo;
use crate::store::repo::apply::DesiredMapping;
use crate::store::repo::import::DesiredOrg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FileFormat {
    Json,
    /// JSON Lines: one object per line.
    Jsonl,
    Csv,
}

impl FileFormat {
    /// From the file's extension; None when it says nothing.
    pub fn from_path(path: &Path) -> Option<FileFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(FileFormat::Json),
            "jsonl" | "ndjson" => Some(FileFormat::Jsonl),
            "csv" => Some(FileFormat::Csv),
            _ => None,
        }
    }
}

/// One problem of an input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub record: Option<usize>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut at = Vec::new();
        if let Some(r) = self.record {
            at.push(format!("record {r}"));
        }
        if let Some(l) = self.line {
            at.push(format!("line {l}"));
        }
        if let Some(c) = self.column {
            at.push(format!("column {c}"));
        }
        write!(f, "{}: {}", at.join(", "), self.message)
    }
}

/// A record's fields before validation, with where it came from.
#[derive(Debug, Clone)]
pub struct Fields {
    pub record: usize,
    pub line: Option<usize>,
    pub values: Map<String, Json>,
}

impl Fields {
    fn problem(&self, message: impl Into<String>) -> Problem {
        Problem {
            record: Some(self.record),
            line: self.line,
            column: None,
            message: message.into(),
        }
    }
}

/// The validated records, or every problem of the file: those of reading
/// and those of validation together, in record order.
pub fn all_or_problems<T>(
    what: &str,
    read: Vec<Problem>,
    validated: Result<T, Vec<Problem>>,
) -> Result<T> {
    match validated {
        Ok(records) if read.is_empty() => Ok(records),
        Ok(_) => Err(invalid_file(what, read)),
        Err(more) => {
            let mut problems = read;
            problems.extend(more);
            problems.sort_by_key(|p| (p.record, p.line));
            Err(invalid_file(what, problems))
        }
    }
}

/// Turns collected problems into the error of contract §4 (exit 7).
pub fn invalid_file(what: &str, problems: Vec<Problem>) -> Error {
    Error::invalid(format!(
        "{what} has {} problem{}; nothing was written",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    ))
    .with_details(problems.iter().map(Problem::to_string).collect())
    .with_hint("fix the records listed and run the command again")
}

/// Splits a file into records. `list_key` is the key of the wrapped JSON
/// form (`{"mappings": [...]}`); CSV cells named in `json_columns` hold JSON.
/// Records that cannot be read are problems; the readable ones still come
/// back, so that validation can report their problems in the same run.
pub fn read_records(
    text: &str,
    format: FileFormat,
    list_key: &str,
    json_columns: &[&str],
) -> (Vec<Fields>, Vec<Problem>) {
    let (mut fields, mut problems) = (Vec::new(), Vec::new());
    each_record(text, format, list_key, json_columns, &mut |r| match r {
        Ok(f) => fields.push(f),
        Err(p) => problems.push(p),
    });
    (fields, problems)
}

/// Hands every record of a file (or the problem that keeps it from being
/// read) to `each` as it is read, so that a large file's records are never
/// all held at once.
pub fn each_record(
    text: &str,
    format: FileFormat,
    list_key: &str,
    json_columns: &[&str],
    each: &mut dyn FnMut(Result<Fields, Problem>),
) {
    // Editors on Windows start UTF-8 files with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        FileFormat::Json => stream_json(text, list_key, each),
        FileFormat::Jsonl => read_jsonl(text, each),
        FileFormat::Csv => read_csv(text, json_columns, each),
    }
}

fn syntax(line: usize, column: usize, message: String) -> Problem {
    Problem {
        record: None,
        line: Some(line),
        column: Some(column),
        message,
    }
}

fn as_object(v: Json, record: usize, line: Option<usize>) -> Result<Fields, Problem> {
    match v {
        Json::Object(values) => Ok(Fields {
            record,
            line,
            values,
        }),
        other => Err(Problem {
            record: Some(record),
            line,
            column: None,
            message: format!("a record must be a JSON object, not {}", type_name(&other)),
        }),
    }
}

fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// A JSON document of records, read one record at a time.
fn stream_json(text: &str, list_key: &str, each: &mut dyn FnMut(Result<Fields, Problem>)) {
    use serde::de::DeserializeSeed;
    let mut de = serde_json::Deserializer::from_str(text);
    let read = Document {
        list_key,
        each: &mut *each,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    if let Err(e) = read {
        let message = if e.is_data() {
            e.to_string()
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_owned()
        } else {
            format!("malformed JSON: {e}")
        };
        each(Err(syntax(e.line(), e.column(), message)));
    }
}

struct Document<'a> {
    list_key: &'a str,
    each: &'a mut dyn FnMut(Result<Fields, Problem>),
}

struct Items<'a> {
    each: &'a mut dyn FnMut(Result<Fields, Problem>),
}

impl<'de> serde::de::DeserializeSeed<'de> for Document<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Document<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an array of records or {{\"{}\": [...]}}", self.list_key)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        Items { each: self.each }.visit_seq(seq)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == self.list_key {
                map.next_value_seed(Items {
                    each: &mut *self.each,
                })?;
                found = true;
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        if found {
            Ok(())
        } else {
            Err(serde::de::Error::custom(format!(
                "expected an array of records or {{\"{}\": [...]}}",
                self.list_key
            )))
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Items<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Items<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut record = 0;
        while let Some(v) = seq.next_element::<Json>()? {
            record += 1;
            (self.each)(as_object(v, record, None));
        }
        Ok(())
    }
}

fn read_jsonl(text: &str, each: &mut dyn FnMut(Result<Fields, Problem>)) {
    let mut record = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        record += 1;
        each(match serde_json::from_str::<Json>(line) {
            Ok(v) => as_object(v, record, Some(i + 1)),
            Err(e) => Err(Problem {
                record: Some(record),
                line: Some(i + 1),
                column: Some(e.column()),
                message: format!("malformed JSON: {e}"),
            }),
        });
    }
}

fn read_csv(text: &str, json_columns: &[&str], each: &mut dyn FnMut(Result<Fields, Problem>)) {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::Headers)
        .from_reader(text.as_bytes());
    let headers = reader.headers().cloned();
    let headers = match headers {
        Ok(h) => h,
        Err(e) => return each(Err(syntax(1, 1, format!("malformed CSV header: {e}")))),
    };
    // Lines from byte offsets: the reader's own line count is off with CRLF.
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
        .collect();
    // (After a CRLF the reader places the next record at the LF.)
    let line_at = |p: &csv::Position| {
        let at = p.byte() as usize;
        let at = at + usize::from(text.as_bytes().get(at) == Some(&b'\n'));
        newlines.partition_point(|&n| n < at) + 1
    };
    for (i, row) in reader.records().enumerate() {
        let record = i + 1;
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(line_at);
                each(Err(Problem {
                    record: Some(record),
                    line,
                    column: None,
                    message: format!("malformed CSV: {e}"),
                }));
                continue;
            }
        };
        let line = row.position().map(line_at);
        let mut values = Map::new();
        let mut bad = None;
        for (name, cell) in headers.iter().zip(row.iter()) {
            let value = if json_columns.contains(&name) {
                if cell.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str(cell) {
                    Ok(v) => v,
                    Err(e) => {
                        bad = Some(format!("column {name} is not valid JSON: {e}"));
                        continue;
                    }
                }
            } else {
                Json::from(cell)
            };
            values.insert(name.to_owned(), value);
        }
        each(match bad {
            Some(message) => Err(Problem {
                record: Some(record),
                line,
                column: None,
                message,
            }),
            None => Ok(Fields {
                record,
                line,
                values,
            }),
        });
    }
}

/// A required text field; numbers are accepted as text (ids like 42).
fn text_field(f: &Fields, name: &str, required: bool) -> Result<Option<String>, Problem> {
    match f.values.get(name) {
        None | Some(Json::Null) if required => Err(f.problem(format!("missing field \"{name}\""))),
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) if required && s.trim().is_empty() => {
            Err(f.problem(format!("field \"{name}\" is empty")))
        }
        Some(Json::String(s)) => Ok(Some(s.clone())),
        // An integer is its digits; a number that JSON readers hold as a
        // float (1e2, or past 64 bits) would lose them: refuse it.
        Some(Json::Number(n)) if n.is_u64() || n.is_i64() => Ok(Some(n.to_string())),
        Some(Json::Number(_)) => Err(f.problem(format!(
            "field \"{name}\" is a number that cannot be kept exactly; write it as a string, e.g. \"{name}\": \"12345678901234567890\""
        ))),
        Some(other) => Err(f.problem(format!(
            "field \"{name}\" must be text, not {}",
            type_name(other)
        ))),
    }
}

/// The value of a field check; its problem, if any, joins the list.
fn keep(problems: &mut Vec<Problem>, checked: Result<Option<String>, Problem>) -> Option<String> {
    checked.unwrap_or_else(|p| {
        problems.push(p);
        None
    })
}

fn unknown_fields(f: &Fields, known: &[&str]) -> Vec<Problem> {
    f.values
        .keys()
        .filter(|k| !known.contains(&k.as_str()))
        .map(|k| {
            f.problem(format!(
                "unknown field \"{k}\" (known: {})",
                known.join(", ")
            ))
        })
        .collect()
}

const MAPPING_FIELDS: &[&str] = &[
    "org",
    "integration",
    "external_org_id",
    "external_org_name",
    "mapping_data",
    "ignore",
    // What `suggest -o json` adds to a record; `apply` reads past it.
    "org_name",
    "score",
    "confidence",
    "reason",
];

const IGNORE_FIELDS: &[&str] = &[
    "integration",
    "external_org_id",
    "external_org_name",
    "reason",
    "ignore",
];

/// An ignore record of an apply file (`{"integration","external_org_id","ignore":true}`).
#[derive(Debug, Clone, PartialEq)]
pub struct DesiredIgnore {
    pub record: usize,
    pub integration: String,
    pub external_org_id: String,
    pub external_org_name: Option<String>,
    pub reason: Option<String>,
}

/// Whether a record is an ignore record: `"ignore": true` (or `true` in a
/// CSV cell); `false`, empty or absent is a mapping.
fn ignore_flag(f: &Fields) -> Result<bool, Problem> {
    match f.values.get("ignore") {
        None | Some(Json::Null) | Some(Json::Bool(false)) => Ok(false),
        Some(Json::Bool(true)) => Ok(true),
        Some(Json::String(s)) if s.trim().is_empty() || s.trim().eq_ignore_ascii_case("false") => {
            Ok(false)
        }
        Some(Json::String(s)) if s.trim().eq_ignore_ascii_case("true") => Ok(true),
        Some(other) => Err(f.problem(format!(
            "field \"ignore\" must be true or false, not {}",
            type_name(other)
        ))),
    }
}

/// Validates every record of an apply file; all problems or all records.
pub fn validate_mappings(
    records: &[Fields],
    orgs: &[Org],
    registry: &Registry,
) -> Result<Vec<DesiredMapping>, Vec<Problem>> {
    let mut v = MappingValidator::new(orgs, registry);
    let out: Vec<DesiredMapping> = records.iter().filter_map(|f| v.check(f)).collect();
    v.finish().map(|_| out)
}

/// Checks the records of an apply file one at a time, remembering what a
/// later record is checked against (duplicates) and the problems found.
pub struct MappingValidator<'a> {
    orgs: &'a [Org],
    registry: &'a Registry,
    /// Org references resolved so far: a file names few orgs many times.
    resolved: HashMap<String, Result<Arc<Org>, String>>,
    seen: HashMap<(String, String, String), usize>,
    problems: Vec<Problem>,
    ignores: Vec<DesiredIgnore>,
}

impl<'a> MappingValidator<'a> {
    pub fn new(orgs: &'a [Org], registry: &'a Registry) -> Self {
        MappingValidator {
            orgs,
            registry,
            resolved: HashMap::new(),
            seen: HashMap::new(),
            problems: Vec::new(),
            ignores: Vec::new(),
        }
    }

    /// An ignore record, kept for [`MappingValidator::finish`].
    fn check_ignore(&mut self, f: &Fields) {
        let problems = &mut self.problems;
        let before = problems.len();
        // A CSV row has every column: an empty cell is no field.
        let blank = |k: &str| match f.values.get(k) {
            Some(Json::String(v)) => v.trim().is_empty(),
            Some(Json::Null) | None => true,
            _ => false,
        };
        problems.extend(
            f.values
                .keys()
                .filter(|k| !IGNORE_FIELDS.contains(&k.as_str()) && !blank(k))
                .map(|k| {
                    f.problem(format!(
                        "field \"{k}\" has no place in an ignore record (known: {}; an ignore record names no org)",
                        IGNORE_FIELDS.join(", ")
                    ))
                }),
        );
        let integration = keep(problems, text_field(f, "integration", true));
        let external_org_id = keep(problems, text_field(f, "external_org_id", true));
        let external_org_name = keep(problems, text_field(f, "external_org_name", false));
        let reason = keep(problems, text_field(f, "reason", false));
        let integration = integration.and_then(|i| match self.registry.resolve(&i) {
            Ok(info) => Some(info.name.clone()),
            Err(e) => {
                problems.push(f.problem(format!("{}; {}", e.message, e.hint.unwrap_or_default())));
                None
            }
        });
        if let Some(id) = &external_org_id
            && let Err(e) = model::validate_external_org_id(id)
        {
            problems.push(f.problem(e.message));
        }
        let (Some(integration), Some(external_org_id)) = (integration, external_org_id) else {
            return;
        };
        if problems.len() > before {
            return;
        }
        if let Some(first) = self
            .ignores
            .iter()
            .find(|i| i.integration == integration && i.external_org_id == external_org_id)
        {
            let first = first.record;
            problems.push(f.problem(format!(
                "duplicate of record {first} (ignore {integration} {external_org_id})"
            )));
            return;
        }
        self.ignores.push(DesiredIgnore {
            record: f.record,
            integration,
            external_org_id,
            external_org_name,
            reason,
        });
    }

    /// The record as a wanted mapping, or None (an ignore record, kept for
    /// [`MappingValidator::finish`], or a record with problems, kept too).
    pub fn check(&mut self, f: &Fields) -> Option<DesiredMapping> {
        match ignore_flag(f) {
            Ok(true) => {
                self.check_ignore(f);
                return None;
            }
            Ok(false) => {}
            Err(p) => {
                self.problems.push(p);
                return None;
            }
        }
        let problems = &mut self.problems;
        let before = problems.len();
        problems.extend(unknown_fields(f, MAPPING_FIELDS));
        let org = keep(problems, text_field(f, "org", true));
        let integration = keep(problems, text_field(f, "integration", true));
        let external_org_id = keep(problems, text_field(f, "external_org_id", true));
        let external_org_name = keep(problems, text_field(f, "external_org_name", false));
        let org = org.and_then(|o| {
            let orgs = self.orgs;
            let found = self.resolved.entry(o).or_insert_with_key(|o| {
                Repo::resolve_in(orgs, o)
                    .map(Arc::new)
                    .map_err(|e| e.message)
            });
            match found {
                Ok(org) => Some(org.clone()),
                Err(message) => {
                    problems.push(f.problem(message.clone()));
                    None
                }
            }
        });
        let integration = integration.and_then(|i| match self.registry.resolve(&i) {
            Ok(info) => Some(info.name.clone()),
            Err(e) => {
                problems.push(f.problem(format!("{}; {}", e.message, e.hint.unwrap_or_default())));
                None
            }
        });
        if let Some(id) = &external_org_id
            && let Err(e) = model::validate_external_org_id(id)
        {
            problems.push(f.problem(e.message));
        }
        if let Some(name) = &external_org_name
            && let Err(e) = model::validate_external_org_name(name)
        {
            problems.push(f.problem(e.message));
        }
        let mapping_data = match f.values.get("mapping_data") {
            None | Some(Json::Null) => None,
            Some(Json::Object(m)) => match model::check_mapping_data_size(m) {
                Ok(()) => Some(Json::Object(m.clone())),
                Err(e) => {
                    problems.push(f.problem(e.message));
                    None
                }
            },
            Some(other) => {
                problems.push(f.problem(format!(
                    "field \"mapping_data\" must be a JSON object, not {}",
                    type_name(other)
                )));
                None
            }
        };
        if problems.len() > before {
            return None;
        }
        let (org, integration, external_org_id) = (org?, integration?, external_org_id?);
        let key = (
            org.org_id.clone(),
            integration.clone(),
            external_org_id.clone(),
        );
        if let Some(first) = self.seen.get(&key) {
            problems.push(f.problem(format!(
                "duplicate of record {first} ({} → {integration} {external_org_id})",
                org.name
            )));
            return None;
        }
        self.seen.insert(key, f.record);
        Some(DesiredMapping {
            org,
            integration,
            external_org_id,
            external_org_name,
            mapping_data,
        })
    }

    /// The ignore records when no record had a problem; else every problem.
    pub fn finish(self) -> Result<Vec<DesiredIgnore>, Vec<Problem>> {
        if self.problems.is_empty() {
            Ok(self.ignores)
        } else {
            Err(self.problems)
        }
    }
}

const ORG_FIELDS: &[&str] = &["id", "name", "tenant_id"];

/// Validates every record of an orgs import file.
pub fn validate_orgs(records: &[Fields]) -> Result<Vec<DesiredOrg>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut names: HashMap<String, usize> = HashMap::new();
    for f in records {
        let before = problems.len();
        problems.extend(unknown_fields(f, ORG_FIELDS));
        let id = keep(&mut problems, text_field(f, "id", false)).filter(|s| !s.trim().is_empty());
        let name = keep(&mut problems, text_field(f, "name", true));
        let tenant =
            keep(&mut problems, text_field(f, "tenant_id", false)).filter(|s| !s.trim().is_empty());
        if let Some(id) = &id
            && let Err(e) = model::validate_org_id(id)
        {
            problems.push(f.problem(e.message));
        }
        if let Some(name) = &name
            && let Err(e) = model::validate_name("name", name, false)
        {
            problems.push(f.problem(e.message));
        }
        let tenant = match tenant.map(|t| model::validate_tenant_id(&t)).transpose() {
            Ok(t) => t,
            Err(e) => {
                problems.push(f.problem(e.message));
                None
            }
        };
        if problems.len() > before {
            continue;
        }
        let Some(name) = name else { continue };
        if let Some(id) = &id
            && let Some(first) = ids.insert(id.clone(), f.record)
        {
            problems.push(f.problem(format!("duplicate id {id:?} (record {first})")));
            continue;
        }
        if let Some(first) = names.insert(name.to_lowercase(), f.record) {
            problems.push(f.problem(format!("duplicate name {name:?} (record {first})")));
            continue;
        }
        out.push(DesiredOrg {
            id,
            name,
            tenant_id: tenant,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str, format: FileFormat) -> Result<Vec<Fields>, Vec<Problem>> {
        match read_records(text, format, "mappings", &["mapping_data"]) {
            (f, p) if p.is_empty() => Ok(f),
            (_, p) => Err(p),
        }
    }

    #[test]
    fn json_arrays_and_wrapped_lists_read_alike() {
        let a = fields(
            r#"[{"org":"a","integration":"halopsa","external_org_id":"1"}]"#,
            FileFormat::Json,
        )
        .unwrap();
        let b = fields(
            r#"{"mappings":[{"org":"a","integration":"halopsa","external_org_id":"1"}]}"#,
            FileFormat::Json,
        )
        .unwrap();
        assert_eq!(a[0].values, b[0].values);
        assert_eq!(a[0].record, 1);
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let p = fields("[\n {\"org\": \"a\",,}\n]", FileFormat::Json).unwrap_err();
        assert_eq!((p[0].line, p[0].column), (Some(2), Some(14)), "{}", p[0]);
        let p = fields("[1, {}]", FileFormat::Json).unwrap_err();
        assert_eq!(p[0].record, Some(1));
        assert!(p[0].message.contains("a number"));
    }

    #[test]
    fn json_lines_number_records_and_lines() {
        let text = "{\"org\":\"a\"}\n\n{\"org\":\n{\"org\":\"c\"}\n";
        let p = fields(text, FileFormat::Jsonl).unwrap_err();
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].record, p[0].line), (Some(2), Some(3)));
        assert!(p[0].column.is_some());
    }

    #[test]
    fn csv_reads_headers_and_json_columns() {
        let text = "org,integration,external_org_id,external_org_name,mapping_data\nacme,halopsa,42,\"Acme, Inc\",\"{\"\"a\"\":1}\"\nx,y,z,,\n";
        let r = fields(text, FileFormat::Csv).unwrap();
        assert_eq!(r[0].values["external_org_name"], "Acme, Inc");
        assert_eq!(r[0].values["mapping_data"], serde_json::json!({"a": 1}));
        assert_eq!(r[0].line, Some(2));
        assert!(
            !r[1].values.contains_key("mapping_data"),
            "an empty JSON cell is absent"
        );
        let p = fields("org,integration\na,b,c\n", FileFormat::Csv).unwrap_err();
        assert_eq!(p[0].line, Some(2));
    }

    #[test]
    fn crlf_csv_counts_lines_like_lf_csv() {
        let lf = "org,integration,external_org_id\na,b,1\n\"multi\nline\",b,2\nx,y\n";
        let crlf = lf.replace('\n', "\r\n");
        for text in [lf.to_owned(), crlf] {
            let (ok, problems) = read_records(&text, FileFormat::Csv, "mappings", &[]);
            let lines: Vec<_> = ok.iter().map(|f| f.line).collect();
            assert_eq!(lines, [Some(2), Some(3)], "{text:?}");
            assert_eq!(problems[0].line, Some(5), "{text:?}: {}", problems[0]);
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_data() {
        for format in [FileFormat::Json, FileFormat::Jsonl] {
            let text = "\u{feff}[{\"org\":\"a\"}]"
                .replace('[', if format == FileFormat::Json { "[" } else { "" })
                .replace(']', if format == FileFormat::Json { "]" } else { "" });
            let r = fields(&text, format).unwrap_or_else(|p| panic!("{format:?}: {p:?}"));
            assert_eq!(r[0].values["org"], "a");
        }
    }

    #[test]
    fn numbers_that_are_not_exact_integers_are_refused_as_ids() {
        let text = r#"[{"org":"a","integration":"i","external_org_id":99999999999999999999},
                       {"org":"a","integration":"i","external_org_id":1e2},
                       {"org":"a","integration":"i","external_org_id":18446744073709551615}]"#;
        let r = fields(text, FileFormat::Json).unwrap();
        let mut problems = Vec::new();
        assert_eq!(
            keep(&mut problems, text_field(&r[0], "external_org_id", true)),
            None
        );
        assert_eq!(
            keep(&mut problems, text_field(&r[1], "external_org_id", true)),
            None
        );
        assert_eq!(
            keep(&mut problems, text_field(&r[2], "external_org_id", true)).as_deref(),
            Some("18446744073709551615")
        );
        assert_eq!(problems.len(), 2);
        assert!(
            problems[0].message.contains("write it as a string"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn formats_come_from_the_extension() {
        assert_eq!(
            FileFormat::from_path(Path::new("m.JSON")),
            Some(FileFormat::Json)
        );
        assert_eq!(
            FileFormat::from_path(Path::new("m.ndjson")),
            Some(FileFormat::Jsonl)
        );
        assert_eq!(
            FileFormat::from_path(Path::new("m.csv")),
            Some(FileFormat::Csv)
        );
        assert_eq!(FileFormat::from_path(Path::new("m.txt")), None);
    }

    #[test]
    fn org_records_are_validated_together() {
        let (r, read_problems) = read_records(
            "id,name,tenant_id\na,Acme,\nb,acme,\nc/d,Globex,\ne,Initech,not-a-guid\n,Umbrella,\n",
            FileFormat::Csv,
            "orgs",
            &[],
        );
        assert!(read_problems.is_empty());
        let p = validate_orgs(&r).unwrap_err();
        let records: Vec<_> = p.iter().map(|p| p.record.unwrap()).collect();
        assert_eq!(records, [2, 3, 4], "{p:?}");
    }
}
