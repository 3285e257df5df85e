use clap_complete::Shell;

use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to print completions for
    pub shell: Shell,
}

pub fn run(args: Args) -> Result<()> {
    clap_complete::generate(
        args.shell,
        &mut crate::cli::command(),
        "mapctl",
        &mut std::io::stdout(),
    );
    Ok(())
}
