//! Reading apply and import files: JSON (streamed record by record), JSON
//! Lines and CSV, each record with its number, line and column.

use std::fmt;
use std::path::Path;

use serde_json::{Map, Value as Json};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Json,
    /// JSON Lines: one object per line.
    Jsonl,
    Csv,
}

impl FileFormat {
    /// A format by its name (`json`, `jsonl`, `csv`).
    pub fn from_name(name: &str) -> Option<FileFormat> {
        match name {
            "json" => Some(FileFormat::Json),
            "jsonl" => Some(FileFormat::Jsonl),
            "csv" => Some(FileFormat::Csv),
            _ => None,
        }
    }

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
    pub(crate) values: Map<String, Json>,
}

impl Fields {
    pub(super) fn problem(&self, message: impl Into<String>) -> Problem {
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

pub(super) fn type_name(v: &Json) -> &'static str {
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
            // What `-o csv` escaped or defused, read back exactly.
            let cell = &*crate::safe_text::csv_in(cell);
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
