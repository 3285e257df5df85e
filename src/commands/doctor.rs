use serde::Serialize;

use crate::context::Context;
use mapctl_core::error::{Error, Result};
use mapctl_core::mapping::{Repo, RowProblem, RowProblemKind, StoreCheck, StoreWarning};

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
    warnings: Vec<StoreWarning>,
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
    for w in &report.warnings {
        out.push_str(&format!("warn  {}\n", w.detail));
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
                warnings: vec![],
                repaired: 0,
            };
            ctx.ui
                .print_report(&report, &report.problems, || human(&report))?;
            return Err(e);
        }
    };
    let (found, repaired) = rows(ctx, repo, args.repair).await?;
    let problems = found.problems;
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
        warnings: found.warnings,
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
async fn rows(ctx: &Context, repo: &Repo, repair: bool) -> Result<(StoreCheck, usize)> {
    let found = repo.check_store().await?;
    let repairable = found
        .problems
        .iter()
        .filter(|p| p.kind.repairable())
        .count();
    if !repair || repairable == 0 {
        return Ok((found, 0));
    }
    let question = format!(
        "Rewrite {repairable} integration-index row(s) from the org index (and any history row lost with them)?"
    );
    let action = format!("rewrite {repairable} integration-index row(s)");
    if !ctx.ui.confirm(&question, &action)? {
        return Err(crate::interactive::cancelled());
    }
    let repaired = ctx.transaction().await?.repair(&found.problems).await?;
    Ok((repo.check_store().await?, repaired))
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
    let has = |kind: RowProblemKind| problems.iter().any(|p| p.kind == kind);
    let mut mends = Vec::new();
    if problems.iter().any(|p| p.kind.repairable()) {
        mends.push(
            "run `mapctl doctor --repair` to rewrite the integration index from the org index",
        );
    }
    if has(RowProblemKind::MappedAndIgnored) {
        mends.push("`mapctl unignore` (a customer) or `mapctl unmap` (not one) each external org both mapped and ignored");
    }
    if has(RowProblemKind::Contended) {
        mends.push("for each half-written mapping of an external org another org holds: `mapctl unmap ORG INTEGRATION --external-id ID` it, or `mapctl map ORG INTEGRATION --external-id ID --allow-shared` if both are meant");
    }
    if has(RowProblemKind::OrgMissing) {
        mends.push("`mapctl unmap ORG_ID INTEGRATION --all` the mappings of an org that is gone, or add the org again with `mapctl orgs add --id ORG_ID`");
    }
    if has(RowProblemKind::Malformed) {
        mends.push(
            "mend the malformed rows as each says (mapctl does not rewrite rows it cannot read)",
        );
    }
    let message = if problems.iter().all(|p| p.kind == RowProblemKind::Malformed) {
        format!(
            "the store has {} row problem(s) that list, export and apply would trip on",
            problems.len()
        )
    } else if problems.iter().all(|p| p.kind.repairable()) {
        format!(
            "the two mapping indexes disagree ({} problem(s))",
            problems.len()
        )
    } else {
        format!("the store has {} problem(s)", problems.len())
    };
    Error::conflict(message).with_hint(mends.join("; "))
}
