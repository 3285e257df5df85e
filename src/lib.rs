//! mapctl: map an MSP's organizations to the organizations of external systems.
//! Everything testable lives here; `main.rs` only parses and exits.

#![forbid(unsafe_code)]

pub mod assets;
pub mod cli;
pub mod commands;
pub mod completion_values;
pub mod context;
pub mod examples;
pub mod hints;
pub mod interactive;
pub mod review;
pub mod serve;
pub mod ui;
pub mod web;

use cli::Cli;
use commands::Command;
use context::Context;
use mapctl_core::config::{Config, Overrides, ProcessEnv};
use mapctl_core::error::{self as error, Error, Result};
use mapctl_core::integrations::Registry;
use ui::{OutputFormat, Terminal, Ui};

/// Runs a parsed command line; returns the process exit code (contract §5).
pub fn run(cli: Cli) -> i32 {
    let g = &cli.global;
    let mut ui = Ui::new(
        g.output.unwrap_or(OutputFormat::Table),
        g.quiet,
        g.verbose,
        g.yes,
        g.color,
        Terminal::detect(g.no_input),
    )
    .with_ascii(g.ascii || ui::terminal::env_flag(std::env::var("MAPCTL_ASCII").ok()));
    // A wait for another process's store lock is said on stderr (not with -q).
    let quiet = g.quiet;
    mapctl_core::store::local::lock_wait::tell(std::sync::Arc::new(move |line: &str| {
        if !quiet {
            eprintln!("{line}");
        }
    }));
    let command = match cli.command {
        // Neither needs configuration, so they work even with a broken config file.
        Command::Completions(args) => {
            return report(&ui, commands::completions::run(args, cli::command()));
        }
        Command::Man(args) => return report(&ui, commands::man::run(args, cli::command())),
        // `config path` works even with a broken config file.
        Command::Config(commands::config::Args {
            action: commands::config::Action::Path,
        }) => {
            let overrides = Overrides {
                config: g.config.clone(),
            };
            let printed = commands::config::path(&overrides).and_then(|(path, from)| {
                ui.status(&from);
                ui.write_data(&format!("{path}\n"))
            });
            return report(&ui, printed);
        }
        Command::Integrations(commands::integrations::Args {
            action: Some(commands::integrations::Action::Check { file }),
            ..
        }) => return report(&ui, commands::integrations::check(&ui, &file)),
        command => command,
    };
    let config = match Config::load(
        &Overrides {
            config: g.config.clone(),
        },
        &ProcessEnv,
    ) {
        Ok(config) => config,
        Err(e) => return report(&ui, Err(e)),
    };
    // Flags and MAPCTL_OUTPUT win over the config file's `output`.
    if let (None, Some(o)) = (g.output, &config.output) {
        match o.parse::<OutputFormat>() {
            Ok(format) => ui.set_format(format),
            Err(e) => {
                let e = Error::invalid(format!("config file: output = {o:?}: {}", e.message))
                    .with_hint("use output = \"table\", \"json\", \"ndjson\" or \"csv\"");
                return report(&ui, Err(e));
            }
        }
    }
    let registry = match Registry::load(&config) {
        Ok(r) => r,
        Err(e) => return report(&ui, Err(e)),
    };
    for w in &registry.warnings {
        ui.warn(w);
    }
    let clock = match mapctl_core::clock::from_env(std::env::var("MAPCTL_NOW").ok().as_deref()) {
        Ok(c) => c,
        Err(e) => return report(&ui, Err(e)),
    };
    let mut ctx = Context::new(config, ui, registry);
    ctx.session = ctx.session.with_clock(clock);
    ctx.command = command.name();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            return report(
                &ctx.ui,
                Err(Error::internal(format!("cannot start the runtime: {e}"))),
            );
        }
    };
    let result = runtime.block_on(async {
        // The handler is installed before the command starts: Ctrl-C outside
        // a prompt stops the command between two steps; at a prompt (raw
        // mode) the prompt reports it. Either way: exit 130.
        mapctl_core::interrupt::install();
        let interrupted = interrupt_signal();
        let dispatch = commands::dispatch(&ctx, command);
        tokio::pin!(dispatch);
        tokio::select! {
            biased;
            result = &mut dispatch => result,
            _ = interrupted => {
                // Work that stops cleanly (a bulk write) says how far it got.
                if mapctl_core::interrupt::stops_cleanly() {
                    dispatch.await
                } else {
                    Err(Error::new(error::ErrorKind::Interrupted, "interrupted"))
                }
            }
        }
    });
    // The cursor is shown again after a prompt; only a terminal hears it.
    if matches!(&result, Err(e) if e.kind == error::ErrorKind::Interrupted)
        && std::io::IsTerminal::is_terminal(&std::io::stderr())
    {
        let _ = console::Term::stderr().show_cursor();
    }
    // A thread still blocked reading stdin must not hold the exit up.
    runtime.shutdown_background();
    report(&ctx.ui, result)
}

/// Resolves on SIGINT; the handler is registered when this is called.
#[cfg(unix)]
fn interrupt_signal() -> impl std::future::Future<Output = ()> {
    let signal = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt());
    async move {
        match signal {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    }
}

#[cfg(not(unix))]
fn interrupt_signal() -> impl std::future::Future<Output = ()> {
    // Windows: tokio's console handler hears Ctrl-C first and keeps it, so
    // the flag that blocking work polls is raised from here.
    async {
        let _ = tokio::signal::ctrl_c().await;
        mapctl_core::interrupt::raise();
    }
}

fn report(ui: &Ui, result: Result<()>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(e) => {
            let e = hints::worded(e);
            ui.error(&e);
            e.exit_code()
        }
    }
}
