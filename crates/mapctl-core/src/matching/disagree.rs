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

/// Letters up to which a word is acronym-short: "SEB", "ICG", "ENR".
const SHORT_WORD: usize = 4;

/// A name alike only by spelling, whose words in common with the org's are
/// all acronym-short ("SEB Group" and "SEB SA", "ICG plc" and "ICG
/// Enterprise Trust PLC"): three letters name many companies, so the
/// spelling is no proof. The same name ("SAP" and "SAP SE") is.
pub(super) fn only_short_words_shared(matcher: &Matcher, org: &OrgSide, external: u32) -> bool {
    let org = Normalized::new(org.name);
    let ext = &matcher.index.names[external as usize];
    let mut shared = org
        .tokens
        .iter()
        .filter(|t| ext.tokens.contains(t))
        .peekable();
    shared.peek().is_some() && shared.all(|t| t.chars().count() <= SHORT_WORD)
}

/// A spelling-alike record that is the org's name and two words more
/// ("Six Flags" and "Six Flags Entertainment New", "ICG" and "ICG
/// Enterprise Trust"): a name that long another entity's as often as the
/// org's.
pub(super) fn two_words_more(matcher: &Matcher, org: &OrgSide, external: u32) -> bool {
    let org = Normalized::new(org.name);
    let ext = &matcher.index.names[external as usize];
    !org.tokens.is_empty()
        && ext.tokens.len() >= org.tokens.len() + 2
        && ext.tokens.starts_with(&org.tokens)
}

/// A name dated by a bracket at its end ("Metso (2020–present)", "Acme
/// (2019)"): it is told apart from another of the same name by time, so
/// the name alone does not say which the record is.
pub(super) fn dated(org: &OrgSide) -> bool {
    let name = org.name.trim_end();
    let Some(open) = name.rfind(['(', '[']) else {
        return false;
    };
    if !name.ends_with([')', ']']) {
        return false;
    }
    name[open..]
        .split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4 && matches!(n.parse::<u16>(), Ok(1900..=2099)))
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
