//! A transaction: the one way anything is written. It is started from the
//! [`Repo`] with an actor and a command; each of its operations (`map`,
//! `unmap`, `apply`, `ignore`, orgs, tests, names, repairs) reads what it
//! decides from, plans against the rules, and commits, re-planning when
//! another writer changed a row under it (the Azure contention protocol is
//! inside, invisible to callers). It borrows the repository's reads.

use super::{Repo, plan};

pub struct Transaction<'r> {
    pub(super) repo: &'r Repo,
    pub(super) actor: String,
    /// The command that writes, for the history (`map`, `apply`, `api`, ...).
    pub(super) command: String,
}

impl Transaction<'_> {
    /// Now, by this transaction's actor.
    pub(super) fn stamp<'a>(&'a self, now: &'a str) -> plan::Stamp<'a> {
        plan::Stamp {
            now,
            actor: &self.actor,
        }
    }
}

/// A transaction reads through its repository.
impl std::ops::Deref for Transaction<'_> {
    type Target = Repo;

    fn deref(&self) -> &Repo {
        self.repo
    }
}
