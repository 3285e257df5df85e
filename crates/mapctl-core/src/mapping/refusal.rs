//! The repository's typed refusals: which rule refused a command, with the
//! facts the command layer words (with its flags) for people.

use crate::error::{Error, ErrorKind, Remedy};
use crate::store::StoreError;

/// Why the repository refuses a command: a rule of contract §4. The command layer words it,
/// with the flags that waive the rule.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refusal {
    /// The org has another active mapping for the integration.
    #[error("{org} is already mapped in {integration} to {}", others.join("; "))]
    AlreadyMapped {
        org: String,
        integration: String,
        others: Vec<String>,
    },
    /// `get` found several active mappings and was not told which.
    #[error("{org} has {} active {integration} mappings: {}", mappings.len(), mappings.join("; "))]
    SeveralToGet {
        org: String,
        integration: String,
        mappings: Vec<String>,
    },
    /// `unmap` found several mappings and was not told which.
    #[error("{org} has {} {integration} mappings: {}", mappings.len(), mappings.join("; "))]
    SeveralToUnmap {
        org: String,
        integration: String,
        mappings: Vec<String>,
    },
    /// `orgs add` with an id another org has.
    #[error("an org with id {id} already exists ({name:?})")]
    OrgIdTaken { id: String, name: String },
    /// `orgs add` or `orgs update` with a name another active org has.
    #[error("an org named {name:?} already exists (id {id})")]
    OrgNameTaken { name: String, id: String },
    /// `orgs import` would give names to more than one active org.
    #[error("the import would give {} name{} to more than one org; nothing was written", clashes.len(), if clashes.len() == 1 { "" } else { "s" })]
    OrgNamesTaken { clashes: Vec<String> },
    /// The external org is mapped to other MSP orgs.
    #[error("external org {external_org_id} of {integration} is already mapped to {}", owners.join(", "))]
    Shared {
        external_org_id: String,
        integration: String,
        owners: Vec<String>,
    },
    /// `map` of an external org on the ignore list: mapped or ignored, not both.
    #[error("external org {external_org_id} of {integration} is ignored (not a customer)")]
    Ignored {
        external_org_id: String,
        integration: String,
    },
    /// `exclude` of an org that is mapped in the integration.
    #[error("{org} is mapped in {integration} ({}); an org is mapped or excluded there, not both", mappings.join("; "))]
    MappedThere {
        org: String,
        org_id: String,
        integration: String,
        mappings: Vec<String>,
    },
    /// `map` (or an apply record) of an org excluded from the integration.
    #[error("{org} is excluded from {integration} (it does not use it)")]
    Excluded {
        org: String,
        org_id: String,
        integration: String,
    },
    /// `orgs remove` of an org that still has active mappings.
    #[error("{org} has {} active mapping(s): {}", mappings.len(), mappings.join("; "))]
    OrgHasMappings { org: String, mappings: Vec<String> },
    /// An apply that would break rules against what the store holds, each
    /// listed; nothing was written.
    #[error("{} record(s) conflict with what the store holds; nothing was written", refusals.len())]
    Conflicts { refusals: Vec<Refusal> },
    /// `ignore` of an external org that is mapped.
    #[error("external org {external_org_id} of {integration} is mapped to {}; an external org is mapped or ignored, not both", owners.join(", "))]
    Mapped {
        external_org_id: String,
        integration: String,
        owners: Vec<String>,
    },
}

/// A repository command's failure: a rule refused it, or something else failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RepoError {
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error(transparent)]
    Failed(#[from] Error),
}

impl From<StoreError> for RepoError {
    fn from(e: StoreError) -> Self {
        RepoError::Failed(e.into())
    }
}

/// The store's typed errors as the tool's: the kind (and so the exit code),
/// and what to do about a lost race or an unreachable store.
impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        let source = e.clone();
        let error = match e {
            StoreError::NotFound => Error::not_found(format!("store: {e}")),
            StoreError::AlreadyExists | StoreError::PreconditionFailed => {
                Error::conflict(format!("store: {e}"))
                    .with_hint("another process changed the same rows; run the command again")
            }
            StoreError::Invalid(m) => Error::invalid(m),
            StoreError::Auth(m) => Error::new(ErrorKind::Auth, m),
            StoreError::Unavailable(m) => Error::unavailable(m)
                .with_hint("the store could not be reached or was busy; it is safe to retry"),
            StoreError::Other(m) => Error::internal(m),
            StoreError::Interrupted => Error::new(ErrorKind::Interrupted, "interrupted"),
        };
        error.caused_by(source)
    }
}

/// A refusal as the tool's error: a conflict (exit 4) with what can be done
/// about it, for the front end to word with its own flags or fields.
impl From<Refusal> for Error {
    fn from(e: Refusal) -> Self {
        let remedy = match &e {
            Refusal::AlreadyMapped { .. } => Remedy::ReplaceOrAdd,
            Refusal::Shared { .. } => Remedy::ShareOrUnmap,
            Refusal::SeveralToGet { .. } => Remedy::PickMapping,
            Refusal::SeveralToUnmap { .. } => Remedy::PickMappingOrAll,
            Refusal::OrgIdTaken { .. } => Remedy::OtherOrgId,
            Refusal::OrgNameTaken { .. } => Remedy::OtherOrgName,
            Refusal::OrgNamesTaken { .. } => Remedy::RenameImportedOrgs,
            Refusal::Conflicts { .. } => Remedy::UnignoreOrUnmapFirst,
            Refusal::OrgHasMappings { .. } => Remedy::CascadeOrUnmap,
            Refusal::Ignored {
                integration,
                external_org_id,
            } => Remedy::Unignore {
                integration: integration.clone(),
                external_org_id: external_org_id.clone(),
            },
            Refusal::Excluded {
                org_id,
                integration,
                ..
            } => Remedy::Include {
                org_id: org_id.clone(),
                integration: integration.clone(),
            },
            Refusal::MappedThere {
                org_id,
                integration,
                ..
            } => Remedy::UnmapBeforeExclude {
                org_id: org_id.clone(),
                integration: integration.clone(),
            },
            Refusal::Mapped {
                integration,
                external_org_id,
                ..
            } => Remedy::Unmap {
                integration: integration.clone(),
                external_org_id: external_org_id.clone(),
            },
        };
        let details = match &e {
            Refusal::OrgNamesTaken { clashes } => clashes.clone(),
            Refusal::Conflicts { refusals } => refusals.iter().map(ToString::to_string).collect(),
            _ => Vec::new(),
        };
        Error::conflict(e.to_string())
            .with_remedy(remedy)
            .with_details(details)
    }
}

impl From<RepoError> for Error {
    fn from(e: RepoError) -> Self {
        match e {
            RepoError::Refused(rule) => rule.into(),
            RepoError::Failed(e) => e,
        }
    }
}
