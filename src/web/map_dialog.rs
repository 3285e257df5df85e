//! CreateMappingDialog: a search over the integration's discovery (the
//! org's likely records first), and the map, with Replace / Add / Cancel on
//! a conflict as at a terminal.

use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mapctl_core::error::{Error, Remedy, Result};
use mapctl_core::integrations::discovery::Freshness;
use mapctl_core::mapping::{MapRequest, OnExisting};
use mapctl_core::model::{self, ExternalOrgId};
use mapctl_core::ops::{self, Quiet};
use maud::{Markup, html};
use serde::Deserialize;

use super::pages::urlencode;
use super::{Browser, error_page, layout};
use crate::commands;
use crate::serve::AppState;

/// At most this many records are listed for a search.
const SHOWN: usize = 50;

#[derive(Deserialize)]
pub struct Search {
    #[serde(default)]
    q: String,
}

/// The records for a search: the org's likely ones first when nothing is
/// typed, else those whose name or id holds the text.
async fn records(
    state: &AppState,
    org: &mapctl_core::model::Org,
    integration: &str,
    q: &str,
) -> Result<Vec<(String, String, Vec<String>)>> {
    let query = ops::discover::DiscoverQuery {
        fresh: Freshness::Cached,
        search: (!q.trim().is_empty()).then(|| q.trim().to_owned()),
        unmapped: false,
        include_inactive: false,
    };
    let found = ops::discover::query(&state.session, integration, &query, &Quiet).await?;
    let mut list: Vec<(String, String, Vec<String>)> = found
        .records
        .into_iter()
        .map(|r| (r.id, r.name, r.mapped_names))
        .collect();
    if q.trim().is_empty() {
        let likely = commands::map::likely_records(&state.session, integration, org).await;
        list.sort_by_key(|(id, _, _)| likely.iter().position(|l| l == id).unwrap_or(usize::MAX));
    }
    list.truncate(SHOWN);
    Ok(list)
}

fn results(
    org_id: &str,
    integration: &str,
    csrf: &str,
    list: &[(String, String, Vec<String>)],
) -> Markup {
    html! {
        ul #results.results aria-live="polite" {
            @for (id, name, mapped) in list {
                li {
                    form method="post" action={ "/orgs/" (urlencode(org_id)) "/map/" (integration) } {
                        input type="hidden" name="csrf" value=(csrf);
                        input type="hidden" name="external_org_id" value=(id);
                        input type="hidden" name="external_org_name" value=(name);
                        button type="submit" aria-label={ "Map " (name) } { "Map" }
                        span.name { (name) } " " code { (id) }
                        @if !mapped.is_empty() { span.taken { " mapped to " (mapped.join(", ")) } }
                    }
                }
            }
            @if list.is_empty() { li.none { "No record matches." } }
        }
    }
}

/// The Map dialog: a search over the integration's discovery.
pub async fn map_dialog(
    State(state): State<AppState>,
    browser: Browser,
    Path((org, integration)): Path<(String, String)>,
    Query(search): Query<Search>,
) -> Response {
    let shown = async {
        let org = state.session.org(&org).await?;
        let name = state.session.integration_name(&integration)?.to_string();
        let info = state.session.registry.resolve(&name)?.clone();
        // A listing that fails is said in the dialog (a typed id still works).
        let (list, problem) = if info.discovery {
            match records(&state, &org, &name, &search.q).await {
                Ok(list) => (list, None),
                Err(e) => (Vec::new(), Some(e.message)),
            }
        } else {
            (Vec::new(), None)
        };
        Ok::<_, Error>((org, name, info.discovery, list, problem))
    };
    let (org, name, discovery, list, problem) = match shown.await {
        Ok(found) => found,
        Err(e) => return error_page(e),
    };
    dialog_page(
        &browser,
        org.org_id.as_ref(),
        &org.name,
        &name,
        discovery,
        &search.q,
        &list,
        problem.map(|p| (StatusCode::OK, html! { p.error role="alert" { (p) } })),
    )
}

#[allow(clippy::too_many_arguments)]
fn dialog_page(
    browser: &Browser,
    org_id: &str,
    org_name: &str,
    integration: &str,
    discovery: bool,
    q: &str,
    list: &[(String, String, Vec<String>)],
    notice: Option<(StatusCode, Markup)>,
) -> Response {
    let back = format!("/orgs/{}", urlencode(org_id));
    let status = notice
        .as_ref()
        .map_or(StatusCode::OK, |(status, _)| *status);
    let notice = notice.map(|(_, markup)| markup);
    (
        status,
        layout(
            &format!("Map {org_name} in {integration}"),
            &browser.csrf,
            html! {
                div.dialog role="dialog" aria-modal="true" aria-labelledby="dialog-title" data-close=(back) {
                    h1 #dialog-title { "Map " (org_name) " in " (integration) }
                    @if let Some(notice) = notice { (notice) }
                    @if discovery {
                        label for="q" { "Search " (integration) }
                        input #q type="search" name="q" value=(q) autocomplete="off" autofocus
                            hx-get={ "/orgs/" (urlencode(org_id)) "/map/" (integration) "/search" }
                            hx-trigger="input changed delay:150ms, search" hx-target="#results" hx-swap="outerHTML";
                        (results(org_id, integration, &browser.csrf, list))
                    }
                    details open[!discovery] {
                        summary { "Type an id instead" }
                        form method="post" action={ "/orgs/" (urlencode(org_id)) "/map/" (integration) } {
                            input type="hidden" name="csrf" value=(browser.csrf);
                            label { "External id " input type="text" name="external_org_id" required; }
                            label { "Name " input type="text" name="external_org_name"; }
                            button type="submit" aria-label="Map the typed id" { "Map" }
                        }
                    }
                    p { a.button href=(back) aria-label="Cancel" { "Cancel" } }
                }
            },
        ),
    )
        .into_response()
}

/// The results for what is typed (htmx swaps them in).
pub async fn search(
    State(state): State<AppState>,
    browser: Browser,
    Path((org, integration)): Path<(String, String)>,
    Query(search): Query<Search>,
) -> Response {
    let found = async {
        let org = state.session.org(&org).await?;
        let name = state.session.integration_name(&integration)?.to_string();
        let list = records(&state, &org, &name, &search.q).await?;
        Ok::<_, Error>((org, name, list))
    };
    match found.await {
        Ok((org, name, list)) => {
            results(org.org_id.as_str(), &name, &browser.csrf, &list).into_response()
        }
        Err(e) => {
            html! { ul #results.results { li.error role="alert" { (e.message) } } }.into_response()
        }
    }
}

#[derive(Deserialize)]
pub struct MapForm {
    #[serde(default)]
    csrf: String,
    external_org_id: String,
    #[serde(default)]
    external_org_name: String,
    /// "replace" or "add", chosen after a conflict.
    #[serde(default)]
    mode: String,
    #[serde(default)]
    allow_shared: String,
}

/// Maps; a conflict offers Replace / Add / Cancel, as at a terminal.
pub async fn map(
    State(state): State<AppState>,
    browser: Browser,
    Path((org, integration)): Path<(String, String)>,
    Form(form): Form<MapForm>,
) -> Response {
    if let Err(refused) = browser.check(&form.csrf) {
        return *refused;
    }
    let written = async {
        let info = state.session.registry.resolve(&integration)?.clone();
        let id = ExternalOrgId::parse(form.external_org_id.trim())?;
        info.check_external_id(&id)?;
        let name = form.external_org_name.trim();
        if !name.is_empty() {
            model::validate_name("the name", name, true)?;
        }
        let repo = state.session.repo().await?;
        let tx = repo.start_transaction(browser.actor(&state), "ui map");
        let (org, reads) = tx.org_for_map(&org, &info.name, &id).await?;
        let request = MapRequest {
            org: org.clone(),
            integration: state.session.integration_name(&info.name)?,
            external_org_id: id,
            external_org_name: (!name.is_empty()).then(|| name.to_owned()),
            mapping_data: None,
            on_existing: match form.mode.as_str() {
                "replace" => OnExisting::Replace,
                "add" => OnExisting::Add,
                _ => OnExisting::Refuse,
            },
            allow_shared: form.allow_shared == "yes",
        };
        tx.map_with(&request, Some(reads))
            .await
            .map_err(Error::from)?;
        Ok::<_, Error>(org)
    };
    match written.await {
        Ok(org) => {
            Redirect::to(&format!("/orgs/{}", urlencode(org.org_id.as_str()))).into_response()
        }
        Err(e) => {
            let choice = match e.remedy.as_deref() {
                Some(Remedy::ReplaceOrAdd) => {
                    Some(("mode", [("replace", "Replace"), ("add", "Add")]))
                }
                Some(Remedy::ShareOrUnmap) => {
                    Some(("allow_shared", [("yes", "Map it here as well"), ("", "")]))
                }
                _ => None,
            };
            let Some((field, options)) = choice else {
                return error_page(e);
            };
            let conflict = html! {
                div.conflict role="alert" {
                    p { (e.message) }
                    form method="post" {
                        input type="hidden" name="csrf" value=(browser.csrf);
                        input type="hidden" name="external_org_id" value=(form.external_org_id);
                        input type="hidden" name="external_org_name" value=(form.external_org_name);
                        @if field == "allow_shared" { input type="hidden" name="mode" value=(form.mode); }
                        @for (value, label) in options {
                            @if !label.is_empty() {
                                button type="submit" name=(field) value=(value) { (label) }
                            }
                        }
                        a.button href={ "/orgs/" (urlencode(&org)) } { "Cancel" }
                    }
                }
            };
            dialog_page(
                &browser,
                &org,
                &org,
                &integration,
                false,
                "",
                &[],
                Some((StatusCode::CONFLICT, conflict)),
            )
        }
    }
}
