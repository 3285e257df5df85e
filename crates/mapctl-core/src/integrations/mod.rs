//! The integration registry: every integration is a declaration (the
//! built-ins embedded, users' files in `$XDG_CONFIG_HOME/mapctl/integrations`,
//! a file with a built-in's name replacing it); a `[integrations.NAME]` table
//! of the config file holds its settings. A table for a name nothing
//! declares makes that name known without discovery, so that mappings can
//! be recorded before its declaration exists.

pub mod builtin;
pub mod cache;
pub mod catalog;
pub mod declaration;
pub mod discovery;
pub mod http;
pub mod integration;
pub mod rest;
pub mod spec;
pub mod template;

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::config::Config;
use crate::error::{Error, Result};
use declaration::{COMMON_SETTINGS, Declaration, Problem};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntegrationInfo {
    pub name: String,
    pub display_name: String,
    pub aliases: Vec<String>,
    /// Whether `mapctl discover` can list its organizations.
    pub discovery: bool,
    /// `psa`, `rmm`, `security`, … as its declaration says.
    pub category: Option<&'static str>,
    /// Whether the config has what calling it needs (credentials are checked by
    /// `test-connection`).
    pub configured: bool,
    /// `built-in`, or the file that declares it.
    pub defined_in: String,
    #[serde(skip)]
    pub declaration: Option<Arc<Declaration>>,
    /// A user's file that cannot be read: an error when the integration is
    /// used, a warning otherwise.
    #[serde(skip)]
    pub broken: Option<Broken>,
}

impl IntegrationInfo {
    /// An external id held to the format its declaration states (where no
    /// API is asked to confirm it): exit 7 naming the format.
    pub fn check_external_id(&self, id: &str) -> Result<()> {
        let format = self.declaration.as_ref().and_then(|d| d.id_format);
        match format.and_then(|f| f.refuses(id)) {
            None => Ok(()),
            Some(wanted) => Err(Error::invalid(format!(
                "{:?} is not a {} id: {} ids are {wanted}",
                crate::safe_text::terminal_safe(id, false),
                self.name,
                self.display_name
            ))
            .with_hint(format!(
                "`mapctl discover {}` lists the ids (or copy it from the system's admin page)",
                self.name
            ))),
        }
    }
}

/// Why a declaration file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Broken {
    pub(crate) message: String,
    pub(crate) details: Vec<String>,
    pub(crate) hint: Option<String>,
}

impl Broken {
    fn from_error(e: &Error) -> Broken {
        Broken {
            message: e.message.clone(),
            details: e.details.clone(),
            hint: e.hint.clone(),
        }
    }

    pub(crate) fn to_error(&self) -> Error {
        let mut e = Error::invalid(self.message.clone()).with_details(self.details.clone());
        e.hint = self.hint.clone();
        e
    }
}

#[derive(Debug, Clone)]
pub struct Registry {
    entries: Vec<IntegrationInfo>,
    /// What the user's declarations folder holds that cannot be used.
    pub warnings: Vec<String>,
}

/// A declaration file's problems as one error (exit 7), each in `details`.
pub(crate) fn invalid_declaration(file: &str, problems: &[Problem]) -> Error {
    Error::invalid(format!(
        "{file}: the integration declaration has {} problem{}",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    ))
    .with_details(problems.iter().map(|p| format!("{file}: {p}")).collect())
    .with_remedy(crate::error::Remedy::CheckDeclaration)
}

/// The largest declaration file read: the largest built-in is a few KB.
const MAX_DECLARATION_BYTES: u64 = 1024 * 1024;

/// Reads and checks one declaration file: a regular file (a FIFO would
/// hang every command, a link to /dev/zero fill the memory) of at most
/// [`MAX_DECLARATION_BYTES`].
pub fn read_declaration(path: &Path) -> Result<Declaration> {
    let file = path.display().to_string();
    let cannot = |why: String| Error::invalid(format!("cannot read {file}: {why}"));
    let meta =
        std::fs::metadata(path).map_err(|e| cannot(e.to_string()).with_hint("check the path"))?;
    if !meta.is_file() {
        return Err(
            cannot("it is not a regular file (a folder, a pipe or a device)".into())
                .with_hint("a declaration is a TOML file; move anything else out of the folder"),
        );
    }
    if meta.len() > MAX_DECLARATION_BYTES {
        return Err(cannot(format!(
            "it holds {} bytes; a declaration holds at most {MAX_DECLARATION_BYTES}",
            meta.len()
        )));
    }
    let text = std::fs::File::open(path)
        .and_then(|f| crate::text_file::read_limited(f, MAX_DECLARATION_BYTES + 1))
        .map_err(|e| cannot(e.to_string()).with_hint("check the path"))?;
    if text.len() as u64 > MAX_DECLARATION_BYTES {
        return Err(cannot(format!(
            "it holds more than {MAX_DECLARATION_BYTES} bytes"
        )));
    }
    declaration::parse(&text).map_err(|p| invalid_declaration(&file, &p))
}

/// An integration's name: lower-case letters, digits and underscores.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A declaration of the user's folder: read, or why not.
type UserDeclaration = (String, std::result::Result<Declaration, Error>, String);

/// The declarations of the user's folder, by name, in name order, and
/// warnings for files that are no integration's. A broken file does not
/// stop the commands that do not use it (`integrations show hudu >
/// hudu_eu.toml` reads an empty `hudu_eu.toml`).
fn user_declarations(dir: &Path, warnings: &mut Vec<String>) -> Vec<UserDeclaration> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !valid_name(&name) {
            warnings.push(format!(
                "{}: {name:?} is not an integration name, so the file is not read; name it with lower-case letters, digits and underscores, e.g. hudu_eu.toml",
                path.display()
            ));
            continue;
        }
        let read = read_declaration(&path);
        if let Err(e) = &read {
            warnings.push(format!(
                "{}; {name} cannot be used until it is fixed (`mapctl integrations check {}`)",
                e.message,
                path.display()
            ));
        }
        out.push((name, read, path.display().to_string()));
    }
    out
}

impl Registry {
    pub fn load(config: &Config) -> Result<Registry> {
        type Declared = (
            String,
            std::result::Result<Arc<Declaration>, Broken>,
            String,
        );
        let mut declared: Vec<Declared> = builtin::BUILT_INS
            .iter()
            .map(|(name, text)| {
                declaration::parse(text)
                    .map(|d| ((*name).to_owned(), Ok(Arc::new(d)), "built-in".to_owned()))
                    .map_err(|p| invalid_declaration(&format!("built-in {name}"), &p))
            })
            .collect::<Result<_>>()?;
        let mut warnings = Vec::new();
        for (name, d, file) in user_declarations(&config.declarations_dir, &mut warnings) {
            let d = d.map(Arc::new).map_err(|e| Broken::from_error(&e));
            match declared.iter_mut().find(|(n, _, _)| *n == name) {
                Some(slot) => {
                    warnings.push(format!(
                        "{file} replaces the built-in {name}; remove it to use the built-in again"
                    ));
                    *slot = (name, d, file);
                }
                None => declared.push((name, d, file)),
            }
        }
        let file = config
            .file
            .as_ref()
            .map_or_else(|| "the config file".to_owned(), |p| p.display().to_string());
        let mut entries: Vec<IntegrationInfo> = Vec::new();
        for (name, d, defined_in) in declared {
            let table = config.integrations.get(&name);
            let d = match d {
                Ok(d) => d,
                Err(broken) => {
                    entries.push(IntegrationInfo {
                        display_name: name.clone(),
                        aliases: Vec::new(),
                        discovery: false,
                        configured: false,
                        defined_in,
                        category: None,
                        name,
                        declaration: None,
                        broken: Some(broken),
                    });
                    continue;
                }
            };
            if let Some(t) = table {
                check_keys(&name, &d, t, &file)?;
            }
            entries.push(IntegrationInfo {
                category: d.category.map(|c| c.as_str()),
                broken: None,
                display_name: d.display_name.clone(),
                aliases: d.aliases.clone(),
                discovery: d.has_discovery(),
                configured: table.is_some_and(|t| {
                    d.settings
                        .iter()
                        .all(|(k, s)| !s.required || t.contains_key(k))
                }),
                defined_in,
                name,
                declaration: Some(d),
            });
        }
        for (name, table) in &config.integrations {
            if entries.iter().any(|e| e.name == *name) {
                continue;
            }
            if let Some(e) = entries.iter().find(|e| e.aliases.contains(name)) {
                return Err(Error::invalid(format!(
                    "{file}: [integrations.{name}] uses an alias of {}",
                    e.name
                ))
                .with_hint(format!("rename the table to [integrations.{}]", e.name)));
            }
            if table.contains_key("list_path") {
                return Err(Error::invalid(format!(
                    "{file}: [integrations.{name}] declares an integration inline, which mapctl no longer reads"
                ))
                .with_remedy(crate::error::Remedy::MoveDeclaration {
                    file: config
                        .declarations_dir
                        .join(format!("{name}.toml"))
                        .display()
                        .to_string(),
                }));
            }
            // A table of a name no declaration has is an integration of the
            // platform's own; one a letter or two from a declared name is
            // far likelier a typo of it.
            if let Some(near) = entries
                .iter()
                .filter(|e| e.declaration.is_some())
                .map(|e| (strsim::levenshtein(&e.name, name), &e.name))
                .filter(|(d, n)| *d <= 2 || n.starts_with(name.as_str()))
                .min()
                .map(|(_, n)| n.clone())
            {
                warnings.push(format!(
                    "{file}: [integrations.{name}] names no declared integration, so it is one of its own (no discovery); did you mean [integrations.{near}]?"
                ));
            }
            let display_name = match table.get("display_name") {
                None => name.clone(),
                Some(toml::Value::String(s)) => s.clone(),
                Some(_) => {
                    return Err(Error::invalid(format!(
                        "{file}: integrations.{name}.display_name must be a string"
                    ))
                    .with_hint("quote the value, e.g. display_name = \"HaloPSA (EU)\""));
                }
            };
            entries.push(IntegrationInfo {
                name: name.clone(),
                display_name,
                aliases: Vec::new(),
                discovery: false,
                configured: true,
                defined_in: file.clone(),
                category: None,
                declaration: None,
                broken: None,
            });
        }
        Ok(Registry { entries, warnings })
    }

    pub fn list(&self) -> &[IntegrationInfo] {
        &self.entries
    }

    /// A canonical name or alias, case-insensitively.
    pub fn resolve(&self, text: &str) -> Result<&IntegrationInfo> {
        let wanted = text.trim().to_ascii_lowercase();
        if let Some(found) = self
            .entries
            .iter()
            .find(|e| e.name == wanted || e.aliases.contains(&wanted))
        {
            if let Some(broken) = &found.broken {
                return Err(broken.to_error());
            }
            return Ok(found);
        }
        let closest = self
            .entries
            .iter()
            .flat_map(|e| std::iter::once(&e.name).chain(e.aliases.iter()))
            .map(|n| (strsim::levenshtein(n, &wanted), n))
            .filter(|(d, _)| *d <= 3)
            .min();
        let known: Vec<&str> = self.entries.iter().map(|e| e.name.as_str()).collect();
        let hint = match closest {
            Some((_, n)) => format!("did you mean {n}? Known integrations: {}", known.join(", ")),
            None => format!(
                "known integrations: {}; declare another in $XDG_CONFIG_HOME/mapctl/integrations/NAME.toml",
                known.join(", ")
            ),
        };
        Err(Error::not_found(format!("unknown integration {text:?}")).with_hint(hint))
    }
}

/// A key an integration's settings table does not know is a mistake
/// (`tenat = "x"` would otherwise be ignored in silence): exit 7, naming it
/// and the file, with the closest key.
fn check_keys(name: &str, d: &Declaration, table: &toml::Table, file: &str) -> Result<()> {
    let credentials = d.credential_fields();
    let known: Vec<&str> = d
        .settings
        .keys()
        .map(String::as_str)
        .chain(COMMON_SETTINGS.iter().copied())
        .chain(credentials.iter().map(String::as_str))
        .collect();
    let Some(key) = table.keys().find(|k| !known.contains(&k.as_str())) else {
        return Ok(());
    };
    let closest = known
        .iter()
        .map(|k| (strsim::levenshtein(k, key), *k))
        .filter(|(dist, _)| *dist <= 2)
        .min();
    let hint = match closest {
        Some((_, k)) => format!(
            "did you mean {k}? Keys of [integrations.{name}]: {}",
            known.join(", ")
        ),
        None => format!("keys of [integrations.{name}]: {}", known.join(", ")),
    };
    Err(Error::invalid(format!(
        "{file}: integrations.{name}.{key} is not a setting of {}",
        d.display_name
    ))
    .with_hint(hint))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, SecretsBackendKind, StoreConfig};

    fn config(toml_text: &str) -> Config {
        let integrations = toml::from_str::<toml::Table>(toml_text)
            .unwrap()
            .into_iter()
            .map(|(k, v)| (k, v.as_table().unwrap().clone()))
            .collect();
        Config {
            file: Some("/etc/mapctl/config.toml".into()),
            actor: "t".into(),
            output: None,
            store: StoreConfig::Local {
                path: "/tmp/x.db".into(),
            },
            secrets_backend: SecretsBackendKind::Env,
            vault_url: None,
            secrets_file: None,
            cache_ttl_seconds: 0,
            cache_dir: "/tmp/cache".into(),
            state_dir: "/tmp/state".into(),
            declarations_dir: "/nonexistent/integrations".into(),
            verify_challenge_resource: true,
            integrations,
        }
    }

    #[test]
    fn aliases_and_case_resolve_to_canonical_names() {
        let r = Registry::load(&config("")).unwrap();
        assert_eq!(r.resolve("m365").unwrap().name, "microsoft_graph");
        assert_eq!(r.resolve("NinjaRMM").unwrap().name, "ninjaone");
        assert_eq!(r.resolve("halopsa").unwrap().name, "halopsa");
        let err = r.resolve("halopas").unwrap_err();
        assert!(err.hint.unwrap().contains("did you mean halopsa"));
        assert!(r.resolve("halopsa_eu").is_err(), "not declared");
    }

    #[test]
    fn declared_integrations_join_the_built_ins() {
        let r = Registry::load(&config(
            "[halopsa_eu]\nbase_url = \"https://eu.halo\"\ndisplay_name = \"HaloPSA EU\"\n[halopsa]\nbase_url = \"https://x\"\n",
        ))
        .unwrap();
        let eu = r.resolve("halopsa_eu").unwrap();
        assert_eq!(eu.display_name, "HaloPSA EU");
        assert_eq!(eu.defined_in, "/etc/mapctl/config.toml");
        assert!(r.resolve("halopsa").unwrap().configured);
        assert!(!r.resolve("ninjaone").unwrap().configured);
        assert_eq!(r.list().len(), builtin::BUILT_INS.len() + 1);
    }

    #[test]
    fn a_misspelt_key_of_a_built_in_is_refused_with_a_suggestion() {
        let err = Registry::load(&config(
            "[halopsa]\nbase_url = \"https://x\"\ntenat = \"acme\"\n",
        ))
        .unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::InvalidInput);
        assert!(
            err.message.contains("integrations.halopsa.tenat"),
            "{}",
            err.message
        );
        assert!(err.hint.unwrap().contains("did you mean tenant?"));
        let ok = "[halopsa]\nbase_url = \"https://x\"\ntenant = \"a\"\npage_size = 100\nclient_id = \"id\"\n";
        assert!(Registry::load(&config(ok)).is_ok());
    }

    #[test]
    fn an_alias_cannot_be_declared() {
        assert!(Registry::load(&config("[m365]\n")).is_err());
    }
}
