//! Exclusions and rejections (contract §7, fourth edition): read by org or
//! all at once, written and taken back with a history row after each.

use std::collections::{HashMap, HashSet};

use super::*;
use crate::store::ORG_DECISIONS;
use crate::store::decisions::{self, Decision, DecisionKind};
use crate::store::history::{self as history_rows, Action};

/// Every decision, indexed as `suggest`, `status` and the rules ask.
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    /// (org id, integration) pairs excluded, with the reason.
    pub(crate) excluded: HashMap<(String, String), String>,
    /// (org id, integration) → the external ids rejected for it.
    pub(crate) rejected: HashMap<(String, String), HashSet<String>>,
}

impl Decisions {
    pub fn of(list: Vec<Decision>) -> Decisions {
        let mut out = Decisions::default();
        for d in list {
            let pair = (d.org_id, d.integration);
            match (d.kind, d.external_org_id) {
                (DecisionKind::Exclude, _) => {
                    out.excluded.insert(pair, d.reason);
                }
                (DecisionKind::Reject, Some(id)) => {
                    out.rejected.entry(pair).or_default().insert(id);
                }
                (DecisionKind::Reject, None) => {}
            }
        }
        out
    }

    /// Whether `org` is excluded from `integration`.
    pub fn is_excluded(&self, org: &str, integration: &str) -> bool {
        self.excluded
            .contains_key(&(org.to_owned(), integration.to_owned()))
    }

    /// The external ids rejected for `org` in `integration`.
    pub(crate) fn rejected_for(&self, org: &str, integration: &str) -> Option<&HashSet<String>> {
        self.rejected.get(&(org.to_owned(), integration.to_owned()))
    }
}

impl Repo {
    /// The decisions of one org (one partition query), or of every org.
    pub async fn decisions(&self, org_id: Option<&str>) -> Result<Vec<Decision>> {
        let query = org_id.map_or_else(Query::all, Query::partition);
        let mut out: Vec<Decision> = self
            .backend
            .query(ORG_DECISIONS, &query)
            .await?
            .iter()
            .filter_map(Decision::from_entity)
            .collect();
        out.sort_by(|a, b| {
            (
                &a.org_id,
                &a.integration,
                a.kind.as_str(),
                &a.external_org_id,
            )
                .cmp(&(
                    &b.org_id,
                    &b.integration,
                    b.kind.as_str(),
                    &b.external_org_id,
                ))
        });
        Ok(out)
    }

    /// Whether `org_id` is excluded from `integration` (one point read):
    /// the exclusion's ETag when it is.
    pub(crate) async fn exclusion(
        &self,
        org_id: &str,
        integration: &str,
    ) -> Result<Option<Option<String>>> {
        let key = decisions::row_key(DecisionKind::Exclude, integration, "");
        Ok(self
            .backend
            .get(ORG_DECISIONS, org_id, &key)
            .await?
            .filter(|e| Decision::from_entity(e).is_some())
            .map(|e| e.etag))
    }
}

/// What a decision is about, for [`Transaction::decide`].
#[derive(Debug, Clone)]
pub struct DecisionRequest<'a> {
    pub kind: DecisionKind,
    pub org: &'a Org,
    pub integration: &'a str,
    /// The rejected external org and its name (a rejection only).
    pub external: Option<(&'a str, &'a str)>,
    pub reason: &'a str,
}

impl Transaction<'_> {
    /// Records a decision; returns it and whether it is new (false: it was
    /// already there, nothing written). An org with an active mapping in
    /// the integration cannot be excluded from it: unmap it first.
    pub async fn decide(&self, req: DecisionRequest<'_>) -> Result<(Decision, bool), RepoError> {
        model::validate_integration_name(req.integration)?;
        model::validate_text("reason", req.reason)?;
        if let Some((id, name)) = req.external {
            model::validate_external_org_id(id)?;
            model::validate_external_org_name(name)?;
        }
        let org_id = req.org.org_id.as_str();
        if req.kind == DecisionKind::Exclude {
            let mapped: Vec<Mapping> = self
                .mappings_of(org_id, Some(req.integration))
                .await?
                .into_iter()
                .filter(|m| m.is_active)
                .collect();
            if !rules::may_exclude(!mapped.is_empty()) {
                return Err(Refusal::MappedThere {
                    org: format!("{} ({})", req.org.name, org_id),
                    org_id: org_id.to_owned(),
                    integration: req.integration.to_owned(),
                    mappings: mapped.iter().map(describe).collect(),
                }
                .into());
            }
        }
        let record = Decision {
            kind: req.kind,
            org_id: org_id.to_owned(),
            integration: req.integration.to_owned(),
            external_org_id: req.external.map(|(id, _)| id.to_owned()),
            external_org_name: req.external.map(|(_, n)| n.to_owned()).unwrap_or_default(),
            reason: req.reason.to_owned(),
            created_at: self.now(),
            created_by: self.actor.clone(),
        };
        if let Some(e) = self
            .backend
            .get(ORG_DECISIONS, org_id, &record.row_key())
            .await?
            && let Some(stored) = Decision::from_entity(&e)
        {
            return Ok((stored, false));
        }
        let action = match req.kind {
            DecisionKind::Exclude => Action::Exclude,
            DecisionKind::Reject => Action::Reject,
        };
        let writes = vec![
            TableWrite {
                table: ORG_DECISIONS,
                op: WriteOp::Insert(record.to_entity()),
            },
            history_rows::write_for_decision(
                action,
                &record,
                &record.created_at,
                &self.actor,
                &self.command,
            ),
        ];
        match self.backend.write_in_order(writes).await {
            Ok(()) => Ok((record, true)),
            // Another process decided the same at the same moment: so it is.
            Err(p) if p.applied == 0 && p.error == StoreError::AlreadyExists => Ok((record, false)),
            Err(p) => Err(RepoError::from(p.error)),
        }
    }

    /// Excludes `org` from each of `integrations`: every one checked before
    /// any is written (mapped in one, none is); each decision and whether
    /// it is new.
    pub async fn exclude(
        &self,
        org: &Org,
        integrations: &[&str],
        reason: &str,
    ) -> Result<Vec<(Decision, bool)>, RepoError> {
        let once = || self.exclude_once(org, integrations, reason);
        if let Some(done) = self.in_exclusive_section(once()).await? {
            return Ok(done);
        }
        // Azure: a map that planned before these records may write after
        // them; whichever checks second sees the other (see `contention`).
        // Exclusions another process wrote a moment ago (not new here) are
        // checked too: that process may be taking them back.
        for attempt in 0..contention::DECIDE_ATTEMPTS {
            let decided = once().await?;
            let new: Vec<&str> = decided
                .iter()
                .filter(|(_, new)| *new)
                .map(|(d, _)| d.integration.as_str())
                .collect();
            let mapped = match self.mapped_in(org, integrations).await {
                Ok(mapped) => mapped,
                Err(e) => {
                    // Unchecked, they may stand beside a mapping: taken back.
                    for integration in &new {
                        let _ = self
                            .undecide(DecisionKind::Exclude, &org.org_id, integration, None)
                            .await;
                    }
                    return Err(e.into());
                }
            };
            if !mapped {
                return Ok(decided);
            }
            for integration in &new {
                self.undecide(DecisionKind::Exclude, &org.org_id, integration, None)
                    .await?;
            }
            contention::pause_after(attempt).await;
        }
        Err(contention::gave_up_deciding())
    }

    /// Whether the org has an active mapping in any of `integrations`.
    async fn mapped_in(&self, org: &Org, integrations: &[&str]) -> Result<bool> {
        for integration in integrations {
            let rows = self.mappings_of(&org.org_id, Some(integration)).await?;
            if rows.iter().any(|m| m.is_active) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// One check and write of [`exclude`](Self::exclude).
    async fn exclude_once(
        &self,
        org: &Org,
        integrations: &[&str],
        reason: &str,
    ) -> Result<Vec<(Decision, bool)>, RepoError> {
        for integration in integrations {
            let mapped: Vec<Mapping> = self
                .mappings_of(&org.org_id, Some(integration))
                .await?
                .into_iter()
                .filter(|m| m.is_active)
                .collect();
            if !rules::may_exclude(!mapped.is_empty()) {
                return Err(Refusal::MappedThere {
                    org: format!("{} ({})", org.name, org.org_id),
                    org_id: org.org_id.to_string(),
                    integration: (*integration).to_owned(),
                    mappings: mapped.iter().map(describe).collect(),
                }
                .into());
            }
        }
        let mut out = Vec::new();
        for integration in integrations {
            out.push(
                self.decide(DecisionRequest {
                    kind: DecisionKind::Exclude,
                    org,
                    integration,
                    external: None,
                    reason,
                })
                .await?,
            );
        }
        Ok(out)
    }

    /// Takes a decision back; None when there was none.
    pub async fn undecide(
        &self,
        kind: DecisionKind,
        org_id: &str,
        integration: &str,
        external_org_id: Option<&str>,
    ) -> Result<Option<Decision>> {
        let key = decisions::row_key(kind, integration, external_org_id.unwrap_or_default());
        let Some(e) = self.backend.get(ORG_DECISIONS, org_id, &key).await? else {
            return Ok(None);
        };
        let Some(record) = Decision::from_entity(&e) else {
            return Ok(None);
        };
        let action = match kind {
            DecisionKind::Exclude => Action::Include,
            DecisionKind::Reject => Action::Unreject,
        };
        let writes = vec![
            TableWrite {
                table: ORG_DECISIONS,
                op: WriteOp::Delete {
                    partition_key: e.partition_key.clone(),
                    row_key: e.row_key.clone(),
                    if_match: e.etag.clone(),
                },
            },
            history_rows::write_for_decision(
                action,
                &record,
                &self.now(),
                &self.actor,
                &self.command,
            ),
        ];
        match self.backend.write_in_order(writes).await {
            Ok(()) => Ok(Some(record)),
            Err(p) if p.applied == 0 && p.error == StoreError::NotFound => Ok(None),
            Err(p) => Err(p.error.into()),
        }
    }
}
