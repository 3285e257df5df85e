use std::path::PathBuf;

use crate::context::Context;
use crate::ui::Ui;
use mapctl_core::error::{Error, Result};
use mapctl_core::integrations::declaration::Category;
use mapctl_core::integrations::read_declaration;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
    /// Only integrations of this category (psa, rmm, documentation, security, network, backup, distribution, identity)
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Print an integration's declaration (built-in or not) in the file format
    Show {
        /// Integration: name or alias
        integration: String,
    },
    /// Validate a declaration file without calling anything (exit 7 lists every problem)
    Check {
        /// The declaration file (NAME.toml)
        file: PathBuf,
    },
}

/// `integrations check FILE` needs no configuration: it runs even where
/// the config file is broken.
pub fn check(ui: &Ui, file: &std::path::Path) -> Result<()> {
    let d = read_declaration(file)?;
    let fields = d.credential_fields();
    ui.success(&format!(
        "{} declares {:?}: {}; credential fields: {}.",
        file.display(),
        d.display_name,
        if d.has_discovery() {
            "discovery"
        } else {
            "no discovery (mappings are recorded with --no-verify)"
        },
        if fields.is_empty() {
            "none".to_owned()
        } else {
            fields.join(", ")
        }
    ));
    Ok(())
}

/// The registry; `configured` means mapctl found everything calling the
/// integration needs (config and credentials), without calling it.
pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    match args.action {
        Some(Action::Show { integration }) => {
            let info = ctx.registry.resolve(&integration)?;
            let Some(d) = &info.declaration else {
                return Err(Error::not_found(format!(
                    "{} has no declaration: it is only named in the config file",
                    info.name
                ))
                .with_hint("`mapctl integrations show hudu` shows one to start from"));
            };
            let text = toml::to_string(d.as_ref())
                .map_err(|e| Error::internal(format!("cannot print the declaration: {e}")))?;
            let header = format!(
                "# {} ({}): save as {} to use it, or under another name for another instance.\n",
                info.display_name,
                info.defined_in,
                ctx.config
                    .declarations_dir
                    .join(format!("{}.toml", info.name))
                    .display()
            );
            ctx.ui.write_data(&format!("{header}{text}"))
        }
        Some(Action::Check { file }) => check(&ctx.ui, &file),
        None => {
            let mut list = ctx.registry.list().to_vec();
            if let Some(wanted) = &args.category {
                let wanted = wanted.trim().to_ascii_lowercase();
                let known: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
                if !known.contains(&wanted.as_str()) {
                    return Err(
                        Error::usage(format!("--category {wanted:?} is no category"))
                            .with_hint(format!("use one of {}", known.join(", "))),
                    );
                }
                list.retain(|i| i.category == Some(wanted.as_str()));
            }
            for info in &mut list {
                if info.discovery {
                    info.configured = ctx.integration_ready(&info.name).await.is_ok();
                }
            }
            ctx.ui.print_list(&list)
        }
    }
}
