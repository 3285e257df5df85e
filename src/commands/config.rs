//! `mapctl config path|show|edit` (as `gh config`, `az configure`): where
//! the config file is, the effective configuration with secrets masked
//! and where each value came from, and the file in an editor.

use serde::Serialize;

use crate::context::Context;
use crate::ui::Tabular;
use mapctl_core::config::{Config, Overrides, ProcessEnv, StoreConfig};
use mapctl_core::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Print where the config file is (whether it exists or not)
    Path,
    /// The effective configuration, secrets masked, with where each value came from
    Show,
    /// Open the config file in $VISUAL or $EDITOR (created with a commented template if missing)
    Edit,
}

/// `config path` needs no configuration: it works with a broken file.
/// The path alone on stdout (for `$EDITOR "$(mapctl config path)"`), what
/// chose it on stderr.
pub fn path(overrides: &Overrides) -> Result<(String, String)> {
    let (path, from) = mapctl_core::config::file_path(overrides, &ProcessEnv)?;
    let exists = if path.exists() {
        ""
    } else {
        ", does not exist yet"
    };
    Ok((path.display().to_string(), format!("(from {from}{exists})")))
}

/// The file a run read (or would read), and what chose it.
fn in_use(ctx: &Context) -> Result<(std::path::PathBuf, &'static str)> {
    let (fallback, from) = mapctl_core::config::file_path(&Overrides::default(), &ProcessEnv)?;
    Ok(match &ctx.config.file {
        Some(p) if *p != fallback => (p.clone(), "--config"),
        _ => (fallback, from),
    })
}

#[derive(Debug, Serialize)]
struct Setting {
    key: &'static str,
    value: String,
    source: String,
}

impl Tabular for Setting {
    fn headers() -> Vec<&'static str> {
        vec!["KEY", "VALUE", "SOURCE"]
    }
    fn cells(&self) -> Vec<String> {
        vec![self.key.into(), self.value.clone(), self.source.clone()]
    }
    fn json_keys() -> &'static [&'static str] {
        &["key", "value", "source"]
    }
}

/// Where a value came from: its environment variable when set, else the
/// file when it has the key, else the default.
fn source(env: &[&str], file: Option<&toml::Table>, path: &[&str]) -> String {
    if let Some(var) = env.iter().find(|v| std::env::var_os(v).is_some()) {
        return format!("env {var}");
    }
    let mut table = file;
    for (i, key) in path.iter().enumerate() {
        match table.and_then(|t| t.get(*key)) {
            Some(toml::Value::Table(t)) if i + 1 < path.len() => table = Some(t),
            Some(_) if i + 1 == path.len() => return "file".into(),
            _ => break,
        }
    }
    "default".into()
}

fn settings(config: &Config) -> Vec<Setting> {
    let file: Option<toml::Table> = config
        .file
        .as_ref()
        .and_then(|p| mapctl_core::text_file::read(p).ok())
        .and_then(|t| t.parse().ok());
    let file = file.as_ref();
    let mut out = vec![Setting {
        key: "actor",
        value: config.actor.clone(),
        source: source(&["MAPCTL_ACTOR"], file, &["actor"]),
    }];
    match &config.store {
        StoreConfig::Local { path } => {
            out.push(Setting {
                key: "store.backend",
                value: "local".into(),
                source: source(&["MAPCTL_STORE"], file, &["store", "backend"]),
            });
            out.push(Setting {
                key: "store.path",
                value: path.display().to_string(),
                source: source(
                    &["MAPCTL_STORE_PATH", "XDG_DATA_HOME"],
                    file,
                    &["store", "path"],
                ),
            });
        }
        StoreConfig::Azure { endpoint, .. } => {
            out.push(Setting {
                key: "store.backend",
                value: "azure".into(),
                source: source(&["MAPCTL_STORE"], file, &["store", "backend"]),
            });
            out.push(Setting {
                key: "store.endpoint",
                // A connection string holds the account key: never shown.
                value: endpoint
                    .clone()
                    .unwrap_or_else(|| "(from the connection string, not shown)".into()),
                source: source(
                    &["MAPCTL_STORAGE_CONNECTION_STRING"],
                    file,
                    &["store", "connection_string"],
                ),
            });
        }
    }
    out.push(Setting {
        key: "secrets.backend",
        value: format!("{:?}", config.secrets_backend).to_lowercase(),
        source: source(&[], file, &["secrets", "backend"]),
    });
    if let Some(v) = &config.vault_url {
        out.push(Setting {
            key: "secrets.vault_url",
            value: v.clone(),
            source: source(&[], file, &["secrets", "vault_url"]),
        });
    }
    out.push(Setting {
        key: "cache.ttl_seconds",
        value: config.cache_ttl_seconds.to_string(),
        source: source(&[], file, &["cache", "ttl_seconds"]),
    });
    out.push(Setting {
        key: "cache (folder)",
        value: config.cache_dir.display().to_string(),
        source: source(&["XDG_CACHE_HOME"], None, &[]),
    });
    out.push(Setting {
        key: "declarations (folder)",
        value: config.declarations_dir.display().to_string(),
        source: source(&["XDG_CONFIG_HOME"], None, &[]),
    });
    out.push(Setting {
        key: "integrations",
        value: config
            .integrations
            .keys()
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
        source: if config.integrations.is_empty() {
            "default".into()
        } else {
            "file".into()
        },
    });
    out
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    match args.action {
        Action::Path => {
            let (path, from) = in_use(ctx)?;
            ctx.ui.status(&format!("(from {from})"));
            ctx.ui.write_data(&format!("{}\n", path.display()))
        }
        Action::Show => {
            let (path, from) = in_use(ctx)?;
            ctx.ui.status(&format!(
                "config file: {} ({from}{})",
                path.display(),
                if path.exists() {
                    ""
                } else {
                    ", does not exist"
                }
            ));
            ctx.ui.print_list(&settings(&ctx.config))
        }
        Action::Edit => edit(&in_use(ctx)?.0),
    }
}

const TEMPLATE: &str = "# mapctl configuration: see `mapctl config show` and docs/.\n# actor = \"jane@msp.example\"\n#\n# [store]\n# backend = \"local\"        # or \"azure\"\n#\n# [integrations.halopsa]\n# base_url = \"https://msp.halopsa.com\"\n";

fn edit(path: &std::path::Path) -> Result<()> {
    if !path.exists() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::internal(format!("cannot create {}: {e}", dir.display())))?;
        }
        std::fs::write(path, TEMPLATE)
            .map_err(|e| Error::internal(format!("cannot create {}: {e}", path.display())))?;
    }
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .map_err(|_| {
            Error::usage("no editor: neither VISUAL nor EDITOR is set").with_hint(format!(
                "set EDITOR, or edit {} with any editor",
                path.display()
            ))
        })?;
    // The editor as the shell would run it ("code --wait" included).
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(path)
        .status()
        .map_err(|e| {
            Error::usage(format!("cannot start {program}: {e}"))
                .with_hint("set EDITOR to an editor on your PATH")
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::internal(format!("{program} exited with {status}")))
    }
}
