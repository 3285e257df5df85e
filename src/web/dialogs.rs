//! EditMappingDialog, TestConnectionDialog and unmap: forms with the
//! session's CSRF token, each through the same transaction and refusals as
//! the command line.

use std::collections::HashMap;

use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mapctl_core::error::Error;
use mapctl_core::mapping::{MapRequest, OnExisting, UnmapSelector};
use mapctl_core::model::{self};
use maud::html;
use serde::Deserialize;

use super::pages::urlencode;
use super::{Browser, error_page, layout};
use crate::commands;
use crate::serve::AppState;

/// The org and the mapping a dialog is about.
async fn mapping(
    state: &AppState,
    org: &str,
    integration: &str,
    mapping_id: &str,
) -> mapctl_core::error::Result<(mapctl_core::model::Org, mapctl_core::model::Mapping)> {
    let integration = state.session.integration_name(integration)?;
    let repo = state.session.repo().await?;
    repo.org_and_mapping(org, &integration, Some(mapping_id))
        .await
}

/// The Edit dialog: the external name and the mapping data.
pub async fn edit_dialog(
    State(state): State<AppState>,
    browser: Browser,
    Path((org, integration, mapping_id)): Path<(String, String, String)>,
) -> Response {
    let found = mapping(&state, &org, &integration, &mapping_id);
    match found.await {
        Ok((org, m)) => edit_page(&browser, &org.name, &m, None, None, StatusCode::OK),
        Err(e) => error_page(e),
    }
}

/// The Edit dialog; `typed` (name, data) keeps what was sent when it is
/// refused, so that it can be corrected rather than typed again.
fn edit_page(
    browser: &Browser,
    org_name: &str,
    m: &mapctl_core::model::Mapping,
    typed: Option<(&str, &str)>,
    problem: Option<&str>,
    status: StatusCode,
) -> Response {
    let back = format!("/orgs/{}", urlencode(m.org_id.as_str()));
    let data = typed.map_or_else(
        || serde_json::to_string_pretty(&m.mapping_data).unwrap_or_default(),
        |(_, data)| data.to_owned(),
    );
    let name = typed.map_or(m.external_org_name.as_str(), |(name, _)| name);
    (
        status,
        layout(
            "Edit mapping",
            &browser.csrf,
            html! {
                div.dialog role="dialog" aria-modal="true" aria-labelledby="dialog-title" data-close=(back) {
                    h1 #dialog-title { "Edit " (org_name) "'s " (m.integration_name) " mapping" }
                    p.meta { "External id " code { (m.external_org_id) } }
                    form method="post" {
                        input type="hidden" name="csrf" value=(browser.csrf);
                        label { "External name " input type="text" name="external_org_name" value=(name); }
                        label { "Mapping data (a JSON object) "
                            textarea name="mapping_data" rows="6" aria-invalid=[problem.map(|_| "true")] { (data) } }
                        @if let Some(problem) = problem { p.error role="alert" { (problem) } }
                        button type="submit" { "Save" }
                        a.button href=(back) { "Cancel" }
                    }
                }
            },
        ),
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct EditForm {
    #[serde(default)]
    csrf: String,
    external_org_name: String,
    mapping_data: String,
}

pub async fn edit(
    State(state): State<AppState>,
    browser: Browser,
    Path((org, integration, mapping_id)): Path<(String, String, String)>,
    Form(form): Form<EditForm>,
) -> Response {
    if let Err(refused) = browser.check(&form.csrf) {
        return *refused;
    }
    let found = mapping(&state, &org, &integration, &mapping_id);
    let (org, current) = match found.await {
        Ok(found) => found,
        Err(e) => return error_page(e),
    };
    let text = form.mapping_data.trim();
    let data = match model::parse_mapping_data(if text.is_empty() { "{}" } else { text }) {
        Ok(data) => data,
        // The error beside what caused it, the text kept as typed.
        Err(e) => {
            return edit_page(
                &browser,
                &org.name,
                &current,
                Some((&form.external_org_name, &form.mapping_data)),
                Some(&e.message),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let written = async {
        let name = form.external_org_name.trim();
        if !name.is_empty() {
            model::validate_name("the name", name, true)?;
        }
        let repo = state.session.repo().await?;
        let tx = repo.start_transaction(browser.actor(&state), "ui edit");
        let (org, reads) = tx
            .org_for_map(
                org.org_id.as_str(),
                &current.integration_name,
                &current.external_org_id,
            )
            .await?;
        let request = MapRequest {
            org,
            integration: current.integration_name.clone(),
            external_org_id: current.external_org_id.clone(),
            external_org_name: Some(name.to_owned()),
            mapping_data: Some(serde_json::Value::Object(data)),
            on_existing: OnExisting::Refuse,
            allow_shared: true,
        };
        tx.map_with(&request, Some(reads))
            .await
            .map_err(Error::from)?;
        Ok::<_, Error>(())
    };
    match written.await {
        Ok(()) => {
            Redirect::to(&format!("/orgs/{}", urlencode(org.org_id.as_str()))).into_response()
        }
        Err(e) => edit_page(
            &browser,
            &org.name,
            &current,
            Some((&form.external_org_name, &form.mapping_data)),
            Some(&e.message),
            super::super::serve::error::status_of(e.kind),
        ),
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn unmap(
    State(state): State<AppState>,
    browser: Browser,
    Path((org, integration, mapping_id)): Path<(String, String, String)>,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Err(refused) = browser.check(&form.csrf) {
        return *refused;
    }
    let done = async {
        let integration = state.session.integration_name(&integration)?;
        let repo = state.session.repo().await?;
        let tx = repo.start_transaction(browser.actor(&state), "ui unmap");
        let (org, reads) = tx.org_for_unmap(&org, &integration).await?;
        tx.unmap_with(
            &org,
            &integration,
            &UnmapSelector::MappingId(mapping_id),
            false,
            Some(reads),
        )
        .await
        .map_err(Error::from)?;
        Ok::<_, Error>(org)
    };
    match done.await {
        Ok(org) => {
            Redirect::to(&format!("/orgs/{}", urlencode(org.org_id.as_str()))).into_response()
        }
        Err(e) => error_page(e),
    }
}

/// TestConnectionDialog: the result, its latency and message.
pub async fn test_connection(
    State(state): State<AppState>,
    browser: Browser,
    Path((org, integration)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    if let Err(refused) = browser.check(form.get("csrf").map_or("", String::as_str)) {
        return *refused;
    }
    let name = match state.session.integration_name(&integration) {
        Ok(name) => name.to_string(),
        Err(e) => return error_page(e),
    };
    let (result, _, _) = commands::test_connection::connect(&state.session, &name).await;
    let back = format!("/orgs/{}", urlencode(&org));
    layout(
        "Test connection",
        &browser.csrf,
        html! {
            div.dialog role="dialog" aria-modal="true" aria-labelledby="dialog-title" data-close=(back) {
                h1 #dialog-title { "Test connection to " (name) }
                @if result.success {
                    p.ok role="status" { "✓ Connected" }
                } @else {
                    p.error role="alert" { "✗ Failed" }
                }
                p.message { (mapctl_core::redact::scrub(&result.message)) }
                p { "Latency " (result.latency_ms) " ms" }
                p { a.button href=(back) { "Close" } }
            }
        },
    )
    .into_response()
}
