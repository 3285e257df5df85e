//! A wait for another process's lock is said once per process, as cargo
//! says it waits for a file lock: a person sees why nothing moves.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

static SINK: OnceLock<crate::trace::Trace> = OnceLock::new();
static SAID: AtomicBool = AtomicBool::new(false);

/// Where the notice goes (a front end's stderr); unset, it goes nowhere.
pub fn tell(sink: crate::trace::Trace) {
    let _ = SINK.set(sink);
}

pub(super) fn notice() {
    if let Some(sink) = SINK.get()
        && !SAID.swap(true, Ordering::SeqCst)
    {
        sink("Waiting for another process to finish writing to the store…");
    }
}
