use super::*;

fn parse(text: &str) -> Result<ConfigFile> {
    parse_file(Path::new("/etc/mapctl.toml"), text)
}

#[test]
fn the_contract_example_parses() {
    let f = parse(
        r#"
actor = "jane@msp.example"
[store]
backend = "azure"
connection_string = "UseDevelopmentStorage=true"
[secrets]
backend = "keyvault"
vault_url = "https://my-vault.vault.azure.net"
[cache]
ttl_seconds = 3600
[integrations.halopsa]
base_url = "https://acme.halopsa.com"
tenant = "acme"
[integrations.microsoft_graph]
tenant_id = "00000000-0000-0000-0000-000000000000"
"#,
    )
    .unwrap();
    assert_eq!(f.store.backend, Some(BackendKind::Azure));
    assert_eq!(f.secrets.backend, Some(SecretsBackendKind::Keyvault));
    assert_eq!(f.integrations["halopsa"]["tenant"].as_str(), Some("acme"));
}

#[test]
fn errors_name_the_file_line_and_key() {
    let err = parse("actor = \"x\"\n\n[store]\nbakend = \"azure\"\n").unwrap_err();
    assert_eq!(err.kind, crate::error::ErrorKind::InvalidInput);
    assert!(err.message.contains("/etc/mapctl.toml"), "{}", err.message);
    assert!(err.message.contains("line 4"), "{}", err.message);
    assert!(err.message.contains("bakend"), "{}", err.message);

    let err = parse("[store]\nbackend = \"azur\"\n").unwrap_err();
    assert!(err.message.contains("line 2"), "{}", err.message);
    assert!(
        err.message.contains("key `store.backend`"),
        "{}",
        err.message
    );

    let err = parse("[cache]\nttl_seconds = \"soon\"\n").unwrap_err();
    assert!(
        err.message.contains("key `cache.ttl_seconds`"),
        "{}",
        err.message
    );

    let err = parse("[store\n").unwrap_err();
    assert!(err.message.contains("line 1"), "{}", err.message);
}

#[test]
fn environment_overrides_the_file() {
    let f = parse("[store]\npath = \"/from/file.db\"\n").unwrap();
    let c = Config::resolve(
        None,
        f,
        &[("MAPCTL_STORE_PATH", "/from/env.db"), ("USER", "u")],
    )
    .unwrap();
    assert_eq!(
        c.store,
        StoreConfig::Local {
            path: "/from/env.db".into()
        }
    );

    let f = parse("[store]\npath = \"/from/file.db\"\n").unwrap();
    let c = Config::resolve(None, f, &[("USER", "u"), ("XDG_DATA_HOME", "/d")]).unwrap();
    assert_eq!(
        c.store,
        StoreConfig::Local {
            path: "/from/file.db".into()
        }
    );

    let c = Config::resolve(None, ConfigFile::default(), &[("XDG_DATA_HOME", "/d")]).unwrap();
    assert_eq!(
        c.store,
        StoreConfig::Local {
            path: "/d/mapctl/mapctl.db".into()
        }
    );
}

#[test]
fn azure_needs_a_connection_string_or_endpoint() {
    let err =
        Config::resolve(None, ConfigFile::default(), &[("MAPCTL_STORE", "azure")]).unwrap_err();
    assert_eq!(err.kind, crate::error::ErrorKind::InvalidInput);
    let c = Config::resolve(
        None,
        ConfigFile::default(),
        &[
            ("MAPCTL_STORE", "AZURE"),
            (
                "MAPCTL_STORAGE_CONNECTION_STRING",
                "UseDevelopmentStorage=true",
            ),
        ],
    )
    .unwrap();
    assert!(matches!(c.store, StoreConfig::Azure { .. }));
    let err = Config::resolve(None, ConfigFile::default(), &[("MAPCTL_STORE", "s3")]).unwrap_err();
    assert!(err.hint.unwrap().contains("MAPCTL_STORE=local"));
}

#[test]
fn actor_defaults_to_user_at_host() {
    let c = Config::resolve(
        None,
        ConfigFile::default(),
        &[("USER", "jane"), ("XDG_DATA_HOME", "/d")],
    )
    .unwrap();
    assert!(c.actor.starts_with("jane@"), "{}", c.actor);
    let f = parse("actor = \"ci-bot\"").unwrap();
    assert_eq!(
        Config::resolve(None, f, &[("XDG_DATA_HOME", "/d")])
            .unwrap()
            .actor,
        "ci-bot"
    );
}

#[test]
fn integration_table_names_are_validated() {
    let f = parse("[integrations.Halo-EU]\nbase_url = \"https://x\"\n").unwrap();
    let err = Config::resolve(None, f, &[("XDG_DATA_HOME", "/d")]).unwrap_err();
    assert!(err.message.contains("Halo-EU"));
}
