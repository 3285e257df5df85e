//! Ctrl-C as a flag that any work can see, blocking work included: a SQLite
//! transaction polls it (and rolls back), a lock wait gives up on it, a bulk
//! write stops launching batches. `run` also races the command against the
//! signal, for work that is waiting on the network.

use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
/// Work under way that stops cleanly by itself when interrupted (and then
/// says how far it got), so `run` waits for it instead of dropping it.
static CLEAN_STOPPERS: AtomicUsize = AtomicUsize::new(0);

/// Registers the SIGINT flag (once per process).
pub fn install() {
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        {
            // Failing to register leaves Ctrl-C to tokio's handler alone.
            let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, flag.clone());
        }
        flag
    });
}

/// Raises the flag where no signal handler does (Windows: see `run`).
#[cfg(not(unix))]
pub fn raise() {
    if let Some(flag) = FLAG.get() {
        flag.store(true, Ordering::Relaxed);
    }
}

/// Whether Ctrl-C was pressed.
pub(crate) fn requested() -> bool {
    FLAG.get().is_some_and(|f| f.load(Ordering::Relaxed))
}

/// Held while work runs that notices the flag and stops cleanly.
pub struct CleanStop(());

impl CleanStop {
    pub fn begin() -> CleanStop {
        CLEAN_STOPPERS.fetch_add(1, Ordering::SeqCst);
        CleanStop(())
    }
}

impl Drop for CleanStop {
    fn drop(&mut self) {
        CLEAN_STOPPERS.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Whether work under way will stop by itself on Ctrl-C.
pub fn stops_cleanly() -> bool {
    CLEAN_STOPPERS.load(Ordering::SeqCst) > 0
}
