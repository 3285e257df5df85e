use crate::context::Context;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(ctx: &Context, _args: Args) -> Result<()> {
    ctx.ui.print_list(ctx.registry.list())
}
