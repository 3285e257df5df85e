//! `/review/{integration}`: the suggestions, `high` ones ticked in a list a
//! person can untick, the others one by one with Accept / Skip / Pick
//! another / Wrong match / Ignore; one write at the end through the apply
//! engine (the terminal review's `Decided`, the same request).

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use mapctl_core::error::Error;
use mapctl_core::integrations::discovery::Freshness;
use mapctl_core::mapping::suggest::Suggestions;
use mapctl_core::matching::Confidence;
use mapctl_core::ops::{self, Quiet};
use maud::html;

use super::{Browser, error_page, layout};
use crate::commands::suggest::decided::Decided;
use crate::review::Decisions;
use crate::serve::AppState;

async fn suggestions(state: &AppState, integration: &str) -> Result<Suggestions, Error> {
    let name = state.session.integration_name(integration)?.to_string();
    let (found, _) =
        ops::suggest::for_integration(&state.session, &name, None, Freshness::Cached, true, &Quiet)
            .await?;
    Ok(found)
}

/// What the page was made from: a later write that sees other suggestions
/// (another person mapped in between) asks for the review again.
fn signature(found: &Suggestions) -> String {
    let pairs: Vec<String> = found
        .list
        .iter()
        .map(|s| format!("{}\u{1f}{}", s.org, s.external_org_id))
        .collect();
    mapctl_core::mapping::tokens::sha256_hex(&pairs.join("\u{1e}"))
}

pub async fn page(
    State(state): State<AppState>,
    browser: Browser,
    Path(integration): Path<String>,
) -> Response {
    let found = match suggestions(&state, &integration).await {
        Ok(found) => found,
        Err(e) => return error_page(e),
    };
    let name = found.integration.to_string();
    let (high, other): (Vec<_>, Vec<_>) = found
        .list
        .iter()
        .enumerate()
        .partition(|(_, s)| s.confidence == Confidence::High);
    layout(
        &format!("Review {name}"),
        &browser.csrf,
        html! {
            h1 { "Review " (name) }
            p.meta { (found.list.len()) " suggestion(s) for " (found.considered) " org(s) without a " (name) " mapping. Nothing is written until you apply." }
            form method="post" {
                input type="hidden" name="csrf" value=(browser.csrf);
                input type="hidden" name="signature" value=(signature(&found));
                @if !high.is_empty() {
                    fieldset.high {
                        legend { "High confidence: untick any that is wrong" }
                        @for (i, s) in &high {
                            label.tick {
                                input type="checkbox" name={ "take" (i) } value="yes" checked;
                                " " (s.org_name) " → " (s.external_org_name) " " code { (s.external_org_id) }
                            }
                        }
                    }
                }
                @for (i, s) in &other {
                    fieldset.one {
                        legend { (s.org_name) " → " (s.external_org_name) " (" (s.confidence.as_str()) ")" }
                        @if let Some(why) = &s.why { p.why { (why.words(s.reason)) } }
                        label { input type="radio" name={ "d" (i) } value="skip" checked; " Skip" }
                        label { input type="radio" name={ "d" (i) } value="accept"; " Accept" }
                        @let others: Vec<usize> = s.alternatives.iter().copied().filter(|e| *e != s.external).collect();
                        @if !others.is_empty() {
                            label { input type="radio" name={ "d" (i) } value="pick"; " Pick another" }
                            select name={ "p" (i) } aria-label={ "Another record for " (s.org_name) } {
                                @for e in &others {
                                    option value=(e) { (found.open[*e].name) " (" (found.open[*e].id) ")" }
                                }
                            }
                        }
                        label { input type="radio" name={ "d" (i) } value="wrong"; " Wrong match" }
                        label { input type="radio" name={ "d" (i) } value="ignore"; " Ignore" }
                    }
                }
                @if found.list.is_empty() { p { "Nothing to review: every org is mapped, excluded, or has no candidate." } }
                @else { button.primary type="submit" { "Apply" } }
            }
        },
    )
    .into_response()
}

pub async fn apply(
    State(state): State<AppState>,
    browser: Browser,
    Path(integration): Path<String>,
    axum::extract::Form(form): axum::extract::Form<HashMap<String, String>>,
) -> Response {
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or_default();
    if let Err(refused) = browser.check(field("csrf")) {
        return *refused;
    }
    let found = match suggestions(&state, &integration).await {
        Ok(found) => found,
        Err(e) => return error_page(e),
    };
    if !super::super::serve::sessions::same(&signature(&found), field("signature")) {
        return error_page(
            Error::conflict(
                "the suggestions changed since the page was shown (another write in between)",
            )
            .with_hint("open the review again"),
        );
    }
    let mut decisions = Decisions::default();
    for (i, s) in found.list.iter().enumerate() {
        if s.confidence == Confidence::High {
            if field(&format!("take{i}")) == "yes" {
                decisions.map.push((i, s.external));
            }
            continue;
        }
        match field(&format!("d{i}")) {
            "accept" => decisions.map.push((i, s.external)),
            "pick" => {
                let picked = field(&format!("p{i}")).parse::<usize>().ok();
                if let Some(e) = picked.filter(|e| s.alternatives.contains(e)) {
                    decisions.map.push((i, e));
                }
            }
            "wrong" => decisions.reject.push(i),
            "ignore" => decisions.ignore.push(s.external),
            _ => {}
        }
    }
    let mut decided = Decided::default();
    decided.add(&found, &decisions);
    let written = async {
        let repo = state.session.repo().await?;
        let tx = repo.start_transaction(browser.actor(&state), "ui review");
        let mut plan = tx
            .plan_apply(decided.request())
            .await
            .map_err(Error::from)?;
        tx.commit_apply(&mut plan, &|_| {})
            .await
            .map_err(Error::from)
    };
    let summary = match written.await {
        Ok(summary) => summary,
        Err(e) => return error_page(e),
    };
    let summary = serde_json::to_value(&summary).unwrap_or_default();
    let count = |k: &str| summary[k].as_u64().unwrap_or(0);
    layout(
        "Review applied",
        &browser.csrf,
        html! {
            h1 { "Review of " (found.integration) " applied" }
            p role="status" {
                (decided.mappings.len()) " mapping(s), " (decisions.reject.len()) " wrong match(es) remembered, "
                (decisions.ignore.len()) " ignored: " (count("created")) " row(s) created, "
                (count("updated")) " updated, " (count("unchanged")) " unchanged."
            }
            p { a.button href="/" { "Back to the matrix" } }
        },
    )
    .into_response()
}
