use super::*;

fn backend() -> (tempfile::TempDir, LocalBackend) {
    let dir = tempfile::tempdir().unwrap();
    let b = LocalBackend::open(&dir.path().join("sub/dir/mapctl.db")).unwrap();
    (dir, b)
}

fn entity(pk: &str, rk: &str, name: &str) -> Entity {
    let mut e = Entity::new(pk, rk);
    e.set("Name", name);
    e
}

use crate::test_support::block_on;

#[test]
fn insert_is_conditional_and_replace_checks_the_etag() {
    let (_d, b) = backend();
    block_on(async {
        let etag = b
            .write("T", WriteOp::Insert(entity("p", "r", "a")))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            b.write("T", WriteOp::Insert(entity("p", "r", "b"))).await,
            Err(StoreError::AlreadyExists)
        );
        let new = b
            .write(
                "T",
                WriteOp::Replace {
                    entity: entity("p", "r", "c"),
                    if_match: etag.clone(),
                },
            )
            .await
            .unwrap()
            .unwrap();
        assert_ne!(new, etag);
        assert_eq!(
            b.write(
                "T",
                WriteOp::Replace {
                    entity: entity("p", "r", "d"),
                    if_match: etag.clone()
                }
            )
            .await,
            Err(StoreError::PreconditionFailed)
        );
        let got = b.get("T", "p", "r").await.unwrap().unwrap();
        assert_eq!(got.str("Name"), Some("c"));
        assert_eq!(got.etag.as_deref(), Some(new.as_str()));
        assert_eq!(
            b.write(
                "T",
                WriteOp::Delete {
                    partition_key: "p".into(),
                    row_key: "r".into(),
                    if_match: Some(etag)
                }
            )
            .await,
            Err(StoreError::PreconditionFailed)
        );
        b.write(
            "T",
            WriteOp::Delete {
                partition_key: "p".into(),
                row_key: "r".into(),
                if_match: Some(new),
            },
        )
        .await
        .unwrap();
        assert_eq!(b.get("T", "p", "r").await.unwrap(), None);
        assert_eq!(
            b.write(
                "T",
                WriteOp::Replace {
                    entity: entity("p", "r", "e"),
                    if_match: "*".into()
                }
            )
            .await,
            Err(StoreError::NotFound)
        );
    });
}

#[test]
fn tables_partitions_and_prefixes_are_kept_apart() {
    let (_d, b) = backend();
    block_on(async {
        for (t, pk, rk) in [
            ("A", "halopsa", "org1_x"),
            ("A", "halopsa_eu", "org1_y"),
            ("A", "halopsa", "org10_z"),
            ("B", "halopsa", "org1_w"),
        ] {
            b.write(t, WriteOp::Upsert(entity(pk, rk, rk)))
                .await
                .unwrap();
        }
        let rows = b.query("A", &Query::partition("halopsa")).await.unwrap();
        let keys: Vec<_> = rows.iter().map(|e| e.row_key.as_str()).collect();
        assert_eq!(keys, ["org10_z", "org1_x"]);
        let rows = b
            .query("A", &Query::partition("halopsa").with_prefix("org1_"))
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        let rows = b.query("A", &Query::all()).await.unwrap();
        assert_eq!(rows.len(), 3);
        let rows = b
            .query("A", &Query::all().with_equals("Name", "org1_y"))
            .await
            .unwrap();
        assert_eq!(rows[0].partition_key, "halopsa_eu");
    });
}

#[test]
fn a_failing_batch_writes_nothing() {
    let (_d, b) = backend();
    block_on(async {
        b.write("T", WriteOp::Insert(entity("p", "2", "old")))
            .await
            .unwrap();
        let ops = vec![
            WriteOp::Insert(entity("p", "1", "new")),
            WriteOp::Insert(entity("p", "2", "dup")),
        ];
        assert_eq!(b.batch("T", "p", ops).await, Err(StoreError::AlreadyExists));
        assert_eq!(b.get("T", "p", "1").await.unwrap(), None);
        let ok = vec![
            WriteOp::Insert(entity("p", "1", "new")),
            WriteOp::Upsert(entity("p", "2", "upd")),
        ];
        b.batch("T", "p", ok).await.unwrap();
        assert_eq!(
            b.get("T", "p", "2").await.unwrap().unwrap().str("Name"),
            Some("upd")
        );
    });
}

#[test]
fn writes_across_tables_are_one_transaction() {
    let (_d, b) = backend();
    block_on(async {
        b.write("B", WriteOp::Insert(entity("p", "r", "there")))
            .await
            .unwrap();
        let err = b
            .write_in_order(vec![
                TableWrite {
                    table: "A",
                    op: WriteOp::Insert(entity("p", "r", "a")),
                },
                TableWrite {
                    table: "B",
                    op: WriteOp::Insert(entity("p", "r", "b")),
                },
            ])
            .await
            .unwrap_err();
        assert_eq!(err.error, StoreError::AlreadyExists);
        assert_eq!(b.get("A", "p", "r").await.unwrap(), None, "rolled back");
    });
}

#[test]
fn an_exclusive_section_commits_or_rolls_back_as_one() {
    let (_d, b) = backend();
    block_on(async {
        assert!(b.begin_exclusive().await.unwrap());
        b.write("T", WriteOp::Insert(entity("p", "1", "a")))
            .await
            .unwrap();
        // A failing write inside the section undoes only itself.
        assert_eq!(
            b.write("T", WriteOp::Insert(entity("p", "1", "b"))).await,
            Err(StoreError::AlreadyExists)
        );
        assert!(b.get("T", "p", "1").await.unwrap().is_some(), "read back");
        b.end_exclusive(false).await.unwrap();
        assert_eq!(b.get("T", "p", "1").await.unwrap(), None, "rolled back");

        assert!(b.begin_exclusive().await.unwrap());
        b.write("T", WriteOp::Insert(entity("p", "2", "c")))
            .await
            .unwrap();
        b.end_exclusive(true).await.unwrap();
        assert!(b.get("T", "p", "2").await.unwrap().is_some(), "committed");
    });
}

#[test]
fn typed_properties_survive_storage() {
    let (_d, b) = backend();
    block_on(async {
        let mut e = Entity::new("p", "r");
        e.properties.insert("L".into(), Value::Int64(1 << 40));
        e.properties.insert("B".into(), Value::Bool(false));
        b.write("T", WriteOp::Upsert(e.clone())).await.unwrap();
        let got = b.get("T", "p", "r").await.unwrap().unwrap();
        assert_eq!(got.properties, e.properties);
    });
}

#[test]
fn two_processes_worth_of_writers_lose_nothing() {
    // Separate connections to one file behave like separate processes.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mapctl.db");
    LocalBackend::open(&path).unwrap();
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let b = LocalBackend::open(&path).unwrap();
                block_on(async {
                    for i in 0..50 {
                        b.write("T", WriteOp::Insert(entity("p", &format!("{t}-{i}"), "x")))
                            .await
                            .unwrap();
                    }
                })
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let b = LocalBackend::open(&path).unwrap();
    let n = block_on(b.query("T", &Query::all())).unwrap().len();
    assert_eq!(n, 200);
}
