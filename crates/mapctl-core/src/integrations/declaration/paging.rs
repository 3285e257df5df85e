//! How a declaration's pages follow each other (`[list.paging]`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum Paging {
    /// One call lists everything.
    None,
    /// Page numbers. It ends at the total (`total_records` or `total_pages`,
    /// then the pages after the first are fetched concurrently), else on an
    /// empty page, or a short one with `stop = "short_page"` (only for
    /// servers that never cap the size asked for).
    PageNumber {
        page_param: String,
        size_param: String,
        /// The first page's number: 0 or 1.
        #[serde(default = "one")]
        first: usize,
        /// Default size (the `page_size` setting overrides it).
        size: usize,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_size: Option<usize>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total_records: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total_pages: Option<String>,
        #[serde(default)]
        stop: Stop,
    },
    /// `after` = the last id of the previous page; a short page is the last.
    Keyset {
        after_param: String,
        size_param: String,
        size: usize,
    },
    /// A next-page URL in the body, until it is absent or null; fetched
    /// with GET, or sent again as the first request (`again = "same"`: POST
    /// with the same body).
    NextUrl {
        pointer: String,
        /// Where the next request's headers are (`[{"key","value"}]`,
        /// Partner Center's continuation token).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        headers: Option<String>,
        /// The only headers a next page may set, by name; never a standard
        /// or hop-by-hop one.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        allowed_headers: Vec<String>,
        #[serde(default)]
        again: Again,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size_param: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size: Option<usize>,
    },
    /// A cursor in the body sent back as a parameter, until it is absent,
    /// null or empty; a cursor sent twice is an error.
    Cursor {
        pointer: String,
        param: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size_param: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size: Option<usize>,
    },
    /// Offset and limit; it ends at the total, else on an empty page (or a
    /// short one with `stop = "short_page"`).
    Offset {
        offset_param: String,
        size_param: String,
        size: usize,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_size: Option<usize>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total: Option<String>,
        #[serde(default)]
        stop: Stop,
    },
    /// RFC 5988 `Link: <…>; rel="next"` response headers.
    LinkHeader {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size_param: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size: Option<usize>,
    },
}

fn one() -> usize {
    1
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Stop {
    #[default]
    EmptyPage,
    ShortPage,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Again {
    #[default]
    Get,
    Same,
}
