use serde::Serialize;
use serde_json::Value as Json;

use crate::context::Context;
use crate::error::Result;
use crate::ui::{OutputFormat, Tabular};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Include only this integration (name or alias)
    #[arg(long, value_name = "NAME")]
    pub integration: Option<String>,
}

/// One record of the apply format.
#[derive(Debug, Serialize)]
struct Record {
    org: String,
    integration: String,
    external_org_id: String,
    external_org_name: String,
    mapping_data: Json,
}

impl Tabular for Record {
    fn headers() -> Vec<&'static str> {
        vec!["ORG", "INTEGRATION", "EXTERNAL ID", "EXTERNAL NAME"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.org.clone(),
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
        ]
    }
}

/// Every active mapping in the format `apply -f` reads: JSON by default,
/// JSON Lines with `-o ndjson`, CSV with `-o csv`. Orgs are named by id, so
/// the file survives renames. Soft-deleted mappings have no place in it.
pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let integration = args
        .integration
        .as_deref()
        .map(|i| ctx.integration(i))
        .transpose()?;
    let mappings = ctx
        .repo()
        .await?
        .list(None, integration.as_deref(), false)
        .await?;
    let records: Vec<Record> = mappings
        .into_iter()
        .map(|m| Record {
            org: m.org_id,
            integration: m.integration_name,
            external_org_id: m.external_org_id,
            external_org_name: m.external_org_name,
            mapping_data: m.mapping_data,
        })
        .collect();
    let format = match ctx.ui.format {
        // A table cannot be applied again: export is JSON unless asked otherwise.
        OutputFormat::Table => OutputFormat::Json,
        other => other,
    };
    let text = crate::ui::printer::render_list(format, &records, None)?;
    ctx.ui.write_data(&text)
}
