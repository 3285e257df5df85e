//! What a front end asks of mapctl, above the store and the integrations:
//! discovery with who is mapped to what, suggestions for one integration or
//! all of them, the matrix, an apply file checked against the systems. Each
//! reads what it needs once and hands back data; the front end words it.

pub mod discover;
pub mod matrix;
pub mod status;
pub mod suggest;

use crate::integrations::rest::ListProgress;

/// Hears about long work as it happens, so that a front end can show it
/// (spinners at a terminal; nothing from the server).
pub trait Observer: Sync {
    /// A listing of `integration` advanced.
    fn listing(&self, _integration: &str, _progress: ListProgress) {}
    /// A listing of `integration` ended, whatever its result.
    fn listed(&self, _integration: &str) {}
}

/// An observer that hears nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl Observer for Quiet {}
