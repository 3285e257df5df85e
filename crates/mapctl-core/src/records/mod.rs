//! Reading and validating the files of `apply` and `orgs import`: JSON (an
//! array, or `{"mappings": [...]}` / `{"orgs": [...]}`), JSON Lines, or CSV
//! with a header. Every problem is collected, with its 1-based record number
//! and, where the format has them, its line and column; nothing is written
//! unless there are none.

mod fields;
mod read;
mod validate;
mod validate_orgs;

pub use read::{
    Fields, FileFormat, Problem, all_or_problems, each_record, invalid_file, read_records,
};
pub use validate::{DesiredIgnore, MappingValidator};
pub use validate_orgs::validate_orgs;

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::fields::{keep, text_field};
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
