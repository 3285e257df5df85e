//! `status --matrix`: what each org has in each integration, and what
//! `suggest` would propose where it has nothing.

use super::Observer;
use super::discover::listing;
use super::suggest::record_domains;
use crate::error::{Error, Result};
use crate::integrations::discovery::Freshness;
use crate::mapping::discovered::is_inactive;
use crate::mapping::matrix::{Context, Proposals, Row, matrix};
use crate::mapping::suggest::{RecordDomains, suggestions};
use crate::session::Session;

/// The rows of the matrix of `names`, from the store read once and each
/// integration's discovery (cached unless `refresh`); an integration that
/// cannot be asked gives no proposals, and is reported with why.
pub async fn rows(
    session: &Session,
    names: &[String],
    fresh: Freshness,
    observer: &dyn Observer,
) -> Result<(Vec<Row>, Vec<(String, Error)>)> {
    let repo = session.repo().await?;
    let with_discovery: Vec<&String> = names
        .iter()
        .filter(|n| {
            session
                .registry
                .resolve(n)
                .is_ok_and(|i| i.discovery && i.configured)
        })
        .collect();
    let (found, snapshot) = tokio::join!(
        futures_util::future::join_all(
            with_discovery
                .iter()
                .map(|n| listing(session, n, fresh, observer)),
        ),
        repo.snapshot()
    );
    let snapshot = snapshot?;
    let records = record_domains(session, &snapshot.active, RecordDomains::default());
    let mut proposals = Proposals::new();
    let mut current = std::collections::HashMap::new();
    let mut failed = Vec::new();
    for (name, found) in with_discovery.into_iter().zip(found) {
        match found {
            Ok(found) => {
                current.insert(
                    name.clone(),
                    found
                        .records
                        .iter()
                        .filter(|o| !is_inactive(&o.metadata))
                        .map(|o| (o.id.clone(), o.name.clone()))
                        .collect(),
                );
                let discovery = found.against(&snapshot);
                let s = suggestions(
                    name,
                    discovery.records,
                    &snapshot,
                    &records,
                    None,
                    false,
                    &[],
                );
                for p in s.list {
                    proposals.insert(
                        (p.org.into(), name.clone()),
                        (
                            p.external_org_id.into(),
                            p.external_org_name,
                            p.confidence.as_str().to_owned(),
                        ),
                    );
                }
            }
            Err(e) => failed.push((name.clone(), e)),
        }
    }
    let with = Context {
        proposals: &proposals,
        decisions: &snapshot.decisions,
        current: &current,
    };
    Ok((
        matrix(&snapshot.orgs, names, &snapshot.active, &with),
        failed,
    ))
}
