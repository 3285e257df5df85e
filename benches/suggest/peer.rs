//! A peer-style matcher, printed beside mapctl (issue #26): what the simple
//! tools do. Two names match when they are equal after case, punctuation
//! and a legal form at the end; a name that several records (or several
//! orgs) have is skipped rather than guessed.

use std::collections::HashMap;

/// Legal forms as the simple tools list them (after punctuation is gone:
/// "S.A." is "s a", so both spellings are here).
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "lp",
    "llp",
    "plc",
    "nv",
    "n v",
    "sa",
    "s a",
    "se",
    "ag",
    "ab",
    "asa",
    "as",
    "oyj",
    "oy",
    "spa",
    "s p a",
    "gmbh",
    "kgaa",
    "bv",
    "srl",
    "sarl",
    "sas",
    "kk",
    "k k",
    "pty",
    "bhd",
    "tbk",
];

/// Lower case, punctuation as spaces, legal forms cut from the end.
pub fn key(name: &str) -> String {
    let folded: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    loop {
        let before = words.len();
        for form in LEGAL_FORMS {
            let n = form.split(' ').count();
            if words.len() > n && words[words.len() - n..].join(" ") == *form {
                words.truncate(words.len() - n);
                break;
            }
        }
        if words.len() == before {
            return words.join(" ");
        }
    }
}

/// (org, external) pairs: the one record whose key is the org's, when no
/// other org has that key either.
pub fn proposals(orgs: &[&str], externals: &[&str]) -> Vec<(usize, usize)> {
    let mut records: HashMap<String, Vec<usize>> = HashMap::new();
    for (e, name) in externals.iter().enumerate() {
        records.entry(key(name)).or_default().push(e);
    }
    let mut orgs_with: HashMap<String, usize> = HashMap::new();
    let keys: Vec<String> = orgs.iter().map(|n| key(n)).collect();
    for k in &keys {
        *orgs_with.entry(k.clone()).or_default() += 1;
    }
    keys.iter()
        .enumerate()
        .filter(|(_, k)| !k.is_empty() && orgs_with[*k] == 1)
        .filter_map(|(o, k)| match records.get(k).map(Vec::as_slice) {
            Some([e]) => Some((o, *e)),
            _ => None,
        })
        .collect()
}
