//! The evidence of the external records, indexed by value: tenant ids,
//! links, exact names and the domains that identify one organization.

use std::collections::HashMap;

use super::{ExternalSide, Normalized};

/// Identity and link evidence of the external records, by value.
pub(super) struct Evidence<'a> {
    pub(super) by_tenant: HashMap<String, Vec<u32>>,
    pub(super) by_link: HashMap<(&'a str, &'a str), Vec<u32>>,
    pub(super) by_exact: HashMap<String, Vec<u32>>,
    /// Domains that are evidence (never public ones) → records.
    pub(super) by_domain: HashMap<&'a str, Vec<u32>>,
}

impl<'a> Evidence<'a> {
    pub(super) fn new(externals: &[ExternalSide<'a>]) -> Self {
        let mut by_tenant: HashMap<String, Vec<u32>> = HashMap::new();
        let mut by_link: HashMap<(&str, &str), Vec<u32>> = HashMap::new();
        let mut by_exact: HashMap<String, Vec<u32>> = HashMap::new();
        let mut by_domain: HashMap<&str, Vec<u32>> = HashMap::new();
        for (i, e) in externals.iter().enumerate() {
            for &d in &e.domains {
                if !crate::domains::is_public(d) {
                    let list = by_domain.entry(d).or_default();
                    if list.last() != Some(&(i as u32)) {
                        list.push(i as u32);
                    }
                }
            }
            let i = i as u32;
            // A tenant id as the external id (Microsoft 365) or carried.
            for t in [Some(e.id), e.tenant_id].into_iter().flatten() {
                let list = by_tenant.entry(t.to_lowercase()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            for &l in &e.links {
                by_link.entry(l).or_default().push(i);
            }
            by_exact.entry(exact_key(e.name)).or_default().push(i);
        }
        // A domain on records of unrelated names (a PSA's records whose
        // website is one social page, one builder's host) identifies none.
        by_domain.retain(|_, records| {
            let [first, rest @ ..] = records.as_slice() else {
                return false;
            };
            let first = Normalized::new(externals[*first as usize].name);
            rest.iter()
                .all(|e| shares_a_word(&first, &Normalized::new(externals[*e as usize].name)))
        });
        Evidence {
            by_tenant,
            by_link,
            by_exact,
            by_domain,
        }
    }
}

/// Whether two names have a word in common (legal forms aside).
pub(crate) fn shares_a_word(a: &Normalized, b: &Normalized) -> bool {
    a.tokens.iter().any(|t| b.tokens.contains(t))
        || (!a.key().is_empty() && a.compact() == b.compact())
}

/// The exact name up to case and surrounding or repeated spaces.
pub(super) fn exact_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
