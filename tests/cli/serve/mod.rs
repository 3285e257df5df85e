//! `mapctl serve` over real HTTP (contract §9), on both backends: every
//! endpoint, every error, tokens and scopes, MCP, the OpenAPI document,
//! and two replicas over one Azurite keeping a rule.

pub mod client;
mod endpoints;
mod hostile;
mod limits;
mod mcp;
mod replicas;
