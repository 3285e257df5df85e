use super::connection::EMULATOR_ACCOUNT;
use super::*;
use crate::store::Value;

#[test]
fn connection_strings_of_every_kind_parse() {
    let t = parse_connection_string(
        "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net",
    )
    .unwrap();
    assert_eq!(t.account, "acme");
    assert_eq!(t.endpoint, "https://acme.table.core.windows.net");
    assert_eq!(
        t.auth,
        Auth::SharedKey {
            key: "c2VjcmV0".into()
        }
    );

    let t = parse_connection_string(
        "TableEndpoint=https://acme.table.core.windows.net/;SharedAccessSignature=?sv=2022&sig=abc%3D",
    )
    .unwrap();
    assert_eq!(t.account, "acme");
    assert_eq!(
        t.auth,
        Auth::Sas {
            token: "sv=2022&sig=abc%3D".into()
        }
    );

    let t = parse_connection_string(
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;",
    )
    .unwrap();
    assert_eq!(t.endpoint, "http://127.0.0.1:10002/devstoreaccount1");

    let t = parse_connection_string("UseDevelopmentStorage=true").unwrap();
    assert_eq!(t.account, EMULATOR_ACCOUNT);
    // Azurite's well-known key (its docs and src/common/utils/constants.ts).
    assert!(matches!(&t.auth, Auth::SharedKey { key } if key.ends_with("KBHBeksoGMGw==")));
    assert_eq!(t.endpoint, "http://127.0.0.1:10002/devstoreaccount1");
}

#[test]
fn bad_connection_strings_name_the_problem_and_never_the_secret() {
    for (text, expect) in [
        (
            "AccountName=acme",
            "neither AccountKey nor SharedAccessSignature",
        ),
        (
            "AccountKey=s3cr3tvalue",
            "neither AccountName nor TableEndpoint",
        ),
        (
            "TableEndpoint=https://x.example;AccountKey=s3cr3tvalue",
            "AccountKey but no AccountName",
        ),
        ("garbage-s3cr3tvalue", "without '='"),
        (
            "AccountName=acme;AccountKey=s3cr3tvalue!*",
            "AccountKey of the storage connection string is not valid base64",
        ),
        (
            "TableEndpoint=http://acme.example;AccountName=a;AccountKey=s3cr3tvalue",
            "must use https",
        ),
    ] {
        let err = parse_connection_string(text).unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::InvalidInput);
        assert!(err.message.contains(expect), "{text}: {}", err.message);
        let all = format!("{} {}", err.message, err.hint.unwrap_or_default());
        assert!(!all.contains("s3cr3tvalue"), "{all}");
    }
}

#[test]
fn endpoints_must_be_https_except_on_loopback() {
    assert_eq!(
        endpoint_target("https://acme.table.core.windows.net")
            .unwrap()
            .account,
        "acme"
    );
    assert_eq!(
        endpoint_target("http://127.0.0.1:10002/devstoreaccount1")
            .unwrap()
            .account,
        "devstoreaccount1"
    );
    assert!(endpoint_target("http://acme.table.core.windows.net").is_err());
}

#[test]
fn filters_quote_and_bound_their_values() {
    let q = Query::partition("o'brien")
        .with_prefix("halopsa_")
        .with_equals("ExternalOrgId", "4'2");
    assert_eq!(
        filter_text(&q).unwrap(),
        "PartitionKey eq 'o''brien' and RowKey ge 'halopsa_' and RowKey lt 'halopsa`' and ExternalOrgId eq '4''2'"
    );
    assert_eq!(filter_text(&Query::all()), None);
    let q = Query::all()
        .with_equals("IsActive", true)
        .with_equals("N", Value::Int64(5));
    assert_eq!(filter_text(&q).unwrap(), "IsActive eq true and N eq 5L");
}
