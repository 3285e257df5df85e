//! `mapctl ui`: the browser UI (contract §10), on loopback.

use std::net::SocketAddr;

use crate::context::Context;
use crate::serve;
use mapctl_core::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Loopback address and port (port 0 picks a free one)
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,
    /// Print the login URL without opening a browser
    #[arg(long)]
    pub no_open: bool,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    if !args.listen.ip().is_loopback() {
        return Err(Error::usage(format!("{} is not a loopback address", args.listen))
            .with_hint("the UI serves this machine only: use 127.0.0.1; for a shared server see mapctl serve"));
    }
    ctx.repo()
        .await?
        .backend()
        .probe()
        .await
        .map_err(Error::from)?;
    let session = ctx.server_session();
    let options = serve::Options {
        listen: args.listen,
        tls: None,
        behind_proxy: false,
        request_timeout: std::time::Duration::from_secs(60),
        log_format: serve::access_log::LogFormat::Text,
    };
    let _stop = mapctl_core::interrupt::CleanStop::begin();
    serve::serve(session, options, Some(crate::web::pages()), |at, state| {
        let url = format!("http://{at}/login?token={}", state.browsers.new_login());
        // The login URL is the data: alone on stdout, good once.
        println!("{url}");
        ctx.ui
            .status("Open the link above to sign in (it works once); Ctrl-C stops the UI");
        if !args.no_open {
            open_browser(&url);
        }
    })
    .await
}

/// The system's browser, if there is one; the URL is printed either way.
fn open_browser(url: &str) {
    let opener: &[&str] = if cfg!(windows) {
        &["cmd", "/C", "start", ""]
    } else if cfg!(target_os = "macos") {
        &["open"]
    } else {
        &["xdg-open"]
    };
    let _ = std::process::Command::new(opener[0])
        .args(&opener[1..])
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
