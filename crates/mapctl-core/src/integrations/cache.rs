//! The discovery cache: one JSON file per integration under the XDG cache
//! dir, valid for `cache.ttl_seconds`, and tied to the base URL it came from
//! (pointing an integration elsewhere starts afresh). Files are 0600 in a
//! 0700 folder, and hold no form of any credential: keys and contents pass
//! the one mask (`crate::redact`) on the way in.

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
    /// Records the API sent that cannot be mapped (left out of `orgs`).
    #[serde(default)]
    invalid: usize,
}

/// [`Entry`] as written: borrowed, so that storing copies no record.
#[derive(Serialize)]
struct EntryRef<'a> {
    integration: &'a str,
    source: &'a str,
    fetched_at: u64,
    orgs: &'a [ExternalOrg],
    invalid: usize,
}

pub struct Cached {
    pub orgs: Vec<ExternalOrg>,
    pub age: Duration,
    /// Records of that listing that could not be mapped.
    pub invalid: usize,
}

pub struct DiscoveryCache {
    dir: PathBuf,
    ttl: Duration,
    /// Looked-up values are asked again (`--refresh`, `test-connection`).
    fresh_lookups: bool,
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
            fresh_lookups: false,
        }
    }

    /// The same cache, its looked-up values asked again rather than read.
    pub(crate) fn with_fresh_lookups(mut self, fresh: bool) -> DiscoveryCache {
        self.fresh_lookups = fresh;
        self
    }

    pub(crate) fn enabled(&self) -> bool {
        !self.ttl.is_zero()
    }

    fn path(&self, integration: &str) -> PathBuf {
        self.dir.join(format!("{integration}.json"))
    }

    /// The cached listing of `source`, however old (None when absent or unreadable).
    pub fn load(&self, integration: &str, source: &str) -> Option<Cached> {
        let text = std::fs::read_to_string(self.path(integration)).ok()?;
        let entry: Entry = serde_json::from_str(&text).ok()?;
        let source = crate::redact::scrub(source);
        (entry.integration == integration && entry.source == source).then(|| Cached {
            orgs: entry.orgs,
            age: Duration::from_secs(now().saturating_sub(entry.fetched_at)),
            invalid: entry.invalid,
        })
    }

    /// The last cached listing of an integration, wherever it came from
    /// (evidence for matching: no call is made for it).
    pub(crate) fn load_any(&self, integration: &str) -> Option<Cached> {
        let text = std::fs::read_to_string(self.path(integration)).ok()?;
        let entry: Entry = serde_json::from_str(&text).ok()?;
        (entry.integration == integration).then(|| Cached {
            orgs: entry.orgs,
            age: Duration::from_secs(now().saturating_sub(entry.fetched_at)),
            invalid: entry.invalid,
        })
    }

    pub(crate) fn is_fresh(&self, cached: &Cached) -> bool {
        self.enabled() && cached.age < self.ttl
    }

    /// Writes atomically, so readers never see half a file.
    pub(crate) fn store(
        &self,
        integration: &str,
        source: &str,
        orgs: &[ExternalOrg],
        invalid: usize,
    ) -> std::io::Result<()> {
        if !self.enabled() {
            return Ok(());
        }
        let source = crate::redact::scrub(source);
        let entry = EntryRef {
            integration,
            source: &source,
            fetched_at: now(),
            orgs,
            invalid,
        };
        let text = serde_json::to_string(&entry)?;
        match crate::redact::scrub(&text) {
            std::borrow::Cow::Borrowed(_) => write_atomically(&self.path(integration), &text),
            // A record echoed a secret: mask it field by field, so the file
            // stays JSON whatever the secret holds.
            std::borrow::Cow::Owned(_) => {
                let masked: Vec<ExternalOrg> = orgs.iter().map(masked_org).collect();
                let entry = EntryRef {
                    orgs: &masked,
                    ..entry
                };
                write_atomically(&self.path(integration), &serde_json::to_string(&entry)?)
            }
        }
    }
}

fn masked_org(o: &ExternalOrg) -> ExternalOrg {
    fn mask(v: &serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Value::String(s) => Value::String(crate::redact::scrub(s).into_owned()),
            Value::Array(a) => Value::Array(a.iter().map(mask).collect()),
            Value::Object(m) => Value::Object(
                m.iter()
                    .map(|(k, v)| (crate::redact::scrub(k).into_owned(), mask(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
    ExternalOrg {
        id: crate::redact::scrub(&o.id).into_owned(),
        name: crate::redact::scrub(&o.name).into_owned(),
        metadata: o
            .metadata
            .iter()
            .map(|(k, v)| (k.clone(), mask(v)))
            .collect(),
    }
}

/// `text` in `path`, through a temporary file renamed over it: readers see
/// the old file or the new one, never half of one. The file is the user's
/// alone (0600), in folders that are too (0700).
fn write_atomically(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        private_dir(dir)?;
    }
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&tmp)?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    drop(file);
    std::fs::rename(&tmp, path)
}

/// Creates `dir` (and what it needs) as 0700, and narrows an existing one.
fn private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
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
    pub(crate) fn lookup(&self, integration: &str, setting: &str, url: &str) -> Option<String> {
        if !self.enabled() || self.fresh_lookups {
            return None;
        }
        let text = std::fs::read_to_string(self.lookup_path(integration, setting)).ok()?;
        let entry: LookupEntry = serde_json::from_str(&text).ok()?;
        let age = Duration::from_secs(now().saturating_sub(entry.fetched_at));
        (entry.url == url && age < self.ttl).then_some(entry.value)
    }

    pub(crate) fn store_lookup(
        &self,
        integration: &str,
        setting: &str,
        url: &str,
        value: &str,
    ) -> std::io::Result<()> {
        // A value that holds a secret is not kept (nor is its key).
        if !self.enabled() || crate::redact::scrub(value) != value {
            return Ok(());
        }
        private_dir(&self.dir)?;
        let entry = LookupEntry {
            url: crate::redact::scrub(url).into_owned(),
            value: value.into(),
            fetched_at: now(),
        };
        write_atomically(
            &self.lookup_path(integration, setting),
            &serde_json::to_string(&entry)?,
        )
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
        cache.store("halopsa", "https://a", &[org("1")], 0).unwrap();
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
        cache.store("halopsa", "s", &[org("1")], 0).unwrap();
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
