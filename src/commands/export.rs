use serde::Serialize;
use serde_json::Value as Json;

use crate::context::Context;
use crate::ui::{OutputFormat, Tabular};
use mapctl_core::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Include only this integration (name or alias)
    #[arg(long, value_name = "NAME")]
    pub integration: Option<String>,
}

/// One record of the apply format: a mapping, or an ignore record.
#[derive(Debug, Serialize)]
struct Record {
    #[serde(skip_serializing_if = "Option::is_none")]
    org: Option<String>,
    integration: String,
    external_org_id: String,
    external_org_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    mapping_data: Option<Json>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ignore: Option<bool>,
}

impl Tabular for Record {
    fn headers() -> Vec<&'static str> {
        vec!["ORG", "INTEGRATION", "EXTERNAL ID", "EXTERNAL NAME"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.org.clone().unwrap_or_else(|| "(ignored)".into()),
            self.integration.clone(),
            self.external_org_id.clone(),
            self.external_org_name.clone(),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &[
            "org",
            "integration",
            "external_org_id",
            "external_org_name",
            "mapping_data",
            "reason",
            "ignore",
        ]
    }
}

/// Every active mapping, and every ignore record, in the format `apply -f` reads: JSON by default,
/// JSON Lines with `-o ndjson`, CSV with `-o csv`. Orgs are named by id, so
/// the file survives renames. Soft-deleted mappings have no place in it.
pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let integration = args
        .integration
        .as_deref()
        .map(|i| ctx.integration_name(i))
        .transpose()?;
    let mappings = ctx
        .repo()
        .await?
        .list(None, integration.as_deref(), false)
        .await?;
    let mut records: Vec<Record> = mappings
        .into_iter()
        .map(|m| Record {
            org: Some(m.org_id.into()),
            integration: m.integration_name.into(),
            external_org_id: m.external_org_id.into(),
            external_org_name: m.external_org_name,
            mapping_data: Some(m.mapping_data),
            reason: None,
            ignore: None,
        })
        .collect();
    // The ignore records too (contract §7), so that a file restores them.
    let ignored = ctx.repo().await?.ignored_in(integration.as_deref()).await?;
    records.extend(ignored.into_iter().map(|i| Record {
        org: None,
        integration: i.integration,
        external_org_id: i.external_org_id,
        external_org_name: i.external_org_name,
        mapping_data: None,
        reason: Some(i.reason),
        ignore: Some(true),
    }));
    let format = match ctx.ui.format {
        // A table cannot be applied again: export is JSON unless asked otherwise.
        OutputFormat::Table => OutputFormat::Json,
        other => other,
    };
    let text = crate::ui::printer::render_list(format, &records, None)?;
    ctx.ui.write_data(&text)
}
