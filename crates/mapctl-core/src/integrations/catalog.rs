//! Turns a declaration and its `[integrations.NAME]` settings into a ready
//! integration: settings checked and defaulted, credentials resolved,
//! lookups made (or read from the cache), templates filled, and the REST
//! engine's `Spec` and HTTP client built.

use std::time::Duration;

use serde_json::Value as Json;

use super::cache::DiscoveryCache;
use super::declaration::{self as decl, Declaration};
use super::http::{self, HttpClient, HttpSettings, Trace, Trusted, check_url};
use super::rest::{RestIntegration, Spec};
use super::template::{Missing, Values};

mod parts;
use crate::error::{Error, Result};
use crate::secrets::Credentials;

/// The config table of an integration, with messages that name its keys.
pub(crate) struct Table<'a> {
    name: &'a str,
    table: Option<&'a toml::Table>,
    file: String,
}

impl<'a> Table<'a> {
    pub(crate) fn new(name: &'a str, table: Option<&'a toml::Table>, file: String) -> Self {
        Table { name, table, file }
    }

    fn key(&self, key: &str) -> String {
        format!("integrations.{}.{key}", self.name)
    }

    pub(crate) fn str(&self, key: &str) -> Result<Option<String>> {
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

    pub(crate) fn number(&self, key: &str, default: usize) -> Result<usize> {
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

    fn needs(&self, key: &str) -> Error {
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
    }
}

pub(crate) struct Build<'a> {
    pub(crate) name: &'a str,
    pub(crate) declaration: &'a Declaration,
    pub(crate) table: Table<'a>,
    pub(crate) credentials: &'a Credentials,
    pub(crate) settings: HttpSettings,
    pub(crate) trace: Option<Trace>,
    pub(crate) notice: Option<Trace>,
    pub(crate) cache: DiscoveryCache,
}

impl Build<'_> {
    fn http_settings(&self) -> Result<HttpSettings> {
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

    /// The declared settings: from the table, else their default; checked.
    /// The origins of the URL settings are the ones credentials may go to.
    fn settings_values(&self) -> Result<(Values, Trusted)> {
        let mut values = Values::default();
        let mut trusted = Trusted::default();
        for (key, setting) in &self.declaration.settings {
            let value = match self.table.str(key)? {
                Some(v) => Some(v),
                None => setting.default.clone(),
            };
            let Some(value) = value else {
                if setting.required {
                    return Err(self.table.needs(key));
                }
                continue;
            };
            if !setting.choices.is_empty() && !setting.choices.contains(&value) {
                return Err(Error::invalid(format!(
                    "{} = {value:?} is not one of {}",
                    self.table.key(key),
                    setting.choices.join(", ")
                ))
                .with_hint(format!("use {}", setting.choices.join(" or "))));
            }
            if setting.url {
                trusted.add(&check_url(&self.table.key(key), &value)?);
            }
            // A URL's trailing slash would double the one paths start with.
            let value = if setting.url {
                value.trim_end_matches('/').to_owned()
            } else {
                value
            };
            values.set(key.clone(), value);
        }
        Ok((values, trusted))
    }

    /// An error for a template that names something without a value.
    fn missing(&self, Missing(what): Missing) -> Error {
        match what.strip_prefix("credential:") {
            Some(field) => Error::internal(format!(
                "{}: credential {field} was not looked up",
                self.name
            )),
            None => self.table.needs(&what),
        }
    }

    fn fill(&self, values: &Values, template: &str) -> Result<String> {
        values.fill(template).map_err(|m| self.missing(m))
    }

    /// A URL the integration calls (a token endpoint, a lookup): filled,
    /// checked, and on an origin its settings name.
    fn fill_url(
        &self,
        values: &Values,
        trusted: &Trusted,
        key: &str,
        template: &str,
    ) -> Result<url::Url> {
        let text = values.fill_url(template).map_err(|m| self.missing(m))?;
        let url = check_url(&format!("{} ({key})", self.name), &text)?;
        self.check_origin(trusted, template, &format!("its {key}"), &url)?;
        Ok(url)
    }

    /// A URL made from the user's settings alone goes where the user said;
    /// one that holds a looked-up value must be on a trusted origin.
    fn check_origin(
        &self,
        trusted: &Trusted,
        template: &str,
        what: &str,
        url: &url::Url,
    ) -> Result<()> {
        if decl::placeholders(template)
            .iter()
            .any(|p| trusted.is_looked_up(p))
        {
            trusted.check(self.name, what, url)?;
        }
        Ok(())
    }

    /// Each lookup whose setting is not set: asked (no credentials sent),
    /// or read from the cache. A found URL must stay on the lookup's origin
    /// or on the hosts the declaration names (checked on the parsed URL,
    /// cached or not); a refused value is never cached. The cache key is the
    /// URL asked with every credential masked.
    async fn lookups(
        &self,
        values: &mut Values,
        trusted: &mut Trusted,
        http: &HttpClient,
        authenticated: bool,
    ) -> Result<()> {
        for l in &self.declaration.lookups {
            if values.get(&l.setting).is_some() || l.authenticated != authenticated {
                continue;
            }
            let url = self.fill_url(values, trusted, &l.setting, &l.url)?;
            let key = crate::redact::scrub(url.as_str()).into_owned();
            let is_url = self
                .declaration
                .settings
                .get(&l.setting)
                .is_some_and(|s| s.url);
            // A lookup with a check is asked every time, so its check runs;
            // a cached value that could not be sent is asked again.
            let cached = match &l.check {
                Some(_) => None,
                None => self
                    .cache
                    .lookup(self.name, &l.setting, &key)
                    .filter(|v| sendable(v)),
            };
            let was_cached = cached.is_some();
            let value = match cached {
                Some(v) => v,
                None => {
                    let answer = if authenticated {
                        http.get_json(&url).await?.ok_or_else(|| {
                            Error::unavailable(format!(
                                "{}: the lookup of {} answered 404",
                                self.name,
                                http::redact_url(&url)
                            ))
                            .with_hint("check the integration's settings")
                        })?
                    } else {
                        http.get_public(&url).await?
                    };
                    if let Some(c) = &l.check {
                        let wanted = parts::json_of(&c.equals);
                        if answer.body.pointer(&c.pointer) != Some(&wanted) {
                            return Err(Error::new(
                                crate::error::ErrorKind::Auth,
                                format!("{}: {}", self.name, c.message),
                            )
                            .with_remedy(
                                crate::error::Remedy::TestConnection {
                                    integration: self.name.to_owned(),
                                },
                            ));
                        }
                    }
                    let found = match answer.body.pointer(&l.pointer) {
                        Some(Json::Number(n)) => n.to_string(),
                        Some(Json::String(s)) if !s.is_empty() => s.clone(),
                        _ => {
                            return Err(Error::unavailable(format!(
                                "{}: the lookup of {} found nothing at {:?}",
                                self.name,
                                http::redact_url(&url),
                                l.pointer
                            ))
                            .with_hint(format!(
                                "check the settings it uses, or set integrations.{}.{} yourself",
                                self.name, l.setting
                            )));
                        }
                    };
                    let mut with = values.clone();
                    with.set("found", found);
                    self.fill(&with, &l.value)?
                }
            };
            trusted.looked_up(self.name, &l.setting, &value, &url, &l.hosts, is_url)?;
            if !sendable(&value) {
                return Err(Error::unavailable(format!(
                            "{}: the lookup of {} answered a value with control characters, which no request can carry",
                            self.name,
                            http::redact_url(&url)
                        ))
                        .with_hint(format!(
                            "the service answered wrongly; try again later, or set integrations.{}.{} yourself",
                            self.name, l.setting
                        )));
            }
            if !was_cached {
                let _ = self.cache.store_lookup(self.name, &l.setting, &key, &value);
            }
            values.set(l.setting.clone(), value);
        }
        Ok(())
    }

    /// Whether the integration could be called: its settings and
    /// credentials are there. Nothing is called (no lookup).
    pub(crate) async fn ready(self) -> Result<()> {
        self.settings_values()?;
        for field in self.declaration.credential_fields() {
            self.credentials.require(self.name, &field).await?;
        }
        self.http_settings().map(|_| ())
    }

    /// The integration, ready to call: settings read, credentials resolved,
    /// lookups made.
    pub(crate) async fn build(self) -> Result<RestIntegration> {
        let d = self.declaration;
        let (mut values, mut trusted) = self.settings_values()?;
        let mut sources = Vec::new();
        for field in d.credential_fields() {
            let found = self.credentials.require(self.name, &field).await?;
            sources.push(found.source);
            values.set(format!("credential:{field}"), found.value);
        }
        let settings = self.http_settings()?;
        if d.lookups.iter().any(|l| !l.authenticated) {
            let public = HttpClient::new(
                self.name,
                None,
                settings.clone(),
                http::Auth::None,
                vec![],
                self.trace.clone(),
            )?
            .with_notice(self.notice.clone());
            self.lookups(&mut values, &mut trusted, &public, false)
                .await?;
        }
        let base_url = check_url(
            &format!("{} (its API root)", self.name),
            &self.fill(&values, &d.api)?,
        )?;
        self.check_origin(&trusted, &d.api, "its API root", &base_url)?;
        let source = if sources.is_empty() {
            "its settings".to_owned()
        } else {
            sources.join(" and ")
        };
        let mut http = HttpClient::new(
            self.name,
            Some(&base_url),
            settings,
            self.auth(&values, &trusted)?,
            self.headers(&values),
            self.trace.clone(),
        )?
        .with_notice(self.notice.clone())
        .with_source(source)
        .with_auth_statuses(d.auth_statuses.clone())
        .with_failures(self.failures());
        if d.lookups.iter().any(|l| l.authenticated) {
            // After sign-in: what they find goes into headers and paths.
            self.lookups(&mut values, &mut trusted, &http, true).await?;
            http.set_headers(self.headers(&values));
        }
        let listing = d.listing(&|k| values.get(k).map(str::to_owned));
        let test = listing.and_then(|l| l.test.as_ref()).unwrap_or(&d.test);
        let mut with_id = values.clone();
        with_id.set("id", "{id}");
        let concurrency = self.table.number("concurrency", d.concurrency)?;
        let spec = Spec {
            name: self.name.to_owned(),
            base_url: base_url.clone(),
            list: listing.map(|l| self.listing(&values, l)).transpose()?,
            get: d
                .get
                .as_ref()
                .map(|g| Ok::<_, Error>((self.fill(&with_id, &g.path)?, g.item.clone())))
                .transpose()?,
            test_path: values.fill_url(&test.path).map_err(|m| self.missing(m))?,
            concurrency: d
                .max_concurrency
                .map_or(concurrency, |m| concurrency.min(m)),
        };
        Ok(RestIntegration::new(spec, http))
    }
}

/// Whether a looked-up value can go into a URL or a header: no control
/// character (a CR/LF would split a header; such a value is never cached).
fn sendable(value: &str) -> bool {
    !value.chars().any(char::is_control)
}
