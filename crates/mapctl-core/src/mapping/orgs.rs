//! The MSP's own organizations: listing, adding, resolving `<org>`.

use std::collections::HashMap;

use super::*;

impl Repo {
    pub async fn list_orgs(&self, include_inactive: bool) -> Result<Vec<Org>> {
        let rows = self
            .backend
            .query(ORGANIZATIONS, &Query::partition(ORG_PARTITION))
            .await?;
        let mut orgs: Vec<Org> = rows
            .iter()
            .map(org_from_entity)
            .filter(|o| include_inactive || o.is_active)
            .collect();
        orgs.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then_with(|| a.org_id.cmp(&b.org_id))
        });
        Ok(orgs)
    }

    /// What `suggest`, `status` and the matrix read of the store, once and
    /// at once: the orgs (one read of Organizations, names included), every
    /// active mapping, every ignore record.
    pub(crate) async fn snapshot(&self) -> Result<suggest::Snapshot> {
        let (orgs, rows, ignored, decisions) = futures_util::future::join4(
            self.list_orgs(true),
            self.backend.query(ORG_INDEX, &Query::all()),
            self.ignored_in(None),
            self.decisions(None),
        )
        .await;
        let orgs = orgs?;
        let names: HashMap<String, String> = orgs
            .iter()
            .map(|o| (o.org_id.to_string(), o.name.clone()))
            .collect();
        let mappings = rows?
            .iter()
            .map(|e| mapping_from_entity(e, Index::Org))
            .collect::<Result<Vec<_>>>()?;
        let mut snapshot = suggest::Snapshot {
            orgs: orgs.into_iter().filter(|o| o.is_active).collect(),
            active: Self::listed(mappings, false, &names),
            ignored: Default::default(),
            decisions: super::decisions::Decisions::of(decisions?),
        };
        for i in ignored? {
            snapshot
                .ignored
                .entry(i.integration)
                .or_default()
                .insert(i.external_org_id);
        }
        Ok(snapshot)
    }

    /// The org with this id, active or not: one point read.
    async fn org_by_id(&self, id: &str) -> Result<Option<Org>> {
        if model::validate_org_id(id).is_err() {
            return Ok(None); // not an id: a name
        }
        Ok(self
            .backend
            .get(ORGANIZATIONS, ORG_PARTITION, id)
            .await?
            .map(|e| org_from_entity(&e)))
    }

    /// An org by id or name (as [`resolve_org`](Self::resolve_org)) and
    /// what `read` reads for it, at once: when `text` is the org's id (what
    /// scripts pass) both come in one round trip; a name costs a second.
    pub(crate) async fn org_with<T, F, Fut>(&self, text: &str, read: F) -> Result<(Org, T)>
    where
        F: Fn(String) -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        let (by_id, guessed) =
            futures_util::future::join(self.org_by_id(text), read(text.to_owned())).await;
        if let Some(org) = by_id? {
            let org = Self::resolve_in(std::slice::from_ref(&org), text)?;
            return Ok((org, guessed?));
        }
        let org = self.resolve_org(text).await?;
        let read = read(org.org_id.to_string()).await?;
        Ok((org, read))
    }

    /// An org by id or by name (case-insensitive exact), among active orgs:
    /// the id by one point read, a name among every org.
    pub(crate) async fn find_org(&self, text: &str) -> Result<Org> {
        Ok(self.org_with(text, |_| async { Ok(()) }).await?.0)
    }

    /// An org by id, removed ones included (whose history is still
    /// read), else by name among active orgs.
    pub async fn resolve_org_or_removed(&self, text: &str) -> Result<Org> {
        let orgs = self.list_orgs(true).await?;
        if let Some(o) = orgs.iter().find(|o| o.org_id == text) {
            return Ok(o.clone());
        }
        Self::resolve_in(&orgs, text)
    }

    /// An org by id or by name (case-insensitive exact), among active orgs.
    pub async fn resolve_org(&self, text: &str) -> Result<Org> {
        let orgs = self.list_orgs(true).await?;
        Self::resolve_in(&orgs, text)
    }

    pub(crate) fn resolve_in(orgs: &[Org], text: &str) -> Result<Org> {
        if let Some(o) = orgs.iter().find(|o| o.org_id == text) {
            if !o.is_active {
                return Err(Error::not_found(format!(
                    "org {:?} ({}) is inactive",
                    o.name, o.org_id
                ))
                .with_hint("reactivate it in the Organizations table, or pick an active org"));
            }
            return Ok(o.clone());
        }
        let wanted = text.to_lowercase();
        let matches: Vec<&Org> = orgs
            .iter()
            .filter(|o| o.is_active && o.name.to_lowercase() == wanted)
            .collect();
        match matches.as_slice() {
            [one] => Ok((*one).clone()),
            [] => {
                let error = Error::not_found(format!("no org has the id or name {text:?}"))
                    .with_remedy(crate::error::Remedy::ListOrAddOrgs);
                Err(match closest_org(orgs, text) {
                    Some(o) => {
                        error.with_hint(format!("did you mean {:?} ({})?", o.name, o.org_id))
                    }
                    None => error,
                })
            }
            many => Err(Error::conflict(format!(
                "the name {text:?} matches {} orgs: {}",
                many.len(),
                many.iter()
                    .map(|o| format!("{} ({})", o.name, o.org_id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .with_hint("name the org by its id instead")),
        }
    }

    pub(super) async fn org_names(&self) -> Result<HashMap<String, String>> {
        Ok(self
            .list_orgs(true)
            .await?
            .into_iter()
            .map(|o| (o.org_id.into_string(), o.name))
            .collect())
    }
}

impl Transaction<'_> {
    /// Adds an org; returns it and whether it was created (false: it already
    /// existed with this id, name and tenant).
    pub async fn add_org(
        &self,
        name: &str,
        id: Option<&str>,
        tenant_id: Option<&str>,
    ) -> Result<(Org, bool), RepoError> {
        self.add_org_with(name, id, tenant_id, &[]).await
    }

    /// [`add_org`](Self::add_org) with the org's domains.
    pub async fn add_org_with(
        &self,
        name: &str,
        id: Option<&str>,
        tenant_id: Option<&str>,
        domains: &[String],
    ) -> Result<(Org, bool), RepoError> {
        model::validate_name("org name", name, false)?;
        let domains = model::validate_domains(domains)?;
        let org_id = match id {
            Some(id) => OrgId::parse(id)?,
            None => OrgId::trusted(uuid::Uuid::new_v4().hyphenated().to_string()),
        };
        let tenant_id = tenant_id.map(model::validate_tenant_id).transpose()?;
        let existing = self.list_orgs(true).await?;
        if let Some(o) = existing.iter().find(|o| o.org_id == org_id) {
            // Adding an org exactly as it is, is a no-op: scripts can re-run.
            if id.is_some()
                && o.name == name
                && o.tenant_id == tenant_id
                && o.domains == domains
                && o.is_active
            {
                return Ok((o.clone(), false));
            }
            return Err(Refusal::OrgIdTaken {
                id: org_id.to_string(),
                name: o.name.clone(),
            }
            .into());
        }
        let now = self.now();
        let org = Org {
            org_id,
            name: name.to_owned(),
            tenant_id,
            domains,
            is_active: true,
            created_at: now.clone(),
            updated_at: now,
            created_by: self.actor.clone(),
        };
        let after: Vec<&Org> = existing.iter().chain([&org]).collect();
        let changed = std::collections::HashSet::from([org.org_id.as_str()]);
        if let Some(same) = rules::name_clashes(&after, &changed).first()
            && let Some(o) = same.iter().find(|o| o.org_id != org.org_id)
        {
            return Err(Refusal::OrgNameTaken {
                name: o.name.clone(),
                id: o.org_id.to_string(),
            }
            .into());
        }
        match self
            .backend
            .write(ORGANIZATIONS, WriteOp::Insert(org_to_entity(&org)))
            .await
        {
            Err(StoreError::AlreadyExists) => Err(Error::conflict(format!(
                "an org with id {} was created at the same time",
                org.org_id
            ))
            .with_remedy(crate::error::Remedy::ListOrAddOrgs)
            .into()),
            other => other.map(|_| (org, true)).map_err(RepoError::from),
        }
    }
}

/// The active org whose id or name is nearest a mistyped one: by the same
/// folding `suggest` uses for names (case, accents, punctuation, legal
/// forms), then a small edit distance. None when nothing is near.
fn closest_org<'a>(orgs: &'a [Org], text: &str) -> Option<&'a Org> {
    let fold = |t: &str| crate::matching::normalize::Normalized::new(t).key();
    let wanted = fold(text);
    if wanted.is_empty() {
        return None;
    }
    orgs.iter()
        .filter(|o| o.is_active)
        .map(|o| {
            let by_name = strsim::levenshtein(&fold(&o.name), &wanted);
            let by_id = strsim::levenshtein(&o.org_id.to_lowercase(), &text.to_lowercase());
            (by_name.min(by_id), o)
        })
        .filter(|(d, _)| *d <= (wanted.chars().count() / 4).clamp(1, 3))
        .min_by_key(|(d, o)| (*d, o.name.to_lowercase()))
        .map(|(_, o)| o)
}
