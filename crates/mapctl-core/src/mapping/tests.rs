//! The mapping rules against the real local backend, plus a fault-injecting
//! wrapper that behaves like Azure (no cross-table transaction) to simulate a
//! crash between the two index writes.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;
use crate::error::ErrorKind;
use crate::store::Value;
use crate::store::local::LocalBackend;

use crate::test_support::{Hook, PassThrough, block_on, leaked_tx};

const FIXED_CLOCK: &str = "2026-01-15T10:30:00Z";

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    repo: Transaction<'static>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mapctl.db");
    let backend = Arc::new(LocalBackend::open(&path).unwrap());
    Fixture {
        _dir: dir,
        path,
        repo: leaked_tx(backend, Some(FIXED_CLOCK)),
    }
}

fn req(org: &Org, integration: &str, ext: &str) -> MapRequest {
    MapRequest {
        org: org.clone(),
        integration: integration.into(),
        external_org_id: ext.into(),
        external_org_name: Some(format!("Ext {ext}")),
        mapping_data: None,
        on_existing: OnExisting::Refuse,
        allow_shared: false,
    }
}

fn request(desired: &[apply::DesiredMapping], prune: bool) -> apply::ApplyRequest {
    apply::ApplyRequest {
        mappings: desired.to_vec(),
        ignores: Vec::new(),
        decisions: Vec::new(),
        prune,
    }
}

async fn raw_rows(repo: &Repo, table: &str) -> Vec<Entity> {
    repo.backend().query(table, &Query::all()).await.unwrap()
}

#[test]
fn map_writes_both_index_rows_and_a_remap_writes_nothing() {
    let f = fixture();
    block_on(async {
        let acme = f
            .repo
            .add_org("Acme Corp", Some("acme"), None)
            .await
            .unwrap()
            .0;
        let out = f.repo.map(&req(&acme, "halopsa", "42")).await.unwrap();
        assert_eq!(out.status, MapStatus::Created);
        assert_eq!(
            out.mapping.mapping_id,
            model::mapping_id("acme", "halopsa", "42")
        );
        assert_eq!(out.mapping.org_name.as_deref(), Some("Acme Corp"));

        let org_rows = raw_rows(&f.repo, ORG_INDEX).await;
        let int_rows = raw_rows(&f.repo, INTEGRATION_INDEX).await;
        assert_eq!(org_rows.len(), 1);
        assert_eq!(int_rows.len(), 1);
        assert_eq!(org_rows[0].partition_key, "acme");
        assert_eq!(int_rows[0].partition_key, "halopsa");
        assert_eq!(org_rows[0].properties, int_rows[0].properties);

        let again = f.repo.map(&req(&acme, "halopsa", "42")).await.unwrap();
        assert_eq!(again.status, MapStatus::Unchanged);
        assert_eq!(
            raw_rows(&f.repo, ORG_INDEX).await[0].etag,
            org_rows[0].etag,
            "no write"
        );
        assert_eq!(
            raw_rows(&f.repo, INTEGRATION_INDEX).await[0].etag,
            int_rows[0].etag,
            "no write"
        );
        assert!(f.repo.check_store().await.unwrap().problems.is_empty());
    });
}

#[test]
fn a_second_external_org_needs_add_or_replace() {
    let f = fixture();
    block_on(async {
        let acme = f.repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
        f.repo
            .map(&req(&acme, "microsoft_graph", "t1"))
            .await
            .unwrap();
        let err = f
            .repo
            .map(&req(&acme, "microsoft_graph", "t2"))
            .await
            .unwrap_err();
        // A typed refusal: the command layer words it, with its flags.
        match err {
            RepoError::Refused(Refusal::AlreadyMapped { others, .. }) => {
                assert!(others[0].starts_with("t1"), "{others:?}")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            raw_rows(&f.repo, ORG_INDEX).await.len(),
            1,
            "nothing written"
        );

        let mut add = req(&acme, "microsoft_graph", "t2");
        add.on_existing = OnExisting::Add;
        assert_eq!(f.repo.map(&add).await.unwrap().status, MapStatus::Created);
        assert_eq!(
            f.repo.list(Some(&acme), None, false).await.unwrap().len(),
            2
        );

        let mut replace = req(&acme, "microsoft_graph", "t3");
        replace.on_existing = OnExisting::Replace;
        let out = f.repo.map(&replace).await.unwrap();
        let mut replaced: Vec<_> = out
            .replaced
            .iter()
            .map(|m| m.external_org_id.as_str())
            .collect();
        replaced.sort();
        assert_eq!(replaced, ["t1", "t2"]);
        let active = f.repo.list(Some(&acme), None, false).await.unwrap();
        assert_eq!(active.len(), 1);
        assert_eq!(active[0].external_org_id, "t3");
        let all = f.repo.list(Some(&acme), None, true).await.unwrap();
        assert_eq!(all.len(), 3, "replaced ones are soft-deleted, not removed");
        assert!(
            all.iter()
                .filter(|m| !m.is_active)
                .all(|m| m.updated_by.as_deref() == Some("jane"))
        );
        assert!(f.repo.check_store().await.unwrap().problems.is_empty());
    });
}

#[test]
fn a_shared_external_org_needs_allow_shared() {
    let f = fixture();
    block_on(async {
        let acme = f.repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
        let globex = f
            .repo
            .add_org("Globex", Some("globex"), None)
            .await
            .unwrap()
            .0;
        f.repo.map(&req(&acme, "halopsa", "42")).await.unwrap();
        let err = f
            .repo
            .map(&req(&globex, "halopsa", "42"))
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "external org 42 of halopsa is already mapped to Acme (acme)"
        );
        assert!(matches!(err, RepoError::Refused(Refusal::Shared { .. })));
        let mut shared = req(&globex, "halopsa", "42");
        shared.allow_shared = true;
        assert_eq!(
            f.repo.map(&shared).await.unwrap().status,
            MapStatus::Created
        );
        // The same external id in another integration is not shared.
        f.repo.map(&req(&globex, "halopsa_eu", "7")).await.unwrap();
        f.repo
            .map(&req(&acme, "halopsa_eu", "7"))
            .await
            .unwrap_err();
        f.repo.map(&req(&acme, "ninjaone", "42")).await.unwrap();
    });
}

#[test]
fn soft_delete_then_map_again_reactivates() {
    let f = fixture();
    block_on(async {
        let acme = f.repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
        let created = f
            .repo
            .map(&req(&acme, "halopsa", "42"))
            .await
            .unwrap()
            .mapping;
        let gone = f
            .repo
            .unmap_with(&acme, "halopsa", &UnmapSelector::Only, false, None)
            .await
            .unwrap();
        assert_eq!(gone.len(), 1);
        assert!(!gone[0].is_active);
        let err = f.repo.get(&acme, "halopsa", None).await.unwrap_err();
        assert!(matches!(err, RepoError::Failed(e) if e.kind == ErrorKind::NotFound));
        let int = raw_rows(&f.repo, INTEGRATION_INDEX).await;
        assert_eq!(
            int[0].bool("IsActive"),
            Some(false),
            "both rows soft-deleted"
        );

        let out = f.repo.map(&req(&acme, "halopsa", "42")).await.unwrap();
        assert_eq!(out.status, MapStatus::Reactivated);
        assert_eq!(out.mapping.mapping_id, created.mapping_id);
        assert_eq!(out.mapping.created_at, created.created_at);
        assert_eq!(out.mapping.updated_by.as_deref(), Some("jane"));
        assert!(f.repo.get(&acme, "halopsa", None).await.unwrap().is_active);

        f.repo
            .unmap_with(&acme, "halopsa", &UnmapSelector::All, true, None)
            .await
            .unwrap();
        assert!(raw_rows(&f.repo, ORG_INDEX).await.is_empty());
        assert!(raw_rows(&f.repo, INTEGRATION_INDEX).await.is_empty());
    });
}

#[test]
fn get_is_exactly_one() {
    let f = fixture();
    block_on(async {
        let acme = f.repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
        assert!(matches!(
            f.repo.get(&acme, "halopsa", None).await.unwrap_err(),
            RepoError::Failed(e) if e.kind == ErrorKind::NotFound
        ));
        f.repo.map(&req(&acme, "halopsa", "1")).await.unwrap();
        let mut add = req(&acme, "halopsa", "2");
        add.on_existing = OnExisting::Add;
        let second = f.repo.map(&add).await.unwrap().mapping;
        let err = f.repo.get(&acme, "halopsa", None).await.unwrap_err();
        assert!(
            matches!(&err, RepoError::Refused(Refusal::SeveralToGet { mappings, .. }) if mappings.len() == 2)
        );
        assert!(err.to_string().contains(second.mapping_id.as_str()));
        let got = f
            .repo
            .get(&acme, "halopsa", Some(&second.mapping_id))
            .await
            .unwrap();
        assert_eq!(got.external_org_id, "2");
        let err = f
            .repo
            .unmap_with(&acme, "halopsa", &UnmapSelector::Only, false, None)
            .await
            .unwrap_err();
        assert!(matches!(
            err,
            RepoError::Refused(Refusal::SeveralToUnmap { .. })
        ));
    });
}

#[test]
fn look_alike_integrations_never_mix() {
    let f = fixture();
    block_on(async {
        let acme = f.repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
        f.repo.map(&req(&acme, "halopsa", "1")).await.unwrap();
        f.repo.map(&req(&acme, "halopsa_eu", "2")).await.unwrap();
        assert_eq!(
            f.repo
                .get(&acme, "halopsa", None)
                .await
                .unwrap()
                .external_org_id,
            "1"
        );
        assert_eq!(
            f.repo
                .get(&acme, "halopsa_eu", None)
                .await
                .unwrap()
                .external_org_id,
            "2"
        );
        let by_int = f.repo.list(None, Some("halopsa"), false).await.unwrap();
        assert_eq!(by_int.len(), 1);
        assert_eq!(by_int[0].integration_name, "halopsa");
        let by_both = f
            .repo
            .list(Some(&acme), Some("halopsa"), false)
            .await
            .unwrap();
        assert_eq!(by_both.len(), 1);
        f.repo
            .unmap_with(&acme, "halopsa", &UnmapSelector::Only, false, None)
            .await
            .unwrap();
        assert!(
            f.repo
                .get(&acme, "halopsa_eu", None)
                .await
                .unwrap()
                .is_active
        );
    });
}

#[test]
fn org_names_resolve_case_insensitively_and_ambiguity_is_a_conflict() {
    let orgs = vec![
        Org {
            org_id: "a".into(),
            name: "Acme".into(),
            tenant_id: None,
            domains: Vec::new(),
            is_active: true,
            created_at: String::new(),
            updated_at: String::new(),
            created_by: String::new(),
        },
        Org {
            org_id: "b".into(),
            name: "ACME".into(),
            tenant_id: None,
            domains: Vec::new(),
            is_active: true,
            created_at: String::new(),
            updated_at: String::new(),
            created_by: String::new(),
        },
        Org {
            org_id: "c".into(),
            name: "Globex".into(),
            tenant_id: None,
            domains: Vec::new(),
            is_active: true,
            created_at: String::new(),
            updated_at: String::new(),
            created_by: String::new(),
        },
        Org {
            org_id: "d".into(),
            name: "Old".into(),
            tenant_id: None,
            domains: Vec::new(),
            is_active: false,
            created_at: String::new(),
            updated_at: String::new(),
            created_by: String::new(),
        },
    ];
    assert_eq!(Repo::resolve_in(&orgs, "globex").unwrap().org_id, "c");
    assert_eq!(Repo::resolve_in(&orgs, "b").unwrap().org_id, "b");
    let err = Repo::resolve_in(&orgs, "acme").unwrap_err();
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert!(err.message.contains("Acme (a)") && err.message.contains("ACME (b)"));
    assert_eq!(
        Repo::resolve_in(&orgs, "nope").unwrap_err().kind,
        ErrorKind::NotFound
    );
    assert_eq!(
        Repo::resolve_in(&orgs, "d").unwrap_err().kind,
        ErrorKind::NotFound
    );
}

#[test]
fn duplicate_org_ids_and_names_are_refused() {
    let f = fixture();
    block_on(async {
        f.repo.add_org("Acme", Some("acme"), None).await.unwrap();
        assert!(
            !f.repo.add_org("Acme", Some("acme"), None).await.unwrap().1,
            "the same org again is a no-op"
        );
        assert!(matches!(
            f.repo
                .add_org("Other", Some("acme"), None)
                .await
                .unwrap_err(),
            RepoError::Refused(Refusal::OrgIdTaken { .. })
        ));
        assert!(matches!(
            f.repo.add_org("ACME", None, None).await.unwrap_err(),
            RepoError::Refused(Refusal::OrgNameTaken { ref name, .. }) if name == "Acme"
        ));
        assert!(matches!(
            f.repo.add_org("Bad", Some("a/b"), None).await.unwrap_err(),
            RepoError::Failed(e) if e.kind == ErrorKind::InvalidInput
        ));
        assert_eq!(f.repo.list_orgs(true).await.unwrap().len(), 1);
    });
}

#[test]
fn rows_written_by_the_platform_are_read_and_matched_by_property() {
    let f = fixture();
    block_on(async {
        let acme = f.repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
        // A platform row: a v4 id, booleans as text, no IntegrationName on the integration index.
        let v4 = "3f1c2a44-7b1e-4c4e-9a2b-0d5e6f7a8b9c";
        let mut org_row = Entity::new("acme", format!("halopsa_{v4}"));
        for (k, v) in [
            ("MappingId", v4),
            ("OrgId", "acme"),
            ("IntegrationName", "halopsa"),
            ("ExternalOrgId", "42"),
            ("ExternalOrgName", "Acme HQ"),
            ("MappingData", "{\"site\":1}"),
            ("CreatedAt", "2025-12-01T00:00:00Z"),
            ("UpdatedAt", "2025-12-01T00:00:00Z"),
            ("CreatedBy", "platform"),
        ] {
            org_row.set(k, v);
        }
        org_row
            .properties
            .insert("IsActive".into(), Value::Bool(true));
        let mut int_row = org_row.clone();
        int_row.partition_key = "halopsa".into();
        int_row.row_key = format!("acme_{v4}");
        int_row.properties.remove("IntegrationName");
        let b = f.repo.backend();
        b.write(ORG_INDEX, WriteOp::Insert(org_row)).await.unwrap();
        b.write(INTEGRATION_INDEX, WriteOp::Insert(int_row))
            .await
            .unwrap();

        let got = f.repo.get(&acme, "halopsa", None).await.unwrap();
        assert_eq!(got.mapping_id, v4);
        assert_eq!(got.mapping_data, serde_json::json!({"site": 1}));
        assert_eq!(
            f.repo.list(None, Some("halopsa"), false).await.unwrap()[0].mapping_id,
            v4
        );
        assert!(
            f.repo.check_store().await.unwrap().problems.is_empty(),
            "the missing property is not a divergence"
        );
        // Mapping the same triple finds the platform's row instead of adding a second one.
        let out = f.repo.map(&req(&acme, "halopsa", "42")).await.unwrap();
        assert_eq!(out.mapping.mapping_id, v4);
        assert_eq!(raw_rows(&f.repo, ORG_INDEX).await.len(), 1);
    });
}

/// A crash at the Nth write or batch: it fails, nothing after it is sent.
struct CrashAt {
    writes: AtomicUsize,
    fail_at: usize,
}

#[async_trait::async_trait]
impl Hook for CrashAt {
    async fn before_write(&self, _: &LocalBackend, _: &str) -> Result<(), StoreError> {
        if self.writes.fetch_add(1, Ordering::SeqCst) + 1 == self.fail_at {
            return Err(StoreError::Unavailable("simulated crash".into()));
        }
        Ok(())
    }
}

fn faulty(path: &std::path::Path, fail_at: usize) -> PassThrough<CrashAt> {
    PassThrough {
        inner: LocalBackend::open(path).unwrap(),
        hook: CrashAt {
            writes: AtomicUsize::new(0),
            fail_at,
        },
    }
}

#[test]
fn a_crash_between_the_two_writes_is_found_and_repaired() {
    let f = fixture();
    block_on(async {
        let acme = f.repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
        let faulty = leaked_tx(Arc::new(faulty(&f.path, 2)), None);
        let err = Error::from(faulty.map(&req(&acme, "halopsa", "42")).await.unwrap_err());
        assert_eq!(err.kind, ErrorKind::Unavailable);
        // The org index (the truth) has the mapping; the integration index does not.
        assert_eq!(raw_rows(&f.repo, ORG_INDEX).await.len(), 1);
        assert!(raw_rows(&f.repo, INTEGRATION_INDEX).await.is_empty());
        let problems = f.repo.check_store().await.unwrap().problems;
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, RowProblemKind::MissingInIntegrationIndex);
        assert_eq!(f.repo.repair(&problems).await.unwrap(), 1);
        assert!(f.repo.check_store().await.unwrap().problems.is_empty());
        let int = raw_rows(&f.repo, INTEGRATION_INDEX).await;
        assert_eq!(int[0].str("ExternalOrgId"), Some("42"));
    });
}

#[test]
fn rerunning_the_same_map_after_a_crash_converges() {
    let f = fixture();
    block_on(async {
        let acme = f.repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
        let faulty = leaked_tx(Arc::new(faulty(&f.path, 2)), None);
        faulty.map(&req(&acme, "halopsa", "42")).await.unwrap_err();
        // The half-written mapping is completed, held to the rules: created.
        let out = faulty.map(&req(&acme, "halopsa", "42")).await.unwrap();
        assert_eq!(out.status, MapStatus::Created);
        let again = faulty.map(&req(&acme, "halopsa", "42")).await.unwrap();
        assert_eq!(again.status, MapStatus::Unchanged);
        assert!(f.repo.check_store().await.unwrap().problems.is_empty());
    });
}

#[test]
fn a_crash_during_purge_leaves_an_orphan_that_repair_removes() {
    let f = fixture();
    block_on(async {
        let acme = f.repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
        f.repo.map(&req(&acme, "halopsa", "42")).await.unwrap();
        let faulty = leaked_tx(Arc::new(faulty(&f.path, 2)), None);
        faulty
            .unmap_with(&acme, "halopsa", &UnmapSelector::Only, true, None)
            .await
            .unwrap_err();
        let problems = f.repo.check_store().await.unwrap().problems;
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, RowProblemKind::OrphanInIntegrationIndex);
        f.repo.repair(&problems).await.unwrap();
        assert!(raw_rows(&f.repo, INTEGRATION_INDEX).await.is_empty());
    });
}

#[test]
fn diverging_rows_are_rewritten_from_the_org_index() {
    let f = fixture();
    block_on(async {
        let acme = f.repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
        f.repo.map(&req(&acme, "halopsa", "42")).await.unwrap();
        let mut int = raw_rows(&f.repo, INTEGRATION_INDEX).await.remove(0);
        int.set("ExternalOrgName", "stale");
        int.set("IsActive", false);
        f.repo
            .backend()
            .write(INTEGRATION_INDEX, WriteOp::Upsert(int))
            .await
            .unwrap();
        let problems = f.repo.check_store().await.unwrap().problems;
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, RowProblemKind::Diverging);
        assert!(
            problems[0].detail.contains("ExternalOrgName")
                && problems[0].detail.contains("IsActive")
        );
        // A re-map of the same triple converges too: the integration row
        // said inactive, so it is completed as a new one, under the rules.
        assert_eq!(
            f.repo
                .map(&req(&acme, "halopsa", "42"))
                .await
                .unwrap()
                .status,
            MapStatus::Created
        );
        assert!(f.repo.check_store().await.unwrap().problems.is_empty());
    });
}

#[test]
fn malformed_rows_are_reported_not_guessed() {
    let f = fixture();
    block_on(async {
        let mut bad = Entity::new("acme", "halopsa_x");
        bad.set("OrgId", "acme");
        f.repo
            .backend()
            .write(ORG_INDEX, WriteOp::Insert(bad))
            .await
            .unwrap();
        let problems = f.repo.check_store().await.unwrap().problems;
        // No ExternalOrgId, and no MappingId to read it by.
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().all(|p| p.kind == RowProblemKind::Malformed));
        assert_eq!(f.repo.repair(&problems).await.unwrap(), 0);
    });
}

#[test]
fn concurrent_maps_of_one_triple_land_on_one_mapping() {
    let f = fixture();
    let acme = block_on(f.repo.add_org("Acme", Some("acme"), None))
        .unwrap()
        .0;
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let path = f.path.clone();
            let acme = acme.clone();
            std::thread::spawn(move || {
                let repo = leaked_tx(Arc::new(LocalBackend::open(&path).unwrap()), None);
                block_on(repo.map(&req(&acme, "halopsa", "42")))
                    .unwrap()
                    .status
            })
        })
        .collect();
    let statuses: Vec<MapStatus> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == MapStatus::Created)
            .count(),
        1,
        "{statuses:?}"
    );
    block_on(async {
        assert_eq!(raw_rows(&f.repo, ORG_INDEX).await.len(), 1);
        assert_eq!(raw_rows(&f.repo, INTEGRATION_INDEX).await.len(), 1);
    });
}

#[test]
fn kinds_print_as_they_serialize() {
    use super::apply::Action;
    for k in [
        RowProblemKind::MissingInIntegrationIndex,
        RowProblemKind::OrphanInIntegrationIndex,
        RowProblemKind::Diverging,
        RowProblemKind::Malformed,
    ] {
        assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
    }
    for a in [Action::Create, Action::Update, Action::Delete] {
        assert_eq!(serde_json::to_value(a).unwrap(), a.as_str());
    }
}

#[test]
fn a_bulk_apply_that_fails_part_way_converges_on_the_next_run() {
    use super::apply::DesiredMapping;
    let f = fixture();
    block_on(async {
        let mut orgs = Vec::new();
        for o in 0..6 {
            orgs.push(
                f.repo
                    .add_org(&format!("Org {o}"), Some(&format!("o{o}")), None)
                    .await
                    .unwrap()
                    .0,
            );
        }
        let desired: Vec<DesiredMapping> = (0..300)
            .map(|i| DesiredMapping {
                org: orgs[i % 6].clone().into(),
                integration: if i % 2 == 0 {
                    "halopsa".into()
                } else {
                    "ninjaone".into()
                },
                external_org_id: i.to_string().into(),
                external_org_name: None,
                mapping_data: None,
                exclusive: false,
            })
            .collect();
        // A backend without cross-table transactions that fails its 5th batch
        // (the org phase has 6 batches: one per org).
        let faulty = leaked_tx(Arc::new(faulty(&f.path, 5)), None);
        let mut plan = faulty.plan_apply(request(&desired, false)).await.unwrap();
        // Both index rows and a history row per mapping.
        assert_eq!(plan.row_writes(), 900);
        let err = Error::from(faulty.commit_apply(&mut plan, &|_| {}).await.unwrap_err());
        assert_eq!(err.kind, ErrorKind::Unavailable);
        assert!(err.message.contains("of 900 row writes"), "{}", err.message);
        assert!(matches!(
            err.remedy.as_deref(),
            Some(crate::error::Remedy::RerunOrRepair { .. })
        ));
        let org_rows = raw_rows(&f.repo, ORG_INDEX).await.len();
        assert!(org_rows > 0 && org_rows < 300, "part-way: {org_rows}");
        assert!(
            raw_rows(&f.repo, INTEGRATION_INDEX).await.is_empty(),
            "the integration phase never started"
        );
        assert!(
            !f.repo.check_store().await.unwrap().problems.is_empty(),
            "doctor sees it"
        );

        // The same apply again completes the rest and rebuilds the integration rows.
        let mut again = f.repo.plan_apply(request(&desired, false)).await.unwrap();
        assert_eq!(again.changes.len() + again.unchanged, 300);
        assert_eq!(
            again.repairs, org_rows,
            "mappings already written need their integration row"
        );
        f.repo.commit_apply(&mut again, &|_| {}).await.unwrap();
        assert_eq!(raw_rows(&f.repo, ORG_INDEX).await.len(), 300);
        assert_eq!(raw_rows(&f.repo, INTEGRATION_INDEX).await.len(), 300);
        assert!(f.repo.check_store().await.unwrap().problems.is_empty());
        let third = f.repo.plan_apply(request(&desired, false)).await.unwrap();
        assert_eq!(
            (third.changes.len(), third.unchanged, third.row_writes()),
            (0, 300, 0)
        );
    });
}
