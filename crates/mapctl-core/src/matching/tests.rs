use super::*;

fn org(name: &str) -> OrgSide<'_> {
    OrgSide {
        name,
        ..OrgSide::default()
    }
}

fn ext<'a>(id: &'a str, name: &'a str) -> ExternalSide<'a> {
    ExternalSide {
        id,
        name,
        ..ExternalSide::default()
    }
}

/// (org name, external id, confidence, reason) of each proposal.
fn run<'a>(
    orgs: &[OrgSide<'a>],
    externals: &[ExternalSide<'a>],
) -> Vec<(&'a str, &'a str, &'static str, &'static str)> {
    suggest(orgs, externals)
        .into_iter()
        .map(|p| {
            (
                orgs[p.org].name,
                externals[p.external].id,
                p.confidence.as_str(),
                p.reason.as_str(),
            )
        })
        .collect()
}

#[test]
fn legal_forms_and_case_do_not_stop_a_high_proposal() {
    let externals = [
        ext("42", "ACME Corporation Ltd"),
        ext("43", "Acme Logistics GmbH"),
        ext("44", "Globex Inc"),
    ];
    assert_eq!(
        run(&[org("Acme Corp")], &externals),
        vec![("Acme Corp", "42", "high", "normalized_name")]
    );
    assert_eq!(
        run(&[org("globex inc")], &externals),
        vec![("globex inc", "44", "high", "exact_name")]
    );
}

#[test]
fn identity_and_links_beat_names() {
    let mut tenant = ext("9f1c0e4a-0000-4000-8000-000000000001", "Contoso (old name)");
    tenant.tenant_id = None;
    let mut site = ext("site-7", "Main office");
    site.links = vec![("autotask", "123")];
    let externals = [tenant, site, ext("x", "Contoso")];
    let orgs = [
        OrgSide {
            name: "Contoso",
            tenant_id: Some("9F1C0E4A-0000-4000-8000-000000000001"),
            held: vec![],
            domains: vec![],
            rejected: vec![],
        },
        OrgSide {
            name: "Fabrikam",
            tenant_id: None,
            held: vec![("autotask", "123")],
            domains: vec![],
            rejected: vec![],
        },
    ];
    assert_eq!(
        run(&orgs, &externals),
        vec![
            (
                "Contoso",
                "9f1c0e4a-0000-4000-8000-000000000001",
                "high",
                "tenant_id"
            ),
            ("Fabrikam", "site-7", "high", "link"),
        ]
    );
}

#[test]
fn a_tie_is_never_high() {
    let externals = [ext("1", "Acme Ltd"), ext("2", "ACME Limited")];
    let got = run(&[org("Acme")], &externals);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].2, "medium");
    // Two MSP orgs wanting one external org: neither is sure.
    let got = run(&[org("Acme Inc"), org("ACME GmbH")], &[ext("1", "Acme")]);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].2, "medium");
}

#[test]
fn a_shared_common_word_is_not_a_match_but_a_shared_rare_one_is() {
    let mut names: Vec<String> = (0..50).map(|i| format!("Company{i} Holdings")).collect();
    names.push("Wabtec Holdings".into());
    let externals: Vec<ExternalSide> = names
        .iter()
        .enumerate()
        .map(|(i, n)| ExternalSide {
            id: Box::leak(i.to_string().into_boxed_str()),
            name: n,
            ..ExternalSide::default()
        })
        .collect();
    let got = run(&[org("Wabtec"), org("Initech Holdings")], &externals);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "Wabtec");
    assert_eq!(got[0].1, "50");
    assert_eq!(got[0].3, "fuzzy");
}

#[test]
fn each_external_org_is_proposed_once() {
    let externals = [ext("1", "Northwind Traders"), ext("2", "Northwind Foods")];
    let got = run(
        &[org("Northwind Traders Ltd"), org("Northwind Trading")],
        &externals,
    );
    let ids: Vec<&str> = got.iter().map(|g| g.1).collect();
    assert_eq!(
        got[0],
        ("Northwind Traders Ltd", "1", "high", "normalized_name")
    );
    assert!(!ids[1..].contains(&"1"), "{got:?}");
}

#[test]
fn sister_companies_are_not_joined_with_confidence() {
    let externals = [ext("1", "Acme Logistics"), ext("2", "Acme Manufacturing")];
    for p in suggest(&[org("Acme")], &externals) {
        assert_ne!(p.confidence, Confidence::High, "{p:?}");
    }
}

#[test]
fn an_org_without_counterpart_gets_nothing_or_low() {
    let externals = [ext("1", "Globex"), ext("2", "Initech")];
    assert!(run(&[org("Umbrella Corporation")], &externals).is_empty());
}

#[test]
fn a_domain_ties_records_whose_names_disagree() {
    let mut psa = ext("7", "SSP Group LLC");
    psa.domains = vec!["smithandsons.com"];
    let mut other = ext("8", "Smith Holdings");
    other.domains = vec!["gmail.com"];
    let externals = [psa, other, ext("9", "Northwind")];
    let mut smith = org("Smith & Sons");
    smith.domains = vec!["smithandsons.com"];
    assert_eq!(
        run(&[smith.clone()], &externals),
        vec![("Smith & Sons", "7", "high", "domain")]
    );
    // A public mail domain is no evidence.
    let mut mail = org("Nobody");
    mail.domains = vec!["gmail.com"];
    assert!(run(&[mail], &externals).is_empty());
}

#[test]
fn a_domain_several_records_share_is_for_a_person() {
    let mut a = ext("1", "Alpha One");
    a.domains = vec!["shared.example.org"];
    let mut b = ext("2", "Beta Two");
    b.domains = vec!["shared.example.org"];
    let mut o = org("Gamma");
    o.domains = vec!["shared.example.org"];
    let got = run(&[o], &[a, b]);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].2, "medium", "{got:?}");
}

#[test]
fn a_domain_and_a_name_score_above_either() {
    let mut both = ext("1", "Acme Corporation");
    both.domains = vec!["acme.com"];
    let alone = ext("2", "Acme Corporation");
    let mut o = org("Acme Corp");
    o.domains = vec!["acme.com"];
    let with = suggest(&[o.clone()], &[both]);
    let without = suggest(&[org("Acme Corp")], &[alone]);
    assert!(with[0].score > without[0].score, "{with:?} {without:?}");
    assert_eq!(with[0].reason, Reason::Domain);
}

#[test]
fn a_duplicate_record_makes_a_name_proposal_medium() {
    for copy in ["Acme Inc.", "Acme Inc (old)", "Acme Inx", "ACME, Inc"] {
        let externals = [ext("1", "Acme Inc"), ext("2", copy), ext("3", "Globex")];
        let got = run(&[org("Acme Inc")], &externals);
        assert_eq!(got.len(), 1, "{copy}: {got:?}");
        assert_eq!(got[0].2, "medium", "{copy}: {got:?}");
    }
    // Another company of another name is no duplicate.
    let externals = [
        ext("1", "Acme Inc"),
        ext("2", "Acme Logistics"),
        ext("3", "Globex"),
    ];
    assert_eq!(run(&[org("Acme Inc")], &externals)[0].2, "high");
}

#[test]
fn a_name_a_descriptor_word_apart_from_another_record_is_for_a_person() {
    // "HSBC Inc" is the cleaner name, "HSBC Holdings PLC" may be the client:
    // the name cannot choose.
    let externals = [ext("1", "HSBC Inc"), ext("2", "HSBC Holdings PLC")];
    let got = run(&[org("HSBC")], &externals);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, "medium", "{got:?}");
    // A word that makes no other entity of the name leaves it high.
    let externals = [ext("1", "HSBC Inc"), ext("2", "HSBC Capital PLC")];
    assert_eq!(run(&[org("HSBC")], &externals)[0].2, "high");
}

#[test]
fn a_name_that_disagrees_with_the_orgs_domain_is_for_a_person() {
    // The org is named by its ticker; "Team Inc" is another company, its
    // domain ties it to the right record.
    let mut right = ext("1", "Atlassian Corporation");
    right.domains = vec!["atlassian.com"];
    let externals = [right, ext("2", "Team Inc")];
    let mut team = org("TEAM");
    team.domains = vec!["atlassian.com"];
    let got = run(&[team], &externals);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_ne!(
        (got[0].1, got[0].2),
        ("2", "high"),
        "the name must not win at high: {got:?}"
    );
    // Without the domain the exact name is high, as before.
    assert_eq!(
        run(&[org("TEAM")], &externals)[0],
        ("TEAM", "2", "high", "normalized_name")
    );
}
