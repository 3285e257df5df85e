use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;
use serde_json::{Map, Value as Json};

use super::pick;
use crate::context::Context;
use crate::ui::Tabular;
use mapctl_core::error::{Error, Result};
use mapctl_core::integrations::integration::Integration;
use mapctl_core::session::Session;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Integration: name or alias [picked at a terminal when left out]
    pub integration: Option<String>,
    /// Also re-resolve every active mapping of this MSP org (id or name) and record the result
    pub org: Option<String>,
}

/// The test result of contract §4.
#[derive(Debug, Serialize)]
pub struct TestResult {
    pub integration_name: String,
    pub org_id: Option<String>,
    pub mapping_id: Option<String>,
    pub success: bool,
    pub message: String,
    pub details: Map<String, Json>,
    pub latency_ms: u64,
}

impl Tabular for TestResult {
    fn headers() -> Vec<&'static str> {
        vec!["CHECK", "RESULT", "MESSAGE", "LATENCY"]
    }
    fn cells(&self) -> Vec<String> {
        let check = match &self.mapping_id {
            Some(m) => format!("mapping {m}"),
            None => format!("{} connection", self.integration_name),
        };
        vec![
            check,
            if self.success { "ok" } else { "FAILED" }.into(),
            self.message.clone(),
            format!("{} ms", self.latency_ms),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &[
            "integration_name",
            "org_id",
            "mapping_id",
            "success",
            "message",
            "details",
            "latency_ms",
        ]
    }
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let name = pick::integration(
        ctx,
        args.integration.as_deref(),
        "mapctl test-connection <integration>",
        pick::Needs::Any,
    )
    .await?;
    let (result, mut failure, integration) = connect(ctx, &name).await;
    let mut results = vec![result];
    if let (Some(org), Some(integration), None) = (&args.org, &integration, &failure) {
        let org = ctx.org(org).await?;
        let tx = ctx.transaction().await?;
        let mappings = tx.list(Some(&org), Some(&name), false).await?;
        if mappings.is_empty() {
            ctx.ui.status(&format!(
                "{} has no active {name} mapping to check.",
                org.name
            ));
        }
        for m in mappings {
            let started = Instant::now();
            let resolved = integration.get_organization(&m.external_org_id).await;
            let latency_ms = started.elapsed().as_millis() as u64;
            let (success, message) = match &resolved {
                Ok(Some(found)) => (
                    true,
                    format!("ok: {} resolves to {:?}", m.external_org_id, found.name),
                ),
                Ok(None) => (
                    false,
                    format!("failed: {} no longer exists in {name}", m.external_org_id),
                ),
                Err(e) => (false, format!("failed: {}", e.message)),
            };
            tx.record_test(&m, &message).await?;
            if !success && failure.is_none() {
                failure = Some(match resolved {
                    Err(e) => e,
                    _ => Error::not_found(format!(
                        "{}'s mapping to {} {} no longer resolves",
                        org.name, name, m.external_org_id
                    ))
                    .with_hint(format!(
                        "map {} again, or unmap it: mapctl unmap {} {name} --mapping-id {}",
                        org.name, org.org_id, m.mapping_id
                    )),
                });
            }
            let mut details = Map::new();
            details.insert(
                "external_org_id".into(),
                Json::from(m.external_org_id.as_str()),
            );
            results.push(TestResult {
                integration_name: name.to_string(),
                org_id: Some(org.org_id.to_string()),
                mapping_id: Some(m.mapping_id.to_string()),
                success,
                message,
                details,
                latency_ms,
            });
        }
    }
    if args.org.is_some() {
        ctx.ui.print_list(&results)?;
    } else {
        ctx.ui.print_one(&results[0])?;
    }
    // This is the test its hint would suggest: the hint that remains (the
    // credentials' source) is what to check.
    failure.map_or(Ok(()), |mut e| {
        if matches!(
            e.remedy.as_deref(),
            Some(mapctl_core::error::Remedy::TestConnection { .. })
        ) {
            e.remedy = None;
        }
        Err(e)
    })
}

/// The connection test of one integration (the CLI and the API's): its
/// result, the error when it failed, and the integration when it could be
/// built.
pub async fn connect(
    session: &Session,
    name: &str,
) -> (TestResult, Option<Error>, Option<Arc<dyn Integration>>) {
    let started = Instant::now();
    // A connection test asks its lookups again: a cached value may be why it fails.
    session.refresh_lookups();
    let integration = match session.integration(name).await {
        Ok(integration) => integration,
        Err(e) => {
            let result = failed(name, &e, started.elapsed().as_millis() as u64);
            return (result, Some(e), None);
        }
    };
    let check = integration.test_connection().await;
    let latency_ms = started.elapsed().as_millis() as u64;
    match check {
        Ok(c) => (
            TestResult {
                integration_name: name.to_string(),
                org_id: None,
                mapping_id: None,
                success: true,
                message: c.message,
                details: c.details,
                latency_ms,
            },
            None,
            Some(integration),
        ),
        Err(e) => (failed(name, &e, latency_ms), Some(e), Some(integration)),
    }
}

/// A failed connection check.
fn failed(name: &str, e: &Error, latency_ms: u64) -> TestResult {
    TestResult {
        integration_name: name.to_owned(),
        org_id: None,
        mapping_id: None,
        success: false,
        message: e.message.clone(),
        details: Map::new(),
        latency_ms,
    }
}
