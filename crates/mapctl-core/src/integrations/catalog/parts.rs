//! The parts of a declaration turned into the engine's: the listing (its
//! paging with the configured page size, its record rules), how calls
//! authenticate, the headers of every call, the failure rules.

use serde_json::Value as Json;

use super::Build;
use crate::error::{Error, Result};
use crate::integrations::declaration as decl;
use crate::integrations::http::{self, Grant, Trusted, basic_header};
use crate::integrations::rest::{Listing, Paging, RecordSpec, Rule, Total};
use crate::integrations::template::Values;

/// A TOML value as JSON (rules compare JSON answers).
pub(super) fn json_of(v: &toml::Value) -> Json {
    serde_json::to_value(v).unwrap_or(Json::Null)
}

fn rule(r: &decl::Rule) -> Rule {
    match (&r.equals, r.present) {
        (Some(v), _) => Rule::Equals(r.pointer.clone(), json_of(v)),
        (None, present) => Rule::Present(r.pointer.clone(), present.unwrap_or(true)),
    }
}

impl Build<'_> {
    pub(super) fn listing(&self, values: &Values, list: &decl::List) -> Result<Listing> {
        let size = |default: usize, max: Option<usize>| -> Result<usize> {
            let n = self.table.number("page_size", default)?;
            Ok(max.map_or(n, |m| n.min(m)))
        };
        let paging = match &list.paging {
            decl::Paging::None => Paging::None,
            decl::Paging::PageNumber {
                page_param,
                size_param,
                first,
                size: default,
                max_size,
                total_records,
                total_pages,
                stop,
            } => Paging::PageNumber {
                page_param: page_param.clone(),
                size_param: size_param.clone(),
                first: *first,
                size: size(*default, *max_size)?,
                total: match (total_records, total_pages) {
                    (Some(p), _) => Some(Total::Records(p.clone())),
                    (None, Some(p)) => Some(Total::Pages(p.clone())),
                    (None, None) => None,
                },
                stop_short: *stop == decl::Stop::ShortPage,
            },
            decl::Paging::Keyset {
                after_param,
                size_param,
                size: default,
            } => Paging::Keyset {
                after_param: after_param.clone(),
                size_param: size_param.clone(),
                size: size(*default, None)?,
            },
            decl::Paging::NextUrl {
                pointer,
                headers,
                allowed_headers,
                again,
                size_param,
                size: default,
            } => Paging::NextUrl {
                pointer: pointer.clone(),
                headers: headers.clone().map(|at| (at, allowed_headers.clone())),
                again_same: *again == decl::Again::Same,
                size: match (size_param, default) {
                    (Some(p), Some(d)) => Some((p.clone(), size(*d, None)?)),
                    _ => None,
                },
            },
            decl::Paging::Cursor {
                pointer,
                param,
                size_param,
                size: default,
            } => Paging::Cursor {
                pointer: pointer.clone(),
                param: param.clone(),
                size: match (size_param, default) {
                    (Some(p), Some(d)) => Some((p.clone(), size(*d, None)?)),
                    _ => None,
                },
            },
            decl::Paging::Offset {
                offset_param,
                size_param,
                size: default,
                max_size,
                total,
                stop,
            } => Paging::Offset {
                offset_param: offset_param.clone(),
                size_param: size_param.clone(),
                size: size(*default, *max_size)?,
                total: total.clone(),
                stop_short: *stop == decl::Stop::ShortPage,
            },
            decl::Paging::LinkHeader {
                size_param,
                size: default,
            } => Paging::LinkHeader {
                size: match (size_param, default) {
                    (Some(p), Some(d)) => Some((p.clone(), size(*d, None)?)),
                    _ => None,
                },
            },
        };
        let body =
            match &list.body {
                Some(b) => Some(serde_json::to_value(b).map_err(|e| {
                    Error::internal(format!("{}: the listing's body: {e}", self.name))
                })?),
                None => None,
            };
        let record = &list.record;
        Ok(Listing {
            path: values.fill_url(&list.path).map_err(|m| self.missing(m))?,
            body,
            items: list.items.clone(),
            paging,
            record: RecordSpec {
                id: record.id.clone(),
                name: record.name.all().into_iter().map(str::to_owned).collect(),
                metadata: record.metadata.clone().into_iter().collect(),
                links: record.links.clone().into_iter().collect(),
                domains: record.domains.clone(),
                inactive: record.inactive.iter().map(rule).collect(),
                include: record.include.iter().map(rule).collect(),
                exclude: record.exclude.iter().map(rule).collect(),
            },
        })
    }

    /// How the API calls authenticate, and where the credentials came from.
    pub(super) fn auth(&self, values: &Values, trusted: &Trusted) -> Result<http::Auth> {
        Ok(match &self.declaration.auth {
            decl::Auth::None => http::Auth::None,
            decl::Auth::Basic { username, password } => http::Auth::Basic(basic_header(
                &self.fill(values, username)?,
                &self.fill(values, password)?,
            )),
            decl::Auth::ClientCredentials {
                token_url,
                scope,
                client_auth,
                params,
            } => {
                let id = values
                    .get("credential:client_id")
                    .unwrap_or_default()
                    .to_owned();
                let secret = values
                    .get("credential:client_secret")
                    .unwrap_or_default()
                    .to_owned();
                let mut form = vec![("grant_type".to_owned(), "client_credentials".to_owned())];
                let basic = match client_auth {
                    decl::ClientAuth::Body => {
                        form.push(("client_id".into(), id));
                        form.push(("client_secret".into(), secret));
                        None
                    }
                    decl::ClientAuth::Basic => Some((id, secret)),
                };
                if let Some(scope) = scope {
                    form.push(("scope".into(), self.fill(values, scope)?));
                }
                // A parameter naming an unset optional setting is left out.
                form.extend(
                    params
                        .iter()
                        .filter_map(|(k, v)| values.fill(v).ok().map(|v| (k.clone(), v))),
                );
                http::Auth::OAuth(Grant {
                    token_url: self.fill_url(values, trusted, "token_url", token_url)?,
                    form,
                    basic,
                })
            }
            decl::Auth::TokenExchange {
                url,
                method,
                headers,
                form,
                json,
                token,
                expires_in,
                scheme,
            } => {
                let fill_all = |m: &std::collections::BTreeMap<String, String>| {
                    m.iter()
                        .map(|(k, v)| Ok((k.clone(), self.fill(values, v)?)))
                        .collect::<Result<Vec<(String, String)>>>()
                };
                let body = if !form.is_empty() {
                    http::ExchangeBody::Form(fill_all(form)?)
                } else if !json.is_empty() {
                    let fields: serde_json::Map<String, Json> = fill_all(json)?
                        .into_iter()
                        .map(|(k, v)| (k, Json::String(v)))
                        .collect();
                    http::ExchangeBody::Json(Json::Object(fields))
                } else {
                    http::ExchangeBody::None
                };
                http::Auth::Exchange(http::Exchange {
                    url: self.fill_url(values, trusted, "token exchange", url)?,
                    post: *method == decl::Method::Post,
                    headers: fill_all(headers)?,
                    body,
                    token: token.clone(),
                    expires_in: expires_in.clone(),
                    scheme: scheme.clone(),
                })
            }
            decl::Auth::Password {
                token_url,
                client_id,
                client_secret,
                username,
                password,
            } => http::Auth::OAuth(Grant {
                token_url: self.fill_url(values, trusted, "token_url", token_url)?,
                form: vec![
                    ("grant_type".into(), "password".into()),
                    ("username".into(), self.fill(values, username)?),
                    ("password".into(), self.fill(values, password)?),
                ],
                basic: Some((client_id.clone(), client_secret.clone())),
            }),
        })
    }

    /// The headers of every API call: those whose values are all known
    /// (one naming an unset setting, or a lookup not made yet, is left out);
    /// a `base64` header encoded, and that form registered with the mask.
    pub(super) fn headers(&self, values: &Values) -> Vec<(String, String)> {
        use base64::Engine;
        self.declaration
            .headers
            .iter()
            .filter_map(|(k, v)| {
                let text = values.fill(v.template()).ok()?;
                let value = match v {
                    decl::HeaderValue::Text(_) => text,
                    decl::HeaderValue::Encoded { .. } => {
                        let encoded = base64::engine::general_purpose::STANDARD.encode(&text);
                        crate::redact::register_encoded(&encoded);
                        encoded
                    }
                };
                Some((k.clone(), value))
            })
            .collect()
    }

    /// The declaration's failure rules for 2xx answers.
    pub(super) fn failures(&self) -> Vec<http::Failure> {
        self.declaration
            .failures
            .iter()
            .map(|f| http::Failure {
                pointer: f.pointer.clone(),
                equals: json_of(&f.equals),
                message: f.message.clone(),
                text: f.text.clone(),
                kind: match f.means {
                    decl::Means::Auth => crate::error::ErrorKind::Auth,
                    decl::Means::Unavailable => crate::error::ErrorKind::Unavailable,
                    decl::Means::Invalid => crate::error::ErrorKind::InvalidInput,
                },
            })
            .collect()
    }
}
