//! Names alike that still disagree (issue #26): the org's words in another
//! order while another candidate has them in order, or another legal form
//! while another candidate states the org's.

use super::{Caveat, MEDIUM, Matcher, Normalized, OrgSide};

/// What makes a name proposal short of `high` though the name is alike:
/// the record has the org's words in another order while another
/// candidate has them in order, or states another legal form while
/// another candidate states the org's.
pub(super) fn names_disagree(
    matcher: &Matcher,
    org: &OrgSide,
    external: u32,
    others: impl FnOnce() -> Vec<(u32, f64)>,
) -> Option<Caveat> {
    let org = Normalized::new(org.name);
    let ext = &matcher.index.names[external as usize];
    let is_reordered = reordered(&org, ext);
    let forms = forms_disagree(&org, ext);
    if !is_reordered && !forms {
        return None;
    }
    let others = others();
    // In order: the org's name spelled nearly as it is.
    let org_key = org.key();
    if is_reordered
        && let Some(&(o, _)) = others.iter().find(|(o, _)| {
            let key = matcher.index.names[*o as usize].key();
            strsim::levenshtein(&key, &org_key) <= 2
        })
    {
        return Some(Caveat::Reordered {
            external: o as usize,
        });
    }
    if forms
        && let Some(&(o, _)) = others.iter().find(|(o, s)| {
            *s >= MEDIUM
                && matcher.index.names[*o as usize]
                    .forms
                    .iter()
                    .any(|f| org.forms.contains(f))
        })
    {
        return Some(Caveat::LegalForm {
            external: o as usize,
        });
    }
    None
}

/// The same words as the org's, in another order ("Systems Pacific Data"
/// for "Pacific Data Systems").
fn reordered(org: &Normalized, ext: &Normalized) -> bool {
    if org.tokens.len() < 2 || org.tokens == ext.tokens {
        return false;
    }
    let (mut a, mut b) = (org.tokens.clone(), ext.tokens.clone());
    a.sort();
    b.sort();
    a == b
}

/// Both names state a legal form, and none agrees.
fn forms_disagree(org: &Normalized, ext: &Normalized) -> bool {
    !org.forms.is_empty()
        && !ext.forms.is_empty()
        && !ext.forms.iter().any(|f| org.forms.contains(f))
}
