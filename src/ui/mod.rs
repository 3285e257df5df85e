//! The only place that knows about terminals: output format, colour, whether
//! prompting is allowed, and where each kind of text goes (data to stdout,
//! everything else to stderr).

use std::io::Write;

use anstyle::{AnsiColor, Style};

use mapctl_core::error::{Error, Result};

mod ascii;
pub mod printer;
pub mod progress;
pub mod prompt;
mod states;
pub(crate) mod terminal;
pub mod views;

pub use printer::{OutputFormat, Tabular};

pub use mapctl_core::trace::Trace;
pub use prompt::Prompter;
pub use terminal::{ColorChoice, Terminal, env_flag};

/// Text for stderr: no known secret, no control character but newlines.
fn for_stderr(text: &str) -> String {
    mapctl_core::redact::scrub(&printer::terminal_safe(text, true)).into_owned()
}

pub struct Ui {
    pub format: OutputFormat,
    pub quiet: bool,
    pub verbose: u8,
    /// `--yes`: every confirmation answered yes.
    pub yes: bool,
    term: Terminal,
    color_stderr: bool,
    /// States in tables in colour (stdout a terminal, no NO_COLOR).
    color_stdout: bool,
    /// `-o wide`: a table with whole values (`format` is then Table, so
    /// that every "is it for people?" question has one answer).
    wide: bool,
    prompter: Box<dyn Prompter>,
    /// The spinners on screen, if any: a notice is printed above them.
    spinners: progress::Active,
    /// `--ascii`: JSON on stdout with `\uXXXX` for every non-ASCII character.
    ascii: bool,
}

impl Ui {
    pub fn new(
        format: OutputFormat,
        quiet: bool,
        verbose: u8,
        yes: bool,
        color: ColorChoice,
        term: Terminal,
    ) -> Ui {
        let color_stderr = color.on(term.stderr_tty, &term);
        let color_stdout = color.on(term.stdout_tty, &term);
        let (format, wide) = match format {
            OutputFormat::Wide => (OutputFormat::Table, true),
            f => (f, false),
        };
        Ui {
            format,
            wide,
            quiet,
            verbose,
            yes,
            term,
            color_stderr,
            color_stdout,
            prompter: Box::new(prompt::TermPrompter),
            spinners: progress::Active::default(),
            ascii: false,
        }
    }

    /// `--ascii` / `MAPCTL_ASCII=1`: Windows PowerShell 5.1 decodes a
    /// native command's output with the console's code page, so JSON it
    /// reads must not depend on one (contract §11).
    pub fn with_ascii(mut self, ascii: bool) -> Ui {
        self.ascii = ascii;
        self
    }

    /// Replaces the prompter (scripted answers in tests).
    pub fn with_prompter(mut self, prompter: Box<dyn Prompter>) -> Ui {
        self.prompter = prompter;
        self
    }

    /// Prompting needs stdin, stdout and stderr to be terminals, and input allowed.
    pub fn can_prompt(&self) -> bool {
        self.term.stdin_tty && self.term.stdout_tty && self.term.stderr_tty && !self.term.no_input
    }

    /// The prompter, when prompting is possible; else a usage error that
    /// names the flag to pass instead.
    pub fn prompter(&self, flag: &str) -> Result<&dyn Prompter> {
        if self.can_prompt() {
            Ok(self.prompter.as_ref())
        } else {
            Err(Error::usage(format!("missing {flag}, and input is not possible here"))
                .with_hint(format!("pass {flag} (prompts need a terminal on stdin, stdout and stderr, and no --no-input, MAPCTL_NO_INPUT or CI)")))
        }
    }

    fn paint(&self, style: Style, text: &str) -> String {
        if self.color_stderr {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    /// A progress or outcome note on stderr; `-q` hides it.
    pub fn status(&self, message: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr(), "{}", for_stderr(message));
        }
    }

    /// A detail shown with `-v` (or more): which config, which store.
    pub fn detail(&self, message: &str) {
        if self.verbose >= 1 && !self.quiet {
            let _ = writeln!(std::io::stderr(), "{}", for_stderr(message));
        }
    }

    /// A success note, with a check mark on a colour terminal.
    pub fn success(&self, message: &str) {
        if !self.quiet {
            let mark = self.paint(Style::new().fg_color(Some(AnsiColor::Green.into())), "✓");
            let _ = writeln!(std::io::stderr(), "{mark} {}", for_stderr(message));
        }
    }

    /// With `-vvv`, a sink for one line per integration request (on stderr).
    pub fn http_trace(&self) -> Option<Trace> {
        self.trace_at(3)
    }

    /// Spinners and bars redraw lines: only on a terminal that understands
    /// escapes, without `-q`, and not in CI.
    fn animates(&self) -> bool {
        self.term.stderr_tty && !self.term.dumb && !self.quiet && !self.term.no_input
    }

    /// One spinner line per integration discovered at once (terminals
    /// only, not with `-q`), cleared as each ends.
    pub fn discovering(&self) -> progress::Discovering {
        progress::Discovering::new(self.animates(), self.spinners.clone())
    }

    /// A spinner on stderr for work of unknown length (terminals only, not with `-q`).
    pub fn spinner(&self, label: &str) -> indicatif::ProgressBar {
        if !self.animates() {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message(label.to_owned());
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        bar
    }

    /// A sink for what a person waiting should hear (a retry, and when),
    /// on stderr; none with `-q`.
    pub fn notice_trace(&self) -> Option<Trace> {
        let spinners = self.spinners.clone();
        (!self.quiet).then(|| {
            std::sync::Arc::new(move |line: &str| {
                let line = format!("note: {}", for_stderr(line));
                // Above the spinners when they run, so none is torn.
                if !spinners.println(&line) {
                    let _ = writeln!(std::io::stderr(), "{line}");
                }
            }) as Trace
        })
    }

    /// With `-v`, a sink for lines about what a run uses (on stderr).
    pub fn detail_trace(&self) -> Option<Trace> {
        self.trace_at(1)
    }

    /// With `-vv`, a sink for one line per store request (on stderr).
    pub fn request_trace(&self) -> Option<Trace> {
        self.trace_at(2)
    }

    fn trace_at(&self, verbosity: u8) -> Option<Trace> {
        (self.verbose >= verbosity && !self.quiet).then(|| {
            std::sync::Arc::new(|line: &str| {
                let _ = writeln!(std::io::stderr(), "{}", for_stderr(line));
            }) as Trace
        })
    }

    /// A progress bar on stderr for `total` steps: shown only on a terminal,
    /// without `-q`, and for work big enough to watch.
    pub fn progress(&self, total: usize, label: &str) -> indicatif::ProgressBar {
        const WORTH_A_BAR: usize = 200;
        if !self.animates() || total < WORTH_A_BAR {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::new(total as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(label.to_owned());
        bar
    }

    pub fn warn(&self, message: &str) {
        let label = self.paint(
            Style::new().bold().fg_color(Some(AnsiColor::Yellow.into())),
            "warning:",
        );
        let _ = writeln!(std::io::stderr(), "{label} {}", for_stderr(message));
    }

    /// The error, as text or (under `-o json`/`ndjson`) as one JSON line.
    pub fn error(&self, err: &Error) {
        let mut stderr = std::io::stderr().lock();
        if matches!(self.format, OutputFormat::Json | OutputFormat::Ndjson) {
            let mut line = err.to_json().to_string();
            if self.ascii {
                line = ascii::ascii_json(&line);
            }
            let _ = writeln!(stderr, "{}", mapctl_core::redact::scrub(&line));
            return;
        }
        let label = self.paint(
            Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
            "error:",
        );
        let _ = writeln!(stderr, "{label} {}", for_stderr(&err.message));
        for detail in &err.details {
            let _ = writeln!(stderr, "  - {}", for_stderr(detail));
        }
        if let Some(hint) = &err.hint {
            let label = self.paint(Style::new().fg_color(Some(AnsiColor::Cyan.into())), "hint:");
            let _ = writeln!(stderr, "  {label} {}", for_stderr(hint));
        }
        // With -v, what the error came from, each cause on a line.
        if self.verbose >= 1 {
            let mut cause = std::error::Error::source(err);
            while let Some(c) = cause {
                let _ = writeln!(stderr, "  caused by: {}", for_stderr(&c.to_string()));
                cause = c.source();
            }
        }
    }

    /// Asks for confirmation. `--yes` answers yes; without a terminal (or with
    /// `--no-input`) this is a usage error that names `--yes`.
    /// `action` names what is confirmed, for the error ("soft-delete 2 mappings").
    pub fn confirm(&self, question: &str, action: &str) -> Result<bool> {
        if self.yes {
            return Ok(true);
        }
        if !self.can_prompt() {
            return Err(Error::usage(format!(
                "refusing to {action} without confirmation, and no prompt can be shown here"
            ))
            .with_hint("pass --yes to confirm (prompts need a terminal and no --no-input, MAPCTL_NO_INPUT or CI)"));
        }
        self.prompter.confirm(question, false)
    }

    /// Sets the output format (`wide` is a table with whole values).
    pub fn set_format(&mut self, format: OutputFormat) {
        (self.format, self.wide) = match format {
            OutputFormat::Wide => (OutputFormat::Table, true),
            f => (f, false),
        };
    }

    /// The format the printer renders: `wide` for a wide table.
    fn rendered(&self) -> OutputFormat {
        if self.wide {
            OutputFormat::Wide
        } else {
            self.format
        }
    }

    /// Data on stdout, in the chosen format.
    pub fn print_list<T: Tabular>(&self, items: &[T]) -> Result<()> {
        let text = printer::render_list(self.rendered(), items, self.table_width())?;
        self.write_table(&text)
    }

    /// A rendered table on stdout, its states in colour at a terminal.
    fn write_table(&self, text: &str) -> Result<()> {
        if self.format == OutputFormat::Table && self.color_stdout {
            return self.write_stdout(&states::paint(text));
        }
        self.write_stdout(text)
    }

    /// A grid whose columns are known only at run time (see
    /// [`printer::render_grid`]); `table_rows` builds the people's cells
    /// for the terminal's width (None: not a terminal).
    pub fn print_grid(
        &self,
        json: &[serde_json::Value],
        csv: (&[String], &[Vec<String>]),
        table_rows: impl FnOnce(Option<u16>) -> (Vec<String>, Vec<Vec<String>>),
    ) -> Result<()> {
        let width = self.table_width();
        let text = match self.format {
            OutputFormat::Table => {
                let (headers, rows) = table_rows(width);
                printer::render_grid(self.rendered(), json, &headers, &rows, width)?
            }
            format => printer::render_grid(format, json, csv.0, csv.1, width)?,
        };
        self.write_table(&text)
    }

    /// The terminal's width, when stdout is one.
    pub fn width(&self) -> Option<u16> {
        self.table_width()
    }

    pub fn print_one<T: Tabular>(&self, item: &T) -> Result<()> {
        let text = printer::render_one(self.rendered(), item, self.table_width())?;
        self.write_stdout(&text)
    }

    /// A report: one JSON object for scripts, `human` text for people, and
    /// its `rows` under `-o csv`.
    pub fn print_report<T: serde::Serialize, R: Tabular>(
        &self,
        report: &T,
        rows: &[R],
        human: impl FnOnce() -> String,
    ) -> Result<()> {
        let text = match self.format {
            OutputFormat::Table | OutputFormat::Wide => human(),
            OutputFormat::Csv => printer::render_list(OutputFormat::Csv, rows, None)?,
            OutputFormat::Json | OutputFormat::Ndjson => {
                // Straight to text: a report of 100,000 changes as a Value
                // tree would cost more memory than the plan itself.
                let text = if self.format == OutputFormat::Json {
                    serde_json::to_string_pretty(report)
                } else {
                    serde_json::to_string(report)
                };
                let text =
                    text.map_err(|e| Error::internal(format!("cannot serialize output: {e}")))?;
                format!("{text}\n")
            }
        };
        self.write_table(&text)
    }

    fn table_width(&self) -> Option<u16> {
        if self.term.stdout_tty {
            console::Term::stdout().size_checked().map(|(_, cols)| cols)
        } else {
            None
        }
    }

    /// Already rendered data, on stdout.
    pub fn write_data(&self, text: &str) -> Result<()> {
        self.write_stdout(text)
    }

    fn write_stdout(&self, text: &str) -> Result<()> {
        let text = mapctl_core::redact::scrub(text);
        let text = if self.ascii && matches!(self.format, OutputFormat::Json | OutputFormat::Ndjson)
        {
            std::borrow::Cow::Owned(ascii::ascii_json(&text))
        } else {
            text
        };
        let mut out = std::io::stdout().lock();
        match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
            Ok(()) => Ok(()),
            // `mapctl list | head` closes the pipe early: not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(Error::internal(format!("cannot write to stdout: {e}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(all_tty: bool, no_input: bool) -> Terminal {
        Terminal {
            stdin_tty: all_tty,
            stdout_tty: all_tty,
            stderr_tty: all_tty,
            no_input,
            no_color_env: false,
            dumb: false,
        }
    }

    use prompt::{Answer as A, Scripted};

    #[allow(non_snake_case)]
    fn Answer(yes: bool) -> Scripted {
        Scripted::new(vec![if yes { A::Yes } else { A::No }])
    }

    #[test]
    fn env_flags_accept_the_usual_spellings() {
        for on in ["1", "true", "TRUE", "yes"] {
            assert!(env_flag(Some(on.into())), "{on}");
        }
        for off in ["", "0", "false", "no", "off"] {
            assert!(!env_flag(Some(off.into())), "{off}");
        }
        assert!(!env_flag(None));
    }

    #[test]
    fn confirmation_needs_a_terminal_or_yes() {
        let ui = Ui::new(
            OutputFormat::Table,
            false,
            0,
            false,
            ColorChoice::Never,
            term(false, false),
        );
        assert_eq!(
            ui.confirm("Remove it?", "remove it").unwrap_err().kind,
            mapctl_core::error::ErrorKind::Usage
        );
        let ui = Ui::new(
            OutputFormat::Table,
            false,
            0,
            false,
            ColorChoice::Never,
            term(true, true),
        )
        .with_prompter(Box::new(Answer(true)));
        let err = ui.confirm("Remove it?", "remove it").unwrap_err();
        assert!(err.hint.unwrap().contains("--yes"));
        let ui = Ui::new(
            OutputFormat::Table,
            false,
            0,
            true,
            ColorChoice::Never,
            term(false, false),
        );
        assert!(ui.confirm("Remove it?", "remove it").unwrap());
        let ui = Ui::new(
            OutputFormat::Table,
            false,
            0,
            false,
            ColorChoice::Never,
            term(true, false),
        )
        .with_prompter(Box::new(Answer(false)));
        assert!(!ui.confirm("Remove it?", "remove it").unwrap());
    }

    #[test]
    fn prompting_needs_all_three_streams_to_be_terminals() {
        let mut t = term(true, false);
        t.stdout_tty = false;
        let ui = Ui::new(OutputFormat::Table, false, 0, false, ColorChoice::Never, t);
        assert!(!ui.can_prompt());
    }
}
