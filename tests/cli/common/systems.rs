//! Test doubles of ConnectWise PSA, Autotask PSA, Datto RMM, IT Glue and
//! Hudu on 127.0.0.1, with the shapes and sharp edges of
//! shared/spec/external-apis.md: ConnectWise's composed Basic user, its
//! clientId header, the companyinfo lookup and `Link` paging; Autotask's three
//! headers, the zone lookup, its mandatory filter, 500-record pages, the
//! next page POSTed again (a GET there is 405) and its 500 for an unknown
//! user; Datto's password grant with the public client, 0-based pages of at
//! most 250 and the "Deleted Devices" site; IT Glue's JSON:API (string ids)
//! and 403 for a bad key; Hudu capping every page at 25 in silence. Any of
//! them answers 429 with `Retry-After: 1` on demand.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use base64::Engine;
use serde_json::{Value, json};

use super::http::{Request, Response, Server};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    ConnectWise,
    Autotask,
    Datto,
    ItGlue,
    Hudu,
}

pub const CW_COMPANY: &str = "acme";
pub const CW_PUBLIC: &str = "cw-public-key";
pub const CW_PRIVATE: &str = "cw-private-key-never-printed";
pub const CW_CLIENT: &str = "0b7c7e7a-1111-4222-8333-444455556666";
pub const CW_CODEBASE: &str = "v2025_1/";
pub const AT_USER: &str = "api@acme.example";
pub const AT_SECRET: &str = "at-secret-never-printed";
pub const AT_CODE: &str = "AT-INTEGRATION-CODE";
pub const DATTO_KEY: &str = "datto-api-key";
pub const DATTO_SECRET: &str = "datto-api-secret-never-printed";
pub const API_KEY: &str = "api-key-never-printed";

pub struct Double {
    pub server: Server,
    pub system: System,
    /// The next N API calls answer 429 with `Retry-After: 1`.
    pub throttle: Arc<AtomicUsize>,
    /// Most requests in flight at once.
    pub peak: Arc<AtomicUsize>,
    /// Autotask's zone answer (its own root unless set).
    pub zone_answer: Arc<Mutex<Option<String>>>,
}

/// Company names that do not sort like their ids.
pub fn company(i: usize) -> String {
    const WORDS: [&str; 6] = [
        "Contoso",
        "Fabrikam",
        "Northwind",
        "Tailspin",
        "Litware",
        "Proseware",
    ];
    format!("{} {:03}", WORDS[i % WORDS.len()], i)
}

fn basic(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

/// `?a=1&b=2` parameters of a URL path-and-query.
fn params(target: &str) -> Vec<(String, String)> {
    url::Url::parse(&format!("http://x{target}"))
        .map(|u| u.query_pairs().into_owned().collect())
        .unwrap_or_default()
}

struct State {
    system: System,
    n: usize,
    base: Mutex<String>,
    throttle: Arc<AtomicUsize>,
    in_flight: AtomicUsize,
    peak: Arc<AtomicUsize>,
    zone_answer: Arc<Mutex<Option<String>>>,
}

impl State {
    fn handle(&self, r: &Request) -> Response {
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        // Long enough for concurrent requests to overlap.
        std::thread::sleep(std::time::Duration::from_millis(5));
        let answer = self.route(r);
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        answer
    }

    fn throttled(&self) -> Option<Response> {
        self.throttle
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .ok()
            .map(|_| {
                Response::json(429, json!({"message": "Rate limit exceeded"}))
                    .with_header("Retry-After", "1")
            })
    }

    fn route(&self, r: &Request) -> Response {
        match self.system {
            System::ConnectWise => self.connectwise(r),
            System::Autotask => self.autotask(r),
            System::Datto => self.datto(r),
            System::ItGlue => self.itglue(r),
            System::Hudu => self.hudu(r),
        }
    }

    fn base(&self) -> String {
        self.base.lock().unwrap().clone()
    }

    // ConnectWise PSA ------------------------------------------------------

    fn cw_company(&self, i: usize) -> Value {
        json!({"id": i, "identifier": format!("C{i:03}"), "name": company(i),
               "status": {"id": 1, "name": "Active"}, "types": [],
               "deletedFlag": i.is_multiple_of(7), "dateDeleted": null})
    }

    fn connectwise(&self, r: &Request) -> Response {
        if r.path == format!("/login/companyinfo/{CW_COMPANY}") {
            return Response::json(
                200,
                json!({"CompanyName": "Acme", "Codebase": CW_CODEBASE, "VersionCode": "v2025.1",
                       "CompanyID": CW_COMPANY, "IsCloud": true, "SiteUrl": "api-na.myconnectwise.net"}),
            );
        }
        let Some(path) = r.path.strip_prefix(&format!("/{CW_CODEBASE}apis/3.0")) else {
            return Response::json(404, json!({"code": "NotFound", "message": "Not found"}));
        };
        if r.header("authorization")
            != Some(&basic(&format!("{CW_COMPANY}+{CW_PUBLIC}"), CW_PRIVATE))
            || r.header("clientid") != Some(CW_CLIENT)
        {
            return Response::json(
                401,
                json!({"code": "Unauthorized", "message": "Authentication failed.", "errors": []}),
            );
        }
        if let Some(t) = self.throttled() {
            return t;
        }
        if path == "/system/info" {
            return Response::json(200, json!({"version": "v2025.1", "isCloud": true}));
        }
        if path == "/company/companies" {
            let page: usize = r.param("page").and_then(|p| p.parse().ok()).unwrap_or(1);
            let size: usize = r
                .param("pageSize")
                .and_then(|p| p.parse().ok())
                .unwrap_or(25)
                .min(1000);
            let items: Vec<Value> = (1..=self.n)
                .skip((page - 1) * size)
                .take(size)
                .map(|i| self.cw_company(i))
                .collect();
            let mut answer = Response::json(200, Value::Array(items));
            if page * size < self.n {
                answer = answer.with_header(
                    "Link",
                    &format!(
                        "<{0}/{CW_CODEBASE}apis/3.0/company/companies?pageSize={size}&page={1}>; rel=\"next\", <{0}/{CW_CODEBASE}apis/3.0/company/companies?pageSize={size}&page={2}>; rel=\"last\"",
                        self.base(),
                        page + 1,
                        self.n.div_ceil(size)
                    ),
                );
            }
            return answer;
        }
        if let Some(id) = path.strip_prefix("/company/companies/") {
            return match id.parse::<usize>() {
                Ok(i) if (1..=self.n).contains(&i) => Response::json(200, self.cw_company(i)),
                _ => Response::json(
                    404,
                    json!({"code": "NotFound", "message": "Company not found", "errors": null}),
                ),
            };
        }
        Response::json(404, json!({"code": "NotFound", "message": "Not found"}))
    }

    // Autotask PSA ---------------------------------------------------------

    fn at_company(&self, i: usize) -> Value {
        json!({"id": i, "companyName": company(i), "companyNumber": format!("{i:05}"),
               "companyType": 1, "isActive": !i.is_multiple_of(9), "parentCompanyID": null})
    }

    fn autotask(&self, r: &Request) -> Response {
        if r.path == "/ATServicesRest/V1.0/ZoneInformation" {
            if r.param("user") != Some(AT_USER) {
                return Response::json(
                    404,
                    json!({"errors": ["Zone information could not be determined"]}),
                );
            }
            let url = self
                .zone_answer
                .lock()
                .unwrap()
                .clone()
                .unwrap_or_else(|| format!("{}/ATServicesRest/", self.base()));
            return Response::json(
                200,
                json!({"zoneName": "America West", "url": url,
                       "webUrl": "https://ww3.autotask.net/", "ci": 3}),
            );
        }
        let Some(path) = r.path.strip_prefix("/ATServicesRest/V1.0") else {
            return Response::json(404, json!({"errors": ["Not found"]}));
        };
        if r.header("username") != Some(AT_USER) || r.header("apiintegrationcode") != Some(AT_CODE)
        {
            // An unknown user or a bad integration code is a 500.
            return Response::json(
                500,
                json!({"errors": ["Zone information could not be determined for the user"]}),
            );
        }
        if r.header("secret") != Some(AT_SECRET) {
            return Response::json(401, json!({"errors": ["Unauthorized"]}));
        }
        if let Some(t) = self.throttled() {
            return t;
        }
        if path == "/ThresholdInformation" {
            return Response::json(
                200,
                json!({"externalRequestThreshold": 10000, "requestThresholdTimeframe": 60,
                       "currentTimeframeRequestCount": 1}),
            );
        }
        if path == "/Companies/query" || path == "/Companies/query/next" {
            if r.method != "POST" {
                return Response::json(
                    405,
                    json!({"errors": ["The requested resource does not support http method 'GET'."]}),
                );
            }
            let body: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
            if body
                .get("filter")
                .and_then(Value::as_array)
                .is_none_or(|f| f.is_empty())
            {
                return Response::json(500, json!({"errors": ["A filter is required"]}));
            }
            let max = body
                .get("MaxRecords")
                .and_then(Value::as_u64)
                .unwrap_or(500)
                .min(500) as usize;
            let start: usize = params(&r.target)
                .into_iter()
                .find(|(k, _)| k == "paging")
                .and_then(|(_, v)| v.parse().ok())
                .unwrap_or(0);
            let items: Vec<Value> = (start + 1..=self.n)
                .take(max)
                .map(|i| self.at_company(i))
                .collect();
            let end = start + items.len();
            let next = (end < self.n).then(|| {
                format!(
                    "{}/ATServicesRest/V1.0/Companies/query/next?paging={end}",
                    self.base()
                )
            });
            return Response::json(
                200,
                json!({"items": items, "pageDetails": {"count": items.len(), "requestCount": max,
                       "prevPageUrl": null, "nextPageUrl": next}}),
            );
        }
        if let Some(id) = path.strip_prefix("/Companies/") {
            return match id.parse::<usize>() {
                Ok(i) if (1..=self.n).contains(&i) => {
                    Response::json(200, json!({"item": self.at_company(i)}))
                }
                _ => Response::json(200, json!({"item": null})),
            };
        }
        Response::json(404, json!({"errors": ["Not found"]}))
    }

    // Datto RMM ------------------------------------------------------------

    fn datto_site(&self, i: usize) -> Value {
        if i == self.n {
            return json!({"id": 90000 + i, "uid": format!("site-{i:04}"), "name": "Deleted Devices",
                          "description": "", "onDemand": false, "autotaskCompanyId": null,
                          "autotaskCompanyName": null, "portalUrl": ""});
        }
        json!({"id": 90000 + i, "uid": format!("site-{i:04}"), "name": company(i),
               "description": "a site", "onDemand": false,
               "autotaskCompanyId": if i.is_multiple_of(2) { json!(i) } else { Value::Null },
               "autotaskCompanyName": null, "portalUrl": "https://pinotage.centrastage.net/"})
    }

    fn datto(&self, r: &Request) -> Response {
        if r.path == "/auth/oauth/token" {
            if r.method != "POST"
                || r.header("authorization") != Some(&basic("public-client", "public"))
            {
                return Response::json(
                    401,
                    json!({"error": "unauthorized", "error_description": "Full authentication is required"}),
                );
            }
            if r.form("grant_type").as_deref() != Some("password")
                || r.form("username").as_deref() != Some(DATTO_KEY)
                || r.form("password").as_deref() != Some(DATTO_SECRET)
            {
                return Response::json(
                    400,
                    json!({"error": "invalid_grant", "error_description": "Bad credentials"}),
                );
            }
            return Response::json(
                200,
                json!({"access_token": "datto-token-value", "token_type": "bearer", "expires_in": 359999, "scope": "default"}),
            );
        }
        if r.header("authorization") != Some("Bearer datto-token-value") {
            return Response::json(
                401,
                json!({"error": "invalid_token", "error_description": "Invalid access token"}),
            );
        }
        if let Some(t) = self.throttled() {
            return t;
        }
        if r.path == "/api/v2/account" {
            return Response::json(200, json!({"id": 1, "uid": "acct", "name": "Acme MSP"}));
        }
        if r.path == "/api/v2/account/sites" {
            let page: usize = r.param("page").and_then(|p| p.parse().ok()).unwrap_or(0);
            let max: usize = r
                .param("max")
                .and_then(|p| p.parse().ok())
                .unwrap_or(50)
                .min(250);
            let sites: Vec<Value> = (1..=self.n)
                .skip(page * max)
                .take(max)
                .map(|i| self.datto_site(i))
                .collect();
            let next = ((page + 1) * max < self.n).then(|| {
                format!(
                    "{}/api/v2/account/sites?max={max}&page={}",
                    self.base(),
                    page + 1
                )
            });
            return Response::json(
                200,
                json!({"pageDetails": {"count": sites.len(), "totalCount": self.n,
                       "prevPageUrl": null, "nextPageUrl": next}, "sites": sites}),
            );
        }
        if let Some(uid) = r.path.strip_prefix("/api/v2/site/") {
            return match (1..=self.n).find(|i| format!("site-{i:04}") == uid) {
                Some(i) => Response::json(200, self.datto_site(i)),
                None => Response::json(404, json!({"message": "Site was not found."})),
            };
        }
        Response::json(404, json!({"message": "Not found"}))
    }

    // IT Glue --------------------------------------------------------------

    fn itglue_org(&self, i: usize) -> Value {
        json!({"id": i.to_string(), "type": "organizations", "attributes": {
            "name": company(i), "short-name": format!("c{i}"),
            "organization-type-name": "Customer",
            "organization-status-name": if i.is_multiple_of(5) { "Inactive" } else { "Active" },
            "primary": false}})
    }

    fn itglue(&self, r: &Request) -> Response {
        if r.header("x-api-key") != Some(API_KEY) {
            return Response::json(
                403,
                json!({"errors": [{"status": "403", "title": "Forbidden", "detail": "Invalid API key"}]}),
            );
        }
        if let Some(t) = self.throttled() {
            return t;
        }
        if r.path == "/organizations" {
            let number: usize = r
                .param("page[number]")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1);
            let size: usize = r
                .param("page[size]")
                .and_then(|p| p.parse().ok())
                .unwrap_or(50)
                .min(1000);
            let data: Vec<Value> = (1..=self.n)
                .skip((number - 1) * size)
                .take(size)
                .map(|i| self.itglue_org(i))
                .collect();
            let pages = self.n.div_ceil(size);
            return Response::json(
                200,
                json!({"data": data, "meta": {"current-page": number,
                       "next-page": if number < pages { json!(number + 1) } else { Value::Null },
                       "prev-page": if number > 1 { json!(number - 1) } else { Value::Null },
                       "total-pages": pages, "total-count": self.n, "filters": {}}}),
            );
        }
        if let Some(id) = r.path.strip_prefix("/organizations/") {
            return match id.parse::<usize>() {
                Ok(i) if (1..=self.n).contains(&i) => {
                    Response::json(200, json!({"data": self.itglue_org(i)}))
                }
                _ => Response::json(
                    404,
                    json!({"errors": [{"status": "404", "title": "Record not found", "detail": "Record not found"}]}),
                ),
            };
        }
        Response::json(
            404,
            json!({"errors": [{"status": "404", "title": "Not found"}]}),
        )
    }

    // Hudu -----------------------------------------------------------------

    fn hudu_company(&self, i: usize) -> Value {
        json!({"id": i, "name": company(i), "nickname": "", "company_type": "Customer",
               "archived": i.is_multiple_of(4), "id_number": format!("H{i}"), "slug": format!("c-{i}")})
    }

    fn hudu(&self, r: &Request) -> Response {
        if r.header("x-api-key") != Some(API_KEY) {
            return Response::json(401, json!({"error": "Invalid API key"}));
        }
        if let Some(t) = self.throttled() {
            return t;
        }
        if r.path == "/api/v1/api_info" {
            return Response::json(200, json!({"version": "2.37.1", "date": "2025-01-01"}));
        }
        if r.path == "/api/v1/companies" {
            let page: usize = r.param("page").and_then(|p| p.parse().ok()).unwrap_or(1);
            // Whatever page_size is asked for, 25 come back.
            let size = 25;
            let companies: Vec<Value> = (1..=self.n)
                .skip((page - 1) * size)
                .take(size)
                .map(|i| self.hudu_company(i))
                .collect();
            return Response::json(200, json!({"companies": companies}));
        }
        if let Some(id) = r.path.strip_prefix("/api/v1/companies/") {
            return match id.parse::<usize>() {
                Ok(i) if (1..=self.n).contains(&i) => {
                    Response::json(200, json!({"company": self.hudu_company(i)}))
                }
                _ => Response::json(404, json!({"error": "Record not found"})),
            };
        }
        Response::json(404, json!({"error": "Not found"}))
    }
}

impl Double {
    /// A double holding `n` organizations (sites, companies).
    pub fn start(system: System, n: usize) -> Double {
        let throttle = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let zone_answer = Arc::new(Mutex::new(None));
        let state = Arc::new(State {
            system,
            n,
            base: Mutex::new(String::new()),
            throttle: throttle.clone(),
            in_flight: AtomicUsize::new(0),
            peak: peak.clone(),
            zone_answer: zone_answer.clone(),
        });
        let s = state.clone();
        let server = Server::start(Arc::new(move |r| s.handle(r)));
        *state.base.lock().unwrap() = server.url();
        Double {
            server,
            system,
            throttle,
            peak,
            zone_answer,
        }
    }

    pub fn name(&self) -> &'static str {
        match self.system {
            System::ConnectWise => "connectwise",
            System::Autotask => "autotask",
            System::Datto => "datto_rmm",
            System::ItGlue => "itglue",
            System::Hudu => "hudu",
        }
    }

    /// The `[integrations.NAME]` table that points mapctl at this double.
    pub fn config(&self) -> String {
        let url = self.server.url();
        match self.system {
            System::ConnectWise => format!(
                "[integrations.connectwise]\nbase_url = \"{url}\"\ncompany_id = \"{CW_COMPANY}\"\n"
            ),
            System::Autotask => {
                format!("[integrations.autotask]\nzone_url = \"{url}/ATServicesRest\"\n")
            }
            System::Datto => format!("[integrations.datto_rmm]\nbase_url = \"{url}\"\n"),
            System::ItGlue => format!("[integrations.itglue]\nbase_url = \"{url}\"\n"),
            System::Hudu => format!("[integrations.hudu]\nbase_url = \"{url}\"\n"),
        }
    }

    /// The credentials, as environment variables.
    pub fn env(&self) -> Vec<(String, String)> {
        let pairs: &[(&str, &str)] = match self.system {
            System::ConnectWise => &[
                ("MAPCTL_CONNECTWISE_PUBLIC_KEY", CW_PUBLIC),
                ("MAPCTL_CONNECTWISE_PRIVATE_KEY", CW_PRIVATE),
                ("MAPCTL_CONNECTWISE_CLIENT_ID", CW_CLIENT),
            ],
            System::Autotask => &[
                ("MAPCTL_AUTOTASK_USERNAME", AT_USER),
                ("MAPCTL_AUTOTASK_SECRET", AT_SECRET),
                ("MAPCTL_AUTOTASK_INTEGRATION_CODE", AT_CODE),
            ],
            System::Datto => &[
                ("MAPCTL_DATTO_RMM_API_KEY", DATTO_KEY),
                ("MAPCTL_DATTO_RMM_API_SECRET", DATTO_SECRET),
            ],
            System::ItGlue => &[("MAPCTL_ITGLUE_API_KEY", API_KEY)],
            System::Hudu => &[("MAPCTL_HUDU_API_KEY", API_KEY)],
        };
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    /// Requests whose path starts with `prefix`.
    pub fn calls(&self, prefix: &str) -> Vec<Request> {
        self.server.requests(prefix)
    }
}
