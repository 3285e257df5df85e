//! The candidate index over the external names: which external orgs an MSP
//! org is compared with at all (they share a rare token, a near spelling of
//! one, a normalized or compact name, or an acronym), and the token weights
//! of the similarity: a token shared by many external names says little.

use std::collections::{HashMap, HashSet};

use super::normalize::Normalized;

/// Tokens shorter than this are never matched by spelling, only exactly.
const MIN_FUZZY_TOKEN: usize = 5;
/// Jaro-Winkler similarity from which two tokens count as one misspelled.
const FUZZY_TOKEN: f64 = 0.93;
/// What a misspelled token is worth against an exact one.
const FUZZY_TOKEN_CREDIT: f64 = 0.85;
/// At most this many candidates come from one token's postings: a token
/// carried by more names than that is too common to find a company by.
const MAX_POSTINGS: usize = 400;
/// Of a name's rarest token, at most this many names are compared: a name
/// made only of common words ("Group Holdings") finds no one by them.
const MAX_RAREST_POSTINGS: usize = 2000;

pub(super) struct Index {
    /// Normalized external names, by external position.
    pub(crate) names: Vec<Normalized>,
    /// Token → external positions holding it.
    postings: HashMap<String, Vec<u32>>,
    /// Trigram → tokens of the vocabulary with it (for misspellings).
    trigrams: HashMap<[char; 3], Vec<u32>>,
    vocabulary: Vec<String>,
    /// Normalized key → external positions.
    keys: HashMap<String, Vec<u32>>,
    /// Compact key → external positions.
    compacts: HashMap<String, Vec<u32>>,
    /// Initials of names of three or more tokens → external positions.
    initials: HashMap<String, Vec<u32>>,
    total: f64,
}

/// A token as an MSP name sees it: itself, or the vocabulary token it is a
/// misspelling of, with the credit that earns.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub(crate) token: String,
    pub(crate) credit: f64,
}

impl Index {
    pub(super) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let raw: Vec<&str> = names.into_iter().collect();
        let names: Vec<Normalized> = raw.iter().copied().map(Normalized::new).collect();
        let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
        let mut keys: HashMap<String, Vec<u32>> = HashMap::new();
        let mut compacts: HashMap<String, Vec<u32>> = HashMap::new();
        let mut initials: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            let i = i as u32;
            let mut seen = HashSet::new();
            for t in &n.tokens {
                if seen.insert(t.as_str()) {
                    postings.entry(t.clone()).or_default().push(i);
                }
            }
            keys.entry(n.key()).or_default().push(i);
            compacts.entry(n.compact()).or_default().push(i);
            if let Some(a) = acronym(&n.tokens) {
                initials.entry(a).or_default().push(i);
            }
            // A company name in a bracket is a second name of the record.
            if let Some(alias) = Normalized::bracket_alias(raw[i as usize]) {
                keys.entry(alias.key()).or_default().push(i);
                compacts.entry(alias.compact()).or_default().push(i);
                for t in &alias.tokens {
                    if seen.insert(t.as_str()) {
                        postings.entry(t.clone()).or_default().push(i);
                    }
                }
            }
        }
        let vocabulary: Vec<String> = postings
            .keys()
            .filter(|t| t.chars().count() >= MIN_FUZZY_TOKEN)
            .cloned()
            .collect();
        let mut trigrams: HashMap<[char; 3], Vec<u32>> = HashMap::new();
        for (v, t) in vocabulary.iter().enumerate() {
            for g in trigrams_of(t) {
                trigrams.entry(g).or_default().push(v as u32);
            }
        }
        let total = names.len() as f64;
        Index {
            names,
            postings,
            trigrams,
            vocabulary,
            keys,
            compacts,
            initials,
            total,
        }
    }

    /// How much sharing `token` says: log inverse document frequency over the
    /// external names, 1 for a token every name has.
    pub(crate) fn weight(&self, token: &str) -> f64 {
        let df = self.postings.get(token).map_or(0, Vec::len) as f64;
        ((self.total + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// The terms of an MSP name: each token, or for one the externals never
    /// use, the vocabulary token it most likely misspells.
    pub(crate) fn terms(&self, name: &Normalized) -> Vec<Term> {
        name.tokens
            .iter()
            .map(|t| {
                if self.postings.contains_key(t) {
                    return Term {
                        token: t.clone(),
                        credit: 1.0,
                    };
                }
                match self.nearest_spelling(t) {
                    Some(v) => Term {
                        token: v,
                        credit: FUZZY_TOKEN_CREDIT,
                    },
                    None => Term {
                        token: t.clone(),
                        credit: 1.0,
                    },
                }
            })
            .collect()
    }

    /// The vocabulary token closest to `token` by Jaro-Winkler, if close
    /// enough; found through shared trigrams, never by a scan.
    fn nearest_spelling(&self, token: &str) -> Option<String> {
        if token.chars().count() < MIN_FUZZY_TOKEN {
            return None;
        }
        let grams = trigrams_of(token);
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for g in &grams {
            if let Some(list) = self.trigrams.get(g) {
                for &v in list {
                    *shared.entry(v).or_default() += 1;
                }
            }
        }
        let needed = grams.len().div_ceil(3).max(1);
        shared
            .into_iter()
            .filter(|&(_, n)| n >= needed)
            .map(|(v, _)| {
                let candidate = &self.vocabulary[v as usize];
                (strsim::jaro_winkler(token, candidate), candidate)
            })
            .filter(|(s, _)| *s >= FUZZY_TOKEN)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, c)| c.clone())
    }

    /// External positions worth comparing with an MSP name.
    pub(crate) fn candidates(&self, name: &Normalized, terms: &[Term]) -> Vec<u32> {
        let mut out: HashSet<u32> = HashSet::new();
        for list in [
            self.keys.get(&name.key()),
            self.compacts.get(&name.compact()),
        ]
        .into_iter()
        .flatten()
        {
            out.extend(list);
        }
        // A one-word name may be the acronym of a longer one, and back.
        if let [only] = name.tokens.as_slice() {
            out.extend(self.initials.get(only).into_iter().flatten());
        }
        if let Some(a) = acronym(&name.tokens) {
            out.extend(self.keys.get(&a).into_iter().flatten());
        }
        let mut lists: Vec<&Vec<u32>> = terms
            .iter()
            .filter_map(|t| self.postings.get(&t.token))
            .collect();
        lists.sort_by_key(|l| l.len());
        for (i, list) in lists.iter().enumerate() {
            // The rarest token always finds names (a bounded number of them);
            // more common ones only while they stay few.
            if i == 0 {
                out.extend(list.iter().take(MAX_RAREST_POSTINGS));
            } else if list.len() <= MAX_POSTINGS {
                out.extend(list.iter());
            }
        }
        let mut out: Vec<u32> = out.into_iter().collect();
        out.sort_unstable();
        out
    }

    /// Weighted Dice similarity of an MSP name's terms with an external
    /// name: shared weight, twice, over the weight of both (0..=1).
    pub(crate) fn similarity(&self, terms: &[Term], external: u32) -> f64 {
        let other = &self.names[external as usize].tokens;
        let ours: f64 = terms.iter().map(|t| self.weight(&t.token)).sum();
        let theirs: f64 = other.iter().map(|t| self.weight(t)).sum();
        if ours + theirs == 0.0 {
            return 0.0;
        }
        let mut used = vec![false; other.len()];
        let mut shared = 0.0;
        for t in terms {
            if let Some(j) = other
                .iter()
                .enumerate()
                .position(|(j, o)| !used[j] && *o == t.token)
            {
                used[j] = true;
                shared += self.weight(&t.token) * t.credit;
            }
        }
        2.0 * shared / (ours + theirs)
    }

    /// Whether one name is the acronym of the other.
    pub(crate) fn is_acronym_pair(&self, name: &Normalized, external: u32) -> bool {
        let other = &self.names[external as usize];
        match (name.tokens.as_slice(), other.tokens.as_slice()) {
            ([a], _) if acronym(&other.tokens).as_deref() == Some(a) => true,
            (_, [b]) => acronym(&name.tokens).as_deref() == Some(b),
            _ => false,
        }
    }

    /// The one external name that starts with all of `name`'s tokens, if
    /// only one does: "Bayer" and "Bayer AG NA" (unless "Bayer Holding" is
    /// listed too). Not the other way round: "Daimler Truck" is not "Daimler".
    pub(crate) fn sole_prefix_match(&self, name: &Normalized) -> Option<u32> {
        let tokens = &name.tokens;
        let first = tokens.first()?;
        let mut found: Option<u32> = None;
        let mut several = false;
        let mut note = |e: u32| match found {
            Some(f) if f != e => several = true,
            _ => found = Some(e),
        };
        // External names that start with the org's tokens (or are them).
        for &e in self.postings.get(first).into_iter().flatten() {
            if self.names[e as usize].tokens.starts_with(tokens) {
                note(e);
            }
        }
        if several { None } else { found }
    }

    /// External positions whose normalized key (or compact key) is `name`'s.
    /// External names that may be near spellings of `name`: those sharing
    /// its rarest token (a copy keeps the token that tells companies apart).
    pub(crate) fn sharing_rarest(&self, name: &Normalized, limit: usize) -> Vec<u32> {
        name.tokens
            .iter()
            .filter_map(|t| self.postings.get(t))
            .min_by_key(|p| p.len())
            .map(|p| p.iter().take(limit).copied().collect())
            .unwrap_or_default()
    }

    /// External names holding a near spelling of `name`'s distinctive
    /// words (its two rarest): a copy may misspell exactly the word that
    /// tells companies apart ("Halcyn" for "Halcyon"), or pluralize it
    /// ("Fabrics"). Found through the trigram index, never by a scan.
    pub(crate) fn sharing_a_near_spelling(&self, name: &Normalized, limit: usize) -> Vec<u32> {
        let mut rarest: Vec<(&String, usize)> = name
            .tokens
            .iter()
            .map(|t| (t, self.postings.get(t).map_or(0, Vec::len)))
            .collect();
        rarest.sort_by_key(|(_, n)| *n);
        let mut out: Vec<u32> = Vec::new();
        for (token, _) in rarest.into_iter().take(2) {
            for v in self.near_tokens(token) {
                let Some(holders) = self.postings.get(&self.vocabulary[v as usize]) else {
                    continue;
                };
                for &e in holders.iter().take(limit) {
                    if out.len() >= limit {
                        return out;
                    }
                    if !out.contains(&e) {
                        out.push(e);
                    }
                }
            }
        }
        out
    }

    /// Vocabulary tokens one edit from `token` (two from a long one), other
    /// than itself: found through shared trigrams.
    fn near_tokens(&self, token: &str) -> Vec<u32> {
        let len = token.chars().count();
        // A number is not misspelled: another number is another name.
        if len < MIN_FUZZY_TOKEN || token.chars().any(|c| c.is_ascii_digit()) {
            return Vec::new();
        }
        let allowed = if len >= 10 { 2 } else { 1 };
        let grams = trigrams_of(token);
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for g in &grams {
            if let Some(list) = self.trigrams.get(g) {
                for &v in list {
                    *shared.entry(v).or_default() += 1;
                }
            }
        }
        let needed = grams.len().div_ceil(3).max(1);
        let mut out: Vec<u32> = shared
            .into_iter()
            .filter(|&(_, n)| n >= needed)
            .map(|(v, _)| v)
            .filter(|&v| {
                let candidate = &self.vocabulary[v as usize];
                candidate != token && strsim::levenshtein(token, candidate) <= allowed
            })
            .collect();
        out.sort_unstable();
        out
    }

    pub(crate) fn same_normalized(&self, name: &Normalized) -> impl Iterator<Item = u32> + '_ {
        let key = self.keys.get(&name.key()).into_iter().flatten();
        let compact = self.compacts.get(&name.compact()).into_iter().flatten();
        key.chain(compact).copied()
    }
}

/// Initials of a name of three or more words ("International Business
/// Machines" → `ibm`), skipping "and"/"of".
fn acronym(tokens: &[String]) -> Option<String> {
    let words: Vec<&String> = tokens
        .iter()
        .filter(|t| !matches!(t.as_str(), "and" | "of" | "the" | "for"))
        .collect();
    (words.len() >= 3).then(|| words.iter().filter_map(|w| w.chars().next()).collect())
}

fn trigrams_of(token: &str) -> Vec<[char; 3]> {
    let chars: Vec<char> = token.chars().collect();
    let mut out: Vec<[char; 3]> = chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rare_shared_token_weighs_more_than_a_common_one() {
        let names: Vec<String> = (0..20)
            .map(|i| format!("Company{i} Holdings"))
            .chain(["Wabtec Holdings".to_owned()])
            .collect();
        let index = Index::new(names.iter().map(String::as_str));
        assert!(index.weight("wabtec") > 2.0 * index.weight("holdings"));
        let name = Normalized::new("Wabtec");
        let wabtec = index.similarity(&index.terms(&name), 20);
        let name = Normalized::new("Delta Holdings");
        let holdings = index.similarity(&index.terms(&name), 1);
        assert!(wabtec > 0.7, "{wabtec}");
        assert!(holdings < 0.4, "{holdings}");
    }

    #[test]
    fn a_misspelled_token_finds_its_name_for_less_credit() {
        let index = Index::new(["Contoso Pharmaceuticals", "Fabrikam"]);
        let name = Normalized::new("Contoso Pharmaceutcals");
        let terms = index.terms(&name);
        assert_eq!(terms[1].token, "pharmaceuticals");
        assert!(index.candidates(&name, &terms).contains(&0));
        let s = index.similarity(&terms, 0);
        assert!(s > 0.8 && s < 1.0, "{s}");
    }

    #[test]
    fn candidates_come_from_shared_tokens_keys_and_acronyms_only() {
        let index = Index::new([
            "International Business Machines Corp",
            "Wal-Mart Stores",
            "Unrelated Name",
        ]);
        let ibm = Normalized::new("IBM");
        assert_eq!(index.candidates(&ibm, &index.terms(&ibm)), vec![0]);
        assert!(index.is_acronym_pair(&ibm, 0));
        let walmart = Normalized::new("Walmart Stores Inc");
        assert_eq!(index.candidates(&walmart, &index.terms(&walmart)), vec![1]);
        assert_eq!(index.same_normalized(&walmart).collect::<Vec<_>>(), vec![1]);
    }
}
