//! What the terminal and the environment allow, decided once at start-up.

use std::io::IsTerminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What the terminal and the environment allow, decided once at start-up.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub stdin_tty: bool,
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    /// `--no-input`, `MAPCTL_NO_INPUT` or `CI`.
    pub no_input: bool,
    pub no_color_env: bool,
    pub dumb: bool,
}

/// Whether an environment flag is set to something other than false.
pub fn env_flag(value: Option<String>) -> bool {
    value.is_some_and(|v| {
        !matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "" | "0" | "false" | "no" | "off"
        )
    })
}

impl ColorChoice {
    /// Whether colour goes to a stream that is a terminal or not (`tty`).
    pub(super) fn on(self, tty: bool, term: &Terminal) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !term.no_color_env && !term.dumb,
        }
    }
}

/// Whether the console understands colour and cursor escapes. Windows
/// consoles do once asked to (virtual terminal processing, Windows 10 and
/// later); an older one is treated like TERM=dumb: no colour, no spinners.
fn escapes_understood() -> bool {
    #[cfg(windows)]
    {
        anstyle_query::windows::enable_ansi_colors().unwrap_or(false)
    }
    #[cfg(not(windows))]
    {
        true
    }
}

impl Terminal {
    pub fn detect(no_input_flag: bool) -> Terminal {
        let var = |n: &str| std::env::var(n).ok();
        Terminal {
            stdin_tty: std::io::stdin().is_terminal(),
            stdout_tty: std::io::stdout().is_terminal(),
            stderr_tty: std::io::stderr().is_terminal(),
            no_input: no_input_flag || env_flag(var("MAPCTL_NO_INPUT")) || env_flag(var("CI")),
            no_color_env: var("NO_COLOR").is_some_and(|v| !v.is_empty()),
            dumb: var("TERM").is_some_and(|t| t == "dumb") || !escapes_understood(),
        }
    }
}
