//! The integration registry: canonical names, aliases, and what each is.
//! Built-ins are known by name so that mappings can be recorded before their
//! API clients exist; an integration of the platform that mapctl does not ship
//! (e.g. `halopsa_eu`) is declared by a `[integrations.NAME]` table in the
//! config file.

pub mod cache;
pub mod catalog;
pub mod discovery;
pub mod http;
pub mod rest;

use serde::Serialize;

use crate::config::Config;
use crate::error::{Error, Result};

struct BuiltIn {
    name: &'static str,
    display_name: &'static str,
    aliases: &'static [&'static str],
    /// Config keys without which the integration cannot be called.
    required: &'static [&'static str],
    /// Every key its `[integrations.NAME]` table may hold (besides the
    /// common ones and its credential fields).
    keys: &'static [&'static str],
    /// Credential fields, which the table may hold as plain values.
    credentials: &'static [&'static str],
}

/// Keys every built-in's table may hold.
const COMMON_KEYS: &[&str] = &[
    "page_size",
    "concurrency",
    "timeout_seconds",
    "connect_timeout_seconds",
];

const BUILT_INS: &[BuiltIn] = &[
    BuiltIn {
        name: "halopsa",
        display_name: "HaloPSA",
        aliases: &[],
        required: &["base_url"],
        keys: &["base_url", "tenant"],
        credentials: &["client_id", "client_secret"],
    },
    BuiltIn {
        name: "ninjaone",
        display_name: "NinjaOne",
        aliases: &["ninjarmm"],
        required: &["base_url"],
        keys: &["base_url"],
        credentials: &["client_id", "client_secret"],
    },
    BuiltIn {
        name: "microsoft_graph",
        display_name: "Microsoft 365 (Microsoft Graph)",
        aliases: &["m365"],
        required: &["tenant_id"],
        keys: &["tenant_id", "login_url", "graph_url", "source"],
        credentials: &["client_id", "client_secret"],
    },
];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntegrationInfo {
    pub name: String,
    pub display_name: String,
    pub aliases: Vec<String>,
    /// Whether `mapctl discover` can list its organizations (needs its API client).
    pub discovery: bool,
    /// Whether the config has what calling it needs (credentials are checked by
    /// `test-connection`).
    pub configured: bool,
    /// `built-in`, or the config file that declares it.
    pub defined_in: String,
}

#[derive(Debug, Clone)]
pub struct Registry {
    entries: Vec<IntegrationInfo>,
}

impl Registry {
    pub fn load(config: &Config) -> Result<Registry> {
        check_built_in_keys(config)?;
        let mut entries: Vec<IntegrationInfo> = BUILT_INS
            .iter()
            .map(|b| {
                let table = config.integrations.get(b.name);
                IntegrationInfo {
                    name: b.name.to_owned(),
                    display_name: b.display_name.to_owned(),
                    aliases: b.aliases.iter().map(|a| a.to_string()).collect(),
                    discovery: true,
                    configured: table
                        .is_some_and(|t| b.required.iter().all(|k| t.contains_key(*k))),
                    defined_in: "built-in".to_owned(),
                }
            })
            .collect();
        let file = config
            .file
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        for (name, table) in &config.integrations {
            if BUILT_INS.iter().any(|b| b.name == name) {
                continue;
            }
            if let Some(b) = BUILT_INS
                .iter()
                .find(|b| b.aliases.contains(&name.as_str()))
            {
                return Err(Error::invalid(format!(
                    "config file {file}: [integrations.{name}] uses an alias of {}",
                    b.name
                ))
                .with_hint(format!("rename the table to [integrations.{}]", b.name)));
            }
            let display_name = match table.get("display_name") {
                None => name.clone(),
                Some(toml::Value::String(s)) => s.clone(),
                Some(_) => {
                    return Err(Error::invalid(format!(
                        "config file {file}: integrations.{name}.display_name must be a string"
                    ))
                    .with_hint("quote the value, e.g. display_name = \"HaloPSA (EU)\""));
                }
            };
            entries.push(IntegrationInfo {
                name: name.clone(),
                display_name,
                aliases: Vec::new(),
                discovery: catalog::has_discovery(name, Some(table)),
                configured: table.contains_key("base_url"),
                defined_in: file.clone(),
            });
        }
        Ok(Registry { entries })
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
                "known integrations: {}; declare another with an [integrations.NAME] table in the config file",
                known.join(", ")
            ),
        };
        Err(Error::not_found(format!("unknown integration {text:?}")).with_hint(hint))
    }
}

/// A key a built-in's table does not know is a mistake (`tenat = "x"`
/// would otherwise be ignored in silence): exit 7, naming it and the file.
fn check_built_in_keys(config: &Config) -> Result<()> {
    let file = config
        .file
        .as_ref()
        .map_or_else(|| "the config file".to_owned(), |p| p.display().to_string());
    for b in BUILT_INS {
        let Some(table) = config.integrations.get(b.name) else {
            continue;
        };
        let known: Vec<&str> = b
            .keys
            .iter()
            .chain(COMMON_KEYS)
            .chain(b.credentials)
            .copied()
            .collect();
        let unknown: Vec<&String> = table
            .keys()
            .filter(|k| !known.contains(&k.as_str()))
            .collect();
        if let Some(key) = unknown.first() {
            let closest = known
                .iter()
                .map(|k| (strsim::levenshtein(k, key), *k))
                .filter(|(d, _)| *d <= 2)
                .min();
            let hint = match closest {
                Some((_, k)) => format!(
                    "did you mean {k}? Keys of [integrations.{}]: {}",
                    b.name,
                    known.join(", ")
                ),
                None => format!("keys of [integrations.{}]: {}", b.name, known.join(", ")),
            };
            return Err(Error::invalid(format!(
                "{file}: integrations.{}.{key} is not a setting of {}",
                b.name, b.display_name
            ))
            .with_hint(hint));
        }
    }
    Ok(())
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
        assert_eq!(r.list().len(), 4);
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
