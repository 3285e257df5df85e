//! Orgs × integrations (contract §7, `status --matrix`, `orgs show`): for
//! each org and integration, its mapping, its mappings, none, or what
//! `suggest` proposes. Pure: mappings and proposals in, rows out.

use std::collections::HashMap;

use serde_json::{Value as Json, json};

use crate::model::{Mapping, Org};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Mapped {
        id: String,
        name: String,
    },
    Several(Vec<(String, String)>),
    Suggested {
        id: String,
        name: String,
        confidence: String,
    },
    None,
}

impl Cell {
    pub fn state(&self) -> &'static str {
        match self {
            Cell::Mapped { .. } => "mapped",
            Cell::Several(_) => "several",
            Cell::Suggested { .. } => "suggested",
            Cell::None => "none",
        }
    }

    fn to_json(&self) -> Json {
        match self {
            Cell::Mapped { id, name } => {
                json!({"state": "mapped", "external_org_id": id, "external_org_name": name})
            }
            Cell::Several(list) => json!({"state": "several",
                "external_org_ids": list.iter().map(|(i, _)| i).collect::<Vec<_>>(),
                "external_org_names": list.iter().map(|(_, n)| n).collect::<Vec<_>>()}),
            Cell::Suggested {
                id,
                name,
                confidence,
            } => json!({"state": "suggested", "external_org_id": id, "external_org_name": name,
                "confidence": confidence}),
            Cell::None => json!({"state": "none"}),
        }
    }

    /// A CSV cell: the external id(s), `?ID` for a proposal, empty for none.
    pub fn csv(&self) -> String {
        match self {
            Cell::Mapped { id, .. } => id.clone(),
            Cell::Several(list) => list
                .iter()
                .map(|(i, _)| i.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            Cell::Suggested { id, .. } => format!("?{id}"),
            Cell::None => String::new(),
        }
    }

    /// For people: the external name (or `✓` when narrow), `–`, `?`.
    pub fn human(&self, narrow: bool, width: usize) -> String {
        match self {
            Cell::Mapped { name, .. } if !narrow && !name.is_empty() => cut(name, width),
            Cell::Mapped { .. } => "✓".into(),
            Cell::Several(list) => format!("✓ ×{}", list.len()),
            Cell::Suggested { .. } => "?".into(),
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

/// The rows of `orgs` (active mappings only), one cell per integration.
pub fn matrix(
    orgs: &[Org],
    integrations: &[String],
    mappings: &[Mapping],
    proposals: &Proposals,
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
                        Some([m]) => Cell::Mapped {
                            id: m.external_org_id.to_string(),
                            name: m.external_org_name.clone(),
                        },
                        Some(several) if !several.is_empty() => Cell::Several(
                            several
                                .iter()
                                .map(|m| {
                                    (m.external_org_id.to_string(), m.external_org_name.clone())
                                })
                                .collect(),
                        ),
                        _ => match proposals.get(&(o.org_id.to_string(), i.clone())) {
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

/// Orgs mapped in column `i`, of all rows.
pub fn coverage(rows: &[Row], i: usize) -> usize {
    rows.iter()
        .filter(|r| matches!(r.cells[i], Cell::Mapped { .. } | Cell::Several(_)))
        .count()
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
        let rows = matrix(&orgs, &integrations, &mappings, &proposals);
        assert_eq!(rows[0].cells[0].state(), "mapped");
        assert_eq!(rows[0].cells[1].state(), "several");
        assert_eq!(
            rows[1].cells[0].state(),
            "none",
            "a soft-deleted mapping is none"
        );
        assert_eq!(rows[2].cells[0].state(), "suggested");
        assert_eq!(coverage(&rows, 0), 1);
        let json = rows[0].to_json(&integrations);
        assert_eq!(json["integrations"]["halopsa"]["external_org_id"], "1");
        assert_eq!(
            json["integrations"]["m365"]["external_org_ids"],
            serde_json::json!(["t1", "t2"])
        );
        assert_eq!(rows[2].cells[0].csv(), "?3");
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
}
