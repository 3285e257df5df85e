//! What a plan keeps of a stored mapping instead of its two rows (compact:
//! a plan over 100,000 mappings must not hold 200,000 rows), and the rows a
//! planned write stands on, for the one writer.

use super::PlannedWrite;
use crate::mapping::Change;
use crate::model::Mapping;
use crate::store::Entity;
use crate::store::entity::{Index, Version, is_mapping_property};

/// The org row of a stored mapping: its ETag and the properties other
/// writers added (kept when mapctl rewrites the row).
#[derive(Clone)]
pub(super) struct RowState {
    pub(super) etag: Option<String>,
    pub(super) extras: Vec<(String, crate::store::Value)>,
}

/// The integration-index row of a stored mapping, as found.
#[derive(Clone)]
pub(super) enum IntRow {
    Missing,
    /// It says what the org row says: its ETag.
    Same(Option<String>),
    /// It disagrees (rare: kept whole): rewritten from the org row.
    Differs(Box<(Mapping, Version)>),
}

/// What a plan keeps of a stored mapping instead of its two rows.
pub(super) struct Stored {
    pub(super) mapping: Mapping,
    pub(super) org_row: RowState,
    pub(super) int_row: IntRow,
    /// The file lists it (what `--prune` keeps).
    pub(super) wanted: bool,
}

impl Stored {
    pub(super) fn new(mapping: Mapping, row: Entity) -> Stored {
        let extras = row
            .properties
            .into_iter()
            .filter(|(k, _)| !is_mapping_property(k))
            .collect();
        Stored {
            mapping,
            org_row: RowState {
                etag: row.etag,
                extras,
            },
            int_row: IntRow::Missing,
            wanted: false,
        }
    }
}

impl PlannedWrite {
    /// The rows as they stand, for the one writer of both index rows. A
    /// stored row that is about to change stands for itself by its keys,
    /// ETag and other writers' properties only: it differs from what is
    /// written, so it is always replaced (If-Match its ETag).
    pub(super) fn change(&self) -> Change {
        // The mapping a stored row holds: what the plan read (the org row is
        // current, or the mapping before the change).
        let held = || {
            if self.org_row_current {
                self.after.clone()
            } else {
                self.before.as_deref().unwrap_or(&self.after).clone()
            }
        };
        let org_row = self.org_row.as_ref().map(|state| {
            let (pk, rk) = Index::Org.keys(&self.after);
            let version = Version {
                partition_key: pk,
                row_key: rk,
                etag: state.etag.clone(),
                extras: state.extras.clone(),
            };
            (held(), version)
        });
        let int_row = match &self.int_row {
            IntRow::Missing => None,
            IntRow::Same(etag) => {
                let (pk, rk) = Index::Integration.keys(&self.after);
                let version = Version {
                    partition_key: pk,
                    row_key: rk,
                    etag: etag.clone(),
                    extras: Vec::new(),
                };
                Some((held(), version))
            }
            IntRow::Differs(row) => Some((**row).clone()),
        };
        Change {
            org_row,
            int_row,
            after: Some(self.after.clone()),
            org_row_current: self.org_row_current,
        }
    }
}
