//! One error type for the whole tool. Every failure carries a kind (which decides
//! the exit code, contract §5), a message (what happened and why) and an optional
//! hint (how to fix it). `main` maps it to an exit code in one place.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad command line, or input needed where prompting is not allowed.
    Usage,
    NotFound,
    /// Already mapped, several matches, lost ETag race.
    Conflict,
    Auth,
    /// Network, timeout, 5xx, throttled after retries: safe to retry.
    Unavailable,
    /// Invalid input data (keys, config values, apply files): nothing was written.
    InvalidInput,
    Interrupted,
    Internal,
}

impl ErrorKind {
    pub(crate) fn exit_code(self) -> i32 {
        match self {
            ErrorKind::Internal => 1,
            ErrorKind::Usage => 2,
            ErrorKind::NotFound => 3,
            ErrorKind::Conflict => 4,
            ErrorKind::Auth => 5,
            ErrorKind::Unavailable => 6,
            ErrorKind::InvalidInput => 7,
            ErrorKind::Interrupted => 130,
        }
    }

    /// The `kind` field of a JSON error (contract §4).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Usage => "usage",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Auth => "auth",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Interrupted => "interrupted",
            ErrorKind::Internal => "internal",
        }
    }
}

/// What can be done about an error, as a fact: each front end (the command
/// line, the HTTP API, the browser) words it in its own terms (a flag, a
/// field of a request body, a button), so the core names no flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remedy {
    /// The org has another mapping there: replace it, or keep both.
    ReplaceOrAdd,
    /// The external org is mapped to another org: share it, or unmap it there.
    ShareOrUnmap,
    /// Several mappings answer: name one by its mapping id.
    PickMapping,
    /// Several mappings answer an unmap: name one, or all.
    PickMappingOrAll,
    /// The org id is taken: another id, or none for a new GUID.
    OtherOrgId,
    /// The org name is taken by another active org.
    OtherOrgName,
    /// An import would give one name to several orgs.
    RenameImportedOrgs,
    /// The external org is ignored: take it off the ignore list first.
    Unignore {
        integration: String,
        external_org_id: String,
    },
    /// Records of a file conflict with the ignore list: take them off it,
    /// or unmap, first.
    UnignoreOrUnmapFirst,
    /// A bulk write stopped part-way: the same command again completes it
    /// (it plans only what is missing), and so does a repair of the indexes.
    RerunOrRepair { command: String },
    /// The integration lists nothing: declare a listing, or map without
    /// verification.
    DeclareListing { integration: String },
    /// Nothing is configured that this needs: configure an integration.
    ConfigureAnIntegration,
    /// Give the external org's id (it was empty, or is too long).
    GiveExternalId,
    /// Give mapping data as a JSON object.
    GiveMappingDataObject,
    /// See the org's mappings, or create one.
    ListMappingsOf { org_id: String },
    /// See the orgs, or add one.
    ListOrAddOrgs,
    /// The integration lists nothing: map it without verification.
    MapWithoutVerify,
    /// Try the integration's credentials.
    TestConnection { integration: String },
    /// Check a declaration file; a built-in shows the format.
    CheckDeclaration,
    /// Move an inline declaration to its file.
    MoveDeclaration { file: String },
    /// List the rows `doctor` finds malformed.
    RunDoctor,
    /// Point at another config file (or fix this one).
    OtherConfigFile,
    /// The org has active mappings: they go with it, or are unmapped first.
    CascadeOrUnmap,
    /// The org is excluded from the integration: include it first.
    Include { org_id: String, integration: String },
    /// The org is mapped there: unmap it before excluding it.
    UnmapBeforeExclude { org_id: String, integration: String },
    /// The external org is mapped: unmap it first.
    Unmap {
        integration: String,
        external_org_id: String,
    },
}

#[derive(Debug, Clone, thiserror::Error)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// How to fix it, in plain words that name no flag (see [`Remedy`]).
    pub hint: Option<String>,
    /// What can be done, for a front end to word (boxed: errors travel in
    /// every `Result`, and most have none).
    pub remedy: Option<Box<Remedy>>,
    /// Itemised problems (every bad record of an apply file, say).
    pub details: Vec<String>,
    /// What it came from (a store's, a file's or an API's own error).
    #[source]
    pub(crate) source: Option<std::sync::Arc<dyn std::error::Error + Send + Sync>>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
            remedy: None,
            details: Vec::new(),
            source: None,
        }
    }

    pub(crate) fn with_remedy(mut self, remedy: Remedy) -> Self {
        self.remedy = Some(Box::new(remedy));
        self
    }

    /// Keeps `source` as the cause (shown with `-v`, never in place of the message).
    pub(crate) fn caused_by(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        self.source = Some(std::sync::Arc::new(source));
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub(crate) fn with_details(mut self, details: Vec<String>) -> Self {
        self.details = details;
        self
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict, message)
    }
    pub(crate) fn unavailable(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unavailable, message)
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidInput, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }

    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }

    /// The one-line JSON form written to stderr under `-o json`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut error = serde_json::json!({
            "kind": self.kind.as_str(),
            "message": self.message,
            "hint": self.hint,
        });
        if !self.details.is_empty() {
            error["details"] = serde_json::json!(self.details);
        }
        serde_json::json!({ "error": error })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_contract() {
        let expected = [
            (ErrorKind::Internal, 1),
            (ErrorKind::Usage, 2),
            (ErrorKind::NotFound, 3),
            (ErrorKind::Conflict, 4),
            (ErrorKind::Auth, 5),
            (ErrorKind::Unavailable, 6),
            (ErrorKind::InvalidInput, 7),
            (ErrorKind::Interrupted, 130),
        ];
        for (kind, code) in expected {
            assert_eq!(kind.exit_code(), code, "{kind:?}");
        }
    }

    #[test]
    fn json_error_has_kind_message_and_hint() {
        let e = Error::not_found("no mapping").with_hint("run mapctl list");
        assert_eq!(
            e.to_json().to_string(),
            r#"{"error":{"kind":"not_found","message":"no mapping","hint":"run mapctl list"}}"#
        );
        let e = Error::invalid("bad file").with_details(vec!["record 2: x".into()]);
        assert_eq!(e.to_json()["error"]["details"][0], "record 2: x");
    }
}
