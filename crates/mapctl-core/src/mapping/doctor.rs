//! `doctor`: both indexes compared row by row, rows that list/export/apply
//! would trip on, and the repair from the org index.

use std::collections::BTreeMap;

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowProblemKind {
    /// An org-index row with no integration-index row.
    MissingInIntegrationIndex,
    /// An integration-index row with no org-index row.
    OrphanInIntegrationIndex,
    /// Both rows exist but disagree.
    Diverging,
    /// A row mapctl cannot read (no MappingId, ...): fix by hand.
    Malformed,
    /// An active mapping of an external org that is also on the ignore
    /// list: a rule broken (mapped or ignored, never both), by whoever
    /// wrote the rows.
    MappedAndIgnored,
    /// An active mapping of an org that has no row in Organizations.
    OrgMissing,
    /// A half-written mapping (no integration row) of an external org that
    /// another org holds: completing it would make two owners, so a person
    /// decides (unmap it, or map it again with `--allow-shared`).
    Contended,
}

impl RowProblemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RowProblemKind::MissingInIntegrationIndex => "missing_in_integration_index",
            RowProblemKind::OrphanInIntegrationIndex => "orphan_in_integration_index",
            RowProblemKind::Diverging => "diverging",
            RowProblemKind::Malformed => "malformed",
            RowProblemKind::MappedAndIgnored => "mapped_and_ignored",
            RowProblemKind::OrgMissing => "org_missing",
            RowProblemKind::Contended => "contended",
        }
    }

    /// Whether `doctor --repair` mends it (from the org index); the others
    /// need a person's decision.
    pub fn repairable(self) -> bool {
        matches!(
            self,
            RowProblemKind::MissingInIntegrationIndex
                | RowProblemKind::OrphanInIntegrationIndex
                | RowProblemKind::Diverging
        )
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RowProblem {
    pub kind: RowProblemKind,
    pub table: &'static str,
    pub partition_key: String,
    pub row_key: String,
    pub(crate) mapping_id: Option<String>,
    pub detail: String,
    /// The org-index keys to rebuild the integration row from (None: not repairable).
    #[serde(skip)]
    repair_from: Option<(String, String)>,
}

/// Something doctor saw that may be meant, but is worth a look: an external
/// org with more than one active owner (`--allow-shared` makes that on
/// purpose; anything else is a rule broken by another writer).
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoreWarning {
    pub(crate) integration_name: String,
    pub(crate) external_org_id: String,
    pub(crate) org_ids: Vec<String>,
    pub detail: String,
}

/// What `doctor` finds in the store's rows.
#[derive(Debug, Clone, Default)]
pub struct StoreCheck {
    pub problems: Vec<RowProblem>,
    pub warnings: Vec<StoreWarning>,
}

impl Repo {
    /// Compares both indexes row by row, and holds the rows against the
    /// rules whoever wrote them: an external org mapped and ignored, a
    /// mapping whose org is gone (problems), an external org with several
    /// owners (a warning). Every table is read once, at once.
    pub async fn check_store(&self) -> Result<StoreCheck> {
        let (org_rows, int_rows, orgs, ignored) = futures_util::future::join4(
            self.backend.query(ORG_INDEX, &Query::all()),
            self.backend.query(INTEGRATION_INDEX, &Query::all()),
            self.backend
                .query(ORGANIZATIONS, &Query::partition(ORG_PARTITION)),
            self.ignored_in(None),
        )
        .await;
        let (org_rows, orgs, ignored) = (org_rows?, orgs?, ignored?);
        let mut int_rows: BTreeMap<(String, String), Entity> = int_rows?
            .into_iter()
            .map(|e| ((e.partition_key.clone(), e.row_key.clone()), e))
            .collect();
        let org_ids: std::collections::HashSet<&str> =
            orgs.iter().map(|o| o.row_key.as_str()).collect();
        let ignored: std::collections::HashSet<(&str, &str)> = ignored
            .iter()
            .map(|i| (i.integration.as_str(), i.external_org_id.as_str()))
            .collect();
        let mut owners: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        // Who holds each external org, from the org index (the truth).
        let mut holders: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for m in org_rows
            .iter()
            .filter_map(|r| mapping_from_entity(r, Index::Org).ok())
            .filter(|m| m.is_active)
        {
            holders
                .entry((
                    m.integration_name.to_string(),
                    m.external_org_id.to_string(),
                ))
                .or_default()
                .push(m.org_id.to_string());
        }
        let mut problems = Vec::new();
        let problem =
            |kind, table, e: &Entity, mapping_id: Option<String>, detail: String, repair_from| {
                RowProblem {
                    kind,
                    table,
                    partition_key: e.partition_key.clone(),
                    row_key: e.row_key.clone(),
                    mapping_id,
                    detail,
                    repair_from,
                }
            };
        for org in &orgs {
            for defect in org_row_defects(org) {
                problems.push(problem(
                    RowProblemKind::Malformed,
                    ORGANIZATIONS,
                    org,
                    None,
                    defect,
                    None,
                ));
            }
        }
        for row in &org_rows {
            for defect in mapping_row_defects(row) {
                problems.push(problem(
                    RowProblemKind::Malformed,
                    ORG_INDEX,
                    row,
                    row.str("MappingId").map(str::to_owned),
                    defect,
                    None,
                ));
            }
            let m = match mapping_from_entity(row, Index::Org) {
                Ok(m) => m,
                Err(e) => {
                    problems.push(problem(
                        RowProblemKind::Malformed,
                        ORG_INDEX,
                        row,
                        None,
                        e.message,
                        None,
                    ));
                    continue;
                }
            };
            if m.is_active {
                let external = (m.integration_name.as_str(), m.external_org_id.as_str());
                if !rules::may_map(ignored.contains(&external)) {
                    problems.push(problem(
                        RowProblemKind::MappedAndIgnored,
                        ORG_INDEX,
                        row,
                        Some(m.mapping_id.to_string()),
                        format!(
                            "{} {} is mapped to {} and on the ignore list; an external org is mapped or ignored, not both",
                            m.integration_name, m.external_org_id, m.org_id
                        ),
                        None,
                    ));
                }
                if !org_ids.contains(m.org_id.as_str()) {
                    problems.push(problem(
                        RowProblemKind::OrgMissing,
                        ORG_INDEX,
                        row,
                        Some(m.mapping_id.to_string()),
                        format!(
                            "{} {} is mapped to org {}, which has no row in {ORGANIZATIONS}",
                            m.integration_name, m.external_org_id, m.org_id
                        ),
                        None,
                    ));
                }
                let holders = owners
                    .entry((
                        m.integration_name.to_string(),
                        m.external_org_id.to_string(),
                    ))
                    .or_default();
                if !holders.iter().any(|h| *h == m.org_id) {
                    holders.push(m.org_id.to_string());
                }
            }
            let keys = (row.partition_key.clone(), row.row_key.clone());
            match int_rows.remove(&Index::Integration.keys(&m)) {
                None => {
                    let key = (
                        m.integration_name.to_string(),
                        m.external_org_id.to_string(),
                    );
                    let others: Vec<&String> = holders
                        .get(&key)
                        .map(|h| h.iter().filter(|o| **o != m.org_id).collect())
                        .unwrap_or_default();
                    if m.is_active && !others.is_empty() {
                        // Completing it would make two owners: a person decides.
                        problems.push(problem(
                            RowProblemKind::Contended,
                            ORG_INDEX,
                            row,
                            Some(m.mapping_id.to_string()),
                            format!(
                                "{} {} of {} was half-written (no row in {INTEGRATION_INDEX}) while {} holds it; not completed",
                                m.integration_name,
                                describe(&m),
                                m.org_id,
                                others
                                    .iter()
                                    .map(|o| o.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            None,
                        ));
                    } else {
                        problems.push(problem(
                            RowProblemKind::MissingInIntegrationIndex,
                            ORG_INDEX,
                            row,
                            Some(m.mapping_id.to_string()),
                            format!(
                                "{} {} has no row in {INTEGRATION_INDEX}",
                                m.integration_name,
                                describe(&m)
                            ),
                            Some(keys),
                        ));
                    }
                }
                Some(int) => {
                    let differs = match mapping_from_entity(&int, Index::Integration) {
                        Ok(other) => mapping_differences(&m, &other),
                        Err(e) => vec![e.message],
                    };
                    if !differs.is_empty() {
                        problems.push(problem(
                            RowProblemKind::Diverging,
                            INTEGRATION_INDEX,
                            &int,
                            Some(m.mapping_id.to_string()),
                            format!("differs from the org index in {}", differs.join(", ")),
                            Some(keys),
                        ));
                    }
                }
            }
        }
        for int in int_rows.values() {
            match mapping_from_entity(int, Index::Integration) {
                Ok(m) => problems.push(problem(
                    RowProblemKind::OrphanInIntegrationIndex,
                    INTEGRATION_INDEX,
                    int,
                    Some(m.mapping_id.to_string()),
                    format!(
                        "{} {} has no row in {ORG_INDEX}",
                        m.integration_name,
                        describe(&m)
                    ),
                    Some(Index::Org.keys(&m)),
                )),
                Err(e) => problems.push(problem(
                    RowProblemKind::Malformed,
                    INTEGRATION_INDEX,
                    int,
                    None,
                    e.message,
                    None,
                )),
            }
        }
        let warnings = owners
            .into_iter()
            .filter(|(_, orgs)| orgs.len() > 1)
            .map(|((integration_name, external_org_id), org_ids)| StoreWarning {
                detail: format!(
                    "{integration_name} {external_org_id} has {} active owners ({}): fine if shared on purpose, else unmap all but one",
                    org_ids.len(),
                    org_ids.join(", ")
                ),
                integration_name,
                external_org_id,
                org_ids,
            })
            .collect();
        Ok(StoreCheck { problems, warnings })
    }
}

impl Transaction<'_> {
    /// Writes the history row a crash lost, from the org-index row as it is
    /// now (what the lost row would have said after the change).
    async fn recover_history(&self, org_pk: &str, org_rk: &str) -> Result<()> {
        let Some(row) = self.backend.get(ORG_INDEX, org_pk, org_rk).await? else {
            return Ok(()); // purged since: nothing to record
        };
        let m = mapping_from_entity(&row, Index::Org)?;
        self.ensure_history(&[&m]).await?;
        Ok(())
    }

    /// Rebuilds the integration index from the org index for every repairable
    /// problem, with the history row a crash lost; returns how many were
    /// repaired.
    pub async fn repair(&self, problems: &[RowProblem]) -> Result<usize> {
        let mut repaired = 0;
        for p in problems {
            let Some((pk, rk)) = &p.repair_from else {
                continue;
            };

            let hint = (p.table == INTEGRATION_INDEX).then(|| Version {
                partition_key: p.partition_key.clone(),
                row_key: p.row_key.clone(),
                ..Version::default()
            });
            self.sync_integration_row(pk, rk, hint.as_ref()).await?;
            // A missing or stale integration row is what a killed write
            // leaves; its history row may be lost with it.
            if p.kind != RowProblemKind::OrphanInIntegrationIndex {
                self.recover_history(pk, rk).await?;
            }
            repaired += 1;
        }
        Ok(repaired)
    }
}
