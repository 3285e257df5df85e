use super::*;

#[test]
fn prefix_bounds() {
    assert_eq!(prefix_upper_bound("halopsa_").as_deref(), Some("halopsa`"));
    assert_eq!(prefix_upper_bound("a\u{10FFFF}").as_deref(), Some("b"));
    assert_eq!(prefix_upper_bound(""), None);
    assert_eq!(prefix_upper_bound("\u{D7FF}").as_deref(), Some("\u{E000}"));
}

#[test]
fn query_matching_narrows_by_each_field() {
    let mut e = Entity::new("halopsa", "org1_abc");
    e.set("ExternalOrgId", "42");
    assert!(Query::partition("halopsa").matches(&e));
    assert!(!Query::partition("halopsa_eu").matches(&e));
    assert!(Query::all().with_prefix("org1_").matches(&e));
    assert!(!Query::all().with_prefix("org2_").matches(&e));
    assert!(Query::all().with_equals("ExternalOrgId", "42").matches(&e));
    assert!(!Query::all().with_equals("ExternalOrgId", "43").matches(&e));
}

#[test]
fn batches_are_checked_like_table_storage() {
    let op = |pk: &str, rk: &str| WriteOp::Upsert(Entity::new(pk, rk));
    assert!(check_batch("p", &[op("p", "1"), op("p", "2")]).is_ok());
    assert!(check_batch("p", &[op("p", "1"), op("q", "2")]).is_err());
    assert!(check_batch("p", &[op("p", "1"), op("p", "1")]).is_err());
    let many: Vec<_> = (0..101).map(|i| op("p", &i.to_string())).collect();
    assert!(check_batch("p", &many).is_err());
}

#[test]
fn writes_group_into_partition_batches_of_at_most_100() {
    let w = |t: &'static str, pk: &str, rk: usize| TableWrite {
        table: t,
        op: WriteOp::Upsert(Entity::new(pk, rk.to_string())),
    };
    let mut writes: Vec<TableWrite> = (0..250).map(|i| w("A", "p", i)).collect();
    writes.push(w("A", "q", 0));
    writes.push(w("B", "p", 0));
    let mut sorted = writes.clone();
    sorted.sort_by(|a, b| (a.table, a.op.partition_key()).cmp(&(b.table, b.op.partition_key())));
    let lazy: Vec<Batch> = consecutive_batches(sorted.into_iter()).collect();
    let batches = into_batches(writes);
    assert_eq!(
        lazy, batches,
        "the lazy batches of sorted writes are the same"
    );
    let shape: Vec<(&str, &str, usize)> = batches
        .iter()
        .map(|b| (b.table, b.partition_key.as_str(), b.ops.len()))
        .collect();
    assert_eq!(
        shape,
        [
            ("A", "p", 100),
            ("A", "p", 100),
            ("A", "p", 50),
            ("A", "q", 1),
            ("B", "p", 1)
        ]
    );
    assert_eq!(
        batches[1].ops[0].row_key(),
        "100",
        "order kept within a partition"
    );
}

#[test]
fn booleans_written_as_text_read_as_booleans() {
    let mut e = Entity::new("p", "r");
    e.set("A", "True");
    e.properties.insert("B".into(), Value::Int32(0));
    e.set("C", true);
    assert_eq!(e.bool("A"), Some(true));
    assert_eq!(e.bool("B"), Some(false));
    assert_eq!(e.bool("C"), Some(true));
    assert_eq!(e.bool("D"), None);
}

#[test]
fn an_etag_says_when_table_storage_wrote_the_row() {
    let at = etag_written_at("W/\"datetime'2026-12-02T01%3A18%3A28.1234567Z'\"").unwrap();
    assert_eq!(
        (at.year(), at.hour(), at.minute(), at.second()),
        (2026, 1, 18, 28)
    );
    // Another store's form says nothing.
    assert!(etag_written_at("W/\"x\"").is_none());
    assert!(etag_written_at("\"3\"").is_none());
}
