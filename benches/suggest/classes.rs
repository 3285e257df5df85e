//! The failure classes of issue #26, each a set of its own built from the
//! same public data and labeled by identifiers (a copy's id is never a
//! right answer). One org in four with an answer gets, beside its right
//! record (or in its place, for the bracket):
//! - a typo in the right name's distinctive word (its rarest in the
//!   listing): "Halcyon Logistics Inc" → "Halcyn Logistics Inc";
//! - the distinctive word in the plural or singular: "Redwood Fabrics";
//! - its first two words run together: "DeutscheBank AG";
//! - its words in another order: "Bank Deutsche AG";
//! - another country's legal form, the org named with the right one's:
//!   org "Adyen NV", records "Adyen NV" and "Adyen AB";
//! - the right record renamed to a local name holding the known one in a
//!   bracket: "Kabushiki Kaisha Toshimo (Toyota Motor Corp)";
//! - shared social domains: every org carries a social host (lent by a
//!   record whose website is a Facebook page) beside its own website, the
//!   right record carries the website, and one record in seven a social
//!   host of its own.

use std::collections::HashMap;
use std::path::Path;

use mapctl_core::matching::{Confidence, ExternalSide, OrgSide, suggest};

use super::Counts;
use super::evidence::{EVERY, LEGAL_FORMS, legal_form_at_end};
use super::peer;
use super::sets::{Set, holds, read};

const SOCIAL: &[&str] = &[
    "facebook.com",
    "linkedin.com",
    "instagram.com",
    "linktr.ee",
    "yelp.com",
];

#[derive(Clone, Copy)]
enum Class {
    Typo,
    Plural,
    RunTogether,
    Reordered,
    LegalForm,
    Bracket,
    Social,
}

impl Class {
    const ALL: [Class; 7] = [
        Class::Typo,
        Class::Plural,
        Class::RunTogether,
        Class::Reordered,
        Class::LegalForm,
        Class::Bracket,
        Class::Social,
    ];

    fn label(self) -> &'static str {
        match self {
            Class::Typo => "typo in the distinctive word",
            Class::Plural => "plural / singular",
            Class::RunTogether => "words run together",
            Class::Reordered => "reordered words",
            Class::LegalForm => "cross-border legal forms",
            Class::Bracket => "bracketed alias",
            Class::Social => "shared social domains",
        }
    }
}

/// One class's version of a set.
struct Variant {
    /// (name, domains)
    orgs: Vec<(String, Vec<String>)>,
    /// (id, name, domains)
    externals: Vec<(String, String, Vec<String>)>,
    /// The orgs the class changed something for.
    touched: usize,
}

fn is_legal_form(word: &str) -> bool {
    LEGAL_FORMS.contains(&word.to_lowercase().as_str())
}

/// Position of the name's rarest word in the listing (ties: the longest),
/// legal forms left out.
fn distinctive(words: &[&str], frequency: &HashMap<String, usize>) -> Option<usize> {
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| !is_legal_form(w) && w.chars().all(char::is_alphanumeric))
        .min_by_key(|(_, w)| {
            (
                frequency.get(&w.to_lowercase()).copied().unwrap_or(0),
                usize::MAX - w.chars().count(),
            )
        })
        .map(|(i, _)| i)
}

fn typo(word: &str) -> String {
    let mut letters: Vec<char> = word.chars().collect();
    if letters.len() >= 4 && letters[1] != letters[2] {
        letters.swap(1, 2);
    } else if letters.len() >= 4 {
        letters.remove(1);
    } else {
        letters.push(*letters.last().unwrap());
    }
    letters.into_iter().collect()
}

fn plural_or_singular(word: &str) -> String {
    match word.strip_suffix(['s', 'S']) {
        Some(stem) if stem.chars().count() >= 3 => stem.to_owned(),
        _ if word.chars().all(|c| !c.is_lowercase()) => format!("{word}S"),
        _ => format!("{word}s"),
    }
}

/// The name with word `at` replaced.
fn with_word(words: &[&str], at: usize, word: &str) -> String {
    let mut out: Vec<&str> = words.to_vec();
    out[at] = word;
    out.join(" ")
}

/// The words before a legal form at the end, and the form ("" when none).
fn base_and_form(name: &str) -> (&str, &str) {
    match legal_form_at_end(name) {
        Some(end) => (&name[..end], name[end..].trim()),
        None => (name, ""),
    }
}

fn reordered(name: &str) -> Option<String> {
    let (base, form) = base_and_form(name);
    let mut words: Vec<&str> = base.split(' ').collect();
    if words.len() < 2 {
        return None;
    }
    words.rotate_left(1);
    Some(format!("{} {form}", words.join(" ")).trim_end().to_owned())
}

fn run_together(name: &str) -> Option<String> {
    let (base, form) = base_and_form(name);
    let words: Vec<&str> = base.split(' ').collect();
    if words.len() < 2
        || !words[..2]
            .iter()
            .all(|w| w.chars().all(char::is_alphabetic))
    {
        return None;
    }
    let joined = format!("{}{} {}", words[0], words[1], words[2..].join(" "));
    Some(
        format!("{} {form}", joined.trim_end())
            .trim_end()
            .to_owned(),
    )
}

/// Another country's form than `form`.
fn foreign_form(form: &str, n: usize) -> &'static str {
    let family = |f: &str| f.to_lowercase().replace('.', "");
    ["AB", "K.K.", "GmbH", "S.A.", "Inc"]
        .into_iter()
        .cycle()
        .skip(n % 5)
        .find(|f| family(f) != family(form))
        .unwrap()
}

/// A made-up local name, the same for the same id.
fn local_name(id: &str) -> String {
    const SYLLABLES: &[&str] = &["ka", "ki", "shi", "to", "mo", "ri", "na", "sa", "ya", "ha"];
    let mut h: u64 = 1469598103934665603;
    for b in id.bytes() {
        h = (h ^ b as u64).wrapping_mul(1099511628211);
    }
    let word: String = (0..3)
        .map(|i| SYLLABLES[((h >> (i * 8)) % SYLLABLES.len() as u64) as usize])
        .collect();
    let mut word = word.chars();
    let first = word.next().unwrap().to_uppercase().collect::<String>();
    format!("Kabushiki Kaisha {first}{}", word.as_str())
}

fn variant(set: &Set, class: Class) -> Variant {
    let mut frequency: HashMap<String, usize> = HashMap::new();
    for (_, name) in &set.externals {
        for w in name.split(' ') {
            *frequency.entry(w.to_lowercase()).or_default() += 1;
        }
    }
    let mut orgs: Vec<(String, Vec<String>)> = set
        .orgs
        .iter()
        .map(|(name, _)| (name.clone(), vec![]))
        .collect();
    let mut externals: Vec<(String, String, Vec<String>)> = set
        .externals
        .iter()
        .map(|(id, name)| (id.clone(), name.clone(), vec![]))
        .collect();
    let mut touched = 0;
    if let Class::Social = class {
        for (o, org) in orgs.iter_mut().enumerate() {
            let website = &set.about[o].0;
            if !website.is_empty() {
                org.1.push(website.clone());
                for e in externals.iter_mut().filter(|e| holds(&set.orgs[o].1, &e.0)) {
                    e.2.push(website.clone());
                }
            }
            org.1.push(SOCIAL[o % SOCIAL.len()].to_owned());
            touched += 1;
        }
        for (i, e) in externals.iter_mut().enumerate().filter(|(i, _)| i % 7 == 0) {
            e.2.push(SOCIAL[(i / 7) % SOCIAL.len()].to_owned());
        }
        return Variant {
            orgs,
            externals,
            touched,
        };
    }
    let mut nth = 0;
    for o in 0..set.orgs.len() {
        let Some(right) = externals.iter().position(|e| holds(&set.orgs[o].1, &e.0)) else {
            continue;
        };
        nth += 1;
        if nth % EVERY != 0 {
            continue;
        }
        let right_name = externals[right].1.clone();
        let words: Vec<&str> = right_name.split(' ').collect();
        let copy = match class {
            Class::Typo => {
                distinctive(&words, &frequency).map(|at| with_word(&words, at, &typo(words[at])))
            }
            Class::Plural => distinctive(&words, &frequency)
                .map(|at| with_word(&words, at, &plural_or_singular(words[at]))),
            Class::RunTogether => run_together(&right_name),
            Class::Reordered => reordered(&right_name),
            Class::LegalForm => {
                let (base, form) = base_and_form(&right_name);
                if form.is_empty() {
                    None
                } else {
                    orgs[o].0 = format!("{} {form}", set.orgs[o].0);
                    Some(format!("{base} {}", foreign_form(form, nth / EVERY)))
                }
            }
            Class::Bracket => {
                externals[right].1 = format!("{} ({right_name})", local_name(&externals[right].0));
                touched += 1;
                None
            }
            Class::Social => unreachable!(),
        };
        if let Some(copy) = copy.filter(|c| *c != right_name) {
            externals.push((format!("copy-{o}"), copy, vec![]));
            touched += 1;
        }
    }
    Variant {
        orgs,
        externals,
        touched,
    }
}

pub fn classes(dir: &Path) {
    println!();
    println!(
        "failure classes of issue #26 (one in {EVERY} orgs with an answer gets the class's copy of its right record; labels from ISINs, a copy is never right); the peer: names equal after case, punctuation and legal forms, ambiguous names skipped"
    );
    println!(
        "{:<29} {:<6} {:>7} | {:>10} {:>11} {:>6} | {:>10} {:>11} {:>6}",
        "class",
        "set",
        "changed",
        "high prec.",
        "high recall",
        "copies",
        "peer prec.",
        "peer recall",
        "copies"
    );
    let sets: Vec<Set> = ["europe", "us", "japan"]
        .into_iter()
        .map(|name| read(dir, name))
        .collect();
    for class in Class::ALL {
        for set in &sets {
            let v = variant(set, class);
            let orgs: Vec<OrgSide> = v
                .orgs
                .iter()
                .map(|(name, domains)| OrgSide {
                    name,
                    domains: domains.iter().map(String::as_str).collect(),
                    ..OrgSide::default()
                })
                .collect();
            let externals: Vec<ExternalSide> = v
                .externals
                .iter()
                .map(|(id, name, domains)| ExternalSide {
                    id,
                    name,
                    domains: domains.iter().map(String::as_str).collect(),
                    ..ExternalSide::default()
                })
                .collect();
            let answerable = (0..orgs.len())
                .filter(|&o| externals.iter().any(|e| holds(&set.orgs[o].1, e.id)))
                .count();
            let is_copy = |e: usize| externals[e].id.starts_with("copy-");
            let (mut ours, mut our_copies) = (Counts::default(), 0);
            for p in suggest(&orgs, &externals) {
                if p.confidence != Confidence::High {
                    continue;
                }
                let right = holds(&set.orgs[p.org].1, externals[p.external].id);
                ours.proposed += 1;
                ours.right += right as usize;
                our_copies += is_copy(p.external) as usize;
                if !right && std::env::var_os("SUGGEST_MISSES").is_some() {
                    println!(
                        "  wrong high: {:?} -> {:?} ({:.2} {})",
                        orgs[p.org].name,
                        externals[p.external].name,
                        p.score,
                        p.reason.as_str()
                    );
                }
            }
            let org_names: Vec<&str> = orgs.iter().map(|o| o.name).collect();
            let external_names: Vec<&str> = externals.iter().map(|e| e.name).collect();
            let (mut peers, mut peer_copies) = (Counts::default(), 0);
            for (o, e) in peer::proposals(&org_names, &external_names) {
                peers.proposed += 1;
                peers.right += holds(&set.orgs[o].1, externals[e].id) as usize;
                peer_copies += is_copy(e) as usize;
            }
            let recall = |c: &Counts| 100.0 * c.right as f64 / answerable.max(1) as f64;
            println!(
                "{:<29} {:<6} {:>7} | {:>9.1}% {:>10.1}% {:>6} | {:>9.1}% {:>10.1}% {:>6}",
                class.label(),
                set.name,
                v.touched,
                ours.precision(),
                recall(&ours),
                our_copies,
                peers.precision(),
                recall(&peers),
                peer_copies,
            );
        }
    }
}
