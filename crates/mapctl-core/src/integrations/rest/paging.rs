//! How the pages of a listing follow each other: page numbers fetched
//! concurrently once the total is known, or one page after another (page
//! numbers without a total, keyset, offset, cursors, next-page links in
//! the body or in `Link` headers). Every way ends on a page or cursor seen
//! before, or past [`MAX_PAGES`], instead of paging forever.

use futures_util::StreamExt;
use serde_json::Value as Json;

use super::record;
use super::{ExternalOrg, ListProgress, Listing, Paging, RestIntegration, Total};
use crate::error::{Error, Result};
use crate::integrations::http::{JsonResponse, Method};

/// Stops a broken API from paging forever (10 million records at 1,000 a page).
pub(super) const MAX_PAGES: usize = 10_000;
/// The most records one listing reads: far more organizations than any
/// MSP's system holds (a memory bound, not a guess at a size).
pub(super) const MAX_LISTING_RECORDS: usize = 250_000;
/// The most bytes of answers one listing reads (each answer is capped at
/// 32 MiB on its own).
pub(super) const MAX_LISTING_BYTES: usize = 256 * 1024 * 1024;

/// What a listing has read so far, held to its bounds.
#[derive(Default)]
struct Budget {
    records: usize,
    bytes: usize,
}

impl Budget {
    /// Counts a page; past a bound, the listing ends with what was exceeded.
    fn spend(&mut self, records: usize, bytes: usize) -> std::result::Result<(), String> {
        self.records += records;
        self.bytes += bytes;
        if self.records > MAX_LISTING_RECORDS {
            return Err(format!(
                "the listing passed {MAX_LISTING_RECORDS} records, more than mapctl reads"
            ));
        }
        if self.bytes > MAX_LISTING_BYTES {
            return Err(format!(
                "the listing passed {} MiB of answers, more than mapctl reads",
                MAX_LISTING_BYTES / (1024 * 1024)
            ));
        }
        Ok(())
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
    /// One page: POSTed with the listing's body when it has one (a
    /// next-page URL only when the paging says to send it again).
    async fn fetch(
        &self,
        listing: &Listing,
        url: &url::Url,
        first: bool,
        headers: &[(String, String)],
    ) -> Result<JsonResponse> {
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
            .request_json_with(method, url, headers)
            .await?
            .ok_or_else(|| self.shape_error(url, "404 Not Found for the listing"))
    }

    /// Page numbers with a total: the first page, then all the others
    /// concurrently (within the integration's limit).
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn page_number(
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
        let first = self.fetch(listing, &first_url, true, &[]).await?;
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
        let mut budget = Budget::default();
        budget
            .spend(all.len(), first.bytes)
            .map_err(|why| self.listing_too_large(&first_url, why))?;
        progress(ListProgress {
            pages: 1,
            total_pages: Some(pages),
            records: all.len(),
        });
        let mut rest: Vec<(usize, Vec<ExternalOrg>)> = Vec::with_capacity(pages);
        let last = first_page + pages - 1;
        let mut fetched = futures_util::stream::iter((first_page + 1..=last).map(|n| async move {
            let url = page_url(n)?;
            let answer = self.fetch(listing, &url, false, &[]).await?;
            let items = self.items(listing, &url, &answer.body)?;
            Ok::<_, Error>((n, items, answer.bytes, url))
        }))
        .buffer_unordered(self.spec.concurrency.max(1));
        let mut records = all.len();
        while let Some(page) = fetched.next().await {
            let (n, items, bytes, url) = page?;
            budget
                .spend(items.len(), bytes)
                .map_err(|why| self.listing_too_large(&url, why))?;
            records += items.len();
            rest.push((n, items));
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
            Paging::NextUrl { size: s, .. }
            | Paging::LinkHeader { size: s }
            | Paging::Cursor { size: s, .. } => self.url(&listing.path, &size(s)),
            Paging::Offset {
                offset_param,
                size_param,
                size,
                ..
            } => self.url(
                &listing.path,
                &[
                    (size_param.as_str(), size.to_string()),
                    (offset_param.as_str(), "0".to_owned()),
                ],
            ),
        }
    }

    /// Pages one after the other, each naming (or implying) the next.
    pub(super) async fn sequential(
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
        let mut cursors: std::collections::HashSet<String> = Default::default();
        // Keyset keys sent, and records the server sent (kept or not).
        let mut keys: std::collections::HashSet<String> = Default::default();
        let mut sent = 0;
        let mut budget = Budget::default();
        // Headers the previous answer named for the next request.
        let mut next_headers: Vec<(String, String)> = Vec::new();
        while let Some(url) = next.take() {
            pages += 1;
            if pages > MAX_PAGES {
                return Err(self.shape_error(
                    &url,
                    &format!("more than the {MAX_PAGES} pages mapctl follows"),
                ));
            }
            // A link back to a page already read would loop forever (the
            // same URL with another continuation header is another page).
            let headers = std::mem::take(&mut next_headers);
            if !fetched.insert(format!("{url} {headers:?}")) {
                return Err(self.shape_error(&url, "paging came back to a page it had read"));
            }
            let answer = self.fetch(listing, &url, pages == 1, &headers).await?;
            budget
                .spend(0, answer.bytes)
                .map_err(|why| self.listing_too_large(&url, why))?;
            let page = self.page(listing, &url, &answer.body)?;
            let items = page.kept;
            budget
                .spend(items.len(), 0)
                .map_err(|why| self.listing_too_large(&url, why))?;
            // The last page and the next offset or key are the server's
            // page as sent, left-out records included.
            let count = page.sent;
            if !items.is_empty() && !seen_pages.insert(page_fingerprint(&items)) {
                return Err(self.shape_error(&url, "it sent a page it had sent before"));
            }
            next = match &listing.paging {
                Paging::None => None,
                Paging::Keyset {
                    after_param,
                    size_param,
                    size,
                } => match page.last_id {
                    Some(last) if count >= *size => {
                        if !keys.insert(last.clone()) {
                            return Err(self.shape_error(&url, "keyset paging did not advance"));
                        }
                        Some(self.url(
                            &listing.path,
                            &[
                                (size_param.as_str(), size.to_string()),
                                (after_param.as_str(), last),
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
                Paging::NextUrl {
                    pointer, headers, ..
                } => match answer.body.pointer(pointer).and_then(Json::as_str) {
                    // Followed only on the credentials' origin (the HTTP
                    // layer's rule), with the headers the answer names.
                    Some(link) if !link.is_empty() => {
                        if let Some((at, allowed)) = headers {
                            next_headers = self.named_headers(&url, &answer.body, at, allowed)?;
                        }
                        Some(self.next_page(link)?)
                    }
                    _ => None,
                },
                Paging::Cursor {
                    pointer,
                    param,
                    size: s,
                } => match record::text_of(answer.body.pointer(pointer)) {
                    Some(cursor) if !cursor.is_empty() => {
                        if !cursors.insert(cursor.clone()) {
                            return Err(
                                self.shape_error(&url, "it sent a cursor it had sent before")
                            );
                        }
                        let mut query: Vec<(&str, String)> =
                            s.iter().map(|(p, n)| (p.as_str(), n.to_string())).collect();
                        query.push((param.as_str(), cursor));
                        Some(self.url(&listing.path, &query)?)
                    }
                    _ => None,
                },
                Paging::Offset {
                    offset_param,
                    size_param,
                    size,
                    total,
                    stop_short,
                } => {
                    sent += count;
                    let read = sent;
                    let total = match total {
                        Some(p) => Some(
                            answer
                                .body
                                .pointer(p)
                                .and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
                                .ok_or_else(|| {
                                    self.shape_error(&url, &format!("no total at {p:?}"))
                                })? as usize,
                        ),
                        None => None,
                    };
                    let last = count == 0
                        || (*stop_short && count < *size)
                        || total.is_some_and(|t| read >= t);
                    (!last)
                        .then(|| {
                            self.url(
                                &listing.path,
                                &[
                                    (size_param.as_str(), size.to_string()),
                                    (offset_param.as_str(), read.to_string()),
                                ],
                            )
                        })
                        .transpose()?
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

    /// A listing past its bounds: exit 6, saying which.
    fn listing_too_large(&self, url: &url::Url, why: String) -> Error {
        Error::unavailable(format!(
            "{}: {why} ({})",
            self.spec.name,
            crate::integrations::http::redact_url(url)
        ))
        .with_hint("narrow the listing in the integration's declaration (an include rule), or ask its vendor")
    }

    /// The headers an answer names for the next request (`[{"key","value"}]`
    /// at `at`): well-formed ones the declaration allows by name, nothing
    /// else (a page that names `Host` or `Cookie` would steer the request
    /// and its credentials elsewhere).
    fn named_headers(
        &self,
        url: &url::Url,
        body: &Json,
        at: &str,
        allowed: &[String],
    ) -> Result<Vec<(String, String)>> {
        let Some(list) = body.pointer(at) else {
            return Ok(Vec::new());
        };
        let bad = || {
            self.shape_error(
                url,
                &format!("the next page's headers at {at:?} are not [{{\"key\",\"value\"}}]"),
            )
        };
        let list = list.as_array().ok_or_else(bad)?;
        let mut out = Vec::new();
        for h in list {
            let (Some(k), Some(v)) = (
                h.get("key").and_then(Json::as_str),
                h.get("value").and_then(Json::as_str),
            ) else {
                return Err(bad());
            };
            let valid = reqwest::header::HeaderName::from_bytes(k.as_bytes()).is_ok()
                && reqwest::header::HeaderValue::from_str(v).is_ok();
            if !valid {
                return Err(bad());
            }
            if !allowed.iter().any(|a| a.eq_ignore_ascii_case(k))
                || k.eq_ignore_ascii_case("authorization")
                || self.http.sets_header(k)
            {
                self.http.trace_line(&format!(
                    "{}: the next page names header {k:?}, which its declaration does not allow: not sent",
                    self.spec.name
                ));
                continue;
            }
            out.push((k.to_owned(), v.to_owned()));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod budget_tests {
    use super::*;

    #[test]
    fn a_listing_ends_past_its_records_or_its_bytes_saying_which() {
        let mut b = Budget::default();
        assert!(b.spend(MAX_LISTING_RECORDS, 1024).is_ok());
        let why = b.spend(1, 0).unwrap_err();
        assert!(why.contains("250000 records"), "{why}");
        let mut b = Budget::default();
        assert!(b.spend(10, MAX_LISTING_BYTES).is_ok());
        let why = b.spend(0, 1).unwrap_err();
        assert!(why.contains("256 MiB"), "{why}");
    }
}
