//! `status`: each integration judged from the store read once and its
//! discovery (all asked at once); one that cannot be judged is a row with
//! why, and never stops the others.

use std::collections::{HashMap, HashSet};

use super::Observer;
use super::discover::listing;
use crate::error::{Error, ErrorKind, Result};
use crate::integrations::discovery::{Freshness, Origin};
use crate::mapping::discovered::is_inactive;
use crate::mapping::status::{Discovered, State, Status, status};
use crate::session::Session;

/// One integration's status, the error that kept it from being judged,
/// and where its discovery came from (for a notice about the cache).
#[derive(Debug)]
pub struct Judged {
    pub status: Status,
    pub error: Option<Error>,
    pub origin: Option<Origin>,
}

/// The integrations `status` reports by default: every configured one,
/// and every one that holds active mappings or exclusions, in the
/// registry's order.
pub async fn default_integrations(session: &Session) -> Result<Vec<String>> {
    let repo = session.repo().await?;
    let (active, decisions) = tokio::join!(repo.list(None, None, false), repo.decisions(None));
    let (active, decisions) = (active?, decisions?);
    let held: HashSet<&str> = active
        .iter()
        .map(|m| m.integration_name.as_str())
        .chain(decisions.iter().map(|d| d.integration.as_str()))
        .collect();
    Ok(session
        .registry
        .list()
        .iter()
        .filter(|i| i.configured || held.contains(i.name.as_str()))
        .map(|i| i.name.clone())
        .collect())
}

/// The state an error leaves an integration in: credentials refused, or
/// it could not be asked (its exit code says so too: 5 or 6, never the 4
/// of drift).
fn state_of(e: &Error) -> State {
    match e.kind {
        ErrorKind::Auth => State::AuthFailed,
        _ => State::Unreachable,
    }
}

/// The status of each of `names` (resolved names); an interrupt stops it,
/// nothing else does.
pub async fn report(
    session: &Session,
    names: &[String],
    fresh: Freshness,
    observer: &dyn Observer,
) -> Result<Vec<Judged>> {
    let repo = session.repo().await?;
    let listable: Vec<&String> = names
        .iter()
        .filter(|n| {
            session
                .registry
                .resolve(n)
                .is_ok_and(|i| i.configured && i.discovery)
        })
        .collect();
    let (found, snapshot) = tokio::join!(
        futures_util::future::join_all(
            listable
                .iter()
                .map(|n| listing(session, n, fresh, observer))
        ),
        repo.snapshot()
    );
    let snapshot = snapshot?;
    let mut listings: HashMap<&str, Result<_>> =
        listable.iter().map(|n| n.as_str()).zip(found).collect();
    let no_ignored = HashSet::new();
    let mut out = Vec::new();
    for name in names {
        let info = session.registry.resolve(name)?;
        let from_store = |found| {
            status(
                name,
                &snapshot.orgs,
                &snapshot.active,
                &snapshot.decisions,
                found,
            )
        };
        let judged = if !info.configured {
            unjudged(
                from_store(None),
                State::NotConfigured,
                format!("no [integrations.{name}] in the config"),
            )
        } else if !info.discovery {
            unjudged(
                from_store(None),
                State::NoDiscovery,
                format!("{name} lists no organizations (its declaration has no [[list]])"),
            )
        } else {
            let found = listings
                .remove(name.as_str())
                .unwrap_or_else(|| Err(Error::internal(format!("{name} was not listed"))));
            match found {
                Ok(found) => {
                    let names: HashMap<String, String> = found
                        .records
                        .into_iter()
                        .filter(|o| !is_inactive(&o.metadata))
                        .map(|o| (o.id, o.name))
                        .collect();
                    let ignored = snapshot.ignored.get(name).unwrap_or(&no_ignored);
                    let status = from_store(Some(Discovered {
                        names: &names,
                        ignored,
                        invalid: found.invalid,
                        at: &found.at,
                    }));
                    Judged {
                        status,
                        error: None,
                        origin: Some(found.origin),
                    }
                }
                Err(e) if e.kind == ErrorKind::Interrupted => return Err(e),
                Err(e) => {
                    let mut status = from_store(None);
                    status.state = state_of(&e);
                    status.error = Some(e.message.clone());
                    let kind = match status.state {
                        State::AuthFailed => ErrorKind::Auth,
                        _ => ErrorKind::Unavailable,
                    };
                    let mut error = Error::new(kind, e.message.clone());
                    error.hint = e.hint.clone();
                    Judged {
                        status,
                        error: Some(error.caused_by(e)),
                        origin: None,
                    }
                }
            }
        };
        out.push(judged);
    }
    Ok(out)
}

fn unjudged(mut status: Status, state: State, why: String) -> Judged {
    status.state = state;
    status.error = Some(why);
    Judged {
        status,
        error: None,
        origin: None,
    }
}
