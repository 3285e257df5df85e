//! Two harder sets built from the same public data (issue #19):
//! - near-duplicate distractors: every fourth org with an answer gets a
//!   copy of its right record beside it, in turn misspelled ("Adyen NV" →
//!   "Ayden NV"), re-suffixed ("Adyen Inc") or another entity of nearly the
//!   same name ("Adyen Capital NV"); a copy is never a right answer;
//! - domains: orgs named by their ticker symbol ("GS", "7203"), so names
//!   disagree, with their official website's host as their domain; each
//!   external company holding a constituent's ISIN carries that website.

use std::collections::HashSet;
use std::path::Path;

use mapctl_core::matching::{Confidence, ExternalSide, OrgSide, Proposal, suggest};

use super::Counts;
use super::sets::{Set, holds, read};

/// How often an org with an answer gets a distractor: one in `EVERY`.
pub const EVERY: usize = 4;

pub const LEGAL_FORMS: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "ltd",
    "ltd.",
    "limited",
    "plc",
    "llc",
    "nv",
    "n.v.",
    "sa",
    "s.a.",
    "se",
    "ag",
    "ab",
    "asa",
    "oyj",
    "spa",
    "s.p.a.",
    "gmbh",
    "holdings",
    "group",
];

/// The right record's name with one typo in its longest word: two inner
/// letters swapped, or one dropped when they are alike.
fn misspelled(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let (at, longest) = words
        .iter()
        .enumerate()
        .max_by_key(|(i, w)| (w.chars().count(), usize::MAX - i))
        .unwrap();
    let mut letters: Vec<char> = longest.chars().collect();
    if letters.len() < 4 {
        return format!("{name}.");
    }
    if letters[1] != letters[2] {
        letters.swap(1, 2);
    } else {
        letters.remove(1);
    }
    let mut out = words.clone();
    let typo: String = letters.into_iter().collect();
    out[at] = &typo;
    out.join(" ")
}

pub fn legal_form_at_end(name: &str) -> Option<usize> {
    let last = name.rsplit(' ').next()?;
    (name.contains(' ') && LEGAL_FORMS.contains(&last.to_lowercase().as_str()))
        .then(|| name.len() - last.len() - 1)
}

/// The same name under another legal form.
fn re_suffixed(name: &str) -> String {
    match legal_form_at_end(name) {
        Some(end) if name[end..].trim().eq_ignore_ascii_case("inc") => {
            format!("{} LLC", &name[..end])
        }
        Some(end) => format!("{} Inc", &name[..end]),
        None => format!("{name} Ltd"),
    }
}

/// Another company: a word inserted before the legal form.
fn another_entity(name: &str, i: usize) -> String {
    let word = ["Capital", "Partners", "Systems"][i % 3];
    match legal_form_at_end(name) {
        Some(end) => format!("{} {word}{}", &name[..end], &name[end..]),
        None => format!("{name} {word}"),
    }
}

/// High-confidence precision and recall of `proposals`, over the orgs in
/// `of` (all when None) out of `answerable`.
fn score(
    set: &Set,
    externals: &[ExternalSide],
    proposals: &[Proposal],
    of: Option<&HashSet<usize>>,
) -> (Counts, Counts) {
    let (mut high, mut all) = (Counts::default(), Counts::default());
    for p in proposals {
        if of.is_some_and(|of| !of.contains(&p.org)) {
            continue;
        }
        let right = holds(&set.orgs[p.org].1, externals[p.external].id);
        all.proposed += 1;
        all.right += right as usize;
        if p.confidence == Confidence::High {
            high.proposed += 1;
            high.right += right as usize;
            if !right && of.is_none() && std::env::var_os("SUGGEST_MISSES").is_some() {
                println!(
                    "  wrong high: {:?} -> {:?} ({:.2} {})",
                    set.orgs[p.org].0,
                    externals[p.external].name,
                    p.score,
                    p.reason.as_str()
                );
            }
        }
    }
    (high, all)
}

fn answerable(set: &Set, i: usize) -> bool {
    set.externals
        .iter()
        .any(|(id, _)| holds(&set.orgs[i].1, id))
}

pub fn distractors(dir: &Path) {
    println!();
    println!(
        "near-duplicate distractors (one in {EVERY} orgs with an answer gets a misspelled, re-suffixed or nearly-same-named copy beside its right record)"
    );
    println!(
        "{:<7} {:>5} {:>11} | {:>11} {:>11} | {:>23} {:>23} | {:>10} {:>11}",
        "set",
        "orgs",
        "distractors",
        "high prec.",
        "high recall",
        "with a copy: high prec.",
        "copies taken at high",
        "peer prec.",
        "peer recall"
    );
    for name in ["europe", "us", "japan"] {
        let mut set = read(dir, name);
        let mut copied = HashSet::new();
        let mut copies = Vec::new();
        let mut nth = 0;
        for i in 0..set.orgs.len() {
            let Some((_, right_name)) = set
                .externals
                .iter()
                .find(|(id, _)| holds(&set.orgs[i].1, id))
            else {
                continue;
            };
            nth += 1;
            if nth % EVERY != 0 {
                continue;
            }
            let kind = nth / EVERY;
            let copy = match kind % 3 {
                0 => misspelled(right_name),
                1 => re_suffixed(right_name),
                _ => another_entity(right_name, kind / 3),
            };
            copied.insert(i);
            copies.push((format!("copy-{i}"), copy));
        }
        set.externals.extend(copies);
        let answerable = (0..set.orgs.len()).filter(|&i| answerable(&set, i)).count();
        let (orgs, externals) = set.sides_by_name();
        let proposals = suggest(&orgs, &externals);
        let (high, _) = score(&set, &externals, &proposals, None);
        let (copy_high, _) = score(&set, &externals, &proposals, Some(&copied));
        let taken = proposals
            .iter()
            .filter(|p| {
                p.confidence == Confidence::High && externals[p.external].id.starts_with("copy-")
            })
            .count();
        let peer = super::peer_counts(&set);
        println!(
            "{:<7} {:>5} {:>11} | {:>10.1}% {:>10.1}% | {:>22.1}% {:>23} | {:>9.1}% {:>10.1}%",
            set.name,
            set.orgs.len(),
            copied.len(),
            high.precision(),
            100.0 * high.right as f64 / answerable as f64,
            copy_high.precision(),
            taken,
            peer.precision(),
            100.0 * peer.right as f64 / answerable as f64,
        );
    }
}

pub fn domains(dir: &Path) {
    println!();
    println!(
        "domains (orgs named by their ticker symbol, with their website's host; the external companies holding their ISINs carry it)"
    );
    println!(
        "{:<7} {:>5} {:>8} {:>9} | {:>11} {:>11} | {:>21}",
        "set", "orgs", "answered", "externals", "high prec.", "high recall", "names only: recall"
    );
    for name in ["europe", "us", "japan"] {
        let full = read(dir, name);
        let kept: Vec<usize> = (0..full.orgs.len())
            .filter(|&i| !full.about[i].0.is_empty() && !full.about[i].1.is_empty())
            .collect();
        let set = Set {
            name: full.name,
            orgs: kept.iter().map(|&i| full.orgs[i].clone()).collect(),
            raw: kept.iter().map(|&i| full.raw[i].clone()).collect(),
            externals: full.externals.clone(),
            about: kept.iter().map(|&i| full.about[i].clone()).collect(),
        };
        let answerable = (0..set.orgs.len()).filter(|&i| answerable(&set, i)).count();
        let record_domains: Vec<Vec<&str>> = set
            .externals
            .iter()
            .map(|(id, _)| {
                let mut hosts: Vec<&str> = (0..set.orgs.len())
                    .filter(|&o| holds(&set.orgs[o].1, id))
                    .map(|o| set.about[o].0.as_str())
                    .collect();
                hosts.sort_unstable();
                hosts.dedup();
                hosts
            })
            .collect();
        let run = |with_domains: bool| {
            // SAFETY: one thread; the misses of the names-only run are noise.
            if !with_domains {
                unsafe { std::env::remove_var("SUGGEST_MISSES") };
            }
            let orgs: Vec<OrgSide> = set
                .about
                .iter()
                .map(|(host, symbol)| OrgSide {
                    name: symbol,
                    domains: if with_domains { vec![host] } else { vec![] },
                    ..OrgSide::default()
                })
                .collect();
            let externals: Vec<ExternalSide> = set
                .externals
                .iter()
                .zip(&record_domains)
                .map(|((id, n), d)| ExternalSide {
                    id,
                    name: n,
                    domains: if with_domains { d.clone() } else { vec![] },
                    ..ExternalSide::default()
                })
                .collect();
            let proposals = suggest(&orgs, &externals);
            score(&set, &externals, &proposals, None).0
        };
        let high = run(true);
        let names_only = run(false);
        println!(
            "{:<7} {:>5} {:>8} {:>9} | {:>10.1}% {:>10.1}% | {:>20.1}%",
            set.name,
            set.orgs.len(),
            answerable,
            set.externals.len(),
            high.precision(),
            100.0 * high.right as f64 / answerable as f64,
            100.0 * names_only.right as f64 / answerable as f64,
        );
    }
}
