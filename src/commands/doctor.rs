use serde::Serialize;

use crate::context::Context;
use mapctl_core::error::{Error, Result};
use mapctl_core::mapping::{Repo, RowProblem, RowProblemKind};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rewrite the integration index from the org index (the source of truth)
    #[arg(long)]
    pub repair: bool,
}

#[derive(Debug, Serialize)]
struct Check {
    name: String,
    ok: bool,
    detail: String,
}

#[derive(Debug, Serialize)]
struct Report {
    healthy: bool,
    checks: Vec<Check>,
    problems: Vec<RowProblem>,
    repaired: usize,
}

fn human(report: &Report) -> String {
    let mut out = String::new();
    for c in &report.checks {
        let mark = if c.ok { "ok  " } else { "FAIL" };
        out.push_str(&format!("{mark}  {:<9} {}\n", c.name, c.detail));
    }
    for p in &report.problems {
        out.push_str(&format!(
            "      - {}: {} {}/{}: {}\n",
            p.kind.as_str(),
            p.table,
            p.partition_key,
            p.row_key,
            p.detail
        ));
    }
    out
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let mut checks = vec![config_check(ctx)];
    let repo = match open_store(ctx).await {
        Ok((repo, store)) => {
            checks.push(store);
            repo
        }
        Err((store, e)) => {
            checks.push(store);
            let report = Report {
                healthy: false,
                checks,
                problems: vec![],
                repaired: 0,
            };
            ctx.ui
                .print_report(&report, &report.problems, || human(&report))?;
            return Err(e);
        }
    };
    let (problems, repaired) = rows(ctx, repo, args.repair).await?;
    checks.push(Check {
        name: "indexes".into(),
        ok: problems.is_empty(),
        detail: match (problems.len(), repaired) {
            (0, 0) => "both mapping indexes agree".to_owned(),
            (0, n) => format!("repaired {n} row(s); both mapping indexes agree"),
            (n, _) => format!("{n} problem(s) between the two mapping indexes"),
        },
    });
    let credential_failure = integration_checks(ctx, &mut checks).await;
    let report = Report {
        healthy: problems.is_empty() && credential_failure.is_none(),
        checks,
        problems,
        repaired,
    };
    ctx.ui
        .print_report(&report, &report.problems, || human(&report))?;
    if report.healthy {
        return Ok(());
    }
    if report.problems.is_empty()
        && let Some(e) = credential_failure
    {
        return Err(e);
    }
    Err(failure(&report.problems))
}

fn config_check(ctx: &Context) -> Check {
    Check {
        name: "config".into(),
        ok: true,
        detail: match &ctx.config.file {
            Some(f) => format!("{} (actor {})", f.display(), ctx.config.actor),
            None => format!("no config file, defaults (actor {})", ctx.config.actor),
        },
    }
}

/// Opening the store and probing it checks reachability and credentials.
async fn open_store(ctx: &Context) -> std::result::Result<(&Repo, Check), (Check, Error)> {
    let opened = match ctx.repo().await {
        Ok(repo) => repo
            .backend()
            .probe()
            .await
            .map(|detail| (repo, detail))
            .map_err(Error::from),
        Err(e) => Err(e),
    };
    match opened {
        Ok((repo, detail)) => Ok((
            repo,
            Check {
                name: "store".into(),
                ok: true,
                detail,
            },
        )),
        Err(e) => Err((
            Check {
                name: "store".into(),
                ok: false,
                detail: e.message.clone(),
            },
            e,
        )),
    }
}

/// The row problems of both indexes, repaired first if asked (and
/// confirmed): the problems left and how many were repaired.
async fn rows(ctx: &Context, repo: &Repo, repair: bool) -> Result<(Vec<RowProblem>, usize)> {
    let problems = repo.check_indexes().await?;
    let repairable = problems
        .iter()
        .filter(|p| p.kind != RowProblemKind::Malformed)
        .count();
    if !repair || repairable == 0 {
        return Ok((problems, 0));
    }
    let question = format!(
        "Rewrite {repairable} integration-index row(s) from the org index (and any history row lost with them)?"
    );
    let action = format!("rewrite {repairable} integration-index row(s)");
    if !ctx.ui.confirm(&question, &action)? {
        return Err(crate::interactive::cancelled());
    }
    let repaired = ctx.transaction().await?.repair(&problems).await?;
    Ok((repo.check_indexes().await?, repaired))
}

/// Credentials of every integration the config sets up: found, not tried
/// (`test-connection` calls the API); a user's declaration that cannot be
/// read fails here, not elsewhere. The first failure, if any.
async fn integration_checks(ctx: &Context, checks: &mut Vec<Check>) -> Option<Error> {
    let mut credential_failure = None;
    for info in ctx.registry.list().iter().filter(|i| i.broken.is_some()) {
        let e = ctx.registry.resolve(&info.name).err();
        checks.push(Check {
            name: info.name.clone(),
            ok: false,
            detail: format!("{}: its declaration cannot be read", info.defined_in),
        });
        if let Some(e) = e {
            credential_failure.get_or_insert(e);
        }
    }
    for info in ctx
        .registry
        .list()
        .iter()
        .filter(|i| i.discovery && ctx.config.integrations.contains_key(&i.name))
    {
        let result = ctx.integration_ready(&info.name).await;
        checks.push(Check {
            name: info.name.clone(),
            ok: result.is_ok(),
            detail: match &result {
                Ok(_) => "configuration and credentials found".to_owned(),
                Err(e) => e.message.clone(),
            },
        });
        if let Err(e) = result {
            credential_failure.get_or_insert(e);
        }
    }
    credential_failure
}

/// The error of a report with row problems: what kind, and how to mend them.
fn failure(problems: &[RowProblem]) -> Error {
    let malformed = problems.iter().any(|p| p.kind == RowProblemKind::Malformed);
    let only_malformed = problems.iter().all(|p| p.kind == RowProblemKind::Malformed);
    let (message, hint) = if only_malformed {
        (
            format!(
                "the store has {} row problem(s) that list, export and apply would trip on",
                problems.len()
            ),
            "each problem says how to mend it; mapctl does not rewrite rows it cannot read"
                .to_owned(),
        )
    } else {
        (
            format!(
                "the two mapping indexes disagree ({} problem(s))",
                problems.len()
            ),
            if malformed {
                "run `mapctl doctor --repair` for the index problems; mend the malformed rows as each says"
            } else {
                "run `mapctl doctor --repair` to rewrite the integration index from the org index"
            }
            .to_owned(),
        )
    };
    Error::conflict(message).with_hint(hint)
}
