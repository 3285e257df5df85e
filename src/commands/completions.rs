//! `mapctl completions SHELL`: the script a shell sources. It asks mapctl
//! itself at each Tab (clap_complete's dynamic engine), so completions
//! know values: integration names and aliases, org ids and names, `-o`
//! formats.

use clap_complete::Shell;

use mapctl_core::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to print completions for
    pub shell: Shell,
}

pub fn run(args: Args, _cli: clap::Command) -> Result<()> {
    use std::io::Write;
    std::io::stdout()
        .write_all(&crate::assets::completion_script(args.shell))
        .map_err(|e| Error::internal(format!("cannot write the script: {e}")))
}
