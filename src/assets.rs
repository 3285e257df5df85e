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

/// `(file name, contents)` for every shell.
pub fn completion_files() -> Vec<(String, Vec<u8>)> {
    SHELLS
        .iter()
        .map(|shell| {
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut crate::cli::command(), "mapctl", &mut buf);
            (shell.file_name("mapctl"), buf)
        })
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
