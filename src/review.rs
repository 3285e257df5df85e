//! The review of `mapctl suggest` at a terminal, safe by default: the
//! `high` proposals in a list a person can scroll and untick; the others
//! one by one, Skip first, each with why it is not `high`; then the orgs
//! nothing was proposed for, for a pick by hand. Stop or Ctrl-C keeps what
//! was decided (the command saves it as an apply file and writes nothing).
//! Decisions only: the command writes them through the `apply` engine.
//! Questions go through the `Prompter`, so the flow is tested with
//! scripted answers.

use std::collections::HashSet;

use crate::ui::prompt::Prompter;
use mapctl_core::error::{ErrorKind, Result};
use mapctl_core::mapping::suggest::{Open, Suggestion, Suggestions};
use mapctl_core::matching::Confidence;

/// How a review ended.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// Every question answered.
    #[default]
    Done,
    /// "Stop" (or Esc on the list of high ones).
    Stopped,
    /// Ctrl-C.
    Interrupted,
}

/// What the person decided.
#[derive(Debug, Default, PartialEq)]
pub struct Decisions {
    /// (suggestion, external org as a position in the open list) to map.
    pub map: Vec<(usize, usize)>,
    /// External orgs (positions in the open list) to ignore.
    pub ignore: Vec<usize>,
    /// Suggestions that are a wrong match: never proposed again.
    pub reject: Vec<usize>,
    /// (unmatched org, external org) picked by hand.
    pub picked: Vec<(usize, usize)>,
    pub ended: Ended,
}

impl Decisions {
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
            && self.ignore.is_empty()
            && self.reject.is_empty()
            && self.picked.is_empty()
    }
}

const SKIP: &str = "Skip";
const ACCEPT: &str = "Accept";
const PICK: &str = "Pick another…";
const WRONG: &str = "Wrong match (don't propose it again)";
const STOP: &str = "Stop reviewing (save the decisions to a file, write nothing)";

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

/// Why a proposal is not `high`, in words.
pub fn why(s: &Suggestion) -> Option<String> {
    s.why.as_ref().map(|w| w.words(s.reason))
}

/// The review of one integration's proposals.
pub fn review(p: &dyn Prompter, found: &Suggestions) -> Result<Decisions> {
    let mut d = Decisions::default();
    match run(p, found, &mut d) {
        Ok(()) => Ok(d),
        Err(e) if e.kind == ErrorKind::Interrupted => {
            d.ended = Ended::Interrupted;
            Ok(d)
        }
        Err(e) => Err(e),
    }
}

fn run(p: &dyn Prompter, found: &Suggestions, d: &mut Decisions) -> Result<()> {
    let list = &found.list;
    // External orgs already decided on: never offered twice.
    let mut taken: HashSet<usize> = HashSet::new();
    let (high, mut queue): (Vec<usize>, Vec<usize>) =
        (0..list.len()).partition(|&i| list[i].confidence == Confidence::High);
    if !high.is_empty() {
        let items: Vec<String> = high.iter().map(|&i| describe(&list[i])).collect();
        let question = format!(
            "{} high-confidence suggestion(s) for {}: Space unticks, Enter accepts the ticked ones",
            high.len(),
            found.integration
        );
        let Some(ticked) = p.multi_select(&question, &items, &vec![true; items.len()])? else {
            d.ended = Ended::Stopped;
            return Ok(());
        };
        for (n, &i) in high.iter().enumerate() {
            if ticked.contains(&n) {
                taken.insert(list[i].external);
                d.map.push((i, list[i].external));
            } else {
                // Unticked: reviewed one by one with the others.
                queue.insert(0, i);
            }
        }
        queue.sort_by_key(|&i| list[i].org_name.to_lowercase());
    }
    for (n, &i) in queue.iter().enumerate() {
        let s = &list[i];
        let free = !taken.contains(&s.external);
        let ignore = format!("Ignore {} (not a customer)", s.external_org_name);
        let mut options: Vec<String> = vec![SKIP.into()];
        if free {
            options.push(ACCEPT.into());
        }
        options.push(PICK.into());
        options.push(WRONG.into());
        if free {
            options.push(ignore.clone());
        }
        options.push(STOP.into());
        let mut question = format!("({}/{}) {}", n + 1, queue.len(), describe(s));
        if let Some(why) = why(s) {
            question.push_str(&format!("\n  not high: {why}"));
        }
        let Some(choice) = p.select(&question, &options)? else {
            continue; // Esc: skip this one
        };
        match options[choice].as_str() {
            SKIP => {}
            ACCEPT => {
                taken.insert(s.external);
                d.map.push((i, s.external));
            }
            PICK => {
                let first = &s.alternatives;
                let label = format!("{} organization for {}", s.integration, s.org_name);
                if let Some(e) = pick(p, &label, first, &found.open, &taken)? {
                    taken.insert(e);
                    d.map.push((i, e));
                }
            }
            WRONG => d.reject.push(i),
            STOP => {
                d.ended = Ended::Stopped;
                return Ok(());
            }
            _ => {
                taken.insert(s.external);
                d.ignore.push(s.external);
            }
        }
    }
    review_unmatched(p, found, &mut taken, d)
}

/// The orgs nothing was proposed for: skipped in one keystroke, or a pick
/// each, the picker opening with the org's likely records.
fn review_unmatched(
    p: &dyn Prompter,
    found: &Suggestions,
    taken: &mut HashSet<usize>,
    d: &mut Decisions,
) -> Result<()> {
    let unmatched = &found.unmatched;
    if unmatched.is_empty() || taken.len() >= found.open.len() {
        return Ok(());
    }
    let question = format!(
        "{} org(s) have no suggestion in {}: {}",
        unmatched.len(),
        found.integration,
        names(unmatched.iter().map(|u| u.org.name.as_str()))
    );
    let options = ["Skip them".to_owned(), "Pick a record for each".to_owned()];
    if p.select(&question, &options)? != Some(1) {
        return Ok(());
    }
    for (u, org) in unmatched.iter().enumerate() {
        let label = format!(
            "({}/{}) {} organization for {} (Esc skips)",
            u + 1,
            unmatched.len(),
            found.integration,
            org.org.name
        );
        match pick(p, &label, &org.candidates, &found.open, taken)? {
            Some(e) => {
                taken.insert(e);
                d.picked.push((u, e));
            }
            None => continue,
        }
    }
    Ok(())
}

fn names<'a>(list: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = list.collect();
    match all.len() {
        0..=5 => all.join(", "),
        n => format!("{}, … {} more", all[..5].join(", "), n - 5),
    }
}

/// The fuzzy picker over the open external orgs, `first` (the org's best
/// candidates) at the top; None when the person cancels.
fn pick(
    p: &dyn Prompter,
    label: &str,
    first: &[usize],
    open: &[Open],
    taken: &HashSet<usize>,
) -> Result<Option<usize>> {
    let first: Vec<usize> = first
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
    let prompt = format!(
        "{label}: type to filter, {} record(s), likely ones first",
        items.len()
    );
    Ok(p.fuzzy_select(&prompt, &items)?.map(|i| order[i]))
}

#[cfg(test)]
mod tests;
