//! API tokens of `mapctl serve` (contract §9). Table `ApiTokens`,
//! PartitionKey `token`: RowKey `name:{name}` makes a name unique (an
//! insert fails when it exists) and holds the token's hash; RowKey
//! `hash:{sha256 hex}` is what a request's token is looked up by, one point
//! read. Only the SHA-256 of a token is stored: a token is 256 random bits,
//! so no slow hash is needed.

use serde::Serialize;

use super::Entity;

pub(crate) const PARTITION: &str = "token";

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// GET only.
    Read,
    /// Everything (the seed's canManageConfig).
    Write,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }

    pub fn parse(text: &str) -> Option<Scope> {
        match text {
            "read" => Some(Scope::Read),
            "write" => Some(Scope::Write),
            _ => None,
        }
    }
}

/// A token as stored and listed: never the token itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenInfo {
    pub name: String,
    pub scope: Scope,
    pub created_at: String,
    pub created_by: String,
    /// Updated at most once a minute.
    pub last_used_at: Option<String>,
    #[serde(skip)]
    pub(crate) hash: String,
}

pub(crate) fn name_key(name: &str) -> String {
    format!("name:{name}")
}

pub(crate) fn hash_key(hash: &str) -> String {
    format!("hash:{hash}")
}

impl TokenInfo {
    /// Both rows carry everything, so either answers alone.
    pub(crate) fn to_entity(&self, row_key: String) -> Entity {
        let mut e = Entity::new(PARTITION, row_key);
        e.set("Name", self.name.as_str());
        e.set("Scope", self.scope.as_str());
        e.set("Hash", self.hash.as_str());
        e.set("CreatedAt", self.created_at.as_str());
        e.set("CreatedBy", self.created_by.as_str());
        if let Some(at) = &self.last_used_at {
            e.set("LastUsedAt", at.as_str());
        }
        e
    }

    /// Read back; a row that does not parse (a newer writer's) is None.
    pub(crate) fn from_entity(e: &Entity) -> Option<TokenInfo> {
        let text = |n: &str| e.str(n).map(str::to_owned);
        Some(TokenInfo {
            name: text("Name")?,
            scope: Scope::parse(e.str("Scope")?)?,
            hash: text("Hash")?,
            created_at: text("CreatedAt").unwrap_or_default(),
            created_by: text("CreatedBy").unwrap_or_default(),
            last_used_at: text("LastUsedAt"),
        })
    }
}
