use clap_complete::Shell;

use mapctl_core::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to print completions for
    pub shell: Shell,
}

/// `cli` is the whole command line's definition (passed in: commands do not
/// depend on the parser that holds them).
pub fn run(args: Args, mut cli: clap::Command) -> Result<()> {
    clap_complete::generate(args.shell, &mut cli, "mapctl", &mut std::io::stdout());
    Ok(())
}
