//! Layered configuration (contract §3): defaults < config file < environment <
//! flags, validated once. A file that does not parse names the file, the line
//! and the key (exit 7).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Remedy, Result};
use crate::model;

/// The config file as written. Unknown keys are errors so that a typo
/// (`bakend = "azure"`) is not silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConfigFile {
    pub(crate) actor: Option<String>,
    pub(crate) output: Option<String>,
    #[serde(default)]
    pub(crate) store: StoreSection,
    #[serde(default)]
    pub(crate) secrets: SecretsSection,
    #[serde(default)]
    pub(crate) cache: CacheSection,
    #[serde(default)]
    pub(crate) integrations: BTreeMap<String, toml::Table>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StoreSection {
    pub(crate) backend: Option<BackendKind>,
    pub(crate) path: Option<PathBuf>,
    pub(crate) connection_string: Option<String>,
    pub(crate) endpoint: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SecretsSection {
    pub(crate) backend: Option<SecretsBackendKind>,
    pub(crate) vault_url: Option<String>,
    pub(crate) file: Option<PathBuf>,
    /// The Key Vault client's check that a challenge names the vault's own
    /// domain; off only for private endpoints and proxies.
    pub(crate) verify_challenge_resource: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CacheSection {
    pub(crate) ttl_seconds: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum BackendKind {
    Local,
    Azure,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SecretsBackendKind {
    Env,
    Keyvault,
    File,
}

/// Where the mappings live, fully resolved.
#[derive(Clone, PartialEq)]
pub enum StoreConfig {
    Local {
        path: PathBuf,
    },
    Azure {
        /// A secret: never printed (see the Debug impl).
        connection_string: Option<String>,
        endpoint: Option<String>,
        /// Where the credential comes from, for error hints.
        source: String,
    },
}

impl std::fmt::Debug for StoreConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreConfig::Local { path } => f.debug_struct("Local").field("path", path).finish(),
            StoreConfig::Azure {
                endpoint,
                source,
                connection_string,
            } => f
                .debug_struct("Azure")
                .field(
                    "connection_string",
                    &connection_string.as_ref().map(|_| "***"),
                )
                .field("endpoint", endpoint)
                .field("source", source)
                .finish(),
        }
    }
}

/// The effective configuration a command runs with.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file that was read, if any.
    pub file: Option<PathBuf>,
    pub actor: String,
    /// `output` from the file (flags and MAPCTL_OUTPUT win over it).
    pub output: Option<String>,
    pub store: StoreConfig,
    pub secrets_backend: SecretsBackendKind,
    pub vault_url: Option<String>,
    pub secrets_file: Option<PathBuf>,
    pub cache_ttl_seconds: u64,
    /// The discovery cache's folder (XDG cache dir).
    pub cache_dir: PathBuf,
    /// Where a review that was stopped leaves its decisions (XDG state dir).
    pub state_dir: PathBuf,
    /// Where users' integration declarations are: `$XDG_CONFIG_HOME/mapctl/integrations`.
    pub declarations_dir: PathBuf,
    pub verify_challenge_resource: bool,
    /// `[integrations.NAME]` tables, as written.
    pub integrations: BTreeMap<String, toml::Table>,
}

pub(crate) const DEFAULT_CACHE_TTL_SECONDS: u64 = 3600;

/// The environment, read once (so tests can pass their own).
pub trait Env {
    fn var(&self, name: &str) -> Option<String>;
}

pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
}

impl<const N: usize> Env for [(&str, &str); N] {
    fn var(&self, name: &str) -> Option<String> {
        self.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }
}

fn xdg() -> Result<impl etcetera::BaseStrategy> {
    etcetera::choose_base_strategy().map_err(|e| {
        Error::internal(format!("cannot find the home directory: {e}"))
            .with_hint("set HOME, or MAPCTL_CONFIG and MAPCTL_STORE_PATH")
    })
}

/// Where mapctl keeps each kind of file when no variable says otherwise.
/// Linux and macOS: XDG (`~/.config`, `~/.local/share`, `~/.cache`,
/// `~/.local/state`). Windows (contract §11): the config roams with the
/// user in `%APPDATA%`; the database, the cache and saved reviews stay on
/// the machine in `%LOCALAPPDATA%`.
enum Kind {
    Config,
    Data,
    Cache,
    State,
}

fn platform_dir(kind: Kind) -> Result<PathBuf> {
    use etcetera::BaseStrategy;
    let xdg = xdg()?;
    // etcetera's Windows strategy: config_dir and data_dir are %APPDATA%,
    // cache_dir is %LOCALAPPDATA%.
    let local = cfg!(windows);
    Ok(match kind {
        Kind::Config => xdg.config_dir().join("mapctl"),
        Kind::Data if local => xdg.cache_dir().join("mapctl"),
        Kind::Data => xdg.data_dir().join("mapctl"),
        Kind::Cache if local => xdg.cache_dir().join("mapctl").join("cache"),
        Kind::Cache => xdg.cache_dir().join("mapctl"),
        Kind::State if local => xdg.cache_dir().join("mapctl"),
        // macOS has no state dir: data it is.
        Kind::State => xdg
            .state_dir()
            .unwrap_or_else(|| xdg.data_dir())
            .join("mapctl"),
    })
}

/// `$VARIABLE/mapctl` when the XDG variable is set (on any platform), else
/// the platform's folder.
fn mapctl_dir(env: &dyn Env, variable: &str, kind: Kind) -> Result<PathBuf> {
    match env.var(variable) {
        Some(dir) => Ok(PathBuf::from(dir).join("mapctl")),
        None => platform_dir(kind),
    }
}

pub(crate) fn default_config_path(env: &dyn Env) -> Result<PathBuf> {
    Ok(mapctl_dir(env, "XDG_CONFIG_HOME", Kind::Config)?.join("config.toml"))
}

pub(crate) fn default_store_path(env: &dyn Env) -> Result<PathBuf> {
    Ok(mapctl_dir(env, "XDG_DATA_HOME", Kind::Data)?.join("mapctl.db"))
}

pub(crate) fn default_cache_dir(env: &dyn Env) -> Result<PathBuf> {
    mapctl_dir(env, "XDG_CACHE_HOME", Kind::Cache)
}

pub(crate) fn default_state_dir(env: &dyn Env) -> Result<PathBuf> {
    mapctl_dir(env, "XDG_STATE_HOME", Kind::State)
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Parses a config file, naming the line and key of the first problem.
pub(crate) fn parse_file(path: &Path, text: &str) -> Result<ConfigFile> {
    let fail = |line: Option<usize>, key: String, why: &str| {
        let at = match line {
            Some(l) => format!("line {l}"),
            None => "somewhere".to_owned(),
        };
        let key = if key.is_empty() || key == "." {
            String::new()
        } else {
            format!(", key `{key}`")
        };
        Error::invalid(format!(
            "config file {} is invalid at {at}{key}: {why}",
            path.display()
        ))
        .with_hint("fix that line (docs/ lists the keys)")
        .with_remedy(Remedy::OtherConfigFile)
    };
    let de = toml::Deserializer::parse(text).map_err(|e| {
        fail(
            e.span().map(|s| line_of(text, s.start)),
            String::new(),
            e.message(),
        )
    })?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let key = e.path().to_string();
        let inner = e.inner();
        fail(
            inner.span().map(|s| line_of(text, s.start)),
            key,
            inner.message(),
        )
    })
}

/// What the command line says about configuration.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub config: Option<PathBuf>,
}

/// Where the config file is read from, and what says so: the `--config`
/// flag, `MAPCTL_CONFIG`, or the default (XDG) place.
pub fn file_path(overrides: &Overrides, env: &dyn Env) -> Result<(PathBuf, &'static str)> {
    if let Some(p) = &overrides.config {
        return Ok((p.clone(), "--config"));
    }
    if let Some(p) = env.var("MAPCTL_CONFIG") {
        return Ok((PathBuf::from(p), "MAPCTL_CONFIG"));
    }
    Ok((default_config_path(env)?, "default"))
}

impl Config {
    pub fn load(overrides: &Overrides, env: &dyn Env) -> Result<Config> {
        let explicit = overrides
            .config
            .clone()
            .or_else(|| env.var("MAPCTL_CONFIG").map(PathBuf::from));
        let (file, parsed) = match &explicit {
            Some(path) => {
                let text = crate::text_file::read(path).map_err(|e| {
                    Error::invalid(format!(
                        "cannot read the config file {}: {e}",
                        path.display()
                    ))
                    .with_hint("check the path")
                    .with_remedy(Remedy::OtherConfigFile)
                })?;
                (Some(path.clone()), parse_file(path, &text)?)
            }
            None => {
                let path = default_config_path(env)?;
                match crate::text_file::read(&path) {
                    Ok(text) => (Some(path.clone()), parse_file(&path, &text)?),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        (None, ConfigFile::default())
                    }
                    Err(e) => {
                        return Err(Error::invalid(format!(
                            "cannot read the config file {}: {e}",
                            path.display()
                        ))
                        .with_hint("fix its permissions")
                        .with_remedy(Remedy::OtherConfigFile));
                    }
                }
            }
        };
        Self::resolve(file, parsed, env)
    }

    fn resolve(file: Option<PathBuf>, f: ConfigFile, env: &dyn Env) -> Result<Config> {
        let actor = match env.var("MAPCTL_ACTOR").or(f.actor) {
            Some(a) if a.chars().count() > model::MAX_ACTOR_LEN => {
                return Err(Error::invalid(format!(
                    "actor is {} characters long; the limit is {}",
                    a.chars().count(),
                    model::MAX_ACTOR_LEN
                ))
                .with_hint("set a shorter `actor` (or MAPCTL_ACTOR), e.g. an e-mail address"));
            }
            Some(a) if !a.trim().is_empty() => a,
            Some(_) => {
                return Err(Error::invalid("actor is empty")
                    .with_hint("set `actor` in the config file, or unset it"));
            }
            None => default_actor(env),
        };
        let backend = match env.var("MAPCTL_STORE") {
            Some(v) => match v.to_ascii_lowercase().as_str() {
                "local" => BackendKind::Local,
                "azure" => BackendKind::Azure,
                _ => {
                    return Err(Error::invalid(format!(
                        "MAPCTL_STORE={v:?} is not a store backend"
                    ))
                    .with_hint("use MAPCTL_STORE=local or MAPCTL_STORE=azure"));
                }
            },
            None => f.store.backend.unwrap_or(BackendKind::Local),
        };
        let store = match backend {
            BackendKind::Local => {
                let from_env = env.var("MAPCTL_STORE_PATH");
                let source = if from_env.is_some() {
                    "MAPCTL_STORE_PATH".to_owned()
                } else {
                    format!(
                        "store.path in {}",
                        file.as_ref()
                            .map_or_else(|| "the config file".into(), |p| p.display().to_string())
                    )
                };
                let path = match from_env.map(PathBuf::from).or(f.store.path) {
                    Some(p) if p.as_os_str().is_empty() || p.as_os_str() == "." => {
                        return Err(Error::invalid(format!("{source} is empty"))
                            .with_hint("give the path of the store's file, e.g. /var/lib/mapctl/mapctl.db, or remove it for the default"));
                    }
                    Some(p) => p,
                    None => default_store_path(env)?,
                };
                StoreConfig::Local { path }
            }
            BackendKind::Azure => {
                let file_name = file
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                let (connection_string, source) = match (
                    env.var("MAPCTL_STORAGE_CONNECTION_STRING"),
                    f.store.connection_string,
                ) {
                    (Some(c), _) => (Some(c), "MAPCTL_STORAGE_CONNECTION_STRING".to_owned()),
                    (None, Some(c)) => (Some(c), format!("store.connection_string in {file_name}")),
                    (None, None) => (
                        None,
                        "Microsoft Entra ID (AZURE_* variables, managed identity or az login)"
                            .to_owned(),
                    ),
                };
                let endpoint = f.store.endpoint;
                if connection_string.is_none() && endpoint.is_none() {
                    return Err(Error::invalid("the azure store needs a connection string or an endpoint")
                        .with_hint("set MAPCTL_STORAGE_CONNECTION_STRING, or store.connection_string or store.endpoint in the config file"));
                }
                StoreConfig::Azure {
                    connection_string,
                    endpoint,
                    source,
                }
            }
        };
        for name in f.integrations.keys() {
            model::validate_integration_name(name).map_err(|e| {
                Error::invalid(format!(
                    "config file: [integrations.{name}] is not a valid integration name: {}",
                    e.message
                ))
                .with_hint(
                    "integration names use lower-case letters, digits and '_', e.g. halopsa_eu",
                )
            })?;
        }
        Ok(Config {
            file,
            actor,
            output: f.output,
            store,
            secrets_backend: f.secrets.backend.unwrap_or(SecretsBackendKind::Env),
            vault_url: f.secrets.vault_url,
            secrets_file: f.secrets.file,
            cache_ttl_seconds: f.cache.ttl_seconds.unwrap_or(DEFAULT_CACHE_TTL_SECONDS),
            cache_dir: default_cache_dir(env)?,
            state_dir: default_state_dir(env)?,
            declarations_dir: default_config_path(env)?
                .parent()
                .map(|d| d.join("integrations"))
                .unwrap_or_default(),
            verify_challenge_resource: f.secrets.verify_challenge_resource.unwrap_or(true),
            integrations: f.integrations,
        })
    }
}

/// `$USER@hostname`, as the contract's default actor.
fn default_actor(env: &dyn Env) -> String {
    let user = env
        .var("USER")
        .or_else(|| env.var("USERNAME"))
        .unwrap_or_else(|| "unknown".into());
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    format!("{user}@{host}")
}

#[cfg(test)]
mod tests;
