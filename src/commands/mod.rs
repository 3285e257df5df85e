//! One file per subcommand: its clap `Args` and a `run` function that holds
//! the flow. The logic lives in `store`, `integrations` and `config`; the
//! printing in `ui`.

pub mod apply;
pub mod completions;
pub mod config;
pub mod decide;
pub mod discover;
pub mod doctor;
pub mod export;
pub mod external_orgs;
pub mod get;
pub mod history;
pub mod ignore;
pub mod integrations;
pub mod list;
pub mod man;
pub mod map;
pub mod matrix_view;
pub mod orgs;
pub mod pick;
pub mod serve;
pub mod status;
pub mod suggest;
pub mod sync_names;
pub mod test_connection;
pub mod tokens;
pub mod ui;
pub mod unignore;
pub mod unmap;

use crate::context::Context;
use mapctl_core::error::{Error, Result};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The integrations mapctl knows: name, display name, discovery, configured, where defined
    Integrations(integrations::Args),
    /// List the organizations of an external system, with the MSP orgs mapped to each
    Discover(discover::Args),
    /// Check an integration's credentials and API; with an org, re-resolve its mappings
    TestConnection(test_connection::Args),
    /// Create a mapping from an MSP org to an external org
    Map(map::Args),
    /// Soft-delete (or purge) a mapping
    Unmap(unmap::Args),
    /// List mappings
    List(list::Args),
    /// Show exactly one mapping
    Get(get::Args),
    /// Create, update and (with --prune) soft-delete mappings from a file
    Apply(apply::Args),
    /// Print every active mapping in the format `apply -f` reads
    Export(export::Args),
    /// The MSP's own organizations
    Orgs(orgs::Args),
    /// Check configuration and the store; compare the two mapping indexes
    Doctor(doctor::Args),
    /// The changes made to mappings, newest first
    History(history::Args),
    /// Mark external orgs that are not customers (the MSP itself, vendors, test tenants)
    Ignore(ignore::Args),
    /// Take external orgs off the ignore list
    Unignore(unignore::Args),
    /// Record that a customer does not use a system: no coverage, no suggestion there
    Exclude(decide::ExcludeArgs),
    /// Take an exclusion back: the org counts in the integration's coverage again
    Include(decide::IncludeArgs),
    /// Record that an external org is not this customer: suggest never proposes the pair again
    Reject(decide::RejectArgs),
    /// Take a rejection back
    Unreject(decide::UnrejectArgs),
    /// Set stored external org names to the external systems' current names
    SyncNames(sync_names::Args),
    /// Customers mapped per integration, and which need a mapping, are stale or renamed
    Status(status::Args),
    /// Propose, for each MSP org without a mapping, the external org that is the same customer
    Suggest(suggest::Args),
    /// Serve the management API: REST with an OpenAPI document, and MCP
    Serve(serve::Args),
    /// The API's bearer tokens: create, list, revoke
    Tokens(tokens::Args),
    /// The browser UI on this machine: the matrix, an org's integrations, map, review, history
    Ui(ui::Args),
    /// Where the config file is, the effective configuration, and the file in an editor
    Config(config::Args),
    /// Print shell completions
    Completions(completions::Args),
    /// Print the man page
    Man(man::Args),
}

impl Command {
    /// The subcommand as typed, for the history's `Command`.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Integrations(_) => "integrations",
            Command::Discover(_) => "discover",
            Command::TestConnection(_) => "test-connection",
            Command::Map(_) => "map",
            Command::Unmap(_) => "unmap",
            Command::List(_) => "list",
            Command::Get(_) => "get",
            Command::Apply(_) => "apply",
            Command::Export(_) => "export",
            Command::Orgs(_) => "orgs",
            Command::Doctor(_) => "doctor",
            Command::History(_) => "history",
            Command::Ignore(_) => "ignore",
            Command::Unignore(_) => "unignore",
            Command::Exclude(_) => "exclude",
            Command::Include(_) => "include",
            Command::Reject(_) => "reject",
            Command::Unreject(_) => "unreject",
            Command::SyncNames(_) => "sync-names",
            Command::Status(_) => "status",
            Command::Suggest(_) => "suggest",
            Command::Serve(_) => "serve",
            Command::Tokens(_) => "tokens",
            Command::Ui(_) => "ui",
            Command::Config(_) => "config",
            Command::Completions(_) => "completions",
            Command::Man(_) => "man",
        }
    }
}

pub async fn dispatch(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Integrations(args) => integrations::run(ctx, args).await,
        Command::Map(args) => map::run(ctx, args).await,
        Command::Discover(args) => discover::run(ctx, args).await,
        Command::TestConnection(args) => test_connection::run(ctx, args).await,
        Command::Unmap(args) => unmap::run(ctx, args).await,
        Command::List(args) => list::run(ctx, args).await,
        Command::Get(args) => get::run(ctx, args).await,
        Command::Orgs(args) => orgs::run(ctx, args).await,
        Command::Doctor(args) => doctor::run(ctx, args).await,
        Command::Apply(args) => apply::run(ctx, args).await,
        Command::Export(args) => export::run(ctx, args).await,
        Command::History(args) => history::run(ctx, args).await,
        Command::Ignore(args) => ignore::run(ctx, args).await,
        Command::Unignore(args) => unignore::run(ctx, args).await,
        Command::Exclude(args) => decide::exclude(ctx, args).await,
        Command::Include(args) => decide::include(ctx, args).await,
        Command::Reject(args) => decide::reject(ctx, args).await,
        Command::Unreject(args) => decide::unreject(ctx, args).await,
        Command::SyncNames(args) => sync_names::run(ctx, args).await,
        Command::Status(args) => status::run(ctx, args).await,
        Command::Suggest(args) => suggest::run(ctx, args).await,
        Command::Serve(args) => serve::run(ctx, args).await,
        Command::Tokens(args) => tokens::run(ctx, args).await,
        Command::Ui(args) => ui::run(ctx, args).await,
        // Handled before any configuration is read (see `crate::run`).
        Command::Config(args) => config::run(ctx, args).await,
        Command::Completions(_) | Command::Man(_) => Err(Error::internal(
            "completions and man are printed before any configuration is read",
        )),
    }
}
