//! A hostile API server on 127.0.0.1, and a second origin that records what
//! reaches it. The hostile one answers the paths of the built-in Hudu,
//! HaloPSA, Autotask and ConnectWise declarations (and of `hostile.toml`,
//! a declaration the trust tests write, with a Basic-authenticated token
//! request and an API-key header), and on demand: redirects anywhere,
//! echoes every credential it was sent in every encoding a server might
//! use, sends huge bodies, alternating pages, bodies it never finishes,
//! poisoned lookups and broken token answers.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use base64::Engine;
use serde_json::{Value, json};

use super::http::{Request, Response, Server};

pub const API_KEY: &str = r#"k3y/with"quote+and&amp%2F~x"#;
pub const CLIENT_ID: &str = "hostile-client-id";
pub const CLIENT_SECRET: &str = r#"cl1ent/secret"+&=x"#;
pub const TOKEN: &str = "tok3n.hostile-bearer-value";
pub const AT_USER: &str = "api/user+1@acme.example";
pub const AT_SECRET: &str = r#"at/secret"9+&"#;
pub const AT_CODE: &str = "AT/INTEGRATION+CODE";
pub const CW_PRIVATE: &str = "cw/private\"key+1";
pub const CW_CLIENT: &str = "cw-client-id-0b7c7e7a";
/// Short secrets are masked too, where they stand alone.
pub const SHORT_KEY: &str = "q7Zx";

/// Every form of `secret` a server may echo: what no output may hold.
pub fn forms(secret: &str) -> Vec<String> {
    let json = serde_json::to_string(secret).unwrap();
    let json = json[1..json.len() - 1].to_owned();
    let b64 = base64::engine::general_purpose::STANDARD;
    let b64_raw = base64::engine::general_purpose::STANDARD_NO_PAD;
    vec![
        secret.to_owned(),
        json.clone(),
        json.replace('/', "\\/"),
        unicode_escaped(secret),
        percent_all(secret),
        percent_all(secret).to_lowercase(),
        url::form_urlencoded::byte_serialize(secret.as_bytes()).collect(),
        b64_raw.encode(secret),
        b64.encode(secret),
        html(secret),
    ]
    .into_iter()
    .chain(base64_inside(secret))
    .collect()
}

/// The base64 of `secret` inside a longer encoded text ("Bearer …"): the
/// middle of its encoding after 1 and 2 bytes, whose characters only the
/// secret's own bytes decide.
fn base64_inside(secret: &str) -> Vec<String> {
    let b64 = base64::engine::general_purpose::STANDARD_NO_PAD;
    [("x", 2), ("xy", 3)]
        .iter()
        .map(|(before, skip)| {
            let encoded = b64.encode(format!("{before}{secret}"));
            let end = encoded.len() - 2;
            encoded[*skip..end].to_owned()
        })
        .collect()
}

fn unicode_escaped(v: &str) -> String {
    v.encode_utf16().map(|u| format!("\\u{u:04x}")).collect()
}

fn percent_all(v: &str) -> String {
    v.bytes().map(|b| format!("%{b:02X}")).collect()
}

fn html(v: &str) -> String {
    v.chars().map(|c| format!("&#{};", c as u32)).collect()
}

/// Panics naming the first form of any secret that `text` holds.
pub fn assert_clean(text: &str, secrets: &[&str]) {
    for secret in secrets {
        for form in forms(secret) {
            if form.chars().count() < 6 {
                // A short form only counts standing alone.
                let alone = text.match_indices(&form).any(|(i, _)| {
                    let before = text[..i].chars().last();
                    let after = text[i + form.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                });
                assert!(!alone, "{secret:?} leaked as {form:?}:\n{text}");
                continue;
            }
            assert!(
                !text.contains(&form),
                "{secret:?} leaked as {form:?}:\n{text}"
            );
        }
    }
}

/// The body of an answer that echoes everything the request carried, in
/// every encoding (JSON with `\/` and `\u00xx`, percent, base64, HTML).
fn echo_body(r: &Request) -> String {
    let mut parts: Vec<String> = Vec::new();
    for name in [
        "Authorization",
        "x-api-key",
        "Secret",
        "UserName",
        "ApiIntegrationCode",
        "clientId",
    ] {
        if let Some(v) = r.header(name) {
            parts.push(v.to_owned());
            // A Basic pair, decoded, as some servers log it.
            if let Some(pair) = v.strip_prefix("Basic ")
                && let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(pair)
            {
                parts.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    if !r.body.is_empty() {
        parts.push(r.body.clone());
        for (_, v) in url::form_urlencoded::parse(r.body.as_bytes()) {
            parts.push(v.into_owned());
        }
    }
    let mut forms: Vec<String> = Vec::new();
    for p in &parts {
        let json = serde_json::to_string(p).unwrap();
        forms.extend([
            json.clone(),
            json.replace('/', "\\/"),
            format!("\"{}\"", unicode_escaped(p)),
            format!("\"{}\"", percent_all(p)),
            format!(
                "\"{}\"",
                base64::engine::general_purpose::STANDARD.encode(p)
            ),
            format!("\"{}\"", html(p)),
        ]);
    }
    // The message quotes them too (as mapctl quotes a server's message),
    // the first line of it the raw header and its escaped forms.
    let message = format!("denied {}", forms.join(" "));
    format!(
        "{{\"error\":{{\"message\":{}}},\"echo\":[{}]}}",
        serde_json::to_string(&message).unwrap(),
        forms.join(",")
    )
}

/// A redirect of every request whose path starts with `prefix`.
pub struct Redirect {
    pub prefix: String,
    pub status: u16,
    /// Scheme, host and port (and path, if any) the Location goes to.
    pub to: String,
}

#[derive(Default)]
pub struct Faults {
    pub redirect: Mutex<Option<Redirect>>,
    /// Errors and record names echo the request's credentials.
    pub echo: AtomicBool,
    /// Listings answer a body of this many bytes (0: off).
    pub huge: AtomicUsize,
    /// Page-numbered listings alternate two pages forever.
    pub alternate: AtomicBool,
    /// Listings send half a body and then nothing.
    pub stall: AtomicBool,
    /// The token endpoint's answer instead of a good one.
    pub token: Mutex<Option<Value>>,
    /// Autotask's zone answer (else this server's own root).
    pub zone: Mutex<Option<String>>,
    /// The names of the three records (else plain company names).
    pub names: Mutex<Option<Vec<String>>>,
    /// ConnectWise's codebase answer (else `v1/`).
    pub codebase: Mutex<Option<String>>,
}

pub struct Hostile {
    pub port: u16,
    pub log: Arc<Mutex<Vec<Request>>>,
    pub faults: Arc<Faults>,
}

/// What the other origin got: it answers like a willing server, so that a
/// client that followed it would succeed.
pub struct Elsewhere {
    pub port: u16,
    pub log: Arc<Mutex<Vec<Request>>>,
}

fn json_answer(status: u16, body: &Value) -> Response {
    Response::json(status, body.clone())
}

fn serve(
    handler: Arc<dyn Fn(&Request) -> Response + Send + Sync>,
) -> (u16, Arc<Mutex<Vec<Request>>>) {
    let server = Server::start(handler);
    (server.port, server.log)
}

fn org(id: usize, name: &str) -> Value {
    json!({"id": id, "name": name, "companyName": name, "isActive": true, "archived": false})
}

/// One body that every declaration here reads as a one-page listing.
fn listing(orgs: &[Value]) -> Value {
    json!({
        "companies": orgs,
        "clients": orgs,
        "record_count": orgs.len(),
        "items": orgs,
        "pageDetails": {"nextPageUrl": null},
    })
}

impl Elsewhere {
    pub fn start() -> Elsewhere {
        let base = Arc::new(Mutex::new(String::new()));
        let b = base.clone();
        let (port, log) = serve(Arc::new(move |r: &Request| {
            let base = b.lock().unwrap().clone();
            if r.path.contains("token") {
                return json_answer(
                    200,
                    &json!({"access_token": "elsewhere-access-token", "token_type": "Bearer", "expires_in": 3600}),
                );
            }
            if r.path.contains("ZoneInformation") {
                return json_answer(200, &json!({"url": format!("{base}/ATServicesRest/")}));
            }
            if r.path.contains("companyinfo") {
                return json_answer(200, &json!({"Codebase": "v1/"}));
            }
            let orgs = [org(1, "Elsewhere Org")];
            if r.path.ends_with("/company/companies") {
                return json_answer(200, &json!(orgs));
            }
            if r.param("page").is_some_and(|p| p != "1") {
                return json_answer(200, &listing(&[]));
            }
            json_answer(200, &listing(&orgs))
        }));
        *base.lock().unwrap() = format!("http://127.0.0.1:{port}");
        Elsewhere { port, log }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn received(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }
}

const NAMES: [&str; 3] = ["Contoso Ltd", "Fabrikam Inc", "Northwind GmbH"];

impl Hostile {
    pub fn start() -> Hostile {
        let faults = Arc::new(Faults::default());
        let base = Arc::new(Mutex::new(String::new()));
        let (f, b) = (faults.clone(), base.clone());
        let (port, log) = serve(Arc::new(move |r: &Request| {
            let base = b.lock().unwrap().clone();
            handle(&f, &base, r)
        }));
        *base.lock().unwrap() = format!("http://127.0.0.1:{port}");
        Hostile { port, log, faults }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }

    pub fn redirect(&self, prefix: &str, status: u16, to: &str) {
        *self.faults.redirect.lock().unwrap() = Some(Redirect {
            prefix: prefix.into(),
            status,
            to: to.into(),
        });
    }

    /// The config that points `integration` here.
    pub fn config(&self, integration: &str) -> String {
        let url = self.url();
        match integration {
            "autotask" => format!("[integrations.autotask]\nzone_url = \"{url}/ATServicesRest\"\n"),
            "connectwise" => {
                format!("[integrations.connectwise]\nbase_url = \"{url}\"\ncompany_id = \"acme\"\n")
            }
            other => format!("[integrations.{other}]\nbase_url = \"{url}\"\n"),
        }
    }

    /// The credentials of `integration`, as environment variables.
    pub fn env(integration: &str) -> Vec<(String, String)> {
        let pairs: &[(&str, &str)] = match integration {
            "hudu" => &[("MAPCTL_HUDU_API_KEY", API_KEY)],
            "halopsa" => &[
                ("MAPCTL_HALOPSA_CLIENT_ID", CLIENT_ID),
                ("MAPCTL_HALOPSA_CLIENT_SECRET", CLIENT_SECRET),
            ],
            "autotask" => &[
                ("MAPCTL_AUTOTASK_USERNAME", AT_USER),
                ("MAPCTL_AUTOTASK_SECRET", AT_SECRET),
                ("MAPCTL_AUTOTASK_INTEGRATION_CODE", AT_CODE),
            ],
            "connectwise" => &[
                ("MAPCTL_CONNECTWISE_PUBLIC_KEY", "cw-public"),
                ("MAPCTL_CONNECTWISE_PRIVATE_KEY", CW_PRIVATE),
                ("MAPCTL_CONNECTWISE_CLIENT_ID", CW_CLIENT),
            ],
            "hostile" => &[
                ("MAPCTL_HOSTILE_CLIENT_ID", CLIENT_ID),
                ("MAPCTL_HOSTILE_CLIENT_SECRET", CLIENT_SECRET),
                ("MAPCTL_HOSTILE_API_KEY", API_KEY),
                ("MAPCTL_HOSTILE_PIN", SHORT_KEY),
            ],
            _ => &[],
        };
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    /// Every secret of `integration` (and the token it hands out).
    pub fn secrets(integration: &str) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = match integration {
            "hudu" => vec![API_KEY],
            "halopsa" => vec![CLIENT_SECRET],
            "autotask" => vec![AT_USER, AT_SECRET, AT_CODE],
            "connectwise" => vec![CW_PRIVATE, CW_CLIENT],
            "hostile" => vec![CLIENT_SECRET, API_KEY, SHORT_KEY],
            _ => vec![],
        };
        out.push(TOKEN);
        out
    }
}

/// `hostile.toml`: a token request with the client as Basic (so its
/// base64 pair is a form to mask), an API key and a short PIN as headers.
pub const DECLARATION: &str = r#"
display_name = "Hostile API"

[settings.base_url]
required = true
url = true

[auth]
kind = "oauth2_client_credentials"
token_url = "{base_url}/oauth/token"
client_auth = "basic"

[headers]
x-api-key = "{credential:api_key}"
x-pin = "{credential:pin}"

[[list]]
path = "/v1/companies"
items = "/companies"

[list.paging]
kind = "page_number"
page_param = "page"
size_param = "page_size"
size = 100
stop = "empty_page"

[list.record]
id = "/id"
name = "/name"

[get]
path = "/v1/companies/{id}"
item = "/company"

[test]
path = "/v1/ping"
"#;

/// Whether an API call carries the credentials of the system its path is.
fn authorized(r: &Request) -> bool {
    let bearer = r.header("Authorization") == Some(format!("Bearer {TOKEN}").as_str());
    let p = r.path.as_str();
    if p.starts_with("/api/v1/") {
        r.header("x-api-key") == Some(API_KEY)
    } else if p.starts_with("/api/Client") {
        bearer
    } else if p.starts_with("/v1/apis/3.0") {
        let pair = format!("acme+cw-public:{CW_PRIVATE}");
        let basic = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(pair)
        );
        r.header("Authorization") == Some(basic.as_str()) && r.header("clientId") == Some(CW_CLIENT)
    } else if p.starts_with("/v1/") {
        bearer && r.header("x-api-key") == Some(API_KEY) && r.header("x-pin") == Some(SHORT_KEY)
    } else if p.starts_with("/ATServicesRest/V1.0/") {
        r.header("UserName") == Some(AT_USER)
            && r.header("Secret") == Some(AT_SECRET)
            && r.header("ApiIntegrationCode") == Some(AT_CODE)
    } else {
        false
    }
}

fn handle(f: &Faults, base: &str, r: &Request) -> Response {
    // `/moved/…` is `/…`: where a same-origin redirect lands.
    if let Some(rest) = r.path.strip_prefix("/moved") {
        let mut moved = r.clone();
        moved.path = rest.to_owned();
        moved.target = r.target.replacen("/moved", "", 1);
        return answer(f, base, &moved);
    }
    if let Some(rd) = f.redirect.lock().unwrap().as_ref()
        && r.path.starts_with(&rd.prefix)
    {
        return Response {
            status: rd.status,
            headers: vec![("Location".into(), format!("{}{}", rd.to, r.target))],
            body: String::new(),
            stall_after: None,
        };
    }
    answer(f, base, r)
}

fn answer(f: &Faults, base: &str, r: &Request) -> Response {
    // Autotask's query is a POST with its filter; anything else is refused.
    if r.path.ends_with("/Companies/query") && (r.method != "POST" || !r.body.contains("filter")) {
        return json_answer(
            405,
            &json!({"errors": ["the query is a POST with a filter"]}),
        );
    }
    if r.path.ends_with("/token") {
        let basic = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD
                .encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
        );
        let by_form = r.form("client_id").as_deref() == Some(CLIENT_ID)
            && r.form("client_secret").as_deref() == Some(CLIENT_SECRET);
        if !by_form && r.header("Authorization") != Some(basic.as_str()) {
            return json_answer(401, &json!({"error": "invalid_client"}));
        }
        let answer = f.token.lock().unwrap().clone().unwrap_or_else(
            || json!({"access_token": TOKEN, "token_type": "Bearer", "expires_in": 3600}),
        );
        return json_answer(200, &answer);
    }
    if r.path.contains("ZoneInformation") {
        let zone = f.zone.lock().unwrap().clone();
        let url = zone.unwrap_or_else(|| format!("{base}/ATServicesRest/"));
        return json_answer(200, &json!({"url": url}));
    }
    if r.path.contains("/login/companyinfo/") {
        let codebase = f.codebase.lock().unwrap().clone();
        return json_answer(
            200,
            &json!({"Codebase": codebase.unwrap_or_else(|| "v1/".into())}),
        );
    }
    if !authorized(r) {
        return json_answer(401, &json!({"error": "unauthorized"}));
    }
    let echo = f.echo.load(Ordering::SeqCst);
    let names: Vec<String> = if let Some(names) = f.names.lock().unwrap().clone() {
        names
    } else if echo {
        // Names that quote the request: a discovery cache, a stored name
        // and a terminal all meet them.
        let e = echo_body(r);
        NAMES.iter().map(|n| format!("{n} {e}")).collect()
    } else {
        NAMES.iter().map(|n| (*n).to_owned()).collect()
    };
    let orgs: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(i, n)| org(i + 1, n))
        .collect();
    // One record (a verification, a test): an echo is an error here.
    let one = [
        "/api/v1/companies/",
        "/api/Client/",
        "/v1/companies/",
        "/Companies/",
    ]
    .iter()
    .find_map(|p| r.path.split_once(p).map(|(_, id)| id.to_owned()));
    if let Some(id) = one.filter(|id| !id.is_empty() && id != "query") {
        if echo {
            return Response {
                status: 400,
                headers: vec![("Content-Type".into(), "application/json".into())],
                body: echo_body(r),
                stall_after: None,
            };
        }
        let found = id
            .parse::<usize>()
            .ok()
            .and_then(|i| orgs.get(i.wrapping_sub(1)).cloned());
        return match found {
            Some(o) => json_answer(
                200,
                &json!({"company": o, "item": o, "id": o["id"], "name": o["name"]}),
            ),
            None => json_answer(404, &json!({"error": "not found"})),
        };
    }
    if r.path.ends_with("/ping")
        || r.path.ends_with("/api_info")
        || r.path.ends_with("/ThresholdInformation")
    {
        return json_answer(200, &json!({"ok": true}));
    }
    let huge = f.huge.load(Ordering::SeqCst);
    if huge > 0 {
        let mut body = String::from("{\"companies\":[],\"pad\":\"");
        body.extend(std::iter::repeat_n('x', huge));
        body.push_str("\"}");
        return Response {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body,
            stall_after: None,
        };
    }
    if f.stall.load(Ordering::SeqCst) {
        let mut a = json_answer(200, &listing(&orgs));
        a.stall_after = Some(a.body.len() / 2);
        return a;
    }
    let page: usize = r
        .param("page")
        .or(r.param("page_no"))
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    if f.alternate.load(Ordering::SeqCst) {
        // Page parameters ignored, two pages in turn, never an empty one.
        let which = if page % 2 == 1 {
            &orgs[..2]
        } else {
            &orgs[2..]
        };
        return json_answer(200, &json!({"companies": which}));
    }
    if r.path.ends_with("/company/companies") {
        return json_answer(200, &json!(orgs));
    }
    if page > 1 && r.param("page").is_some() {
        return json_answer(200, &listing(&[]));
    }
    json_answer(200, &listing(&orgs))
}
