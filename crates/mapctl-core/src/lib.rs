//! The core of mapctl: the model, the two table stores, the mapping rules,
//! matching and the integrations engine. It knows no command line, no
//! terminal and no HTTP server: the `mapctl` crate (CLI, server, browser UI)
//! sits on top and words every hint that names a flag or a command.

#![forbid(unsafe_code)]
// The public surface is what the CLI crate uses: an item pub but unreachable
// from here is one the compiler cannot flag as dead.
#![warn(unreachable_pub)]

mod azure_auth;
pub mod clock;
pub mod config;
mod domains;
pub mod error;
pub mod integrations;
pub mod interrupt;
pub mod mapping;
pub mod matching;
pub mod model;
mod net;
pub mod ops;
pub mod records;
pub mod redact;
pub mod safe_text;
mod secrets;
pub mod session;
pub mod store;
#[cfg(any(test, feature = "test-support"))]
pub mod test_support;
pub mod text_file;
pub mod trace;
