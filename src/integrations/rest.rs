//! One engine for every REST integration: where the organizations are
//! listed, how pages follow each other, and where id and name sit in each
//! record (JSON pointers). The built-ins are specs of this engine, and so is
//! an integration declared in the config file: new integrations need no code.

use std::time::Instant;

use async_trait::async_trait;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use super::http::{HttpClient, JsonResponse, check_url, redact_url};
use crate::error::{Error, Result};

/// An organization of an external system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExternalOrg {
    pub id: String,
    pub name: String,
    pub metadata: Map<String, Json>,
}

/// Progress of a listing: pages fetched, pages known (if the API says), records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListProgress {
    pub pages: usize,
    pub total_pages: Option<usize>,
    pub records: usize,
}

/// What a successful connection test found.
#[derive(Debug, Clone)]
pub struct ConnectionCheck {
    pub message: String,
    pub details: Map<String, Json>,
}

/// The seam every integration implements.
#[async_trait]
pub trait Integration: Send + Sync {
    fn name(&self) -> &str;
    /// Every organization, following pagination to the end.
    async fn list_organizations(
        &self,
        progress: &(dyn Fn(ListProgress) + Send + Sync),
    ) -> Result<Vec<ExternalOrg>>;
    /// One organization by id; None when the system does not know it.
    async fn get_organization(&self, id: &str) -> Result<Option<ExternalOrg>>;
    /// Credentials and a cheap call.
    async fn test_connection(&self) -> Result<ConnectionCheck>;
    /// What a cached listing is tied to: pointing the integration elsewhere
    /// starts afresh.
    fn cache_source(&self) -> String;
}

#[derive(Debug, Clone, PartialEq)]
pub enum Paging {
    /// Page numbers from 1 and a total record count: after the first page,
    /// the others are fetched concurrently.
    PageNumber {
        page_param: String,
        size_param: String,
        size: usize,
        total_pointer: String,
    },
    /// `after` = the last id of the previous page; a short page is the last.
    Keyset {
        after_param: String,
        size_param: String,
        size: usize,
    },
    /// A next-page URL in the body, followed unchanged until absent.
    NextLink { next_pointer: String },
    /// Page numbers without a total: a short page is the last.
    ShortPage {
        page_param: String,
        size_param: String,
        size: usize,
    },
}

#[derive(Debug, Clone)]
pub struct Spec {
    pub name: String,
    pub base_url: url::Url,
    /// Path (with fixed query) of the listing, below `base_url`.
    pub list_path: String,
    /// Where the array of records is ("" = the body is the array).
    pub items_pointer: String,
    pub id_pointer: String,
    pub name_pointer: String,
    /// Record fields copied into `metadata`: (key, pointer).
    pub metadata: Vec<(String, String)>,
    pub paging: Paging,
    /// Path of one record with `{id}`, if the API has one.
    pub get_path: Option<String>,
    /// Path of the cheap call of `test-connection`.
    pub test_path: String,
    /// Pages in flight at once (page-number paging).
    pub concurrency: usize,
}

pub struct RestIntegration {
    pub spec: Spec,
    http: HttpClient,
}

/// Stops a broken API from paging forever (10 million records at 1,000 a page).
const MAX_PAGES: usize = 10_000;

fn text_of(v: Option<&Json>) -> Option<String> {
    match v? {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl RestIntegration {
    pub fn new(spec: Spec, http: HttpClient) -> RestIntegration {
        RestIntegration { spec, http }
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

    /// A URL a server sent (a next page): followed only on the origin
    /// (scheme, host, port) the integration is configured for, so that its
    /// credentials never go elsewhere.
    fn same_origin(&self, url: url::Url) -> Result<url::Url> {
        if url.origin() == self.spec.base_url.origin() {
            return Ok(url);
        }
        Err(Error::new(
            crate::error::ErrorKind::Auth,
            format!(
                "{} sent a next-page link to another origin ({}); it was not followed, and no credential went there",
                self.spec.name,
                url.origin().ascii_serialization()
            ),
        )
        .with_hint(format!(
            "credentials are only sent to {}; check the integration's base URL or the server's proxy settings",
            self.spec.base_url.origin().ascii_serialization()
        )))
    }

    fn shape_error(&self, url: &url::Url, what: &str) -> Error {
        Error::unavailable(format!(
            "{} answered {} in an unexpected shape: {what}",
            self.spec.name,
            redact_url(url)
        ))
        .with_hint("check base_url (and the pointers of a declared integration)")
    }

    fn record(&self, item: &Json) -> Option<ExternalOrg> {
        let id = text_of(item.pointer(&self.spec.id_pointer))?;
        let name = text_of(item.pointer(&self.spec.name_pointer)).unwrap_or_default();
        let metadata = self
            .spec
            .metadata
            .iter()
            .filter_map(|(k, p)| item.pointer(p).map(|v| (k.clone(), v.clone())))
            .collect();
        Some(ExternalOrg { id, name, metadata })
    }

    fn items(&self, url: &url::Url, body: &Json) -> Result<Vec<ExternalOrg>> {
        let items = if self.spec.items_pointer.is_empty() {
            Some(body)
        } else {
            body.pointer(&self.spec.items_pointer)
        };
        let Some(Json::Array(items)) = items else {
            return Err(
                self.shape_error(url, &format!("no array at {:?}", self.spec.items_pointer))
            );
        };
        items
            .iter()
            .map(|i| {
                self.record(i).ok_or_else(|| {
                    self.shape_error(url, &format!("a record without {:?}", self.spec.id_pointer))
                })
            })
            .collect()
    }

    async fn fetch(&self, url: &url::Url) -> Result<JsonResponse> {
        self.http
            .get_json(url)
            .await?
            .ok_or_else(|| self.shape_error(url, "404 Not Found for the listing"))
    }

    async fn page_number(
        &self,
        page_param: &str,
        size_param: &str,
        size: usize,
        total_pointer: &str,
        progress: &(dyn Fn(ListProgress) + Send + Sync),
    ) -> Result<Vec<ExternalOrg>> {
        let page_url = |n: usize| {
            self.url(
                &self.spec.list_path,
                &[(size_param, size.to_string()), (page_param, n.to_string())],
            )
        };
        let first_url = page_url(1)?;
        let first = self.fetch(&first_url).await?;
        let total = first
            .body
            .pointer(total_pointer)
            .and_then(Json::as_u64)
            .ok_or_else(|| {
                self.shape_error(&first_url, &format!("no record count at {total_pointer:?}"))
            })? as usize;
        let pages = total.div_ceil(size).max(1);
        if pages > MAX_PAGES {
            return Err(self.shape_error(
                &first_url,
                &format!(
                    "it claims {total} records, {pages} pages of {size}: more than the {MAX_PAGES} pages mapctl follows"
                ),
            ));
        }
        let mut all = self.items(&first_url, &first.body)?;
        progress(ListProgress {
            pages: 1,
            total_pages: Some(pages),
            records: all.len(),
        });
        let mut rest: Vec<(usize, Vec<ExternalOrg>)> = Vec::with_capacity(pages);
        let mut fetched = futures_util::stream::iter((2..=pages).map(|n| async move {
            let url = page_url(n)?;
            let answer = self.fetch(&url).await?;
            Ok::<_, Error>((n, self.items(&url, &answer.body)?))
        }))
        .buffer_unordered(self.spec.concurrency.max(1));
        let mut records = all.len();
        while let Some(page) = fetched.next().await {
            let page = page?;
            records += page.1.len();
            rest.push(page);
            progress(ListProgress {
                pages: rest.len() + 1,
                total_pages: Some(pages),
                records,
            });
        }
        rest.sort_by_key(|(n, _)| *n);
        all.extend(rest.into_iter().flat_map(|(_, items)| items));
        Ok(all)
    }

    async fn sequential(
        &self,
        progress: &(dyn Fn(ListProgress) + Send + Sync),
    ) -> Result<Vec<ExternalOrg>> {
        let mut all: Vec<ExternalOrg> = Vec::new();
        let mut next = match &self.spec.paging {
            Paging::Keyset {
                size_param, size, ..
            } => Some(self.url(
                &self.spec.list_path,
                &[(size_param.as_str(), size.to_string())],
            )?),
            Paging::ShortPage {
                size_param,
                size,
                page_param,
            } => Some(self.url(
                &self.spec.list_path,
                &[
                    (size_param.as_str(), size.to_string()),
                    (page_param.as_str(), "1".into()),
                ],
            )?),
            Paging::NextLink { .. } => Some(self.url(&self.spec.list_path, &[])?),
            Paging::PageNumber { .. } => unreachable!("page-number paging is concurrent"),
        };
        let mut pages = 0;
        let mut fetched: std::collections::HashSet<String> = Default::default();
        let mut previous_ids: Vec<String> = Vec::new();
        while let Some(url) = next.take() {
            pages += 1;
            if pages > MAX_PAGES {
                return Err(self.shape_error(
                    &url,
                    &format!("more than the {MAX_PAGES} pages mapctl follows"),
                ));
            }
            // A link back to a page already read would loop forever.
            if !fetched.insert(url.as_str().to_owned()) {
                return Err(self.shape_error(&url, "paging came back to a page it had read"));
            }
            let answer = self.fetch(&url).await?;
            let items = self.items(&url, &answer.body)?;
            let count = items.len();
            // A server that ignores the page parameter sends the same page again.
            let ids: Vec<String> = items.iter().map(|o| o.id.clone()).collect();
            if count > 0 && ids == previous_ids {
                return Err(self.shape_error(&url, "it sent the same page twice"));
            }
            previous_ids = ids;
            next = match &self.spec.paging {
                Paging::Keyset {
                    after_param,
                    size_param,
                    size,
                } => match items.last() {
                    Some(last) if count >= *size => {
                        if all.last().is_some_and(|prev| prev.id == last.id) {
                            return Err(self.shape_error(&url, "keyset paging did not advance"));
                        }
                        Some(self.url(
                            &self.spec.list_path,
                            &[
                                (size_param.as_str(), size.to_string()),
                                (after_param.as_str(), last.id.clone()),
                            ],
                        )?)
                    }
                    _ => None,
                },
                Paging::ShortPage {
                    page_param,
                    size_param,
                    size,
                } => (count >= *size)
                    .then(|| {
                        self.url(
                            &self.spec.list_path,
                            &[
                                (size_param.as_str(), size.to_string()),
                                (page_param.as_str(), (pages + 1).to_string()),
                            ],
                        )
                    })
                    .transpose()?,
                Paging::NextLink { next_pointer } => {
                    match answer.body.pointer(next_pointer).and_then(Json::as_str) {
                        // Followed verbatim, but only on the origin the
                        // credentials are for: never to another host.
                        Some(link) => Some(self.same_origin(check_url("next page link", link)?)?),
                        None => None,
                    }
                }
                Paging::PageNumber { .. } => None,
            };
            all.extend(items);
            progress(ListProgress {
                pages,
                total_pages: None,
                records: all.len(),
            });
        }
        Ok(all)
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
        match &self.spec.paging {
            Paging::PageNumber {
                page_param,
                size_param,
                size,
                total_pointer,
            } => {
                self.page_number(page_param, size_param, *size, total_pointer, progress)
                    .await
            }
            _ => self.sequential(progress).await,
        }
    }

    async fn get_organization(&self, id: &str) -> Result<Option<ExternalOrg>> {
        match &self.spec.get_path {
            Some(path) => {
                let Some(url) = self.record_url(path, id)? else {
                    return Ok(None);
                };
                match self.http.get_json(&url).await? {
                    None => Ok(None),
                    Some(answer) => Ok(self.record(&answer.body)),
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
        format!("{}{}", self.spec.base_url, self.spec.list_path)
    }

    async fn test_connection(&self) -> Result<ConnectionCheck> {
        let started = Instant::now();
        self.http.check_token().await?;
        let token_ms = started.elapsed().as_millis() as u64;
        let url = self.url(&self.spec.test_path, &[])?;
        let answer = self.fetch(&url).await?;
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
