//! The audit history of contract §8: one `MappingHistory` row per write to a
//! mapping, after the index rows it describes. PartitionKey is the org id;
//! the RowKey sorts newest first (an inverted clock) and is unique (the
//! mapping id, a counter and a random tail).

use std::sync::atomic::{AtomicU32, Ordering};

use serde::Serialize;
use serde_json::{Map, Value as Json};

use super::{Entity, MAPPING_HISTORY, TableWrite, WriteOp};
use crate::model::Mapping;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Action {
    Create,
    Update,
    Deactivate,
    Reactivate,
    Purge,
    Test,
    Ignore,
    Unignore,
    Exclude,
    Include,
    Reject,
    Unreject,
    /// An org soft-deleted (`orgs remove`).
    RemoveOrg,
}

impl Action {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Deactivate => "deactivate",
            Action::Reactivate => "reactivate",
            Action::Purge => "purge",
            Action::Test => "test",
            Action::Ignore => "ignore",
            Action::Unignore => "unignore",
            Action::Exclude => "exclude",
            Action::Include => "include",
            Action::Reject => "reject",
            Action::Unreject => "unreject",
            Action::RemoveOrg => "remove_org",
        }
    }
}

/// One history row, in the JSON shape of `mapctl history -o json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub at: String,
    pub actor: String,
    pub action: String,
    /// None for an ignore record's row: it names no org.
    pub org_id: Option<String>,
    pub integration_name: String,
    pub external_org_id: String,
    pub(crate) mapping_id: String,
    pub before: Json,
    pub after: Json,
    pub command: String,
}

/// The contract properties of a mapping that change (its identity is the
/// row's own), as stored, by name.
fn properties(m: &Mapping) -> Vec<(&'static str, Json)> {
    super::entity::mapping_values(m)
        .filter(|(name, _)| !super::entity::IDENTITY_FIELDS.contains(name))
        .collect()
}

/// What changed from `before` to `after`: the action and the changed
/// properties on each side. None when nothing did.
pub(crate) fn diff(
    before: Option<&Mapping>,
    after: Option<&Mapping>,
) -> Option<(Action, Json, Json)> {
    let object = |pairs: Vec<(&'static str, Json)>| {
        Json::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    };
    match (before, after) {
        (None, None) => None,
        (None, Some(a)) => Some((
            Action::Create,
            Json::Object(Map::new()),
            object(properties(a)),
        )),
        (Some(b), None) => Some((
            Action::Purge,
            object(properties(b)),
            Json::Object(Map::new()),
        )),
        (Some(b), Some(a)) => {
            let (mut was, mut now) = (Vec::new(), Vec::new());
            for ((name, old), (_, new)) in properties(b).into_iter().zip(properties(a)) {
                if old != new {
                    was.push((name, old));
                    now.push((name, new));
                }
            }
            if now.is_empty() {
                return None;
            }
            let action = match (b.is_active, a.is_active) {
                (true, false) => Action::Deactivate,
                (false, true) => Action::Reactivate,
                _ if now
                    .iter()
                    .all(|(n, _)| matches!(*n, "LastTestedAt" | "LastTestResult")) =>
                {
                    Action::Test
                }
                _ => Action::Update,
            };
            Some((action, object(was), object(now)))
        }
    }
}

static SEQUENCE: AtomicU32 = AtomicU32::new(0);

/// A RowKey that sorts newest first and never repeats: microseconds before
/// the year 2286, the mapping id, a per-process counter and a random tail.
fn row_key(mapping_id: &str) -> String {
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as u64);
    let inverted = 9_999_999_999_999_999u64.saturating_sub(micros);
    let seq = SEQUENCE.fetch_add(1, Ordering::Relaxed) % 10_000;
    let tail = uuid::Uuid::new_v4().as_u128() as u16;
    format!("{inverted:016}_{mapping_id}_{seq:04}{tail:04x}")
}

/// The history row of a change of one mapping, if anything changed.
pub(crate) fn write_for(
    before: Option<&Mapping>,
    after: Option<&Mapping>,
    at: &str,
    actor: &str,
    command: &str,
) -> Option<TableWrite> {
    let (action, was, now) = diff(before, after)?;
    let m = after.or(before)?;
    let mut e = Entity::new(m.org_id.as_str(), row_key(&m.mapping_id));
    e.set("At", at);
    e.set("Actor", actor);
    e.set("Action", action.as_str());
    e.set("IntegrationName", m.integration_name.as_str());
    e.set("ExternalOrgId", m.external_org_id.as_str());
    e.set("MappingId", m.mapping_id.as_str());
    e.set("Before", was.to_string());
    e.set("After", now.to_string());
    e.set("Command", command);
    Some(TableWrite {
        table: MAPPING_HISTORY,
        op: WriteOp::Insert(e),
    })
}

/// The history row a crash lost, rebuilt from the mapping as stored: at
/// its `UpdatedAt`, by its `UpdatedBy` (else `CreatedBy`), every property
/// on the after side; the side before is not known, so it is empty.
pub(crate) fn recovered(m: &Mapping, command: &str) -> TableWrite {
    let action = if !m.is_active {
        Action::Deactivate
    } else if m.created_at == m.updated_at {
        Action::Create
    } else {
        Action::Update
    };
    let after: Map<String, Json> = properties(m)
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    let mut e = Entity::new(m.org_id.as_str(), row_key(&m.mapping_id));
    e.set("At", m.updated_at.as_str());
    e.set(
        "Actor",
        m.updated_by.as_deref().unwrap_or(m.created_by.as_str()),
    );
    e.set("Action", action.as_str());
    e.set("IntegrationName", m.integration_name.as_str());
    e.set("ExternalOrgId", m.external_org_id.as_str());
    e.set("MappingId", m.mapping_id.as_str());
    e.set("Before", Json::Object(Map::new()).to_string());
    e.set("After", Json::Object(after).to_string());
    e.set("Command", command);
    TableWrite {
        table: MAPPING_HISTORY,
        op: WriteOp::Insert(e),
    }
}

/// The partition of the history rows of ignore records (contract §8).
pub(crate) const IGNORED_PARTITION: &str = "_ignored";

/// The history row of an ignore record written (`ignore`) or removed
/// (`unignore`); `record` holds its properties as stored.
pub(crate) fn write_for_ignore(
    action: Action,
    record: &crate::store::ignore::Ignored,
    at: &str,
    actor: &str,
    command: &str,
) -> TableWrite {
    let key = record.row_key();
    let mut e = Entity::new(IGNORED_PARTITION, row_key(&key));
    let properties = serde_json::json!({
        "ExternalOrgName": record.external_org_name,
        "Reason": record.reason,
    });
    let (was, now) = match action {
        Action::Unignore => (properties, Json::Object(Map::new())),
        _ => (Json::Object(Map::new()), properties),
    };
    e.set("At", at);
    e.set("Actor", actor);
    e.set("Action", action.as_str());
    e.set("IntegrationName", record.integration.as_str());
    e.set("ExternalOrgId", record.external_org_id.as_str());
    e.set("MappingId", key.as_str());
    e.set("Before", was.to_string());
    e.set("After", now.to_string());
    e.set("Command", command);
    TableWrite {
        table: MAPPING_HISTORY,
        op: WriteOp::Insert(e),
    }
}

/// The history row of a decision written (`exclude`, `reject`) or taken
/// back (`include`, `unreject`): in the org's partition.
pub(crate) fn write_for_decision(
    action: Action,
    record: &crate::store::decisions::Decision,
    at: &str,
    actor: &str,
    command: &str,
) -> TableWrite {
    let key = record.row_key();
    let mut e = Entity::new(record.org_id.as_str(), row_key(&key));
    let mut properties = Map::new();
    if record.external_org_id.is_some() {
        properties.insert(
            "ExternalOrgName".into(),
            Json::from(record.external_org_name.as_str()),
        );
    }
    properties.insert("Reason".into(), Json::from(record.reason.as_str()));
    let properties = Json::Object(properties);
    let (was, now) = match action {
        Action::Include | Action::Unreject => (properties, Json::Object(Map::new())),
        _ => (Json::Object(Map::new()), properties),
    };
    e.set("At", at);
    e.set("Actor", actor);
    e.set("Action", action.as_str());
    e.set("IntegrationName", record.integration.as_str());
    e.set(
        "ExternalOrgId",
        record.external_org_id.as_deref().unwrap_or_default(),
    );
    e.set("MappingId", key.as_str());
    e.set("Before", was.to_string());
    e.set("After", now.to_string());
    e.set("Command", command);
    TableWrite {
        table: MAPPING_HISTORY,
        op: WriteOp::Insert(e),
    }
}

/// The history row of an org soft-deleted: in its partition, naming no
/// integration.
pub(crate) fn write_for_org(
    action: Action,
    org: &crate::model::Org,
    at: &str,
    actor: &str,
    command: &str,
) -> TableWrite {
    let mut e = Entity::new(org.org_id.as_str(), row_key(&org.org_id));
    e.set("At", at);
    e.set("Actor", actor);
    e.set("Action", action.as_str());
    e.set("IntegrationName", "");
    e.set("ExternalOrgId", "");
    e.set("MappingId", "");
    e.set(
        "Before",
        serde_json::json!({"IsActive": true, "Name": org.name}).to_string(),
    );
    e.set("After", serde_json::json!({"IsActive": false}).to_string());
    e.set("Command", command);
    TableWrite {
        table: MAPPING_HISTORY,
        op: WriteOp::Insert(e),
    }
}

/// A history row as read back (rows of other writers may lack fields).
pub(crate) fn entry_from(e: &Entity) -> Entry {
    let text = |n: &str| e.str(n).unwrap_or_default().to_owned();
    let json = |n: &str| {
        e.str(n)
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or(Json::Null)
    };
    Entry {
        at: text("At"),
        actor: text("Actor"),
        action: text("Action"),
        org_id: (e.partition_key != IGNORED_PARTITION).then(|| e.partition_key.clone()),
        integration_name: text("IntegrationName"),
        external_org_id: text("ExternalOrgId"),
        mapping_id: text("MappingId"),
        before: json("Before"),
        after: json("After"),
        command: text("Command"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping() -> Mapping {
        Mapping {
            mapping_id: "m1".into(),
            external_org_name: "Acme".into(),
            ..crate::test_support::mapping("acme", "halopsa", "42")
        }
    }

    #[test]
    fn each_kind_of_change_has_its_action_and_only_what_changed() {
        let a = mapping();
        assert_eq!(diff(None, Some(&a)).unwrap().0, Action::Create);
        assert_eq!(diff(Some(&a), None).unwrap().0, Action::Purge);
        assert!(diff(Some(&a), Some(&a)).is_none());
        let mut off = a.clone();
        off.is_active = false;
        off.updated_at = "2026-02-01T00:00:00Z".into();
        let (action, was, now) = diff(Some(&a), Some(&off)).unwrap();
        assert_eq!(action, Action::Deactivate);
        assert_eq!(
            was,
            serde_json::json!({"IsActive": true, "UpdatedAt": "2026-01-01T00:00:00Z"})
        );
        assert_eq!(
            now,
            serde_json::json!({"IsActive": false, "UpdatedAt": "2026-02-01T00:00:00Z"})
        );
        assert_eq!(diff(Some(&off), Some(&a)).unwrap().0, Action::Reactivate);
        let mut renamed = a.clone();
        renamed.external_org_name = "Acme Corp".into();
        assert_eq!(diff(Some(&a), Some(&renamed)).unwrap().0, Action::Update);
        let mut tested = a.clone();
        tested.last_tested_at = Some("2026-03-01T00:00:00Z".into());
        tested.last_test_result = Some("ok".into());
        assert_eq!(diff(Some(&a), Some(&tested)).unwrap().0, Action::Test);
    }

    #[test]
    fn row_keys_sort_newest_first_and_never_repeat() {
        let first = row_key("m1");
        std::thread::sleep(std::time::Duration::from_millis(2));
        let second = row_key("m1");
        assert!(second < first, "{second} sorts before {first}");
        let many: std::collections::HashSet<String> = (0..1000).map(|_| row_key("m1")).collect();
        assert_eq!(many.len(), 1000);
    }
}
