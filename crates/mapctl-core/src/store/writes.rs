//! Writes across tables and how they fail: a write to a named table, and
//! what was applied of a list or of steps when one failed.

use super::{StoreError, WriteOp};

/// A write to a named table, for [`TableBackend::write_in_order`].
#[derive(Debug, Clone, PartialEq)]
pub struct TableWrite {
    pub table: &'static str,
    pub op: WriteOp,
}

/// Steps of writes that stopped at one: which step, which of its writes
/// were applied (a step's writes go at once), and the first error.
#[derive(Debug, Clone, PartialEq)]
pub struct StepFailure {
    pub step: usize,
    /// Positions in the failed step of the writes that were applied.
    pub applied: Vec<usize>,
    pub error: StoreError,
}

/// Writes applied in order until one failed.
#[derive(Debug, Clone, PartialEq)]
pub struct PartialWrite {
    /// How many writes of the list were applied before the failure.
    pub applied: usize,
    pub error: StoreError,
}
