//! The review of `mapctl suggest` at a terminal: the `high` proposals
//! accepted with one key, then the others one by one (accept, skip, pick
//! another with the fuzzy picker, ignore). Decisions only: the command
//! writes them through the `apply` engine. Questions go through the
//! `Prompter`, so the flow is tested with scripted answers.

use std::collections::HashSet;

use crate::ui::prompt::Prompter;
use mapctl_core::error::Result;
use mapctl_core::mapping::suggest::{Open, Suggestion};
use mapctl_core::matching::Confidence;

/// What the person decided.
#[derive(Debug, Default, PartialEq)]
pub struct Decisions {
    /// (suggestion, external org as a position in the open list) to map.
    pub map: Vec<(usize, usize)>,
    /// External orgs (positions in the open list) to ignore.
    pub ignore: Vec<usize>,
}

const ACCEPT: &str = "Accept";
const SKIP: &str = "Skip";
const PICK: &str = "Pick another…";
const STOP: &str = "Stop reviewing (keep what was decided)";

/// One line of a proposal: who, what, how sure and why.
pub fn describe(s: &Suggestion) -> String {
    format!(
        "{} → {} ({}) [{}, {} {:.2}]",
        s.org_name,
        s.external_org_name,
        s.external_org_id,
        s.confidence.as_str(),
        s.reason.as_str(),
        s.score
    )
}

pub fn review(p: &dyn Prompter, list: &[Suggestion], open: &[Open]) -> Result<Decisions> {
    let mut decisions = Decisions::default();
    // External orgs already decided on: never offered twice.
    let mut taken: HashSet<usize> = HashSet::new();
    let (high, others): (Vec<usize>, Vec<usize>) =
        (0..list.len()).partition(|&i| list[i].confidence == Confidence::High);
    let mut queue = others;
    if !high.is_empty() {
        let question = format!(
            "Accept the {} high-confidence suggestion(s) listed above?",
            high.len()
        );
        if p.confirm(&question, true)? {
            for &i in &high {
                taken.insert(list[i].external);
                decisions.map.push((i, list[i].external));
            }
        } else {
            queue = high.into_iter().chain(queue).collect();
        }
    }
    for (n, &i) in queue.iter().enumerate() {
        let s = &list[i];
        let free = !taken.contains(&s.external);
        let ignore = format!("Ignore {} (not a customer)", s.external_org_name);
        let mut options: Vec<String> = Vec::new();
        if free {
            options.push(ACCEPT.into());
        }
        options.extend([SKIP.into(), PICK.into()]);
        if free {
            options.push(ignore.clone());
        }
        options.push(STOP.into());
        let question = format!("({}/{}) {}", n + 1, queue.len(), describe(s));
        let Some(choice) = p.select(&question, &options)? else {
            break;
        };
        match options[choice].as_str() {
            ACCEPT => {
                taken.insert(s.external);
                decisions.map.push((i, s.external));
            }
            SKIP => {}
            PICK => {
                if let Some(e) = pick_another(p, s, open, &taken)? {
                    taken.insert(e);
                    decisions.map.push((i, e));
                }
            }
            STOP => break,
            _ => {
                taken.insert(s.external);
                decisions.ignore.push(s.external);
            }
        }
    }
    Ok(decisions)
}

/// The fuzzy picker over the open external orgs, the org's best candidates
/// first; None when the person cancels.
fn pick_another(
    p: &dyn Prompter,
    s: &Suggestion,
    open: &[Open],
    taken: &HashSet<usize>,
) -> Result<Option<usize>> {
    let first: Vec<usize> = s
        .alternatives
        .iter()
        .copied()
        .filter(|e| !taken.contains(e))
        .collect();
    let order: Vec<usize> = first
        .iter()
        .copied()
        .chain((0..open.len()).filter(|e| !taken.contains(e) && !first.contains(e)))
        .collect();
    let items: Vec<String> = order
        .iter()
        .map(|&e| format!("{}  ({})", open[e].name, open[e].id))
        .collect();
    let prompt = format!("{} organization for {}", s.integration, s.org_name);
    Ok(p.fuzzy_select(&prompt, &items)?.map(|i| order[i]))
}

#[cfg(test)]
mod tests;
