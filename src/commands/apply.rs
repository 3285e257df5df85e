use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

use serde::Serialize;

use crate::context::Context;
use crate::ui::Tabular;
use mapctl_core::error::{Error, Result};
use mapctl_core::integrations::discovery;
use mapctl_core::mapping::apply::{ApplyRequest, ApplySummary, ChangeRow, DesiredMapping, Summary};
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
        let read = mapctl_core::text_file::read_limited(std::io::stdin(), u64::MAX);
        let _ = tx.send(read);
    });
    rx.await
        .unwrap_or_else(|_| Err(std::io::Error::other("the stdin reader stopped")))
}

/// Reads `-f FILE` (or stdin) as text, with its format.
pub async fn read_input(
    file: &std::path::Path,
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
        mapctl_core::text_file::read(file)
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

impl Tabular for ChangeRow {
    fn headers() -> Vec<&'static str> {
        vec![
            "ACTION",
            "ORG",
            "INTEGRATION",
            "EXTERNAL ID",
            "EXTERNAL NAME",
            "CHANGE",
        ]
    }
    fn cells(&self) -> Vec<String> {
        // An update shows what it changes: old → new.
        let change = self
            .changes
            .iter()
            .map(|c| format!("{}: {} → {}", c.field, c.before, c.after))
            .collect::<Vec<_>>()
            .join("; ");
        vec![
            self.action.as_str().to_owned(),
            self.org_name.clone(),
            self.integration_name.clone(),
            self.external_org_id.clone(),
            self.external_org_name.clone(),
            change,
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &["action", "org_id", "integration_name", "external_org_id"]
    }
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
        format!("{table}{more}{}\n", s.line())
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
        let listed = discovery::discover(
            integration.as_ref(),
            &ctx.discovery_cache(),
            discovery::Freshness::Cached,
            &|_| {},
        )
        .await;
        spinner.finish_and_clear();
        let known: HashSet<String> = listed?.0.into_iter().map(|o| o.id).collect();
        // Validation passed, so records and desired mappings pair up one to one.
        for (record, d) in records.iter().zip(desired) {
            if d.integration == name && !known.contains(d.external_org_id.as_str()) {
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
    let (request, at) = read_request(ctx, text, format, args.prune).await?;
    if args.verify {
        verify(ctx, &at, &request.mappings).await?;
    }
    apply_wanted(ctx, request, args.dry_run).await
}

/// An apply file read into the request the engine plans: every record
/// validated as it is read, every problem listed at once (exit 7), with
/// where each wanted mapping came from (for `--verify`). The CLI's and the
/// API's `POST /api/v1/apply`.
pub async fn read_request(
    session: &mapctl_core::session::Session,
    text: String,
    format: FileFormat,
    prune: bool,
) -> Result<(ApplyRequest, Vec<RecordAt>)> {
    let repo = session.repo().await?;
    let orgs = repo.list_orgs(true).await?;
    // Each record is validated as it is read; only the wanted mappings stay.
    let mut validator = records::MappingValidator::new(&orgs, &session.registry);
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
    let (desired, (ignores, decisions)) = records::all_or_problems(
        "the apply file",
        unreadable,
        validator.finish().map(|extras| (desired, extras)),
    )?;
    let request = ApplyRequest {
        mappings: desired,
        ignores,
        decisions,
        prune,
    };
    Ok((request, at))
}

/// The `apply` engine after its file is read: plans the wanted mappings and
/// ignore records (a rule broken against the store refuses it before
/// anything is written), commits them (unless `dry_run`) and prints the
/// summary. `suggest --apply` and its review write through it as well.
pub async fn apply_wanted(ctx: &Context, request: ApplyRequest, dry_run: bool) -> Result<()> {
    let tx = ctx.transaction().await?;
    let mut plan = tx.plan_apply(request).await?;
    for why in &plan.skipped {
        ctx.ui.warn(why);
    }
    if dry_run {
        return print_summary(ctx, &ApplySummary::of(&plan, true));
    }
    // A bulk soft-delete is asked about, as `unmap` of one is: at a
    // terminal a question saying how many; a script passes --yes.
    let deletes = plan.deletes();
    if deletes > 0 {
        let question =
            format!("Soft-delete {deletes} mapping(s) the file no longer lists (--prune)?");
        if !ctx
            .ui
            .confirm(&question, &format!("soft-delete {deletes} mapping(s)"))?
        {
            return Err(crate::interactive::cancelled());
        }
    }
    let bar = ctx.ui.progress(plan.row_writes(), "Writing");
    let progress = |n: usize| bar.inc(n as u64);
    let reported = plan.skipped.len();
    let result = tx.commit_apply(&mut plan, &progress).await;
    bar.finish_and_clear();
    let summary = result?;
    // Proposals another writer contended while they were written.
    for why in &plan.skipped[reported..] {
        ctx.ui.warn(why);
    }
    if plan.repairs > 0 {
        ctx.ui.status(&format!(
            "Repaired {} integration-index row(s) from the org index (left by a run that stopped part-way).",
            plan.repairs
        ));
    }
    drop(plan);
    print_summary(ctx, &summary)
}
