//! Ignore records: written and removed with a history row after each.

use super::*;
use crate::store::IGNORED_EXTERNAL_ORGS;
use crate::store::history::{self as history_rows, Action};
use crate::store::ignore::{self, Ignored};

impl Repo {
    /// The ignored external orgs of an integration (one partition query),
    /// or of every integration.
    pub async fn ignored_in(&self, integration: Option<&str>) -> Result<Vec<Ignored>> {
        let query = integration.map_or_else(Query::all, Query::partition);
        Ok(self
            .backend
            .query(IGNORED_EXTERNAL_ORGS, &query)
            .await?
            .iter()
            .map(Ignored::from_entity)
            .collect())
    }

    /// The ignored external orgs of an integration (one partition query).
    pub async fn ignored(&self, integration: &str) -> Result<Vec<Ignored>> {
        self.ignored_in(Some(integration)).await
    }
}

impl Transaction<'_> {
    /// Marks an external org as not a customer; returns the record and
    /// whether it is new (false: it was already ignored, nothing written).
    pub async fn ignore(
        &self,
        integration: &str,
        external_org_id: &str,
        external_org_name: &str,
        reason: &str,
    ) -> Result<(Ignored, bool), RepoError> {
        model::validate_integration_name(integration)?;
        model::validate_external_org_id(external_org_id)?;
        model::validate_external_org_name(external_org_name)?;
        model::validate_text("reason", reason)?;
        let once = || self.ignore_once(integration, external_org_id, external_org_name, reason);
        if let Some(done) = self.in_exclusive_section(once()).await? {
            return Ok(done);
        }
        // Azure: a map that planned before this record may write after it;
        // whichever checks second sees the other (see `contention`).
        // A record another process wrote a moment ago (not new here) is
        // checked too: that process may be taking it back.
        for attempt in 0..contention::DECIDE_ATTEMPTS {
            let (record, new) = once().await?;
            let owners = self.owners_in_org_index(integration, external_org_id);
            let mapped = match owners.await {
                Ok(owners) => !owners.is_empty(),
                Err(e) => {
                    // Unchecked, it may stand beside a mapping: taken back.
                    if new {
                        let _ = self.unignore(integration, external_org_id).await;
                    }
                    return Err(e.into());
                }
            };
            if !mapped {
                return Ok((record, new));
            }
            if new {
                self.unignore(integration, external_org_id).await?;
            }
            contention::pause_after(attempt).await;
        }
        Err(contention::gave_up_deciding())
    }

    /// One check and write of [`ignore`](Self::ignore).
    async fn ignore_once(
        &self,
        integration: &str,
        external_org_id: &str,
        external_org_name: &str,
        reason: &str,
    ) -> Result<(Ignored, bool), RepoError> {
        // Mapped or ignored, not both: the org index (the truth) says.
        let owners = self
            .owners_in_org_index(integration, external_org_id)
            .await?;
        if !rules::may_ignore(!owners.is_empty()) {
            let refs: Vec<&Mapping> = owners.iter().map(|(m, _)| m).collect();
            return Err(Refusal::Mapped {
                external_org_id: external_org_id.to_owned(),
                integration: integration.to_owned(),
                owners: self.org_labels(&refs).await?,
            }
            .into());
        }
        let key = ignore::row_key(integration, external_org_id);
        if let Some(e) = self
            .backend
            .get(IGNORED_EXTERNAL_ORGS, integration, &key)
            .await?
        {
            return Ok((Ignored::from_entity(&e), false));
        }
        let now = self.now();
        let record = Ignored {
            integration: integration.to_owned(),
            external_org_id: external_org_id.to_owned(),
            external_org_name: external_org_name.to_owned(),
            reason: reason.to_owned(),
            created_at: now.clone(),
            created_by: self.actor.clone(),
        };
        let writes = vec![
            TableWrite {
                table: IGNORED_EXTERNAL_ORGS,
                op: WriteOp::Insert(record.to_entity()),
            },
            history_rows::write_for_ignore(
                Action::Ignore,
                &record,
                &now,
                &self.actor,
                &self.command,
            ),
        ];
        match self.backend.write_in_order(writes).await {
            Ok(()) => Ok((record, true)),
            // Another process ignored it at the same moment: so it is.
            Err(p) if p.applied == 0 && p.error == StoreError::AlreadyExists => Ok((record, false)),
            Err(p) => Err(RepoError::from(p.error)),
        }
    }

    /// Takes an external org off the ignore list; None when it was not on it.
    pub async fn unignore(
        &self,
        integration: &str,
        external_org_id: &str,
    ) -> Result<Option<Ignored>> {
        let key = ignore::row_key(integration, external_org_id);
        let Some(e) = self
            .backend
            .get(IGNORED_EXTERNAL_ORGS, integration, &key)
            .await?
        else {
            return Ok(None);
        };
        let record = Ignored::from_entity(&e);
        let writes = vec![
            TableWrite {
                table: IGNORED_EXTERNAL_ORGS,
                op: WriteOp::Delete {
                    partition_key: e.partition_key.clone(),
                    row_key: e.row_key.clone(),
                    if_match: e.etag.clone(),
                },
            },
            history_rows::write_for_ignore(
                Action::Unignore,
                &record,
                &self.now(),
                &self.actor,
                &self.command,
            ),
        ];
        match self.backend.write_in_order(writes).await {
            Ok(()) => Ok(Some(record)),
            // Gone already (another process): not on the list any more.
            Err(p) if p.applied == 0 && p.error == StoreError::NotFound => Ok(None),
            Err(p) => Err(p.error.into()),
        }
    }
}
