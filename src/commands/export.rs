use serde::Serialize;
use serde_json::Value as Json;

use crate::context::Context;
use crate::ui::{OutputFormat, Tabular};
use mapctl_core::error::Result;
use mapctl_core::store::decisions::DecisionKind;

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
    #[serde(skip_serializing_if = "Option::is_none")]
    external_org_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_org_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mapping_data: Option<Json>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ignore: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exclude: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reject: Option<bool>,
}

impl Tabular for Record {
    fn headers() -> Vec<&'static str> {
        vec!["ORG", "INTEGRATION", "EXTERNAL ID", "EXTERNAL NAME"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.org.clone().unwrap_or_else(|| "(ignored)".into()),
            self.integration.clone(),
            self.external_org_id
                .clone()
                .unwrap_or_else(|| "(excluded)".into()),
            self.external_org_name.clone().unwrap_or_default(),
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
            "exclude",
            "reject",
        ]
    }
}

/// Every active mapping, ignore record, exclusion and rejection, in the format `apply -f` reads: JSON by default,
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
            external_org_id: Some(m.external_org_id.into()),
            external_org_name: Some(m.external_org_name),
            mapping_data: Some(m.mapping_data),
            reason: None,
            ignore: None,
            exclude: None,
            reject: None,
        })
        .collect();
    // The ignore records too (contract §7), so that a file restores them.
    let ignored = ctx.repo().await?.ignored_in(integration.as_deref()).await?;
    records.extend(ignored.into_iter().map(|i| Record {
        org: None,
        integration: i.integration,
        external_org_id: Some(i.external_org_id),
        external_org_name: Some(i.external_org_name),
        mapping_data: None,
        reason: Some(i.reason),
        ignore: Some(true),
        exclude: None,
        reject: None,
    }));
    // And the exclusions and rejections (contract §7, fourth edition).
    let decisions = ctx.repo().await?.decisions(None).await?;
    records.extend(
        decisions
            .into_iter()
            .filter(|d| integration.as_deref().is_none_or(|i| d.integration == i))
            .map(|d| {
                let reject = d.kind == DecisionKind::Reject;
                Record {
                    org: Some(d.org_id),
                    integration: d.integration,
                    external_org_name: (reject && !d.external_org_name.is_empty())
                        .then_some(d.external_org_name),
                    external_org_id: d.external_org_id,
                    mapping_data: None,
                    reason: Some(d.reason),
                    ignore: None,
                    exclude: (!reject).then_some(true),
                    reject: reject.then_some(true),
                }
            }),
    );
    let format = match ctx.ui.format {
        // A table cannot be applied again: export is JSON unless asked otherwise.
        OutputFormat::Table => OutputFormat::Json,
        other => other,
    };
    let text = crate::ui::printer::render_list(format, &records, None)?;
    ctx.ui.write_data(&text)
}
