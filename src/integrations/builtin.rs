//! The built-in integrations: declaration files of the repository's
//! `integrations/` folder, embedded at build time.

/// (name, declaration text) of each built-in, in listing order.
pub const BUILT_INS: &[(&str, &str)] = &[
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
