//! Questions to the person at the terminal, behind a trait so that flows can
//! be tested with scripted answers. Callers go through `Ui`, which refuses to
//! prompt unless stdin, stdout and stderr are terminals and input is allowed
//! (dialoguer's pickers would spin forever without a terminal).

use mapctl_core::error::{Error, ErrorKind, Result};

/// Every method answers None when the person cancels (Esc).
pub trait Prompter {
    fn confirm(&self, question: &str, default: bool) -> Result<bool>;
    /// A fuzzy picker: typing filters, Enter picks.
    fn fuzzy_select(&self, prompt: &str, items: &[String]) -> Result<Option<usize>>;
    /// A short menu.
    fn select(&self, prompt: &str, items: &[String]) -> Result<Option<usize>>;
    /// A list to tick and untick (space), `ticked` to start with; Enter
    /// takes the ticked ones.
    fn multi_select(
        &self,
        prompt: &str,
        items: &[String],
        ticked: &[bool],
    ) -> Result<Option<Vec<usize>>>;
    fn input(&self, prompt: &str) -> Result<Option<String>>;
}

/// dialoguer on stderr, so stdout stays clean for data.
pub struct TermPrompter;

fn prompt_error(e: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(io) = e;
    // A prompt interrupted by Ctrl-C leaves the cursor hidden: show it again.
    let _ = console::Term::stderr().show_cursor();
    if io.kind() == std::io::ErrorKind::Interrupted {
        Error::new(ErrorKind::Interrupted, "interrupted")
    } else {
        Error::internal(format!("cannot read the answer from the terminal: {io}"))
            .with_hint("pass the value as a flag, or run with --no-input")
    }
}

/// Picker items as a terminal may show them: names from an API can carry
/// escape sequences.
fn safe(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|i| mapctl_core::redact::scrub(&super::printer::terminal_safe(i, false)).into_owned())
        .collect()
}

fn theme() -> dialoguer::theme::SimpleTheme {
    dialoguer::theme::SimpleTheme
}

impl Prompter for TermPrompter {
    fn confirm(&self, question: &str, default: bool) -> Result<bool> {
        let answer = dialoguer::Confirm::with_theme(&theme())
            .with_prompt(question)
            .default(default)
            .interact_on_opt(&console::Term::stderr())
            .map_err(prompt_error)?;
        // Esc on a confirmation is a "no".
        Ok(answer.unwrap_or(false))
    }

    fn fuzzy_select(&self, prompt: &str, items: &[String]) -> Result<Option<usize>> {
        dialoguer::FuzzySelect::with_theme(&theme())
            .with_prompt(prompt)
            .items(safe(items))
            .default(0)
            .max_length(15)
            .interact_on_opt(&console::Term::stderr())
            .map_err(prompt_error)
    }

    fn select(&self, prompt: &str, items: &[String]) -> Result<Option<usize>> {
        dialoguer::Select::with_theme(&theme())
            .with_prompt(prompt)
            .items(safe(items))
            .default(0)
            .interact_on_opt(&console::Term::stderr())
            .map_err(prompt_error)
    }

    fn multi_select(
        &self,
        prompt: &str,
        items: &[String],
        ticked: &[bool],
    ) -> Result<Option<Vec<usize>>> {
        dialoguer::MultiSelect::with_theme(&theme())
            .with_prompt(prompt)
            .items(safe(items))
            .defaults(ticked)
            .max_length(15)
            .interact_on_opt(&console::Term::stderr())
            .map_err(prompt_error)
    }

    fn input(&self, prompt: &str) -> Result<Option<String>> {
        let text: String = dialoguer::Input::with_theme(&theme())
            .with_prompt(prompt)
            .allow_empty(true)
            .interact_text_on(&console::Term::stderr())
            .map_err(prompt_error)?;
        Ok(Some(text.trim().to_owned()).filter(|t| !t.is_empty()))
    }
}

/// Answers from a script, in order (tests).
#[derive(Default)]
pub struct Scripted {
    answers: std::sync::Mutex<std::collections::VecDeque<Answer>>,
    /// The prompts asked, in order.
    pub asked: std::sync::Mutex<Vec<String>>,
    /// The items of each picker or menu shown, in order.
    pub offered: std::sync::Mutex<Vec<Vec<String>>>,
}

#[derive(Debug, Clone)]
pub enum Answer {
    Yes,
    No,
    /// Pick the first item whose text contains this.
    Pick(&'static str),
    Text(&'static str),
    /// Take a tick list as offered.
    Keep,
    /// Untick the items that contain these, take the rest.
    Untick(&'static [&'static str]),
    Cancel,
    Interrupt,
}

impl Scripted {
    pub fn new(answers: Vec<Answer>) -> Scripted {
        Scripted {
            answers: std::sync::Mutex::new(answers.into()),
            asked: Default::default(),
            offered: Default::default(),
        }
    }

    fn next(&self, prompt: &str) -> Answer {
        self.asked.lock().unwrap().push(prompt.to_owned());
        self.answers
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| panic!("no scripted answer for {prompt:?}"))
    }

    fn pick(&self, prompt: &str, items: &[String]) -> Result<Option<usize>> {
        self.offered.lock().unwrap().push(items.to_vec());
        match self.next(prompt) {
            Answer::Pick(text) => Ok(Some(
                items
                    .iter()
                    .position(|i| i.contains(text))
                    .unwrap_or_else(|| panic!("no item {text:?} in {items:?}")),
            )),
            Answer::Cancel => Ok(None),
            Answer::Interrupt => Err(Error::new(ErrorKind::Interrupted, "interrupted")),
            other => panic!("{prompt:?} is a picker, scripted {other:?}"),
        }
    }
}

impl Prompter for Scripted {
    fn confirm(&self, question: &str, _default: bool) -> Result<bool> {
        match self.next(question) {
            Answer::Yes => Ok(true),
            Answer::No | Answer::Cancel => Ok(false),
            Answer::Interrupt => Err(Error::new(ErrorKind::Interrupted, "interrupted")),
            other => panic!("{question:?} is a confirmation, scripted {other:?}"),
        }
    }
    fn fuzzy_select(&self, prompt: &str, items: &[String]) -> Result<Option<usize>> {
        self.pick(prompt, items)
    }
    fn select(&self, prompt: &str, items: &[String]) -> Result<Option<usize>> {
        self.pick(prompt, items)
    }
    fn multi_select(
        &self,
        prompt: &str,
        items: &[String],
        ticked: &[bool],
    ) -> Result<Option<Vec<usize>>> {
        self.offered.lock().unwrap().push(items.to_vec());
        let start = (0..items.len()).filter(|&i| ticked.get(i).copied().unwrap_or(false));
        match self.next(prompt) {
            Answer::Keep => Ok(Some(start.collect())),
            Answer::Untick(texts) => Ok(Some(
                start
                    .filter(|&i| !texts.iter().any(|t| items[i].contains(t)))
                    .collect(),
            )),
            Answer::Cancel => Ok(None),
            Answer::Interrupt => Err(Error::new(ErrorKind::Interrupted, "interrupted")),
            other => panic!("{prompt:?} is a tick list, scripted {other:?}"),
        }
    }
    fn input(&self, prompt: &str) -> Result<Option<String>> {
        match self.next(prompt) {
            Answer::Text(t) => Ok(Some(t.to_owned())),
            Answer::Cancel => Ok(None),
            Answer::Interrupt => Err(Error::new(ErrorKind::Interrupted, "interrupted")),
            other => panic!("{prompt:?} is an input, scripted {other:?}"),
        }
    }
}
