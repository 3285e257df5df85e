//! table | json | ndjson | csv rendering. Pure functions: the `Ui` writes the result.

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;
use serde_json::Value;

use mapctl_core::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// For people: times as ages (5m, 3d), mapping ids cut to 8 characters
    Table,
    /// A table with whole values: exact times, full ids (kubectl's `-o wide`)
    Wide,
    Json,
    Ndjson,
    Csv,
}

impl std::str::FromStr for OutputFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        <Self as clap::ValueEnum>::from_str(s, true).map_err(|_| {
            Error::invalid(format!("{s:?} is not an output format"))
                .with_hint("use one of table, json, ndjson, csv")
        })
    }
}

/// Something that prints as a table row for humans and as a JSON object for scripts.
pub trait Tabular: Serialize {
    fn headers() -> Vec<&'static str>;
    fn cells(&self) -> Vec<String>;
    /// The JSON keys in order: the CSV header, also for an empty list.
    fn json_keys() -> &'static [&'static str];
}

// Text for a terminal: hidden characters (an ESC that would retitle or
// clear the screen, a tab that breaks columns, a bidi override) escaped.
pub use mapctl_core::safe_text::terminal_safe;

fn safe_cells(cells: Vec<String>) -> Vec<String> {
    cells
        .into_iter()
        .map(|c| match terminal_safe(&c, false) {
            std::borrow::Cow::Borrowed(_) => c,
            std::borrow::Cow::Owned(escaped) => escaped,
        })
        .collect()
}

fn to_json<T: Serialize>(item: &T) -> Result<Value> {
    serde_json::to_value(item).map_err(|e| Error::internal(format!("cannot serialize output: {e}")))
}

/// A table that never wraps a cell: rows are fitted to the terminal first
/// ([`fit`]); not on a terminal, whole rows for `grep` and `awk`.
fn table() -> Table {
    let mut t = Table::new();
    t.load_style(presets::NOTHING);
    t.set_content_arrangement(ContentArrangement::Disabled);
    t
}

/// What people read at a glance (kubectl's convention): times as ages
/// (`5m`, `3h`, `2d`) and mapping ids cut to 8 characters, found by their
/// column; `-o wide`, JSON and CSV keep them whole.
fn compact(headers: &[String], rows: &mut [Vec<String>]) {
    let now = time::OffsetDateTime::now_utc();
    for (i, h) in headers.iter().enumerate() {
        let is_time = h == "UPDATED" || h == "CREATED" || h == "AT" || h.ends_with(" AT");
        let is_id = h == "MAPPING ID";
        if !is_time && !is_id {
            continue;
        }
        for row in rows.iter_mut() {
            let Some(cell) = row.get_mut(i) else { continue };
            if is_id && cell.chars().count() > 8 {
                *cell = cell.chars().take(8).collect();
            } else if is_time
                && let Ok(at) = time::OffsetDateTime::parse(
                    cell,
                    &time::format_description::well_known::Rfc3339,
                )
            {
                *cell = age(now - at);
            }
        }
    }
}

/// `45s`, `12m`, `5h`, `3d` (whole units, rounded down).
fn age(d: time::Duration) -> String {
    let s = d.whole_seconds().max(0);
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        3600..172_800 => format!("{}h", s / 3600),
        _ => format!("{}d", s / 86_400),
    }
}

/// Cuts cells so that every row fits `width` columns, as kubectl and gh
/// do: no cell wraps onto a second line; the widest column gives way
/// first, never below its header (which is never split) or 6 columns, and
/// a cut value ends in `…`.
pub(super) fn fit(headers: &[String], rows: &mut [Vec<String>], width: Option<u16>) {
    let Some(width) = width.map(usize::from) else {
        return;
    };
    let columns = headers.len();
    if columns == 0 {
        return;
    }
    let measure = |s: &str| console::measure_text_width(s);
    let mut widths: Vec<usize> = headers.iter().map(|h| measure(h)).collect();
    for row in rows.iter() {
        for (i, cell) in row.iter().enumerate().take(columns) {
            widths[i] = widths[i].max(measure(cell));
        }
    }
    let floor: Vec<usize> = headers.iter().map(|h| measure(h).max(6)).collect();
    let gaps = 2 * (columns - 1);
    let mut total: usize = widths.iter().sum::<usize>() + gaps;
    while total > width {
        // The widest column that can still give way.
        let Some((i, _)) = widths
            .iter()
            .enumerate()
            .filter(|(i, w)| **w > floor[*i])
            .max_by_key(|(_, w)| **w)
        else {
            break;
        };
        let give = (total - width).min(widths[i] - floor[i]).max(1);
        widths[i] -= give;
        total -= give;
    }
    for row in rows.iter_mut() {
        for (i, cell) in row.iter_mut().enumerate().take(columns) {
            if measure(cell) > widths[i] {
                *cell = console::truncate_str(cell, widths[i], "…").into_owned();
            }
        }
    }
}

/// Columns separated by two spaces, no border, no trailing blanks (kubectl style).
fn finish(mut t: Table) -> String {
    for column in t.column_iter_mut() {
        column.set_padding((0, 2));
    }
    let mut out = String::new();
    for line in t.to_string().lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A cell of CSV output: hidden characters escaped, formulas defused
/// (`mapctl_core::safe_text`; the CSV reader undoes both).
fn csv_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => mapctl_core::safe_text::csv_out(s).into_owned(),
        other => mapctl_core::safe_text::csv_out(&other.to_string()).into_owned(),
    }
}

fn render_csv<T: Tabular>(items: &[T]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::internal(format!("cannot write CSV: {e}"));
    w.write_record(T::json_keys()).map_err(fail)?;
    for item in items {
        let json = to_json(item)?;
        let row: Vec<String> = T::json_keys()
            .iter()
            .map(|k| csv_cell(json.get(*k).unwrap_or(&Value::Null)))
            .collect();
        w.write_record(&row).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::internal(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::internal(format!("CSV is not UTF-8: {e}")))
}

pub fn render_list<T: Tabular>(
    format: OutputFormat,
    items: &[T],
    width: Option<u16>,
) -> Result<String> {
    Ok(match format {
        // Serialized straight to text: no `Value` tree of 10,000 records first.
        OutputFormat::Json => {
            // Sized for the usual record up front: 10,000 records are not
            // copied over and over as the text grows.
            let mut bytes = Vec::with_capacity(items.len().saturating_mul(256) + 16);
            serde_json::to_writer_pretty(&mut bytes, items)
                .map_err(|e| Error::internal(format!("cannot serialize output: {e}")))?;
            bytes.push(b'\n');
            String::from_utf8(bytes).expect("serde_json writes UTF-8")
        }
        OutputFormat::Ndjson => {
            let mut text = String::new();
            for i in items {
                text.push_str(
                    &serde_json::to_string(i)
                        .map_err(|e| Error::internal(format!("cannot serialize output: {e}")))?,
                );
                text.push('\n');
            }
            text
        }
        OutputFormat::Csv => render_csv(items)?,
        OutputFormat::Table | OutputFormat::Wide => {
            if items.is_empty() {
                return Ok(String::new());
            }
            let headers: Vec<String> = T::headers().iter().map(|h| (*h).to_owned()).collect();
            let mut rows: Vec<Vec<String>> = items.iter().map(|i| safe_cells(i.cells())).collect();
            if format == OutputFormat::Table {
                compact(&headers, &mut rows);
            }
            fit(&headers, &mut rows, width);
            let mut t = table();
            t.set_header(headers);
            for row in rows {
                t.add_row(row);
            }
            finish(t)
        }
    })
}

/// Columns known only at run time (one per integration): `json` for
/// scripts (an array, or one object per line), `headers` and `rows` for
/// people (a table) and for CSV (cells defused, see `safe_text`).
pub fn render_grid(
    format: OutputFormat,
    json: &[Value],
    headers: &[String],
    rows: &[Vec<String>],
    width: Option<u16>,
) -> Result<String> {
    Ok(match format {
        OutputFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(json).expect("JSON values serialize")
        ),
        OutputFormat::Ndjson => json.iter().map(|v| format!("{v}\n")).collect(),
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let fail = |e: csv::Error| Error::internal(format!("cannot write CSV: {e}"));
            w.write_record(headers).map_err(fail)?;
            for row in rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| mapctl_core::safe_text::csv_out(c).into_owned())
                    .collect();
                w.write_record(&cells).map_err(fail)?;
            }
            let bytes = w
                .into_inner()
                .map_err(|e| Error::internal(format!("cannot write CSV: {e}")))?;
            String::from_utf8(bytes)
                .map_err(|e| Error::internal(format!("CSV is not UTF-8: {e}")))?
        }
        OutputFormat::Table | OutputFormat::Wide => {
            if rows.is_empty() {
                return Ok(String::new());
            }
            let mut rows: Vec<Vec<String>> = rows.iter().map(|r| safe_cells(r.clone())).collect();
            if format == OutputFormat::Table {
                compact(headers, &mut rows);
            }
            fit(headers, &mut rows, width);
            let mut t = table();
            t.set_header(headers.to_vec());
            for row in rows {
                t.add_row(row);
            }
            finish(t)
        }
    })
}

pub fn render_one<T: Tabular>(
    format: OutputFormat,
    item: &T,
    width: Option<u16>,
) -> Result<String> {
    Ok(match format {
        OutputFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&to_json(item)?).expect("JSON values serialize")
        ),
        OutputFormat::Ndjson => format!("{}\n", to_json(item)?),
        OutputFormat::Csv => render_csv(std::slice::from_ref(item))?,
        OutputFormat::Table | OutputFormat::Wide => {
            // One record, a field a line: a long value wraps in its column.
            let mut t = table();
            if let Some(w) = width {
                t.set_width(w);
                t.set_content_arrangement(ContentArrangement::Dynamic);
            }
            for (h, c) in T::headers().into_iter().zip(safe_cells(item.cells())) {
                t.add_row(vec![format!("{h}:"), c]);
            }
            finish(t)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_show_ages_and_short_ids_and_wide_keeps_them_whole() {
        let headers: Vec<String> = ["UPDATED", "MAPPING ID", "NAME"].map(String::from).to_vec();
        let at = (time::OffsetDateTime::now_utc() - time::Duration::hours(5))
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap();
        let id = "0f8fad5b-d9cb-469f-a165-70867728950e".to_owned();
        let mut rows = vec![vec![
            at.clone(),
            id.clone(),
            "2026-01-01T00:00:00Z".to_owned(),
        ]];
        compact(&headers, &mut rows);
        assert_eq!(rows[0][0], "5h");
        assert_eq!(rows[0][1], "0f8fad5b");
        assert_eq!(rows[0][2], "2026-01-01T00:00:00Z", "not a time column");
        assert_eq!(age(time::Duration::days(3)), "3d");
        assert_eq!(age(time::Duration::seconds(59)), "59s");
    }

    #[test]
    fn rows_fit_the_width_without_wrapping_or_splitting_a_header() {
        let headers: Vec<String> = ["INTEGRATION", "EXTERNAL ID", "NAME", "UPDATED"]
            .map(String::from)
            .to_vec();
        let mut rows = vec![vec![
            "halopsa".to_owned(),
            "0f8fad5b-d9cb-469f-a165-70867728950e".to_owned(),
            "A customer with a remarkably long registered company name Ltd".to_owned(),
            "2026-12-06T10:00:00Z".to_owned(),
        ]];
        fit(&headers, &mut rows, Some(80));
        let mut t = table();
        t.set_header(headers.clone());
        t.add_row(rows[0].clone());
        let text = finish(t);
        assert_eq!(text.lines().count(), 2, "one line a row: {text}");
        for line in text.lines() {
            assert!(console::measure_text_width(line) <= 80, "{line:?}");
        }
        assert!(text.starts_with("INTEGRATION  EXTERNAL ID"), "{text}");
        assert!(rows[0][2].ends_with('…'), "{:?}", rows[0]);
        // Not a terminal: whole values.
        let mut whole = rows.clone();
        whole[0][2] = "A customer with a remarkably long registered company name Ltd".into();
        let before = whole.clone();
        fit(&headers, &mut whole, None);
        assert_eq!(whole, before);
    }

    #[derive(Serialize)]
    struct Row {
        id: String,
        data: Value,
        note: Option<String>,
    }

    impl Tabular for Row {
        fn headers() -> Vec<&'static str> {
            vec!["ID", "NOTE"]
        }
        fn cells(&self) -> Vec<String> {
            vec![self.id.clone(), self.note.clone().unwrap_or_default()]
        }
        fn json_keys() -> &'static [&'static str] {
            &["id", "data", "note"]
        }
    }

    fn rows() -> Vec<Row> {
        vec![
            Row {
                id: "1".into(),
                data: serde_json::json!({"a": [1, 2]}),
                note: None,
            },
            Row {
                id: "2,x".into(),
                data: serde_json::json!({}),
                note: Some("say \"hi\"".into()),
            },
        ]
    }

    #[test]
    fn csv_has_the_json_keys_as_header_and_quotes_properly() {
        let out = render_list(OutputFormat::Csv, &rows(), None).unwrap();
        assert_eq!(
            out,
            "id,data,note\n1,\"{\"\"a\"\":[1,2]}\",\n\"2,x\",{},\"say \"\"hi\"\"\"\n"
        );
        let empty: Vec<Row> = vec![];
        assert_eq!(
            render_list(OutputFormat::Csv, &empty, None).unwrap(),
            "id,data,note\n"
        );
    }

    #[test]
    fn json_is_an_array_and_ndjson_one_object_per_line() {
        let json: Value =
            serde_json::from_str(&render_list(OutputFormat::Json, &rows(), None).unwrap()).unwrap();
        assert_eq!(json.as_array().unwrap().len(), 2);
        assert_eq!(json[0]["note"], Value::Null);
        let nd = render_list(OutputFormat::Ndjson, &rows(), None).unwrap();
        let lines: Vec<Value> = nd
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[1]["id"], "2,x");
        let one: Value =
            serde_json::from_str(&render_one(OutputFormat::Json, &rows()[0], None).unwrap())
                .unwrap();
        assert_eq!(one["id"], "1");
    }

    #[test]
    fn tables_have_headers_and_rows() {
        let out = render_list(OutputFormat::Table, &rows(), None).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[0].contains("ID") && lines[0].contains("NOTE"),
            "{out}"
        );
        assert!(out.contains("say \"hi\""));
        let one = render_one(OutputFormat::Table, &rows()[1], None).unwrap();
        assert!(one.contains("NOTE:") && one.contains("2,x"), "{one}");
    }

    #[test]
    fn tables_escape_control_characters_and_json_keeps_them() {
        let mut r = rows();
        r[0].id = "Evil\u{1b}]0;owned\u{7}\tCorp\u{9b}".into();
        let out = render_list(OutputFormat::Table, &r, None).unwrap();
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(
            out.contains("Evil\\u{1b}]0;owned\\u{7}\\tCorp\\u{9b}"),
            "{out}"
        );
        let json: Value =
            serde_json::from_str(&render_list(OutputFormat::Json, &r, None).unwrap()).unwrap();
        assert_eq!(json[0]["id"], r[0].id);
        assert_eq!(terminal_safe("a\nb", true), "a\nb");
        assert_eq!(terminal_safe("a\nb", false), "a\\nb");
    }

    #[test]
    fn formats_parse_case_insensitively() {
        assert_eq!("JSON".parse::<OutputFormat>().unwrap(), OutputFormat::Json);
        assert!("yaml".parse::<OutputFormat>().is_err());
    }
}
