//! A running `mapctl serve` and a client of it over real HTTP.

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::Value;

use crate::common::{Sandbox, Watched};

pub struct Server {
    process: Option<Watched>,
    scheme: String,
    pub addr: String,
    runtime: tokio::runtime::Runtime,
    client: reqwest::Client,
}

/// One answer: status, body as JSON (Null when it is not), headers.
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub text: String,
    pub headers: reqwest::header::HeaderMap,
}

impl Server {
    /// `mapctl serve` on a free loopback port of the sandbox's store.
    pub fn start(s: &Sandbox) -> Server {
        Server::start_with(s, &[], reqwest::Client::new())
    }

    /// With more arguments, and a client of its own (one that trusts a
    /// test certificate, say).
    pub fn start_with(s: &Sandbox, args: &[&str], client: reqwest::Client) -> Server {
        Server::start_env(s, args, &[], client)
    }

    /// With environment variables as well (an integration's credentials).
    pub fn start_env(
        s: &Sandbox,
        args: &[&str],
        envs: &[(&str, &str)],
        client: reqwest::Client,
    ) -> Server {
        let mut cmd = s.std_cmd();
        cmd.args(["serve", "--listen", "127.0.0.1:0"]).args(args);
        cmd.envs(envs.iter().copied());
        let process = Watched::spawn(cmd);
        process.wait_until("the server to listen", |e| e.contains("Listening on "));
        let said = process.said();
        let url = said
            .split("Listening on ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap()
            .to_owned();
        let (scheme, addr) = url.split_once("://").unwrap();
        Server {
            process: Some(process),
            scheme: scheme.to_owned(),
            addr: addr.to_owned(),
            runtime: tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap(),
            client,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}://{}{path}", self.scheme, self.addr)
    }

    /// A request with a bearer token (if any) and a JSON body (if any).
    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self.client.request(method, self.url(path));
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        if let Some(b) = body {
            request = request
                .header("Content-Type", "application/json")
                .body(b.to_owned());
        }
        self.runtime.block_on(async move {
            let response = request.send().await.unwrap();
            answer(response).await
        })
    }

    /// Many requests at once, each as `call`.
    pub fn calls(&self, requests: Vec<(String, String, String, Option<String>)>) -> Vec<Answer> {
        let client = self.client.clone();
        let base = self.url("");
        self.runtime.block_on(async move {
            let tasks: Vec<_> = requests
                .into_iter()
                .map(|(method, path, token, body)| {
                    let client = client.clone();
                    let url = format!("{base}{path}");
                    tokio::spawn(async move {
                        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
                        let mut r = client.request(method, url).bearer_auth(token);
                        if let Some(b) = body {
                            r = r.header("Content-Type", "application/json").body(b);
                        }
                        answer(r.send().await.unwrap()).await
                    })
                })
                .collect();
            let mut out = Vec::new();
            for t in tasks {
                out.push(t.await.unwrap());
            }
            out
        })
    }

    /// Bytes as sent, for what a URL library would tidy up (`..`, a
    /// control character, another Host): the status line's code and the body.
    pub fn raw(&self, request: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut text = String::new();
        let _ = stream.read_to_string(&mut text);
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let body = text.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned();
        (status, body)
    }

    /// SIGTERM; the exit code and stderr once it has stopped.
    pub fn stop(mut self) -> (i32, String) {
        let process = self.process.take().unwrap();
        unsafe { libc::kill(process.pid() as i32, libc::SIGTERM) };
        process.finish()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(p) = self.process.take() {
            unsafe { libc::kill(p.pid() as i32, libc::SIGKILL) };
            let _ = p.finish();
        }
    }
}

async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer {
        status,
        body,
        text,
        headers,
    }
}

/// A token made by `mapctl tokens create`, as a script captures it.
pub fn token(s: &Sandbox, name: &str, scope: &str) -> String {
    let out = s.ok(&["tokens", "create", "--name", name, "--scope", scope]);
    let token = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(token.starts_with("mapctl_") && token.len() == 71, "{token}");
    token
}
