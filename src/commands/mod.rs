//! One file per subcommand: its clap `Args` and a `run` function that holds
//! the flow. The logic lives in `store`, `integrations` and `config`; the
//! printing in `ui`.

pub mod apply;
pub mod completions;
pub mod discover;
pub mod doctor;
pub mod export;
pub mod get;
pub mod history;
pub mod integrations;
pub mod list;
pub mod man;
pub mod map;
pub mod orgs;
pub mod test_connection;
pub mod unmap;

use crate::cli::Command;
use crate::context::Context;
use crate::error::Result;

pub async fn dispatch(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Integrations(args) => integrations::run(ctx, args).await,
        Command::Map(args) => map::run(ctx, args).await,
        Command::Discover(args) => discover::run(ctx, args).await,
        Command::TestConnection(args) => test_connection::run(ctx, args).await,
        Command::Unmap(args) => unmap::run(ctx, args).await,
        Command::List(args) => list::run(ctx, args).await,
        Command::Get(args) => get::run(ctx, args).await,
        Command::Orgs(args) => orgs::run(ctx, args).await,
        Command::Doctor(args) => doctor::run(ctx, args).await,
        Command::Apply(args) => apply::run(ctx, args).await,
        Command::Export(args) => export::run(ctx, args).await,
        Command::History(args) => history::run(ctx, args).await,
        // Handled before any configuration is read (see `crate::run`).
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    }
}
