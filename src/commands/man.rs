use mapctl_core::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args, cli: clap::Command) -> Result<()> {
    clap_mangen::Man::new(cli)
        .render(&mut std::io::stdout())
        .map_err(|e| Error::internal(format!("cannot write the man page: {e}")))
}
