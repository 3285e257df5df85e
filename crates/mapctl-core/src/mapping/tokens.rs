//! API tokens (contract §9): created, listed and revoked by a transaction;
//! a request's token checked by one point read. A token is `mapctl_` and
//! 64 hex digits (256 random bits); only its SHA-256 is stored, and the
//! stored hash is compared in constant time.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::*;
use crate::store::API_TOKENS;
use crate::store::tokens::{PARTITION, Scope, TokenInfo, hash_key, name_key};

/// What every token starts with, so that a scanner can tell one.
pub const PREFIX: &str = crate::redact::BEARER_PREFIX;
/// `last_used_at` is written at most this often per token.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// The SHA-256 of `text`, in hex.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// 256 random bits, in hex (a token's, a session's, a login link's).
pub fn random_hex() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| Error::internal(format!("no randomness for a secret: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether two secrets are equal, compared in constant time.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

fn hash(token: &str) -> String {
    sha256_hex(token)
}

fn new_token() -> Result<String> {
    Ok(format!("{PREFIX}{}", random_hex()?))
}

/// A token name: what the history names (`api:NAME`).
fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(Error::usage(format!("{name:?} is not a token name"))
            .with_hint("use 1 to 64 letters, digits, '-', '_' or '.' (e.g. rewst-prod)"))
    }
}

impl Repo {
    /// Every token, by name, with its last use (kept on its hash row).
    pub async fn tokens(&self) -> Result<Vec<TokenInfo>> {
        let rows = self
            .backend
            .query(API_TOKENS, &Query::partition(PARTITION))
            .await?;
        let used: std::collections::HashMap<String, Option<String>> = rows
            .iter()
            .filter(|e| e.row_key.starts_with("hash:"))
            .filter_map(TokenInfo::from_entity)
            .map(|t| (t.hash, t.last_used_at))
            .collect();
        let mut out: Vec<TokenInfo> = rows
            .iter()
            .filter(|e| e.row_key.starts_with("name:"))
            .filter_map(TokenInfo::from_entity)
            .map(|mut t| {
                t.last_used_at = used.get(&t.hash).cloned().flatten();
                t
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// The token a request presents, if it is one that was created and not
    /// revoked. Its use is recorded (at most once a minute).
    pub async fn authenticate(&self, token: &str) -> Result<Option<TokenInfo>> {
        if !token.starts_with(PREFIX) || token.len() > 128 {
            return Ok(None);
        }
        let presented = hash(token);
        let Some(row) = self
            .backend
            .get(API_TOKENS, PARTITION, &hash_key(&presented))
            .await?
        else {
            return Ok(None);
        };
        let Some(info) = TokenInfo::from_entity(&row) else {
            return Ok(None);
        };
        if !same_secret(&info.hash, &presented) {
            return Ok(None);
        }
        self.touch(&info).await;
        Ok(Some(info))
    }

    /// Records a use on the token's hash row, when the last one recorded is
    /// a minute old. Only that row: a revocation racing it deletes it, and a
    /// replace of a row that is gone fails (the name row, which a new token
    /// of the same name may hold by then, is never written here).
    async fn touch(&self, info: &TokenInfo) {
        let now = self.clock.now();
        let recent = info.last_used_at.as_deref().and_then(|at| {
            time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).ok()
        });
        if recent.is_some_and(|at| (now - at).whole_seconds() < TOUCH_EVERY_SECONDS) {
            return;
        }
        let mut used = info.clone();
        used.last_used_at = Some(self.now());
        let _ = self
            .backend
            .write(
                API_TOKENS,
                WriteOp::Replace {
                    entity: used.to_entity(hash_key(&info.hash)),
                    if_match: "*".into(),
                },
            )
            .await;
    }
}

impl Transaction<'_> {
    /// A new token: returned once, stored only as its hash. A name in use
    /// is a conflict (exit 4).
    pub async fn create_token(&self, name: &str, scope: Scope) -> Result<(String, TokenInfo)> {
        check_name(name)?;
        let token = new_token()?;
        let info = TokenInfo {
            name: name.to_owned(),
            scope,
            created_at: self.now(),
            created_by: self.actor.clone(),
            last_used_at: None,
            hash: hash(&token),
        };
        match self
            .backend
            .write(API_TOKENS, WriteOp::Insert(info.to_entity(name_key(name))))
            .await
        {
            Err(StoreError::AlreadyExists) => {
                return Err(
                    Error::conflict(format!("a token named {name:?} exists")).with_hint(format!(
                        "choose another name, or revoke it first: mapctl tokens revoke {name}"
                    )),
                );
            }
            other => {
                other?;
            }
        }
        // The name row is the claim; the hash row makes the token work.
        self.backend
            .write(
                API_TOKENS,
                WriteOp::Insert(info.to_entity(hash_key(&info.hash))),
            )
            .await?;
        Ok((token, info))
    }

    /// Revokes a token by name: its hash row first, so that it stops
    /// working before its name is free again.
    pub async fn revoke_token(&self, name: &str) -> Result<TokenInfo> {
        let Some(row) = self
            .backend
            .get(API_TOKENS, PARTITION, &name_key(name))
            .await?
        else {
            return Err(Error::not_found(format!("no token named {name:?}"))
                .with_hint("see the names: mapctl tokens list"));
        };
        let info = TokenInfo::from_entity(&row)
            .ok_or_else(|| Error::internal(format!("the token row of {name:?} does not parse")))?;
        for key in [hash_key(&info.hash), name_key(name)] {
            match self
                .backend
                .write(
                    API_TOKENS,
                    WriteOp::Delete {
                        partition_key: PARTITION.into(),
                        row_key: key,
                        if_match: None,
                    },
                )
                .await
            {
                Ok(_) | Err(StoreError::NotFound) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(info)
    }
}
