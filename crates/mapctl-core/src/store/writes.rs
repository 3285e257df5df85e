//! Writes across tables and how they fail: a write to a named table, and
//! what was applied of a list or of steps when one failed.

use super::{StoreError, WriteOp};

/// A write to a named table, for [`TableBackend::write_in_order`].
#[derive(Debug, Clone, PartialEq)]
pub struct TableWrite {
    pub(crate) table: &'static str,
    pub(crate) op: WriteOp,
}

/// Steps of writes that stopped at one: which step, which of its writes
/// were applied (a step's writes go at once), and the first error.
#[derive(Debug, Clone, PartialEq)]
pub struct StepFailure {
    pub(crate) step: usize,
    /// Positions in the failed step of the writes that were applied.
    pub(crate) applied: Vec<usize>,
    pub(crate) error: StoreError,
}

/// Writes applied in order until one failed.
#[derive(Debug, Clone, PartialEq)]
pub struct PartialWrite {
    /// How many writes of the list were applied before the failure.
    pub(crate) applied: usize,
    pub(crate) error: StoreError,
}
