//! Reading the history (contract §8); rows are written by `commit` and the
//! bulk writer, after the index rows they describe.

use super::Repo;
use crate::error::Result;
use crate::store::history::{Entry, entry_from};
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
