//! What an apply did (or would do): the summary object of the apply file
//! format, the same for the command line and the API.

use serde::Serialize;

use super::{Action, ApplyPlan};

/// One change of an apply, as people and scripts see it.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeRow {
    pub action: Action,
    /// None for an ignore record (it names no org).
    pub(crate) org_id: Option<String>,
    pub integration_name: String,
    pub external_org_id: String,
    #[serde(skip)]
    pub org_name: String,
    #[serde(skip)]
    pub external_org_name: String,
    /// An update's fields, old → new.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<crate::mapping::plan::FieldChange>,
}

/// `{"dry_run","created","updated","unchanged","deleted","changes":[…]}`:
/// what an apply or an import did or would do.
#[derive(Debug, Clone, Serialize)]
pub struct Summary<C> {
    pub dry_run: bool,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub deleted: usize,
    /// Unchanged mappings whose integration-index row was written again (a
    /// run after a store outage or a crash); shown only when there are any.
    #[serde(skip_serializing_if = "is_zero")]
    pub repaired: usize,
    pub changes: Vec<C>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// An apply's summary.
pub type ApplySummary = Summary<ChangeRow>;

impl ApplySummary {
    /// New ignore records count as created, existing ones as unchanged.
    pub fn of(plan: &ApplyPlan, dry_run: bool) -> ApplySummary {
        let count = |a: Action| plan.changes.iter().filter(|c| c.action == a).count();
        let ignores = &plan.ignores;
        let ignore_rows = ignores.new.iter().map(|i| ChangeRow {
            action: Action::Ignore,
            org_id: None,
            integration_name: i.integration.to_string(),
            external_org_id: i.external_org_id.to_string(),
            org_name: String::new(),
            external_org_name: i.external_org_name.clone().unwrap_or_default(),
            changes: Vec::new(),
        });
        let decided = &plan.decisions;
        let decision_rows = decided.new.iter().map(|d| {
            let record = super::decided::as_record(d);
            ChangeRow {
                action: match d.kind {
                    crate::store::decisions::DecisionKind::Exclude => Action::Exclude,
                    crate::store::decisions::DecisionKind::Reject => Action::Reject,
                },
                org_id: Some(record.org_id),
                integration_name: record.integration,
                external_org_id: record.external_org_id.unwrap_or_default(),
                org_name: d.org.name.clone(),
                external_org_name: record.external_org_name,
                changes: Vec::new(),
            }
        });
        ApplySummary {
            dry_run,
            created: count(Action::Create) + ignores.new.len() + decided.new.len(),
            updated: count(Action::Update),
            unchanged: plan.unchanged + ignores.unchanged + decided.unchanged,
            deleted: count(Action::Delete),
            repaired: plan.repairs,
            changes: plan
                .changes
                .iter()
                .map(|c| {
                    let m = plan.mapping(c);
                    let changes = match (c.action, plan.before(c)) {
                        (Action::Update, Some(before)) => {
                            crate::mapping::plan::field_changes(before, m)
                        }
                        _ => Vec::new(),
                    };
                    ChangeRow {
                        changes,
                        action: c.action,
                        org_id: Some(m.org_id.to_string()),
                        integration_name: m.integration_name.to_string(),
                        external_org_id: m.external_org_id.to_string(),
                        org_name: m.org_name.clone().unwrap_or_else(|| m.org_id.to_string()),
                        external_org_name: m.external_org_name.clone(),
                    }
                })
                .chain(ignore_rows)
                .chain(decision_rows)
                .collect(),
        }
    }
}

impl<C> Summary<C> {
    /// One line for people.
    pub fn line(&self) -> String {
        let repaired = match self.repaired {
            0 => String::new(),
            n if self.dry_run => format!(" ({n} to repair)"),
            n => format!(" ({n} repaired)"),
        };
        if self.dry_run {
            format!(
                "Plan: {} to create, {} to update, {} unchanged{repaired}, {} to delete (dry run: nothing written)",
                self.created, self.updated, self.unchanged, self.deleted
            )
        } else {
            format!(
                "Applied: {} created, {} updated, {} unchanged{repaired}, {} deleted",
                self.created, self.updated, self.unchanged, self.deleted
            )
        }
    }
}
