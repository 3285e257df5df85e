//! Entity properties <-> the OData JSON of Table Storage
//! (`{"Name":"x","Count":"5","Count@odata.type":"Edm.Int64"}`).
//! The local backend stores exactly this JSON, so both backends agree on types.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

use super::{StoreError, Value};

/// Keys that belong to the service, not to the entity's own properties.
fn is_system_key(key: &str) -> bool {
    key.starts_with("odata.")
        || key.contains("@odata.")
        || matches!(key, "PartitionKey" | "RowKey" | "Timestamp")
}

pub fn to_json(properties: &BTreeMap<String, Value>) -> Map<String, Json> {
    let mut out = Map::new();
    for (name, value) in properties {
        let (json, edm) = match value {
            Value::String(s) => (Json::from(s.as_str()), None),
            Value::Bool(b) => (Json::from(*b), None),
            Value::Int32(i) => (Json::from(*i), None),
            Value::Int64(i) => (Json::from(i.to_string()), Some("Edm.Int64")),
            Value::Double(d) => (Json::from(*d), Some("Edm.Double")),
            Value::DateTime(s) => (Json::from(s.as_str()), Some("Edm.DateTime")),
            Value::Guid(s) => (Json::from(s.as_str()), Some("Edm.Guid")),
            Value::Binary(s) => (Json::from(s.as_str()), Some("Edm.Binary")),
        };
        out.insert(name.clone(), json);
        if let Some(edm) = edm {
            out.insert(format!("{name}@odata.type"), Json::from(edm));
        }
    }
    out
}

pub(crate) fn from_json(object: &Map<String, Json>) -> Result<BTreeMap<String, Value>, StoreError> {
    let mut out = BTreeMap::new();
    for (name, json) in object {
        if is_system_key(name) {
            continue;
        }
        let edm = object
            .get(&format!("{name}@odata.type"))
            .and_then(Json::as_str);
        let bad = || StoreError::Other(format!("property {name} has an unexpected value: {json}"));
        let value = match (edm, json) {
            (None, Json::String(s)) => Value::String(s.clone()),
            (None, Json::Bool(b)) => Value::Bool(*b),
            (None, Json::Number(n)) => match n.as_i64().and_then(|i| i32::try_from(i).ok()) {
                Some(i) => Value::Int32(i),
                None => Value::Double(n.as_f64().ok_or_else(bad)?),
            },
            (None, Json::Null) => continue,
            (Some("Edm.Int64"), Json::String(s)) => Value::Int64(s.parse().map_err(|_| bad())?),
            (Some("Edm.Int64"), Json::Number(n)) => Value::Int64(n.as_i64().ok_or_else(bad)?),
            (Some("Edm.Double"), Json::Number(n)) => Value::Double(n.as_f64().ok_or_else(bad)?),
            (Some("Edm.Double"), Json::String(s)) => Value::Double(s.parse().map_err(|_| bad())?),
            (Some("Edm.DateTime"), Json::String(s)) => Value::DateTime(s.clone()),
            (Some("Edm.Guid"), Json::String(s)) => Value::Guid(s.clone()),
            (Some("Edm.Binary"), Json::String(s)) => Value::Binary(s.clone()),
            (Some("Edm.String"), Json::String(s)) => Value::String(s.clone()),
            (Some("Edm.Boolean"), Json::Bool(b)) => Value::Bool(*b),
            (Some("Edm.Int32"), Json::Number(n)) => Value::Int32(
                n.as_i64()
                    .and_then(|i| i32::try_from(i).ok())
                    .ok_or_else(bad)?,
            ),
            _ => return Err(bad()),
        };
        out.insert(name.clone(), value);
    }
    Ok(out)
}

/// When Table Storage wrote a row, from its ETag
/// (`W/"datetime'2026-12-02T01%3A18%3A28.1234567Z'"`); None for another form.
pub(crate) fn etag_written_at(etag: &str) -> Option<time::OffsetDateTime> {
    let start = etag.find("datetime'")? + "datetime'".len();
    let end = start + etag[start..].find('\'')?;
    let text = etag[start..end].replace("%3A", ":").replace("%3a", ":");
    time::OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_round_trips() {
        let mut props = BTreeMap::new();
        props.insert("S".to_owned(), Value::String("x".into()));
        props.insert("B".to_owned(), Value::Bool(true));
        props.insert("I".to_owned(), Value::Int32(-5));
        props.insert("L".to_owned(), Value::Int64(9_000_000_000));
        props.insert("D".to_owned(), Value::Double(1.5));
        props.insert(
            "T".to_owned(),
            Value::DateTime("2026-01-15T10:30:00Z".into()),
        );
        props.insert(
            "G".to_owned(),
            Value::Guid("0b9f3c2e-6d41-4a8e-9c57-3e1d2a7b8f60".into()),
        );
        props.insert("Y".to_owned(), Value::Binary("AAEC".into()));
        let json = to_json(&props);
        assert_eq!(json["L"], "9000000000");
        assert_eq!(json["L@odata.type"], "Edm.Int64");
        assert_eq!(from_json(&json).unwrap(), props);
    }

    #[test]
    fn service_metadata_is_not_a_property() {
        let json: Map<String, Json> = serde_json::from_str(
            r#"{"odata.etag":"W/\"x\"","PartitionKey":"p","RowKey":"r",
                "Timestamp":"2026-01-01T00:00:00Z","Timestamp@odata.type":"Edm.DateTime",
                "Name":"Acme"}"#,
        )
        .unwrap();
        let props = from_json(&json).unwrap();
        assert_eq!(props.len(), 1);
        assert_eq!(props["Name"], Value::String("Acme".into()));
    }

    #[test]
    fn a_mistyped_value_is_an_error_not_a_guess() {
        let json: Map<String, Json> =
            serde_json::from_str(r#"{"N":"abc","N@odata.type":"Edm.Int64"}"#).unwrap();
        assert!(from_json(&json).is_err());
    }
}
