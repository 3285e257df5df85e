//! Test doubles of "the rest of an MSP's stack" (shared/spec/external-apis.md,
//! wave 3) on 127.0.0.1: Huntress, SentinelOne, Sophos Central, Pax8,
//! Syncro, Atera, N-central, Auvik, ConnectWise Automate, Acronis, Partner
//! Center, Kaseya BMS, Liongard, Datto SaaS Protection and Sherweb. Each
//! checks its own credentials (and refuses others the way the real one
//! does), answers in its envelope with its paging, and has its sharp edges:
//! Sophos' token host apart from its API and `X-Partner-ID`; SentinelOne's
//! `ApiToken` scheme and `/data/sites`; Acronis' Basic client, looked-up
//! tenant, cursor and non-customer kinds; Partner Center's relative link,
//! continuation header and BOM; Kaseya BMS failing with 200; Liongard's 301
//! to the slashed path; Datto SaaS' repeated rows; Syncro's individuals and
//! disabled customers; Auvik's JSON:API, the MSP's own tenant and the 308
//! of a wrong region.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use base64::Engine;
use serde_json::{Value, json};

use super::http::{Request, Response, Server};
use super::systems::company;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sys {
    Huntress,
    SentinelOne,
    Sophos,
    Pax8,
    Syncro,
    Atera,
    NCentral,
    Auvik,
    Automate,
    Acronis,
    PartnerCenter,
    KaseyaBms,
    Liongard,
    DattoSaas,
    Sherweb,
}

pub const ALL: [Sys; 15] = [
    Sys::Huntress,
    Sys::SentinelOne,
    Sys::Sophos,
    Sys::Pax8,
    Sys::Syncro,
    Sys::Atera,
    Sys::NCentral,
    Sys::Auvik,
    Sys::Automate,
    Sys::Acronis,
    Sys::PartnerCenter,
    Sys::KaseyaBms,
    Sys::Liongard,
    Sys::DattoSaas,
    Sys::Sherweb,
];

pub const SECRET: &str = "stack-secret-never-printed";
pub const ID: &str = "stack-client-id";
pub const USER: &str = "api@acme.example";
pub const SOPHOS_PARTNER: &str = "5f1f6b7c-0a1b-4c2d-8e3f-405162738495";
pub const ACRONIS_TENANT: &str = "0d9c8b7a-6f5e-4d3c-2b1a-000011112222";
pub const ACCESS: &str = "stack-access-token";

fn basic(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

fn bearer() -> String {
    format!("Bearer {ACCESS}")
}

fn page_param(r: &Request, name: &str, default: usize) -> usize {
    r.param(name)
        .and_then(|p| p.parse().ok())
        .unwrap_or(default)
}

pub struct Faults {
    /// Sophos' whoami says the credential is a tenant's.
    pub sophos_tenant_credential: AtomicBool,
    /// Automate's account needs two-factor sign-in.
    pub automate_two_factor: AtomicBool,
    /// Partner Center's next pages also name headers that would steer the
    /// request (Host, Cookie, forwarding, the client's own).
    pub steering_headers: AtomicBool,
    /// Kaseya BMS: the first token's session expires after the first page
    /// (said inside a 200); tokens issued after it work.
    pub kaseya_session_expires: AtomicBool,
    /// Kaseya BMS: tokens issued so far.
    pub kaseya_tokens: std::sync::atomic::AtomicUsize,
}

pub struct StackDouble {
    pub sys: Sys,
    pub api: Server,
    /// Where tokens are issued when that is another host (Sophos ID,
    /// Microsoft Entra ID for Partner Center).
    pub login: Server,
    pub faults: Arc<Faults>,
    pub n: usize,
}

struct State {
    sys: Sys,
    n: usize,
    api: Mutex<String>,
    faults: Arc<Faults>,
}

impl StackDouble {
    pub fn start(sys: Sys, n: usize) -> StackDouble {
        let faults = Arc::new(Faults {
            sophos_tenant_credential: AtomicBool::new(false),
            automate_two_factor: AtomicBool::new(false),
            steering_headers: AtomicBool::new(false),
            kaseya_session_expires: AtomicBool::new(false),
            kaseya_tokens: std::sync::atomic::AtomicUsize::new(0),
        });
        let state = Arc::new(State {
            sys,
            n,
            api: Mutex::new(String::new()),
            faults: faults.clone(),
        });
        let s = state.clone();
        let api = Server::start(Arc::new(move |r| s.api(r)));
        *state.api.lock().unwrap() = api.url();
        let s = state.clone();
        let login = Server::start(Arc::new(move |r| s.login(r)));
        StackDouble {
            sys,
            api,
            login,
            faults,
            n,
        }
    }

    pub fn name(&self) -> &'static str {
        name(self.sys)
    }

    /// The `[integrations.NAME]` table that points mapctl here.
    pub fn config(&self) -> String {
        let (api, login) = (self.api.url(), self.login.url());
        let name = self.name();
        let extra = match self.sys {
            Sys::Sophos => format!("token_url = \"{login}/api/v2/oauth2/token\"\n"),
            Sys::Pax8 => format!("token_url = \"{api}/v1/token\"\n"),
            Sys::Auvik => "domain_prefix = \"acme\"\n".to_owned(),
            Sys::PartnerCenter => {
                format!("tenant_id = \"partner-tenant\"\nlogin_url = \"{login}\"\n")
            }
            Sys::KaseyaBms => "tenant = \"Acme MSP\"\n".to_owned(),
            _ => String::new(),
        };
        format!("[integrations.{name}]\nbase_url = \"{api}\"\n{extra}")
    }

    /// The credentials, as environment variables; `good` false gives a
    /// wrong secret (or token) in the field the system checks.
    pub fn env(&self, good: bool) -> Vec<(String, String)> {
        let secret = if good { SECRET } else { "wrong-secret-value" };
        let fields: Vec<(&str, &str)> = match self.sys {
            Sys::Huntress => vec![("api_key", ID), ("api_secret", secret)],
            Sys::SentinelOne => vec![("api_token", secret)],
            Sys::Sophos | Sys::Pax8 | Sys::Acronis | Sys::PartnerCenter => {
                vec![("client_id", ID), ("client_secret", secret)]
            }
            Sys::Sherweb => vec![
                ("client_id", ID),
                ("client_secret", secret),
                ("subscription_key", "sub-key-1234567"),
            ],
            Sys::Syncro => vec![("api_token", secret)],
            Sys::Atera => vec![("api_key", secret)],
            Sys::NCentral => vec![("user_api_token", secret)],
            Sys::Auvik => vec![("username", USER), ("api_key", secret)],
            Sys::Automate => vec![("client_id", ID), ("username", USER), ("password", secret)],
            Sys::KaseyaBms => vec![("username", USER), ("password", secret)],
            Sys::Liongard => vec![("access_key_id", ID), ("access_key_secret", secret)],
            Sys::DattoSaas => vec![("public_key", ID), ("secret_key", secret)],
        };
        let prefix = format!("MAPCTL_{}_", self.name().to_uppercase());
        fields
            .into_iter()
            .map(|(f, v)| (format!("{prefix}{}", f.to_uppercase()), v.to_owned()))
            .collect()
    }

    pub fn calls(&self, prefix: &str) -> Vec<Request> {
        self.api.requests(prefix)
    }

    /// The ids discovery lists (the organizations a technician maps).
    pub fn active_ids(&self) -> Vec<String> {
        let s = State {
            sys: self.sys,
            n: self.n,
            api: Mutex::new(String::new()),
            faults: self.faults.clone(),
        };
        (1..=self.n)
            .filter(|&i| s.listed(i) && !s.inactive(i))
            .map(|i| s.id(i))
            .collect()
    }
}

pub fn name(sys: Sys) -> &'static str {
    match sys {
        Sys::Huntress => "huntress",
        Sys::SentinelOne => "sentinelone",
        Sys::Sophos => "sophos_central",
        Sys::Pax8 => "pax8",
        Sys::Syncro => "syncro",
        Sys::Atera => "atera",
        Sys::NCentral => "ncentral",
        Sys::Auvik => "auvik",
        Sys::Automate => "cw_automate",
        Sys::Acronis => "acronis",
        Sys::PartnerCenter => "partner_center",
        Sys::KaseyaBms => "kaseya_bms",
        Sys::Liongard => "liongard",
        Sys::DattoSaas => "datto_saas",
        Sys::Sherweb => "sherweb",
    }
}

fn unauthorized(body: Value) -> Response {
    Response::json(401, body)
}

impl State {
    /// The external id of record `i`, as the system spells it.
    fn id(&self, i: usize) -> String {
        match self.sys {
            Sys::Sophos | Sys::Pax8 | Sys::Acronis | Sys::PartnerCenter | Sys::Sherweb => {
                format!("00000000-0000-4000-8000-{i:012}")
            }
            _ => i.to_string(),
        }
    }

    /// Whether record `i` is an organization discovery lists at all.
    fn listed(&self, i: usize) -> bool {
        match self.sys {
            // Acronis: every 4th is a folder or a unit; Auvik's first is
            // the MSP itself.
            Sys::Acronis => !i.is_multiple_of(4),
            Sys::Auvik => i != 1,
            _ => true,
        }
    }

    /// Whether record `i` is deleted, disabled, expired, archived.
    fn inactive(&self, i: usize) -> bool {
        match self.sys {
            Sys::SentinelOne
            | Sys::Pax8
            | Sys::Syncro
            | Sys::Acronis
            | Sys::Auvik
            | Sys::KaseyaBms => i % 7 == 3,
            _ => false,
        }
    }

    fn record(&self, i: usize) -> Value {
        let id = self.id(i);
        let name = company(i);
        let off = self.inactive(i);
        match self.sys {
            Sys::Huntress => {
                json!({"id": i, "name": name, "key": format!("org-{i}"), "agents_count": i % 13})
            }
            Sys::SentinelOne => {
                json!({"id": id, "name": name, "accountId": "9000", "accountName": "Acme MSP",
                "state": if off { "deleted" } else { "active" }, "siteType": "Paid", "externalId": format!("PSA-{i}")})
            }
            Sys::Sophos => {
                json!({"id": id, "name": name, "dataGeography": "US", "dataRegion": "us01",
                "billingType": "usage", "partner": {"id": SOPHOS_PARTNER}, "apiHost": "https://api-us01.central.sophos.com", "status": "active"})
            }
            Sys::Pax8 => {
                json!({"id": id, "name": name, "status": if off { "Inactive" } else { "Active" },
                "website": format!("https://www.company{i}.example"), "address": {"city": "Austin"}})
            }
            Sys::Syncro => {
                if i.is_multiple_of(5) {
                    // An individual: no business name.
                    json!({"id": i, "business_name": null, "firstname": "Ada", "lastname": format!("Lovelace {i}"),
                        "email": format!("ada{i}@mail.example"), "disabled": off})
                } else {
                    json!({"id": i, "business_name": name, "firstname": "", "lastname": "",
                        "email": format!("it@company{i}.example"), "disabled": off})
                }
            }
            Sys::Atera => {
                json!({"CustomerID": i, "CustomerName": name, "Domain": format!("company{i}.example"), "City": "Leeds"})
            }
            Sys::NCentral => {
                json!({"customerId": i, "customerName": name, "parentId": 50, "externalId": format!("PSA-{i}")})
            }
            Sys::Auvik => json!({"type": "tenant", "id": id, "attributes": {
                "domainPrefix": if i == 1 { "acme".to_owned() } else { format!("client{i}") },
                "displayName": if i == 1 { "Acme MSP".to_owned() } else { name },
                "tenantType": if i == 1 { "multiClient" } else { "client" },
                "enabled": !off, "subscribed": true, "running": true},
                "relationships": {"parent": {"data": {"type": "tenant", "id": "1"}}}}),
            Sys::Automate => {
                json!({"Id": i, "Name": name, "Website": format!("company{i}.example"), "City": "Tampa", "ExternalId": i + 1000})
            }
            Sys::Acronis => json!({"id": id, "name": name,
                "kind": match i % 4 { 0 if i.is_multiple_of(8) => "folder", 0 => "unit", _ => "customer" },
                "parent_id": ACRONIS_TENANT, "enabled": !(off && i.is_multiple_of(2)),
                "deleted_at": if off && i % 2 == 1 { json!("2026-10-01T00:00:00Z") } else { Value::Null },
                "customer_id": format!("C{i}")}),
            Sys::PartnerCenter => {
                json!({"id": id, "companyProfile": {"tenantId": id, "domain": format!("company{i}.onmicrosoft.com"),
                "companyName": name}, "relationshipToPartner": "reseller", "attributes": {"objectType": "Customer"}})
            }
            Sys::KaseyaBms => {
                json!({"id": i, "accountName": name, "accountCode": format!("A{i}"), "isActive": !off,
                "website": format!("www.company{i}.example"), "parentId": null, "tenantName": "Acme MSP"})
            }
            Sys::Liongard => {
                json!({"ID": i, "Name": name, "ShortName": format!("C{i}"), "Description": "", "Status": "Active", "Visible": true})
            }
            Sys::DattoSaas => {
                json!({"saasCustomerId": i, "saasCustomerName": name, "organizationId": 77,
                "organizationName": "Acme MSP", "domain": format!("company{i}.example"), "productType": "Office365", "seatsUsed": 10})
            }
            Sys::Sherweb => json!({"id": id, "displayName": name}),
        }
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        (1..=self.n).find(|&i| self.id(i) == id)
    }

    /// Tokens of the systems whose sign-in is a request.
    fn login(&self, r: &Request) -> Response {
        match self.sys {
            Sys::Sophos if r.path == "/api/v2/oauth2/token" => {
                let ok = r.form("grant_type").as_deref() == Some("client_credentials")
                    && r.form("client_id").as_deref() == Some(ID)
                    && r.form("client_secret").as_deref() == Some(SECRET)
                    && r.form("scope").as_deref() == Some("token");
                if !ok {
                    return Response::json(
                        400,
                        json!({"errorCode": "oauth.invalid_client_secret", "message": "Client authentication failed"}),
                    );
                }
                Response::json(
                    200,
                    json!({"access_token": ACCESS, "token_type": "bearer", "expires_in": 3600,
                    "errorCode": "success", "message": "OK", "refresh_token": "r"}),
                )
            }
            Sys::PartnerCenter if r.path == "/partner-tenant/oauth2/v2.0/token" => {
                let ok = r.form("client_id").as_deref() == Some(ID)
                    && r.form("client_secret").as_deref() == Some(SECRET)
                    && r.form("scope").as_deref()
                        == Some("https://api.partnercenter.microsoft.com/.default");
                if !ok {
                    return Response::json(
                        401,
                        json!({"error": "invalid_client",
                        "error_description": "AADSTS7000215: Invalid client secret provided."}),
                    );
                }
                Response::json(
                    200,
                    json!({"access_token": ACCESS, "token_type": "Bearer", "expires_in": 3599}),
                )
            }
            _ => Response::json(404, json!({"error": "not found"})),
        }
    }

    fn api(&self, r: &Request) -> Response {
        let base = self.api.lock().unwrap().clone();
        match self.sys {
            Sys::Huntress => self.huntress(r),
            Sys::SentinelOne => self.sentinelone(r),
            Sys::Sophos => self.sophos(r),
            Sys::Pax8 => self.pax8(r),
            Sys::Syncro => self.syncro(r),
            Sys::Atera => self.atera(r),
            Sys::NCentral => self.ncentral(r),
            Sys::Auvik => self.auvik(r, &base),
            Sys::Automate => self.automate(r),
            Sys::Acronis => self.acronis(r),
            Sys::PartnerCenter => self.partner_center(r),
            Sys::KaseyaBms => self.kaseya(r),
            Sys::Liongard => self.liongard(r),
            Sys::DattoSaas => self.datto_saas(r),
            Sys::Sherweb => self.sherweb(r),
        }
    }

    fn one(&self, r: &Request, prefix: &str, wrap: impl Fn(Value) -> Value) -> Option<Response> {
        let id = r.path.strip_prefix(prefix)?;
        Some(match self.index_of(id) {
            Some(i) if self.listed(i) => Response::json(200, wrap(self.record(i))),
            _ => Response::json(404, json!({"error": "not found"})),
        })
    }

    fn huntress(&self, r: &Request) -> Response {
        if r.header("Authorization") != Some(basic(ID, SECRET).as_str()) {
            return unauthorized(
                json!({"error": "Unauthorized", "message": "Invalid API credentials"}),
            );
        }
        if r.path == "/v1/account" {
            return Response::json(200, json!({"account": {"id": 1, "name": "Acme MSP"}}));
        }
        if let Some(resp) = self.one(r, "/v1/organizations/", |o| json!({"organization": o})) {
            return resp;
        }
        if r.path != "/v1/organizations" {
            return Response::json(404, json!({"error": "Not Found"}));
        }
        let limit = page_param(r, "limit", 10);
        if !(1..=500).contains(&limit) {
            return Response::json(400, json!({"error": "limit must be between 1 and 500"}));
        }
        let from = match r.param("page_token") {
            None => 0,
            Some(t) => match t.strip_prefix("pt-").and_then(|n| n.parse().ok()) {
                Some(n) => n,
                None => return Response::json(400, json!({"error": "bad page_token"})),
            },
        };
        let end = (from + limit).min(self.n);
        let orgs: Vec<Value> = (from + 1..=end).map(|i| self.record(i)).collect();
        let mut pagination = json!({"current_page": from / limit + 1, "current_page_count": orgs.len(),
            "limit": limit, "total_count": self.n});
        if end < self.n {
            pagination["next_page_token"] = json!(format!("pt-{end}"));
            pagination["next_page_url"] = json!(format!(
                "/v1/organizations?limit={limit}&page_token=pt-{end}"
            ));
        }
        Response::json(
            200,
            json!({"organizations": orgs, "pagination": pagination}),
        )
    }

    fn sentinelone(&self, r: &Request) -> Response {
        if r.header("Authorization") != Some(format!("ApiToken {SECRET}").as_str()) {
            return unauthorized(
                json!({"errors": [{"code": 4010010, "detail": null, "title": "Authentication Failed"}]}),
            );
        }
        if let Some(resp) = self.one(r, "/web/api/v2.1/sites/", |o| json!({"data": o})) {
            return resp;
        }
        if r.path != "/web/api/v2.1/sites" {
            return Response::json(
                404,
                json!({"errors": [{"code": 4040010, "title": "Not Found"}]}),
            );
        }
        let limit = page_param(r, "limit", 10).min(1000);
        let from = r
            .param("cursor")
            .and_then(|c| c.strip_prefix("c-")?.parse().ok())
            .unwrap_or(0);
        let end = (from + limit).min(self.n);
        let sites: Vec<Value> = (from + 1..=end).map(|i| self.record(i)).collect();
        let next = if end < self.n {
            json!(format!("c-{end}"))
        } else {
            Value::Null
        };
        Response::json(
            200,
            json!({"data": {"allSites": {"activeLicenses": 10, "totalLicenses": 100}, "sites": sites},
            "pagination": {"nextCursor": next, "totalItems": self.n}}),
        )
    }

    fn sophos(&self, r: &Request) -> Response {
        if r.header("Authorization") != Some(bearer().as_str()) {
            return unauthorized(
                json!({"error": "Unauthorized", "message": "Invalid token", "correlationId": "x"}),
            );
        }
        if r.path == "/whoami/v1" {
            let kind = if self.faults.sophos_tenant_credential.load(Ordering::SeqCst) {
                "tenant"
            } else {
                "partner"
            };
            return Response::json(
                200,
                json!({"id": SOPHOS_PARTNER, "idType": kind,
                "apiHosts": {"global": "https://api.central.sophos.com"}}),
            );
        }
        if r.header("X-Partner-ID") != Some(SOPHOS_PARTNER) {
            return Response::json(
                400,
                json!({"error": "badRequest", "message": "X-Partner-ID header is required", "correlationId": "x"}),
            );
        }
        if let Some(resp) = self.one(r, "/partner/v1/tenants/", |o| o) {
            return resp;
        }
        let size = page_param(r, "pageSize", 50);
        if size > 100 {
            return Response::json(
                400,
                json!({"error": "badRequest", "message": "pageSize must be at most 100"}),
            );
        }
        let page = page_param(r, "page", 1);
        let total = self.n.div_ceil(size);
        let items: Vec<Value> = ((page - 1) * size + 1..=(page * size).min(self.n))
            .map(|i| self.record(i))
            .collect();
        let mut pages = json!({"current": page, "size": size, "maxSize": 100});
        if r.param("pageTotal") == Some("true") {
            pages["total"] = json!(total);
            pages["items"] = json!(self.n);
        }
        Response::json(200, json!({"pages": pages, "items": items}))
    }

    fn pax8(&self, r: &Request) -> Response {
        if r.path == "/v1/token" {
            let ok = r.form("client_id").as_deref() == Some(ID)
                && r.form("client_secret").as_deref() == Some(SECRET)
                && r.form("audience").as_deref() == Some("https://api.pax8.com")
                && r.form("grant_type").as_deref() == Some("client_credentials");
            return if ok {
                Response::json(
                    200,
                    json!({"access_token": ACCESS, "expires_in": 86400, "token_type": "Bearer"}),
                )
            } else {
                Response::json(
                    401,
                    json!({"error": "access_denied", "error_description": "Unauthorized"}),
                )
            };
        }
        if r.header("Authorization") != Some(bearer().as_str()) {
            return unauthorized(json!({"message": "Unauthorized"}));
        }
        if let Some(resp) = self.one(r, "/v1/companies/", |o| o) {
            return resp;
        }
        let size = page_param(r, "size", 10).min(200);
        let page = page_param(r, "page", 0);
        let items: Vec<Value> = (page * size + 1..=((page + 1) * size).min(self.n))
            .map(|i| self.record(i))
            .collect();
        Response::json(
            200,
            json!({"content": items, "page": {"size": size, "totalElements": self.n,
            "totalPages": self.n.div_ceil(size), "number": page}}),
        )
    }

    fn syncro(&self, r: &Request) -> Response {
        if r.param("api_key").is_some() {
            return Response::json(400, json!({"error": "never put a credential in a URL"}));
        }
        if r.header("Authorization") != Some(format!("Bearer {SECRET}").as_str()) {
            return unauthorized(json!({"error": "Unauthorized"}));
        }
        if let Some(resp) = self.one(r, "/api/v1/customers/", |o| json!({"customer": o})) {
            return resp;
        }
        let per = page_param(r, "per_page", 25).min(100);
        let page = page_param(r, "page", 1);
        let items: Vec<Value> = ((page - 1) * per + 1..=(page * per).min(self.n))
            .map(|i| self.record(i))
            .collect();
        Response::json(
            200,
            json!({"customers": items, "meta": {"total_pages": self.n.div_ceil(per),
            "total_entries": self.n, "per_page": per, "page": page}}),
        )
    }

    fn atera(&self, r: &Request) -> Response {
        if r.header("X-API-KEY") != Some(SECRET) {
            return unauthorized(
                json!({"Message": "Authorization has been denied for this request."}),
            );
        }
        if let Some(resp) = self.one(r, "/api/v3/customers/", |o| o) {
            return resp;
        }
        let per = page_param(r, "itemsInPage", 20).min(50);
        let page = page_param(r, "page", 1);
        let items: Vec<Value> = ((page - 1) * per + 1..=(page * per).min(self.n))
            .map(|i| self.record(i))
            .collect();
        let pages = self.n.div_ceil(per);
        Response::json(
            200,
            json!({"items": items, "totalItemCount": self.n, "page": page, "itemsInPage": per,
            "totalPages": pages, "prevLink": "", "nextLink": if page < pages { format!("/api/v3/customers?page={}", page + 1) } else { String::new() }}),
        )
    }

    fn ncentral(&self, r: &Request) -> Response {
        if r.path == "/api/auth/authenticate" {
            if r.method != "POST"
                || r.header("Authorization") != Some(format!("Bearer {SECRET}").as_str())
            {
                return unauthorized(json!({"status": 401, "message": "Invalid user token"}));
            }
            return Response::json(
                200,
                json!({"tokens": {"access": {"token": ACCESS, "type": "Bearer", "expirySeconds": 3600},
                "refresh": {"token": "refresh-token", "type": "Bearer", "expirySeconds": 90000}}}),
            );
        }
        // The user token itself is no access token.
        if r.header("Authorization") != Some(bearer().as_str()) {
            return unauthorized(json!({"status": 401, "message": "Unauthorized"}));
        }
        let size = page_param(r, "pageSize", 50);
        let page = page_param(r, "pageNumber", 1);
        let items: Vec<Value> = ((page - 1) * size + 1..=(page * size).min(self.n))
            .map(|i| self.record(i))
            .collect();
        Response::json(
            200,
            json!({"data": items, "pageNumber": page, "pageSize": size, "itemCount": items.len(),
            "totalItems": self.n, "totalPages": self.n.div_ceil(size), "_links": {}}),
        )
    }

    fn auvik(&self, r: &Request, base: &str) -> Response {
        if r.header("Authorization") != Some(basic(USER, SECRET).as_str()) {
            // Auvik's 401 has an empty body.
            return Response {
                status: 401,
                headers: vec![],
                body: String::new(),
                stall_after: None,
            };
        }
        if r.path == "/v1/authentication/verify" {
            return Response {
                status: 200,
                headers: vec![],
                body: String::new(),
                stall_after: None,
            };
        }
        if r.param("tenantDomainPrefix") != Some("acme") {
            return Response::json(
                400,
                json!({"errors": [{"title": "tenantDomainPrefix is required"}]}),
            );
        }
        let jsonapi = |mut resp: Response| {
            resp.headers = vec![("Content-Type".into(), "application/vnd.api+json".into())];
            resp
        };
        if let Some(id) = r.path.strip_prefix("/v1/tenants/detail/") {
            return jsonapi(match self.index_of(id) {
                Some(i) => Response::json(200, json!({"data": self.record(i)})),
                None => Response::json(404, json!({"errors": [{"title": "Not Found"}]})),
            });
        }
        let first = page_param(r, "page[first]", 10);
        let after = page_param(r, "page[after]", 0);
        let end = (after + first).min(self.n);
        let data: Vec<Value> = (after + 1..=end).map(|i| self.record(i)).collect();
        let mut links = json!({});
        if end < self.n {
            links["next"] = json!(format!(
                "{base}/v1/tenants/detail?tenantDomainPrefix=acme&page[first]={first}&page[after]={end}"
            ));
        }
        jsonapi(Response::json(200, json!({"data": data, "links": links})))
    }

    fn automate(&self, r: &Request) -> Response {
        if r.header("ClientId") != Some(ID) {
            return Response::json(
                400,
                json!({"code": "BadRequest", "message": "A ClientId header is required"}),
            );
        }
        if r.path == "/cwa/api/v1/apitoken" {
            let body: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
            if r.method != "POST" || body["UserName"] != USER || body["Password"] != SECRET {
                return unauthorized(
                    json!({"code": "Unauthorized", "message": "Invalid credentials", "errors": []}),
                );
            }
            if self.faults.automate_two_factor.load(Ordering::SeqCst) {
                return Response::json(
                    200,
                    json!({"AccessToken": null, "TokenType": null, "IsTwoFactorRequired": true}),
                );
            }
            return Response::json(
                200,
                json!({"AccessToken": ACCESS, "TokenType": "Bearer",
                "ExpirationDate": "2026-12-01T23:00:00Z", "IsTwoFactorRequired": false}),
            );
        }
        if r.header("Authorization") != Some(bearer().as_str()) {
            return unauthorized(
                json!({"code": "Unauthorized", "message": "token expired", "errors": []}),
            );
        }
        if let Some(resp) = self.one(r, "/cwa/api/v1/clients/", |o| o) {
            return resp;
        }
        let size = page_param(r, "pageSize", 50).min(1000);
        let page = page_param(r, "page", 1);
        let items: Vec<Value> = ((page - 1) * size + 1..=(page * size).min(self.n))
            .map(|i| self.record(i))
            .collect();
        Response::json(200, json!(items))
    }

    fn acronis(&self, r: &Request) -> Response {
        if r.path == "/api/2/idp/token" {
            let ok = r.header("Authorization") == Some(basic(ID, SECRET).as_str())
                && r.form("grant_type").as_deref() == Some("client_credentials");
            return if ok {
                Response::json(
                    200,
                    json!({"access_token": ACCESS, "expires_on": 1_900_000_000u64, "token_type": "bearer"}),
                )
            } else {
                Response::json(
                    401,
                    json!({"error": {"code": "unauthorized_client", "message": "Client authentication failed", "domain": "PlatformAccountServer"}}),
                )
            };
        }
        if r.header("Authorization") != Some(bearer().as_str()) {
            return unauthorized(
                json!({"error": {"code": "unauthorized", "message": "Unauthorized"}}),
            );
        }
        if r.path == format!("/api/2/tenants/{ACRONIS_TENANT}") {
            return Response::json(
                200,
                json!({"id": ACRONIS_TENANT, "kind": "partner", "name": "Acme MSP"}),
            );
        }
        if r.path == format!("/api/2/clients/{ID}") {
            return Response::json(
                200,
                json!({"client_id": ID, "tenant_id": ACRONIS_TENANT, "type": "api_client"}),
            );
        }
        if let Some(resp) = self.one(r, "/api/2/tenants/", |o| o) {
            return resp;
        }
        if r.param("parent_id") != Some(ACRONIS_TENANT) {
            return Response::json(
                403,
                json!({"error": {"code": "forbidden", "message": "Access denied to the tenant"}}),
            );
        }
        let limit = page_param(r, "limit", 100);
        let from = r
            .param("after")
            .and_then(|c| c.strip_prefix("after-")?.parse().ok())
            .unwrap_or(0);
        let end = (from + limit).min(self.n);
        let items: Vec<Value> = (from + 1..=end).map(|i| self.record(i)).collect();
        let cursors = if end < self.n {
            json!({"after": format!("after-{end}")})
        } else {
            json!({})
        };
        Response::json(
            200,
            json!({"items": items, "paging": {"cursors": cursors}, "timestamp": "2026-12-01T00:00:00Z"}),
        )
    }

    fn partner_center(&self, r: &Request) -> Response {
        if r.header("Authorization") != Some(bearer().as_str()) {
            return unauthorized(
                json!({"code": 401, "description": "Unauthorized", "data": [], "source": "PartnerFD"}),
            );
        }
        let bom = |v: Value| Response {
            status: 200,
            headers: vec![(
                "Content-Type".into(),
                "application/json; charset=utf-8".into(),
            )],
            body: format!("\u{feff}{v}"),
            stall_after: None,
        };
        if let Some(id) = r.path.strip_prefix("/v1/customers/") {
            return match self.index_of(id) {
                Some(i) => bom(self.record(i)),
                None => Response::json(
                    404,
                    json!({"code": 600008, "description": "The customer was not found", "data": [], "source": "PartnerFD"}),
                ),
            };
        }
        if r.path != "/v1/customers" {
            return Response::json(404, json!({"code": 404, "description": "Not Found"}));
        }
        let size = page_param(r, "size", 100).min(500);
        // Each next page carries its continuation token; a page asked
        // without it is refused.
        let from = match r.param("seekOperation") {
            None => 0,
            Some(_) => match r
                .header("MS-ContinuationToken")
                .and_then(|t| t.strip_prefix("ct-")?.parse().ok())
            {
                Some(n) => n,
                None => {
                    return Response::json(
                        400,
                        json!({"code": 400, "description": "MS-ContinuationToken is required"}),
                    );
                }
            },
        };
        let end = (from + size).min(self.n);
        let items: Vec<Value> = (from + 1..=end).map(|i| self.record(i)).collect();
        let mut links = json!({"self": {"uri": "/customers", "method": "GET", "headers": []}});
        if end < self.n {
            // Seen with and without /v1.
            let uri = if from == 0 {
                format!("/customers?size={size}&seekOperation=Next")
            } else {
                format!("/v1/customers?size={size}&seekOperation=Next")
            };
            let mut headers =
                vec![json!({"key": "MS-ContinuationToken", "value": format!("ct-{end}")})];
            if self.faults.steering_headers.load(Ordering::SeqCst) {
                for (k, v) in [
                    ("Host", "evil.example"),
                    ("Cookie", "session=stolen"),
                    ("X-Forwarded-Host", "evil.example"),
                    ("User-Agent", "steered"),
                    ("Accept", "text/html"),
                    ("X-Other", "1"),
                ] {
                    headers.push(json!({"key": k, "value": v}));
                }
            }
            links["next"] = json!({"uri": uri, "method": "GET", "headers": headers});
        }
        bom(
            json!({"totalCount": items.len(), "items": items, "links": links, "attributes": {"objectType": "Collection"}}),
        )
    }

    fn kaseya(&self, r: &Request) -> Response {
        if r.path == "/v2/security/authenticate" {
            let ok = r.form("GrantType").as_deref() == Some("password")
                && r.form("UserName").as_deref() == Some(USER)
                && r.form("Password").as_deref() == Some(SECRET)
                && r.form("Tenant").as_deref() == Some("Acme MSP");
            // Failures are 200s.
            return if ok {
                let n = self.faults.kaseya_tokens.fetch_add(1, Ordering::SeqCst);
                Response::json(
                    200,
                    json!({"success": true, "error": null, "result": {"accessToken": format!("{ACCESS}-{n}"),
                    "refreshToken": "r", "accessTokenExpireOn": "2026-12-01T23:00:00Z"}}),
                )
            } else {
                Response::json(
                    200,
                    json!({"success": false, "error": {"code": "InvalidCredentials",
                    "message": "Invalid username, password or tenant"}, "result": null}),
                )
            };
        }
        let token = r
            .header("Authorization")
            .and_then(|a| a.strip_prefix(&format!("{}-", bearer())))
            .and_then(|n| n.parse::<usize>().ok());
        let issued = self.faults.kaseya_tokens.load(Ordering::SeqCst);
        if token.is_none_or(|n| n >= issued) {
            return Response::json(
                200,
                json!({"success": false, "error": {"code": "Unauthorized", "message": "Invalid token"}, "result": null}),
            );
        }
        if token == Some(0)
            && page_param(r, "PageNumber", 1) > 1
            && self.faults.kaseya_session_expires.load(Ordering::SeqCst)
        {
            return Response::json(
                200,
                json!({"success": false, "error": {"code": "Unauthorized", "message": "Session expired"}, "result": null}),
            );
        }
        let size = page_param(r, "PageSize", 20);
        if size > 100 {
            return Response::json(
                200,
                json!({"success": false, "error": {"code": "BadRequest", "message": "PageSize is at most 100"}, "result": null}),
            );
        }
        let page = page_param(r, "PageNumber", 1);
        let items: Vec<Value> = ((page - 1) * size + 1..=(page * size).min(self.n))
            .map(|i| self.record(i))
            .collect();
        Response::json(
            200,
            json!({"success": true, "result": items, "totalRecords": self.n}),
        )
    }

    fn liongard(&self, r: &Request) -> Response {
        let key = base64::engine::general_purpose::STANDARD.encode(format!("{ID}:{SECRET}"));
        if r.path == "/api/v1/environments" {
            return Response {
                status: 301,
                headers: vec![("Location".into(), "/api/v1/environments/".into())],
                body: String::new(),
                stall_after: None,
            };
        }
        if r.header("X-ROAR-API-KEY") != Some(key.as_str()) {
            return unauthorized(json!({"Message": "Session appears to be invalid"}));
        }
        if r.path != "/api/v1/environments/" {
            return Response::json(404, json!({"Message": "Not Found"}));
        }
        Response::json(
            200,
            json!((1..=self.n).map(|i| self.record(i)).collect::<Vec<_>>()),
        )
    }

    fn datto_saas(&self, r: &Request) -> Response {
        if r.header("Authorization") != Some(basic(ID, SECRET).as_str()) {
            return unauthorized(json!({"message": "Unauthorized"}));
        }
        // One row per protected domain: every third customer has two, and
        // the second row of customer 3 spells its name differently.
        let mut rows = Vec::new();
        for i in 1..=self.n {
            rows.push(self.record(i));
            if i % 3 == 0 {
                let mut again = self.record(i);
                again["domain"] = json!(format!("second{i}.example"));
                if i == 3 {
                    again["saasCustomerName"] = json!(format!("{} (EU)", company(i)));
                }
                rows.push(again);
            }
        }
        Response::json(200, json!(rows))
    }

    fn sherweb(&self, r: &Request) -> Response {
        if r.path == "/auth/oidc/connect/token" {
            let ok = r.form("client_id").as_deref() == Some(ID)
                && r.form("client_secret").as_deref() == Some(SECRET)
                && r.form("scope").as_deref() == Some("service-provider");
            return if ok {
                Response::json(
                    200,
                    json!({"access_token": ACCESS, "expires_in": 3600, "token_type": "Bearer"}),
                )
            } else {
                Response::json(400, json!({"error": "invalid_client"}))
            };
        }
        if r.header("Ocp-Apim-Subscription-Key") != Some("sub-key-1234567") {
            return unauthorized(
                json!({"statusCode": 401, "message": "Access denied due to missing subscription key."}),
            );
        }
        if r.header("Authorization") != Some(bearer().as_str()) {
            return unauthorized(json!({"statusCode": 401, "message": "Unauthorized"}));
        }
        Response::json(
            200,
            json!({"items": (1..=self.n).map(|i| self.record(i)).collect::<Vec<_>>()}),
        )
    }
}
