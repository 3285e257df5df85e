//! The command line as people and scripts run it: one test binary (its
//! helpers in `common/` compile once), one module per area.

#[macro_use]
mod common;

mod assets;
mod azure;
mod bulk;
mod changes;
mod commands;
mod decision_races;
mod development_storage;
mod encodings;
mod integrations;
mod interactive;
mod interrupts;
mod layering;
mod onboarding;
mod readme;
mod rules;
mod serve;
mod stack;
mod status;
mod store_file;
mod suggest;
mod systems;
mod trust;
mod ui;
mod windows;
