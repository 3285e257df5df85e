//! The labeled evaluation sets built from public data by
//! benches/data/suggest_sets.py (the script says what they hold and why).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use mapctl_core::matching::{ExternalSide, OrgSide};

pub struct Set {
    pub name: &'static str,
    /// (org name, right ISINs with the adjudicated one)
    pub orgs: Vec<(String, HashSet<String>)>,
    /// The right ISINs as the sources give them.
    pub raw: Vec<HashSet<String>>,
    /// (ISINs comma-separated: the external id, name)
    pub externals: Vec<(String, String)>,
    /// (website host, ticker symbol) of each org, either may be empty.
    pub about: Vec<(String, String)>,
}

pub fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/suggest-data");
    // The marker names the sets' version: older sets lack websites.
    if !dir.join("sets-2.done").exists() {
        let status = Command::new("python3")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/suggest_sets.py"))
            .arg(&dir)
            .status()
            .expect("python3 builds the evaluation sets");
        assert!(status.success(), "building the evaluation sets failed");
    }
    dir
}

pub fn read(dir: &Path, name: &'static str) -> Set {
    let lines = |file: String| -> Vec<(String, String)> {
        std::fs::read_to_string(dir.join(file))
            .unwrap()
            .lines()
            .map(|l| {
                let (a, b) = l.split_once('\t').unwrap();
                (a.to_owned(), b.to_owned())
            })
            .collect()
    };
    let rows: Vec<Vec<String>> = std::fs::read_to_string(dir.join(format!("{name}.orgs.tsv")))
        .unwrap()
        .lines()
        .map(|l| {
            let mut f: Vec<String> = l.split('\t').map(str::to_owned).collect();
            f.resize(5, String::new());
            f
        })
        .collect();
    let orgs: Vec<(String, String, String)> = rows
        .iter()
        .map(|f| (f[0].clone(), f[1].clone(), f[2].clone()))
        .collect();
    let isins = |list: &str| -> HashSet<String> {
        list.split(',')
            .filter(|i| !i.is_empty())
            .map(str::to_owned)
            .collect()
    };
    Set {
        name,
        raw: orgs.iter().map(|(_, right, _)| isins(right)).collect(),
        orgs: orgs
            .iter()
            .map(|(n, right, adjudicated)| (n.clone(), isins(&format!("{right},{adjudicated}"))))
            .collect(),
        externals: lines(format!("{name}.externals.tsv")),
        about: rows.iter().map(|f| (f[3].clone(), f[4].clone())).collect(),
    }
}

/// Whether an external org (its ISINs) is one of the right answers.
pub fn holds(right: &HashSet<String>, external_id: &str) -> bool {
    external_id.split(',').any(|isin| right.contains(isin))
}

impl Set {
    /// The matcher's two sides with names as the only evidence.
    pub fn sides_by_name(&self) -> (Vec<OrgSide<'_>>, Vec<ExternalSide<'_>>) {
        let orgs = self
            .orgs
            .iter()
            .map(|(n, _)| OrgSide {
                name: n,
                ..OrgSide::default()
            })
            .collect();
        let externals = self
            .externals
            .iter()
            .map(|(id, n)| ExternalSide {
                id,
                name: n,
                ..ExternalSide::default()
            })
            .collect();
        (orgs, externals)
    }
}
