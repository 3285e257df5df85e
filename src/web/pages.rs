//! The pages that show: the matrix (`/`), an org's integrations
//! (`/orgs/{org}`), and the history.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use mapctl_core::integrations::discovery::Freshness;
use mapctl_core::mapping::matrix::Cell;
use mapctl_core::ops::{self, Quiet};
use maud::html;
use serde::Deserialize;

use super::{Browser, error_page, layout};
use crate::commands;
use crate::serve::AppState;

/// The state of a cell as a word (its CSS class), a mark that says it
/// without colour, and the text.
pub fn cell_view(cell: &Cell) -> (String, &'static str, String) {
    let state = cell.csv_state();
    let mark = match state.split(':').next().unwrap_or_default() {
        "mapped" | "several" => "✓",
        "stale" => "✗",
        "renamed" => "~",
        "suggested" => "?",
        "excluded" => "n/a",
        _ => "–",
    };
    let text = match cell {
        Cell::Suggested { confidence, .. } => format!("{} ({confidence})", cell.csv()),
        _ => cell.csv(),
    };
    (state.replace(':', "-"), mark, text)
}

/// `/`: orgs × integrations, a filter box, counts per column.
pub async fn matrix(State(state): State<AppState>, browser: Browser) -> Response {
    let session = &state.session;
    let names = match ops::status::default_integrations(session).await {
        Ok(names) => names,
        Err(e) => return error_page(e),
    };
    let (rows, failed) = match ops::matrix::rows(session, &names, Freshness::Cached, &Quiet).await {
        Ok(found) => found,
        Err(e) => return error_page(e),
    };
    let mapped: Vec<usize> = (0..names.len())
        .map(|i| {
            rows.iter()
                .filter(|r| {
                    matches!(
                        r.cells[i],
                        Cell::Mapped { .. }
                            | Cell::Several(_)
                            | Cell::Renamed { .. }
                            | Cell::Stale { .. }
                    )
                })
                .count()
        })
        .collect();
    layout(
        "Matrix",
        &browser.csrf,
        html! {
            h1 { "Customers × integrations" }
            @if names.is_empty() {
                p { "No integration is configured or mapped yet: " code { "mapctl config edit" } " configures one." }
            }
            @for (name, e) in &failed {
                p.warning role="status" { (name) ": not judged (" (e.message) ")" }
            }
            div.toolbar {
                label for="filter" { "Filter orgs" }
                input #filter type="search" placeholder="Name or id" autocomplete="off" data-filter="matrix";
                span.legend { "✓ mapped · ✗ stale · ~ renamed · ? proposed · n/a excluded · – none" }
            }
            div.scroll {
                table #matrix.matrix {
                    thead {
                        tr {
                            th scope="col" { "Org (" (rows.len()) ")" }
                            @for (i, name) in names.iter().enumerate() {
                                th scope="col" {
                                    (name) br; span.count { (mapped[i]) "/" (rows.len()) " mapped" }
                                    br; a.small href={ "/review/" (name) } { "Review " (name) }
                                }
                            }
                        }
                    }
                    tbody {
                        @for row in &rows {
                            tr data-name={ (row.org_name.to_lowercase()) " " (row.org_id.to_lowercase()) } {
                                th scope="row" { a href={ "/orgs/" (urlencode(&row.org_id)) } { (row.org_name) } }
                                @for (i, cell) in row.cells.iter().enumerate() {
                                    @let (class, mark, text) = cell_view(cell);
                                    td class=(class) {
                                        a href={ "/orgs/" (urlencode(&row.org_id)) } aria-label={ (row.org_name) " in " (names[i]) ": " (class) } {
                                            span.mark { (mark) } " " (text)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
    .into_response()
}

pub fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// `/orgs/{org}` (IntegrationMappingsList): per integration, the org's
/// mappings and what can be done.
pub async fn org(
    State(state): State<AppState>,
    browser: Browser,
    Path(org): Path<String>,
) -> Response {
    let session = &state.session;
    let shown = async {
        let repo = session.repo().await?;
        let (org, names, _) = commands::orgs::shown(session, repo, &org).await?;
        let mappings = repo.list(Some(&org), None, false).await?;
        Ok::<_, mapctl_core::error::Error>((org, names, mappings))
    };
    let (org, names, mappings) = match shown.await {
        Ok(found) => found,
        Err(e) => return error_page(e),
    };
    let id = urlencode(org.org_id.as_str());
    layout(
        &org.name,
        &browser.csrf,
        html! {
            p.crumbs { a href="/" { "Matrix" } " › " (org.name) }
            h1 { (org.name) }
            p.meta { "Id " code { (org.org_id) } @if !org.domains.is_empty() { " · " (org.domains.join(", ")) } }
            @for name in &names {
                section.integration aria-labelledby={ "int-" (name) } {
                    h2 #{ "int-" (name) } { (name) }
                    @let mine: Vec<_> = mappings.iter().filter(|m| m.integration_name.as_str() == name).collect();
                    @if mine.is_empty() {
                        p.none { "– not mapped" }
                    } @else {
                        div.scroll {
                            table.mappings {
                                thead { tr { th { "Name" } th { "External id" } th { "Active" } th { "Updated" } th { "Last test" } th { span.sr { "Actions" } } } }
                                tbody {
                                    @for m in &mine {
                                        tr {
                                            td { (m.external_org_name) }
                                            td { code { (m.external_org_id) } }
                                            td { @if m.is_active { "✓ active" } @else { "✗ inactive" } }
                                            td { (m.updated_at) }
                                            td { (m.last_test_result.clone().unwrap_or_else(|| "–".into())) }
                                            td { div.row-actions {
                                                a.button href={ "/orgs/" (id) "/mappings/" (name) "/" (m.mapping_id) "/edit" } aria-label={ "Edit " (name) " mapping " (m.external_org_id) } { "Edit" }
                                                form method="post" action={ "/orgs/" (id) "/mappings/" (name) "/" (m.mapping_id) "/unmap" } {
                                                    input type="hidden" name="csrf" value=(browser.csrf);
                                                    button.danger type="submit" aria-label={ "Unmap " (name) " mapping " (m.external_org_id) } { "Unmap" }
                                                }
                                            } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    div.actions {
                        a.button href={ "/orgs/" (id) "/map/" (name) } aria-label={ "Map " (org.name) " in " (name) } { "Map" }
                        form method="post" action={ "/orgs/" (id) "/test/" (name) } {
                            input type="hidden" name="csrf" value=(browser.csrf);
                            button type="submit" aria-label={ "Test connection to " (name) } { "Test connection" }
                        }
                    }
                }
            }
        },
    )
    .into_response()
}

#[derive(Deserialize)]
pub struct HistoryFilter {
    org: Option<String>,
    integration: Option<String>,
    since: Option<String>,
}

fn blank_none(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// `/history`, filtered by org, integration and time.
pub async fn history(
    State(state): State<AppState>,
    browser: Browser,
    Query(f): Query<HistoryFilter>,
) -> Response {
    let entries = commands::history::entries(
        &state.session,
        blank_none(&f.org),
        blank_none(&f.integration),
        blank_none(&f.since),
        Some(200),
    )
    .await;
    let entries = match entries {
        Ok(e) => e,
        Err(e) => return error_page(e),
    };
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    layout(
        "History",
        &browser.csrf,
        html! {
            h1 { "History" }
            form.filters method="get" action="/history" {
                label { "Org " input type="text" name="org" value=(value(&f.org)); }
                label { "Integration " input type="text" name="integration" value=(value(&f.integration)); }
                label { "Since " input type="text" name="since" placeholder="7d, 2026-11-01" value=(value(&f.since)); }
                button type="submit" { "Filter" }
            }
            div.scroll {
                table.history {
                    thead { tr { th { "At" } th { "Actor" } th { "Action" } th { "Org" } th { "Integration" } th { "External id" } th { "Command" } } }
                    tbody {
                        @for e in &entries {
                            @let j = serde_json::to_value(e).unwrap_or_default();
                            tr {
                                td { (text(&j, "at")) } td { (text(&j, "actor")) } td { (text(&j, "action")) }
                                td { (text(&j, "org_id")) } td { (text(&j, "integration_name")) }
                                td { code { (text(&j, "external_org_id")) } } td { (text(&j, "command")) }
                            }
                        }
                    }
                }
            }
            @if entries.is_empty() { p { "No changes recorded." } }
        },
    )
    .into_response()
}

fn text(v: &serde_json::Value, key: &str) -> String {
    match &v[key] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}
