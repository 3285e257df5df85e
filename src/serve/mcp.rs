//! MCP at `/mcp` (contract §9): three read-only tools over the same core,
//! so that an assistant working in one system finds the same customer in
//! the others. Streamable HTTP without sessions (any replica answers any
//! request), JSON responses, the same bearer tokens as the API.

use std::sync::Arc;

use axum::Router;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{Implementation, ServerCapabilities, ServerConfig};
use rmcp::schemars::JsonSchema;
use rmcp::transport::streamable_http_server::session::never::NeverSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{ServerHandler, tool, tool_handler, tool_router};
use serde::Deserialize;

use super::AppState;
use crate::commands;

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
struct FindOrgs {
    /// Part of a name, a domain (contoso.com), or an external system's id
    query: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
struct GetMappings {
    /// The MSP org: its id or name
    org: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(crate = "rmcp::schemars")]
struct ResolveExternal {
    /// The integration: name or alias (halopsa, m365, ninjaone, ...)
    integration: String,
    /// The organization's id in that system
    external_org_id: String,
}

#[derive(Clone)]
struct Tools {
    state: AppState,
    tool_router: ToolRouter<Self>,
}

/// A tool's answer: JSON text, or the error's message and hint (a tool
/// error the assistant reads, not a protocol error).
fn answer<T: serde::Serialize>(result: mapctl_core::error::Result<T>) -> Result<String, String> {
    let text = match result {
        Ok(value) => serde_json::to_string(&value).map_err(|e| e.to_string())?,
        Err(e) => {
            let hint = e.hint.map(|h| format!(" ({h})")).unwrap_or_default();
            return Err(mapctl_core::redact::scrub(&format!("{}{hint}", e.message)).into_owned());
        }
    };
    Ok(mapctl_core::redact::scrub(&text).into_owned())
}

#[tool_router]
impl Tools {
    fn new(state: AppState) -> Self {
        Tools {
            state,
            tool_router: Self::tool_router(),
        }
    }

    #[tool(
        description = "Find the MSP's organizations by part of their name, by a domain, or by the id an external system (PSA, RMM, Microsoft 365) gives them. Answers a JSON array of orgs.",
        annotations(read_only_hint = true)
    )]
    async fn find_orgs(&self, Parameters(args): Parameters<FindOrgs>) -> Result<String, String> {
        answer(self.find(args.query.trim()).await)
    }

    #[tool(
        description = "An MSP organization's mappings in every integration: which client, tenant, organization or site it is in each external system. Answers a JSON array of mappings.",
        annotations(read_only_hint = true)
    )]
    async fn get_mappings(
        &self,
        Parameters(args): Parameters<GetMappings>,
    ) -> Result<String, String> {
        answer(commands::list::listed(&self.state.session, Some(&args.org), None, false).await)
    }

    #[tool(
        description = "The MSP organization an external system's organization is mapped to: give the integration and the id there. Answers a JSON array of the orgs mapped to it (usually one; empty when none).",
        annotations(read_only_hint = true)
    )]
    async fn resolve_external(
        &self,
        Parameters(args): Parameters<ResolveExternal>,
    ) -> Result<String, String> {
        answer(
            self.resolve(&args.integration, args.external_org_id.trim())
                .await,
        )
    }
}

impl Tools {
    async fn find(&self, query: &str) -> mapctl_core::error::Result<Vec<mapctl_core::model::Org>> {
        if query.is_empty() {
            return Err(mapctl_core::error::Error::usage("the query is empty")
                .with_hint("give part of a name, a domain or an external id"));
        }
        let repo = self.state.session.repo().await?;
        let needle = query.to_lowercase();
        // By external id in any integration, or by name or domain.
        let (held, orgs) =
            futures_util::future::join(repo.holders(None, query), repo.list_orgs(false)).await;
        let held = held?;
        Ok(orgs?
            .into_iter()
            .filter(|o| {
                o.name.to_lowercase().contains(&needle)
                    || o.domains.iter().any(|d| d.eq_ignore_ascii_case(query))
                    || held.contains(o.org_id.as_str())
            })
            .collect())
    }

    async fn resolve(
        &self,
        integration: &str,
        external_org_id: &str,
    ) -> mapctl_core::error::Result<Vec<mapctl_core::model::Org>> {
        let integration = self.state.session.integration_name(integration)?;
        let repo = self.state.session.repo().await?;
        let (held, orgs) = futures_util::future::join(
            repo.holders(Some(&integration), external_org_id),
            repo.list_orgs(false),
        )
        .await;
        let held = held?;
        Ok(orgs?
            .into_iter()
            .filter(|o| held.contains(o.org_id.as_str()))
            .collect())
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for Tools {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("mapctl", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "Find the same customer across an MSP's systems: find_orgs, get_mappings, resolve_external. Read-only.",
            )
    }
}

/// `/mcp`: stateless, so any replica answers; the Host check is the
/// server's own (auth::check_host), not the transport's.
pub fn router(state: AppState) -> Router<AppState> {
    let tools_state = state.clone();
    let service = StreamableHttpService::new(
        move || Ok(Tools::new(tools_state.clone())),
        Arc::new(NeverSessionManager::default()),
        StreamableHttpServerConfig::default()
            .with_legacy_session_mode(false)
            .with_json_response(true)
            .with_sse_keep_alive(None)
            .disable_allowed_hosts(),
    );
    Router::new().nest_service("/mcp", service)
}
