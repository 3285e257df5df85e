//! The generated files committed under `completions/` and `man/`. A test
//! compares them with what the current CLI generates (`MAPCTL_BLESS=1 cargo
//! test --test assets` rewrites them).

use clap_complete::Generator;
use clap_complete::Shell;

pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

/// The environment variable the completion scripts set to ask mapctl.
pub const COMPLETE_VAR: &str = "COMPLETE";

/// The script a shell sources: it asks mapctl itself at each Tab
/// (clap_complete's dynamic engine: `COMPLETE=bash mapctl -- …`), so that
/// completions know values (org ids, integration names, formats).
pub fn completion_script(shell: Shell) -> Vec<u8> {
    use clap_complete::env::EnvCompleter;
    let adapter: &dyn EnvCompleter = match shell {
        Shell::Zsh => &clap_complete::env::Zsh,
        Shell::Fish => &clap_complete::env::Fish,
        Shell::PowerShell => &clap_complete::env::Powershell,
        Shell::Elvish => &clap_complete::env::Elvish,
        _ => &clap_complete::env::Bash,
    };
    let mut buf = Vec::new();
    // Writing to memory cannot fail.
    let _ = adapter.write_registration(COMPLETE_VAR, "mapctl", "mapctl", "mapctl", &mut buf);
    buf
}

/// `(file name, contents)` for every shell.
pub fn completion_files() -> Vec<(String, Vec<u8>)> {
    SHELLS
        .iter()
        .map(|shell| (shell.file_name("mapctl"), completion_script(*shell)))
        .collect()
}

/// `(file name, contents)`: `mapctl.1` and one page per subcommand; the
/// `help` subcommand gets none.
pub fn man_files() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    fn walk(cmd: clap::Command, out: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        for sub in cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        {
            walk(sub.clone(), out)?;
        }
        let man = clap_mangen::Man::new(cmd);
        let mut buf = Vec::new();
        man.render(&mut buf)?;
        out.push((man.get_filename(), buf));
        Ok(())
    }
    let mut cmd = crate::cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    walk(cmd, &mut out)?;
    out.sort();
    Ok(out)
}
