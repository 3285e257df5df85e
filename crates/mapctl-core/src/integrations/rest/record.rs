//! Reading records: where id and name sit (a name may be the first of
//! several pointers, or a template of them), what goes into `metadata`,
//! and which records are organizations at all (`include`/`exclude`).

use serde_json::{Map, Value as Json};

use super::{ExternalOrg, Listing, RecordSpec, RestIntegration};
use crate::error::{Error, Result};

pub(super) fn text_of(v: Option<&Json>) -> Option<String> {
    match v? {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A name source: a pointer (`/name`), or a template of pointers
/// (`{/firstname} {/lastname}`), read from `item`; blank is none.
fn name_from(source: &str, item: &Json) -> Option<String> {
    if !source.contains('{') {
        return text_of(item.pointer(source)).filter(|n| !n.trim().is_empty());
    }
    let mut out = String::new();
    let mut rest = source;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push_str(&rest[..start]);
        let pointer = &rest[start + 1..start + len];
        out.push_str(&text_of(item.pointer(pointer)).unwrap_or_default());
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    // "{/firstname} {/lastname}" with one of them missing is one word.
    let name = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (!name.is_empty()).then_some(name)
}

/// Whether a record is an organization the listing is about.
fn wanted(r: &RecordSpec, item: &Json) -> bool {
    r.include.iter().all(|rule| rule.matches(item))
        && !r.exclude.iter().any(|rule| rule.matches(item))
}

impl RestIntegration {
    pub(super) fn record(&self, r: &RecordSpec, item: &Json) -> Option<ExternalOrg> {
        let id = text_of(item.pointer(&r.id))?;
        let name = r
            .name
            .iter()
            .find_map(|source| name_from(source, item))
            .unwrap_or_default();
        // A name is at most 400 characters wherever it is stored (contract
        // §2): a longer one from an API is cut, the same way every time.
        let name = match name.char_indices().nth(crate::model::MAX_NAME_LEN) {
            Some((at, _)) => name[..at].to_owned(),
            None => name,
        };
        // A declared metadata value larger than any real one (a server's
        // whole object, a megabyte of text) is left out, not carried into
        // every cache, proposal and output.
        let mut metadata: Map<String, Json> = r
            .metadata
            .iter()
            .filter_map(|(k, p)| item.pointer(p).map(|v| (k.clone(), v.clone())))
            .filter(|(_, v)| json_size(v) <= MAX_METADATA_VALUE)
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
        let mut domains = Vec::new();
        for p in &r.domains {
            if let Some(v) = item.pointer(p) {
                crate::domains::from_value(v, &mut domains);
            }
        }
        if !domains.is_empty() {
            metadata.insert("domains".into(), Json::from(domains));
        }
        if r.inactive.iter().any(|rule| rule.matches(item)) {
            metadata.insert("inactive".into(), Json::Bool(true));
        }
        Some(ExternalOrg { id, name, metadata })
    }

    /// The organizations of one page (records the rules leave out are not).
    pub(super) fn items(
        &self,
        listing: &Listing,
        url: &url::Url,
        body: &Json,
    ) -> Result<Vec<ExternalOrg>> {
        Ok(self.page(listing, url, body)?.kept)
    }

    /// One page as the server sent it: the organizations the rules keep,
    /// and how many records it held and the last one's id, which decide
    /// the last page and the next offset or key (a page of left-out
    /// records is not the end of a listing).
    pub(super) fn page(&self, listing: &Listing, url: &url::Url, body: &Json) -> Result<Page> {
        let items = if listing.items.is_empty() {
            Some(body)
        } else {
            body.pointer(&listing.items)
        };
        let Some(Json::Array(items)) = items else {
            return Err(self.shape_error(url, &format!("no array at {:?}", listing.items)));
        };
        let kept = items
            .iter()
            .filter(|i| wanted(&listing.record, i))
            .map(|i| {
                self.record(&listing.record, i).ok_or_else(|| {
                    self.shape_error(url, &format!("a record without {:?}", listing.record.id))
                })
            })
            .collect::<std::result::Result<_, Error>>()?;
        let last_id = items
            .last()
            .and_then(|i| self.record(&listing.record, i))
            .map(|o| o.id);
        Ok(Page {
            kept,
            sent: items.len(),
            last_id,
        })
    }
}

/// The largest metadata value kept (as JSON text): a few hundred bytes is
/// usual, a website or a tenant id.
pub(super) const MAX_METADATA_VALUE: usize = 8 * 1024;

/// A JSON value's size as text, counted without writing it out.
fn json_size(v: &Json) -> usize {
    match v {
        Json::String(s) => s.len() + 2,
        Json::Array(items) => 2 + items.iter().map(json_size).sum::<usize>() + items.len(),
        Json::Object(m) => {
            2 + m
                .iter()
                .map(|(k, v)| k.len() + 4 + json_size(v))
                .sum::<usize>()
        }
        other => other.to_string().len(),
    }
}

/// One page of a listing: what is kept, and what was sent.
pub(super) struct Page {
    pub(super) kept: Vec<ExternalOrg>,
    pub(super) sent: usize,
    pub(super) last_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_json_size_is_counted_without_writing_it() {
        for v in [
            json!("abc"),
            json!([1, "x", {"k": [true, null]}]),
            json!({"a": {"b": "c"}}),
        ] {
            assert!(json_size(&v) >= v.to_string().len(), "{v}");
            assert!(json_size(&v) <= v.to_string().len() + 16, "{v}");
        }
        assert!(json_size(&json!("x".repeat(MAX_METADATA_VALUE))) > MAX_METADATA_VALUE);
    }

    #[test]
    fn a_name_is_the_first_source_that_gives_one() {
        let person = json!({"business_name": null, "firstname": "Ada", "lastname": "Lovelace"});
        let firm = json!({"business_name": "Acme", "firstname": "Ada", "lastname": "L"});
        let half = json!({"business_name": "  ", "firstname": "Ada"});
        let sources = ["/business_name", "{/firstname} {/lastname}"];
        let first = |item: &Json| sources.iter().find_map(|s| name_from(s, item));
        assert_eq!(first(&person).as_deref(), Some("Ada Lovelace"));
        assert_eq!(first(&firm).as_deref(), Some("Acme"));
        assert_eq!(first(&half).as_deref(), Some("Ada"));
        assert_eq!(first(&json!({})), None);
    }

    #[test]
    fn include_and_exclude_rules_pick_the_organizations() {
        use super::super::Rule;
        let r = RecordSpec {
            include: vec![Rule::Equals("/kind".into(), json!("customer"))],
            exclude: vec![Rule::Present("/deleted_at".into(), true)],
            ..Default::default()
        };
        assert!(wanted(&r, &json!({"kind": "customer", "deleted_at": null})));
        assert!(!wanted(&r, &json!({"kind": "partner"})));
        assert!(!wanted(
            &r,
            &json!({"kind": "customer", "deleted_at": "2026-01-01"})
        ));
    }
}
