//! The command line: global flags and one variant per subcommand file.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands;
use crate::ui::{ColorChoice, OutputFormat};

#[derive(Debug, Parser)]
#[command(
    name = "mapctl",
    version,
    about = "Map an MSP's organizations to their clients, tenants and organizations in external systems",
    long_about = "Map an MSP's organizations to their clients, tenants and organizations in external systems \
(HaloPSA, NinjaOne, Microsoft 365, ...). Mappings live in a dual-indexed table store: an embedded \
local file by default, or Azure Table Storage.",
    after_help = "Exit codes: 0 ok, 1 unexpected, 2 usage, 3 not found, 4 conflict, 5 auth, 6 unavailable, 7 invalid input, 130 interrupted.",
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Config file [default: $MAPCTL_CONFIG, else $XDG_CONFIG_HOME/mapctl/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Output format [default: the config's `output`, else table]
    #[arg(short = 'o', long, global = true, value_enum, env = "MAPCTL_OUTPUT")]
    pub output: Option<OutputFormat>,

    /// Never prompt; a missing answer is a usage error (also MAPCTL_NO_INPUT=1 or CI=true)
    #[arg(long, global = true)]
    pub no_input: bool,

    /// Answer yes to every confirmation
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,

    /// More on stderr: -v the config and store used, -vv every store request, -vvv every integration request
    #[arg(short = 'v', long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Only data and errors: no notes on stderr
    #[arg(short = 'q', long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Colour on stderr (NO_COLOR is honoured with auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The integrations mapctl knows: name, display name, discovery, configured, where defined
    Integrations(commands::integrations::Args),
    /// List the organizations of an external system, with the MSP orgs mapped to each
    Discover(commands::discover::Args),
    /// Check an integration's credentials and API; with an org, re-resolve its mappings
    TestConnection(commands::test_connection::Args),
    /// Create a mapping from an MSP org to an external org
    Map(commands::map::Args),
    /// Soft-delete (or purge) a mapping
    Unmap(commands::unmap::Args),
    /// List mappings
    List(commands::list::Args),
    /// Show exactly one mapping
    Get(commands::get::Args),
    /// Create, update and (with --prune) soft-delete mappings from a file
    Apply(commands::apply::Args),
    /// Print every active mapping in the format `apply -f` reads
    Export(commands::export::Args),
    /// The MSP's own organizations
    Orgs(commands::orgs::Args),
    /// Check configuration and the store; compare the two mapping indexes
    Doctor(commands::doctor::Args),
    /// The changes made to mappings, newest first
    History(commands::history::Args),
    /// Print shell completions
    Completions(commands::completions::Args),
    /// Print the man page
    Man(commands::man::Args),
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
            Command::Completions(_) => "completions",
            Command::Man(_) => "man",
        }
    }
}

/// The clap command, for completions and man pages.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
