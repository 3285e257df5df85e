//! Reading the history (contract §8); rows are written by `commit` and the
//! bulk writer, after the org-index row they describe and before its
//! integration-index row; and the rows a crash lost, written again.

use std::collections::{BTreeMap, HashSet};

use super::{Repo, Transaction};
use crate::error::Result;
use crate::model::Mapping;
use crate::store::history::{Entry, entry_from, recovered};
use crate::store::{MAPPING_HISTORY, Query};

/// Which history rows to show.
#[derive(Debug, Clone, Default)]
pub struct HistoryFilter {
    pub org_id: Option<String>,
    pub integration: Option<String>,
    /// `At` at or after this (`YYYY-MM-DDTHH:MM:SSZ`).
    pub since: Option<String>,
    pub limit: Option<usize>,
}

impl Repo {
    /// History rows, newest first: one partition query with an org, else a
    /// read of the table.
    pub async fn history(&self, filter: &HistoryFilter) -> Result<Vec<Entry>> {
        let query = match &filter.org_id {
            Some(org) => Query::partition(org.as_str()),
            None => Query::all(),
        };
        let mut rows: Vec<(String, Entry)> = Vec::new();
        self.backend
            .query_each(MAPPING_HISTORY, &query, &mut |e| {
                let entry = entry_from(&e);
                let wanted = filter
                    .integration
                    .as_ref()
                    .is_none_or(|i| *i == entry.integration_name)
                    && filter.since.as_ref().is_none_or(|s| entry.at >= *s);
                if wanted {
                    rows.push((e.row_key, entry));
                }
            })
            .await?;
        // Within a partition the RowKey sorts newest first; across orgs the
        // same key (an inverted clock) orders them all.
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        let limit = filter.limit.unwrap_or(usize::MAX);
        Ok(rows.into_iter().take(limit).map(|(_, e)| e).collect())
    }
}

impl Transaction<'_> {
    /// Writes the history row of each mapping's last change (its
    /// `UpdatedAt`) that the history lacks: what a process killed between
    /// the org row and its history row lost. One partition query per org.
    pub(crate) async fn ensure_history(&self, mappings: &[&Mapping]) -> Result<usize> {
        let mut by_org: BTreeMap<&str, Vec<&Mapping>> = BTreeMap::new();
        for m in mappings {
            by_org.entry(m.org_id.as_str()).or_default().push(m);
        }
        let mut written = 0;
        for (org, list) in by_org {
            let mut recorded: HashSet<(String, String)> = HashSet::new();
            self.backend
                .query_each(MAPPING_HISTORY, &Query::partition(org), &mut |e| {
                    let entry = entry_from(&e);
                    if let Some(at) = entry.after.get("UpdatedAt").and_then(|v| v.as_str()) {
                        recorded.insert((entry.mapping_id, at.to_owned()));
                    }
                })
                .await?;
            for m in list {
                if !recorded.contains(&(m.mapping_id.to_string(), m.updated_at.clone())) {
                    let w = recovered(m, &format!("{} (recovered)", self.command));
                    self.backend.write(w.table, w.op).await?;
                    written += 1;
                }
            }
        }
        Ok(written)
    }
}
