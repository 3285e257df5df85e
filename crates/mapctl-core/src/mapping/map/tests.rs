//! `map`'s planner without a store: rows in, a plan or a refusal out.
use super::*;
use crate::store::entity::mapping_to_entity;

const STAMP: plan::Stamp = plan::Stamp {
    now: "2026-02-02T00:00:00Z",
    actor: "joe",
};

fn org(id: &str) -> Org {
    Org {
        org_id: id.into(),
        name: format!("Org {id}"),
        tenant_id: None,
        domains: Vec::new(),
        is_active: true,
        created_at: String::new(),
        updated_at: String::new(),
        created_by: String::new(),
    }
}

fn stored(org_id: &str, ext: &str, active: bool) -> (Mapping, Version) {
    let mut m = plan::created(
        &org_id.into(),
        &"halopsa".into(),
        &ext.into(),
        Some("Ext"),
        None,
        STAMP,
    );
    m.is_active = active;
    let e = mapping_to_entity(&m, Index::Org, None);
    (m, Version::of(&e))
}

fn snapshot(
    org_id: &str,
    ext: &str,
    org_rows: Vec<(Mapping, Version)>,
    same_external: Vec<(Mapping, Version)>,
) -> MapSnapshot {
    MapSnapshot {
        state: MapState {
            excluded: None,
            org_id: org_id.into(),
            integration: "halopsa".into(),
            external_org_id: ext.into(),
            wanted_id: model::mapping_id(org_id, "halopsa", ext),
            org_rows,
            same_external,
            owners_in_org_index: Vec::new(),
            ignored: None,
        },
        others_int_rows: HashMap::new(),
        owner_labels: vec!["Org globex (globex)".into()],
    }
}

fn request(org_id: &str, ext: &str, on_existing: OnExisting) -> MapRequest {
    MapRequest {
        org: org(org_id),
        integration: "halopsa".into(),
        external_org_id: ext.into(),
        external_org_name: None,
        mapping_data: None,
        on_existing,
        allow_shared: false,
    }
}

#[test]
fn a_new_triple_is_created_with_both_rows_to_write() {
    let snap = snapshot("acme", "42", vec![], vec![]);
    let (out, changes) =
        plan_map(&snap, &request("acme", "42", OnExisting::Refuse), STAMP).unwrap();
    assert_eq!(out.status, MapStatus::Created);
    assert_eq!(changes.len(), 1);
    assert!(changes[0].org_row.is_none() && changes[0].int_row.is_none());
    assert_eq!(out.mapping.org_name.as_deref(), Some("Org acme"));
}

#[test]
fn a_second_external_org_is_refused_replaced_or_added() {
    let snap = snapshot("acme", "43", vec![stored("acme", "42", true)], vec![]);
    let refused = plan_map(&snap, &request("acme", "43", OnExisting::Refuse), STAMP);
    assert!(
        matches!(refused, Err(Refusal::AlreadyMapped { ref others, .. }) if others[0].starts_with("42"))
    );
    let (out, changes) =
        plan_map(&snap, &request("acme", "43", OnExisting::Replace), STAMP).unwrap();
    assert_eq!(out.replaced.len(), 1);
    assert!(!out.replaced[0].is_active && out.replaced[0].updated_by.as_deref() == Some("joe"));
    assert_eq!(
        changes.len(),
        2,
        "the old one deactivated, the new one created"
    );
    let (_, changes) = plan_map(&snap, &request("acme", "43", OnExisting::Add), STAMP).unwrap();
    assert_eq!(changes.len(), 1);
}

#[test]
fn an_external_org_of_another_org_is_refused_naming_it_unless_shared() {
    let theirs = stored("globex", "42", true);
    let snap = snapshot("acme", "42", vec![], vec![theirs]);
    let refused = plan_map(&snap, &request("acme", "42", OnExisting::Refuse), STAMP);
    assert_eq!(
        refused.err().unwrap().to_string(),
        "external org 42 of halopsa is already mapped to Org globex (globex)"
    );
    let mut shared = request("acme", "42", OnExisting::Refuse);
    shared.allow_shared = true;
    assert!(plan_map(&snap, &shared, STAMP).is_ok());
}

#[test]
fn an_active_triple_is_unchanged_and_a_soft_deleted_one_reactivated() {
    let snap = snapshot(
        "acme",
        "42",
        vec![stored("acme", "42", true)],
        vec![stored("acme", "42", true)],
    );
    let (out, changes) =
        plan_map(&snap, &request("acme", "42", OnExisting::Refuse), STAMP).unwrap();
    assert_eq!(out.status, MapStatus::Unchanged);
    assert!(
        changes[0].org_row_current,
        "nothing but a possible repair is written"
    );
    let snap = snapshot("acme", "42", vec![stored("acme", "42", false)], vec![]);
    let (out, _) = plan_map(&snap, &request("acme", "42", OnExisting::Refuse), STAMP).unwrap();
    assert_eq!(out.status, MapStatus::Reactivated);
}

#[test]
fn a_half_written_mapping_is_created_again_under_the_rules_not_unchanged() {
    // The org's row without its integration-index row: another request's
    // write in flight, and another org holds the external org.
    let theirs = stored("globex", "42", true);
    let snap = snapshot("acme", "42", vec![stored("acme", "42", true)], vec![theirs]);
    let refused = plan_map(&snap, &request("acme", "42", OnExisting::Refuse), STAMP);
    assert!(
        refused.is_err(),
        "not 'unchanged': {:?}",
        refused.map(|(o, _)| o.status)
    );
    // Nobody else holds it: completing it is creating it.
    let snap = snapshot("acme", "42", vec![stored("acme", "42", true)], vec![]);
    let (out, changes) =
        plan_map(&snap, &request("acme", "42", OnExisting::Refuse), STAMP).unwrap();
    assert_eq!(out.status, MapStatus::Created);
    assert!(!changes[0].org_row_current);
}

#[test]
fn a_half_written_mapping_completed_with_new_values_is_held_to_the_rules_too() {
    let theirs = stored("globex", "42", true);
    let snap = snapshot("acme", "42", vec![stored("acme", "42", true)], vec![theirs]);
    let mut renamed = request("acme", "42", OnExisting::Refuse);
    renamed.external_org_name = Some("A new name".into());
    let refused = plan_map(&snap, &renamed, STAMP);
    assert!(refused.is_err(), "{:?}", refused.map(|(o, _)| o.status));
    // Its integration-index row inactive (a reactivation cut short): the same.
    let snap = snapshot(
        "acme",
        "42",
        vec![stored("acme", "42", true)],
        vec![stored("acme", "42", false), stored("globex", "42", true)],
    );
    assert!(plan_map(&snap, &request("acme", "42", OnExisting::Refuse), STAMP).is_err());
}
