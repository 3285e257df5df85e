//! A person's decisions about one org and one integration (contract §7,
//! fourth edition): an exclusion (the customer does not use the system)
//! and a rejection (this external org is not this customer). Table
//! `OrgDecisions`: PartitionKey the org id (one query reads an org's
//! decisions); RowKey `exclude:{integration}` or
//! `reject:{UUIDv5(namespace, "{integration}/{external_org_id}")}`.

use serde::Serialize;

use super::Entity;

/// What was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// The org does not use the integration: no coverage, no suggestion.
    Exclude,
    /// The external org is not this org: never proposed for it again.
    Reject,
}

impl DecisionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Exclude => "exclude",
            DecisionKind::Reject => "reject",
        }
    }
}

/// One decision as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub kind: DecisionKind,
    pub org_id: String,
    pub integration: String,
    /// The rejected external org (None for an exclusion).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_org_id: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub external_org_name: String,
    pub reason: String,
    pub created_at: String,
    pub created_by: String,
}

impl Decision {
    pub(crate) fn row_key(&self) -> String {
        row_key(
            self.kind,
            &self.integration,
            self.external_org_id.as_deref().unwrap_or_default(),
        )
    }

    pub(crate) fn to_entity(&self) -> Entity {
        let mut e = Entity::new(self.org_id.as_str(), self.row_key());
        e.set("Kind", self.kind.as_str());
        e.set("OrgId", self.org_id.as_str());
        e.set("IntegrationName", self.integration.as_str());
        if let Some(id) = &self.external_org_id {
            e.set("ExternalOrgId", id.as_str());
            e.set("ExternalOrgName", self.external_org_name.as_str());
        }
        e.set("Reason", self.reason.as_str());
        e.set("CreatedAt", self.created_at.as_str());
        e.set("CreatedBy", self.created_by.as_str());
        e
    }

    /// Read back; a row of an unknown kind (a newer writer's) is None.
    pub(crate) fn from_entity(e: &Entity) -> Option<Decision> {
        let text = |n: &str| e.str(n).unwrap_or_default().to_owned();
        let kind = match e.str("Kind") {
            Some("exclude") => DecisionKind::Exclude,
            Some("reject") => DecisionKind::Reject,
            _ => return None,
        };
        let external_org_id = e
            .str("ExternalOrgId")
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        if kind == DecisionKind::Reject && external_org_id.is_none() {
            return None;
        }
        Some(Decision {
            kind,
            org_id: e.partition_key.clone(),
            integration: text("IntegrationName"),
            external_org_id,
            external_org_name: text("ExternalOrgName"),
            reason: text("Reason"),
            created_at: text("CreatedAt"),
            created_by: text("CreatedBy"),
        })
    }
}

/// The RowKey of a decision in its org's partition.
pub(crate) fn row_key(kind: DecisionKind, integration: &str, external_org_id: &str) -> String {
    match kind {
        DecisionKind::Exclude => format!("exclude:{integration}"),
        DecisionKind::Reject => format!(
            "reject:{}",
            super::ignore::row_key(integration, external_org_id)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_kinds_round_trip_and_key_by_what_they_are_about() {
        let reject = Decision {
            kind: DecisionKind::Reject,
            org_id: "acme".into(),
            integration: "halopsa".into(),
            external_org_id: Some("7".into()),
            external_org_name: "Acme Ltd (old)".into(),
            reason: "a different company".into(),
            created_at: "2026-01-01T00:00:00Z".into(),
            created_by: "jane".into(),
        };
        let e = reject.to_entity();
        assert_eq!(e.partition_key, "acme");
        assert_eq!(
            e.row_key,
            format!("reject:{}", super::super::ignore::row_key("halopsa", "7"))
        );
        assert_eq!(Decision::from_entity(&e), Some(reject));
        let exclude = Decision {
            kind: DecisionKind::Exclude,
            external_org_id: None,
            external_org_name: String::new(),
            ..Decision::from_entity(&e).unwrap()
        };
        let e = exclude.to_entity();
        assert_eq!(e.row_key, "exclude:halopsa");
        assert_eq!(Decision::from_entity(&e), Some(exclude));
        let mut unknown = e.clone();
        unknown.set("Kind", "later");
        assert_eq!(Decision::from_entity(&unknown), None);
    }
}
