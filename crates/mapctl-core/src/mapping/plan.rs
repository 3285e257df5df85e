//! The one rule of what a mapping becomes, for every command that changes
//! one: `map` and `apply` (wanted active, with a name and data), `unmap`,
//! `map --replace` and `apply --prune` (soft-deleted), and test results.
//! Pure: a mapping in, the mapping it becomes out.

use serde_json::Value as Json;

use super::MapStatus;
use crate::model::{ExternalOrgId, IntegrationName, Mapping, MappingId, OrgId};

/// When and by whom a change is made.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stamp<'a> {
    pub(crate) now: &'a str,
    pub(crate) actor: &'a str,
}

/// Which of several rows of one triple (other writers can make duplicates)
/// stands for it: the active one, then the one with mapctl's own id.
pub(crate) fn standing(m: &Mapping, own_id: &str) -> (bool, bool) {
    (m.is_active, m.mapping_id == own_id)
}

/// A new, active mapping of a triple, with the deterministic id.
pub(crate) fn created(
    org_id: &OrgId,
    integration: &IntegrationName,
    external_org_id: &ExternalOrgId,
    name: Option<&str>,
    data: Option<&Json>,
    stamp: Stamp<'_>,
) -> Mapping {
    Mapping {
        mapping_id: MappingId::of(org_id, integration, external_org_id),
        org_id: org_id.clone(),
        org_name: None,
        integration_name: integration.clone(),
        external_org_id: external_org_id.clone(),
        external_org_name: name.unwrap_or_default().to_owned(),
        mapping_data: data
            .cloned()
            .unwrap_or_else(|| Json::Object(Default::default())),
        is_active: true,
        created_at: stamp.now.to_owned(),
        created_by: stamp.actor.to_owned(),
        updated_at: stamp.now.to_owned(),
        updated_by: None,
        last_tested_at: None,
        last_test_result: None,
    }
}

/// The mapping wanted active, with this name and data (None keeps what is
/// stored), and whether that creates nothing new: unchanged, updated or
/// reactivated. Only a real change is stamped.
pub(crate) fn activated(
    current: &Mapping,
    name: Option<&str>,
    data: Option<&Json>,
    stamp: Stamp<'_>,
) -> (Mapping, MapStatus) {
    let mut after = current.clone();
    after.is_active = true;
    if let Some(name) = name {
        after.external_org_name = name.to_owned();
    }
    if let Some(data) = data {
        after.mapping_data = data.clone();
    }
    let status = if !current.is_active {
        MapStatus::Reactivated
    } else if after != *current {
        MapStatus::Updated
    } else {
        return (after, MapStatus::Unchanged);
    };
    after.updated_at = stamp.now.to_owned();
    after.updated_by = Some(stamp.actor.to_owned());
    (after, status)
}

/// The mapping soft-deleted.
pub(crate) fn deactivated(current: &Mapping, stamp: Stamp<'_>) -> Mapping {
    let mut after = current.clone();
    after.is_active = false;
    after.updated_at = stamp.now.to_owned();
    after.updated_by = Some(stamp.actor.to_owned());
    after
}

/// The mapping with a connection test's result: not a change of the
/// mapping itself, so `UpdatedAt` stays.
pub(crate) fn tested(current: &Mapping, result: &str, now: &str) -> Mapping {
    let mut after = current.clone();
    after.last_tested_at = Some(now.to_owned());
    after.last_test_result = Some(result.to_owned());
    after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping(active: bool) -> Mapping {
        Mapping {
            mapping_id: "m".into(),
            external_org_name: "Acme".into(),
            is_active: active,
            ..crate::test_support::mapping("acme", "halopsa", "42")
        }
    }

    const STAMP: Stamp = Stamp {
        now: "2026-02-02T00:00:00Z",
        actor: "joe",
    };

    #[test]
    fn wanting_what_is_stored_changes_nothing_and_stamps_nothing() {
        let m = mapping(true);
        let (after, status) = activated(&m, Some("Acme"), None, STAMP);
        assert_eq!((status, after), (MapStatus::Unchanged, m));
    }

    #[test]
    fn a_new_name_updates_and_a_soft_deleted_mapping_is_reactivated() {
        let (after, status) = activated(&mapping(true), Some("Acme Corp"), None, STAMP);
        assert_eq!(status, MapStatus::Updated);
        assert_eq!(
            (
                after.external_org_name.as_str(),
                after.updated_by.as_deref()
            ),
            ("Acme Corp", Some("joe"))
        );
        let data = serde_json::json!({"site": "main"});
        let (after, status) = activated(&mapping(false), None, Some(&data), STAMP);
        assert_eq!(status, MapStatus::Reactivated);
        assert!(after.is_active && after.mapping_data == data);
        assert_eq!(after.updated_at, STAMP.now);
    }

    #[test]
    fn deactivating_stamps_and_testing_does_not() {
        let off = deactivated(&mapping(true), STAMP);
        assert!(!off.is_active && off.updated_at == STAMP.now);
        let t = tested(&mapping(true), "ok", STAMP.now);
        assert_eq!(t.updated_at, "2026-01-01T00:00:00Z");
        assert_eq!(t.last_test_result.as_deref(), Some("ok"));
    }
}

/// One field a change sets, with its value before and after (contract
/// names: `external_org_name`, `mapping_data`, `is_active`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: Json,
    pub after: Json,
}

/// The fields a person set that differ from `before` to `after` (stamps
/// and test results left out: they say when, not what).
pub fn field_changes(before: &Mapping, after: &Mapping) -> Vec<FieldChange> {
    let pairs = [
        (
            "external_org_name",
            Json::from(before.external_org_name.as_str()),
            Json::from(after.external_org_name.as_str()),
        ),
        (
            "mapping_data",
            before.mapping_data.clone(),
            after.mapping_data.clone(),
        ),
        (
            "is_active",
            Json::from(before.is_active),
            Json::from(after.is_active),
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(field, before, after)| FieldChange {
            field,
            before,
            after,
        })
        .collect()
}
