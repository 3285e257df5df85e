//! The OpenAPI 3.1 document, generated from the handlers' annotations and
//! the routes they are served on (one source: they cannot drift apart).
//! `docs/openapi.json` is this document, committed; a test holds them
//! equal.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::api;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "mapctl",
        description = "The mapping between an MSP's organizations and those of every external system it runs (contract §9). Every body is the command line's `-o json` shape of the same thing. Errors are `{\"error\":{\"kind\",\"message\",\"hint\"}}`.",
    ),
    modifiers(&Bearer),
    paths(api::healthz),
    tags(
        (name = "mappings", description = "get_integration_mapping, set_integration_mapping, list, unmap, apply"),
        (name = "orgs", description = "The MSP's organizations"),
        (name = "integrations", description = "The external systems: discovery, connection tests, suggestions"),
        (name = "status", description = "Coverage, the matrix, history"),
        (name = "health", description = "No token needed"),
    )
)]
struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
    }
}

/// The API's routes with their document.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(api::integrations))
        .routes(routes!(api::discover))
        .routes(routes!(api::test_connection))
        .routes(routes!(api::suggestions))
        .routes(routes!(api::list_orgs, api::add_org))
        .routes(routes!(api::show_org, api::update_org))
        .routes(routes!(api::list_mappings))
        .routes(routes!(api::get_mapping, api::set_mapping))
        .routes(routes!(api::unmap))
        .routes(routes!(api::apply))
        .routes(routes!(api::status))
        .routes(routes!(api::matrix))
        .routes(routes!(api::history))
}

/// The document as served at `/openapi.json` and committed.
pub fn document() -> String {
    let (_, document) = router().split_for_parts();
    document
        .to_pretty_json()
        .expect("the OpenAPI document serializes")
}
