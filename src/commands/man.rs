use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> Result<()> {
    clap_mangen::Man::new(crate::cli::command())
        .render(&mut std::io::stdout())
        .map_err(|e| Error::internal(format!("cannot write the man page: {e}")))
}
