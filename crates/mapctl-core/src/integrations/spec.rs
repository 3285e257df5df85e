//! What the REST engine runs: a declaration with its settings, lookups and
//! credentials filled in (`catalog` builds it).

use serde_json::Value as Json;

/// How the pages of a listing follow each other (the declaration's paging,
/// with the configured page size).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Paging {
    /// One call.
    None,
    /// Page numbers from `first`. With a total (records or pages) the pages
    /// after the first are fetched concurrently; without, one after the
    /// other until an empty page (or a short one when `stop_short`).
    PageNumber {
        page_param: String,
        size_param: String,
        first: usize,
        size: usize,
        total: Option<Total>,
        stop_short: bool,
    },
    /// `after` = the last id of the previous page; a short page is the last.
    Keyset {
        after_param: String,
        size_param: String,
        size: usize,
    },
    /// A next-page URL in the body, followed until absent; POSTed again
    /// with the first request's body when `again_same`.
    NextUrl {
        pointer: String,
        /// Where the next request's headers are (`[{"key","value"}]`),
        /// and the names a page may set.
        headers: Option<(String, Vec<String>)>,
        again_same: bool,
        size: Option<(String, usize)>,
    },
    /// A cursor from the body at `pointer`, sent back as `param`.
    Cursor {
        pointer: String,
        param: String,
        size: Option<(String, usize)>,
    },
    /// Offset and limit; ends at the total, or on an empty (short) page.
    Offset {
        offset_param: String,
        size_param: String,
        size: usize,
        total: Option<String>,
        stop_short: bool,
    },
    /// RFC 5988 `Link: <…>; rel="next"`.
    LinkHeader { size: Option<(String, usize)> },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Total {
    Records(String),
    Pages(String),
}

/// A condition on a record.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Rule {
    /// The pointer holds this value.
    Equals(String, Json),
    /// The pointer holds a value other than null (`present = true`), or
    /// nothing or null (`present = false`).
    Present(String, bool),
}

impl Rule {
    pub(crate) fn matches(&self, record: &Json) -> bool {
        match self {
            Rule::Equals(p, v) => record.pointer(p) == Some(v),
            Rule::Present(p, wanted) => record.pointer(p).is_some_and(|v| !v.is_null()) == *wanted,
        }
    }
}

/// Where id, name and the rest sit in a record.
#[derive(Debug, Clone, Default)]
pub(crate) struct RecordSpec {
    pub(crate) id: String,
    /// Pointers or templates of pointers (`{/firstname} {/lastname}`): the
    /// first that gives a name.
    pub(crate) name: Vec<String>,
    /// Copied into `metadata`: (key, pointer).
    pub(crate) metadata: Vec<(String, String)>,
    /// Into `metadata.links`: (integration, pointer).
    pub(crate) links: Vec<(String, String)>,
    /// Pointers to websites, addresses or domains: `metadata.domains`.
    pub(crate) domains: Vec<String>,
    /// A record any rule matches is inactive.
    pub(crate) inactive: Vec<Rule>,
    /// Only records every rule matches are listed.
    pub(crate) include: Vec<Rule>,
    /// Records any rule matches are not.
    pub(crate) exclude: Vec<Rule>,
}

#[derive(Debug, Clone)]
pub(crate) struct Listing {
    /// Path (with fixed query) below the API root.
    pub(crate) path: String,
    /// POSTed as JSON when present.
    pub(crate) body: Option<Json>,
    /// Where the array of records is ("" = the body is the array).
    pub(crate) items: String,
    pub(crate) paging: Paging,
    pub(crate) record: RecordSpec,
}

#[derive(Debug, Clone)]
pub(crate) struct Spec {
    pub(crate) name: String,
    /// The API root: paths are appended to it, and it is the one origin
    /// credentials are sent to.
    pub(crate) base_url: url::Url,
    pub(crate) list: Option<Listing>,
    /// One record: path with `{id}`, and where the record is in the answer.
    pub(crate) get: Option<(String, String)>,
    /// Path of the cheap call of `test-connection`.
    pub(crate) test_path: String,
    /// Pages in flight at once (page numbers with a total).
    pub(crate) concurrency: usize,
}
