//! How the model's types print: table columns for humans, JSON keys for scripts.

use crate::ui::Tabular;
use mapctl_core::integrations::IntegrationInfo;
use mapctl_core::mapping::RowProblem;
use mapctl_core::model::{Mapping, Org};

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

impl Tabular for Mapping {
    fn headers() -> Vec<&'static str> {
        vec![
            "ORG",
            "INTEGRATION",
            "EXTERNAL ID",
            "EXTERNAL NAME",
            "ACTIVE",
            "UPDATED",
            "MAPPING ID",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.org_name
                .clone()
                .unwrap_or_else(|| self.org_id.to_string()),
            self.integration_name.to_string(),
            self.external_org_id.to_string(),
            self.external_org_name.clone(),
            yes_no(self.is_active),
            self.updated_at.clone(),
            self.mapping_id.to_string(),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &[
            "mapping_id",
            "org_id",
            "org_name",
            "integration_name",
            "external_org_id",
            "external_org_name",
            "mapping_data",
            "is_active",
            "created_at",
            "created_by",
            "updated_at",
            "updated_by",
            "last_tested_at",
            "last_test_result",
        ]
    }
}

impl Tabular for mapctl_core::store::decisions::Decision {
    fn headers() -> Vec<&'static str> {
        vec![
            "DECISION",
            "ORG",
            "INTEGRATION",
            "EXTERNAL ID",
            "REASON",
            "AT",
            "BY",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.kind.as_str().to_owned(),
            self.org_id.clone(),
            self.integration.clone(),
            self.external_org_id.clone().unwrap_or_else(|| "–".into()),
            self.reason.clone(),
            self.created_at.clone(),
            self.created_by.clone(),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &[
            "kind",
            "org_id",
            "integration",
            "external_org_id",
            "external_org_name",
            "reason",
            "created_at",
            "created_by",
        ]
    }
}

impl Tabular for mapctl_core::store::ignore::Ignored {
    fn headers() -> Vec<&'static str> {
        vec![
            "INTEGRATION",
            "EXTERNAL ID",
            "NAME",
            "REASON",
            "IGNORED AT",
            "BY",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.integration.clone(),
            self.external_org_id.clone(),
            self.external_org_name.clone(),
            self.reason.clone(),
            self.created_at.clone(),
            self.created_by.clone(),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &[
            "integration",
            "external_org_id",
            "external_org_name",
            "reason",
            "created_at",
            "created_by",
        ]
    }
}

/// A history row's change for people: each property with its value before
/// and after (`ExternalOrgName: "Acme" → "Acme Corp"`); stamps left out,
/// the AT and ACTOR columns say them.
fn change_text(before: &serde_json::Value, after: &serde_json::Value) -> String {
    use serde_json::Value;
    const STAMPS: [&str; 4] = ["UpdatedAt", "UpdatedBy", "CreatedAt", "CreatedBy"];
    let empty = serde_json::Map::new();
    let (was, now) = (
        before.as_object().unwrap_or(&empty),
        after.as_object().unwrap_or(&empty),
    );
    let value = |v: &Value| {
        let text = match v {
            Value::String(s) => format!("{s:?}"),
            other => other.to_string(),
        };
        if text.chars().count() > 40 {
            format!("{}…", text.chars().take(39).collect::<String>())
        } else {
            text
        }
    };
    let mut keys: Vec<&String> = now.keys().chain(was.keys()).collect();
    keys.dedup();
    let mut seen = std::collections::HashSet::new();
    keys.into_iter()
        .filter(|k| !STAMPS.contains(&k.as_str()) && seen.insert(*k))
        .map(|k| match (was.get(k), now.get(k)) {
            (Some(a), Some(b)) => format!("{k}: {} → {}", value(a), value(b)),
            (None, Some(b)) => format!("{k}: {}", value(b)),
            (Some(a), None) => format!("{k}: {} → –", value(a)),
            (None, None) => String::new(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl Tabular for mapctl_core::store::history::Entry {
    fn headers() -> Vec<&'static str> {
        vec![
            "AT",
            "ACTION",
            "ORG",
            "INTEGRATION",
            "EXTERNAL ID",
            "ACTOR",
            "COMMAND",
            "CHANGE",
        ]
    }
    fn cells(&self) -> Vec<String> {
        let changed = change_text(&self.before, &self.after);
        vec![
            self.at.clone(),
            self.action.clone(),
            self.org_id.clone().unwrap_or_else(|| "–".into()),
            self.integration_name.clone(),
            self.external_org_id.clone(),
            self.actor.clone(),
            self.command.clone(),
            changed,
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &[
            "at",
            "actor",
            "action",
            "org_id",
            "integration_name",
            "external_org_id",
            "mapping_id",
            "before",
            "after",
            "command",
        ]
    }
}

impl Tabular for Org {
    fn headers() -> Vec<&'static str> {
        vec!["NAME", "ID", "TENANT ID", "DOMAINS", "ACTIVE"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.org_id.to_string(),
            self.tenant_id.clone().unwrap_or_default(),
            self.domains.join(", "),
            yes_no(self.is_active),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &["org_id", "name", "tenant_id", "domains", "is_active"]
    }
}

impl Tabular for IntegrationInfo {
    fn headers() -> Vec<&'static str> {
        vec![
            "NAME",
            "DISPLAY NAME",
            "ALIASES",
            "DISCOVERY",
            "CATEGORY",
            "CONFIGURED",
            "DEFINED IN",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.display_name.clone(),
            self.aliases.join(", "),
            yes_no(self.discovery),
            self.category.unwrap_or("").to_owned(),
            yes_no(self.configured),
            match &self.broken {
                Some(_) => format!("{} (broken)", self.defined_in),
                None => self.defined_in.clone(),
            },
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &[
            "name",
            "display_name",
            "aliases",
            "discovery",
            "category",
            "configured",
            "defined_in",
        ]
    }
}

impl Tabular for RowProblem {
    fn headers() -> Vec<&'static str> {
        vec!["KIND", "TABLE", "PARTITION KEY", "ROW KEY", "DETAIL"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.kind.as_str().to_owned(),
            self.table.to_owned(),
            self.partition_key.clone(),
            self.row_key.clone(),
            self.detail.clone(),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &[
            "kind",
            "table",
            "partition_key",
            "row_key",
            "mapping_id",
            "detail",
        ]
    }
}

impl Tabular for mapctl_core::mapping::suggest::ExplainedCandidate {
    fn headers() -> Vec<&'static str> {
        vec!["CANDIDATE", "ID", "SCORE", "EVIDENCE", "PROPOSED", "WHY"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.external_org_name.clone(),
            self.external_org_id.clone(),
            format!("{:.2}", self.score),
            self.reason.as_str().to_owned(),
            self.confidence
                .map_or_else(|| "–".to_owned(), |c| c.as_str().to_owned()),
            self.why.clone().unwrap_or_default(),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &[
            "external_org_id",
            "external_org_name",
            "score",
            "reason",
            "proposed",
            "confidence",
            "why",
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CSV header must be exactly the JSON keys, in order.
    fn keys_of<T: Tabular>(item: &T) -> Vec<String> {
        serde_json::to_value(item)
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    }

    #[test]
    fn json_keys_match_what_serializes() {
        let m = Mapping {
            mapping_id: "m".into(),
            org_id: "o".into(),
            org_name: None,
            integration_name: "halopsa".into(),
            external_org_id: "1".into(),
            external_org_name: String::new(),
            mapping_data: serde_json::json!({}),
            is_active: true,
            created_at: String::new(),
            created_by: String::new(),
            updated_at: String::new(),
            updated_by: None,
            last_tested_at: None,
            last_test_result: None,
        };
        assert_eq!(keys_of(&m), Mapping::json_keys());
        let o = Org {
            org_id: "o".into(),
            name: "n".into(),
            tenant_id: None,
            domains: Vec::new(),
            is_active: true,
            created_at: String::new(),
            updated_at: String::new(),
            created_by: String::new(),
        };
        assert_eq!(keys_of(&o), Org::json_keys());
        let i = IntegrationInfo {
            category: None,
            broken: None,
            declaration: None,
            name: "x".into(),
            display_name: "X".into(),
            aliases: vec![],
            discovery: false,
            configured: false,
            defined_in: "built-in".into(),
        };
        assert_eq!(keys_of(&i), IntegrationInfo::json_keys());
        assert_eq!(Mapping::headers().len(), m.cells().len());
        assert_eq!(Org::headers().len(), o.cells().len());
        assert_eq!(IntegrationInfo::headers().len(), i.cells().len());
    }
}
