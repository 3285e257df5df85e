//! Where the core's errors cross into HTTP (contract §9): the CLI's error
//! object `{"error":{"kind","message","hint"}}` with the status of its
//! exit code, and each [`Remedy`] worded in the API's terms (a field of a
//! request body, an endpoint), as `hints.rs` words it in flags.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mapctl_core::error::{Error, ErrorKind, Remedy};

/// An error on its way to the client.
pub struct ApiError(pub Error);

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError(e)
    }
}

/// The status of an exit code: 2 → 400, 3 → 404, 4 → 409, 5 → 502 (an
/// integration refused our credentials; 403 is the caller's scope), 6 →
/// 503, 7 → 422, anything else → 500.
pub fn status_of(kind: ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::Usage => StatusCode::BAD_REQUEST,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Conflict => StatusCode::CONFLICT,
        ErrorKind::Auth => StatusCode::BAD_GATEWAY,
        ErrorKind::Unavailable | ErrorKind::Interrupted => StatusCode::SERVICE_UNAVAILABLE,
        ErrorKind::InvalidInput => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// A response with the error object and `status`.
pub fn respond(status: StatusCode, mut e: Error) -> Response {
    if let Some(remedy) = e.remedy.take() {
        let words = for_remedy(&remedy);
        e.hint = Some(match e.hint.take() {
            Some(plain) => format!("{plain}; {words}"),
            None => words,
        });
    }
    // The one mask of the trust boundary, over everything the client reads.
    let body = mapctl_core::redact::scrub(&e.to_json().to_string()).into_owned();
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        respond(status_of(self.0.kind), self.0)
    }
}

/// A remedy in the API's words.
fn for_remedy(remedy: &Remedy) -> String {
    match remedy {
        Remedy::ReplaceOrAdd => {
            r#"send "mode":"replace" to soft-delete the old mapping, or "mode":"add" to keep both"#
                .into()
        }
        Remedy::ShareOrUnmap => {
            r#"send "allow_shared":true to map it to this org as well, or unmap it there first"#
                .into()
        }
        Remedy::PickMapping => "pass ?mapping_id=ID to pick one".into(),
        Remedy::PickMappingOrAll => "name the mapping by its id in the path".into(),
        Remedy::OtherOrgId => r#"choose another "id", or leave it out to get a new GUID"#.into(),
        Remedy::OtherOrgName => r#"org names are unique; choose another "name""#.into(),
        Remedy::RenameImportedOrgs => "org names are unique: rename the records".into(),
        Remedy::Unignore {
            integration,
            external_org_id,
        } => format!(
            "{external_org_id} is on {integration}'s ignore list: take it off first (mapctl unignore)"
        ),
        Remedy::CascadeOrUnmap => "unmap its mappings first".into(),
        Remedy::Include {
            org_id,
            integration,
        } => format!("{org_id} is excluded from {integration}: include it first (mapctl include)"),
        Remedy::UnmapBeforeExclude {
            org_id,
            integration,
        } => format!("unmap {org_id} from {integration} first"),
        Remedy::UnignoreOrUnmapFirst => {
            "an external org is mapped or ignored, not both: change the records".into()
        }
        Remedy::RerunOrRepair { .. } => {
            "send the same request again: it plans only what is still missing".into()
        }
        Remedy::DeclareListing { integration } => format!(
            r#"{integration} cannot list its organizations: send "verify":false to record the id as given"#
        ),
        Remedy::ConfigureAnIntegration => {
            "configure an integration in the server's config file".into()
        }
        Remedy::GiveExternalId => r#"send "external_org_id", e.g. "42""#.into(),
        Remedy::GiveMappingDataObject => {
            r#"send "mapping_data" as a JSON object, e.g. {"site":"main"}"#.into()
        }
        Remedy::ListMappingsOf { org_id } => {
            format!("GET /api/v1/mappings?org={org_id}&all=true lists its mappings")
        }
        Remedy::ListOrAddOrgs => {
            "GET /api/v1/orgs lists the orgs; POST /api/v1/orgs adds one".into()
        }
        Remedy::MapWithoutVerify => r#"send "verify":false"#.into(),
        Remedy::TestConnection { integration } => {
            format!("POST /api/v1/integrations/{integration}/test tries the credentials")
        }
        Remedy::CheckDeclaration | Remedy::MoveDeclaration { .. } | Remedy::OtherConfigFile => {
            "the server's configuration needs a fix (mapctl doctor on its host)".into()
        }
        Remedy::RunDoctor => "run `mapctl doctor` on the server's store".into(),
        Remedy::Unmap {
            integration,
            external_org_id,
        } => format!("unmap {integration} {external_org_id} first if it is no customer"),
    }
}
