//! The ignore records of an apply: which are new, which are there, and the
//! rule that an external org is mapped or ignored, never both, held against
//! the store and the plan's own mappings before anything is written.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::{DesiredIgnore, PlannedWrite};
use crate::error::Result;
use crate::mapping::Transaction;
use crate::model::Mapping;

/// The ignore records of a file: those to write, and how many already are.
#[derive(Debug, Default)]
pub(crate) struct IgnorePlan {
    pub(crate) new: Vec<DesiredIgnore>,
    pub(crate) unchanged: usize,
}

/// The ignored external ids of each integration the plan touches.
pub(super) type IgnoredIds = HashMap<String, HashSet<String>>;

impl IgnorePlan {
    /// Splits the wanted records into new and already there.
    pub(super) fn of(wanted: Vec<DesiredIgnore>, ignored: &IgnoredIds) -> IgnorePlan {
        let mut plan = IgnorePlan::default();
        for i in wanted {
            let there = ignored
                .get(i.integration.as_str())
                .is_some_and(|ids| ids.contains(i.external_org_id.as_str()));
            if there {
                plan.unchanged += 1;
            } else {
                plan.new.push(i);
            }
        }
        plan
    }
}

/// Who holds each external org once a plan is written: the stored active
/// mappings it leaves alone, and those it makes active.
pub(super) fn active_after<'a>(
    writes: &'a [PlannedWrite],
    stored: impl Iterator<Item = &'a Mapping>,
) -> HashMap<(&'a str, &'a str), Vec<&'a Mapping>> {
    let changed: HashSet<&str> = writes.iter().map(|w| w.after.mapping_id.as_str()).collect();
    let mut owners: HashMap<(&str, &str), Vec<&Mapping>> = HashMap::new();
    let active = stored
        .filter(|m| m.is_active && !changed.contains(m.mapping_id.as_str()))
        .chain(writes.iter().map(|w| &w.after).filter(|m| m.is_active));
    for m in active {
        owners
            .entry((m.integration_name.as_str(), m.external_org_id.as_str()))
            .or_default()
            .push(m);
    }
    owners
}

impl Transaction<'_> {
    /// The ignored external ids of these integrations: one partition query
    /// each, at once.
    pub(super) async fn ignored_ids(&self, integrations: &BTreeSet<&str>) -> Result<IgnoredIds> {
        let lists =
            futures_util::future::join_all(integrations.iter().map(|i| self.ignored(i))).await;
        let mut ids = IgnoredIds::new();
        for (integration, list) in integrations.iter().zip(lists) {
            ids.insert(
                (*integration).to_owned(),
                list?.into_iter().map(|r| r.external_org_id).collect(),
            );
        }
        Ok(ids)
    }
}
