//! A whole MSP at once (issue #19): `mapctl suggest --all` over 200 orgs ×
//! 8 integrations with cached discovery, against running `suggest NAME
//! --apply` per integration in alphabetical order. Run:
//! `cargo bench --bench msp` (builds the public sets of the suggest bench
//! first; see benches/data/suggest_sets.py).
//!
//! The MSP: 200 S&P constituents (pytickersymbols' names) as its orgs, 150
//! of them with their Microsoft 365 tenant id. Each of the 8 integrations
//! (user declarations with built-in names, served by one double that checks
//! each one's API key) holds about 90% of the customers plus 1,000 other
//! listed US companies (investpy's names) as distractors:
//! - microsoft_graph: tenants by id, the default domain (the company's
//!   website, else NAME.onmicrosoft.com);
//! - autotask (PSA): investpy's full names; the website on half;
//! - datto_rmm (RMM): sites named by ticker symbol, each naming its
//!   Autotask company (`autotaskCompanyId`);
//! - acronis, auvik, huntress, itglue, pax8: a fifth under the ticker (the
//!   names disagree), the rest under either name; the website on half.
//!
//! Target: `suggest --all` ≤ 2 s, and more orgs mapped at `high` than the
//! alphabetical runs (where acronis, autotask, auvik, datto_rmm, huntress
//! and itglue come before Microsoft 365 lends its domains).

#[path = "../tests/cli/common/http.rs"]
#[allow(dead_code)]
mod http;
#[path = "common/sets.rs"]
#[allow(dead_code)]
mod sets;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use http::{Request, Response, Server};
use serde_json::{Value, json};

const ORGS: usize = 200;
const DISTRACTORS: usize = 1_000;
const INTEGRATIONS: [&str; 8] = [
    "acronis",
    "autotask",
    "auvik",
    "datto_rmm",
    "huntress",
    "itglue",
    "microsoft_graph",
    "pax8",
];

struct Customer {
    name: String,
    /// The listing's name (investpy) of the company.
    legal: String,
    host: String,
    ticker: String,
    tenant: String,
}

/// The records of one integration, and which customer each one is.
struct Listing {
    records: Vec<Value>,
    truth: HashMap<String, usize>,
}

fn customers() -> (Vec<Customer>, Vec<String>) {
    let set = sets::read(&sets::data_dir(), "us");
    let mut taken = HashSet::new();
    let candidates: Vec<Customer> = (0..set.orgs.len())
        .filter_map(|i| {
            let (name, right) = &set.orgs[i];
            let (host, ticker) = &set.about[i];
            let (id, legal) = set
                .externals
                .iter()
                .find(|(id, _)| sets::holds(right, id))?;
            (!ticker.is_empty() && taken.insert(id.clone())).then(|| Customer {
                name: name.clone(),
                legal: legal.clone(),
                host: host.clone(),
                ticker: ticker.clone(),
                tenant: uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes()).to_string(),
            })
        })
        .collect();
    let step = candidates.len() / ORGS;
    let chosen: Vec<Customer> = candidates.into_iter().step_by(step).take(ORGS).collect();
    assert_eq!(chosen.len(), ORGS);
    let others: Vec<String> = set
        .externals
        .iter()
        .filter(|(id, _)| !taken.contains(id))
        .map(|(_, n)| n.clone())
        .collect();
    (chosen, others)
}

fn slug(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

fn listing(k: usize, integration: &str, customers: &[Customer], others: &[String]) -> Listing {
    let mut records = Vec::new();
    let mut truth = HashMap::new();
    for (j, c) in customers.iter().enumerate() {
        if (j + k).is_multiple_of(10) {
            continue; // not every customer is in every system
        }
        let (id, record) = match integration {
            "microsoft_graph" => {
                let domain = if c.host.is_empty() {
                    format!("{}.onmicrosoft.com", slug(&c.name))
                } else {
                    c.host.clone()
                };
                (
                    c.tenant.clone(),
                    json!({"id": c.tenant, "name": c.legal, "website": domain}),
                )
            }
            "autotask" => {
                let site =
                    (j % 2 == 0 && !c.host.is_empty()).then(|| format!("https://www.{}/", c.host));
                (
                    (1000 + j).to_string(),
                    json!({"id": 1000 + j, "name": c.legal, "website": site}),
                )
            }
            "datto_rmm" => {
                // The site names its Autotask company when that one exists.
                let psa = (j + 1) % 10 != 0;
                (
                    format!("site-{j}"),
                    json!({"id": format!("site-{j}"), "name": c.ticker,
                           "autotaskCompanyId": psa.then_some(1000 + j)}),
                )
            }
            _ => {
                let name = match (j + k) % 5 {
                    0 => c.ticker.clone(),
                    1 | 2 => c.legal.clone(),
                    _ => c.name.clone(),
                };
                let site =
                    ((j + k).is_multiple_of(2) && !c.host.is_empty()).then(|| c.host.clone());
                (
                    format!("{integration}-{j}"),
                    json!({"id": format!("{integration}-{j}"), "name": name, "website": site}),
                )
            }
        };
        truth.insert(id, j);
        records.push(record);
    }
    for (d, name) in others
        .iter()
        .cycle()
        .skip(k * 397)
        .take(DISTRACTORS)
        .enumerate()
    {
        let id = format!("{integration}-x{d}");
        let site = (d % 2 == 0).then(|| format!("{}.example", slug(name)));
        records.push(json!({"id": id, "name": name, "website": site}));
    }
    Listing { records, truth }
}

fn declaration(integration: &str) -> String {
    let links = if integration == "datto_rmm" {
        "links = { autotask = \"/autotaskCompanyId\" }\n"
    } else {
        ""
    };
    format!(
        r#"display_name = "{integration} (bench double)"

[settings.base_url]
required = true
url = true

[auth]
kind = "none"

[headers]
x-api-key = "{{credential:api_key}}"

[[list]]
path = "/{integration}"
items = "/items"
paging = {{ kind = "none" }}

[list.record]
id = "/id"
name = "/name"
domains = ["/website"]
{links}
[test]
path = "/{integration}"
"#
    )
}

fn key(integration: &str) -> String {
    format!("key-{integration}")
}

fn mapctl(home: &Path, args: &[&str]) -> (f64, Vec<u8>) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mapctl"));
    c.args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("MAPCTL_CONFIG");
    for i in INTEGRATIONS {
        c.env(format!("MAPCTL_{}_API_KEY", i.to_uppercase()), key(i));
    }
    let started = Instant::now();
    let out = c.output().unwrap();
    let secs = started.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (secs, out.stdout)
}

/// A home with the orgs imported and every discovery cached.
fn home(server: &Server, customers: &[Customer]) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/mapctl");
    std::fs::create_dir_all(config.join("integrations")).unwrap();
    let mut toml = String::new();
    for i in INTEGRATIONS {
        std::fs::write(
            config.join(format!("integrations/{i}.toml")),
            declaration(i),
        )
        .unwrap();
        toml += &format!("[integrations.{i}]\nbase_url = \"{}\"\n\n", server.url());
    }
    std::fs::write(config.join("config.toml"), toml).unwrap();
    let orgs: Vec<Value> = customers
        .iter()
        .enumerate()
        .map(|(j, c)| {
            let tenant = (j % 4 != 3).then(|| c.tenant.clone());
            json!({"id": format!("c{j}"), "name": c.name, "tenant_id": tenant})
        })
        .collect();
    let file = home.path().join("orgs.json");
    std::fs::write(&file, serde_json::to_string(&orgs).unwrap()).unwrap();
    mapctl(
        home.path(),
        &["orgs", "import", "-f", file.to_str().unwrap()],
    );
    for i in INTEGRATIONS {
        mapctl(home.path(), &["discover", i, "-o", "json"]);
    }
    home
}

/// (high proposals, right ones) of a suggest answer.
fn highs(out: &[u8], truth: &HashMap<String, HashMap<String, usize>>) -> (usize, usize) {
    let list: Vec<Value> = serde_json::from_slice(out).unwrap();
    let high: Vec<&Value> = list.iter().filter(|s| s["confidence"] == "high").collect();
    let right = high
        .iter()
        .filter(|s| {
            let org: usize = s["org"].as_str().unwrap()[1..].parse().unwrap();
            truth[s["integration"].as_str().unwrap()].get(s["external_org_id"].as_str().unwrap())
                == Some(&org)
        })
        .count();
    (high.len(), right)
}

fn main() {
    let (customers, others) = customers();
    let listings: HashMap<&str, Listing> = INTEGRATIONS
        .iter()
        .enumerate()
        .map(|(k, i)| (*i, listing(k, i, &customers, &others)))
        .collect();
    let truth: HashMap<String, HashMap<String, usize>> = listings
        .iter()
        .map(|(i, l)| (i.to_string(), l.truth.clone()))
        .collect();
    let bodies: Arc<HashMap<String, Value>> = Arc::new(
        listings
            .iter()
            .map(|(i, l)| (format!("/{i}"), json!({ "items": l.records })))
            .collect(),
    );
    let server = Server::start(Arc::new(move |r: &Request| {
        let Some(body) = bodies.get(&r.path) else {
            return Response::json(404, json!({"error": "no such path"}));
        };
        if r.header("x-api-key") != Some(&key(&r.path[1..])) {
            return Response::json(401, json!({"error": "Invalid API key"}));
        }
        Response::json(200, body.clone())
    }));
    let records: usize = listings.values().map(|l| l.records.len()).sum();
    println!(
        "a whole MSP: {ORGS} orgs x {} integrations, {records} external records, discovery cached",
        INTEGRATIONS.len()
    );

    let all = home(&server, &customers);
    let mut runs: Vec<(f64, Vec<u8>)> = (0..5)
        .map(|_| mapctl(all.path(), &["suggest", "--all", "-o", "json"]))
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (secs, out) = &runs[runs.len() / 2];
    let (high, right) = highs(out, &truth);
    mapctl(all.path(), &["suggest", "--all", "--apply"]);
    println!(
        "suggest --all:                {:>5.0} ms median of 5; {high:>4} high ({right} right, {} wrong), written by --apply",
        secs * 1000.0,
        high - right
    );

    let alphabetical = home(&server, &customers);
    let (mut high, mut right, mut secs) = (0, 0, 0.0);
    for i in INTEGRATIONS {
        let (s, out) = mapctl(alphabetical.path(), &["suggest", i, "-o", "json"]);
        let (h, r) = highs(&out, &truth);
        high += h;
        right += r;
        let (t, _) = mapctl(alphabetical.path(), &["suggest", i, "--apply"]);
        secs += s + t;
    }
    println!(
        "suggest NAME --apply, a-z:    {:>5.0} ms in all (16 runs); {high:>4} high ({right} right, {} wrong)",
        secs * 1000.0,
        high - right
    );
    let mapped = |home: &Path| -> usize {
        let (_, out) = mapctl(home, &["status", "-o", "json"]);
        let list: Vec<Value> = serde_json::from_slice(&out).unwrap();
        list.iter()
            .map(|s| s["coverage"]["mapped_orgs"].as_u64().unwrap() as usize)
            .sum()
    };
    println!(
        "customers mapped after (summed over integrations): suggest --all {}, alphabetical {}",
        mapped(all.path()),
        mapped(alphabetical.path())
    );
}
