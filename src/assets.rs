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

/// The sections of `mapctl.1` besides those clap writes (roff).
const TOP_SECTIONS: &str = r#".SH ENVIRONMENT
.TP
\fBMAPCTL_CONFIG\fR
The config file (else $XDG_CONFIG_HOME/mapctl/config.toml).
.TP
\fBMAPCTL_STORE\fR, \fBMAPCTL_STORE_PATH\fR, \fBMAPCTL_STORAGE_CONNECTION_STRING\fR
The store: local (a file) or azure, and where.
.TP
\fBMAPCTL_OUTPUT\fR
The output format: table, wide, json, ndjson or csv.
.TP
\fBMAPCTL_ACTOR\fR
Who the history names.
.TP
\fBMAPCTL_NO_INPUT\fR, \fBCI\fR
Never prompt.
.TP
\fBMAPCTL_ASCII\fR
JSON with every non-ASCII character escaped, as \fB--ascii\fR.
.TP
\fBMAPCTL_LOG_FORMAT\fR
The access log of \fBmapctl serve\fR: text or json, as \fB--log-format\fR.
.TP
\fBMAPCTL_\fINAME\fB_\fIFIELD\fR
A credential of integration NAME (e.g. MAPCTL_HALOPSA_CLIENT_SECRET).
.TP
\fBNO_COLOR\fR
No colour.
.SH FILES
.TP
\fI$XDG_CONFIG_HOME/mapctl/config.toml\fR
The configuration (\fBmapctl config path\fR prints it).
.TP
\fI$XDG_CONFIG_HOME/mapctl/integrations/NAME.toml\fR
Declarations of integrations.
.TP
\fI$XDG_DATA_HOME/mapctl/mapctl.db\fR
The local store.
.TP
\fI$XDG_CACHE_HOME/mapctl/\fR
The discovery cache.
.TP
\fI$XDG_STATE_HOME/mapctl/reviews/\fR
Decisions of a review that was stopped (an apply file).
.PP
On Windows the configuration and declarations are under %APPDATA%\emapctl\e,
and the local store, the cache (cache\e) and reviews under %LOCALAPPDATA%\emapctl\e.
.SH EXIT STATUS
0 success; 1 unexpected failure; 2 usage; 3 not found; 4 conflict or drift;
5 authentication; 6 unavailable (safe to retry); 7 invalid input (nothing
written); 130 interrupted.
"#;

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
        let top = cmd.get_bin_name().is_none_or(|b| b == "mapctl") && cmd.get_name() == "mapctl";
        let man = clap_mangen::Man::new(cmd);
        let mut buf = Vec::new();
        man.render(&mut buf)?;
        if top {
            buf.extend_from_slice(TOP_SECTIONS.as_bytes());
        }
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
