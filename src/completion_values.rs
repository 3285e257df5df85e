//! The values completions offer (clap_complete's dynamic engine): the
//! integrations' names and aliases, and the MSP's org ids with their
//! names, read from the configuration and store as a command would. A
//! completion that cannot read them offers nothing rather than fail.

use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use mapctl_core::config::{Config, Overrides, ProcessEnv};
use mapctl_core::integrations::Registry;

fn config() -> Option<Config> {
    let overrides = Overrides {
        config: std::env::var_os("MAPCTL_CONFIG").map(Into::into),
    };
    Config::load(&overrides, &ProcessEnv).ok()
}

fn integrations() -> Vec<CompletionCandidate> {
    let Some(config) = config() else {
        return Vec::new();
    };
    let Ok(registry) = Registry::load(&config) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in registry.list() {
        out.push(
            CompletionCandidate::new(i.name.clone()).help(Some(i.display_name.clone().into())),
        );
        for alias in &i.aliases {
            out.push(
                CompletionCandidate::new(alias.clone())
                    .help(Some(format!("alias of {}", i.name).into()))
                    .hide(true),
            );
        }
    }
    out
}

fn orgs() -> Vec<CompletionCandidate> {
    let Some(config) = config() else {
        return Vec::new();
    };
    let Ok(registry) = Registry::load(&config) else {
        return Vec::new();
    };
    let session = mapctl_core::session::Session::new(
        config,
        registry,
        mapctl_core::session::Traces::default(),
    );
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return Vec::new();
    };
    runtime
        .block_on(async { session.repo().await?.list_orgs(false).await })
        .map(|orgs| {
            orgs.into_iter()
                .map(|o| CompletionCandidate::new(o.org_id.to_string()).help(Some(o.name.into())))
                .collect()
        })
        .unwrap_or_default()
}

/// Gives every org and integration argument of `cmd` (and its
/// subcommands) its values.
pub fn attach(cmd: clap::Command) -> clap::Command {
    let mut cmd = cmd;
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = match id.as_str() {
            "org" | "orgs" => cmd.mut_arg(&id, |a| a.add(ArgValueCandidates::new(orgs))),
            "integration" | "integrations" => {
                cmd.mut_arg(&id, |a| a.add(ArgValueCandidates::new(integrations)))
            }
            _ => cmd,
        };
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, attach);
    }
    cmd
}
