//! Orgs × integrations (contract §7, `status --matrix`, `orgs show`): for
//! each org and integration, its mapping, its mappings, none, or what
//! `suggest` proposes. Pure: mappings and proposals in, rows out.

use std::collections::HashMap;

use serde_json::{Value as Json, json};

use super::decisions::Decisions;
use crate::model::{Mapping, Org};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Mapped {
        id: String,
        name: String,
    },
    /// Mapped to a record the discovery no longer lists.
    Stale {
        id: String,
        name: String,
    },
    /// Mapped to a record the system has renamed since.
    Renamed {
        id: String,
        stored: String,
        current: String,
    },
    Several(Vec<(String, String)>),
    Suggested {
        id: String,
        name: String,
        confidence: String,
    },
    /// The org does not use the integration (`mapctl exclude`).
    Excluded,
    None,
}

impl Cell {
    pub fn state(&self) -> &'static str {
        match self {
            Cell::Mapped { .. } => "mapped",
            Cell::Stale { .. } => "stale",
            Cell::Renamed { .. } => "renamed",
            Cell::Several(_) => "several",
            Cell::Suggested { .. } => "suggested",
            Cell::Excluded => "excluded",
            Cell::None => "none",
        }
    }

    /// Whether the org has an active mapping there.
    pub fn is_mapped(&self) -> bool {
        matches!(
            self,
            Cell::Mapped { .. } | Cell::Stale { .. } | Cell::Renamed { .. } | Cell::Several(_)
        )
    }

    fn to_json(&self) -> Json {
        let state = self.state();
        match self {
            Cell::Mapped { id, name } | Cell::Stale { id, name } => {
                json!({"state": state, "external_org_id": id, "external_org_name": name})
            }
            Cell::Renamed {
                id,
                stored,
                current,
            } => json!({"state": state, "external_org_id": id, "external_org_name": stored,
                "current_name": current}),
            Cell::Several(list) => json!({"state": state,
                "external_org_ids": list.iter().map(|(i, _)| i).collect::<Vec<_>>(),
                "external_org_names": list.iter().map(|(_, n)| n).collect::<Vec<_>>()}),
            Cell::Suggested {
                id,
                name,
                confidence,
            } => json!({"state": state, "external_org_id": id, "external_org_name": name,
                "confidence": confidence}),
            Cell::Excluded | Cell::None => json!({"state": state}),
        }
    }

    /// A CSV cell: the external name(s) only, as the system calls it now
    /// (the state has a column of its own); a proposal's name, for a
    /// script that takes it.
    pub fn csv(&self) -> String {
        match self {
            Cell::Mapped { name, .. }
            | Cell::Stale { name, .. }
            | Cell::Suggested { name, .. }
            | Cell::Renamed { current: name, .. } => name.clone(),
            Cell::Several(list) => list
                .iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            Cell::Excluded | Cell::None => String::new(),
        }
    }

    /// A CSV state cell: the state, with a proposal's confidence
    /// (`suggested:high`).
    pub fn csv_state(&self) -> String {
        match self {
            Cell::Suggested { confidence, .. } => format!("suggested:{confidence}"),
            other => other.state().to_owned(),
        }
    }

    /// For people: the external name (or `✓` when narrow) with a mark for
    /// what is wrong (`✗` stale, `~` renamed), `? high` for a proposal,
    /// `n/a` excluded, `–` none.
    pub fn human(&self, narrow: bool, width: usize) -> String {
        let named = |mark: &str, name: &str| {
            if narrow || name.is_empty() {
                format!("{mark}✓").trim_start().to_owned()
            } else {
                cut(&format!("{mark}{name}"), width)
            }
        };
        match self {
            Cell::Mapped { name, .. } => named("", name),
            Cell::Stale { name, .. } if narrow || name.is_empty() => "✗ gone".into(),
            Cell::Stale { name, .. } => cut(&format!("✗ {name} (gone)"), width),
            Cell::Renamed { current, .. } => named("~ ", current),
            Cell::Several(list) => format!("✓ ×{}", list.len()),
            Cell::Suggested { confidence, .. } => format!("? {confidence}"),
            Cell::Excluded => "n/a".into(),
            Cell::None => "–".into(),
        }
    }
}

fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[derive(Debug, Clone)]
pub struct Row {
    pub org_id: String,
    pub org_name: String,
    /// One per integration, in the matrix's column order.
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn to_json(&self, integrations: &[String]) -> Json {
        let cells: serde_json::Map<String, Json> = integrations
            .iter()
            .zip(&self.cells)
            .map(|(i, c)| (i.clone(), c.to_json()))
            .collect();
        json!({"org_id": self.org_id, "org_name": self.org_name, "integrations": cells})
    }
}

/// A proposal for the matrix: (org id, integration) → (external id, name,
/// confidence).
pub(crate) type Proposals = HashMap<(String, String), (String, String, String)>;

/// What the matrix reads besides the orgs and mappings: proposals, the
/// decisions, and the current names of each integration with a discovery
/// (external id → name; an integration without one has no entry).
pub struct Context<'a> {
    pub proposals: &'a Proposals,
    pub decisions: &'a Decisions,
    pub current: &'a HashMap<String, HashMap<String, String>>,
}

/// The cell of one active mapping, judged against the current names.
fn mapped_cell(m: &Mapping, current: Option<&HashMap<String, String>>) -> Cell {
    let (id, name) = (m.external_org_id.to_string(), m.external_org_name.clone());
    let Some(current) = current else {
        return Cell::Mapped { id, name };
    };
    match current.get(id.as_str()) {
        None => Cell::Stale { id, name },
        Some(now) => match super::rules::renamed(&name, Some(now)) {
            Some(now) => Cell::Renamed {
                id,
                stored: name,
                current: now.to_owned(),
            },
            None => Cell::Mapped { id, name },
        },
    }
}

/// The rows of `orgs` (active mappings only), one cell per integration.
pub fn matrix(
    orgs: &[Org],
    integrations: &[String],
    mappings: &[Mapping],
    with: &Context<'_>,
) -> Vec<Row> {
    let mut held: HashMap<(&str, &str), Vec<&Mapping>> = HashMap::new();
    for m in mappings.iter().filter(|m| m.is_active) {
        held.entry((&m.org_id, &m.integration_name))
            .or_default()
            .push(m);
    }
    orgs.iter()
        .map(|o| Row {
            org_id: o.org_id.to_string(),
            org_name: o.name.clone(),
            cells: integrations
                .iter()
                .map(|i| {
                    match held
                        .get(&(o.org_id.as_str(), i.as_str()))
                        .map(Vec::as_slice)
                    {
                        Some([m]) => mapped_cell(m, with.current.get(i)),
                        Some(several) if !several.is_empty() => Cell::Several(
                            several
                                .iter()
                                .map(|m| {
                                    (m.external_org_id.to_string(), m.external_org_name.clone())
                                })
                                .collect(),
                        ),
                        _ if with.decisions.is_excluded(&o.org_id, i) => Cell::Excluded,
                        _ => match with.proposals.get(&(o.org_id.to_string(), i.clone())) {
                            Some((id, name, confidence)) => Cell::Suggested {
                                id: id.clone(),
                                name: name.clone(),
                                confidence: confidence.clone(),
                            },
                            None => Cell::None,
                        },
                    }
                })
                .collect(),
        })
        .collect()
}

/// Column `i`'s coverage: orgs mapped there, of the rows not excluded.
pub fn coverage(rows: &[Row], i: usize) -> (usize, usize) {
    let counted = rows
        .iter()
        .filter(|r| !matches!(r.cells[i], Cell::Excluded));
    let (mut mapped, mut of) = (0, 0);
    for r in counted {
        of += 1;
        if r.cells[i].is_mapped() {
            mapped += 1;
        }
    }
    (mapped, of)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: &str) -> Org {
        Org {
            org_id: id.into(),
            name: format!("Org {id}"),
            is_active: true,
            ..Default::default()
        }
    }

    use crate::test_support::mapping;

    #[test]
    fn every_org_has_a_cell_in_every_integration() {
        let orgs = [org("a"), org("b"), org("c")];
        let integrations = vec!["halopsa".to_owned(), "m365".to_owned()];
        let mappings = [
            mapping("a", "halopsa", "1"),
            mapping("a", "m365", "t1"),
            mapping("a", "m365", "t2"),
            Mapping {
                is_active: false,
                ..mapping("b", "halopsa", "2")
            },
        ];
        let mut proposals = Proposals::new();
        proposals.insert(
            ("c".into(), "halopsa".into()),
            ("3".into(), "Ext 3".into(), "high".into()),
        );
        let decisions = Decisions::default();
        let current = HashMap::new();
        let with = Context {
            proposals: &proposals,
            decisions: &decisions,
            current: &current,
        };
        let rows = matrix(&orgs, &integrations, &mappings, &with);
        assert_eq!(rows[0].cells[0].state(), "mapped");
        assert_eq!(rows[0].cells[1].state(), "several");
        assert_eq!(
            rows[1].cells[0].state(),
            "none",
            "a soft-deleted mapping is none"
        );
        assert_eq!(rows[2].cells[0].state(), "suggested");
        assert_eq!(coverage(&rows, 0), (1, 3));
        let json = rows[0].to_json(&integrations);
        assert_eq!(json["integrations"]["halopsa"]["external_org_id"], "1");
        assert_eq!(
            json["integrations"]["m365"]["external_org_ids"],
            serde_json::json!(["t1", "t2"])
        );
        assert_eq!(rows[2].cells[0].csv(), "Ext 3");
        assert_eq!(rows[2].cells[0].csv_state(), "suggested:high");
        assert_eq!(rows[2].cells[0].human(false, 20), "? high");
        assert_eq!(rows[0].cells[0].human(true, 10), "✓");
        assert_eq!(
            Cell::Mapped {
                id: "1".into(),
                name: "A very long name".into()
            }
            .human(false, 8),
            "A very …"
        );
    }

    #[test]
    fn stale_renamed_and_excluded_cells_say_so() {
        use crate::store::decisions::{Decision, DecisionKind};
        let orgs = [org("a"), org("b"), org("c")];
        let integrations = vec!["halopsa".to_owned()];
        let mut renamed = mapping("b", "halopsa", "2");
        renamed.external_org_name = "Beta".into();
        let mappings = [mapping("a", "halopsa", "1"), renamed];
        let decisions = Decisions::of(vec![Decision {
            kind: DecisionKind::Exclude,
            org_id: "c".into(),
            integration: "halopsa".into(),
            external_org_id: None,
            external_org_name: String::new(),
            reason: String::new(),
            created_at: String::new(),
            created_by: String::new(),
        }]);
        let current: HashMap<String, HashMap<String, String>> = [(
            "halopsa".to_owned(),
            [("2".to_owned(), "Beta Ltd".to_owned())].into(),
        )]
        .into();
        let proposals = Proposals::new();
        let with = Context {
            proposals: &proposals,
            decisions: &decisions,
            current: &current,
        };
        let rows = matrix(&orgs, &integrations, &mappings, &with);
        let states: Vec<&str> = rows.iter().map(|r| r.cells[0].state()).collect();
        assert_eq!(states, ["stale", "renamed", "excluded"]);
        assert_eq!(rows[0].cells[0].human(false, 30), "✗ Ext 1 (gone)");
        assert_eq!(rows[1].cells[0].human(false, 30), "~ Beta Ltd");
        assert_eq!(rows[1].cells[0].csv(), "Beta Ltd");
        assert_eq!(rows[2].cells[0].human(false, 30), "n/a");
        assert_eq!(coverage(&rows, 0), (2, 2), "excluded counts in no coverage");
        assert_eq!(
            rows[1].to_json(&integrations)["integrations"]["halopsa"]["current_name"],
            "Beta Ltd"
        );
    }
}
