//! The discovery cache: one JSON file per integration under the XDG cache
//! dir, valid for `cache.ttl_seconds`, and tied to the base URL it came from
//! (pointing an integration elsewhere starts afresh).

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::integrations::rest::ExternalOrg;

#[derive(Serialize, Deserialize)]
struct Entry {
    integration: String,
    source: String,
    fetched_at: u64,
    orgs: Vec<ExternalOrg>,
}

/// [`Entry`] as written: borrowed, so that storing copies no record.
#[derive(Serialize)]
struct EntryRef<'a> {
    integration: &'a str,
    source: &'a str,
    fetched_at: u64,
    orgs: &'a [ExternalOrg],
}

pub struct Cached {
    pub orgs: Vec<ExternalOrg>,
    pub age: Duration,
}

pub struct DiscoveryCache {
    dir: PathBuf,
    ttl: Duration,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// "3 min", "2 h", "5 days": the age of a cache, for notices.
pub fn human_age(age: Duration) -> String {
    let s = age.as_secs();
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min", s / 60),
        3600..86400 => format!("{} h", s / 3600),
        _ => format!("{} days", s / 86400),
    }
}

impl DiscoveryCache {
    pub fn new(dir: PathBuf, ttl_seconds: u64) -> DiscoveryCache {
        DiscoveryCache {
            dir: dir.join("discovery"),
            ttl: Duration::from_secs(ttl_seconds),
        }
    }

    pub fn enabled(&self) -> bool {
        !self.ttl.is_zero()
    }

    fn path(&self, integration: &str) -> PathBuf {
        self.dir.join(format!("{integration}.json"))
    }

    /// The cached listing of `source`, however old (None when absent or unreadable).
    pub fn load(&self, integration: &str, source: &str) -> Option<Cached> {
        let text = std::fs::read_to_string(self.path(integration)).ok()?;
        let entry: Entry = serde_json::from_str(&text).ok()?;
        (entry.integration == integration && entry.source == source).then(|| Cached {
            orgs: entry.orgs,
            age: Duration::from_secs(now().saturating_sub(entry.fetched_at)),
        })
    }

    pub fn is_fresh(&self, cached: &Cached) -> bool {
        self.enabled() && cached.age < self.ttl
    }

    /// Writes atomically, so readers never see half a file.
    pub fn store(
        &self,
        integration: &str,
        source: &str,
        orgs: &[ExternalOrg],
    ) -> std::io::Result<()> {
        if !self.enabled() {
            return Ok(());
        }
        let entry = EntryRef {
            integration,
            source,
            fetched_at: now(),
            orgs,
        };
        write_atomically(&self.path(integration), &entry)
    }
}

/// `value` as JSON in `path`, through a temporary file renamed over it:
/// readers see the old file or the new one, never half of one.
fn write_atomically(path: &std::path::Path, value: &impl Serialize) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
    serde_json::to_writer(&mut file, value)?;
    std::io::Write::flush(&mut file)?;
    drop(file);
    std::fs::rename(&tmp, path)
}

/// A lookup's answer (a codebase, a zone's URL), kept beside the discovery
/// cache and for as long: the key is the URL asked.
#[derive(Serialize, Deserialize)]
struct LookupEntry {
    url: String,
    value: String,
    fetched_at: u64,
}

impl DiscoveryCache {
    fn lookup_path(&self, integration: &str, setting: &str) -> PathBuf {
        self.dir
            .join("lookups")
            .join(format!("{integration}.{setting}.json"))
    }

    /// The cached answer of a lookup of `url`, when fresh.
    pub fn lookup(&self, integration: &str, setting: &str, url: &str) -> Option<String> {
        if !self.enabled() {
            return None;
        }
        let text = std::fs::read_to_string(self.lookup_path(integration, setting)).ok()?;
        let entry: LookupEntry = serde_json::from_str(&text).ok()?;
        let age = Duration::from_secs(now().saturating_sub(entry.fetched_at));
        (entry.url == url && age < self.ttl).then_some(entry.value)
    }

    pub fn store_lookup(
        &self,
        integration: &str,
        setting: &str,
        url: &str,
        value: &str,
    ) -> std::io::Result<()> {
        if !self.enabled() {
            return Ok(());
        }
        let entry = LookupEntry {
            url: url.into(),
            value: value.into(),
            fetched_at: now(),
        };
        write_atomically(&self.lookup_path(integration, setting), &entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: &str) -> ExternalOrg {
        ExternalOrg {
            id: id.into(),
            name: format!("Org {id}"),
            metadata: Default::default(),
        }
    }

    #[test]
    fn a_cache_is_per_integration_and_source() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiscoveryCache::new(dir.path().into(), 3600);
        cache.store("halopsa", "https://a", &[org("1")]).unwrap();
        let got = cache.load("halopsa", "https://a").unwrap();
        assert_eq!(got.orgs, vec![org("1")]);
        assert!(cache.is_fresh(&got));
        assert!(
            cache.load("halopsa", "https://b").is_none(),
            "another base URL"
        );
        assert!(cache.load("ninjaone", "https://a").is_none());
    }

    #[test]
    fn lookups_are_kept_per_url_asked() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiscoveryCache::new(dir.path().into(), 3600);
        cache
            .store_lookup("connectwise", "codebase", "https://a/1", "v4_6_release/")
            .unwrap();
        assert_eq!(
            cache
                .lookup("connectwise", "codebase", "https://a/1")
                .as_deref(),
            Some("v4_6_release/")
        );
        assert_eq!(cache.lookup("connectwise", "codebase", "https://a/2"), None);
    }

    #[test]
    fn ttl_zero_disables_it() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiscoveryCache::new(dir.path().into(), 0);
        cache.store("halopsa", "s", &[org("1")]).unwrap();
        assert!(cache.load("halopsa", "s").is_none());
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(human_age(Duration::from_secs(5)), "5 s");
        assert_eq!(human_age(Duration::from_secs(600)), "10 min");
        assert_eq!(human_age(Duration::from_secs(7200)), "2 h");
        assert_eq!(human_age(Duration::from_secs(3 * 86400)), "3 days");
    }
}
