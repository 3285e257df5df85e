use serde::Serialize;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::store::repo::{RowProblem, RowProblemKind};

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
    let mut checks = vec![Check {
        name: "config".into(),
        ok: true,
        detail: match &ctx.config.file {
            Some(f) => format!("{} (actor {})", f.display(), ctx.config.actor),
            None => format!("no config file, defaults (actor {})", ctx.config.actor),
        },
    }];
    // Opening the store and probing it checks reachability and credentials.
    let opened = match ctx.repo().await {
        Ok(repo) => repo
            .backend()
            .probe()
            .await
            .map(|detail| (repo, detail))
            .map_err(Error::from),
        Err(e) => Err(e),
    };
    let repo = match opened {
        Ok((repo, detail)) => {
            checks.push(Check {
                name: "store".into(),
                ok: true,
                detail,
            });
            repo
        }
        Err(e) => {
            checks.push(Check {
                name: "store".into(),
                ok: false,
                detail: e.message.clone(),
            });
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
    let mut problems = repo.check_indexes().await?;
    let mut repaired = 0;
    let repairable = problems
        .iter()
        .filter(|p| p.kind != RowProblemKind::Malformed)
        .count();
    if args.repair && repairable > 0 {
        let question = format!("Rewrite {repairable} integration-index row(s) from the org index?");
        let action = format!("rewrite {repairable} integration-index row(s)");
        if !ctx.ui.confirm(&question, &action)? {
            return Err(crate::interactive::cancelled());
        }
        repaired = repo.repair(&problems).await?;
        problems = repo.check_indexes().await?;
    }
    checks.push(Check {
        name: "indexes".into(),
        ok: problems.is_empty(),
        detail: match (problems.len(), repaired) {
            (0, 0) => "both mapping indexes agree".to_owned(),
            (0, n) => format!("repaired {n} row(s); both mapping indexes agree"),
            (n, _) => format!("{n} problem(s) between the two mapping indexes"),
        },
    });
    // Credentials of every integration the config sets up: found, not tried
    // (`test-connection` calls the API).
    let mut credential_failure = None;
    // A user's declaration that cannot be read fails here, not elsewhere.
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
    let malformed = report
        .problems
        .iter()
        .any(|p| p.kind == RowProblemKind::Malformed);
    let only_malformed = report
        .problems
        .iter()
        .all(|p| p.kind == RowProblemKind::Malformed);
    let (message, hint) = if only_malformed {
        (
            format!(
                "the store has {} row problem(s) that list, export and apply would trip on",
                report.problems.len()
            ),
            "each problem says how to mend it; mapctl does not rewrite rows it cannot read"
                .to_owned(),
        )
    } else {
        (
            format!(
                "the two mapping indexes disagree ({} problem(s))",
                report.problems.len()
            ),
            if malformed {
                "run `mapctl doctor --repair` for the index problems; mend the malformed rows as each says"
            } else {
                "run `mapctl doctor --repair` to rewrite the integration index from the org index"
            }
            .to_owned(),
        )
    };
    Err(Error::conflict(message).with_hint(hint))
}
