//! What time it is, for every timestamp mapctl writes and every age it
//! judges (a cache's, a row's ETag). One clock per process, injectable:
//! unit tests fix it, and `MAPCTL_NOW` (an RFC 3339 instant, as
//! `SOURCE_DATE_EPOCH` or `GIT_COMMITTER_DATE` are for other tools) sets
//! it for a whole run, so that a test of an age need not wait for it.

use std::sync::Arc;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::{Error, Result};

pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;

    /// Now as the tables store it (`2026-01-15T10:30:00Z`).
    fn timestamp(&self) -> String {
        crate::model::format_timestamp(self.now())
    }
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that shows the system's time moved by a fixed offset: `MAPCTL_NOW`
/// sets where it starts, and it runs on from there.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ShiftedClock {
    offset: time::Duration,
}

impl Clock for ShiftedClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + self.offset
    }
}

/// A clock that always shows one instant (unit tests).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

/// The clock of a run: the system's, or from `MAPCTL_NOW` when it is set.
pub fn from_env(value: Option<&str>) -> Result<Arc<dyn Clock>> {
    let Some(text) = value.filter(|v| !v.is_empty()) else {
        return Ok(Arc::new(SystemClock));
    };
    let at = OffsetDateTime::parse(text, &Rfc3339).map_err(|e| {
        Error::invalid(format!(
            "MAPCTL_NOW = {text:?} is not an RFC 3339 instant: {e}"
        ))
        .with_hint("give a time like 2026-01-15T10:30:00Z, or unset it")
    })?;
    Ok(Arc::new(ShiftedClock {
        offset: at - OffsetDateTime::now_utc(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapctl_now_moves_the_clock_and_it_runs_on() {
        let clock = from_env(Some("2030-01-01T00:00:00Z")).unwrap();
        let first = clock.now();
        assert_eq!(first.year(), 2030);
        assert!(clock.now() >= first);
        assert!(from_env(Some("tomorrow")).is_err());
        assert!(from_env(None).unwrap().now().year() < 2030);
    }
}
