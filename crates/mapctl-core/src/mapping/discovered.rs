//! An external org of a discovery, with the MSP orgs mapped to it: what
//! `discover` prints and what `suggest` and `status` work from.

use serde::Serialize;
use serde_json::{Map, Value as Json};

/// An external org as `discover` prints it (contract §4).
#[derive(Debug, Clone, Serialize)]
pub struct Discovered {
    pub id: String,
    pub name: String,
    pub(crate) metadata: Map<String, Json>,
    pub(crate) mapped_to: Vec<String>,
    #[serde(skip)]
    pub mapped_names: Vec<String>,
}

/// Whether a declaration's rules marked the record inactive (deleted,
/// archived, a system record): not what a technician maps.
pub fn is_inactive(metadata: &Map<String, Json>) -> bool {
    metadata.get("inactive") == Some(&Json::Bool(true))
}
