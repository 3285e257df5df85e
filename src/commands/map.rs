use crate::context::Context;
use crate::interactive;
use mapctl_core::error::{Error, Result};
use mapctl_core::integrations::discovery;
use mapctl_core::mapping::{MapRequest, MapStatus, OnExisting};
use mapctl_core::model::{self, ExternalOrgId};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// MSP org: id or name
    pub org: Option<String>,
    /// Integration: name or alias (m365, ninjarmm)
    pub integration: Option<String>,
    /// The external org's id in the integration
    #[arg(long, value_name = "ID")]
    pub external_id: Option<String>,
    /// The external org's display name (stored as ExternalOrgName)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Extra data for the workflows: a JSON object
    #[arg(long, value_name = "JSON")]
    pub data: Option<String>,
    /// Soft-delete the org's current mapping for the integration and map this one instead
    #[arg(long, conflicts_with = "add")]
    pub replace: bool,
    /// Keep the org's current mapping for the integration and add this one (several M365 tenants)
    #[arg(long)]
    pub add: bool,
    /// Allow an external org that is already mapped to another MSP org
    #[arg(long)]
    pub allow_shared: bool,
    /// Record the mapping without checking that the external org exists
    #[arg(long)]
    pub no_verify: bool,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let tx = ctx.transaction().await?;
    let mut asked = false;
    // The integration resolved once; its info goes down as a value.
    let named = args
        .integration
        .as_deref()
        .map(|i| ctx.registry.resolve(i).cloned())
        .transpose()?;
    // All three on the command line: the org and the rows `map` decides
    // from are read at once (one round trip by id).
    let (org, reads) = match (args.org.as_deref(), &named, &args.external_id) {
        (Some(o), Some(info), Some(id)) => {
            model::validate_external_org_id(id)?;
            let (org, reads) = tx.org_for_map(o, &info.name, id).await?;
            (org, Some(reads))
        }
        (Some(o), _, _) => (ctx.org(o).await?, None),
        (None, _, _) => {
            let p = ctx.ui.prompter(
                "the MSP org (the first argument: mapctl map <org> <integration> --external-id ID)",
            )?;
            asked = true;
            (
                interactive::choose_org(p, &tx.list_orgs(false).await?)?,
                None,
            )
        }
    };
    // An integration picked that cannot be called yet (not configured):
    // its id is typed and recorded without verification, as --no-verify.
    let mut no_verify = args.no_verify;
    let info = match named {
        Some(info) => info,
        None => {
            asked = true;
            let name = super::pick::integration(
                ctx,
                None,
                "the second argument: mapctl map <org> <integration> --external-id ID",
                super::pick::Needs::Any,
            )
            .await?;
            if let Err(e) = ctx.integration_ready(&name).await {
                ctx.ui.warn(&format!(
                    "{name} cannot be asked ({}): the id you type is recorded without verification (--no-verify)",
                    e.message
                ));
                no_verify = true;
            }
            ctx.registry.resolve(&name)?.clone()
        }
    };
    let (external_id, picked) = match args.external_id.clone() {
        Some(id) => (id, None),
        None => {
            asked = true;
            choose_external(ctx, &info, &org, no_verify).await?
        }
    };
    let external_id = ExternalOrgId::parse(&external_id)?;
    // A typed id is held to the system's id format before any call (and
    // where none is made: --no-verify).
    if picked.is_none() {
        info.check_external_id(&external_id)?;
    }
    let mapping_data = args
        .data
        .as_deref()
        .map(model::parse_mapping_data)
        .transpose()?
        .map(serde_json::Value::Object);
    // A name typed by the user is held to the rule of names; one that comes
    // from the integration is its data and kept as it is.
    if let Some(name) = &args.name {
        model::validate_name("--name", name, true)?;
    }
    let mut external_org_name = args.name.clone().or(picked.clone());
    // A pick from the discovery list needs no second check.
    if !no_verify && picked.is_none() {
        let found = verified_name(ctx, &info, &external_id).await?;
        external_org_name.get_or_insert(found);
    }
    let (on_existing, allow_shared) =
        rules_to_keep(ctx, &args, &org, &info.name, &external_id, &mut asked).await?;
    let request = MapRequest {
        org,
        integration: ctx.integration_name(&info.name)?,
        external_org_id: external_id,
        external_org_name,
        mapping_data,
        on_existing,
        allow_shared,
    };
    let outcome = tx.map_with(&request, reads).await?;
    report(ctx, &request, &outcome, asked, no_verify)
}

/// The external org, asked at a terminal: picked from the discovery, or
/// typed where there is none (or `--no-verify`).
async fn choose_external(
    ctx: &Context,
    info: &mapctl_core::integrations::IntegrationInfo,
    org: &mapctl_core::model::Org,
    no_verify: bool,
) -> Result<(String, Option<String>)> {
    let p = ctx.ui.prompter("--external-id ID")?;
    if info.discovery && !no_verify {
        let (mut candidates, age) =
            crate::commands::external_orgs::picker_candidates(ctx, &info.name).await?;
        // The org's likely records first (as suggest ranks them), then the
        // rest by name.
        let likely = likely_records(ctx, &info.name, org).await;
        candidates.sort_by_key(|c| {
            likely
                .iter()
                .position(|id| *id == c.id)
                .unwrap_or(usize::MAX)
        });
        let c = interactive::choose_external(p, &info.name, &candidates, age.as_deref())?;
        return Ok((c.id, Some(c.name)));
    }
    Ok((interactive::type_external_id(p, &info.name)?, None))
}

/// The ids of the records `suggest` ranks best for `org`, best first
/// (from the cached discovery; none when it cannot say).
pub async fn likely_records(
    ctx: &mapctl_core::session::Session,
    integration: &str,
    org: &mapctl_core::model::Org,
) -> Vec<String> {
    let found = mapctl_core::ops::suggest::for_integration(
        ctx,
        integration,
        Some(std::slice::from_ref(org)),
        discovery::Freshness::Cached,
        true,
        &mapctl_core::ops::Quiet,
    )
    .await;
    let Ok((found, _)) = found else {
        return Vec::new();
    };
    let ranked: Vec<usize> = match (found.list.first(), found.unmatched.first()) {
        (Some(s), _) => std::iter::once(s.external)
            .chain(s.alternatives.iter().copied())
            .collect(),
        (None, Some(u)) => u.candidates.clone(),
        (None, None) => Vec::new(),
    };
    ranked
        .into_iter()
        .map(|e| found.open[e].id.clone())
        .collect()
}

/// The external org's name from its integration: that it exists.
pub async fn verified_name(
    session: &mapctl_core::session::Session,
    info: &mapctl_core::integrations::IntegrationInfo,
    external_id: &str,
) -> Result<String> {
    if !info.discovery {
        return Err(Error::usage(format!(
            "cannot check that external org {external_id} exists: {} has no discovery",
            info.name
        ))
        .with_hint("pass --no-verify to record the mapping without checking it"));
    }
    let integration = session.integration(&info.name).await?;
    match discovery::verify(integration.as_ref(), &session.discovery_cache(), external_id).await? {
        Some(found) => Ok(found.name),
        None => Err(Error::not_found(format!(
            "{} has no organization with id {external_id}",
            info.name
        ))
        .with_hint(format!(
            "run `mapctl discover {}` to see its organizations, or pass --no-verify to record it anyway",
            info.name
        ))),
    }
}

/// The rules the map is held to: from the flags, and on a terminal the
/// conflicts of contract §4 asked instead of refused.
async fn rules_to_keep(
    ctx: &Context,
    args: &Args,
    org: &mapctl_core::model::Org,
    integration: &str,
    external_id: &str,
    asked: &mut bool,
) -> Result<(OnExisting, bool)> {
    let mut on_existing = match (args.replace, args.add) {
        (true, _) => OnExisting::Replace,
        (_, true) => OnExisting::Add,
        _ => OnExisting::Refuse,
    };
    let mut allow_shared = args.allow_shared;
    if !ctx.ui.can_prompt() || (on_existing != OnExisting::Refuse && allow_shared) {
        return Ok((on_existing, allow_shared));
    }
    let c = ctx
        .repo()
        .await?
        .map_conflicts(&org.org_id, integration, external_id)
        .await?;
    if !c.already_active && !c.others.is_empty() && on_existing == OnExisting::Refuse {
        on_existing = interactive::resolve_existing(
            ctx.ui.prompter("--replace or --add")?,
            org,
            integration,
            &c.others,
        )?;
        *asked = true;
    }
    if !c.already_active && !c.shared_with.is_empty() && !allow_shared {
        interactive::confirm_shared(
            ctx.ui.prompter("--allow-shared")?,
            external_id,
            &c.shared_with,
        )?;
        allow_shared = true;
        *asked = true;
    }
    Ok((on_existing, allow_shared))
}

/// What was done, the command that does it without questions, the mapping.
fn report(
    ctx: &Context,
    request: &MapRequest,
    outcome: &mapctl_core::mapping::MapOutcome,
    asked: bool,
    no_verify: bool,
) -> Result<()> {
    for old in &outcome.replaced {
        ctx.ui.status(&format!(
            "Soft-deleted the previous mapping to {} (mapping id {})",
            old.external_org_id, old.mapping_id
        ));
    }
    let m = &outcome.mapping;
    let target = format!(
        "{} → {} {}",
        request.org.name, m.integration_name, m.external_org_id
    );
    match outcome.status {
        MapStatus::Created => ctx.ui.success(&format!("Mapped {target}")),
        MapStatus::Reactivated => ctx.ui.success(&format!("Reactivated {target}")),
        MapStatus::Updated => ctx.ui.success(&format!("Updated {target}")),
        MapStatus::Unchanged => ctx
            .ui
            .status(&format!("unchanged: {target} is already mapped")),
    }
    // A change is shown as one: each field a person set, old → new.
    if let Some(before) = &outcome.before {
        for c in mapctl_core::mapping::plan::field_changes(before, m) {
            ctx.ui
                .status(&format!("  {}: {} → {}", c.field, c.before, c.after));
        }
    }
    if asked {
        ctx.ui.status(&format!(
            "Next time, without questions: {}",
            interactive::equivalent_command(
                &request.org,
                &m.integration_name,
                &m.external_org_id,
                request.on_existing,
                request.allow_shared
            ) + if no_verify { " --no-verify" } else { "" }
        ));
    }
    ctx.ui.print_one(m)
}

#[cfg(test)]
mod tests {
    //! `map`'s whole flow in-process: a real local store, a fake integration
    //! and scripted answers at a "terminal" (no subprocess, no HTTP).
    use std::sync::Arc;

    use async_trait::async_trait;

    use super::*;
    use crate::ui::prompt::{Answer, Scripted};
    use crate::ui::{ColorChoice, OutputFormat, Terminal, Ui};
    use mapctl_core::config::{Config, SecretsBackendKind, StoreConfig};
    use mapctl_core::integrations::Registry;
    use mapctl_core::integrations::rest::{
        ConnectionCheck, ExternalOrg, Integration, ListProgress,
    };
    use mapctl_core::store::local::LocalBackend;

    struct FakeHalo;

    fn org(id: &str, name: &str) -> ExternalOrg {
        ExternalOrg {
            id: id.into(),
            name: name.into(),
            metadata: Default::default(),
        }
    }

    #[async_trait]
    impl Integration for FakeHalo {
        fn name(&self) -> &str {
            "halopsa"
        }
        async fn list_organizations(
            &self,
            _progress: &(dyn Fn(ListProgress) + Send + Sync),
        ) -> Result<Vec<ExternalOrg>> {
            Ok(vec![
                org("41", "Globex Holdings"),
                org("42", "Acme Corporation"),
            ])
        }
        async fn get_organization(&self, id: &str) -> Result<Option<ExternalOrg>> {
            Ok((id == "42").then(|| org("42", "Acme Corporation")))
        }
        async fn test_connection(&self) -> Result<ConnectionCheck> {
            unreachable!("map does not test the connection")
        }
        fn cache_source(&self) -> String {
            "fake".into()
        }
    }

    fn context(dir: &std::path::Path, answers: Vec<Answer>) -> Context {
        let config = Config {
            file: None,
            actor: "jane".into(),
            output: None,
            store: StoreConfig::Local {
                path: dir.join("unused.db"),
            },
            secrets_backend: SecretsBackendKind::Env,
            vault_url: None,
            secrets_file: None,
            cache_ttl_seconds: 3600,
            cache_dir: dir.join("cache"),
            state_dir: dir.join("state"),
            declarations_dir: "/nonexistent/integrations".into(),
            verify_challenge_resource: true,
            integrations: Default::default(),
        };
        let terminal = Terminal {
            stdin_tty: true,
            stdout_tty: true,
            stderr_tty: true,
            no_input: false,
            no_color_env: true,
            dumb: false,
        };
        let ui = Ui::new(
            OutputFormat::Json,
            true,
            0,
            false,
            ColorChoice::Never,
            terminal,
        )
        .with_prompter(Box::new(Scripted::new(answers)));
        let registry = Registry::load(&config).unwrap();
        let backend = Arc::new(LocalBackend::open(&dir.join("mapctl.db")).unwrap());
        let mut ctx = Context::new(config, ui, registry);
        ctx.command = "map";
        ctx.session = ctx
            .session
            .with_backend(backend)
            .with_integrations(Box::new(|_| Ok(Box::new(FakeHalo) as Box<dyn Integration>)));
        ctx
    }

    fn args(org: &str, integration: &str) -> Args {
        Args {
            org: Some(org.into()),
            integration: Some(integration.into()),
            external_id: None,
            name: None,
            data: None,
            replace: false,
            add: false,
            allow_shared: false,
            no_verify: false,
        }
    }

    use mapctl_core::test_support::block_on;

    #[test]
    fn an_external_org_picked_from_the_discovery_is_mapped_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = context(dir.path(), vec![Answer::Pick("Acme Corporation")]);
        block_on(async {
            let repo = ctx.transaction().await.unwrap();
            let acme = repo
                .add_org("Acme Corp", Some("acme"), None)
                .await
                .unwrap()
                .0;
            run(&ctx, args("acme", "halopsa")).await.unwrap();
            let m = repo.get(&acme, "halopsa", None).await.unwrap();
            assert_eq!(
                (m.external_org_id.as_str(), m.external_org_name.as_str()),
                ("42", "Acme Corporation")
            );
            let history = repo.history(&Default::default()).await.unwrap();
            assert_eq!(
                (history[0].action.as_str(), history[0].command.as_str()),
                ("create", "map")
            );
        });
    }

    #[test]
    fn a_second_external_org_is_asked_about_at_a_terminal_and_a_cancel_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = context(dir.path(), vec![Answer::Pick("Globex"), Answer::Cancel]);
        block_on(async {
            let repo = ctx.transaction().await.unwrap();
            let acme = repo
                .add_org("Acme Corp", Some("acme"), None)
                .await
                .unwrap()
                .0;
            let mut first = args("acme", "halopsa");
            first.external_id = Some("42".into());
            run(&ctx, first).await.unwrap();
            let err = run(&ctx, args("acme", "halopsa")).await.unwrap_err();
            assert_eq!(err.kind, mapctl_core::error::ErrorKind::Usage, "{err:?}");
            let still = repo.get(&acme, "halopsa", None).await.unwrap();
            assert_eq!(still.external_org_id, "42", "nothing changed");
        });
    }
}
