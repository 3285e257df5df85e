//! The built-in integrations: declaration files of the repository's
//! `integrations/` folder, embedded at build time.

/// (name, declaration text) of each built-in, in listing order.
pub(crate) const BUILT_INS: &[(&str, &str)] = &[
    ("halopsa", include_str!("../../integrations/halopsa.toml")),
    ("ninjaone", include_str!("../../integrations/ninjaone.toml")),
    (
        "microsoft_graph",
        include_str!("../../integrations/microsoft_graph.toml"),
    ),
    (
        "connectwise",
        include_str!("../../integrations/connectwise.toml"),
    ),
    ("autotask", include_str!("../../integrations/autotask.toml")),
    (
        "datto_rmm",
        include_str!("../../integrations/datto_rmm.toml"),
    ),
    ("itglue", include_str!("../../integrations/itglue.toml")),
    ("hudu", include_str!("../../integrations/hudu.toml")),
    ("huntress", include_str!("../../integrations/huntress.toml")),
    (
        "sentinelone",
        include_str!("../../integrations/sentinelone.toml"),
    ),
    (
        "sophos_central",
        include_str!("../../integrations/sophos_central.toml"),
    ),
    ("pax8", include_str!("../../integrations/pax8.toml")),
    ("syncro", include_str!("../../integrations/syncro.toml")),
    ("atera", include_str!("../../integrations/atera.toml")),
    ("ncentral", include_str!("../../integrations/ncentral.toml")),
    ("auvik", include_str!("../../integrations/auvik.toml")),
    (
        "cw_automate",
        include_str!("../../integrations/cw_automate.toml"),
    ),
    ("acronis", include_str!("../../integrations/acronis.toml")),
    (
        "partner_center",
        include_str!("../../integrations/partner_center.toml"),
    ),
    (
        "kaseya_bms",
        include_str!("../../integrations/kaseya_bms.toml"),
    ),
    ("liongard", include_str!("../../integrations/liongard.toml")),
    (
        "datto_saas",
        include_str!("../../integrations/datto_saas.toml"),
    ),
    ("sherweb", include_str!("../../integrations/sherweb.toml")),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::integrations::declaration::parse;

    #[test]
    fn every_built_in_declaration_is_valid_and_round_trips() {
        for (name, text) in BUILT_INS {
            let d = parse(text).unwrap_or_else(|p| panic!("{name}: {p:?}"));
            let shown = toml::to_string(&d).unwrap();
            let again = parse(&shown).unwrap_or_else(|p| panic!("{name} as shown: {p:?}\n{shown}"));
            assert_eq!(d, again, "{name}");
        }
    }
}
