//! Questions to the person at the terminal, behind a trait so that flows can
//! be tested with scripted answers. Callers go through `Ui`, which refuses to
//! prompt without a terminal.

use crate::error::{Error, ErrorKind, Result};

pub trait Prompter {
    fn confirm(&self, question: &str, default: bool) -> Result<bool>;
}

/// dialoguer on stderr, so stdout stays clean for data.
pub struct TermPrompter;

fn prompt_error(e: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(io) = e;
    if io.kind() == std::io::ErrorKind::Interrupted {
        Error::new(ErrorKind::Interrupted, "interrupted")
    } else {
        Error::internal(format!("cannot read the answer from the terminal: {io}"))
            .with_hint("pass --yes, or run without a prompt using --no-input")
    }
}

impl Prompter for TermPrompter {
    fn confirm(&self, question: &str, default: bool) -> Result<bool> {
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(default)
            .interact_on(&console::Term::stderr())
            .map_err(prompt_error)
    }
}
