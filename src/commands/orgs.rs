use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;

use crate::commands::apply::{Summary, print_summary, read_input};
use crate::context::Context;
use crate::error::Result;
use crate::records::{self, FileFormat};
use crate::store::repo::apply::Action;
use crate::ui::Tabular;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: OrgsCommand,
}

#[derive(Debug, Subcommand)]
pub enum OrgsCommand {
    /// List the MSP's organizations
    List {
        /// Include inactive organizations
        #[arg(long)]
        all: bool,
    },
    /// Add an organization
    Add {
        /// Display name (unique, case-insensitively)
        #[arg(long)]
        name: String,
        /// Org id [default: a new GUID]
        #[arg(long)]
        id: Option<String>,
        /// Microsoft 365 tenant id (GUID) of the org
        #[arg(long, value_name = "GUID")]
        tenant_id: Option<String>,
    },
    /// Create or update organizations from a file (CSV id,name,tenant_id, JSON or JSON Lines)
    Import {
        /// The file; `-` reads stdin
        #[arg(short = 'f', long = "file", value_name = "FILE")]
        file: PathBuf,
        /// The file's format [default: from the extension; JSON for stdin]
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
        /// Print the plan, write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Serialize)]
struct OrgChange {
    action: Action,
    org_id: String,
    name: String,
}

impl Tabular for OrgChange {
    fn headers() -> Vec<&'static str> {
        vec!["ACTION", "NAME", "ID"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.action.as_str().to_owned(),
            self.name.clone(),
            self.org_id.clone(),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &["action", "org_id", "name"]
    }
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let repo = ctx.repo().await?;
    match args.command {
        OrgsCommand::Import {
            file,
            format,
            dry_run,
        } => {
            let (text, format) = read_input(&file, format).await?;
            let (records, problems) = records::read_records(&text, format, "orgs", &[]);
            let desired = records::all_or_problems(
                "the import file",
                problems,
                records::validate_orgs(&records),
            )?;
            let plan = repo.plan_orgs(&desired).await?;
            if !dry_run && plan.row_writes() > 0 {
                let bar = ctx.ui.progress(plan.row_writes(), "Writing");
                let progress = |n: usize| bar.inc(n as u64);
                let result = repo.execute_orgs(&plan, &progress).await;
                bar.finish_and_clear();
                result?;
            }
            let count = |a: Action| plan.changes.iter().filter(|(x, _)| *x == a).count();
            let summary = Summary {
                dry_run,
                created: count(Action::Create),
                updated: count(Action::Update),
                unchanged: plan.unchanged,
                deleted: 0,
                changes: plan
                    .changes
                    .iter()
                    .map(|(action, o)| OrgChange {
                        action: *action,
                        org_id: o.org_id.clone(),
                        name: o.name.clone(),
                    })
                    .collect(),
            };
            print_summary(ctx, &summary)
        }
        OrgsCommand::List { all } => {
            let orgs = repo.list_orgs(all).await?;
            if orgs.is_empty() {
                ctx.ui
                    .status("No organizations yet: add one with `mapctl orgs add --name NAME`.");
            }
            ctx.ui.print_list(&orgs)
        }
        OrgsCommand::Add {
            name,
            id,
            tenant_id,
        } => {
            let (org, created) = repo
                .add_org(&name, id.as_deref(), tenant_id.as_deref())
                .await?;
            if created {
                ctx.ui
                    .success(&format!("Added {} ({})", org.name, org.org_id));
            } else {
                ctx.ui.status(&format!(
                    "unchanged: {} ({}) already exists",
                    org.name, org.org_id
                ));
            }
            ctx.ui.print_one(&org)
        }
    }
}
