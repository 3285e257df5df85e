use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;

use super::pick;
use crate::commands::apply::{print_summary, read_input};
use crate::context::Context;
use crate::ui::Tabular;
use mapctl_core::error::Result;
use mapctl_core::mapping::apply::Action;
use mapctl_core::mapping::apply::Summary;
use mapctl_core::records::{self, FileFormat};

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
        /// One of the org's internet domains (repeatable): evidence for `suggest`
        #[arg(long = "domain", value_name = "DOMAIN")]
        domains: Vec<String>,
    },
    /// Change an organization's name, tenant id or domains
    Update {
        /// Org id or name
        org: String,
        /// New display name
        #[arg(long)]
        name: Option<String>,
        /// Microsoft 365 tenant id (GUID)
        #[arg(long, value_name = "GUID")]
        tenant_id: Option<String>,
        /// The org's domains, replacing those it has (repeatable)
        #[arg(long = "domain", value_name = "DOMAIN", conflicts_with = "no_domains")]
        domains: Vec<String>,
        /// Remove every domain
        #[arg(long)]
        no_domains: bool,
    },
    /// An organization and what it has in every integration (none included)
    Show {
        /// Org id or name [picked at a terminal when left out]
        org: Option<String>,
    },
    /// Create or update organizations from a file (CSV id,name,tenant_id,domains, JSON or JSON Lines)
    Import {
        /// The file; `-` reads stdin
        #[arg(short = 'f', long = "file", value_name = "FILE")]
        file: PathBuf,
        /// The file's format [default: from the extension; JSON for stdin]
        #[arg(long, value_parser = crate::cli::file_format())]
        format: Option<FileFormat>,
        /// Print the plan, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Print the active organizations in the format `orgs import` reads (JSON; -o ndjson, -o csv)
    Export,
    /// Soft-delete an organization (it stays in the store and its history); asks first
    Remove {
        /// Org id or name
        org: String,
        /// Soft-delete its active mappings with it (else it must have none)
        #[arg(long)]
        cascade: bool,
    },
}

/// An org as `orgs import` reads it.
#[derive(Debug, serde::Serialize)]
struct ImportRecord {
    id: String,
    name: String,
    tenant_id: Option<String>,
    domains: Vec<String>,
}

impl Tabular for ImportRecord {
    fn headers() -> Vec<&'static str> {
        vec!["ID", "NAME", "TENANT ID", "DOMAINS"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name.clone(),
            self.tenant_id.clone().unwrap_or_default(),
            self.domains.join(";"),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &["id", "name", "tenant_id", "domains"]
    }
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

/// One integration of `orgs show`, for people.
#[derive(Debug, Serialize)]
struct OrgCell {
    integration: String,
    state: &'static str,
    external_org_id: String,
    external_org_name: String,
}

impl OrgCell {
    fn new(integration: &str, cell: &mapctl_core::mapping::matrix::Cell) -> Self {
        use mapctl_core::mapping::matrix::Cell;
        let (id, name) = match cell {
            Cell::Mapped { id, name } | Cell::Stale { id, name } => (id.clone(), name.clone()),
            Cell::Renamed { id, stored, .. } => (id.clone(), stored.clone()),
            Cell::Several(list) => (
                list.iter()
                    .map(|(i, _)| i.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                list.iter()
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Cell::Suggested { id, name, .. } => (id.clone(), name.clone()),
            Cell::Excluded => ("n/a".into(), String::new()),
            Cell::None => ("–".into(), String::new()),
        };
        OrgCell {
            integration: integration.to_owned(),
            state: cell.state(),
            external_org_id: id,
            external_org_name: name,
        }
    }
}

impl Tabular for OrgCell {
    fn headers() -> Vec<&'static str> {
        vec!["INTEGRATION", "STATE", "EXTERNAL ID", "EXTERNAL NAME"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.integration.clone(),
            self.state.to_owned(),
            self.external_org_id.clone(),
            self.external_org_name.clone(),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &[
            "integration",
            "state",
            "external_org_id",
            "external_org_name",
        ]
    }
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let tx = ctx.transaction().await?;
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
            let plan = tx.plan_orgs(&desired).await?;
            if !dry_run && plan.row_writes() > 0 {
                let bar = ctx.ui.progress(plan.row_writes(), "Writing");
                let progress = |n: usize| bar.inc(n as u64);
                let result = tx.execute_orgs(&plan, &progress).await;
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
                repaired: 0,
                changes: plan
                    .changes
                    .iter()
                    .map(|(action, o)| OrgChange {
                        action: *action,
                        org_id: o.org_id.to_string(),
                        name: o.name.clone(),
                    })
                    .collect(),
            };
            print_summary(ctx, &summary)
        }
        OrgsCommand::Remove { org, cascade } => {
            let org = tx.resolve_org(&org).await?;
            let active = tx.list(Some(&org), None, false).await?.len();
            let with = if cascade && active > 0 {
                format!(" and soft-delete its {active} active mapping(s)")
            } else {
                String::new()
            };
            let question = format!("Remove {} ({}){with}?", org.name, org.org_id);
            if !ctx
                .ui
                .confirm(&question, &format!("remove org {}", org.org_id))?
            {
                return Err(crate::interactive::cancelled());
            }
            let (after, unmapped) = tx.remove_org(&org, cascade).await?;
            ctx.ui.success(&format!(
                "Removed {} ({}){}",
                after.name,
                after.org_id,
                match unmapped.len() {
                    0 => String::new(),
                    n => format!(" and soft-deleted {n} mapping(s)"),
                }
            ));
            ctx.ui.print_one(&after)
        }
        OrgsCommand::Export => {
            let records: Vec<ImportRecord> = tx
                .list_orgs(false)
                .await?
                .into_iter()
                .map(|o| ImportRecord {
                    id: o.org_id.to_string(),
                    name: o.name,
                    tenant_id: o.tenant_id,
                    domains: o.domains,
                })
                .collect();
            let format = match ctx.ui.format {
                // A table cannot be imported again: JSON unless asked otherwise.
                crate::ui::OutputFormat::Table => crate::ui::OutputFormat::Json,
                other => other,
            };
            let text = if format == crate::ui::OutputFormat::Csv {
                // One cell of `;`-separated domains, as import reads it.
                let headers = ["id", "name", "tenant_id", "domains"].map(String::from);
                let rows: Vec<Vec<String>> = records
                    .iter()
                    .map(|r| {
                        vec![
                            r.id.clone(),
                            r.name.clone(),
                            r.tenant_id.clone().unwrap_or_default(),
                            r.domains.join(";"),
                        ]
                    })
                    .collect();
                crate::ui::printer::render_grid(format, &[], &headers, &rows, None)?
            } else {
                crate::ui::printer::render_list(format, &records, None)?
            };
            ctx.ui.write_data(&text)
        }
        OrgsCommand::List { all } => {
            let orgs = tx.list_orgs(all).await?;
            if orgs.is_empty() {
                ctx.ui
                    .status("No organizations yet: add one with `mapctl orgs add --name NAME`.");
            }
            ctx.ui.print_list(&orgs)
        }
        OrgsCommand::Update {
            org,
            name,
            tenant_id,
            domains,
            no_domains,
        } => {
            let domains = match (no_domains, domains.is_empty()) {
                (true, _) => Some(Vec::new()),
                (false, false) => Some(domains),
                (false, true) => None,
            };
            let (after, changed) = update(&tx, &org, name, tenant_id, domains).await?;
            if changed {
                ctx.ui
                    .success(&format!("Updated {} ({})", after.name, after.org_id));
            } else {
                ctx.ui
                    .status(&format!("unchanged: {} ({})", after.name, after.org_id));
            }
            ctx.ui.print_one(&after)
        }
        OrgsCommand::Show { org } => {
            let org = pick::org_text(ctx, org, "mapctl orgs show <org>").await?;
            let (org, names, rows) = shown(ctx, &tx, &org).await?;
            let cells: Vec<OrgCell> = names
                .iter()
                .zip(&rows[0].cells)
                .map(|(name, cell)| OrgCell::new(name, cell))
                .collect();
            match ctx.ui.format {
                crate::ui::OutputFormat::Table => {
                    ctx.ui.print_one(&org)?;
                    ctx.ui.write_data("\n")?;
                    ctx.ui.print_list(&cells)
                }
                crate::ui::OutputFormat::Csv => ctx.ui.print_list(&cells),
                // The org's object (contract §4) with its integrations.
                _ => {
                    let json = shown_json(&org, &names, &rows[0])?;
                    let text = match ctx.ui.format {
                        crate::ui::OutputFormat::Json => {
                            serde_json::to_string_pretty(&json).unwrap_or_default()
                        }
                        _ => json.to_string(),
                    };
                    ctx.ui.write_data(&format!("{text}\n"))
                }
            }
        }
        OrgsCommand::Add {
            name,
            id,
            tenant_id,
            domains,
        } => {
            let (org, created) = tx
                .add_org_with(&name, id.as_deref(), tenant_id.as_deref(), &domains)
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

/// An org and its cell in every configured integration (and any other it
/// is mapped in): `orgs show`, the API's `GET /api/v1/orgs/{org}`.
pub async fn shown(
    session: &mapctl_core::session::Session,
    repo: &mapctl_core::mapping::Repo,
    org: &str,
) -> Result<(
    mapctl_core::model::Org,
    Vec<String>,
    Vec<mapctl_core::mapping::matrix::Row>,
)> {
    let org = repo.resolve_org(org).await?;
    let mappings = repo.list(Some(&org), None, false).await?;
    let mut names: Vec<String> = session
        .registry
        .list()
        .iter()
        .filter(|i| i.configured && i.broken.is_none())
        .map(|i| i.name.clone())
        .collect();
    for m in &mappings {
        if !names.iter().any(|n| *n == m.integration_name) {
            names.push(m.integration_name.to_string());
        }
    }
    let decisions =
        mapctl_core::mapping::decisions::Decisions::of(repo.decisions(Some(&org.org_id)).await?);
    let with = mapctl_core::mapping::matrix::Context {
        proposals: &Default::default(),
        decisions: &decisions,
        current: &Default::default(),
    };
    let rows =
        mapctl_core::mapping::matrix::matrix(std::slice::from_ref(&org), &names, &mappings, &with);
    Ok((org, names, rows))
}

/// The org's object (contract §4) with its integrations.
pub fn shown_json(
    org: &mapctl_core::model::Org,
    names: &[String],
    row: &mapctl_core::mapping::matrix::Row,
) -> Result<serde_json::Value> {
    let mut json = serde_json::to_value(org)
        .map_err(|e| mapctl_core::error::Error::internal(e.to_string()))?;
    json["integrations"] = row.to_json(names)["integrations"].clone();
    Ok(json)
}

/// Changes an org's name, tenant id or domains (None keeps each): the org
/// after, and whether anything changed. `orgs update`, `PATCH`.
pub async fn update(
    tx: &mapctl_core::mapping::Transaction<'_>,
    org: &str,
    name: Option<String>,
    tenant_id: Option<String>,
    domains: Option<Vec<String>>,
) -> Result<(mapctl_core::model::Org, bool)> {
    let current = tx.resolve_org(org).await?;
    if let Some(n) = &name {
        mapctl_core::model::validate_name("org name", n, false)?;
    }
    let tenant_id = tenant_id
        .map(|t| mapctl_core::model::validate_tenant_id(&t))
        .transpose()?;
    let domains = domains
        .map(|d| {
            if d.is_empty() {
                Ok(d)
            } else {
                mapctl_core::model::validate_domains(&d)
            }
        })
        .transpose()?;
    let desired = [mapctl_core::mapping::import::DesiredOrg {
        id: Some(current.org_id.to_string()),
        name: name.unwrap_or_else(|| current.name.clone()),
        tenant_id,
        domains,
    }];
    let plan = tx.plan_orgs(&desired).await?;
    tx.execute_orgs(&plan, &|_| {}).await?;
    Ok(match plan.changes.first() {
        Some((_, after)) => (after.clone(), true),
        None => (current, false),
    })
}
