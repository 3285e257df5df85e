//! Duplicates are not matches (contract §7): a name is no proof while
//! another open record is the same name, a near spelling of it, or a
//! descriptor word apart ("HSBC Inc" beside "HSBC Holdings PLC").

use super::Matcher;

/// Edits between two normalized names that still make them "a near
/// spelling" of each other (a duplicate record, not another company).
fn near_spelling(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Numbers are not misspelled: "Store 0001" and "Store 0002" are two.
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    if digits(a) != digits(b) {
        return false;
    }
    // Short names differ by one letter and are other companies ("Iris",
    // "Irix"); longer ones by a letter are a typo, by two a long one's.
    let shorter = a.chars().count().min(b.chars().count());
    let allowed = match shorter {
        0..8 => return false,
        8..16 => 1,
        _ => 2,
    };
    a.len().abs_diff(b.len()) <= allowed * 4 && strsim::levenshtein(a, b) <= allowed
}

/// Words that make another entity of a name ("HSBC" and "HSBC Holdings",
/// "Adyen" and "Adyen Services"): two records a word apart this way are
/// too alike for a name to choose between them.
const DESCRIPTORS: &[&str] = &[
    "holding",
    "holdings",
    "group",
    "international",
    "services",
    "service",
    "global",
    "worldwide",
];

/// Whether `a` and `b` (normalized keys) are one name, one with a
/// descriptor word more at its end.
fn one_descriptor_apart(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short)
        .and_then(|rest| rest.strip_prefix(' '))
        .is_some_and(|word| DESCRIPTORS.contains(&word))
}

/// How many records sharing a name's rarest token are compared with it.
const DUPLICATE_CANDIDATES: usize = 64;

impl Matcher<'_> {
    /// Another open record that is the same normalized name as record `e`,
    /// or a near spelling of it: then a name is no proof (contract §7,
    /// duplicates are not matches).
    pub(super) fn duplicate_of(&self, e: u32) -> Option<u32> {
        let name = &self.index.names[e as usize];
        let key = name.key();
        if key.is_empty() {
            return None;
        }
        // Those sharing its rarest word, its name, or a near spelling of a
        // distinctive word (wherever the typo is).
        self.index
            .sharing_rarest(name, DUPLICATE_CANDIDATES)
            .into_iter()
            .chain(self.index.same_normalized(name))
            .chain(
                self.index
                    .sharing_a_near_spelling(name, DUPLICATE_CANDIDATES),
            )
            .find(|&other| {
                let other_name = &self.index.names[other as usize];
                let other_key = other_name.key();
                other != e
                    && (near_spelling(&key, &other_key)
                        || one_descriptor_apart(&key, &other_key)
                        || near_spelling(&name.compact(), &other_name.compact())
                        || near_spelling(&self.exact[e as usize], &self.exact[other as usize]))
            })
    }
}
