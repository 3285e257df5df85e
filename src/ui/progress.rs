//! Progress of several things at once (indicatif's MultiProgress): one line
//! per integration being discovered, with its pages and records, each
//! cleared when it ends, so that nothing is left on the screen.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use mapctl_core::integrations::rest::ListProgress;
use mapctl_core::ops::Observer;

/// The spinners on screen now, shared with whatever prints a line while
/// they run (a retry notice): it goes above them, not through them.
#[derive(Clone, Default)]
pub(super) struct Active(Arc<Mutex<Option<MultiProgress>>>);

impl Active {
    /// Prints `line` above the spinners; false when none run.
    pub(super) fn println(&self, line: &str) -> bool {
        match &*self.0.lock().expect("not poisoned") {
            Some(multi) => multi.println(line).is_ok(),
            None => false,
        }
    }
}

/// The spinners of a run's discoveries: hidden unless stderr is a terminal
/// (and no `-q`).
pub struct Discovering {
    multi: MultiProgress,
    lines: Mutex<HashMap<String, ProgressBar>>,
    shown: bool,
    active: Active,
}

impl Discovering {
    pub(super) fn new(shown: bool, active: Active) -> Discovering {
        let target = if shown {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let multi = MultiProgress::with_draw_target(target);
        if shown {
            *active.0.lock().expect("not poisoned") = Some(multi.clone());
        }
        Discovering {
            multi,
            lines: Mutex::new(HashMap::new()),
            shown,
            active,
        }
    }

    fn line(&self, integration: &str) -> ProgressBar {
        let mut lines = self.lines.lock().expect("not poisoned");
        lines
            .entry(integration.to_owned())
            .or_insert_with(|| {
                if !self.shown {
                    return ProgressBar::hidden();
                }
                let bar = self.multi.add(ProgressBar::new_spinner());
                bar.set_style(
                    ProgressStyle::with_template("{spinner} {msg}").expect("a valid template"),
                );
                bar.set_message(format!("Discovering {integration}"));
                bar.enable_steady_tick(std::time::Duration::from_millis(100));
                bar
            })
            .clone()
    }
}

impl Observer for Discovering {
    fn listing(&self, integration: &str, p: ListProgress) {
        let pages = match p.total_pages {
            Some(t) => format!("{}/{t}", p.pages),
            None => p.pages.to_string(),
        };
        self.line(integration).set_message(format!(
            "Discovering {integration}: page {pages}, {} records",
            p.records
        ));
    }

    fn listed(&self, integration: &str) {
        if let Some(bar) = self.lines.lock().expect("not poisoned").remove(integration) {
            bar.finish_and_clear();
            self.multi.remove(&bar);
        }
    }
}

/// Whatever is still spinning is cleared when the run's work ends (an
/// error, Ctrl-C): nothing stays on the screen.
impl Drop for Discovering {
    fn drop(&mut self) {
        for (_, bar) in self.lines.lock().expect("not poisoned").drain() {
            bar.finish_and_clear();
        }
        let _ = self.multi.clear();
        if self.shown {
            *self.active.0.lock().expect("not poisoned") = None;
        }
    }
}
