//! Org and Mapping <-> table entities: the wire layout of contract §2.
//! Rows are read by their properties, never by parsing a RowKey.

use serde_json::{Map, Value as Json};

use super::Entity;
use crate::error::{Error, Result};
use crate::model::{ExternalOrgId, IntegrationName, Mapping, MappingId, Org, OrgId};

pub(crate) const ORG_PARTITION: &str = "ORG";

pub(crate) fn org_to_entity(org: &Org) -> Entity {
    let mut e = Entity::new(ORG_PARTITION, org.org_id.as_str());
    e.set("Name", org.name.as_str());
    if let Some(t) = &org.tenant_id {
        e.set("TenantId", t.as_str());
    }
    // Always written, `[]` too: an update that clears them must not keep
    // the old value as another writer's property.
    e.set(
        "Domains",
        serde_json::to_string(&org.domains).unwrap_or_else(|_| "[]".into()),
    );
    e.set("IsActive", org.is_active);
    e.set("CreatedAt", org.created_at.as_str());
    e.set("UpdatedAt", org.updated_at.as_str());
    e.set("CreatedBy", org.created_by.as_str());
    e
}

pub(crate) fn org_from_entity(e: &Entity) -> Org {
    Org {
        org_id: crate::model::OrgId::from_row(e.row_key.clone()),
        name: e.str("Name").unwrap_or_default().to_owned(),
        tenant_id: e
            .str("TenantId")
            .filter(|t| !t.is_empty())
            .map(str::to_owned),
        // Absent on rows written by others: no domains.
        domains: e
            .str("Domains")
            .and_then(|d| serde_json::from_str::<Vec<String>>(d).ok())
            .unwrap_or_default(),
        is_active: e.bool("IsActive").unwrap_or(true),
        created_at: e.str("CreatedAt").unwrap_or_default().to_owned(),
        updated_at: e.str("UpdatedAt").unwrap_or_default().to_owned(),
        created_by: e.str("CreatedBy").unwrap_or_default().to_owned(),
    }
}

/// The two index rows of one mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    /// `OrgIntegrationMappings`: PK = org id, RK = `{integration}_{mapping_id}`. The source of truth.
    Org,
    /// `IntegrationMappings`: PK = integration, RK = `{org_id}_{mapping_id}`.
    Integration,
}

impl Index {
    pub(crate) fn table(self) -> &'static str {
        match self {
            Index::Org => super::ORG_INDEX,
            Index::Integration => super::INTEGRATION_INDEX,
        }
    }

    pub(crate) fn keys(self, m: &Mapping) -> (String, String) {
        match self {
            Index::Org => (
                m.org_id.to_string(),
                format!("{}_{}", m.integration_name, m.mapping_id),
            ),
            Index::Integration => (
                m.integration_name.to_string(),
                format!("{}_{}", m.org_id, m.mapping_id),
            ),
        }
    }
}

/// A mapping's property as stored, as JSON (null: not set).
type Property = fn(&Mapping) -> Json;

fn optional(v: &Option<String>) -> Json {
    v.clone().map_or(Json::Null, Json::from)
}

/// The one table of a mapping's contract properties (§2) and their fields:
/// the rows, the history and the comparison of two rows all read it.
pub(crate) const MAPPING_FIELDS: &[(&str, Property)] = &[
    ("MappingId", |m| Json::from(m.mapping_id.as_str())),
    ("OrgId", |m| Json::from(m.org_id.as_str())),
    ("IntegrationName", |m| {
        Json::from(m.integration_name.as_str())
    }),
    ("ExternalOrgId", |m| Json::from(m.external_org_id.as_str())),
    ("ExternalOrgName", |m| {
        Json::from(m.external_org_name.clone())
    }),
    ("MappingData", |m| m.mapping_data.clone()),
    ("IsActive", |m| Json::from(m.is_active)),
    ("CreatedAt", |m| Json::from(m.created_at.clone())),
    ("UpdatedAt", |m| Json::from(m.updated_at.clone())),
    ("CreatedBy", |m| Json::from(m.created_by.clone())),
    ("UpdatedBy", |m| optional(&m.updated_by)),
    ("LastTestedAt", |m| optional(&m.last_tested_at)),
    ("LastTestResult", |m| optional(&m.last_test_result)),
];

/// The properties that name a mapping (its identity), not its state.
pub(crate) const IDENTITY_FIELDS: &[&str] =
    &["MappingId", "OrgId", "IntegrationName", "ExternalOrgId"];

/// Whether mapctl writes this property on a mapping row (others' are
/// kept as they are).
pub(crate) fn is_mapping_property(name: &str) -> bool {
    MAPPING_FIELDS.iter().any(|(n, _)| *n == name)
}

/// Each contract property of `m` by name, as JSON.
pub(crate) fn mapping_values(m: &Mapping) -> impl Iterator<Item = (&'static str, Json)> + '_ {
    MAPPING_FIELDS
        .iter()
        .map(move |(name, get)| (*name, get(m)))
}

/// Writes the mapping's properties over `base` (so properties that other
/// writers added survive our updates) under the keys of `index`. Free
/// text that quotes an echoed credential is masked on the write path
/// (`store::masked`), like every stored text.
pub fn mapping_to_entity(m: &Mapping, index: Index, base: Option<&Entity>) -> Entity {
    let (pk, rk) = index.keys(m);
    let mut e = Entity::new(pk, rk);
    if let Some(base) = base {
        e.properties = base.properties.clone();
    }
    for (name, value) in mapping_values(m) {
        match value {
            Json::Null => {
                e.properties.remove(name);
            }
            Json::Bool(b) => e.set(name, b),
            Json::String(s) => e.set(name, s),
            // MappingData: a JSON object, stored as its text.
            other => e.set(name, other.to_string()),
        }
    }
    e
}

/// What a writer keeps of a stored row besides the mapping it holds: where
/// it is, the version a conditional write names (its ETag), and the
/// properties other writers added (kept when mapctl rewrites the row).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Version {
    pub(crate) partition_key: String,
    pub(crate) row_key: String,
    pub(crate) etag: Option<String>,
    pub(crate) extras: Vec<(String, super::Value)>,
}

impl Version {
    pub(crate) fn of(e: &Entity) -> Version {
        Version {
            partition_key: e.partition_key.clone(),
            row_key: e.row_key.clone(),
            etag: e.etag.clone(),
            extras: e
                .properties
                .iter()
                .filter(|(k, _)| !is_mapping_property(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        }
    }
}

/// A mapping row of `index` read as the mapping it holds and its version.
pub(crate) fn versioned(e: &Entity, index: Index) -> Result<(Mapping, Version)> {
    Ok((mapping_from_entity(e, index)?, Version::of(e)))
}

/// The row that holds `m` at `version`: its keys, ETag and other writers'
/// properties, with the mapping's properties over them.
pub(crate) fn row_at(m: &Mapping, version: &Version) -> Entity {
    let mut base = Entity::new(version.partition_key.as_str(), version.row_key.as_str());
    base.properties.extend(version.extras.iter().cloned());
    let mut e = mapping_to_entity(m, Index::Org, Some(&base));
    e.partition_key = version.partition_key.clone();
    e.row_key = version.row_key.clone();
    e.etag = version.etag.clone();
    e
}

/// Reads a mapping row of either index. Rows written by the platform may lack
/// `IntegrationName` (integration index) or `OrgId`; their partition key is
/// then that value by definition of the layout.
pub(crate) fn mapping_from_entity(e: &Entity, index: Index) -> Result<Mapping> {
    let malformed = |what: &str| {
        Error::internal(format!(
            "row {}/{} of {} has {what}",
            e.partition_key,
            e.row_key,
            index.table()
        ))
        .with_remedy(crate::error::Remedy::RunDoctor)
    };
    let mapping_id = e
        .str("MappingId")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| malformed("no MappingId"))?
        .to_owned();
    let org_id = match (e.str("OrgId"), index) {
        (Some(o), _) if !o.is_empty() => o.to_owned(),
        (_, Index::Org) => e.partition_key.clone(),
        _ => return Err(malformed("no OrgId")),
    };
    let integration_name = match (e.str("IntegrationName"), index) {
        (Some(i), _) if !i.is_empty() => i.to_owned(),
        (_, Index::Integration) => e.partition_key.clone(),
        _ => return Err(malformed("no IntegrationName")),
    };
    let mapping_data = match e.str("MappingData").map(str::trim) {
        None | Some("") => Json::Object(Map::new()),
        // Kept as written if another writer stored something that is not JSON.
        Some(text) => serde_json::from_str(text).unwrap_or_else(|_| Json::from(text)),
    };
    let opt = |name: &str| e.str(name).filter(|s| !s.is_empty()).map(str::to_owned);
    Ok(Mapping {
        mapping_id: MappingId::from_row(mapping_id),
        org_id: OrgId::from_row(org_id),
        org_name: None,
        integration_name: IntegrationName::from_row(integration_name),
        external_org_id: ExternalOrgId::from_row(e.str("ExternalOrgId").unwrap_or_default()),
        external_org_name: e.str("ExternalOrgName").unwrap_or_default().to_owned(),
        mapping_data,
        is_active: e.bool("IsActive").unwrap_or(true),
        created_at: e.str("CreatedAt").unwrap_or_default().to_owned(),
        created_by: e.str("CreatedBy").unwrap_or_default().to_owned(),
        updated_at: opt("UpdatedAt")
            .or_else(|| opt("CreatedAt"))
            .unwrap_or_default(),
        updated_by: opt("UpdatedBy"),
        last_tested_at: opt("LastTestedAt"),
        last_test_result: opt("LastTestResult"),
    })
}

/// What in a mapping row `mapping_from_entity` reads leniently but `list`,
/// `export` and `apply` cannot use, each with how to mend it.
pub(crate) fn mapping_row_defects(e: &Entity) -> Vec<String> {
    let mut out = Vec::new();
    match e.properties.get("ExternalOrgId") {
        Some(super::Value::String(s)) if !s.trim().is_empty() => {}
        _ => out.push(
            "ExternalOrgId is missing or not text: set it to the external org's id, or purge the row (`mapctl unmap ORG INTEGRATION --mapping-id ID --purge`)".to_owned(),
        ),
    }
    if let Some(v) = e.properties.get("MappingData") {
        let ok = match v {
            super::Value::String(t) => {
                t.trim().is_empty() || matches!(serde_json::from_str(t), Ok(Json::Object(_)))
            }
            _ => false,
        };
        if !ok {
            out.push(
                "MappingData is not a JSON object: set it to a serialized object such as {} (`mapctl map ORG INTEGRATION --external-id ID --data '{}'` rewrites it)".to_owned(),
            );
        }
    }
    for name in ["CreatedAt", "UpdatedAt", "LastTestedAt"] {
        match e.properties.get(name) {
            None => {}
            Some(super::Value::String(t) | super::Value::DateTime(t))
                if t.is_empty() || is_time(t) => {}
            Some(_) => out.push(format!(
                "{name} is not an ISO 8601 UTC time: set it like 2026-01-15T10:30:00Z"
            )),
        }
    }
    for name in ["IsActive"] {
        if let Some(v) = e.properties.get(name)
            && !matches!(v, super::Value::Bool(_))
        {
            out.push(format!("{name} is not a boolean: set it to true or false"));
        }
    }
    out
}

/// The same for an org row.
pub(crate) fn org_row_defects(e: &Entity) -> Vec<String> {
    let mut out = Vec::new();
    match e.properties.get("Name") {
        Some(super::Value::String(s)) if !s.trim().is_empty() => {}
        _ => {
            out.push("Name is missing or not text: set it to the org's name (a string)".to_owned())
        }
    }
    if let Some(v) = e.properties.get("IsActive")
        && !matches!(v, super::Value::Bool(_))
    {
        out.push("IsActive is not a boolean: set it to true or false".to_owned());
    }
    if let Some(v) = e.properties.get("TenantId")
        && !matches!(v, super::Value::String(_))
    {
        out.push("TenantId is not text: set it to the tenant's GUID, or remove it".to_owned());
    }
    out
}

fn is_time(text: &str) -> bool {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::mapping_id;

    fn sample() -> Mapping {
        Mapping {
            mapping_id: mapping_id("org_1", "halopsa_eu", "42").into(),
            org_id: "org_1".into(),
            org_name: None,
            integration_name: "halopsa_eu".into(),
            external_org_id: "42".into(),
            external_org_name: "Acme".into(),
            mapping_data: serde_json::json!({"site": "main"}),
            is_active: true,
            created_at: "2026-01-15T10:30:00Z".into(),
            created_by: "jane".into(),
            updated_at: "2026-01-15T10:30:00Z".into(),
            updated_by: None,
            last_tested_at: None,
            last_test_result: None,
        }
    }

    #[test]
    fn both_index_rows_carry_every_property_under_their_keys() {
        let m = sample();
        let org = mapping_to_entity(&m, Index::Org, None);
        let int = mapping_to_entity(&m, Index::Integration, None);
        assert_eq!(org.partition_key, "org_1");
        assert_eq!(org.row_key, format!("halopsa_eu_{}", m.mapping_id));
        assert_eq!(int.partition_key, "halopsa_eu");
        assert_eq!(int.row_key, format!("org_1_{}", m.mapping_id));
        assert_eq!(org.properties, int.properties);
        assert_eq!(org.str("MappingData"), Some(r#"{"site":"main"}"#));
        assert_eq!(org.bool("IsActive"), Some(true));
        assert!(!org.properties.contains_key("UpdatedBy"));
        assert_eq!(mapping_from_entity(&org, Index::Org).unwrap(), m);
        assert_eq!(mapping_from_entity(&int, Index::Integration).unwrap(), m);
    }

    #[test]
    fn platform_rows_without_integration_name_read_from_their_partition() {
        let m = sample();
        let mut int = mapping_to_entity(&m, Index::Integration, None);
        int.properties.remove("IntegrationName");
        let got = mapping_from_entity(&int, Index::Integration).unwrap();
        assert_eq!(got.integration_name, "halopsa_eu");
        let mut org = mapping_to_entity(&m, Index::Org, None);
        org.properties.remove("IntegrationName");
        assert!(
            mapping_from_entity(&org, Index::Org).is_err(),
            "never parsed from the RowKey"
        );
    }

    #[test]
    fn unknown_properties_of_other_writers_survive_an_update() {
        let m = sample();
        let mut base = mapping_to_entity(&m, Index::Org, None);
        base.set("PlatformNote", "keep me");
        let mut changed = m.clone();
        changed.is_active = false;
        let e = mapping_to_entity(&changed, Index::Org, Some(&base));
        assert_eq!(e.str("PlatformNote"), Some("keep me"));
        assert_eq!(e.bool("IsActive"), Some(false));
    }
}
