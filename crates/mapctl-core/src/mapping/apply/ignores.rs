//! The ignore records of an apply: which are new, which are there, and the
//! rule that an external org is mapped or ignored, never both, held against
//! the store and the plan's own mappings before anything is written.

use std::collections::{HashMap, HashSet};

use super::DesiredIgnore;

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
