//! `mapctl ui` in a real headless browser (contract §10): Debian's
//! Chromium driven through chromedriver by fantoccini (WebDriver), both
//! installed on first use like Azurite; never skipped.

mod flows;

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::common::{Sandbox, apt_install};

/// chromedriver, started once per test process on a free loopback port.
struct Driver {
    url: String,
    _child: Child,
}

fn driver() -> &'static Driver {
    static DRIVER: OnceLock<Driver> = OnceLock::new();
    DRIVER.get_or_init(|| {
        apt_install(
            &["chromium", "chromedriver"],
            &["chromium", "chromium-driver"],
        )
        .unwrap_or_else(|e| panic!("the UI tests need Chromium: {e}"));
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let url = format!("http://127.0.0.1:{port}");
        crate::common::wait_until("chromedriver to listen", || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        Driver { url, _child: child }
    })
}

/// A running `mapctl ui` and its one-time login URL.
pub struct Ui {
    process: Option<crate::common::Watched>,
    pub login: String,
    pub base: String,
}

impl Ui {
    pub fn start(s: &Sandbox, envs: &[(&str, &str)]) -> Ui {
        let mut cmd = s.std_cmd();
        cmd.args(["ui", "--no-open"]).envs(envs.iter().copied());
        // The login URL is on stdout: read it through a file.
        let out = s.path("ui.out");
        cmd.stdout(std::fs::File::create(&out).unwrap());
        let process = crate::common::Watched::spawn_keeping_stdout(cmd);
        crate::common::wait_until("the login URL", || {
            std::fs::read_to_string(&out).is_ok_and(|t| t.contains("/login?token="))
        });
        let login = std::fs::read_to_string(&out).unwrap().trim().to_owned();
        let base = login.split("/login").next().unwrap().to_owned();
        Ui {
            process: Some(process),
            login,
            base,
        }
    }
}

impl Drop for Ui {
    fn drop(&mut self) {
        if let Some(p) = self.process.take() {
            unsafe { libc::kill(p.pid() as i32, libc::SIGTERM) };
            let _ = p.finish();
        }
    }
}

/// A headless Chromium session of its own (a fresh profile).
pub async fn browser(profile: &std::path::Path, width: u32) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage",
                format!("--user-data-dir={}", profile.display()),
                format!("--window-size={width},900"),
            ]
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver().url)
        .await
        .expect("a Chromium session")
}

/// The element whose accessible name is `name` (aria-label).
pub async fn by_label(c: &Client, name: &str) -> fantoccini::elements::Element {
    c.wait()
        .for_element(Locator::Css(&format!("[aria-label=\"{name}\"]")))
        .await
        .unwrap_or_else(|e| panic!("no control named {name:?}: {e}"))
}

/// Clicks the element `locator` finds.
pub async fn click(c: &Client, locator: Locator<'_>) {
    c.find(locator)
        .await
        .unwrap_or_else(|e| panic!("nothing to click: {e}"))
        .click()
        .await
        .unwrap();
}

/// A screenshot of the page for docs/ui.md (written when MAPCTL_BLESS is set).
pub async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    if std::env::var_os("MAPCTL_BLESS").is_some() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ui");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}
