//! Test doubles of HaloPSA, NinjaOne and Microsoft Graph on 127.0.0.1, with
//! the shapes of shared/spec/external-apis.md: their token endpoints (that
//! refuse wrong secrets with the real error bodies), bearer checks, their
//! envelopes and pagination, and faults on demand (429 with Retry-After,
//! 5xx, tokens that expire, slow pages).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use super::http::{Request, Response, Server};

pub const CLIENT_ID: &str = "mapctl-test-client";
pub const CLIENT_SECRET: &str = "s3cr3t-value-that-must-never-print";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    Halo,
    Ninja,
    Graph,
}

#[derive(Default)]
pub struct Faults {
    /// The next N API calls answer 429 with `Retry-After: 1`.
    pub throttle: AtomicUsize,
    /// The next N API calls answer 503.
    pub unavailable: AtomicUsize,
    /// A token stops working after this many API calls (0: never).
    pub token_uses: AtomicUsize,
    /// Server time per API call, in milliseconds.
    pub delay_ms: AtomicUsize,
    /// The token endpoint refuses every request with an error that echoes
    /// the form it was sent (as some servers do), client_secret included.
    pub echo_token: std::sync::atomic::AtomicBool,
    /// API calls to paths starting with this answer 500 with an error that
    /// echoes the request's Authorization header.
    pub echo_api: Mutex<Option<String>>,
    /// Halo claims this many records (0: the true count).
    pub claim_count: AtomicUsize,
    /// Graph's next-page links point here instead of at the double itself.
    pub next_link_base: Mutex<Option<String>>,
    /// The token answer's `expires_in` (else 3600).
    pub lifetime: Mutex<Option<i64>>,
}

pub struct Double {
    pub server: Server,
    pub faults: Arc<Faults>,
    pub api: Api,
    /// The external orgs the double holds (id, name), in id order.
    pub orgs: Arc<Mutex<Vec<(String, String)>>>,
}

struct State {
    api: Api,
    tenant: String,
    tokens: Mutex<HashMap<String, usize>>,
    issued: AtomicUsize,
    faults: Arc<Faults>,
    orgs: Arc<Mutex<Vec<(String, String)>>>,
}

/// Deterministic names that do not sort like their ids.
pub fn org_name(i: usize) -> String {
    const WORDS: [&str; 8] = [
        "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne",
    ];
    format!("{} {:05} Ltd", WORDS[i % WORDS.len()], i)
}

pub fn graph_tenant_id(i: usize) -> String {
    format!("00000000-0000-4000-8000-{i:012}")
}

fn oauth_error(api: Api, status: u16) -> Response {
    match api {
        Api::Graph => Response::json(
            status,
            json!({
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'mapctl-test-client'.\r\nTrace ID: 0000 Correlation ID: 0000 Timestamp: 2026-01-01 00:00:00Z",
                "error_codes": [7000215],
                "timestamp": "2026-01-01 00:00:00Z",
                "trace_id": "00000000-0000-0000-0000-000000000000",
                "correlation_id": "00000000-0000-0000-0000-000000000000"
            }),
        ),
        _ => Response::json(
            status,
            json!({"error": "invalid_client", "error_description": "Invalid client credentials"}),
        ),
    }
}

fn api_error(api: Api, status: u16, code: &str, message: &str) -> Response {
    match api {
        Api::Graph => Response::json(
            status,
            json!({"error": {"code": code, "message": message, "innerError": {"date": "2026-01-01T00:00:00", "request-id": "x"}}}),
        ),
        Api::Halo => Response::json(status, json!({"error": code, "message": message})),
        Api::Ninja => Response::json(status, json!({"resultCode": code, "errorMessage": message})),
    }
}

impl State {
    fn token(&self, r: &Request) -> Response {
        let grant = r.form("grant_type");
        let (path_ok, scope_ok) = match self.api {
            Api::Halo => (
                r.path == "/auth/token",
                r.form("scope").as_deref() == Some("all"),
            ),
            Api::Ninja => (
                r.path == "/ws/oauth/token",
                r.form("scope").is_some_and(|s| {
                    s.split(' ').any(|x| x == "monitoring")
                        && s.split(' ').any(|x| x == "management")
                }),
            ),
            Api::Graph => (
                r.path == format!("/{}/oauth2/v2.0/token", self.tenant),
                r.form("scope").as_deref() == Some("https://graph.microsoft.com/.default"),
            ),
        };
        if r.method != "POST" || !path_ok {
            return api_error(self.api, 404, "NotFound", "no such token endpoint");
        }
        if self.faults.echo_token.load(Ordering::SeqCst) {
            return Response::json(
                400,
                json!({"error": "invalid_request", "error_description": format!("could not parse the request body {}", r.body)}),
            );
        }
        if grant.as_deref() != Some("client_credentials") || !scope_ok {
            return Response::json(
                400,
                json!({"error": "invalid_request", "error_description": "grant_type or scope is wrong"}),
            );
        }
        if r.form("client_id").as_deref() != Some(CLIENT_ID)
            || r.form("client_secret").as_deref() != Some(CLIENT_SECRET)
        {
            return oauth_error(self.api, 401);
        }
        let token = format!(
            "{:?}-access-token-{:04}",
            self.api,
            self.issued.fetch_add(1, Ordering::SeqCst)
        );
        self.tokens.lock().unwrap().insert(token.clone(), 0);
        let lifetime = self.faults.lifetime.lock().unwrap().unwrap_or(3600);
        let mut body =
            json!({"token_type": "Bearer", "access_token": token, "expires_in": lifetime});
        if self.api == Api::Graph {
            body["ext_expires_in"] = json!(3600);
        }
        if self.api == Api::Ninja {
            body["scope"] = json!("monitoring management");
        }
        Response::json(200, body)
    }

    fn authorized(&self, r: &Request) -> bool {
        let Some(token) = r
            .header("authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
        else {
            return false;
        };
        let mut tokens = self.tokens.lock().unwrap();
        let Some(uses) = tokens.get_mut(token) else {
            return false;
        };
        *uses += 1;
        let limit = self.faults.token_uses.load(Ordering::SeqCst);
        limit == 0 || *uses <= limit
    }

    fn handle(&self, r: &Request, base: &str) -> Response {
        let is_token = match self.api {
            Api::Halo => r.path.starts_with("/auth/"),
            Api::Ninja => r.path.starts_with("/ws/oauth"),
            Api::Graph => r.path.contains("/oauth2/"),
        };
        if is_token {
            return self.token(r);
        }
        if !self.authorized(r) {
            return api_error(
                self.api,
                401,
                "InvalidAuthenticationToken",
                "Access token has expired or is not yet valid.",
            );
        }
        let echo = self.faults.echo_api.lock().unwrap().clone();
        if echo.is_some_and(|p| r.path.starts_with(&p)) {
            let auth = r.header("authorization").unwrap_or_default();
            return api_error(
                self.api,
                500,
                "InternalError",
                &format!("request failed (Authorization: {auth})"),
            );
        }
        let delay = self.faults.delay_ms.load(Ordering::SeqCst);
        if delay > 0 {
            std::thread::sleep(Duration::from_millis(delay as u64));
        }
        if take(&self.faults.throttle) {
            return api_error(
                self.api,
                429,
                "TooManyRequests",
                "Too many requests, retry after 1 second.",
            )
            .with_header("Retry-After", "1");
        }
        if take(&self.faults.unavailable) {
            return api_error(
                self.api,
                503,
                "ServiceUnavailable",
                "The service is temporarily unavailable.",
            );
        }
        let next_base = self.faults.next_link_base.lock().unwrap().clone();
        // Held while one page is built (well under a millisecond): cloning
        // every org for every request made concurrent pages queue behind
        // the double's own allocations.
        let orgs = self.orgs.lock().unwrap();
        match self.api {
            Api::Halo => {
                let claim = self.faults.claim_count.load(Ordering::SeqCst);
                halo(r, &orgs, (claim > 0).then_some(claim))
            }
            Api::Ninja => ninja(r, &orgs),
            Api::Graph => graph(r, &orgs, next_base.as_deref().unwrap_or(base)),
        }
    }
}

fn take(counter: &AtomicUsize) -> bool {
    counter
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

fn halo_client(id: &str, name: &str) -> Value {
    // Halo's ids are numbers; a test may hold another id to look one up by.
    let id = id.parse::<u64>().map_or_else(|_| json!(id), |n| json!(n));
    json!({"id": id, "name": name, "inactive": false, "toplevel_id": 1, "toplevel_name": "Top Level"})
}

/// A path segment as the server reads it (`a%20b` is `a b`).
fn decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = segment
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn halo(r: &Request, orgs: &[(String, String)], claim: Option<usize>) -> Response {
    if let Some(id) = r.path.strip_prefix("/api/Client/") {
        let id = decode(id);
        return match orgs.iter().find(|(i, _)| *i == id) {
            Some((i, n)) => Response::json(200, halo_client(i, n)),
            None => Response::json(404, json!("The specified Client was not found")),
        };
    }
    if r.path != "/api/Client" {
        return Response::json(404, json!("Not found"));
    }
    // Halo's own spelling; without it the API does not page.
    if r.param("pageinate") != Some("true") {
        return Response::json(
            400,
            json!({"error": "this double only serves paginated listings: pageinate=true"}),
        );
    }
    let size: usize = r
        .param("page_size")
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let page: usize = r.param("page_no").and_then(|v| v.parse().ok()).unwrap_or(1);
    let clients: Vec<Value> = orgs
        .iter()
        .skip((page - 1) * size)
        .take(size)
        .map(|(i, n)| halo_client(i, n))
        .collect();
    let count = claim.unwrap_or(orgs.len());
    Response::json(200, json!({"record_count": count, "clients": clients}))
}

fn ninja_org(id: &str, name: &str) -> Value {
    json!({"id": id.parse::<u64>().unwrap(), "name": name, "description": format!("{name} (RMM)"), "nodeApprovalMode": "AUTOMATIC", "tags": [], "fields": {}, "userData": {}})
}

fn ninja(r: &Request, orgs: &[(String, String)]) -> Response {
    if let Some(id) = r.path.strip_prefix("/v2/organization/") {
        return match orgs.iter().find(|(i, _)| i == id) {
            Some((i, n)) => Response::json(200, ninja_org(i, n)),
            None => Response::json(
                404,
                json!({"resultCode": "NOT_FOUND", "errorMessage": "Organization not found"}),
            ),
        };
    }
    if r.path != "/v2/organizations" {
        return Response::json(404, json!({"resultCode": "NOT_FOUND"}));
    }
    let size: usize = r
        .param("pageSize")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let after: u64 = r.param("after").and_then(|v| v.parse().ok()).unwrap_or(0);
    let page: Vec<Value> = orgs
        .iter()
        .filter(|(i, _)| i.parse::<u64>().unwrap() > after)
        .take(size)
        .map(|(i, n)| ninja_org(i, n))
        .collect();
    Response::json(200, Value::Array(page))
}

const GRAPH_PAGE: usize = 100;

/// Builds one item of a Graph collection from (index, id, name).
type GraphItem = fn(usize, &str, &str) -> Value;

fn graph(r: &Request, orgs: &[(String, String)], base: &str) -> Response {
    let (collection, item): (&str, GraphItem) = match r.path.as_str() {
        "/v1.0/contracts" => (
            "contracts",
            |i, id, name| json!({"id": format!("contract-{i}"), "contractType": "ResellerPartner", "customerId": id, "defaultDomainName": format!("customer{i}.onmicrosoft.com"), "displayName": name}),
        ),
        "/v1.0/tenantRelationships/delegatedAdminCustomers" => (
            "tenantRelationships/delegatedAdminCustomers",
            |_, id, name| json!({"id": id, "tenantId": id, "displayName": name}),
        ),
        _ => {
            return api_error(
                Api::Graph,
                404,
                "Request_ResourceNotFound",
                "Resource not found.",
            );
        }
    };
    let top: usize = r
        .param("$top")
        .and_then(|v| v.parse().ok())
        .unwrap_or(GRAPH_PAGE)
        .min(GRAPH_PAGE.max(300));
    let skip: usize = r
        .param("$skiptoken")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let page: Vec<Value> = orgs
        .iter()
        .enumerate()
        .skip(skip)
        .take(top)
        .map(|(i, (id, n))| item(i, id, n))
        .collect();
    let mut body = json!({"@odata.context": format!("https://graph.microsoft.com/v1.0/$metadata#{collection}"), "value": page});
    if skip + top < orgs.len() {
        body["@odata.nextLink"] = json!(format!(
            "{base}{}?$top={top}&$skiptoken={}",
            r.path,
            skip + top
        ));
    }
    Response::json(200, body)
}

impl Double {
    /// A double holding `n` organizations.
    pub fn start(api: Api, n: usize) -> Double {
        let orgs: Vec<(String, String)> = (1..=n)
            .map(|i| {
                (
                    if api == Api::Graph {
                        graph_tenant_id(i)
                    } else {
                        i.to_string()
                    },
                    org_name(i),
                )
            })
            .collect();
        let orgs = Arc::new(Mutex::new(orgs));
        let faults = Arc::new(Faults::default());
        let state = Arc::new(State {
            api,
            tenant: "partner-tenant".into(),
            tokens: Mutex::new(HashMap::new()),
            issued: AtomicUsize::new(0),
            faults: faults.clone(),
            orgs: orgs.clone(),
        });
        let base = Arc::new(Mutex::new(String::new()));
        let b = base.clone();
        let server = Server::start(Arc::new(move |r| {
            // Cloned so that the lock is not held while the request is served.
            let base = b.lock().unwrap().clone();
            state.handle(r, &base)
        }));
        *base.lock().unwrap() = server.url();
        Double {
            server,
            faults,
            api,
            orgs,
        }
    }

    /// The `[integrations.*]` table that points mapctl at this double.
    pub fn config(&self) -> String {
        match self.api {
            Api::Halo => format!(
                "[integrations.halopsa]\nbase_url = \"{}\"\n",
                self.server.url()
            ),
            Api::Ninja => format!(
                "[integrations.ninjaone]\nbase_url = \"{}\"\n",
                self.server.url()
            ),
            Api::Graph => format!(
                "[integrations.microsoft_graph]\ntenant_id = \"partner-tenant\"\nlogin_url = \"{0}\"\ngraph_url = \"{0}\"\n",
                self.server.url()
            ),
        }
    }

    /// How many token requests the double answered.
    pub fn token_requests(&self) -> usize {
        self.server
            .log
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.method == "POST")
            .count()
    }

    /// API calls (not token requests) to paths starting with `prefix`.
    pub fn calls(&self, prefix: &str) -> Vec<Request> {
        self.server
            .requests(prefix)
            .into_iter()
            .filter(|r| r.method == "GET")
            .collect()
    }
}
