//! Below the status table: each customer without a mapping, each stale and
//! each renamed mapping by name, with the command that fixes it; what was
//! excluded; and why an integration could not be judged.

use crate::context::Context;
use crate::ui::printer::terminal_safe;
use mapctl_core::error::Result;
use mapctl_core::mapping::status::{State, Status};

/// Rows shown when no integration is named: about a screenful.
const SCREENFUL: usize = 15;

struct Problem {
    org: String,
    integration: String,
    what: String,
    fix: String,
}

/// Text a shell takes as one word without quotes.
fn plain(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// An org as a command line names it: its name when that needs no
/// quoting, else its id (quoted when it must be).
fn org_arg(id: &str, name: &str) -> String {
    if plain(name) {
        name.to_owned()
    } else {
        arg(id)
    }
}

/// A value as one shell word: as it is, or in single quotes (bash, zsh
/// and PowerShell read them alike; a quote inside is doubled for
/// PowerShell and closed-and-reopened for bash, so such values are left
/// to the id form above).
fn arg(value: &str) -> String {
    if plain(value) {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', "'\\''"))
    }
}

fn problems_of(s: &Status) -> Vec<Problem> {
    let i = &s.integration;
    let mut out: Vec<Problem> = s
        .orgs_without_mapping
        .iter()
        .map(|o| Problem {
            org: o.org_name.clone(),
            integration: i.clone(),
            what: "no mapping".into(),
            fix: format!(
                "mapctl suggest {i} --org {}",
                org_arg(&o.org_id, &o.org_name)
            ),
        })
        .collect();
    for m in s.stale.iter().flatten() {
        out.push(Problem {
            org: m.org_name.clone(),
            integration: i.clone(),
            what: format!("stale: {} is gone", m.external_org_id),
            fix: format!(
                "mapctl unmap {} {i} --external-id {}",
                org_arg(&m.org_id, &m.org_name),
                arg(&m.external_org_id)
            ),
        });
    }
    for m in s.renamed.iter().flatten() {
        out.push(Problem {
            org: m.org_name.clone(),
            integration: i.clone(),
            what: format!("renamed: {:?} → {:?}", m.stored_name, m.current_name),
            fix: format!("mapctl sync-names {i}"),
        });
    }
    out
}

/// Prints the problems of `report`; all of them `in_full`, else a
/// screenful and how to see the rest.
pub fn print(ctx: &Context, report: &[&Status], in_full: bool) -> Result<()> {
    let mut text = String::new();
    let judged: Vec<&&Status> = report.iter().filter(|s| s.state == State::Ok).collect();
    let all: Vec<Problem> = judged.iter().flat_map(|s| problems_of(s)).collect();
    if !all.is_empty() {
        let shown = if in_full {
            all.len()
        } else {
            all.len().min(SCREENFUL)
        };
        text.push_str(&format!("\nTo do ({}):\n", all.len()));
        let headers = ["ORG", "INTEGRATION", "PROBLEM", "FIX"].map(String::from);
        let rows: Vec<Vec<String>> = all[..shown]
            .iter()
            .map(|p| {
                vec![
                    p.org.clone(),
                    p.integration.clone(),
                    p.what.clone(),
                    p.fix.clone(),
                ]
            })
            .collect();
        text.push_str(&crate::ui::printer::render_grid(
            crate::ui::OutputFormat::Table,
            &[],
            &headers,
            &rows,
            ctx.ui.width(),
        )?);
        if shown < all.len() {
            let mut more: Vec<&str> = Vec::new();
            for p in &all[shown..] {
                if !more.contains(&p.integration.as_str()) {
                    more.push(&p.integration);
                }
            }
            let commands: Vec<String> = more.iter().map(|i| format!("mapctl status {i}")).collect();
            text.push_str(&format!(
                "… and {} more ({})\n",
                all.len() - shown,
                commands.join(", ")
            ));
        }
    }
    for s in report {
        if !s.excluded_orgs.is_empty() {
            let names: Vec<&str> = s
                .excluded_orgs
                .iter()
                .map(|o| o.org_name.as_str())
                .collect();
            text.push_str(&format!(
                "\nExcluded from {} ({}): {}\n",
                s.integration,
                names.len(),
                cut_list(&names, if in_full { usize::MAX } else { 8 })
            ));
        }
    }
    let unjudged: Vec<&&Status> = report.iter().filter(|s| s.state != State::Ok).collect();
    if !unjudged.is_empty() {
        text.push('\n');
        for s in unjudged {
            text.push_str(&format!(
                "{}: {}: {}\n",
                s.integration,
                s.state.as_str().replace('_', " "),
                s.error.as_deref().unwrap_or_default()
            ));
        }
    }
    ctx.ui.write_data(&terminal_safe(&text, true))
}

fn cut_list(names: &[&str], at: usize) -> String {
    if names.len() <= at {
        return names.join(", ");
    }
    format!("{}, … {} more", names[..at].join(", "), names.len() - at)
}
