//! Changes of one mapping that are not `map`: a connection test's result
//! and the external system's current name (`sync-names`).

use super::*;

impl Transaction<'_> {
    /// Records a connection test on both rows of a mapping (LastTestedAt,
    /// LastTestResult); UpdatedAt stays, a test is not a change of the mapping.
    pub async fn record_test(&self, mapping: &Mapping, result: &str) -> Result<()> {
        let now = self.now();
        self.update_one(mapping, |m| plan::tested(m, result, &now))
            .await
            .map(|_| ())
    }

    /// Sets a mapping's ExternalOrgName to the external system's current
    /// name (`sync-names`); returns the mapping as written.
    pub async fn sync_name(&self, mapping: &Mapping, name: &str) -> Result<Mapping> {
        let now = self.now();
        self.update_one(mapping, |m| {
            plan::activated(m, Some(name), None, self.stamp(&now)).0
        })
        .await
    }

    /// One mapping changed by `change` (a rule of `plan`), read and written
    /// again when another process changed it in between.
    async fn update_one(
        &self,
        mapping: &Mapping,
        change: impl Fn(&Mapping) -> Mapping,
    ) -> Result<Mapping> {
        for _ in 0..MAX_ATTEMPTS {
            let rows = self
                .org_rows(&mapping.org_id, &mapping.integration_name)
                .await?;
            let Some((m, e)) = rows
                .iter()
                .find(|(m, _)| m.mapping_id == mapping.mapping_id)
            else {
                return Err(Error::not_found(format!(
                    "mapping {} is gone",
                    mapping.mapping_id
                )));
            };
            let after = change(m);
            let written = Change {
                int_row: self.int_row(m).await?,
                org_row: Some((m.clone(), e.clone())),
                after: Some(after.clone()),
                org_row_current: false,
            };
            if let Commit::Done = self.commit(vec![written]).await? {
                return Ok(after);
            }
        }
        Err(lost_race())
    }
}
