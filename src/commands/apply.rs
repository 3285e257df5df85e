use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Read;
use std::path::PathBuf;

use serde::Serialize;

use crate::context::Context;
use crate::ui::Tabular;
use mapctl_core::error::{Error, Result};
use mapctl_core::integrations::discovery;
use mapctl_core::mapping::apply::{Action, ApplyPlan, DesiredMapping};
use mapctl_core::records::{self, FileFormat};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file of wanted mappings (JSON, JSON Lines or CSV); `-` reads stdin
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: PathBuf,
    /// The file's format [default: from the extension; JSON for stdin]
    #[arg(long, value_parser = crate::cli::file_format())]
    pub format: Option<FileFormat>,
    /// Print the plan, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Soft-delete active mappings of the file's integrations that the file does not list
    #[arg(long)]
    pub prune: bool,
    /// Check every external id against its integration (through discovery and its cache)
    #[arg(long)]
    pub verify: bool,
}

/// All of stdin, read on a thread of its own: a blocking read would keep
/// Ctrl-C from being heard.
async fn read_stdin() -> std::io::Result<String> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        let read = std::io::stdin().read_to_string(&mut text).map(|_| text);
        let _ = tx.send(read);
    });
    rx.await
        .unwrap_or_else(|_| Err(std::io::Error::other("the stdin reader stopped")))
}

/// Reads `-f FILE` (or stdin) as text, with its format.
pub async fn read_input(
    file: &PathBuf,
    format: Option<FileFormat>,
) -> Result<(String, FileFormat)> {
    let stdin = file.as_os_str() == "-";
    let format = match (format, stdin) {
        (Some(f), _) => f,
        (None, true) => FileFormat::Json,
        (None, false) => FileFormat::from_path(file).ok_or_else(|| {
            Error::usage(format!(
                "cannot tell the format of {} from its extension",
                file.display()
            ))
            .with_hint("name it .json, .jsonl or .csv, or pass --format json|jsonl|csv")
        })?,
    };
    let read = if stdin {
        read_stdin().await
    } else {
        std::fs::read_to_string(file)
    };
    let text = read.map_err(|e| {
        Error::invalid(format!(
            "cannot read {}: {e}",
            if stdin {
                "stdin".into()
            } else {
                file.display().to_string()
            }
        ))
        .with_hint("check the path given to -f")
    })?;
    Ok((text, format))
}

#[derive(Debug, Serialize)]
struct ChangeRow {
    action: Action,
    /// None for an ignore record (it names no org).
    org_id: Option<String>,
    integration_name: String,
    external_org_id: String,
    #[serde(skip)]
    org_name: String,
    #[serde(skip)]
    external_org_name: String,
}

impl Tabular for ChangeRow {
    fn headers() -> Vec<&'static str> {
        vec![
            "ACTION",
            "ORG",
            "INTEGRATION",
            "EXTERNAL ID",
            "EXTERNAL NAME",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.action.as_str().to_owned(),
            self.org_name.clone(),
            self.integration_name.clone(),
            self.external_org_id.clone(),
            self.external_org_name.clone(),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &["action", "org_id", "integration_name", "external_org_id"]
    }
}

/// The summary object of contract §4.
#[derive(Debug, Serialize)]
pub struct Summary<C: Serialize> {
    pub dry_run: bool,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub deleted: usize,
    pub changes: Vec<C>,
}

pub fn summary_line<C: Serialize>(s: &Summary<C>) -> String {
    if s.dry_run {
        format!(
            "Plan: {} to create, {} to update, {} unchanged, {} to delete (dry run: nothing written)",
            s.created, s.updated, s.unchanged, s.deleted
        )
    } else {
        format!(
            "Applied: {} created, {} updated, {} unchanged, {} deleted",
            s.created, s.updated, s.unchanged, s.deleted
        )
    }
}

/// New ignore records count as created, existing ones as unchanged.
fn summary(plan: &ApplyPlan, ignores: &IgnorePlan, dry_run: bool) -> Summary<ChangeRow> {
    let count = |a: Action| plan.changes.iter().filter(|c| c.action == a).count();
    let ignore_rows = ignores.new.iter().map(|i| ChangeRow {
        action: Action::Ignore,
        org_id: None,
        integration_name: i.integration.clone(),
        external_org_id: i.external_org_id.clone(),
        org_name: String::new(),
        external_org_name: i.external_org_name.clone().unwrap_or_default(),
    });
    Summary {
        dry_run,
        created: count(Action::Create) + ignores.new.len(),
        updated: count(Action::Update),
        unchanged: plan.unchanged + ignores.unchanged,
        deleted: count(Action::Delete),
        changes: plan
            .changes
            .iter()
            .map(|c| {
                let m = plan.mapping(c);
                ChangeRow {
                    action: c.action,
                    org_id: Some(m.org_id.clone()),
                    integration_name: m.integration_name.clone(),
                    external_org_id: m.external_org_id.clone(),
                    org_name: m.org_name.clone().unwrap_or_else(|| m.org_id.clone()),
                    external_org_name: m.external_org_name.clone(),
                }
            })
            .chain(ignore_rows)
            .collect(),
    }
}

/// The ignore records of a file: those to write, and how many already are.
struct IgnorePlan {
    new: Vec<records::DesiredIgnore>,
    unchanged: usize,
}

async fn plan_ignores(ctx: &Context, wanted: Vec<records::DesiredIgnore>) -> Result<IgnorePlan> {
    let repo = ctx.repo().await?;
    let mut existing: HashMap<String, HashSet<String>> = HashMap::new();
    let mut plan = IgnorePlan {
        new: Vec::new(),
        unchanged: 0,
    };
    for i in wanted {
        if !existing.contains_key(&i.integration) {
            let ids = repo
                .ignored(&i.integration)
                .await?
                .into_iter()
                .map(|r| r.external_org_id)
                .collect();
            existing.insert(i.integration.clone(), ids);
        }
        if existing[&i.integration].contains(&i.external_org_id) {
            plan.unchanged += 1;
        } else {
            plan.new.push(i);
        }
    }
    Ok(plan)
}

pub fn print_summary<C: Serialize + Tabular>(ctx: &Context, s: &Summary<C>) -> Result<()> {
    /// Rows of a plan a person is shown; scripts get every one.
    const SHOWN: usize = 500;
    ctx.ui.print_report(s, &s.changes, || {
        // Rendered only for people, and only the first rows: a table of
        // 100,000 changes is neither readable nor cheap.
        let shown = &s.changes[..s.changes.len().min(SHOWN)];
        let table = crate::ui::printer::render_list(crate::ui::OutputFormat::Table, shown, None)
            .unwrap_or_default();
        let more = match s.changes.len().saturating_sub(SHOWN) {
            0 => String::new(),
            n => format!("… and {n} more (`-o json` or `-o csv` lists every change)\n"),
        };
        format!("{table}{more}{}\n", summary_line(s))
    })
}

/// `--verify`: every external id must exist in its integration (discovery,
/// through the cache); unknown ones are problems of their records (exit 7).
async fn verify(ctx: &Context, records: &[RecordAt], desired: &[DesiredMapping]) -> Result<()> {
    let mut problems = Vec::new();
    let integrations: BTreeSet<&str> = desired.iter().map(|d| d.integration.as_str()).collect();
    for name in integrations {
        if !ctx.registry.resolve(name)?.discovery {
            return Err(
                Error::usage(format!("--verify needs discovery, which {name} has not")).with_hint(
                    "leave out --verify, or give the integration's declaration a [[list]]",
                ),
            );
        }
        let integration = ctx.integration(name).await?;
        let spinner = ctx
            .ui
            .spinner(&format!("Discovering {name} to verify the file"));
        let listed =
            discovery::discover(integration.as_ref(), &ctx.discovery_cache(), false, &|_| {}).await;
        spinner.finish_and_clear();
        let known: HashSet<String> = listed?.0.into_iter().map(|o| o.id).collect();
        // Validation passed, so records and desired mappings pair up one to one.
        for (record, d) in records.iter().zip(desired) {
            if d.integration == name && !known.contains(&d.external_org_id) {
                problems.push(records::Problem {
                    record: Some(record.0),
                    line: record.1,
                    column: None,
                    message: format!("{name} has no organization with id {}", d.external_org_id),
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        problems.sort_by_key(|p| p.record);
        Err(records::invalid_file("the apply file", problems))
    }
}

/// Where a record stands in its file: record number and line.
type RecordAt = (usize, Option<usize>);

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let (text, format) = read_input(&args.file, args.format).await?;
    let repo = ctx.repo().await?;
    let orgs = repo.list_orgs(true).await?;
    // Each record is validated as it is read; only the wanted mappings stay.
    let mut validator = records::MappingValidator::new(&orgs, &ctx.registry);
    let (mut desired, mut at, mut unreadable) = (Vec::new(), Vec::<RecordAt>::new(), Vec::new());
    records::each_record(
        &text,
        format,
        "mappings",
        &["mapping_data"],
        &mut |r| match r {
            Ok(f) => {
                if let Some(d) = validator.check(&f) {
                    desired.push(d);
                    at.push((f.record, f.line));
                }
            }
            Err(p) => unreadable.push(p),
        },
    );
    drop(text);
    let (desired, ignores) = records::all_or_problems(
        "the apply file",
        unreadable,
        validator.finish().map(|ignores| (desired, ignores)),
    )?;
    if args.verify {
        verify(ctx, &at, &desired).await?;
    }
    apply_wanted(ctx, desired, ignores, args.prune, args.dry_run).await
}

/// The `apply` engine after its file is read: plans the wanted mappings and
/// ignore records, writes them (unless `dry_run`) and prints the summary.
/// `suggest --apply` and its review write through it as well.
pub async fn apply_wanted(
    ctx: &Context,
    desired: Vec<DesiredMapping>,
    ignores: Vec<records::DesiredIgnore>,
    prune: bool,
    dry_run: bool,
) -> Result<()> {
    let tx = ctx.transaction().await?;
    let ignores = plan_ignores(ctx, ignores).await?;
    let mut plan = tx.plan_apply(&desired, prune).await?;
    drop(desired);
    for why in &plan.skipped {
        ctx.ui.warn(why);
    }
    if !dry_run && plan.row_writes() > 0 {
        let bar = ctx.ui.progress(plan.row_writes(), "Writing");
        let progress = |n: usize| bar.inc(n as u64);
        let result = tx.execute_apply(&plan, &progress).await;
        bar.finish_and_clear();
        result?;
        // Proposals another writer contended while they were written.
        let reported = plan.skipped.len();
        tx.withdraw_contended(&mut plan).await?;
        for why in &plan.skipped[reported..] {
            ctx.ui.warn(why);
        }
        if plan.repairs > 0 {
            ctx.ui.status(&format!(
                "Rewrote {} integration-index row(s) from the org index.",
                plan.repairs
            ));
        }
    }
    if !dry_run {
        // After the mappings, like the history: each record and its history row.
        for i in &ignores.new {
            tx.ignore(
                &i.integration,
                &i.external_org_id,
                i.external_org_name.as_deref().unwrap_or_default(),
                i.reason.as_deref().unwrap_or_default(),
            )
            .await?;
        }
    }
    let summary = summary(&plan, &ignores, dry_run);
    drop(plan);
    print_summary(ctx, &summary)
}
