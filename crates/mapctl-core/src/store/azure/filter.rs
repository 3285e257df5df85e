//! Table Storage's addressing: keys in an entity's path, and the OData
//! `$filter` of a query.

use crate::store::{Query, Value, prefix_upper_bound};

/// Keys inside `(PartitionKey='…',RowKey='…')` double their quotes.
pub(super) fn escape_key(key: &str) -> String {
    key.replace('\'', "''")
}

/// A string literal of an OData filter.
fn literal(v: &str) -> String {
    format!("'{}'", v.replace('\'', "''"))
}

fn filter_value(v: &Value) -> String {
    match v {
        Value::String(s) => literal(s),
        Value::Bool(b) => b.to_string(),
        Value::Int32(i) => i.to_string(),
        Value::Int64(i) => format!("{i}L"),
        Value::Double(d) => format!("{d:?}"),
        Value::DateTime(s) => format!("datetime{}", literal(s)),
        Value::Guid(s) => format!("guid{}", literal(s)),
        Value::Binary(s) => format!("X{}", literal(s)),
    }
}

/// The OData `$filter` of a query; None for a whole-table scan.
pub(crate) fn filter_text(q: &Query) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(pk) = &q.partition_key {
        parts.push(format!("PartitionKey eq {}", literal(pk)));
    }
    if let Some(prefix) = &q.row_key_prefix {
        parts.push(format!("RowKey ge {}", literal(prefix)));
        if let Some(upper) = prefix_upper_bound(prefix) {
            parts.push(format!("RowKey lt {}", literal(&upper)));
        }
    }
    for (name, value) in &q.equals {
        parts.push(format!("{name} eq {}", filter_value(value)));
    }
    (!parts.is_empty()).then(|| parts.join(" and "))
}
