//! Turns configuration into a ready integration: the built-ins' specs (facts
//! of external-apis.md), and the specs of integrations declared in the
//! config file, all run by the one REST engine.

use std::time::Duration;

use super::http::{ClientCredentials, HttpClient, HttpSettings, Trace, check_url};
use super::rest::{Paging, RestIntegration, Spec};
use crate::error::{Error, Result};
use crate::secrets::Credentials;

/// The config table of an integration, with messages that name its keys.
pub struct Table<'a> {
    name: &'a str,
    table: Option<&'a toml::Table>,
    file: String,
}

impl<'a> Table<'a> {
    pub fn new(name: &'a str, table: Option<&'a toml::Table>, file: String) -> Self {
        Table { name, table, file }
    }

    fn key(&self, key: &str) -> String {
        format!("integrations.{}.{key}", self.name)
    }

    pub fn str(&self, key: &str) -> Result<Option<String>> {
        match self.table.and_then(|t| t.get(key)) {
            None => Ok(None),
            Some(toml::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Error::invalid(format!(
                "{} in {} must be a string",
                self.key(key),
                self.file
            ))
            .with_hint("quote the value")),
        }
    }

    pub fn str_or(&self, key: &str, default: &str) -> Result<String> {
        Ok(self.str(key)?.unwrap_or_else(|| default.to_owned()))
    }

    pub fn required(&self, key: &str) -> Result<String> {
        self.str(key)?.ok_or_else(|| {
            Error::invalid(format!(
                "{} needs {} in {}",
                self.name,
                self.key(key),
                self.file
            ))
            .with_hint(format!(
                "add `{key} = \"…\"` under [integrations.{}]",
                self.name
            ))
        })
    }

    pub fn number(&self, key: &str, default: usize) -> Result<usize> {
        match self.table.and_then(|t| t.get(key)) {
            None => Ok(default),
            Some(toml::Value::Integer(n)) if *n > 0 => Ok(*n as usize),
            Some(_) => Err(Error::invalid(format!(
                "{} in {} must be a positive number",
                self.key(key),
                self.file
            ))
            .with_hint("write it without quotes, e.g. page_size = 100")),
        }
    }

    pub fn url(&self, key: &str, default: Option<&str>) -> Result<url::Url> {
        let text = match default {
            Some(d) => self.str_or(key, d)?,
            None => self.required(key)?,
        };
        check_url(&self.key(key), &text)
    }
}

/// Whether a built-in or declared integration can list organizations.
pub fn has_discovery(name: &str, table: Option<&toml::Table>) -> bool {
    matches!(name, "halopsa" | "ninjaone" | "microsoft_graph")
        || table.is_some_and(|t| t.contains_key("list_path"))
}

pub struct Build<'a> {
    pub name: &'a str,
    pub table: Table<'a>,
    pub credentials: &'a Credentials,
    pub settings: HttpSettings,
    pub trace: Option<Trace>,
}

impl Build<'_> {
    async fn oauth(&self, token_url: url::Url, scope: Option<String>) -> Result<ClientCredentials> {
        let id = self.credentials.require(self.name, "client_id").await?;
        let secret = self.credentials.require(self.name, "client_secret").await?;
        Ok(ClientCredentials {
            token_url,
            extra: scope
                .map(|s| vec![("scope".to_owned(), s)])
                .unwrap_or_default(),
            client_id: id.value,
            client_secret: secret.value,
            source: format!("{} and {}", id.source, secret.source),
        })
    }

    fn settings(&self) -> Result<HttpSettings> {
        let mut s = self.settings.clone();
        let t = &self.table;
        s.timeout =
            Duration::from_secs(t.number("timeout_seconds", s.timeout.as_secs() as usize)? as u64);
        s.connect_timeout = Duration::from_secs(t.number(
            "connect_timeout_seconds",
            s.connect_timeout.as_secs() as usize,
        )? as u64);
        Ok(s)
    }

    /// The integration, ready to call: config read, credentials resolved.
    pub async fn build(self) -> Result<RestIntegration> {
        let t = &self.table;
        let (spec, oauth, headers) = match self.name {
            "halopsa" => {
                let base = t.url("base_url", None)?;
                let mut token_url = check_url(
                    &t.key("base_url"),
                    &format!("{}/auth/token", base.as_str().trim_end_matches('/')),
                )?;
                if let Some(tenant) = t.str("tenant")? {
                    token_url.query_pairs_mut().append_pair("tenant", &tenant);
                }
                let size = t.number("page_size", 1000)?;
                let spec = Spec {
                    name: self.name.into(),
                    base_url: base,
                    list_path: "/api/Client?pageinate=true".into(),
                    items_pointer: "/clients".into(),
                    id_pointer: "/id".into(),
                    name_pointer: "/name".into(),
                    metadata: vec![
                        ("inactive".into(), "/inactive".into()),
                        ("toplevel_id".into(), "/toplevel_id".into()),
                        ("toplevel_name".into(), "/toplevel_name".into()),
                    ],
                    paging: Paging::PageNumber {
                        page_param: "page_no".into(),
                        size_param: "page_size".into(),
                        size,
                        total_pointer: "/record_count".into(),
                    },
                    get_path: Some("/api/Client/{id}".into()),
                    test_path: "/api/Client?pageinate=true&page_size=1&page_no=1".into(),
                    concurrency: t.number("concurrency", 6)?,
                };
                (
                    spec,
                    Some(self.oauth(token_url, Some("all".into())).await?),
                    vec![],
                )
            }
            "ninjaone" => {
                let base = t.url("base_url", None)?;
                let token_url = check_url(
                    &t.key("base_url"),
                    &format!("{}/ws/oauth/token", base.as_str().trim_end_matches('/')),
                )?;
                let spec = Spec {
                    name: self.name.into(),
                    base_url: base,
                    list_path: "/v2/organizations".into(),
                    items_pointer: String::new(),
                    id_pointer: "/id".into(),
                    name_pointer: "/name".into(),
                    metadata: vec![("description".into(), "/description".into())],
                    paging: Paging::Keyset {
                        after_param: "after".into(),
                        size_param: "pageSize".into(),
                        size: t.number("page_size", 1000)?,
                    },
                    get_path: Some("/v2/organization/{id}".into()),
                    test_path: "/v2/organizations?pageSize=1".into(),
                    concurrency: 1,
                };
                (
                    spec,
                    Some(
                        self.oauth(token_url, Some("monitoring management".into()))
                            .await?,
                    ),
                    vec![],
                )
            }
            "microsoft_graph" => {
                let tenant = t.required("tenant_id")?;
                let login = t.url("login_url", Some("https://login.microsoftonline.com"))?;
                let graph = t.url("graph_url", Some("https://graph.microsoft.com"))?;
                let token_url = check_url(
                    &t.key("login_url"),
                    &format!(
                        "{}/{tenant}/oauth2/v2.0/token",
                        login.as_str().trim_end_matches('/')
                    ),
                )?;
                let (list_path, id_pointer, metadata, test_path) =
                    match t.str_or("source", "contracts")?.as_str() {
                        "contracts" => (
                            "/v1.0/contracts",
                            "/customerId",
                            vec![
                                ("default_domain".to_owned(), "/defaultDomainName".to_owned()),
                                ("contract_type".to_owned(), "/contractType".to_owned()),
                            ],
                            "/v1.0/contracts?$top=1",
                        ),
                        "gdap" => (
                            "/v1.0/tenantRelationships/delegatedAdminCustomers?$top=300",
                            "/tenantId",
                            vec![],
                            "/v1.0/tenantRelationships/delegatedAdminCustomers?$top=1",
                        ),
                        other => {
                            return Err(Error::invalid(format!(
                                "{} = {other:?} is not a customer source",
                                t.key("source")
                            ))
                            .with_hint("use source = \"contracts\" (the default) or \"gdap\""));
                        }
                    };
                let spec = Spec {
                    name: self.name.into(),
                    base_url: graph,
                    list_path: list_path.into(),
                    items_pointer: "/value".into(),
                    id_pointer: id_pointer.into(),
                    name_pointer: "/displayName".into(),
                    metadata,
                    paging: Paging::NextLink {
                        next_pointer: "/@odata.nextLink".into(),
                    },
                    get_path: None,
                    test_path: test_path.into(),
                    concurrency: 1,
                };
                (
                    spec,
                    Some(
                        self.oauth(
                            token_url,
                            Some("https://graph.microsoft.com/.default".into()),
                        )
                        .await?,
                    ),
                    vec![],
                )
            }
            _ => self.declared().await?,
        };
        let http = HttpClient::new(
            self.name,
            self.settings()?,
            oauth,
            headers,
            self.trace.clone(),
        )?;
        Ok(RestIntegration::new(spec, http))
    }

    /// An integration declared in the config file.
    async fn declared(&self) -> Result<(Spec, Option<ClientCredentials>, Vec<(String, String)>)> {
        let t = &self.table;
        let base = t.url("base_url", None)?;
        let list_path = t.str("list_path")?.ok_or_else(|| {
            Error::usage(format!(
                "{} is declared without list_path, so it has no discovery",
                self.name
            ))
            .with_hint(format!(
                "add list_path (and the pointers) under [integrations.{}], or use --no-verify",
                self.name
            ))
        })?;
        let size = t.number("page_size", 100)?;
        let paging = match t.str_or("paging", "short_page")?.as_str() {
            "page_number" => Paging::PageNumber {
                page_param: t.str_or("page_param", "page")?,
                size_param: t.str_or("size_param", "page_size")?,
                size,
                total_pointer: t.required("total_pointer")?,
            },
            "keyset" => Paging::Keyset {
                after_param: t.str_or("after_param", "after")?,
                size_param: t.str_or("size_param", "pageSize")?,
                size,
            },
            "next_link" => Paging::NextLink {
                next_pointer: t.required("next_pointer")?,
            },
            "short_page" => Paging::ShortPage {
                page_param: t.str_or("page_param", "page")?,
                size_param: t.str_or("size_param", "page_size")?,
                size,
            },
            other => {
                return Err(Error::invalid(format!(
                    "{} = {other:?} is not a paging style",
                    t.key("paging")
                ))
                .with_hint("use page_number, keyset, next_link or short_page"));
            }
        };
        let (oauth, headers) = match t.str_or("auth", "oauth2")?.as_str() {
            "oauth2" => {
                let token = t.required("token_url")?;
                let token_url = if token.starts_with('/') {
                    check_url(
                        &t.key("token_url"),
                        &format!("{}{token}", base.as_str().trim_end_matches('/')),
                    )?
                } else {
                    check_url(&t.key("token_url"), &token)?
                };
                (Some(self.oauth(token_url, t.str("scope")?).await?), vec![])
            }
            "api_key" => {
                let key = self.credentials.require(self.name, "api_key").await?;
                (
                    None,
                    vec![(t.str_or("api_key_header", "x-api-key")?, key.value)],
                )
            }
            "none" => (None, vec![]),
            other => {
                return Err(Error::invalid(format!(
                    "{} = {other:?} is not an auth kind",
                    t.key("auth")
                ))
                .with_hint("use oauth2, api_key or none"));
            }
        };
        let metadata = match self.table.table.and_then(|t| t.get("metadata")) {
            None => vec![],
            Some(toml::Value::Table(m)) => m
                .iter()
                .map(|(k, v)| {
                    v.as_str()
                        .map(|p| (k.clone(), p.to_owned()))
                        .ok_or_else(|| {
                            Error::invalid(format!(
                                "{}.{k} must be a JSON pointer string",
                                t.key("metadata")
                            ))
                        })
                })
                .collect::<Result<_>>()?,
            Some(_) => {
                return Err(Error::invalid(format!(
                    "{} must be a table of key = \"/pointer\"",
                    t.key("metadata")
                )));
            }
        };
        let spec = Spec {
            name: self.name.into(),
            base_url: base,
            test_path: t.str("test_path")?.unwrap_or_else(|| list_path.clone()),
            list_path,
            items_pointer: t.str_or("items_pointer", "")?,
            id_pointer: t.str_or("id_pointer", "/id")?,
            name_pointer: t.str_or("name_pointer", "/name")?,
            metadata,
            paging,
            get_path: t.str("get_path")?,
            concurrency: t.number("concurrency", 4)?,
        };
        Ok((spec, oauth, headers))
    }
}
