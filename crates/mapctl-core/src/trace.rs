//! Where request traces go (`-vv` store requests, `-vvv` integration
//! requests): one line per request, never a secret. The `Ui` makes them.

/// A sink for one trace line.
pub type Trace = std::sync::Arc<dyn Fn(&str) + Send + Sync>;
