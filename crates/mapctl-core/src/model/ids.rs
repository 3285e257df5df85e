//! The ids of the data model as types of their own, so that an org id is
//! never passed where an external id is meant. Input is validated once,
//! where it is made ([`OrgId::parse`], ...); what the store holds is taken
//! as it is (`from_row`: rows written by others must be read correctly,
//! whatever they hold).

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

use crate::error::Result;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// As stored in a row (another writer's included): not checked.
            pub fn from_row(text: impl Into<String>) -> Self {
                $name(text.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        /// Tests make ids from literals; the tool itself parses its input.
        #[cfg(any(test, feature = "test-support"))]
        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.to_owned())
            }
        }

        #[cfg(any(test, feature = "test-support"))]
        impl From<String> for $name {
            fn from(text: String) -> Self {
                $name(text)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
    };
}

id_type!(
    /// An MSP org's id (a GUID when mapctl made it): a table key, so 1–128
    /// characters without `/ \ # ?` or control characters.
    OrgId
);
id_type!(
    /// A canonical integration name (`halopsa`, `halopsa_eu`): lower-case
    /// letters, digits and `_`, starting with a letter.
    IntegrationName
);
id_type!(
    /// An external org's id in its system: 1–200 characters, any characters.
    ExternalOrgId
);
id_type!(
    /// A mapping's id: a UUID, derived from its triple when mapctl makes it.
    MappingId
);

impl OrgId {
    /// An id the core made itself (a new GUID): not checked again.
    pub(crate) fn trusted(text: impl Into<String>) -> OrgId {
        OrgId(text.into())
    }

    /// An org id given as input: checked once, here.
    pub fn parse(text: &str) -> Result<OrgId> {
        super::validate_org_id(text)?;
        Ok(OrgId(text.to_owned()))
    }
}

impl IntegrationName {
    /// A canonical name from the registry (checked when it was declared).
    pub(crate) fn trusted(text: impl Into<String>) -> IntegrationName {
        IntegrationName(text.into())
    }

    /// An integration name given as input: checked once, here.
    pub fn parse(text: &str) -> Result<IntegrationName> {
        super::validate_integration_name(text)?;
        Ok(IntegrationName(text.to_owned()))
    }
}

impl ExternalOrgId {
    /// An external id given as input (a flag, a file, an API's record):
    /// checked once, here.
    pub fn parse(text: &str) -> Result<ExternalOrgId> {
        super::validate_external_org_id(text)?;
        Ok(ExternalOrgId(text.to_owned()))
    }
}

impl MappingId {
    /// The contract's deterministic id of a triple.
    pub fn of(org: &str, integration: &str, external_org_id: &str) -> MappingId {
        MappingId(super::mapping_id(org, integration, external_org_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_is_checked_once_and_rows_are_read_as_they_are() {
        assert!(OrgId::parse("acme").is_ok());
        assert!(OrgId::parse("a/b").is_err());
        assert!(IntegrationName::parse("Halo").is_err());
        assert!(ExternalOrgId::parse(" ").is_err());
        assert_eq!(OrgId::from_row("a/b").as_str(), "a/b");
        let id = MappingId::of("acme", "halopsa", "42");
        assert_eq!(id.len(), 36);
        assert_eq!(
            serde_json::to_string(&OrgId::from_row("acme")).unwrap(),
            "\"acme\""
        );
        assert!(OrgId::from_row("acme") == "acme");
    }
}
