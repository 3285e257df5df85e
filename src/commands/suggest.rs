use super::external_orgs::say_origin;
use crate::commands::apply::apply_wanted;
use crate::context::Context;
use crate::ui::{OutputFormat, Tabular};
use mapctl_core::error::{Error, ErrorKind, Result};
use mapctl_core::integrations::discovery::Freshness;
use mapctl_core::mapping::apply::{ApplyRequest, DesiredMapping};
use mapctl_core::mapping::suggest::{Suggestion, Suggestions};
use mapctl_core::matching::Confidence;
use mapctl_core::ops::suggest;

pub mod decided;
use crate::review::Ended;
use decided::Decided;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Integration: name or alias [picked at a terminal when left out and no --all]
    #[arg(conflicts_with = "all")]
    pub integration: Option<String>,
    /// Every configured integration that lists organizations, in one run: discovered at once, matched in an order where one's high proposals lend links and domains to the next
    #[arg(long)]
    pub all: bool,
    /// Only these MSP orgs (id or name; repeatable)
    #[arg(long = "org", value_name = "ORG")]
    pub orgs: Vec<String>,
    /// Write the suggestions at or above --min-confidence through the apply engine
    #[arg(long)]
    pub apply: bool,
    /// Every candidate for this org (id or name), with its evidence, score and why it was or was not proposed
    #[arg(long, value_name = "ORG", conflicts_with_all = ["all", "apply", "orgs"])]
    pub explain: Option<String>,
    /// The least confidence --apply writes
    #[arg(long, value_enum, default_value = "high", value_name = "LEVEL")]
    pub min_confidence: MinConfidence,
    /// With --apply: print the plan, write nothing
    #[arg(long, requires = "apply")]
    pub dry_run: bool,
    /// Ask the API even when the discovery cache is fresh
    #[arg(long)]
    pub refresh: bool,
    /// With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6
    #[arg(long, requires = "refresh")]
    pub allow_stale: bool,
}

/// `low` is never written unattended: it is not offered.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum MinConfidence {
    High,
    Medium,
}

impl MinConfidence {
    fn as_str(self) -> &'static str {
        match self {
            MinConfidence::High => "high",
            MinConfidence::Medium => "medium",
        }
    }

    pub fn admits(self, c: Confidence) -> bool {
        match self {
            MinConfidence::High => c == Confidence::High,
            MinConfidence::Medium => c >= Confidence::Medium,
        }
    }
}

impl Tabular for Suggestion {
    fn headers() -> Vec<&'static str> {
        vec![
            "ORG",
            "EXTERNAL NAME",
            "EXTERNAL ID",
            "SCORE",
            "CONFIDENCE",
            "REASON",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.org_name.clone(),
            self.external_org_name.clone(),
            self.external_org_id.to_string(),
            format!("{:.2}", self.score),
            self.confidence.as_str().to_owned(),
            self.reason.as_str().to_owned(),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &[
            "org",
            "org_name",
            "integration",
            "external_org_id",
            "external_org_name",
            "score",
            "confidence",
            "reason",
        ]
    }
}

fn counts(s: &Suggestions) -> String {
    let of = |c: Confidence| s.list.iter().filter(|x| x.confidence == c).count();
    format!(
        "{} suggestion(s) for {} MSP org(s) without a mapping in {} ({} high, {} medium, {} low); {} external org(s) open.",
        s.list.len(),
        s.considered,
        s.integration,
        of(Confidence::High),
        of(Confidence::Medium),
        of(Confidence::Low),
        s.open.len()
    )
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let mut only = Vec::new();
    for text in &args.orgs {
        let org = ctx.org(text).await?;
        if !org.is_active {
            return Err(Error::usage(format!("org {} is inactive", org.name))
                .with_hint("reactivate it, or leave it out of --org"));
        }
        only.push(org);
    }
    let only = (!args.orgs.is_empty()).then_some(only.as_slice());
    if args.all {
        return run_all(ctx, &args, only).await;
    }
    let integration = super::pick::integration(
        ctx,
        args.integration.as_deref(),
        "mapctl suggest <integration>, or --all",
        super::pick::Needs::Discovery,
    )
    .await?;
    if let Some(org) = &args.explain {
        return explain(ctx, &integration, org, &args).await;
    }
    let reviewing = !args.apply && ctx.ui.format == OutputFormat::Table && ctx.ui.can_prompt();
    let observer = ctx.ui.discovering();
    let (found, origin) = suggest::for_integration(
        ctx,
        &integration,
        only,
        Freshness::of(args.refresh, args.allow_stale),
        reviewing,
        &observer,
    )
    .await?;
    drop(observer);
    say_origin(ctx, &integration, &origin);
    for name in &found.already_mapped {
        ctx.ui.status(&format!(
            "{name} is already mapped in {integration}: nothing to suggest."
        ));
    }
    if args.apply {
        let desired: Vec<DesiredMapping> = found
            .list
            .iter()
            .filter(|s| args.min_confidence.admits(s.confidence))
            .map(|s| s.wanted(&s.external_org_id, &s.external_org_name))
            .collect();
        ctx.ui.status(&format!(
            "{} Writing the {} at or above {} confidence.",
            counts(&found),
            desired.len(),
            args.min_confidence.as_str()
        ));
        return apply_wanted(
            ctx,
            ApplyRequest {
                mappings: desired,
                ..ApplyRequest::default()
            },
            args.dry_run,
        )
        .await;
    }
    if !reviewing || (found.list.is_empty() && found.unmatched.is_empty()) {
        ctx.ui.print_list(&found.list)?;
        ctx.ui.status(&counts(&found));
        return Ok(());
    }
    review(ctx, &found).await
}

/// `--explain ORG`: every candidate the matcher considers for the org.
async fn explain(ctx: &Context, integration: &str, org: &str, args: &Args) -> Result<()> {
    let org = ctx.org(org).await?;
    let observer = ctx.ui.discovering();
    let (explained, origin) = suggest::explain(
        ctx,
        integration,
        &org,
        Freshness::of(args.refresh, args.allow_stale),
        &observer,
    )
    .await?;
    drop(observer);
    say_origin(ctx, integration, &origin);
    let mut head = format!(
        "{} in {}: {} candidate(s) shown; {} record(s) share nothing with it (no word, id or domain).",
        explained.org_name,
        explained.integration,
        explained.candidates.len(),
        explained.never_candidates
    );
    if explained.excluded {
        head.push_str(" It is excluded from this integration (mapctl include undoes it).");
    }
    if !explained.mapped_to.is_empty() {
        head.push_str(&format!(
            " It is mapped there to {}.",
            explained.mapped_to.join(", ")
        ));
    }
    ctx.ui.print_report(&explained, &explained.candidates, || {
        let table = crate::ui::printer::render_list(
            OutputFormat::Table,
            &explained.candidates,
            ctx.ui.width(),
        )
        .unwrap_or_default();
        format!("{head}\n{table}")
    })
}

/// At a terminal: the review, then one confirmation before anything is
/// written; stopped, the decisions are saved as an apply file.
async fn review(ctx: &Context, found: &Suggestions) -> Result<()> {
    ctx.ui.status(&counts(found));
    let mut decided = Decided::default();
    let d = crate::review::review(ctx.ui.prompter("--apply")?, found)?;
    decided.add(found, &d);
    finish(ctx, decided, d.ended, &found.integration).await
}

/// The end of a review: a stopped one saves its decisions (Ctrl-C then
/// exits 130); a finished one asks once, then writes through the apply
/// engine.
async fn finish(ctx: &Context, decided: Decided, ended: Ended, scope: &str) -> Result<()> {
    match ended {
        Ended::Stopped => return decided.save(ctx, scope).map(drop),
        Ended::Interrupted => {
            decided.save(ctx, scope)?;
            return Err(Error::new(ErrorKind::Interrupted, "interrupted"));
        }
        Ended::Done => {}
    }
    if decided.is_empty() {
        ctx.ui.status("Nothing decided; nothing written.");
        return Ok(());
    }
    let p = ctx.ui.prompter("--apply")?;
    match p.confirm(&decided.question(), true) {
        Ok(true) => {}
        Ok(false) => return decided.save(ctx, scope).map(drop),
        Err(e) if e.kind == ErrorKind::Interrupted => {
            decided.save(ctx, scope)?;
            return Err(e);
        }
        Err(e) => return Err(e),
    }
    // Refused (a conflict since the review began) or failed: what was
    // decided is kept in a file all the same.
    let result = apply_wanted(ctx, decided.request(), false).await;
    if result.is_err() {
        decided.save(ctx, scope)?;
    }
    result
}

/// `suggest --all`: every configured integration with discovery,
/// discovered concurrently, the store read once, then matched: unattended,
/// in passes where each sees the high proposals of all the others as
/// mappings; at a terminal, one after another (those whose records name
/// other systems last), each seeing what was accepted before. One JSON
/// array; one review; one write at the end through the apply engine.
async fn run_all(
    ctx: &Context,
    args: &Args,
    only: Option<&[mapctl_core::model::Org]>,
) -> Result<()> {
    let observer = ctx.ui.discovering();
    let fresh = Freshness::of(args.refresh, args.allow_stale);
    let onboarding = suggest::onboarding(ctx, fresh, &observer).await?;
    drop(observer);
    for (name, e) in &onboarding.left_out {
        ctx.ui.warn(&format!("{name}: left out ({})", e.message));
    }
    for (name, origin) in &onboarding.origins {
        say_origin(ctx, name, origin);
    }
    let reviewing = !args.apply && ctx.ui.format == OutputFormat::Table && ctx.ui.can_prompt();
    if reviewing {
        return review_all(ctx, &onboarding, only).await;
    }
    let all = onboarding.rounds(only);
    for found in &all {
        ctx.ui
            .status(&format!("{}: {}", found.integration, counts(found)));
    }
    let all: Vec<Suggestion> = all.into_iter().flat_map(|s| s.list).collect();
    if args.apply {
        let desired: Vec<DesiredMapping> = all
            .iter()
            .filter(|s| args.min_confidence.admits(s.confidence))
            .map(|s| s.wanted(&s.external_org_id, &s.external_org_name))
            .collect();
        ctx.ui.status(&format!(
            "Writing the {} at or above {} confidence.",
            desired.len(),
            args.min_confidence.as_str()
        ));
        return apply_wanted(
            ctx,
            ApplyRequest {
                mappings: desired,
                ..ApplyRequest::default()
            },
            args.dry_run,
        )
        .await;
    }
    ctx.ui.print_list(&all)
}

/// `suggest --all` at a terminal: one review across the integrations, one
/// after another, each seeing what was accepted before; Stop or Ctrl-C
/// ends all of it; one confirmation at the end.
async fn review_all(
    ctx: &Context,
    onboarding: &suggest::Onboarding,
    only: Option<&[mapctl_core::model::Org]>,
) -> Result<()> {
    let mut taken: Vec<mapctl_core::model::Mapping> = Vec::new();
    let mut decided = Decided::default();
    let p = ctx.ui.prompter("--apply")?;
    for name in onboarding.integrations() {
        let found = onboarding.propose(name, only, true, &taken);
        ctx.ui.status(&format!("{name}: {}", counts(&found)));
        if found.list.is_empty() && found.unmatched.is_empty() {
            continue;
        }
        let d = crate::review::review(p, &found)?;
        let before = decided.mappings.len();
        decided.add(&found, &d);
        for w in &decided.mappings[before..] {
            taken.push(mapctl_core::model::Mapping {
                org_id: w.org.org_id.clone(),
                integration_name: w.integration.clone(),
                external_org_id: w.external_org_id.clone(),
                external_org_name: w.external_org_name.clone().unwrap_or_default(),
                is_active: true,
                ..Default::default()
            });
        }
        if d.ended != Ended::Done {
            return finish(ctx, decided, d.ended, "all").await;
        }
    }
    finish(ctx, decided, Ended::Done, "all").await
}
