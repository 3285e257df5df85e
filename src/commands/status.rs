//! `mapctl status`: coverage of customers per integration, the problems by
//! name with the command that fixes each, and a row for an integration
//! that could not be judged (contract §7, "Status, fourth edition").

use crate::commands::external_orgs::say_origin;
use crate::context::Context;
use mapctl_core::error::{Error, ErrorKind, Result};
use mapctl_core::integrations::discovery::Freshness;
use mapctl_core::mapping::status::{State, Status, coverage_bar};
use mapctl_core::ops::status::Judged;

mod problems;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Integrations (names or aliases), shown in full [default: every configured one, and every one that holds mappings]
    pub integrations: Vec<String>,
    /// Exit 4 when a customer has no mapping, or a mapping is stale or renamed (a nightly job)
    #[arg(long)]
    pub check: bool,
    /// As --check, and open records (neither mapped nor ignored) fail it too
    #[arg(long)]
    pub check_records: bool,
    /// Ask the APIs even when the discovery cache is fresh
    #[arg(long)]
    pub refresh: bool,
    /// With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6
    #[arg(long, requires = "refresh")]
    pub allow_stale: bool,
    /// One row per active MSP org, one column per integration: mapped, stale (✗), renamed (~), excluded (n/a), none (–), or a proposal with its confidence
    #[arg(long, conflicts_with_all = ["check", "check_records"])]
    pub matrix: bool,
}

/// `status --matrix`: what each org has in each integration, and what
/// `suggest` would propose where it has nothing (from the discovery, cached
/// unless `--refresh`); an integration that cannot be asked is reported
/// after the matrix, and sets the exit code as `status` does.
async fn matrix(ctx: &Context, names: Vec<String>, fresh: Freshness) -> Result<()> {
    let observer = ctx.ui.discovering();
    let (rows, failed) = mapctl_core::ops::matrix::rows(ctx, &names, fresh, &observer).await?;
    drop(observer);
    super::matrix_view::print(ctx, &names, &rows)?;
    let mut worst: Option<Error> = None;
    for (name, e) in failed {
        ctx.ui.warn(&format!(
            "{name}: not judged, no stale, renamed or proposed cells ({})",
            e.message
        ));
        worst = Some(match worst {
            Some(w) if rank(w.kind) <= rank(e.kind) => w,
            _ => e,
        });
    }
    worst.map_or(Ok(()), Err)
}

/// Which failure's exit code wins when several integrations fail:
/// credentials refused (5) before unreachable (6) before the rest
/// (`status`, the matrix, `sync-names`).
pub(super) fn rank(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::Interrupted => 0,
        ErrorKind::Auth => 1,
        ErrorKind::Unavailable => 2,
        _ => 3,
    }
}

/// A row of the table people see.
fn cells(s: &Status) -> Vec<String> {
    let count = |n: Option<usize>| n.map_or_else(|| "–".to_owned(), |n| n.to_string());
    let state = match (&s.state, s.invalid_records) {
        (State::Ok, Some(n)) if n > 0 => format!("ok ({n} invalid)"),
        (state, _) => state.as_str().replace('_', " "),
    };
    vec![
        s.integration.clone(),
        format!(
            "{} {}/{}",
            coverage_bar(&s.coverage, 10),
            s.coverage.mapped_orgs,
            s.coverage.orgs
        ),
        s.orgs_without_mapping.len().to_string(),
        count(s.stale.as_ref().map(Vec::len)),
        count(s.renamed.as_ref().map(Vec::len)),
        count(s.open_records),
        state,
    ]
}

/// A flat row for `-o csv`.
fn csv_row(s: &Status) -> Vec<String> {
    let count = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    vec![
        s.integration.clone(),
        s.state.as_str().to_owned(),
        s.coverage.mapped_orgs.to_string(),
        s.coverage.orgs.to_string(),
        s.coverage.excluded.to_string(),
        s.orgs_without_mapping.len().to_string(),
        count(s.stale.as_ref().map(Vec::len)),
        count(s.renamed.as_ref().map(Vec::len)),
        count(s.open_records),
        count(s.ignored),
        count(s.external_orgs),
        count(s.invalid_records),
        s.discovered_at.clone().unwrap_or_default(),
        s.error.clone().unwrap_or_default(),
    ]
}

const CSV_HEADERS: [&str; 14] = [
    "integration",
    "state",
    "mapped_orgs",
    "orgs",
    "excluded",
    "orgs_without_mapping",
    "stale",
    "renamed",
    "open_records",
    "ignored",
    "external_orgs",
    "invalid_records",
    "discovered_at",
    "error",
];

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let named = !args.integrations.is_empty();
    let names: Vec<String> = if named {
        let mut names = Vec::new();
        for n in &args.integrations {
            let name = ctx.integration_name(n)?.to_string();
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    } else {
        mapctl_core::ops::status::default_integrations(ctx).await?
    };
    if names.is_empty() {
        return Err(Error::usage("no integration to report on").with_hint(
            "configure one under [integrations.NAME] (mapctl integrations lists them), or name one: mapctl status halopsa",
        ));
    }
    let fresh = Freshness::of(args.refresh, args.allow_stale);
    if args.matrix {
        return matrix(ctx, names, fresh).await;
    }
    let observer = ctx.ui.discovering();
    let judged = mapctl_core::ops::status::report(ctx, &names, fresh, &observer).await?;
    drop(observer);
    for j in &judged {
        if let Some(origin) = &j.origin {
            say_origin(ctx, &j.status.integration, origin);
        }
    }
    let report: Vec<&Status> = judged.iter().map(|j| &j.status).collect();
    print(ctx, &report, named)?;
    verdict(judged, args.check || args.check_records, args.check_records)
}

fn print(ctx: &Context, report: &[&Status], in_full: bool) -> Result<()> {
    let json: Vec<serde_json::Value> = report
        .iter()
        .map(|s| serde_json::to_value(s).map_err(|e| Error::internal(e.to_string())))
        .collect::<Result<_>>()?;
    let csv_headers: Vec<String> = CSV_HEADERS.iter().map(|h| (*h).to_owned()).collect();
    let csv_rows: Vec<Vec<String>> = report.iter().map(|s| csv_row(s)).collect();
    ctx.ui.print_grid(&json, (&csv_headers, &csv_rows), |_| {
        let headers = [
            "INTEGRATION",
            "CUSTOMERS MAPPED",
            "TO MAP",
            "STALE",
            "RENAMED",
            "OPEN",
            "STATE",
        ];
        (
            headers.iter().map(|h| (*h).to_owned()).collect(),
            report.iter().map(|s| cells(s)).collect(),
        )
    })?;
    if ctx.ui.format == crate::ui::OutputFormat::Table {
        problems::print(ctx, report, in_full)?;
    }
    Ok(())
}

/// The exit code once every row is printed: drift under `--check` (4)
/// first, so a nightly job sees it; then an integration that could not be
/// judged (5 credentials refused, 6 unreachable).
fn verdict(judged: Vec<Judged>, check: bool, records_too: bool) -> Result<()> {
    let drifting: Vec<String> = judged
        .iter()
        .map(|j| &j.status)
        .filter(|s| s.drifts(records_too))
        .map(|s| {
            let mut parts = Vec::new();
            let n = s.orgs_without_mapping.len();
            if n > 0 {
                parts.push(format!("{n} customer(s) without a mapping"));
            }
            let stale = s.stale.as_ref().map_or(0, Vec::len);
            let renamed = s.renamed.as_ref().map_or(0, Vec::len);
            for (what, n) in [("stale", stale), ("renamed", renamed)] {
                if n > 0 {
                    parts.push(format!("{n} {what}"));
                }
            }
            if records_too && s.open_records.unwrap_or(0) > 0 {
                parts.push(format!("{} open record(s)", s.open_records.unwrap_or(0)));
            }
            format!("{}: {}", s.integration, parts.join(", "))
        })
        .collect();
    if check && !drifting.is_empty() {
        return Err(Error::conflict(format!("drift: {}", drifting.join("; "))).with_hint(
            "map the customers (mapctl suggest), exclude those that do not use a system (mapctl exclude), unmap the stale, and run mapctl sync-names for the renamed",
        ));
    }
    let worst = judged
        .into_iter()
        .filter_map(|j| j.error.map(|e| (j.status.integration, e)))
        .min_by_key(|(_, e)| rank(e.kind));
    match worst {
        Some((name, e)) => {
            let hint = e.hint.clone().unwrap_or_else(|| {
                format!(
                    "the others are reported above; `mapctl test-connection {name}` tries this one"
                )
            });
            Err(
                Error::new(e.kind, format!("{name} could not be judged: {}", e.message))
                    .with_hint(hint),
            )
        }
        None => Ok(()),
    }
}
