//! Why a proposal is not `high`, by name and in words: what a person
//! judges in the review, and what `--explain` says.

use std::sync::Arc;

use super::Open;
use crate::matching::{Caveat, Reason};
use crate::model::Org;

/// Why a proposal is not `high`, by name, for a person to judge.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// Another record scores nearly as well for the org.
    CloseRecord { id: String, name: String },
    /// Another org scores nearly as well for the record.
    OrgWantsSame { org_id: String, org_name: String },
    /// Another open record is the same name or a near spelling of it.
    NearSpelling { id: String, name: String },
    /// The org's domain points at another record.
    DomainPointsElsewhere { id: String, name: String },
    /// The words are in another order; this record has them in order.
    InOrderElsewhere { id: String, name: String },
    /// The legal form differs from the org's; this record's agrees.
    LegalFormElsewhere { id: String, name: String },
    /// The evidence is weaker than `high` asks (a fuzzy name, a shared
    /// domain).
    Weak,
}

impl Why {
    /// A caveat of the matcher (positions) named: the records among
    /// `open`, the orgs among `orgs`.
    pub(crate) fn of(caveat: Caveat, open: &[Open], orgs: &[Arc<Org>]) -> Why {
        let record = |e: usize| (open[e].id.clone(), open[e].name.clone());
        match caveat {
            Caveat::RecordNearTie { external } => {
                let (id, name) = record(external);
                Why::CloseRecord { id, name }
            }
            Caveat::OrgNearTie { org } => Why::OrgWantsSame {
                org_id: orgs[org].org_id.to_string(),
                org_name: orgs[org].name.clone(),
            },
            Caveat::Duplicate { external } => {
                let (id, name) = record(external);
                Why::NearSpelling { id, name }
            }
            Caveat::DomainElsewhere { external } => {
                let (id, name) = record(external);
                Why::DomainPointsElsewhere { id, name }
            }
            Caveat::Reordered { external } => {
                let (id, name) = record(external);
                Why::InOrderElsewhere { id, name }
            }
            Caveat::LegalForm { external } => {
                let (id, name) = record(external);
                Why::LegalFormElsewhere { id, name }
            }
            Caveat::Weak => Why::Weak,
        }
    }

    /// In words, for a proposal whose evidence is `reason`.
    pub fn words(&self, reason: Reason) -> String {
        match self {
            Why::CloseRecord { id, name } => {
                format!("another record scores nearly as well: {name} ({id})")
            }
            Why::OrgWantsSame { org_name, .. } => format!("{org_name} wants the same record"),
            Why::NearSpelling { id, name } => {
                format!("another open record is a near spelling: {name} ({id})")
            }
            Why::DomainPointsElsewhere { id, name } => {
                format!("the org's domain points at another record: {name} ({id})")
            }
            Why::InOrderElsewhere { id, name } => {
                format!("the words are in another order; {name} ({id}) has them in order")
            }
            Why::LegalFormElsewhere { id, name } => {
                format!("its legal form differs from the org's; that of {name} ({id}) agrees")
            }
            Why::Weak => match reason {
                Reason::Fuzzy => "the names are alike, not the same".to_owned(),
                Reason::Domain => {
                    "a domain alone (shared by other records, or on a record named otherwise)"
                        .to_owned()
                }
                other => format!("the evidence ({}) is weaker than high asks", other.as_str()),
            },
        }
    }
}
