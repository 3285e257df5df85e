//! Rules every writer and report shares, each written once: an external
//! org is mapped or ignored, never both; org names are unique among active
//! orgs (case-insensitively); and when a stored external name counts as
//! renamed. (The two rules of `map` against concurrent writers, one active
//! mapping per org and integration and one owner per external org, are
//! held by `contention.rs` for `map` and by `apply/held.rs` for proposals.)

use std::collections::{BTreeMap, HashSet};

use crate::model::Org;

/// An external org is mapped or ignored, never both: whether it may be
/// mapped (or stay mapped) while `ignored`. Every writer asks: `map`, an
/// apply file, a proposal; `doctor` reports a store where it fails.
pub(crate) fn may_map(ignored: bool) -> bool {
    !ignored
}

/// The other half of the same rule: whether an external org may be ignored
/// while it is `mapped` (an active mapping, stored or planned).
pub(crate) fn may_ignore(mapped: bool) -> bool {
    !mapped
}

/// An org is excluded from an integration or mapped there, never both:
/// whether it may be excluded while it has an active mapping there.
pub(crate) fn may_exclude(mapped: bool) -> bool {
    !mapped
}

/// The other half: whether an org may be mapped in an integration it is
/// `excluded` from (it may not: `include` it first).
pub(crate) fn may_map_org(excluded: bool) -> bool {
    !excluded
}

/// The groups of active orgs that would share a name, once `after` (every
/// org as it will be) is written, among those that involve an org in
/// `changed`. Each group sorted by id; the groups by name.
pub(crate) fn name_clashes<'a>(after: &[&'a Org], changed: &HashSet<&str>) -> Vec<Vec<&'a Org>> {
    let mut by_name: BTreeMap<String, Vec<&'a Org>> = BTreeMap::new();
    for o in after.iter().filter(|o| o.is_active) {
        by_name.entry(o.name.to_lowercase()).or_default().push(o);
    }
    by_name
        .into_values()
        .filter(|same| same.len() > 1 && same.iter().any(|o| changed.contains(o.org_id.as_str())))
        .map(|mut same| {
            same.sort_by(|a, b| a.org_id.cmp(&b.org_id));
            same
        })
        .collect()
}

/// The external system's current name when it renamed the external org:
/// a name it gives (not empty) that differs from the stored one. A name it
/// does not give leaves the stored one standing.
pub fn renamed<'a>(stored: &str, current: Option<&'a str>) -> Option<&'a str> {
    current.filter(|c| !c.is_empty() && *c != stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: &str, name: &str, active: bool) -> Org {
        Org {
            org_id: id.into(),
            name: name.into(),
            is_active: active,
            ..Org::default()
        }
    }

    #[test]
    fn names_clash_case_insensitively_among_active_orgs_only() {
        let (a, b, c, d) = (
            org("a", "Acme", true),
            org("b", "ACME", true),
            org("c", "acme", false),
            org("d", "Globex", true),
        );
        let after = [&a, &b, &c, &d];
        let clashes = name_clashes(&after, &HashSet::from(["b"]));
        assert_eq!(clashes.len(), 1);
        let ids: Vec<&str> = clashes[0].iter().map(|o| o.org_id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        // A clash no change is part of was there before: not this writer's.
        assert!(name_clashes(&after, &HashSet::from(["d"])).is_empty());
    }

    #[test]
    fn a_name_is_renamed_when_the_system_gives_another() {
        assert_eq!(renamed("Acme", Some("Acme Corp")), Some("Acme Corp"));
        assert_eq!(renamed("Acme", Some("Acme")), None);
        assert_eq!(renamed("Acme", Some("")), None);
        assert_eq!(renamed("Acme", None), None);
    }
}
