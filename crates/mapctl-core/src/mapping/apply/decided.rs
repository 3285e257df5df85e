//! The exclusions and rejections of an apply (records with `"exclude":
//! true` or `"reject": true`): which are new, which are there, and the
//! rule that an org is mapped or excluded in an integration, never both,
//! held against the store and the plan's own mappings.

use std::collections::HashSet;
use std::sync::Arc;

use super::PlannedWrite;
use crate::mapping::Refusal;
use crate::mapping::decisions::Decisions;
use crate::model::{ExternalOrgId, IntegrationName, Mapping, Org};
use crate::store::decisions::{Decision, DecisionKind};

/// A decision as a file wants it.
#[derive(Debug, Clone)]
pub struct DesiredDecision {
    /// Its record number in the file.
    pub record: usize,
    pub kind: DecisionKind,
    pub org: Arc<Org>,
    pub integration: IntegrationName,
    /// The rejected external org (a rejection only).
    pub external_org_id: Option<ExternalOrgId>,
    pub external_org_name: Option<String>,
    pub reason: Option<String>,
}

impl DesiredDecision {
    fn is_stored(&self, stored: &Decisions) -> bool {
        match (self.kind, &self.external_org_id) {
            (DecisionKind::Exclude, _) => stored.is_excluded(&self.org.org_id, &self.integration),
            (DecisionKind::Reject, Some(id)) => stored
                .rejected_for(&self.org.org_id, &self.integration)
                .is_some_and(|ids| ids.contains(id.as_str())),
            (DecisionKind::Reject, None) => false,
        }
    }
}

/// The decisions of a file: those to write, and how many already are.
#[derive(Debug, Default)]
pub(crate) struct DecisionPlan {
    pub(crate) new: Vec<DesiredDecision>,
    pub(crate) unchanged: usize,
}

impl DecisionPlan {
    pub(super) fn of(wanted: Vec<DesiredDecision>, stored: &Decisions) -> DecisionPlan {
        let mut plan = DecisionPlan::default();
        for d in wanted {
            if d.is_stored(stored) {
                plan.unchanged += 1;
            } else {
                plan.new.push(d);
            }
        }
        plan
    }

    /// The (org, integration) pairs excluded once the plan is written.
    pub(super) fn excluded_after(&self, stored: &Decisions) -> HashSet<(String, String)> {
        stored
            .excluded
            .keys()
            .cloned()
            .chain(
                self.new
                    .iter()
                    .filter(|d| d.kind == DecisionKind::Exclude)
                    .map(|d| (d.org.org_id.to_string(), d.integration.to_string())),
            )
            .collect()
    }

    /// Exclusions of orgs the plan leaves mapped there: refused.
    pub(super) fn refusals<'a>(
        &self,
        writes: &'a [PlannedWrite],
        stored: impl Iterator<Item = &'a Mapping>,
    ) -> Vec<Refusal> {
        let owners = super::ignores::active_after(writes, stored);
        let mut out = Vec::new();
        for d in self.new.iter().filter(|d| d.kind == DecisionKind::Exclude) {
            let mapped: Vec<String> = owners
                .values()
                .flatten()
                .filter(|m| m.org_id == d.org.org_id && m.integration_name == d.integration)
                .map(|m| super::super::describe(m))
                .collect();
            if !crate::mapping::rules::may_exclude(!mapped.is_empty()) {
                out.push(Refusal::MappedThere {
                    org: format!("{} ({})", d.org.name, d.org.org_id),
                    org_id: d.org.org_id.to_string(),
                    integration: d.integration.to_string(),
                    mappings: mapped,
                });
            }
        }
        out
    }
}

/// A decision as it is stored once written (for a summary's rows).
pub(super) fn as_record(d: &DesiredDecision) -> Decision {
    Decision {
        kind: d.kind,
        org_id: d.org.org_id.to_string(),
        integration: d.integration.to_string(),
        external_org_id: d.external_org_id.as_ref().map(ToString::to_string),
        external_org_name: d.external_org_name.clone().unwrap_or_default(),
        reason: d.reason.clone().unwrap_or_default(),
        created_at: String::new(),
        created_by: String::new(),
    }
}
