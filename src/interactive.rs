//! The questions of the interactive flows, as functions of a [`Prompter`]
//! and plain data (no terminal, no store), so that every branch is tested
//! with scripted answers. Esc anywhere cancels: exit 2, nothing written.

use crate::ui::Prompter;
use mapctl_core::error::{Error, Result};
use mapctl_core::integrations::IntegrationInfo;
use mapctl_core::mapping::OnExisting;
use mapctl_core::model::{Mapping, Org};

pub fn cancelled() -> Error {
    Error::usage("cancelled: nothing was written")
}

fn picked<T: Clone>(choice: Option<usize>, items: &[T]) -> Result<T> {
    choice
        .and_then(|i| items.get(i).cloned())
        .ok_or_else(cancelled)
}

pub fn choose_org(p: &dyn Prompter, orgs: &[Org]) -> Result<Org> {
    if orgs.is_empty() {
        return Err(Error::not_found("there are no MSP orgs to map yet")
            .with_hint("add one with `mapctl orgs add --name NAME`"));
    }
    let items: Vec<String> = orgs
        .iter()
        .map(|o| format!("{}  ({})", o.name, o.org_id))
        .collect();
    picked(p.fuzzy_select("MSP org", &items)?, orgs)
}

/// The configured integrations first, then the others with what they lack
/// (`why`: None when it can be called).
pub fn choose_integration(
    p: &dyn Prompter,
    integrations: &[(IntegrationInfo, Option<String>)],
) -> Result<String> {
    let mut sorted: Vec<&(IntegrationInfo, Option<String>)> = integrations.iter().collect();
    sorted.sort_by_key(|(i, why)| (why.is_some(), i.name.clone()));
    let configured = sorted.iter().filter(|(_, why)| why.is_none()).count();
    let items: Vec<String> = sorted
        .iter()
        .map(|(i, why)| match why {
            None => format!("{:<16} {}", i.name, i.display_name),
            Some(why) => format!("{:<16} {}  (not ready: {why})", i.name, i.display_name),
        })
        .collect();
    let names: Vec<String> = sorted.iter().map(|(i, _)| i.name.clone()).collect();
    let prompt = format!(
        "Integration ({configured} configured of {}; type to filter, Esc cancels)",
        items.len()
    );
    picked(p.fuzzy_select(&prompt, &items)?, &names)
}

/// An external org as a picker shows it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    /// Names of the MSP orgs already mapped to it.
    pub mapped_to: Vec<String>,
}

/// `age` names how old a cached list is ("12 min"), shown in the prompt.
pub fn choose_external(
    p: &dyn Prompter,
    integration: &str,
    candidates: &[Candidate],
    age: Option<&str>,
) -> Result<Candidate> {
    if candidates.is_empty() {
        return Err(Error::not_found(format!("{integration} lists no organizations"))
            .with_hint(format!("check with `mapctl discover {integration} --refresh`, or pass --external-id ID --no-verify")));
    }
    let items: Vec<String> = candidates
        .iter()
        .map(|c| {
            let mapped = if c.mapped_to.is_empty() {
                String::new()
            } else {
                format!("  → mapped to {}", c.mapped_to.join(", "))
            };
            format!("{}  ({}){mapped}", c.name, c.id)
        })
        .collect();
    let prompt = match age {
        Some(age) => format!(
            "{integration} organization (list from {age} ago; --refresh on discover updates it)"
        ),
        None => format!("{integration} organization"),
    };
    picked(p.fuzzy_select(&prompt, &items)?, candidates)
}

/// An external id typed in, for an integration without discovery.
pub fn type_external_id(p: &dyn Prompter, integration: &str) -> Result<String> {
    p.input(&format!("{integration} external org id"))?
        .ok_or_else(cancelled)
}

/// The org already has active mappings for the integration: replace them, add another, or cancel.
pub fn resolve_existing(
    p: &dyn Prompter,
    org: &Org,
    integration: &str,
    existing: &[Mapping],
) -> Result<OnExisting> {
    let current: Vec<String> = existing
        .iter()
        .map(|m| {
            if m.external_org_name.is_empty() {
                m.external_org_id.to_string()
            } else {
                format!("{} ({})", m.external_org_name, m.external_org_id)
            }
        })
        .collect();
    let items = vec![
        format!("Replace (soft-delete {})", current.join(", ")),
        "Add another (keep both)".to_owned(),
        "Cancel".to_owned(),
    ];
    match p.select(
        &format!("{} is already mapped in {integration}", org.name),
        &items,
    )? {
        Some(0) => Ok(OnExisting::Replace),
        Some(1) => Ok(OnExisting::Add),
        _ => Err(cancelled()),
    }
}

/// The external org is mapped to other MSP orgs: share it? (default no).
pub fn confirm_shared(p: &dyn Prompter, external: &str, owners: &[String]) -> Result<()> {
    if p.confirm(
        &format!(
            "{external} is already mapped to {}. Map it to this org as well?",
            owners.join(", ")
        ),
        false,
    )? {
        Ok(())
    } else {
        Err(cancelled())
    }
}

/// One of several mappings (`get`, `unmap`).
pub fn choose_mapping(p: &dyn Prompter, mappings: &[Mapping]) -> Result<Mapping> {
    let items: Vec<String> = mappings
        .iter()
        .map(|m| {
            format!(
                "{}  ({})  {}",
                if m.external_org_name.is_empty() {
                    "-"
                } else {
                    &m.external_org_name
                },
                m.external_org_id,
                m.mapping_id
            )
        })
        .collect();
    picked(p.fuzzy_select("Mapping", &items)?, mappings)
}

/// The command that does the same without questions, for scripts.
pub fn equivalent_command(
    org: &Org,
    integration: &str,
    external_id: &str,
    on_existing: OnExisting,
    shared: bool,
) -> String {
    fn quote(s: &str) -> String {
        if !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.@/:".contains(c))
        {
            s.to_owned()
        } else {
            format!("'{}'", s.replace('\'', r"'\''"))
        }
    }
    let mut cmd = format!(
        "mapctl map {} {integration} --external-id {}",
        quote(&org.org_id),
        quote(external_id)
    );
    match on_existing {
        OnExisting::Replace => cmd.push_str(" --replace"),
        OnExisting::Add => cmd.push_str(" --add"),
        OnExisting::Refuse => {}
    }
    if shared {
        cmd.push_str(" --allow-shared");
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::prompt::{Answer, Scripted};
    use mapctl_core::error::ErrorKind;

    fn org(id: &str, name: &str) -> Org {
        Org {
            org_id: id.into(),
            name: name.into(),
            tenant_id: None,
            domains: Vec::new(),
            is_active: true,
            created_at: String::new(),
            updated_at: String::new(),
            created_by: String::new(),
        }
    }

    fn info(name: &str) -> IntegrationInfo {
        IntegrationInfo {
            category: None,
            broken: None,
            declaration: None,
            name: name.into(),
            display_name: name.to_uppercase(),
            aliases: vec![],
            discovery: true,
            configured: false,
            defined_in: "built-in".into(),
        }
    }

    fn mapping(ext: &str) -> Mapping {
        Mapping {
            mapping_id: format!("id-{ext}").into(),
            created_at: String::new(),
            created_by: String::new(),
            updated_at: String::new(),
            ..mapctl_core::test_support::mapping("acme", "halopsa", ext)
        }
    }

    #[test]
    fn orgs_are_picked_by_name_and_esc_cancels() {
        let orgs = vec![org("a", "Acme"), org("g", "Globex")];
        assert_eq!(
            choose_org(&Scripted::new(vec![Answer::Pick("Globex")]), &orgs)
                .unwrap()
                .org_id,
            "g"
        );
        let err = choose_org(&Scripted::new(vec![Answer::Cancel]), &orgs).unwrap_err();
        assert_eq!(
            (err.kind, err.message.as_str()),
            (ErrorKind::Usage, "cancelled: nothing was written")
        );
        assert_eq!(
            choose_org(&Scripted::new(vec![Answer::Interrupt]), &orgs)
                .unwrap_err()
                .kind,
            ErrorKind::Interrupted
        );
        assert_eq!(
            choose_org(&Scripted::new(vec![]), &[]).unwrap_err().kind,
            ErrorKind::NotFound
        );
    }

    #[test]
    fn configured_integrations_come_first() {
        let p = Scripted::new(vec![Answer::Pick("ninjaone")]);
        let list = vec![
            (info("halopsa"), Some("needs base_url".to_owned())),
            (info("ninjaone"), None),
        ];
        assert_eq!(choose_integration(&p, &list).unwrap(), "ninjaone");
        let p = Scripted::new(vec![Answer::Pick("")]);
        assert_eq!(
            choose_integration(&p, &list).unwrap(),
            "ninjaone",
            "the first item is the configured one"
        );
        let offered = p.offered.lock().unwrap();
        assert!(
            offered[0][1].ends_with("(not ready: needs base_url)"),
            "{:?}",
            offered[0]
        );
        let asked = p.asked.lock().unwrap();
        assert!(
            asked[0].starts_with("Integration (1 configured of 2"),
            "{asked:?}"
        );
    }

    #[test]
    fn external_orgs_show_who_they_are_mapped_to_and_the_list_age() {
        let candidates = vec![
            Candidate {
                id: "1".into(),
                name: "Acme HQ".into(),
                mapped_to: vec![],
            },
            Candidate {
                id: "2".into(),
                name: "Globex".into(),
                mapped_to: vec!["Globex Corp".into()],
            },
        ];
        let p = Scripted::new(vec![Answer::Pick("→ mapped to Globex Corp")]);
        assert_eq!(
            choose_external(&p, "halopsa", &candidates, Some("12 min"))
                .unwrap()
                .id,
            "2"
        );
        assert!(p.asked.lock().unwrap()[0].contains("12 min ago"));
        assert_eq!(
            choose_external(&Scripted::new(vec![]), "halopsa", &[], None)
                .unwrap_err()
                .kind,
            ErrorKind::NotFound
        );
        assert_eq!(
            type_external_id(&Scripted::new(vec![Answer::Text("42")]), "hudu").unwrap(),
            "42"
        );
        assert_eq!(
            type_external_id(&Scripted::new(vec![Answer::Cancel]), "hudu")
                .unwrap_err()
                .kind,
            ErrorKind::Usage
        );
    }

    #[test]
    fn an_existing_mapping_is_replaced_added_to_or_kept() {
        let acme = org("acme", "Acme");
        let existing = vec![mapping("1")];
        let ask = |a| resolve_existing(&Scripted::new(vec![a]), &acme, "halopsa", &existing);
        assert_eq!(ask(Answer::Pick("Replace")).unwrap(), OnExisting::Replace);
        assert_eq!(ask(Answer::Pick("Add another")).unwrap(), OnExisting::Add);
        assert_eq!(
            ask(Answer::Pick("Cancel")).unwrap_err().kind,
            ErrorKind::Usage
        );
        assert_eq!(ask(Answer::Cancel).unwrap_err().kind, ErrorKind::Usage);
    }

    #[test]
    fn sharing_needs_a_yes() {
        let owners = vec!["Globex".to_owned()];
        assert!(confirm_shared(&Scripted::new(vec![Answer::Yes]), "42", &owners).is_ok());
        assert_eq!(
            confirm_shared(&Scripted::new(vec![Answer::No]), "42", &owners)
                .unwrap_err()
                .kind,
            ErrorKind::Usage
        );
    }

    #[test]
    fn one_of_several_mappings_is_picked() {
        let ms = vec![mapping("1"), mapping("2")];
        assert_eq!(
            choose_mapping(&Scripted::new(vec![Answer::Pick("(2)")]), &ms)
                .unwrap()
                .external_org_id,
            "2"
        );
    }

    #[test]
    fn the_equivalent_command_can_be_pasted() {
        let acme = org("acme", "Acme");
        assert_eq!(
            equivalent_command(&acme, "halopsa", "42", OnExisting::Refuse, false),
            "mapctl map acme halopsa --external-id 42"
        );
        assert_eq!(
            equivalent_command(&org("o'b", "O"), "m365", "it's", OnExisting::Replace, true),
            r"mapctl map 'o'\''b' m365 --external-id 'it'\''s' --replace --allow-shared"
        );
    }
}
