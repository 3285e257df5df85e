use std::sync::Arc;

use super::*;
use crate::ui::prompt::{Answer, Scripted};
use mapctl_core::matching::Reason;
use mapctl_core::model::Org;

fn open(names: &[&str]) -> Vec<Open> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| Open {
            id: format!("{}", 40 + i),
            name: (*n).to_owned(),
            metadata: Default::default(),
        })
        .collect()
}

fn suggestion(org: &str, open: &[Open], external: usize, confidence: Confidence) -> Suggestion {
    Suggestion {
        org: format!("id-{org}").into(),
        org_name: org.to_owned(),
        integration: "halopsa".into(),
        external_org_id: open[external].id.clone().into(),
        external_org_name: open[external].name.clone(),
        score: 0.9,
        confidence,
        reason: Reason::Fuzzy,
        org_record: Arc::new(Org {
            org_id: format!("id-{org}").into(),
            name: org.to_owned(),
            tenant_id: None,
            domains: Vec::new(),
            is_active: true,
            created_at: String::new(),
            updated_at: String::new(),
            created_by: String::new(),
        }),
        external,
        alternatives: vec![],
        why: None,
    }
}

#[test]
fn high_ones_are_accepted_with_one_key_and_the_others_one_by_one() {
    let open = open(&["Acme Ltd", "Globex Inc", "Initech", "Umbrella", "Vendor Co"]);
    let list = vec![
        suggestion("Acme", &open, 0, Confidence::High),
        suggestion("Globex", &open, 1, Confidence::High),
        suggestion("Initech Corp", &open, 2, Confidence::Medium),
        suggestion("Umbrella", &open, 3, Confidence::Low),
        suggestion("Vendor", &open, 4, Confidence::Medium),
    ];
    let p = Scripted::new(vec![
        Answer::Yes,
        Answer::Pick("Accept"),
        Answer::Pick("Skip"),
        Answer::Pick("Ignore"),
    ]);
    let got = review(&p, &list, &open).unwrap();
    assert_eq!(
        got,
        Decisions {
            map: vec![(0, 0), (1, 1), (2, 2)],
            ignore: vec![4],
        }
    );
    let asked = p.asked.lock().unwrap();
    assert_eq!(
        asked[0],
        "Accept the 2 high-confidence suggestion(s) listed above?"
    );
    assert!(asked[1].starts_with("(1/3) Initech Corp → Initech (42) [medium, fuzzy 0.90]"));
}

#[test]
fn declining_the_high_ones_reviews_them_too_and_esc_stops() {
    let open = open(&["Acme Ltd", "Globex Inc"]);
    let list = vec![
        suggestion("Acme", &open, 0, Confidence::High),
        suggestion("Globex", &open, 1, Confidence::Medium),
    ];
    let p = Scripted::new(vec![Answer::No, Answer::Pick("Accept"), Answer::Cancel]);
    let got = review(&p, &list, &open).unwrap();
    assert_eq!(got.map, vec![(0, 0)]);
    assert!(got.ignore.is_empty());
}

#[test]
fn another_is_picked_from_the_candidates_first_and_never_one_already_taken() {
    let open = open(&["Acme Ltd", "Acme Logistics", "Acme Holdings", "Zeta"]);
    let mut wrong = suggestion("Acme Holdings Group", &open, 1, Confidence::Medium);
    wrong.alternatives = vec![1, 2];
    let list = vec![suggestion("Acme", &open, 0, Confidence::High), wrong];
    let p = Scripted::new(vec![
        Answer::Yes,
        Answer::Pick("Pick another"),
        Answer::Pick("Acme Holdings"),
    ]);
    let got = review(&p, &list, &open).unwrap();
    assert_eq!(got.map, vec![(0, 0), (1, 2)]);
    let asked = p.asked.lock().unwrap();
    assert_eq!(asked[2], "halopsa organization for Acme Holdings Group");
}

#[test]
fn a_proposal_whose_external_org_was_taken_cannot_be_accepted() {
    let open = open(&["Acme Ltd", "Other"]);
    let mut second = suggestion("ACME", &open, 0, Confidence::Medium);
    second.alternatives = vec![0, 1];
    let list = vec![suggestion("Acme", &open, 0, Confidence::High), second];
    let p = Scripted::new(vec![
        Answer::Yes,
        Answer::Pick("Pick another"),
        Answer::Pick("Other"),
    ]);
    assert_eq!(review(&p, &list, &open).unwrap().map, vec![(0, 0), (1, 1)]);
    let offered = p.offered.lock().unwrap();
    // The menu of the second offers neither accepting nor ignoring the taken
    // external org, and its picker offers only what is left.
    assert_eq!(offered[0], ["Skip", "Pick another…", STOP]);
    assert_eq!(offered[1], ["Other  (41)"]);
}
