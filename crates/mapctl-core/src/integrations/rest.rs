//! One engine for every REST integration: where the organizations are
//! listed, how pages follow each other, and where id and name sit in each
//! record (JSON pointers). It runs a `Spec` built from a declaration
//! (`catalog`); it knows no integration by name.

use std::time::Instant;

use async_trait::async_trait;
use serde_json::{Map, Value as Json};

use super::http::{HttpClient, check_url, redact_url};
use crate::error::{Error, Result};

pub use super::integration::{ConnectionCheck, ExternalOrg, Integration, ListProgress};
pub(crate) use super::spec::{Listing, Paging, RecordSpec, Rule, Spec, Total};

mod paging;
mod record;

pub(crate) struct RestIntegration {
    pub(crate) spec: Spec,
    http: HttpClient,
}

impl RestIntegration {
    pub(crate) fn new(spec: Spec, http: HttpClient) -> RestIntegration {
        RestIntegration { spec, http }
    }

    fn listing(&self) -> Result<&Listing> {
        self.spec.list.as_ref().ok_or_else(|| {
            Error::usage(format!("{} has no discovery", self.spec.name))
                .with_hint("its declaration has no [[list]]")
                .with_remedy(crate::error::Remedy::MapWithoutVerify)
        })
    }

    fn url(&self, path: &str, query: &[(&str, String)]) -> Result<url::Url> {
        let base = self.spec.base_url.as_str().trim_end_matches('/');
        let mut url = url::Url::parse(&format!("{base}{path}")).map_err(|e| {
            Error::invalid(format!("{}: bad URL {base}{path}: {e}", self.spec.name))
        })?;
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        Ok(url)
    }

    /// The URL of one record: the id is one path segment, percent-encoded
    /// (`a b` is `a%20b`, `a/b` is `a%2Fb`). `.` and `..` name no record.
    fn record_url(&self, template: &str, id: &str) -> Result<Option<url::Url>> {
        if id == "." || id == ".." {
            return Ok(None);
        }
        let (before, after) = template.split_once("{id}").unwrap_or((template, ""));
        let (after_path, query) = after.split_once('?').unwrap_or((after, ""));
        let mut url = self.url(before.trim_end_matches('/'), &[])?;
        {
            let mut segments = url.path_segments_mut().map_err(|()| {
                Error::invalid(format!("{}: {template} is not a path", self.spec.name))
            })?;
            segments.push(id);
            segments.extend(after_path.split('/').filter(|s| !s.is_empty()));
        }
        if !query.is_empty() {
            url.set_query(Some(query));
        }
        Ok(Some(url))
    }

    /// A next-page URL a server sent, absolute or relative to the API
    /// root. Whether credentials may go there is the HTTP layer's rule
    /// (the configured origin only); this one only reads it.
    fn next_page(&self, link: &str) -> Result<url::Url> {
        let link = link.trim();
        // A link from the host's root that leaves out the API root's path
        // (Partner Center's `/customers?…` under `/v1`) is below that root.
        let root = self.spec.base_url.path().trim_end_matches('/');
        let link = match link.strip_prefix('/') {
            Some(rest)
                if !root.is_empty()
                    && !rest.starts_with('/')
                    && !link.starts_with(&format!("{root}/")) =>
            {
                format!("{root}{link}")
            }
            _ => link.to_owned(),
        };
        let url = self.spec.base_url.join(&link).map_err(|e| {
            Error::unavailable(format!(
                "{} sent a next-page link that is not a URL ({e})",
                self.spec.name
            ))
            .with_hint("the server's paging is broken; try again later or ask its vendor")
        })?;
        check_url("next page link", url.as_str())
    }

    fn shape_error(&self, url: &url::Url, what: &str) -> Error {
        Error::unavailable(format!(
            "{} answered {} in an unexpected shape: {what}",
            self.spec.name,
            redact_url(url)
        ))
        .with_hint("check base_url (and the pointers of the integration's declaration)")
    }
}

#[async_trait]
impl Integration for RestIntegration {
    fn name(&self) -> &str {
        &self.spec.name
    }

    async fn list_organizations(
        &self,
        progress: &(dyn Fn(ListProgress) + Send + Sync),
    ) -> Result<Vec<ExternalOrg>> {
        let listing = self.listing()?;
        match &listing.paging {
            Paging::PageNumber {
                page_param,
                size_param,
                first,
                size,
                total: Some(total),
                ..
            } => {
                self.page_number(
                    listing, page_param, size_param, *first, *size, total, progress,
                )
                .await
            }
            _ => self.sequential(listing, progress).await,
        }
    }

    async fn get_organization(&self, id: &str) -> Result<Option<ExternalOrg>> {
        match &self.spec.get {
            Some((path, item)) => {
                let Some(url) = self.record_url(path, id)? else {
                    return Ok(None);
                };
                let record = &self.listing()?.record;
                match self.http.get_json(&url).await? {
                    None => Ok(None),
                    Some(answer) => {
                        let body = if item.is_empty() {
                            Some(&answer.body)
                        } else {
                            answer.body.pointer(item)
                        };
                        Ok(body.and_then(|b| self.record(record, b)))
                    }
                }
            }
            // No single-record endpoint: look through the listing.
            None => Ok(self
                .list_organizations(&|_| {})
                .await?
                .into_iter()
                .find(|o| o.id == id)),
        }
    }

    fn cache_source(&self) -> String {
        let path = self.spec.list.as_ref().map_or("", |l| l.path.as_str());
        format!("{}{path}", self.spec.base_url)
    }

    async fn test_connection(&self) -> Result<ConnectionCheck> {
        let started = Instant::now();
        self.http.check_token().await?;
        let token_ms = started.elapsed().as_millis() as u64;
        let url = self.url(&self.spec.test_path, &[])?;
        let answer = self
            .http
            .get_json(&url)
            .await?
            .ok_or_else(|| self.shape_error(&url, "404 Not Found"))?;
        let mut details = Map::new();
        details.insert("token_ms".into(), Json::from(token_ms));
        details.insert("endpoint".into(), Json::from(redact_url(&url)));
        details.insert("status".into(), Json::from(answer.status));
        Ok(ConnectionCheck {
            message: format!("connected to {}", self.spec.base_url),
            details,
        })
    }
}
