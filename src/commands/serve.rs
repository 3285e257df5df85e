//! `mapctl serve`: the management API (contract §9).

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::context::Context;
use crate::serve;
use mapctl_core::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address and port to listen on (a public address needs --tls-cert or --behind-proxy)
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,
    /// TLS certificate chain (PEM)
    #[arg(long, value_name = "PEM", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// TLS private key (PEM)
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// A TLS-terminating proxy is in front: serve plain HTTP on a public address
    #[arg(long)]
    pub behind_proxy: bool,
    /// Seconds a request may take, a slow client's included, before it is answered 408
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout: u64,
    /// How the access log on stderr is written: a line of text or a JSON object per request
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        default_value = "text",
        env = "MAPCTL_LOG_FORMAT"
    )]
    pub log_format: serve::access_log::LogFormat,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let options = serve::Options {
        listen: args.listen,
        tls: args.tls_cert.zip(args.tls_key),
        behind_proxy: args.behind_proxy,
        request_timeout: std::time::Duration::from_secs(args.request_timeout),
        log_format: args.log_format,
    };
    options.check()?;
    // The store answers before the first request does.
    ctx.repo()
        .await?
        .backend()
        .probe()
        .await
        .map_err(Error::from)?;
    let session = ctx.server_session();
    // The server stops cleanly on Ctrl-C (in-flight requests finish).
    let _stop = mapctl_core::interrupt::CleanStop::begin();
    let scheme = if options.tls.is_some() {
        "https"
    } else {
        "http"
    };
    serve::serve(session, options, None, |at, _| {
        ctx.ui.status(&format!(
            "Listening on {scheme}://{at} (API under /api/v1, OpenAPI at /openapi.json, MCP at /mcp); Ctrl-C stops"
        ));
    })
    .await
}
