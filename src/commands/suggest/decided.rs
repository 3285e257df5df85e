//! What a review decided, across one integration or all: the apply
//! request it writes, and the apply file it leaves when it is stopped.

use std::path::PathBuf;

use serde_json::{Value as Json, json};

use crate::context::Context;
use crate::review::Decisions;
use mapctl_core::error::{Error, Result};
use mapctl_core::mapping::apply::{ApplyRequest, DesiredDecision, DesiredMapping};
use mapctl_core::mapping::suggest::Suggestions;
use mapctl_core::model::ExternalOrgId;
use mapctl_core::records::DesiredIgnore;
use mapctl_core::store::decisions::DecisionKind;

const IGNORE_REASON: &str = "ignored in the review of mapctl suggest";
const REJECT_REASON: &str = "a wrong match, in the review of mapctl suggest";

/// Decisions gathered so far, as the apply engine and an apply file take them.
#[derive(Default)]
pub struct Decided {
    pub mappings: Vec<DesiredMapping>,
    pub ignores: Vec<DesiredIgnore>,
    pub rejects: Vec<DesiredDecision>,
    /// The same, as records of an apply file.
    records: Vec<Json>,
}

impl Decided {
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Adds one integration's decisions.
    pub fn add(&mut self, found: &Suggestions, d: &Decisions) {
        let integration = &found.integration;
        let mut map = |wanted: DesiredMapping| {
            self.records.push(json!({
                "org": wanted.org.org_id,
                "integration": integration,
                "external_org_id": wanted.external_org_id,
                "external_org_name": wanted.external_org_name,
            }));
            self.mappings.push(wanted);
        };
        for &(s, e) in &d.map {
            let open = &found.open[e];
            map(found.list[s].wanted(&ExternalOrgId::from_row(open.id.as_str()), &open.name));
        }
        for &(u, e) in &d.picked {
            map(found.picked(&found.unmatched[u].org, e));
        }
        for &e in &d.ignore {
            let open = &found.open[e];
            self.records.push(json!({
                "integration": integration,
                "external_org_id": open.id,
                "external_org_name": open.name,
                "reason": IGNORE_REASON,
                "ignore": true,
            }));
            self.ignores.push(DesiredIgnore {
                record: 0,
                integration: integration.clone(),
                external_org_id: ExternalOrgId::from_row(open.id.as_str()),
                external_org_name: Some(open.name.clone()),
                reason: Some(IGNORE_REASON.into()),
            });
        }
        for &s in &d.reject {
            let s = &found.list[s];
            self.records.push(json!({
                "org": s.org,
                "integration": integration,
                "external_org_id": s.external_org_id,
                "external_org_name": s.external_org_name,
                "reason": REJECT_REASON,
                "reject": true,
            }));
            self.rejects.push(DesiredDecision {
                record: 0,
                kind: DecisionKind::Reject,
                org: s.org_record.clone(),
                integration: integration.clone(),
                external_org_id: Some(s.external_org_id.clone()),
                external_org_name: Some(s.external_org_name.clone()),
                reason: Some(REJECT_REASON.into()),
            });
        }
    }

    /// One line for the last question.
    pub fn question(&self) -> String {
        format!(
            "Write {} mapping(s), {} ignore record(s) and {} rejection(s)?",
            self.mappings.len(),
            self.ignores.len(),
            self.rejects.len()
        )
    }

    pub fn request(&self) -> ApplyRequest {
        ApplyRequest {
            mappings: self.mappings.clone(),
            ignores: self.ignores.clone(),
            decisions: self.rejects.clone(),
            prune: false,
        }
    }

    /// Saves the decisions as an apply file (nothing is written to the
    /// store) and says where; the path, or None when nothing was decided.
    pub fn save(&self, ctx: &Context, scope: &str) -> Result<Option<PathBuf>> {
        if self.is_empty() {
            ctx.ui
                .status("Nothing was decided; nothing was written or saved.");
            return Ok(None);
        }
        let dir = ctx.config.state_dir.join("reviews");
        let stamp = ctx.clock().timestamp().replace([':', '-'], "");
        let path = dir.join(format!("suggest-{scope}-{stamp}.json"));
        let text = serde_json::to_string_pretty(&self.records)
            .map_err(|e| Error::internal(e.to_string()))?;
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&path, format!("{text}\n")))
            .map_err(|e| {
                Error::internal(format!(
                    "cannot save the decisions to {}: {e}",
                    path.display()
                ))
            })?;
        ctx.ui.status(&format!(
            "Nothing was written. The {} decision(s) so far are saved in {}\n  apply them with: mapctl apply -f {}",
            self.records.len(),
            path.display(),
            path.display()
        ));
        Ok(Some(path))
    }
}
