//! The matrix of orgs × integrations on stdout (`status --matrix`, `orgs
//! show`): JSON and CSV for scripts, a table that fits a terminal for
//! people (the coverage of each integration in its header).

use crate::context::Context;
use mapctl_core::error::Result;
use mapctl_core::mapping::matrix::{Row, coverage};

/// Prints `rows` with one column per integration.
pub fn print(ctx: &Context, integrations: &[String], rows: &[Row]) -> Result<()> {
    let json: Vec<serde_json::Value> = rows.iter().map(|r| r.to_json(integrations)).collect();
    // A name column and a state column per integration: a script parses
    // both (`halopsa`, `halopsa_state`).
    let mut csv_headers = vec!["org_id".to_owned(), "org_name".to_owned()];
    for name in integrations {
        csv_headers.push(name.clone());
        csv_headers.push(format!("{name}_state"));
    }
    let csv_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut row = vec![r.org_id.clone(), r.org_name.clone()];
            for c in &r.cells {
                row.push(c.csv());
                row.push(c.csv_state());
            }
            row
        })
        .collect();
    ctx.ui
        .print_grid(&json, (&csv_headers, &csv_rows), |width| {
            let columns = integrations.len().max(1);
            // The org column whole; the integrations share what is left:
            // their names where they fit, else marks (✓, –, n/a).
            let org_header = format!("ORG ({})", rows.len());
            let org_width = rows
                .iter()
                .map(|r| console::measure_text_width(&r.org_name))
                .chain(std::iter::once(org_header.len()))
                .max()
                .unwrap_or(3);
            let room = match width {
                Some(w) => (w as usize).saturating_sub(org_width + 2) / columns,
                None => 26,
            }
            .saturating_sub(2);
            let narrow = room < 8;
            let cut = |text: String| {
                if width.is_some() && console::measure_text_width(&text) > room.max(4) {
                    console::truncate_str(&text, room.max(4), "…").into_owned()
                } else {
                    text
                }
            };
            let headers: Vec<String> = std::iter::once(org_header)
                .chain(integrations.iter().enumerate().map(|(i, name)| {
                    let (mapped, of) = coverage(rows, i);
                    // The count first when narrow: it is what a glance wants.
                    if narrow {
                        cut(format!("{mapped}/{of} {}", name.to_uppercase()))
                    } else {
                        cut(format!("{} {mapped}/{of}", name.to_uppercase()))
                    }
                }))
                .collect();
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    std::iter::once(r.org_name.clone())
                        .chain(r.cells.iter().map(|c| cut(c.human(narrow, room.max(4)))))
                        .collect()
                })
                .collect();
            (headers, table)
        })
}
