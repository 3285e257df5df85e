use crate::context::Context;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {}

/// The registry; `configured` means mapctl found everything calling the
/// integration needs (config and credentials), without calling it.
pub async fn run(ctx: &Context, _args: Args) -> Result<()> {
    let mut list = ctx.registry.list().to_vec();
    for info in &mut list {
        if info.discovery {
            info.configured = ctx.build_integration(&info.name).await.is_ok();
        }
    }
    ctx.ui.print_list(&list)
}
