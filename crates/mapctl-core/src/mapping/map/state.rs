//! What `map` decides from: the org's rows for the integration, every row
//! of the external org in both indexes, and its ignore record, read at
//! once.

use super::super::*;

/// The rows `map` decides on.
pub(in crate::mapping) struct MapState {
    pub(in crate::mapping) org_id: String,
    pub(in crate::mapping) integration: String,
    pub(in crate::mapping) external_org_id: String,
    pub(in crate::mapping) wanted_id: String,
    /// The org's org-index rows for the integration.
    pub(in crate::mapping) org_rows: Vec<(Mapping, Version)>,
    /// Every integration-index row of the external org.
    pub(in crate::mapping) same_external: Vec<(Mapping, Version)>,
    /// The org-index rows of the external org (the truth: a mapping whose
    /// integration row a crash never wrote owns its external org too).
    pub(in crate::mapping) owners_in_org_index: Vec<(Mapping, Option<String>)>,
    /// The external org is on the ignore list: its record's ETag.
    pub(in crate::mapping) ignored: Option<Option<String>>,
    /// The org is excluded from the integration: its record's ETag.
    pub(in crate::mapping) excluded: Option<Option<String>>,
}

impl MapState {
    /// The triple's row, matched by property (rows of others with a v4 id
    /// count too); where several exist, the active one, then ours.
    pub(in crate::mapping) fn existing(&self) -> Option<&(Mapping, Version)> {
        self.org_rows
            .iter()
            .filter(|(m, _)| m.external_org_id == self.external_org_id)
            .max_by_key(|(m, _)| plan::standing(m, &self.wanted_id))
    }

    /// The org's other active mappings of the integration.
    pub(in crate::mapping) fn others(&self) -> Vec<&(Mapping, Version)> {
        self.org_rows
            .iter()
            .filter(|(m, _)| m.is_active && m.external_org_id != self.external_org_id)
            .collect()
    }

    /// Active mappings of the external org to other MSP orgs.
    pub(in crate::mapping) fn sharers(&self) -> Vec<&Mapping> {
        let mut seen = std::collections::HashSet::new();
        self.same_external
            .iter()
            .map(|(m, _)| m)
            .chain(self.owners_in_org_index.iter().map(|(m, _)| m))
            .filter(|m| m.is_active && m.org_id != self.org_id)
            .filter(|m| seen.insert(m.org_id.clone()))
            .collect()
    }
}

impl Repo {
    /// The reads of `map`, at once: one round trip on a remote store. They
    /// find the org's rows for the integration, every row of this external
    /// org in the integration index (the shared-org check, and our own
    /// integration row) and in the org index (the truth), its ignore record
    /// and the org's exclusion. A plan decides on them; the check after a
    /// write reads them again (a contender's integration row may still be on
    /// its way, its org row, written first, is there; an ignore record or an
    /// exclusion may have been written since the plan).
    pub(in crate::mapping) async fn map_state(
        &self,
        org_id: &str,
        integration: &str,
        external_org_id: &str,
    ) -> Result<MapState> {
        let same_external_query =
            Query::partition(integration).with_equals("ExternalOrgId", external_org_id);
        let ((rows, same_external, owners, ignored), excluded) = futures_util::future::join(
            futures_util::future::join4(
                self.org_rows(org_id, integration),
                self.backend.query(INTEGRATION_INDEX, &same_external_query),
                self.owners_in_org_index(integration, external_org_id),
                async {
                    self.backend
                        .get(
                            crate::store::IGNORED_EXTERNAL_ORGS,
                            integration,
                            &crate::store::ignore::row_key(integration, external_org_id),
                        )
                        .await
                        .map_err(Error::from)
                },
            ),
            self.exclusion(org_id, integration),
        )
        .await;
        Ok(MapState {
            excluded: excluded?,
            owners_in_org_index: owners?,
            ignored: ignored?.map(|e| e.etag),
            org_id: org_id.to_owned(),
            integration: integration.to_owned(),
            external_org_id: external_org_id.to_owned(),
            wanted_id: model::mapping_id(org_id, integration, external_org_id),
            org_rows: rows?,
            same_external: same_external?
                .into_iter()
                .filter_map(|e| versioned(&e, Index::Integration).ok())
                .collect(),
        })
    }

    /// The active org-index rows of an external org, every org's, with
    /// their ETags: one filtered query over the org index (the truth).
    pub(in crate::mapping) async fn owners_in_org_index(
        &self,
        integration: &str,
        external_org_id: &str,
    ) -> Result<Vec<(Mapping, Option<String>)>> {
        let query = Query::all()
            .with_equals("IntegrationName", integration)
            .with_equals("ExternalOrgId", external_org_id);
        Ok(self
            .backend
            .query(ORG_INDEX, &query)
            .await?
            .into_iter()
            .filter_map(|e| {
                mapping_from_entity(&e, Index::Org)
                    .ok()
                    .map(|m| (m, e.etag))
            })
            .filter(|(m, _)| m.is_active)
            .collect())
    }
}
