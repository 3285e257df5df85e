//! Arguments a person left out at a terminal, picked as `map` does: the
//! org from the MSP's orgs, the integration from the configured ones first
//! (the others say what they lack). Without a terminal, a usage error that
//! names the argument.

use crate::context::Context;
use crate::interactive;
use mapctl_core::error::Result;
use mapctl_core::model::IntegrationName;

/// What the command needs of an integration it offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Any integration.
    Any,
    /// One that lists organizations (discover, suggest, ignore).
    Discovery,
}

/// The org's id or name as given; missing, picked at a terminal.
pub async fn org_text(ctx: &Context, given: Option<String>, usage: &str) -> Result<String> {
    if let Some(text) = given {
        return Ok(text);
    }
    let p = ctx.ui.prompter(&format!("the MSP org ({usage})"))?;
    let orgs = ctx.repo().await?.list_orgs(false).await?;
    Ok(interactive::choose_org(p, &orgs)?.org_id.to_string())
}

/// The integration as given; missing, picked at a terminal.
pub async fn integration(
    ctx: &Context,
    given: Option<&str>,
    usage: &str,
    needs: Needs,
) -> Result<IntegrationName> {
    if let Some(text) = given {
        return ctx.integration_name(text);
    }
    let p = ctx.ui.prompter(&format!("the integration ({usage})"))?;
    let mut list = Vec::new();
    for info in ctx.registry.list() {
        if needs == Needs::Discovery && !info.discovery {
            continue;
        }
        let ready = ctx.integration_ready(&info.name).await;
        list.push((info.clone(), ready.err().map(|e| e.message)));
    }
    let name = interactive::choose_integration(p, &list)?;
    ctx.integration_name(&name)
}
