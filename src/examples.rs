//! The examples of every command's `--help` (as gh shows them), as data:
//! each line a real command that the clap definition parses (a test holds
//! every line to it), with what it does after `#`.

/// (command path, example lines).
pub const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "integrations",
        &[
            "mapctl integrations                          # every integration, configured or not",
            "mapctl integrations --category psa -o json   # the PSAs, for a script",
        ],
    ),
    (
        "integrations show",
        &["mapctl integrations show halopsa   # its declaration, to copy and change"],
    ),
    (
        "integrations check",
        &["mapctl integrations check ./acme_rmm.toml   # check a declaration file before using it"],
    ),
    (
        "discover",
        &[
            "mapctl discover halopsa                      # the clients, with whom each is mapped to",
            "mapctl discover halopsa --unmapped --search acme",
            "mapctl discover ninjaone --refresh -o json",
        ],
    ),
    (
        "test-connection",
        &[
            "mapctl test-connection halopsa               # the credentials and the API",
            "mapctl test-connection halopsa acme          # and each of Acme's mappings still resolves",
        ],
    ),
    (
        "map",
        &[
            "mapctl map acme halopsa --external-id 42",
            "mapctl map acme halopsa                      # pick the client at a terminal",
            "mapctl map acme m365 --external-id 6b1d0c4e-0000-4000-8000-000000000001 --no-verify",
            "mapctl map acme ninjaone --external-id 7 --replace   # instead of the mapping it has",
        ],
    ),
    (
        "unmap",
        &[
            "mapctl unmap acme halopsa                    # soft-delete its mapping (asks first)",
            "mapctl unmap acme halopsa --external-id 42 --purge --yes",
        ],
    ),
    (
        "list",
        &[
            "mapctl list --org acme",
            "mapctl list --integration halopsa -o csv",
        ],
    ),
    (
        "get",
        &[
            "mapctl get acme halopsa -o json              # what a workflow's get_integration_mapping reads",
        ],
    ),
    (
        "apply",
        &[
            "mapctl apply -f mappings.json --dry-run      # the plan, nothing written",
            "mapctl apply -f mappings.csv --prune --yes   # and soft-delete what the file no longer lists",
        ],
    ),
    (
        "export",
        &[
            "mapctl export > mappings.json                # every mapping, ignore record and decision",
            "mapctl export --integration halopsa -o csv",
        ],
    ),
    (
        "orgs",
        &[
            "mapctl orgs list",
            "mapctl orgs add --name \"Acme Corp\" --id acme",
        ],
    ),
    ("orgs list", &["mapctl orgs list --all -o json"]),
    (
        "orgs add",
        &[
            "mapctl orgs add --name \"Acme Corp\"           # a new GUID as its id",
            "mapctl orgs add --name Globex --id globex --domain globex.com",
        ],
    ),
    (
        "orgs update",
        &["mapctl orgs update acme --name \"Acme Corporation\" --domain acme.com"],
    ),
    (
        "orgs show",
        &["mapctl orgs show acme                        # what it has in every integration"],
    ),
    (
        "orgs import",
        &[
            "mapctl orgs import -f orgs.csv               # id,name,tenant_id,domains",
            "mapctl orgs import -f orgs.json --dry-run    # orgs export, or orgs list -o json",
        ],
    ),
    (
        "orgs remove",
        &[
            "mapctl orgs remove acme                      # asks first; refused while it has mappings",
            "mapctl orgs remove acme --cascade --yes      # with its mappings",
        ],
    ),
    (
        "orgs export",
        &["mapctl orgs export > orgs.json               # what orgs import reads"],
    ),
    (
        "doctor",
        &[
            "mapctl doctor                                # config, store, and the two indexes compared",
            "mapctl doctor --repair                       # rewrite what a crash left half-written",
        ],
    ),
    (
        "history",
        &[
            "mapctl history --org acme",
            "mapctl history --integration halopsa --since 7d --all -o json",
        ],
    ),
    (
        "ignore",
        &["mapctl ignore halopsa --external-id 1 --reason \"the MSP itself\""],
    ),
    ("unignore", &["mapctl unignore halopsa --external-id 1"]),
    (
        "exclude",
        &["mapctl exclude globex m365 --reason \"no Microsoft 365\""],
    ),
    ("include", &["mapctl include globex m365"]),
    (
        "reject",
        &[
            "mapctl reject acme halopsa --external-id 57 --reason \"Acme Logistics, another company\"",
        ],
    ),
    (
        "unreject",
        &["mapctl unreject acme halopsa --external-id 57"],
    ),
    (
        "sync-names",
        &[
            "mapctl sync-names --dry-run                  # what would be renamed",
            "mapctl sync-names halopsa --refresh",
        ],
    ),
    (
        "status",
        &[
            "mapctl status                                # customers mapped, and what needs a person",
            "mapctl status halopsa                        # one integration, every problem listed",
            "mapctl status --check                        # exit 4 on drift (a nightly job)",
            "mapctl status --matrix -o csv",
        ],
    ),
    (
        "suggest",
        &[
            "mapctl suggest halopsa                       # a review at a terminal",
            "mapctl suggest halopsa --apply --dry-run     # what the high ones would write",
            "mapctl suggest --all --apply",
            "mapctl suggest halopsa --explain acme        # why each candidate was or was not proposed",
        ],
    ),
    ("config", &["mapctl config path", "mapctl config show"]),
    (
        "config path",
        &["mapctl config path                           # where the config file is"],
    ),
    (
        "config show",
        &["mapctl config show -o json                   # values and where each came from"],
    ),
    ("config edit", &["EDITOR=nano mapctl config edit"]),
    (
        "completions",
        &["mapctl completions bash > ~/.local/share/bash-completion/completions/mapctl"],
    ),
    ("man", &["mapctl man > mapctl.1"]),
    (
        "serve",
        &[
            "mapctl serve",
            "mapctl serve --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem",
            "mapctl serve --listen 0.0.0.0:8080 --behind-proxy --log-format json",
        ],
    ),
    (
        "tokens",
        &[
            "mapctl tokens create --name rewst --scope write",
            "mapctl tokens list",
        ],
    ),
    (
        "tokens create",
        &["mapctl tokens create --name n8n --scope read"],
    ),
    ("tokens list", &["mapctl tokens list -o json"]),
    (
        "ui",
        &["mapctl ui", "mapctl ui --listen 127.0.0.1:8788 --no-open"],
    ),
    ("tokens revoke", &["mapctl tokens revoke n8n"]),
];

/// The examples of a command path, for its `--help`.
pub fn of(path: &str) -> Option<String> {
    EXAMPLES.iter().find(|(p, _)| *p == path).map(|(_, lines)| {
        let mut out = String::from("Examples:");
        for l in *lines {
            out.push_str("\n  $ ");
            out.push_str(l);
        }
        out
    })
}

/// Every subcommand given its examples, below its options.
pub fn attach(cmd: clap::Command) -> clap::Command {
    fn walk(cmd: clap::Command, prefix: &str) -> clap::Command {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .collect();
        let mut cmd = cmd;
        for name in names {
            let path = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix} {name}")
            };
            cmd = cmd.mut_subcommand(&name, |sub| {
                let sub = walk(sub, &path);
                match of(&path) {
                    Some(text) => sub.after_help(text),
                    None => sub,
                }
            });
        }
        cmd
    }
    walk(cmd, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command path the clap tree has (`help` aside).
    fn paths(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|c| c.get_name() != "help") {
            let path = if prefix.is_empty() {
                sub.get_name().to_owned()
            } else {
                format!("{prefix} {}", sub.get_name())
            };
            paths(sub, &path, out);
            out.push(path);
        }
    }

    #[test]
    fn every_command_has_examples_and_every_example_parses() {
        let cmd = crate::cli::command();
        let mut all = Vec::new();
        paths(&cmd, "", &mut all);
        let missing: Vec<&String> = all.iter().filter(|p| of(p).is_none()).collect();
        assert!(missing.is_empty(), "no examples: {missing:?}");
        let unknown: Vec<&&str> = EXAMPLES
            .iter()
            .map(|(p, _)| p)
            .filter(|p| !all.iter().any(|a| a == *p))
            .collect();
        assert!(unknown.is_empty(), "examples of no command: {unknown:?}");
        for (path, lines) in EXAMPLES {
            for line in *lines {
                // What a shell would pass: the comment and a redirect off,
                // an environment assignment before the command off.
                let command = line.split(" #").next().unwrap_or(line);
                let command = command.split(" > ").next().unwrap_or(command);
                let words = shell_words::split(command).unwrap();
                let start = words.iter().position(|w| w == "mapctl").unwrap();
                let words = &words[start..];
                assert!(
                    words.join(" ").starts_with(&format!("mapctl {path}"))
                        || path.split(' ').count() == 1 && words.get(1).is_some_and(|w| w == path),
                    "{line:?} is not an example of `{path}`"
                );
                if let Err(e) = crate::cli::command().try_get_matches_from(words) {
                    panic!("{line:?} does not parse: {e}");
                }
            }
        }
        // And `--help` shows them.
        let mut map = crate::cli::command();
        let map = map
            .find_subcommand_mut("map")
            .unwrap()
            .render_help()
            .to_string();
        assert!(
            map.contains("Examples:\n  $ mapctl map acme halopsa --external-id 42"),
            "{map}"
        );
    }
}
