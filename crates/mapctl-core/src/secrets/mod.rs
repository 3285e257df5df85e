//! Where integration credentials come from (contract §3). Field F of
//! integration I is looked up in the environment (`MAPCTL_{I}_{F}`), then in
//! the secrets backend under `{i}-{f}` (a Key Vault secret or a key of the
//! secrets file), then as a plain value in `[integrations.I]`. Values never
//! reach output; only where they came from does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;

use crate::config::{Config, Env, SecretsBackendKind};
use crate::error::{Error, ErrorKind, Result};

pub(crate) mod keyvault;

/// A store of named secrets.
#[async_trait]
pub trait SecretSource: Send + Sync {
    /// Where a secret of this name lives, for messages ("Key Vault secret x in https://…").
    fn describe(&self, name: &str) -> String;
    async fn get(&self, name: &str) -> Result<Option<String>>;
}

/// A credential and where it came from.
#[derive(Clone, PartialEq)]
pub(crate) struct Found {
    pub(crate) value: String,
    pub(crate) source: String,
}

impl std::fmt::Debug for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Found")
            .field("value", &"***")
            .field("source", &self.source)
            .finish()
    }
}

pub(crate) fn env_name(integration: &str, field: &str) -> String {
    format!("MAPCTL_{}_{}", integration, field).to_ascii_uppercase()
}

pub(crate) fn secret_name(integration: &str, field: &str) -> String {
    format!("{integration}-{field}").replace('_', "-")
}

/// A TOML file of `name = "value"`; refused when group or others can read it.
pub(crate) struct FileSecrets {
    path: PathBuf,
    values: BTreeMap<String, String>,
}

impl FileSecrets {
    pub(crate) fn open(path: &Path) -> Result<FileSecrets> {
        let fail = |why: String| {
            Error::invalid(format!("secrets file {}: {why}", path.display()))
                .with_hint("secrets.file names a TOML file of name = \"value\" lines")
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let meta = std::fs::metadata(path).map_err(|e| fail(e.to_string()))?;
            let mode = meta.permissions().mode();
            if mode & 0o077 != 0 {
                return Err(Error::new(
                    ErrorKind::Auth,
                    format!(
                        "secrets file {} can be read by others (mode {:o}); it is not used",
                        path.display(),
                        mode & 0o777
                    ),
                )
                .with_hint(format!("run: chmod 600 {}", path.display())));
            }
        }
        let text = crate::text_file::read(path).map_err(|e| fail(e.to_string()))?;
        let table: toml::Table =
            toml::from_str(&text).map_err(|e| fail(format!("not valid TOML: {}", e.message())))?;
        let mut values = BTreeMap::new();
        for (k, v) in table {
            match v {
                toml::Value::String(s) => {
                    values.insert(k, s);
                }
                _ => return Err(fail(format!("{k} must be a string"))),
            }
        }
        Ok(FileSecrets {
            path: path.to_owned(),
            values,
        })
    }
}

#[async_trait]
impl SecretSource for FileSecrets {
    fn describe(&self, name: &str) -> String {
        format!("key {name} of the secrets file {}", self.path.display())
    }
    async fn get(&self, name: &str) -> Result<Option<String>> {
        Ok(self.values.get(name).cloned())
    }
}

/// How long a secret read from the backend is reused: one request per
/// secret however often a run (or a server, for this long) needs it, and a
/// rotated secret picked up within minutes.
const BACKEND_REUSE: std::time::Duration = std::time::Duration::from_secs(300);

/// What the backend answered for a secret name, and when.
type Answered = (std::time::Instant, Option<String>);

/// The lookup chain of one run.
pub(crate) struct Credentials {
    env: Box<dyn Env + Send + Sync>,
    backend: Option<Arc<dyn SecretSource>>,
    config_file: String,
    integrations: BTreeMap<String, toml::Table>,
    /// The backend's answers, by secret name (absent ones too).
    answered: std::sync::Mutex<std::collections::HashMap<String, Answered>>,
}

impl Credentials {
    pub(crate) fn new(
        config: &Config,
        env: Box<dyn Env + Send + Sync>,
        backend: Option<Arc<dyn SecretSource>>,
    ) -> Credentials {
        Credentials {
            env,
            backend,
            config_file: config
                .file
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "the config file".into()),
            integrations: config.integrations.clone(),
            answered: Default::default(),
        }
    }

    /// A secret of the backend, asked once per [`BACKEND_REUSE`].
    async fn ask_backend(&self, backend: &dyn SecretSource, name: &str) -> Result<Option<String>> {
        if let Some((at, value)) = self.answered.lock().expect("not poisoned").get(name)
            && at.elapsed() < BACKEND_REUSE
        {
            return Ok(value.clone());
        }
        let value = backend.get(name).await?;
        self.answered
            .lock()
            .expect("not poisoned")
            .insert(name.to_owned(), (std::time::Instant::now(), value.clone()));
        Ok(value)
    }

    /// The secrets backend the config names (None for `env`).
    pub(crate) fn backend_from(
        config: &Config,
        keyvault: impl FnOnce(&str) -> Result<Arc<dyn SecretSource>>,
    ) -> Result<Option<Arc<dyn SecretSource>>> {
        match config.secrets_backend {
            SecretsBackendKind::Env => Ok(None),
            SecretsBackendKind::File => {
                let path = config.secrets_file.as_ref().ok_or_else(|| {
                    Error::invalid("secrets.backend = \"file\" needs secrets.file")
                        .with_hint("set secrets.file = \"/etc/mapctl/secrets.toml\"")
                })?;
                Ok(Some(Arc::new(FileSecrets::open(path)?)))
            }
            SecretsBackendKind::Keyvault => {
                let url = config.vault_url.as_deref().ok_or_else(|| {
                    Error::invalid("secrets.backend = \"keyvault\" needs secrets.vault_url")
                        .with_hint("set secrets.vault_url = \"https://my-vault.vault.azure.net\"")
                })?;
                Ok(Some(keyvault(url)?))
            }
        }
    }

    /// A credential, if any place has it; its value is registered for redaction.
    pub(crate) async fn lookup(&self, integration: &str, field: &str) -> Result<Option<Found>> {
        let found = self.find(integration, field).await?;
        if let Some(f) = &found {
            crate::redact::register(&f.value);
        }
        Ok(found)
    }

    async fn find(&self, integration: &str, field: &str) -> Result<Option<Found>> {
        let var = env_name(integration, field);
        if let Some(value) = self.env.var(&var) {
            return Ok(Some(Found { value, source: var }));
        }
        if let Some(backend) = &self.backend {
            let name = secret_name(integration, field);
            if let Some(value) = self.ask_backend(backend.as_ref(), &name).await? {
                return Ok(Some(Found {
                    value,
                    source: backend.describe(&name),
                }));
            }
        }
        let plain = self
            .integrations
            .get(integration)
            .and_then(|t| t.get(field))
            .and_then(|v| v.as_str());
        Ok(plain.map(|value| Found {
            value: value.to_owned(),
            source: format!("integrations.{integration}.{field} in {}", self.config_file),
        }))
    }

    /// A credential that must exist: missing is exit 5, naming every place that would satisfy it.
    pub(crate) async fn require(&self, integration: &str, field: &str) -> Result<Found> {
        if let Some(found) = self.lookup(integration, field).await? {
            return Ok(found);
        }
        let mut places = vec![format!(
            "the environment variable {}",
            env_name(integration, field)
        )];
        match &self.backend {
            Some(b) => places.push(b.describe(&secret_name(integration, field))),
            None => places.push(format!(
                "the secret {} (with secrets.backend = \"keyvault\" or \"file\")",
                secret_name(integration, field)
            )),
        }
        places.push(format!(
            "integrations.{integration}.{field} in {}",
            self.config_file
        ));
        Err(Error::new(
            ErrorKind::Auth,
            format!("{integration} needs {field}, and none was found"),
        )
        .with_hint(format!("set one of: {}", places.join("; "))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_contract() {
        assert_eq!(
            env_name("microsoft_graph", "client_id"),
            "MAPCTL_MICROSOFT_GRAPH_CLIENT_ID"
        );
        assert_eq!(
            secret_name("microsoft_graph", "client_id"),
            "microsoft-graph-client-id"
        );
        assert_eq!(
            secret_name("halopsa", "client_secret"),
            "halopsa-client-secret"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_secrets_file_others_can_read_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.toml");
        std::fs::write(&path, "halopsa-client-secret = \"s3cr3t\"\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = FileSecrets::open(&path).err().unwrap();
        assert_eq!(err.kind, ErrorKind::Auth);
        assert!(err.hint.unwrap().contains("chmod 600"));
        assert!(!err.message.contains("s3cr3t"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let file = FileSecrets::open(&path).unwrap();
        let got = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(file.get("halopsa-client-secret"));
        assert_eq!(got.unwrap().as_deref(), Some("s3cr3t"));
    }
}
