//! Where the core's errors cross into the command line: each [`Remedy`]
//! worded with the flags and commands a person types.

use mapctl_core::error::{Error, Remedy};

/// The hint of a remedy, in the command line's words.
pub fn for_remedy(remedy: &Remedy) -> String {
    match remedy {
        Remedy::ReplaceOrAdd => {
            "pass --replace to soft-delete the old mapping, or --add to keep both".into()
        }
        Remedy::ShareOrUnmap => {
            "pass --allow-shared to map it to this org as well, or unmap it there first".into()
        }
        Remedy::PickMapping => "pass --mapping-id ID to pick one".into(),
        Remedy::PickMappingOrAll => {
            "pass --external-id ID or --mapping-id ID to pick one, or --all".into()
        }
        Remedy::OtherOrgId => "choose another --id, or leave it out to get a new GUID".into(),
        Remedy::OtherOrgName => {
            "org names must be unique so that commands can name them; pick another --name".into()
        }
        Remedy::RenameImportedOrgs => "org names are unique (as with `mapctl orgs add`): rename the records, or give the existing org's id to update it".into(),
        Remedy::Unignore {
            integration,
            external_org_id,
        } => format!(
            "`mapctl unignore {integration} --external-id {external_org_id}` first if it is a customer after all"
        ),
        Remedy::CascadeOrUnmap => {
            "pass --cascade to soft-delete them with the org, or `mapctl unmap` them first".into()
        }
        Remedy::Include {
            org_id,
            integration,
        } => format!(
            "`mapctl include {org_id} {integration}` first if it uses {integration} after all"
        ),
        Remedy::UnmapBeforeExclude {
            org_id,
            integration,
        } => format!("`mapctl unmap {org_id} {integration}` first, then exclude it"),
        Remedy::UnignoreOrUnmapFirst => "an external org is mapped or ignored, not both: `mapctl unignore` the ones to map, `mapctl unmap` the ones to ignore, or change the file".into(),
        Remedy::RerunOrRepair { command } => format!(
            "run the same `mapctl {command}` again: it plans only what is still missing; `mapctl doctor --repair` also mends the indexes"
        ),
        Remedy::DeclareListing { integration } => format!(
            "give its declaration a [[list]] (`mapctl integrations show hudu` shows one), or map {integration} with --no-verify"
        ),
        Remedy::ConfigureAnIntegration => {
            "configure one under [integrations.NAME] (mapctl integrations shows them)".into()
        }
        Remedy::GiveExternalId => "pass the external org's id, e.g. --external-id 42".into(),
        Remedy::GiveMappingDataObject => {
            r#"pass a JSON object, e.g. --data '{"site":"main"}'"#.into()
        }
        Remedy::ListMappingsOf { org_id } => format!(
            "run `mapctl list --org {org_id} --all` to see its mappings, or `mapctl map` to create one"
        ),
        Remedy::ListOrAddOrgs => {
            "run `mapctl orgs list` to see the orgs, or `mapctl orgs add --name NAME` to add one"
                .into()
        }
        Remedy::MapWithoutVerify => "map with --external-id ID --no-verify".into(),
        Remedy::TestConnection { integration } => {
            format!("`mapctl test-connection {integration}` tries the credentials")
        }
        Remedy::CheckDeclaration => "`mapctl integrations check FILE` checks a file; `mapctl integrations show hudu` shows a working one".into(),
        Remedy::MoveDeclaration { file } => format!(
            "move the declaration to {file} (`mapctl integrations show hudu` shows the format) and keep only settings in the table"
        ),
        Remedy::RunDoctor => "run `mapctl doctor` to list malformed rows".into(),
        Remedy::OtherConfigFile => "or point --config (MAPCTL_CONFIG) at another file".into(),
        Remedy::Unmap {
            integration,
            external_org_id,
        } => format!(
            "`mapctl unmap ORG {integration} --external-id {external_org_id}` first if it is no customer"
        ),
    }
}

/// The error with its hint worded for the command line: a remedy's words
/// come after a plain hint the core already gave.
pub fn worded(mut e: Error) -> Error {
    if let Some(remedy) = e.remedy.take() {
        let words = for_remedy(&remedy);
        e.hint = Some(match e.hint.take() {
            Some(plain) => format!("{plain}; {words}"),
            None => words,
        });
    }
    e
}
