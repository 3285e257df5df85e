use crate::context::Context;
use crate::error::{Error, Result};
use crate::integrations::discovery;
use crate::model;
use crate::store::repo::{MapRequest, MapStatus, OnExisting};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// MSP org: id or name
    pub org: Option<String>,
    /// Integration: name or alias (m365, ninjarmm)
    pub integration: Option<String>,
    /// The external org's id in the integration
    #[arg(long, value_name = "ID")]
    pub external_id: Option<String>,
    /// The external org's display name (stored as ExternalOrgName)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Extra data for the workflows: a JSON object
    #[arg(long, value_name = "JSON")]
    pub data: Option<String>,
    /// Soft-delete the org's current mapping for the integration and map this one instead
    #[arg(long, conflicts_with = "add")]
    pub replace: bool,
    /// Keep the org's current mapping for the integration and add this one (several M365 tenants)
    #[arg(long)]
    pub add: bool,
    /// Allow an external org that is already mapped to another MSP org
    #[arg(long)]
    pub allow_shared: bool,
    /// Record the mapping without checking that the external org exists
    #[arg(long)]
    pub no_verify: bool,
}

fn missing(what: &str, how: &str) -> Error {
    Error::usage(format!("missing {what}")).with_hint(format!("pass {how}"))
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let org = args.org.as_deref().ok_or_else(|| {
        missing(
            "the MSP org",
            "it as the first argument: mapctl map <org> <integration> --external-id ID",
        )
    })?;
    let integration = args.integration.as_deref().ok_or_else(|| {
        missing(
            "the integration",
            "it as the second argument: mapctl map <org> <integration> --external-id ID",
        )
    })?;
    let external_id = args
        .external_id
        .clone()
        .ok_or_else(|| missing("the external org id", "--external-id ID"))?;
    let info = ctx.registry.resolve(integration)?;
    model::validate_external_org_id(&external_id)?;
    let mapping_data = args
        .data
        .as_deref()
        .map(model::parse_mapping_data)
        .transpose()?
        .map(serde_json::Value::Object);
    let mut external_org_name = args.name;
    if !args.no_verify {
        if !info.discovery {
            return Err(Error::usage(format!(
                "cannot check that external org {external_id} exists: {} has no discovery",
                info.name
            ))
            .with_hint("pass --no-verify to record the mapping without checking it"));
        }
        let integration = ctx.build_integration(&info.name).await?;
        let source = format!(
            "{}{}",
            integration.spec.base_url, integration.spec.list_path
        );
        match discovery::verify(&integration, &ctx.discovery_cache(), &source, &external_id).await?
        {
            Some(found) => {
                external_org_name.get_or_insert(found.name);
            }
            None => {
                return Err(Error::not_found(format!("{} has no organization with id {external_id}", info.name))
                    .with_hint(format!(
                        "run `mapctl discover {}` to see its organizations, or pass --no-verify to record it anyway",
                        info.name
                    )));
            }
        }
    }
    let org = ctx.org(org).await?;
    let request = MapRequest {
        org,
        integration: info.name.clone(),
        external_org_id: external_id,
        external_org_name,
        mapping_data,
        on_existing: match (args.replace, args.add) {
            (true, _) => OnExisting::Replace,
            (_, true) => OnExisting::Add,
            _ => OnExisting::Refuse,
        },
        allow_shared: args.allow_shared,
    };
    let outcome = ctx.repo().await?.map(&request).await?;
    for old in &outcome.replaced {
        ctx.ui.status(&format!(
            "Soft-deleted the previous mapping to {} (mapping id {})",
            old.external_org_id, old.mapping_id
        ));
    }
    let m = &outcome.mapping;
    let target = format!(
        "{} → {} {}",
        request.org.name, m.integration_name, m.external_org_id
    );
    match outcome.status {
        MapStatus::Created => ctx.ui.success(&format!("Mapped {target}")),
        MapStatus::Reactivated => ctx.ui.success(&format!("Reactivated {target}")),
        MapStatus::Updated => ctx.ui.success(&format!("Updated {target}")),
        MapStatus::Unchanged => ctx
            .ui
            .status(&format!("unchanged: {target} is already mapped")),
    }
    ctx.ui.print_one(m)
}
