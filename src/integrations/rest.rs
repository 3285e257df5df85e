//! One engine for every REST integration: where the organizations are
//! listed, how pages follow each other, and where id and name sit in each
//! record (JSON pointers). It runs a `Spec` built from a declaration
//! (`catalog`); it knows no integration by name.

use std::time::Instant;

use async_trait::async_trait;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use super::http::{HttpClient, JsonResponse, Method, check_url, redact_url};
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

pub use super::spec::{Listing, Paging, RecordSpec, Spec, Total};

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

/// The ids of a page, in order, as one hash.
fn page_fingerprint(items: &[ExternalOrg]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for o in items {
        o.id.hash(&mut h);
    }
    h.finish()
}

impl RestIntegration {
    pub fn new(spec: Spec, http: HttpClient) -> RestIntegration {
        RestIntegration { spec, http }
    }

    fn listing(&self) -> Result<&Listing> {
        self.spec.list.as_ref().ok_or_else(|| {
            Error::usage(format!("{} has no discovery", self.spec.name))
                .with_hint("its declaration has no [[list]]; map with --external-id ID --no-verify")
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
        let url = self.spec.base_url.join(link.trim()).map_err(|e| {
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

    fn record(&self, r: &RecordSpec, item: &Json) -> Option<ExternalOrg> {
        let id = text_of(item.pointer(&r.id))?;
        let name = text_of(item.pointer(&r.name)).unwrap_or_default();
        let mut metadata: Map<String, Json> = r
            .metadata
            .iter()
            .filter_map(|(k, p)| item.pointer(p).map(|v| (k.clone(), v.clone())))
            .collect();
        let links: Map<String, Json> = r
            .links
            .iter()
            .filter_map(|(k, p)| {
                text_of(item.pointer(p))
                    .filter(|v| !v.is_empty())
                    .map(|v| (k.clone(), Json::String(v)))
            })
            .collect();
        if !links.is_empty() {
            metadata.insert("links".into(), Json::Object(links));
        }
        if r.inactive.iter().any(|(p, v)| item.pointer(p) == Some(v)) {
            metadata.insert("inactive".into(), Json::Bool(true));
        }
        Some(ExternalOrg { id, name, metadata })
    }

    fn items(&self, listing: &Listing, url: &url::Url, body: &Json) -> Result<Vec<ExternalOrg>> {
        let items = if listing.items.is_empty() {
            Some(body)
        } else {
            body.pointer(&listing.items)
        };
        let Some(Json::Array(items)) = items else {
            return Err(self.shape_error(url, &format!("no array at {:?}", listing.items)));
        };
        items
            .iter()
            .map(|i| {
                self.record(&listing.record, i).ok_or_else(|| {
                    self.shape_error(url, &format!("a record without {:?}", listing.record.id))
                })
            })
            .collect()
    }

    /// One page: POSTed with the listing's body when it has one (a
    /// next-page URL only when the paging says to send it again).
    async fn fetch(&self, listing: &Listing, url: &url::Url, first: bool) -> Result<JsonResponse> {
        let again = !matches!(
            listing.paging,
            Paging::NextUrl {
                again_same: false,
                ..
            }
        );
        let method = match &listing.body {
            Some(body) if first || again => Method::Post(body),
            _ => Method::Get,
        };
        self.http
            .request_json(method, url)
            .await?
            .ok_or_else(|| self.shape_error(url, "404 Not Found for the listing"))
    }

    /// Page numbers with a total: the first page, then all the others
    /// concurrently (within the integration's limit).
    #[allow(clippy::too_many_arguments)]
    async fn page_number(
        &self,
        listing: &Listing,
        page_param: &str,
        size_param: &str,
        first_page: usize,
        size: usize,
        total: &Total,
        progress: &(dyn Fn(ListProgress) + Send + Sync),
    ) -> Result<Vec<ExternalOrg>> {
        let page_url = |n: usize| {
            self.url(
                &listing.path,
                &[(size_param, size.to_string()), (page_param, n.to_string())],
            )
        };
        let first_url = page_url(first_page)?;
        let first = self.fetch(listing, &first_url, true).await?;
        let (pointer, claimed, unit) = match total {
            Total::Records(p) => (p, "record count", "records"),
            Total::Pages(p) => (p, "page count", "pages"),
        };
        let count = first
            .body
            .pointer(pointer)
            .and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
            .ok_or_else(|| self.shape_error(&first_url, &format!("no {claimed} at {pointer:?}")))?
            as usize;
        let pages = match total {
            Total::Records(_) => count.div_ceil(size).max(1),
            Total::Pages(_) => count.max(1),
        };
        if pages > MAX_PAGES {
            return Err(self.shape_error(
                &first_url,
                &format!(
                    "it claims {count} {unit}, {pages} pages of {size}: more than the {MAX_PAGES} pages mapctl follows"
                ),
            ));
        }
        let mut all = self.items(listing, &first_url, &first.body)?;
        progress(ListProgress {
            pages: 1,
            total_pages: Some(pages),
            records: all.len(),
        });
        let mut rest: Vec<(usize, Vec<ExternalOrg>)> = Vec::with_capacity(pages);
        let last = first_page + pages - 1;
        let mut fetched = futures_util::stream::iter((first_page + 1..=last).map(|n| async move {
            let url = page_url(n)?;
            let answer = self.fetch(listing, &url, false).await?;
            Ok::<_, Error>((n, self.items(listing, &url, &answer.body)?))
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

    /// The first URL of a sequential listing.
    fn first_url(&self, listing: &Listing) -> Result<url::Url> {
        fn size(s: &Option<(String, usize)>) -> Vec<(&str, String)> {
            s.iter().map(|(p, n)| (p.as_str(), n.to_string())).collect()
        }
        match &listing.paging {
            Paging::None => self.url(&listing.path, &[]),
            Paging::Keyset {
                size_param, size, ..
            } => self.url(&listing.path, &[(size_param.as_str(), size.to_string())]),
            Paging::PageNumber {
                size_param,
                size,
                page_param,
                first,
                ..
            } => self.url(
                &listing.path,
                &[
                    (size_param.as_str(), size.to_string()),
                    (page_param.as_str(), first.to_string()),
                ],
            ),
            Paging::NextUrl { size: s, .. } | Paging::LinkHeader { size: s } => {
                self.url(&listing.path, &size(s))
            }
        }
    }

    /// Pages one after the other, each naming (or implying) the next.
    async fn sequential(
        &self,
        listing: &Listing,
        progress: &(dyn Fn(ListProgress) + Send + Sync),
    ) -> Result<Vec<ExternalOrg>> {
        let mut all: Vec<ExternalOrg> = Vec::new();
        let mut next = Some(self.first_url(listing)?);
        let mut pages = 0;
        let mut fetched: std::collections::HashSet<String> = Default::default();
        // Every page's ids, hashed: a server that ignores the page
        // parameter, or alternates A, B, A, B, sends a page again.
        let mut seen_pages: std::collections::HashSet<u64> = Default::default();
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
            let answer = self.fetch(listing, &url, pages == 1).await?;
            let items = self.items(listing, &url, &answer.body)?;
            let count = items.len();
            if count > 0 && !seen_pages.insert(page_fingerprint(&items)) {
                return Err(self.shape_error(&url, "it sent a page it had sent before"));
            }
            next = match &listing.paging {
                Paging::None => None,
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
                            &listing.path,
                            &[
                                (size_param.as_str(), size.to_string()),
                                (after_param.as_str(), last.id.clone()),
                            ],
                        )?)
                    }
                    _ => None,
                },
                Paging::PageNumber {
                    page_param,
                    size_param,
                    size,
                    first,
                    stop_short,
                    ..
                } => {
                    // A server may cap the size silently: only an empty page
                    // is surely the last, unless the declaration says short.
                    let last = count == 0 || (*stop_short && count < *size);
                    (!last)
                        .then(|| {
                            self.url(
                                &listing.path,
                                &[
                                    (size_param.as_str(), size.to_string()),
                                    (page_param.as_str(), (first + pages).to_string()),
                                ],
                            )
                        })
                        .transpose()?
                }
                Paging::NextUrl { pointer, .. } => {
                    match answer.body.pointer(pointer).and_then(Json::as_str) {
                        // Followed verbatim, but only on the origin the
                        // credentials are for: never to another host.
                        Some(link) if !link.is_empty() => Some(self.next_page(link)?),
                        _ => None,
                    }
                }
                Paging::LinkHeader { .. } => match &answer.next_link {
                    Some(link) => Some(self.next_page(link)?),
                    None => None,
                },
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
