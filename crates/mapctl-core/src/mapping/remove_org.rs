//! `orgs remove`: an org soft-deleted (IsActive=false; its row and history
//! stay), refused while it has active mappings unless they go with it.

use std::collections::BTreeSet;

use super::*;
use crate::store::history::{self as history_rows, Action};

impl Transaction<'_> {
    /// Soft-deletes `org`; with `cascade`, its active mappings first (each
    /// soft-deleted with its history row). Returns the org as it is now
    /// and the mappings soft-deleted.
    pub async fn remove_org(
        &self,
        org: &Org,
        cascade: bool,
    ) -> Result<(Org, Vec<Mapping>), RepoError> {
        let active: Vec<Mapping> = self
            .mappings_of(&org.org_id, None)
            .await?
            .into_iter()
            .filter(|m| m.is_active)
            .collect();
        if !active.is_empty() && !cascade {
            return Err(Refusal::OrgHasMappings {
                org: format!("{} ({})", org.name, org.org_id),
                mappings: active.iter().map(describe).collect(),
            }
            .into());
        }
        let integrations: BTreeSet<&str> =
            active.iter().map(|m| m.integration_name.as_str()).collect();
        let mut unmapped = Vec::new();
        for integration in integrations {
            unmapped.extend(
                self.unmap_with(org, integration, &UnmapSelector::All, false, None)
                    .await?,
            );
        }
        let Some(row) = self
            .backend
            .get(ORGANIZATIONS, ORG_PARTITION, &org.org_id)
            .await?
        else {
            return Err(RepoError::Failed(Error::not_found(format!(
                "org {} is gone",
                org.org_id
            ))));
        };
        let mut after = org_from_entity(&row);
        if !after.is_active {
            return Ok((after, unmapped));
        }
        let now = self.now();
        after.is_active = false;
        after.updated_at = now.clone();
        let mut entity = org_to_entity(&after);
        entity.etag = None;
        let writes = vec![
            TableWrite {
                table: ORGANIZATIONS,
                op: WriteOp::Replace {
                    entity,
                    if_match: row.etag.clone().unwrap_or_else(|| "*".into()),
                },
            },
            history_rows::write_for_org(
                Action::RemoveOrg,
                &after,
                &now,
                &self.actor,
                &self.command,
            ),
        ];
        self.backend
            .write_in_order(writes)
            .await
            .map_err(|p| RepoError::from(p.error))?;
        Ok((after, unmapped))
    }
}
