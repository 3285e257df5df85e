//! `unmap`: the org's rows of one integration and their integration-index
//! rows read at once (with the org, by id), the selected mappings
//! soft-deleted or purged through [`Repo::commit`].

use std::collections::HashMap;

use super::map::UnmapSelector;
use super::*;

/// The rows an `unmap` decides from, read with its org (see
/// [`Repo::org_for_unmap`]): the org's rows for the integration and their
/// integration-index rows.
pub struct UnmapReads {
    org_id: String,
    integration: String,
    rows: Vec<(Mapping, Version)>,
    int_rows: HashMap<String, (Mapping, Version)>,
}

impl Repo {
    /// The org named by `text` and the rows an `unmap` of its mappings in
    /// `integration` acts on, at once: one round trip when `text` is its id.
    pub async fn org_for_unmap(&self, text: &str, integration: &str) -> Result<(Org, UnmapReads)> {
        match self
            .org_with(text, |id| async move {
                self.unmap_reads(&id, integration).await
            })
            .await
        {
            // An org another writer deleted may still have mappings: they
            // are unmapped by its id (doctor names them).
            Err(e) if e.kind == crate::error::ErrorKind::NotFound && OrgId::parse(text).is_ok() => {
                let reads = self.unmap_reads(text, integration).await?;
                if reads.rows.is_empty() {
                    return Err(e);
                }
                let org = Org {
                    org_id: OrgId::from_row(text),
                    name: format!("{text} (an org that is gone)"),
                    is_active: false,
                    ..Org::default()
                };
                Ok((org, reads))
            }
            other => other,
        }
    }

    /// Both indexes' rows of one org and integration, at once.
    async fn unmap_reads(&self, org_id: &str, integration: &str) -> Result<UnmapReads> {
        let int_query = Query::partition(integration).with_prefix(format!("{org_id}_"));
        let (rows, int_rows) = futures_util::future::join(
            self.org_rows(org_id, integration),
            self.backend.query(INTEGRATION_INDEX, &int_query),
        )
        .await;
        Ok(UnmapReads {
            org_id: org_id.to_owned(),
            integration: integration.to_owned(),
            rows: rows?,
            int_rows: int_rows?
                .iter()
                .filter_map(|e| versioned(e, Index::Integration).ok())
                .map(|(m, v)| (v.row_key.clone(), (m, v)))
                .collect(),
        })
    }

    /// The mappings `unmap` would act on (for confirmation before acting).
    pub fn unmap_targets_in(
        org: &Org,
        reads: &UnmapReads,
        selector: &UnmapSelector,
        purge: bool,
    ) -> Result<Vec<Mapping>, RepoError> {
        Ok(
            Repo::select(org, &reads.integration, &reads.rows, selector, purge)?
                .into_iter()
                .map(|(m, _)| {
                    let mut m = m.clone();
                    m.org_name = Some(org.name.clone());
                    m
                })
                .collect(),
        )
    }

    pub(super) fn select<'a>(
        org: &Org,
        integration: &str,
        rows: &'a [(Mapping, Version)],
        selector: &UnmapSelector,
        purge: bool,
    ) -> Result<Vec<&'a (Mapping, Version)>, RepoError> {
        // A soft delete acts on active mappings; a purge may remove inactive ones too.
        let candidates: Vec<&(Mapping, Version)> =
            rows.iter().filter(|(m, _)| purge || m.is_active).collect();
        let picked: Vec<&(Mapping, Version)> = match selector {
            UnmapSelector::ExternalId(id) => candidates
                .into_iter()
                .filter(|(m, _)| &m.external_org_id == id)
                .collect(),
            UnmapSelector::MappingId(id) => candidates
                .into_iter()
                .filter(|(m, _)| super::model::id_matches(&m.mapping_id, id))
                .collect(),
            UnmapSelector::All | UnmapSelector::Only => candidates,
        };
        if picked.is_empty() {
            let which = match selector {
                UnmapSelector::ExternalId(id) => format!(" to external org {id}"),
                UnmapSelector::MappingId(id) => format!(" with mapping id {id}"),
                _ => String::new(),
            };
            let state = if purge { "" } else { "active " };
            return Err(Error::not_found(format!(
                "{} has no {state}{integration} mapping{which}",
                org.name
            ))
            .with_remedy(crate::error::Remedy::ListMappingsOf {
                org_id: org.org_id.to_string(),
            })
            .into());
        }
        if *selector == UnmapSelector::Only && picked.len() > 1 {
            return Err(Refusal::SeveralToUnmap {
                org: org.name.clone(),
                integration: integration.to_owned(),
                mappings: picked.iter().map(|(m, _)| describe(m)).collect(),
            }
            .into());
        }
        Ok(picked)
    }
}

impl Transaction<'_> {
    /// Soft-deletes (or with `purge` removes both rows of) the selected
    /// mappings, its first plan made from `reads` when they are of this org
    /// and integration.
    pub async fn unmap_with(
        &self,
        org: &Org,
        integration: &str,
        selector: &UnmapSelector,
        purge: bool,
        reads: Option<UnmapReads>,
    ) -> Result<Vec<Mapping>, RepoError> {
        let mut reads = reads.filter(|r| r.org_id == org.org_id && r.integration == integration);
        for _ in 0..MAX_ATTEMPTS {
            let read = match reads.take() {
                Some(r) => r,
                None => self.unmap_reads(&org.org_id, integration).await?,
            };
            let picked = Repo::select(org, integration, &read.rows, selector, purge)?;
            let now = self.now();
            let mut changes = Vec::new();
            let mut done = Vec::new();
            for (m, e) in picked {
                let after = (!purge).then(|| plan::deactivated(m, self.stamp(&now)));
                let (_, int_rk) = Index::Integration.keys(m);
                changes.push(Change {
                    int_row: read.int_rows.get(&int_rk).cloned(),
                    org_row: Some((m.clone(), e.clone())),
                    after: after.clone(),
                    org_row_current: false,
                });
                let mut shown = after.unwrap_or_else(|| m.clone());
                shown.org_name = Some(org.name.clone());
                done.push(shown);
            }
            if let Commit::Done = self.commit(changes).await? {
                return Ok(done);
            }
        }
        Err(lost_race().into())
    }
}
