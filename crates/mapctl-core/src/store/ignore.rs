//! Ignore records (contract §7): external orgs that are not customers (the
//! MSP itself, vendors, test tenants), left out of `discover --unmapped`,
//! `suggest` and `status`. Table `IgnoredExternalOrgs`: PartitionKey the
//! integration, RowKey `UUIDv5(namespace, "{integration}/{external_org_id}")`.

use serde::Serialize;

use super::Entity;
use crate::model::MAPPING_ID_NAMESPACE;

/// One ignored external org.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ignored {
    pub integration: String,
    pub external_org_id: String,
    pub external_org_name: String,
    pub reason: String,
    pub created_at: String,
    pub created_by: String,
}

impl Ignored {
    /// The RowKey of contract §7.
    pub(crate) fn row_key(&self) -> String {
        row_key(&self.integration, &self.external_org_id)
    }

    pub(crate) fn to_entity(&self) -> Entity {
        let mut e = Entity::new(self.integration.as_str(), self.row_key());
        e.set("IntegrationName", self.integration.as_str());
        e.set("ExternalOrgId", self.external_org_id.as_str());
        e.set("ExternalOrgName", self.external_org_name.as_str());
        e.set("Reason", self.reason.as_str());
        e.set("CreatedAt", self.created_at.as_str());
        e.set("CreatedBy", self.created_by.as_str());
        e
    }

    /// Read by its properties (rows of other writers may lack some).
    pub(crate) fn from_entity(e: &Entity) -> Ignored {
        let text = |n: &str| e.str(n).unwrap_or_default().to_owned();
        Ignored {
            integration: e
                .str("IntegrationName")
                .filter(|s| !s.is_empty())
                .unwrap_or(&e.partition_key)
                .to_owned(),
            external_org_id: text("ExternalOrgId"),
            external_org_name: text("ExternalOrgName"),
            reason: text("Reason"),
            created_at: text("CreatedAt"),
            created_by: text("CreatedBy"),
        }
    }
}

pub fn row_key(integration: &str, external_org_id: &str) -> String {
    uuid::Uuid::new_v5(
        &MAPPING_ID_NAMESPACE,
        format!("{integration}/{external_org_id}").as_bytes(),
    )
    .hyphenated()
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_row_key_is_the_contracts_uuid_and_rows_round_trip() {
        let i = Ignored {
            integration: "halopsa".into(),
            external_org_id: "7".into(),
            external_org_name: "Our MSP".into(),
            reason: "us".into(),
            created_at: "2026-01-01T00:00:00Z".into(),
            created_by: "jane".into(),
        };
        assert_eq!(
            i.row_key(),
            uuid::Uuid::new_v5(&MAPPING_ID_NAMESPACE, b"halopsa/7").to_string()
        );
        let e = i.to_entity();
        assert_eq!(e.partition_key, "halopsa");
        assert_eq!(Ignored::from_entity(&e), i);
    }
}
