//! The seam every integration implements, and what it hands back.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use crate::error::Result;

/// An organization of an external system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExternalOrg {
    pub id: String,
    pub name: String,
    pub metadata: Map<String, Json>,
}

/// Progress of a listing: pages fetched, pages known (if the API says), records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListProgress {
    pub pages: usize,
    pub total_pages: Option<usize>,
    pub records: usize,
}

/// What a successful connection test found.
#[derive(Debug, Clone)]
pub struct ConnectionCheck {
    pub message: String,
    pub details: Map<String, Json>,
}

/// The seam every integration implements.
#[async_trait]
pub trait Integration: Send + Sync {
    fn name(&self) -> &str;
    /// Every organization, following pagination to the end.
    async fn list_organizations(
        &self,
        progress: &(dyn Fn(ListProgress) + Send + Sync),
    ) -> Result<Vec<ExternalOrg>>;
    /// One organization by id; None when the system does not know it.
    async fn get_organization(&self, id: &str) -> Result<Option<ExternalOrg>>;
    /// Credentials and a cheap call.
    async fn test_connection(&self) -> Result<ConnectionCheck>;
    /// What a cached listing is tied to: pointing the integration elsewhere
    /// starts afresh.
    fn cache_source(&self) -> String;
}
