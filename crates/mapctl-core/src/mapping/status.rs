//! Coverage and drift of one integration (contract §7, "Status, fourth
//! edition"): coverage counts customers (active MSP orgs not excluded), the
//! problems are named, and an integration that cannot be judged is a row
//! of its own. Pure: a discovery, a snapshot and decisions in; no I/O.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::decisions::Decisions;
use crate::model::{Mapping, Org};

/// Whether an integration could be judged, and if not why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Ok,
    NotConfigured,
    NoDiscovery,
    Unreachable,
    AuthFailed,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Ok => "ok",
            State::NotConfigured => "not_configured",
            State::NoDiscovery => "no_discovery",
            State::Unreachable => "unreachable",
            State::AuthFailed => "auth_failed",
        }
    }
}

/// Customers mapped ÷ customers that use the integration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Active orgs, not excluded, with an active mapping there.
    pub mapped_orgs: usize,
    /// Active orgs not excluded.
    pub orgs: usize,
    /// Active orgs excluded from the integration.
    pub excluded: usize,
}

impl Coverage {
    /// The share mapped, 0–1 (1 when no org uses the integration).
    pub fn share(&self) -> f64 {
        if self.orgs == 0 {
            1.0
        } else {
            self.mapped_orgs as f64 / self.orgs as f64
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgRef {
    pub org_id: String,
    pub org_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExcludedOrg {
    pub org_id: String,
    pub org_name: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stale {
    pub mapping_id: String,
    pub org_id: String,
    pub org_name: String,
    pub external_org_id: String,
    pub external_org_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Renamed {
    pub mapping_id: String,
    pub org_id: String,
    pub org_name: String,
    pub external_org_id: String,
    pub stored_name: String,
    pub current_name: String,
}

/// The status object of contract §7, fourth edition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Status {
    pub integration: String,
    pub state: State,
    /// Why it could not be judged (states other than `ok`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub coverage: Coverage,
    /// Customers (active, not excluded) without an active mapping there.
    pub orgs_without_mapping: Vec<OrgRef>,
    /// Customers excluded from the integration, with why.
    pub excluded_orgs: Vec<ExcludedOrg>,
    /// Active mappings whose external org the discovery no longer lists
    /// (null without a discovery).
    pub stale: Option<Vec<Stale>>,
    /// Active mappings whose stored name differs from the current one.
    pub renamed: Option<Vec<Renamed>>,
    /// External records neither mapped nor ignored (prospects, vendors,
    /// old clients; informational).
    pub open_records: Option<usize>,
    /// External records ignored and not mapped.
    pub ignored: Option<usize>,
    /// External records the discovery lists.
    pub external_orgs: Option<usize>,
    /// Records the API sent that cannot be mapped (bad ids).
    pub invalid_records: Option<usize>,
    pub discovered_at: Option<String>,
}

impl Status {
    /// Whether it was judged and needs a person: customers without a
    /// mapping, stale or renamed mappings (and open records, when asked).
    pub fn drifts(&self, records_too: bool) -> bool {
        self.state == State::Ok
            && (!self.orgs_without_mapping.is_empty()
                || self.stale.as_ref().is_some_and(|s| !s.is_empty())
                || self.renamed.as_ref().is_some_and(|r| !r.is_empty())
                || (records_too && self.open_records.unwrap_or(0) > 0))
    }
}

/// A discovery as status reads it.
pub struct Discovered<'a> {
    /// External id → current name.
    pub names: &'a HashMap<String, String>,
    pub ignored: &'a HashSet<String>,
    pub invalid: usize,
    pub at: &'a str,
}

/// The status of `integration`: from the store alone (coverage and who
/// lacks a mapping) and, when there is one, its discovery.
pub fn status(
    integration: &str,
    orgs: &[Org],
    active: &[Mapping],
    decisions: &Decisions,
    discovered: Option<Discovered<'_>>,
) -> Status {
    let active: Vec<&Mapping> = active
        .iter()
        .filter(|m| m.is_active && m.integration_name == integration)
        .collect();
    let with_mapping: HashSet<&str> = active.iter().map(|m| m.org_id.as_str()).collect();
    let mut coverage = Coverage {
        mapped_orgs: 0,
        orgs: 0,
        excluded: 0,
    };
    let mut orgs_without_mapping = Vec::new();
    let mut excluded_orgs = Vec::new();
    for o in orgs.iter().filter(|o| o.is_active) {
        let key = (o.org_id.to_string(), integration.to_owned());
        if let Some(reason) = decisions.excluded.get(&key) {
            coverage.excluded += 1;
            excluded_orgs.push(ExcludedOrg {
                org_id: key.0,
                org_name: o.name.clone(),
                reason: reason.clone(),
            });
            continue;
        }
        coverage.orgs += 1;
        if with_mapping.contains(o.org_id.as_str()) {
            coverage.mapped_orgs += 1;
        } else {
            orgs_without_mapping.push(OrgRef {
                org_id: key.0,
                org_name: o.name.clone(),
            });
        }
    }
    let by_name = |a: &OrgRef, b: &OrgRef| {
        (a.org_name.to_lowercase(), &a.org_id).cmp(&(b.org_name.to_lowercase(), &b.org_id))
    };
    orgs_without_mapping.sort_by(by_name);
    excluded_orgs.sort_by(|a, b| {
        (a.org_name.to_lowercase(), &a.org_id).cmp(&(b.org_name.to_lowercase(), &b.org_id))
    });
    let mut status = Status {
        integration: integration.to_owned(),
        state: State::Ok,
        error: None,
        coverage,
        orgs_without_mapping,
        excluded_orgs,
        stale: None,
        renamed: None,
        open_records: None,
        ignored: None,
        external_orgs: None,
        invalid_records: None,
        discovered_at: None,
    };
    let Some(found) = discovered else {
        return status;
    };
    let mapped_ids: HashSet<&str> = active.iter().map(|m| m.external_org_id.as_str()).collect();
    let org_names: HashMap<&str, &str> = orgs
        .iter()
        .map(|o| (o.org_id.as_str(), o.name.as_str()))
        .collect();
    let org_name = |id: &str| org_names.get(id).copied().unwrap_or(id).to_owned();
    let mapped = found
        .names
        .keys()
        .filter(|id| mapped_ids.contains(id.as_str()))
        .count();
    let ignored = found
        .names
        .keys()
        .filter(|id| !mapped_ids.contains(id.as_str()) && found.ignored.contains(*id))
        .count();
    let mut stale = Vec::new();
    let mut renamed = Vec::new();
    for m in &active {
        match found.names.get(m.external_org_id.as_str()) {
            None => stale.push(Stale {
                mapping_id: m.mapping_id.to_string(),
                org_id: m.org_id.to_string(),
                org_name: org_name(&m.org_id),
                external_org_id: m.external_org_id.to_string(),
                external_org_name: m.external_org_name.clone(),
            }),
            Some(current) => {
                if let Some(now) = super::rules::renamed(&m.external_org_name, Some(current)) {
                    renamed.push(Renamed {
                        mapping_id: m.mapping_id.to_string(),
                        org_id: m.org_id.to_string(),
                        org_name: org_name(&m.org_id),
                        external_org_id: m.external_org_id.to_string(),
                        stored_name: m.external_org_name.clone(),
                        current_name: now.to_owned(),
                    });
                }
            }
        }
    }
    stale.sort_by(|a, b| (&a.org_id, &a.external_org_id).cmp(&(&b.org_id, &b.external_org_id)));
    renamed.sort_by(|a, b| (&a.org_id, &a.external_org_id).cmp(&(&b.org_id, &b.external_org_id)));
    status.stale = Some(stale);
    status.renamed = Some(renamed);
    status.external_orgs = Some(found.names.len());
    status.ignored = Some(ignored);
    status.open_records = Some(found.names.len() - mapped - ignored);
    status.invalid_records = Some(found.invalid);
    status.discovered_at = Some(found.at.to_owned());
    status
}

/// `█████████░  96%`: the share of customers mapped.
pub fn coverage_bar(c: &Coverage, width: usize) -> String {
    // In whole numbers, rounded down: 29 of 50 is 58%, never 57% by a
    // float's error, and 99.9% is not shown as done.
    let (done, of) = if c.orgs == 0 {
        (1, 1)
    } else {
        (c.mapped_orgs, c.orgs)
    };
    let filled = (done * width / of).min(width);
    format!(
        "{}{} {:>3}%",
        "█".repeat(filled),
        "░".repeat(width - filled),
        done * 100 / of
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::decisions::{Decision, DecisionKind};
    use crate::test_support::mapping;

    fn org(id: &str) -> Org {
        Org {
            org_id: id.into(),
            name: id.to_uppercase(),
            is_active: true,
            ..Org::default()
        }
    }

    fn exclusion(org: &str, integration: &str) -> Decision {
        Decision {
            kind: DecisionKind::Exclude,
            org_id: org.into(),
            integration: integration.into(),
            external_org_id: None,
            external_org_name: String::new(),
            reason: "no contract".into(),
            created_at: String::new(),
            created_by: String::new(),
        }
    }

    #[test]
    fn coverage_counts_customers_and_records_are_a_second_figure() {
        let names: HashMap<String, String> = [
            ("1", "Acme Corp"),
            ("2", "Globex"),
            ("3", "Our MSP"),
            ("4", "A prospect"),
            ("5", "A vendor"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let mut acme = mapping("acme", "halopsa", "1");
        acme.external_org_name = "Acme".into();
        let mappings = vec![
            acme,
            mapping("globex", "halopsa", "9"),
            mapping("acme", "ninjaone", "2"),
        ];
        let ignored: HashSet<String> = ["3".to_owned()].into();
        let orgs = [org("acme"), org("globex"), org("initech"), org("umbrella")];
        let decisions = Decisions::of(vec![exclusion("umbrella", "halopsa")]);
        let s = status(
            "halopsa",
            &orgs,
            &mappings,
            &decisions,
            Some(Discovered {
                names: &names,
                ignored: &ignored,
                invalid: 2,
                at: "T",
            }),
        );
        assert_eq!(
            s.coverage,
            Coverage {
                mapped_orgs: 2,
                orgs: 3,
                excluded: 1
            }
        );
        assert_eq!(s.orgs_without_mapping[0].org_id, "initech");
        assert_eq!(s.excluded_orgs[0].reason, "no contract");
        assert_eq!(
            (
                s.external_orgs,
                s.ignored,
                s.open_records,
                s.invalid_records
            ),
            (Some(5), Some(1), Some(3), Some(2))
        );
        assert_eq!(s.stale.as_ref().unwrap()[0].external_org_id, "9");
        let renamed = &s.renamed.as_ref().unwrap()[0];
        assert_eq!(
            (renamed.stored_name.as_str(), renamed.current_name.as_str()),
            ("Acme", "Acme Corp")
        );
        assert!(s.drifts(false));
        assert_eq!(coverage_bar(&s.coverage, 10), "██████░░░░  66%");
        for (mapped, orgs, pct) in [(29, 50, "58%"), (29, 100, "29%"), (57, 100, "57%")] {
            let c = Coverage {
                mapped_orgs: mapped,
                orgs,
                excluded: 0,
            };
            assert!(coverage_bar(&c, 10).ends_with(pct), "{mapped}/{orgs}");
        }
    }

    #[test]
    fn open_records_fail_only_the_stricter_check_and_unjudged_never_drifts() {
        let names: HashMap<String, String> = [("1", "Acme"), ("2", "A prospect")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let mut acme = mapping("acme", "halopsa", "1");
        acme.external_org_name = "Acme".into();
        let none = HashSet::new();
        let found = || Discovered {
            names: &names,
            ignored: &none,
            invalid: 0,
            at: "T",
        };
        let s = status(
            "halopsa",
            &[org("acme")],
            std::slice::from_ref(&acme),
            &Decisions::default(),
            Some(found()),
        );
        assert!(!s.drifts(false), "{s:?}");
        assert!(s.drifts(true), "an open record fails --check-records");
        assert_eq!(coverage_bar(&s.coverage, 4), "████ 100%");
        let mut unjudged = status(
            "halopsa",
            &[org("acme"), org("globex")],
            &[],
            &Decisions::default(),
            None,
        );
        unjudged.state = State::Unreachable;
        assert_eq!(unjudged.stale, None);
        assert_eq!(unjudged.orgs_without_mapping.len(), 2);
        assert!(!unjudged.drifts(true));
    }
}
