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
    // A command's own options first, these after, under their own heading.
    #[command(flatten, next_help_heading = "Global options")]
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

    /// JSON with every non-ASCII character escaped (\u00fc), for Windows PowerShell 5.1 (also MAPCTL_ASCII=1)
    #[arg(long, global = true)]
    pub ascii: bool,

    /// Colour on stderr (NO_COLOR is honoured with auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// The commands in `mapctl --help`, by what a person does with them.
pub const GROUPS: &[(&str, &[&str])] = &[
    ("Mappings", &["map", "unmap", "get", "list", "history"]),
    (
        "Onboarding",
        &[
            "suggest",
            "status",
            "discover",
            "sync-names",
            "ignore",
            "unignore",
            "exclude",
            "include",
            "reject",
            "unreject",
        ],
    ),
    ("Bulk", &["apply", "export", "orgs"]),
    ("Integrations", &["integrations", "test-connection"]),
    ("Server", &["serve", "tokens", "ui"]),
    ("Admin", &["doctor", "config", "completions", "man"]),
];

/// The clap command, with every subcommand's examples and the commands
/// listed by group: what is parsed, and what completions and man pages
/// are made from.
pub fn command() -> clap::Command {
    let cmd = crate::completion_values::attach(crate::examples::attach(
        <Cli as clap::CommandFactory>::command(),
    ));
    let mut grouped = String::new();
    for (group, names) in GROUPS {
        grouped.push_str(&format!("{group}:\n"));
        for name in *names {
            let about = cmd
                .find_subcommand(name)
                .and_then(|c| c.get_about())
                .map(|a| a.to_string())
                .unwrap_or_default();
            // Wrapped to 80 columns under its own column.
            let mut line = format!("  {name:<16}");
            for word in about.split_whitespace() {
                if line.chars().count() + 1 + word.chars().count() > 80 {
                    grouped.push_str(&line);
                    grouped.push('\n');
                    line = " ".repeat(18);
                }
                line.push(' ');
                line.push_str(word);
            }
            grouped.push_str(&line);
            grouped.push('\n');
        }
        grouped.push('\n');
    }
    cmd.help_template(format!(
        "{{before-help}}{{about-with-newline}}\n{{usage-heading}} {{usage}}\n\n{grouped}Options:\n{{options}}{{after-help}}"
    ))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_in_one_group_of_the_help() {
        let cmd = command();
        let mut listed: Vec<&str> = GROUPS.iter().flat_map(|(_, n)| n.iter().copied()).collect();
        for sub in cmd.get_subcommands().filter(|c| c.get_name() != "help") {
            let n = listed.iter().filter(|l| **l == sub.get_name()).count();
            assert_eq!(n, 1, "{} in {n} groups", sub.get_name());
        }
        listed.retain(|l| cmd.find_subcommand(l).is_none());
        assert!(listed.is_empty(), "no such commands: {listed:?}");
        let help = command().render_help().to_string();
        assert!(help.contains("Onboarding:\n  suggest"), "{help}");
        let mut cmd = command();
        cmd.build();
        let map = cmd
            .find_subcommand_mut("map")
            .unwrap()
            .render_help()
            .to_string();
        let own = map.find("--external-id").unwrap();
        let global = map.find("Global options:").unwrap();
        assert!(own < global, "a command's own options first: {map}");
    }
}
