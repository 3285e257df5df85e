//! The command line: global flags and one variant per subcommand file.

use std::path::PathBuf;

use clap::{Args, Parser};

use crate::commands::Command;
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

/// The clap command, with every subcommand's examples: what is parsed,
/// and what completions and man pages are made from.
pub fn command() -> clap::Command {
    crate::examples::attach(<Cli as clap::CommandFactory>::command())
}

/// `--format json|jsonl|csv` of an input file.
pub fn file_format()
-> impl clap::builder::TypedValueParser<Value = mapctl_core::records::FileFormat> {
    use clap::builder::{PossibleValue, TypedValueParser};
    clap::builder::PossibleValuesParser::new([
        PossibleValue::new("json"),
        PossibleValue::new("jsonl").help("JSON Lines: one object per line"),
        PossibleValue::new("csv"),
    ])
    .map(|name| {
        mapctl_core::records::FileFormat::from_name(&name).expect("one of the possible values")
    })
}
