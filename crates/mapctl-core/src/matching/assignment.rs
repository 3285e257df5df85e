//! One external org to at most one MSP org, and one per MSP org.
//!
//! The pairs are scored the same from both sides, so the stable matching
//! (no org and external org that both prefer each other to what they got)
//! is found by taking pairs best first while both ends are free. Unlike a
//! loop over the orgs in their order, the result does not depend on the
//! order of the input: ties are broken by position, the same each run.

use std::collections::HashSet;

/// Positions in `pairs` of the stable assignment; `key` gives a pair's
/// (org, external, score).
pub(crate) fn stable<P>(pairs: &[P], key: impl Fn(&P) -> (u32, u32, f64)) -> Vec<usize> {
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by(|&a, &b| {
        let (ao, ae, as_) = key(&pairs[a]);
        let (bo, be, bs) = key(&pairs[b]);
        bs.total_cmp(&as_).then(ao.cmp(&bo)).then(ae.cmp(&be))
    });
    let (mut orgs, mut externals) = (HashSet::new(), HashSet::new());
    let mut out = Vec::new();
    for i in order {
        let (o, e, _) = key(&pairs[i]);
        if !orgs.contains(&o) && !externals.contains(&e) {
            orgs.insert(o);
            externals.insert(e);
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_external_org_goes_to_the_org_it_fits_best_whatever_the_order() {
        // Org 0 likes external 0 a little; org 1 likes it a lot and has no
        // other. A loop over orgs in order would give external 0 to org 0.
        let pairs = [(0, 0, 0.7), (0, 1, 0.65), (1, 0, 0.9)];
        let mut got: Vec<_> = stable(&pairs, |p| *p)
            .into_iter()
            .map(|i| pairs[i])
            .collect();
        got.sort_by_key(|p| p.0);
        assert_eq!(got, vec![(0, 1, 0.65), (1, 0, 0.9)]);
        let reversed: Vec<_> = pairs.iter().rev().copied().collect();
        let mut again: Vec<_> = stable(&reversed, |p| *p)
            .into_iter()
            .map(|i| reversed[i])
            .collect();
        again.sort_by_key(|p| p.0);
        assert_eq!(again, got);
    }

    #[test]
    fn each_side_is_used_once() {
        let pairs = [(0, 0, 1.0), (1, 0, 1.0), (0, 1, 1.0)];
        let got: Vec<_> = stable(&pairs, |p| *p)
            .into_iter()
            .map(|i| pairs[i])
            .collect();
        assert_eq!(got, vec![(0, 0, 1.0)]);
    }
}
