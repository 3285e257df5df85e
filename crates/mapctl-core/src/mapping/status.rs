//! Coverage and drift of one integration (contract §7, `mapctl status`):
//! computed from a discovery, the active mappings, the ignore list and the
//! MSP's orgs. Pure: no I/O, no printing.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::{Mapping, Org};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stale {
    pub(crate) mapping_id: String,
    pub(crate) org_id: String,
    pub(crate) external_org_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Renamed {
    pub(crate) mapping_id: String,
    pub(crate) external_org_id: String,
    pub(crate) stored_name: String,
    pub(crate) current_name: String,
}

/// The status object of contract §7.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Status {
    pub integration: String,
    /// External orgs the discovery lists.
    pub external_orgs: usize,
    /// Of those, mapped to at least one MSP org.
    pub mapped: usize,
    /// Of those, ignored and not mapped.
    pub ignored: usize,
    /// Of those, neither mapped nor ignored.
    pub unmapped: usize,
    /// Active MSP orgs without an active mapping in the integration.
    pub orgs_without_mapping: Vec<String>,
    /// Active mappings whose external org the discovery no longer lists.
    pub stale: Vec<Stale>,
    /// Active mappings whose stored name differs from the current one.
    pub renamed: Vec<Renamed>,
    pub discovered_at: String,
}

impl Status {
    /// Whether anything needs a person: unmapped, stale or renamed.
    pub fn drifts(&self) -> bool {
        self.unmapped > 0 || !self.stale.is_empty() || !self.renamed.is_empty()
    }
}

/// The status of `integration` from its discovery (id → current name), its
/// active mappings, the ignored external ids and the MSP's orgs.
pub fn status(
    integration: &str,
    discovered: &HashMap<String, String>,
    mappings: &[Mapping],
    ignored: &HashSet<String>,
    orgs: &[Org],
    discovered_at: &str,
) -> Status {
    let active: Vec<&Mapping> = mappings
        .iter()
        .filter(|m| m.is_active && m.integration_name == integration)
        .collect();
    let mapped_ids: HashSet<&str> = active.iter().map(|m| m.external_org_id.as_str()).collect();
    let mapped = discovered
        .keys()
        .filter(|id| mapped_ids.contains(id.as_str()))
        .count();
    let ignored_count = discovered
        .keys()
        .filter(|id| !mapped_ids.contains(id.as_str()) && ignored.contains(*id))
        .count();
    let with_mapping: HashSet<&str> = active.iter().map(|m| m.org_id.as_str()).collect();
    let mut orgs_without_mapping: Vec<String> = orgs
        .iter()
        .filter(|o| o.is_active && !with_mapping.contains(o.org_id.as_str()))
        .map(|o| o.org_id.to_string())
        .collect();
    orgs_without_mapping.sort();
    let mut stale = Vec::new();
    let mut renamed = Vec::new();
    for m in &active {
        match discovered.get(m.external_org_id.as_str()) {
            None => stale.push(Stale {
                mapping_id: m.mapping_id.to_string(),
                org_id: m.org_id.to_string(),
                external_org_id: m.external_org_id.to_string(),
            }),
            Some(current) => {
                if let Some(now) = super::rules::renamed(&m.external_org_name, Some(current)) {
                    renamed.push(Renamed {
                        mapping_id: m.mapping_id.to_string(),
                        external_org_id: m.external_org_id.to_string(),
                        stored_name: m.external_org_name.clone(),
                        current_name: now.to_owned(),
                    });
                }
            }
        }
    }
    Status {
        integration: integration.to_owned(),
        external_orgs: discovered.len(),
        mapped,
        ignored: ignored_count,
        unmapped: discovered.len() - mapped - ignored_count,
        orgs_without_mapping,
        stale,
        renamed,
        discovered_at: discovered_at.to_owned(),
    }
}

/// `██████░░░░  60%`: the share of external orgs mapped or ignored.
pub fn coverage_bar(s: &Status, width: usize) -> String {
    let done = s.mapped + s.ignored;
    let share = if s.external_orgs == 0 {
        1.0
    } else {
        done as f64 / s.external_orgs as f64
    };
    let filled = (share * width as f64).round() as usize;
    format!(
        "{}{} {:>3.0}%",
        "█".repeat(filled),
        "░".repeat(width - filled),
        share * 100.0
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::plan::{Stamp, created};

    const STAMP: Stamp = Stamp {
        now: "2026-01-01T00:00:00Z",
        actor: "jane",
    };

    fn org(id: &str) -> Org {
        Org {
            org_id: id.into(),
            name: id.into(),
            tenant_id: None,
            domains: Vec::new(),
            is_active: true,
            created_at: String::new(),
            updated_at: String::new(),
            created_by: String::new(),
        }
    }

    #[test]
    fn coverage_and_drift_are_counted_from_each_source() {
        let discovered: HashMap<String, String> = [
            ("1", "Acme Corp"),
            ("2", "Globex"),
            ("3", "Our MSP"),
            ("4", "Initech"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let mut gone = created(
            &"globex".into(),
            &"halopsa".into(),
            &"9".into(),
            Some("Gone Ltd"),
            None,
            STAMP,
        );
        gone.is_active = true;
        let mappings = vec![
            created(
                &"acme".into(),
                &"halopsa".into(),
                &"1".into(),
                Some("Acme"),
                None,
                STAMP,
            ),
            gone,
            created(
                &"acme".into(),
                &"ninjaone".into(),
                &"2".into(),
                Some("x"),
                None,
                STAMP,
            ),
        ];
        let ignored: HashSet<String> = ["3".to_owned()].into();
        let orgs = [org("acme"), org("globex"), org("initech")];
        let s = status("halopsa", &discovered, &mappings, &ignored, &orgs, "T");
        assert_eq!(
            (s.external_orgs, s.mapped, s.ignored, s.unmapped),
            (4, 1, 1, 2)
        );
        assert_eq!(s.orgs_without_mapping, ["initech"]);
        assert_eq!(s.stale[0].external_org_id, "9");
        assert_eq!(
            (
                s.renamed[0].stored_name.as_str(),
                s.renamed[0].current_name.as_str()
            ),
            ("Acme", "Acme Corp")
        );
        assert!(s.drifts());
        assert_eq!(coverage_bar(&s, 10), "█████░░░░░  50%");
    }

    #[test]
    fn nothing_unmapped_stale_or_renamed_is_no_drift() {
        let discovered: HashMap<String, String> = [("1".to_owned(), "Acme".to_owned())].into();
        let mappings = vec![created(
            &"acme".into(),
            &"halopsa".into(),
            &"1".into(),
            Some("Acme"),
            None,
            STAMP,
        )];
        let s = status(
            "halopsa",
            &discovered,
            &mappings,
            &HashSet::new(),
            &[org("acme")],
            "T",
        );
        assert!(!s.drifts(), "{s:?}");
        assert_eq!(coverage_bar(&s, 4), "████ 100%");
    }
}
