//! The data model of contract §2: orgs, mappings, validated keys and the
//! deterministic mapping id.

use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::error::{Error, Result};

mod ids;
pub use ids::{ExternalOrgId, IntegrationName, MappingId, OrgId};

/// Namespace of the deterministic mapping id (contract §2). Never change it:
/// the platform computes the same ids.
pub(crate) const MAPPING_ID_NAMESPACE: Uuid = uuid::uuid!("0b9f3c2e-6d41-4a8e-9c57-3e1d2a7b8f60");

pub(crate) const MAX_ORG_ID_LEN: usize = 128;
pub(crate) const MAX_INTEGRATION_NAME_LEN: usize = 64;
pub(crate) const MAX_EXTERNAL_ID_LEN: usize = 200;
pub(crate) const MAX_NAME_LEN: usize = 400;
/// Azure string properties hold at most 32K UTF-16 code units; stay well below.
pub(crate) const MAX_MAPPING_DATA_LEN: usize = 30_000;
/// How deep `MappingData` may nest: an export wraps it twice more, and what
/// `apply` reads back must stay well inside JSON readers' limits (128).
pub(crate) const MAX_MAPPING_DATA_DEPTH: usize = 32;

/// `UUIDv5(namespace, "{org_id}/{integration_name}/{external_org_id}")`, lower-case hyphenated.
pub fn mapping_id(org_id: &str, integration_name: &str, external_org_id: &str) -> String {
    mapping_uuid(org_id, integration_name, external_org_id)
        .hyphenated()
        .to_string()
}

/// [`mapping_id`] as a UUID (a number to index by).
pub(crate) fn mapping_uuid(org_id: &str, integration_name: &str, external_org_id: &str) -> Uuid {
    let name = format!("{org_id}/{integration_name}/{external_org_id}");
    Uuid::new_v5(&MAPPING_ID_NAMESPACE, name.as_bytes())
}

/// Characters Azure Table Storage forbids in PartitionKey and RowKey.
fn forbidden_key_char(c: char) -> bool {
    matches!(c, '/' | '\\' | '#' | '?') || matches!(c as u32, 0x00..=0x1F | 0x7F..=0x9F)
}

fn describe_char(c: char) -> String {
    if c.is_control() {
        format!("control character U+{:04X}", c as u32)
    } else {
        format!("'{c}'")
    }
}

/// An org id as used in table keys: 1–128 characters, none of `/ \ # ?` or control characters.
pub(crate) fn validate_org_id(id: &str) -> Result<()> {
    validate_key_part("org id", id, MAX_ORG_ID_LEN)?;
    if id.trim() != id {
        return Err(
            Error::invalid(format!("org id {id:?} starts or ends with white space"))
                .with_hint("remove the surrounding spaces"),
        );
    }
    Ok(())
}

/// An integration name: lower-case letters, digits and `_`, starting with a letter.
pub(crate) fn validate_integration_name(name: &str) -> Result<()> {
    validate_key_part("integration name", name, MAX_INTEGRATION_NAME_LEN)?;
    let ok = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        return Err(Error::invalid(format!("invalid integration name {name:?}")).with_hint(
            "integration names use lower-case letters, digits and '_' and start with a letter, e.g. halopsa_eu",
        ));
    }
    Ok(())
}

fn validate_key_part(what: &str, value: &str, max: usize) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid(format!("{what} is empty")).with_hint(format!("give a {what}")));
    }
    if let Some(c) = value.chars().find(|&c| forbidden_key_char(c)) {
        return Err(Error::invalid(format!(
            "{what} {value:?} contains {}, which Azure Table Storage forbids in keys",
            describe_char(c)
        ))
        .with_hint(format!(
            "use a {what} without / \\ # ? or control characters"
        )));
    }
    let len = value.chars().count();
    if len > max {
        return Err(Error::invalid(format!(
            "{what} is {len} characters long; the limit is {max}"
        ))
        .with_hint(format!("use a shorter {what}")));
    }
    Ok(())
}

/// An external org id: 1–200 characters, any characters (it is never part of a key).
pub fn validate_external_org_id(id: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(Error::invalid("external org id is empty or blank")
            .with_remedy(crate::error::Remedy::GiveExternalId));
    }
    let len = id.chars().count();
    if len > MAX_EXTERNAL_ID_LEN {
        return Err(Error::invalid(format!(
            "external org id is {len} characters long; the limit is {MAX_EXTERNAL_ID_LEN}"
        ))
        .with_remedy(crate::error::Remedy::GiveExternalId));
    }
    // No system's id holds one (discovery leaves such records out); in a
    // typed or sent id it is a mistake or an attack on a terminal or a log.
    if id.chars().any(char::is_control) {
        return Err(Error::invalid(format!(
            "external org id {:?} holds a control character",
            id.escape_debug().to_string()
        ))
        .with_remedy(crate::error::Remedy::GiveExternalId));
    }
    Ok(())
}

/// The name an external system gives an org: its data, kept exact (a tab or
/// an escape in it is shown escaped on a terminal, never refused), bounded.
pub(crate) fn validate_external_org_name(name: &str) -> Result<()> {
    let len = name.chars().count();
    if len > MAX_NAME_LEN {
        return Err(Error::invalid(format!(
            "external org name is {len} characters long; the limit is {MAX_NAME_LEN}"
        ))
        .with_hint("use a shorter external org name"));
    }
    Ok(())
}

/// A name the MSP gives (an org's name): no control characters.
pub fn validate_name(what: &str, name: &str, allow_empty: bool) -> Result<()> {
    if !allow_empty && name.trim().is_empty() {
        return Err(Error::invalid(format!("{what} is empty")).with_hint(format!("give a {what}")));
    }
    let len = name.chars().count();
    if len > MAX_NAME_LEN {
        return Err(Error::invalid(format!(
            "{what} is {len} characters long; the limit is {MAX_NAME_LEN}"
        ))
        .with_hint(format!("use a shorter {what}")));
    }
    if name.chars().any(|c| c.is_control()) {
        return Err(
            Error::invalid(format!("{what} {name:?} contains control characters"))
                .with_hint("remove tabs, newlines and other control characters"),
        );
    }
    Ok(())
}

pub fn validate_tenant_id(id: &str) -> Result<String> {
    Uuid::parse_str(id)
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| {
            Error::invalid(format!("tenant id {id:?} is not a GUID")).with_hint(
                "pass the Microsoft 365 tenant id, e.g. 00000000-0000-0000-0000-000000000000",
            )
        })
}

/// Parses `--data`: a JSON object, of bounded size.
pub fn parse_mapping_data(text: &str) -> Result<Map<String, Value>> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Error::invalid(format!("mapping data is not valid JSON: {e}"))
            .with_remedy(crate::error::Remedy::GiveMappingDataObject)
    })?;
    let Value::Object(map) = value else {
        return Err(Error::invalid("mapping data must be a JSON object")
            .with_remedy(crate::error::Remedy::GiveMappingDataObject));
    };
    check_mapping_data_size(&map)?;
    Ok(map)
}

fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

pub(crate) fn check_mapping_data_size(map: &Map<String, Value>) -> Result<()> {
    let nesting = depth(&Value::Object(map.clone()));
    if nesting > MAX_MAPPING_DATA_DEPTH {
        return Err(Error::invalid(format!(
            "mapping data nests {nesting} levels deep; the limit is {MAX_MAPPING_DATA_DEPTH}"
        ))
        .with_hint("flatten the data: apply and export must read it back"));
    }
    let len = Value::Object(map.clone()).to_string().len();
    if len > MAX_MAPPING_DATA_LEN {
        return Err(Error::invalid(format!(
            "mapping data is {len} bytes serialized; the limit is {MAX_MAPPING_DATA_LEN}"
        ))
        .with_hint("keep large data elsewhere and store a reference in the mapping"));
    }
    Ok(())
}

/// An org's domains as given (`--domain`, an import's `domains`): each a
/// hostname (a website or an address gives its host), lower-case, `www.`
/// dropped, each once; one that is no hostname is refused.
pub fn validate_domains(given: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for d in given
        .iter()
        .flat_map(|d| d.split([',', ';']))
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        let host = crate::domains::normalize(d).ok_or_else(|| {
            Error::invalid(format!("domain {d:?} is not a hostname"))
                .with_hint("give the org's internet domain, e.g. acme.com")
        })?;
        // Evidence for matching must name one organization.
        if crate::domains::is_public(&host) {
            return Err(Error::invalid(format!(
                "domain {host} is a public mail, hosting or registry domain, shared by many organizations"
            ))
            .with_hint("give the org's own domain, e.g. acme.com"));
        }
        if !out.contains(&host) {
            out.push(host);
        }
        if out.len() > crate::domains::MAX_DOMAINS {
            return Err(Error::invalid(format!(
                "domains: more than {} for one org",
                crate::domains::MAX_DOMAINS
            ))
            .with_hint("give the org's own domains, not every host it uses"));
        }
    }
    Ok(out)
}

/// Free text a person gives with a record (an ignore reason, a note): at
/// most as long as a name, on both backends alike.
pub const MAX_TEXT_LEN: usize = MAX_NAME_LEN;

/// Free text of a field (`reason`): at most [`MAX_TEXT_LEN`] characters.
pub fn validate_text(field: &str, text: &str) -> Result<()> {
    let len = text.chars().count();
    if len > MAX_TEXT_LEN {
        return Err(Error::invalid(format!(
            "{field} is {len} characters long; the limit is {MAX_TEXT_LEN}"
        ))
        .with_hint(format!("shorten the {field}")));
    }
    Ok(())
}

/// The longest actor (who writes): an e-mail address or `api:NAME` fits.
pub const MAX_ACTOR_LEN: usize = 256;

/// What every writer checks before a mapping reaches the store (contract §2
/// and §4): an external id of 1–200 characters, a name of at most 400, and
/// mapping data that is an object `apply` reads back.
pub(crate) fn check_mapping(m: &Mapping) -> Result<()> {
    check_mapping_fields(
        &m.external_org_id,
        &m.external_org_name,
        Some(&m.mapping_data),
    )
}

/// [`check_mapping`] of the fields a writer gives (None: kept as stored).
pub(crate) fn check_mapping_fields(id: &str, name: &str, data: Option<&Value>) -> Result<()> {
    validate_external_org_id(id)?;
    validate_external_org_name(name)?;
    match data {
        None => Ok(()),
        Some(Value::Object(map)) => check_mapping_data_size(map),
        Some(_) => Err(Error::invalid("mapping data must be a JSON object")
            .with_hint(r#"wrap the value in an object, e.g. {"site":"main"}"#)),
    }
}

/// Now, as the ISO 8601 UTC timestamp stored in the tables (`2026-01-15T10:30:00Z`).
pub fn now_timestamp() -> String {
    format_timestamp(time::OffsetDateTime::now_utc())
}

pub fn format_timestamp(t: time::OffsetDateTime) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    t.to_offset(time::UtcOffset::UTC)
        .format(&f)
        .expect("a UTC timestamp always formats")
}

/// One of the MSP's own organizations.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Org {
    pub org_id: OrgId,
    pub name: String,
    pub tenant_id: Option<String>,
    /// The org's own internet domains (lower-case hostnames): evidence for
    /// matching (contract §2, §7).
    #[serde(default)]
    pub domains: Vec<String>,
    pub is_active: bool,
    #[serde(skip)]
    pub created_at: String,
    #[serde(skip)]
    pub updated_at: String,
    #[serde(skip)]
    pub created_by: String,
}

/// A mapping between an MSP org and an external org of one integration.
/// Field order is the JSON shape of contract §4.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Mapping {
    pub mapping_id: MappingId,
    pub org_id: OrgId,
    /// Filled from the Organizations table when shown; not stored on the mapping rows.
    pub org_name: Option<String>,
    pub integration_name: IntegrationName,
    pub external_org_id: ExternalOrgId,
    pub external_org_name: String,
    /// A JSON object for everything mapctl writes; kept as found otherwise.
    pub mapping_data: Value,
    pub is_active: bool,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: Option<String>,
    pub last_tested_at: Option<String>,
    pub last_test_result: Option<String>,
}

/// Whether `given` names the mapping id `full`: the whole id, or its start
/// (8 characters or more, as tables show it); a start several ids share
/// names several, which the caller reports.
pub(crate) fn id_matches(full: &str, given: &str) -> bool {
    full == given || (given.len() >= 8 && full.starts_with(given))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_id_is_uuid_v5_of_the_triple() {
        let id = mapping_id("org-1", "halopsa", "42");
        let parsed = Uuid::parse_str(&id).unwrap();
        assert_eq!(parsed.get_version_num(), 5);
        assert_eq!(id, id.to_lowercase());
        // Stable across runs and processes: the platform computes the same value.
        assert_eq!(id, mapping_id("org-1", "halopsa", "42"));
        assert_eq!(
            id,
            Uuid::new_v5(&MAPPING_ID_NAMESPACE, b"org-1/halopsa/42").to_string()
        );
        assert_ne!(id, mapping_id("org-1", "halopsa_eu", "42"));
        assert_ne!(id, mapping_id("org-1", "halopsa", "43"));
    }

    #[test]
    fn org_ids_with_forbidden_characters_are_refused() {
        for bad in [
            "a/b", "a\\b", "a#b", "a?b", "a\tb", "a\u{7f}b", "a\u{85}b", "",
        ] {
            let err = validate_org_id(bad).unwrap_err();
            assert_eq!(err.kind, crate::error::ErrorKind::InvalidInput, "{bad:?}");
        }
        assert!(validate_org_id(&"x".repeat(MAX_ORG_ID_LEN)).is_ok());
        assert!(validate_org_id(&"x".repeat(MAX_ORG_ID_LEN + 1)).is_err());
        assert!(validate_org_id(" acme").is_err());
        assert!(validate_org_id("acme-01_é").is_ok());
    }

    #[test]
    fn integration_names_are_lower_snake_case() {
        for good in [
            "halopsa",
            "halopsa_eu",
            "microsoft_graph",
            "datto_rmm",
            "x1",
        ] {
            assert!(validate_integration_name(good).is_ok(), "{good}");
        }
        for bad in [
            "", "HaloPSA", "halo-psa", "1halo", "halo/psa", "halo psa", "_x",
        ] {
            assert!(validate_integration_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn external_ids_allow_any_character_up_to_200() {
        assert!(validate_external_org_id("a/b#c?d\\e").is_ok());
        assert!(validate_external_org_id(&"é".repeat(200)).is_ok());
        assert!(validate_external_org_id(&"é".repeat(201)).is_err());
        assert!(validate_external_org_id("").is_err());
        assert!(validate_external_org_id("   ").is_err());
        assert!(validate_external_org_name("Acme\tCorp\u{1b}[2J").is_ok());
        assert!(validate_external_org_name(&"x".repeat(MAX_NAME_LEN + 1)).is_err());
        assert!(validate_name("org name", "Acme\tCorp", false).is_err());
    }

    #[test]
    fn mapping_data_must_be_an_object() {
        assert!(parse_mapping_data(r#"{"a":1}"#).is_ok());
        assert!(parse_mapping_data("[1]").is_err());
        assert!(parse_mapping_data("{").is_err());
        let big = format!(r#"{{"a":"{}"}}"#, "x".repeat(MAX_MAPPING_DATA_LEN));
        assert!(parse_mapping_data(&big).is_err());
    }

    #[test]
    fn tenant_ids_are_normalised_guids() {
        assert_eq!(
            validate_tenant_id("6B1D0C4E-0000-4000-8000-000000000001").unwrap(),
            "6b1d0c4e-0000-4000-8000-000000000001"
        );
        assert!(validate_tenant_id("acme").is_err());
    }

    #[test]
    fn timestamps_are_iso_8601_utc_seconds() {
        let t = time::macros::datetime!(2026-01-15 10:30:00.123 UTC);
        assert_eq!(format_timestamp(t), "2026-01-15T10:30:00Z");
    }
}
