//! Browser sessions of `mapctl ui` (contract §10): a one-time login token
//! becomes a session cookie (HttpOnly, SameSite=Strict), each session with
//! its CSRF token. Kept in memory: the UI is one process on loopback, and a
//! restart asks for a new login URL.

use std::collections::HashMap;
use std::sync::Mutex;

pub use mapctl_core::mapping::tokens::same_secret as same;

/// 256 random bits as hex.
fn random_token() -> String {
    mapctl_core::mapping::tokens::random_hex().expect("the system gives random bytes")
}

#[derive(Default)]
pub struct Sessions {
    /// The login token not yet used (None once used, or for `serve`).
    login: Mutex<Option<String>>,
    /// Session id → its CSRF token.
    open: Mutex<HashMap<String, String>>,
}

impl Sessions {
    /// A fresh login token, good once.
    pub fn new_login(&self) -> String {
        let token = random_token();
        *self.login.lock().unwrap() = Some(token.clone());
        token
    }

    /// Spends the login token: a new session (id, CSRF token), or None.
    pub fn log_in(&self, presented: &str) -> Option<(String, String)> {
        let mut login = self.login.lock().unwrap();
        if !login.as_deref().is_some_and(|t| same(t, presented)) {
            return None;
        }
        *login = None;
        let (id, csrf) = (random_token(), random_token());
        self.open.lock().unwrap().insert(id.clone(), csrf.clone());
        Some((id, csrf))
    }

    /// The CSRF token of a session, if it is one.
    pub fn csrf_of(&self, id: &str) -> Option<String> {
        let open = self.open.lock().unwrap();
        open.iter()
            .find(|(known, _)| same(known, id))
            .map(|(_, csrf)| csrf.clone())
    }
}
