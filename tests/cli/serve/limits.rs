//! The server's limits and transport: a slow client is cut off and the
//! server goes on serving; TLS from PEM files; the container's entry point.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::client::{Server, token};
use crate::common::Sandbox;

#[test]
fn a_slow_client_is_answered_408_and_the_server_goes_on() {
    let s = Sandbox::new();
    let write = token(&s, "ci", "write");
    let server = Server::start_with(&s, &["--request-timeout", "2"], reqwest::Client::new());
    // A body announced and never finished.
    let mut slow = TcpStream::connect(&server.addr).unwrap();
    let started = Instant::now();
    write!(
        slow,
        "POST /api/v1/orgs HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {write}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"name\":",
        server.addr
    )
    .unwrap();
    // Headers that never end.
    let mut slower = TcpStream::connect(&server.addr).unwrap();
    write!(
        slower,
        "GET /healthz HTTP/1.1\r\nHost: {}\r\nX-Slow: ",
        server.addr
    )
    .unwrap();
    // Meanwhile others are served.
    assert_eq!(server.call("GET", "/healthz", None, None).status, 200);
    slow.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut answer = String::new();
    let _ = slow.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(15));
    // The header reader is dropped: the connection ends.
    slower
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut rest = Vec::new();
    let _ = slower.read_to_end(&mut rest);
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "the slow headers were cut off"
    );
    assert_eq!(s.json(&["orgs", "list"]), serde_json::json!([]));
    assert_eq!(server.call("GET", "/healthz", None, None).status, 200);
}

#[test]
fn tls_is_served_from_pem_files() {
    let s = Sandbox::new();
    let (cert, key) = (s.path("cert.pem"), s.path("key.pem"));
    let ca = s.path("ca.pem");
    std::fs::write(
        s.path("server.ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n",
    )
    .unwrap();
    let openssl = |args: &[&str]| {
        let made = std::process::Command::new("openssl")
            .args(args)
            .current_dir(s.path(""))
            .output()
            .expect("openssl makes the test certificates");
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
    };
    // A test CA, and a server certificate it signs.
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=test CA",
        "-keyout",
        "ca-key.pem",
        "-out",
        "ca.pem",
    ]);
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        "key.pem",
        "-out",
        "server.csr",
    ]);
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca-key.pem",
        "-CAcreateserial",
        "-days",
        "1",
        "-extfile",
        "server.ext",
        "-out",
        "cert.pem",
    ]);
    let trusted = reqwest::Certificate::from_pem(&std::fs::read(&ca).unwrap()).unwrap();
    let client = reqwest::Client::builder()
        .add_root_certificate(trusted)
        .build()
        .unwrap();
    let server = Server::start_with(
        &s,
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ],
        client,
    );
    assert!(server.url("").starts_with("https://"));
    let health = server.call("GET", "/healthz", None, None);
    assert_eq!(health.status, 200, "{}", health.text);
    // Plain HTTP to the TLS port is no request.
    let (status, _) = server.raw(&format!(
        "GET /healthz HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    ));
    assert_ne!(status, 200);
    // A key that is no key: exit 2 naming the files' format.
    std::fs::write(&key, "not a key").unwrap();
    let out = s.run(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--tls-cert",
        cert.to_str().unwrap(),
        "--tls-key",
        key.to_str().unwrap(),
    ]);
    assert_eq!(
        crate::common::code(&out),
        2,
        "{}",
        crate::common::stderr(&out)
    );
    assert!(crate::common::stderr(&out).contains("PEM"));
}

/// The Dockerfile's steps as a script: what it builds is this package's
/// binary, and its entry point (with its environment) serves. With a
/// Docker daemon here, the image itself is built as well.
#[test]
fn the_container_recipe_builds_this_binary_and_its_entry_point_serves() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dockerfile = std::fs::read_to_string(root.join("Dockerfile")).unwrap();
    let build = dockerfile
        .lines()
        .find(|l| l.starts_with("RUN cargo build"))
        .expect("the image builds the binary with cargo");
    assert!(
        build.contains("--locked") && build.contains("--release") && build.contains("--bin mapctl"),
        "{build}"
    );
    assert!(
        dockerfile.contains("COPY --from=build /src/target/release/mapctl /usr/local/bin/mapctl")
    );
    let entry = dockerfile
        .lines()
        .find_map(|l| l.strip_prefix("ENTRYPOINT "))
        .expect("an entry point");
    let args: Vec<String> = serde_json::from_str(entry).unwrap();
    assert_eq!(&args[..2], ["mapctl", "serve"]);
    let env: Vec<(String, String)> = dockerfile
        .lines()
        .filter_map(|l| l.strip_prefix("ENV "))
        .flat_map(|l| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .filter_map(|kv| {
            kv.split_once('=')
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
        })
        .collect();
    assert!(env.iter().any(|(k, v)| k == "MAPCTL_STORE" && v == "azure"));
    // The entry point, on a free port, over Azurite as the image's store.
    let Some(s) = Sandbox::azure() else {
        panic!("Azurite is needed here (npm ci installs it)");
    };
    let mut cmd = s.std_cmd();
    for (k, v) in &env {
        cmd.env(k, v);
    }
    let args: Vec<String> = args[1..]
        .iter()
        .map(|a| {
            if a == "0.0.0.0:8080" {
                "0.0.0.0:0".to_owned()
            } else {
                a.clone()
            }
        })
        .collect();
    cmd.args(&args);
    let process = crate::common::Watched::spawn(cmd);
    process.wait_until("the container's server to listen", |e| {
        e.contains("Listening on http://0.0.0.0:")
    });
    let port = process
        .said()
        .split("Listening on http://0.0.0.0:")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap()
        .to_owned();
    let mut stream = TcpStream::connect(format!("127.0.0.1:{port}")).unwrap();
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nHost: mapctl.example.com\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    unsafe { libc::kill(process.pid() as i32, libc::SIGTERM) };
    let (code, _) = process.finish();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert_eq!(code, 0);
    let docker = std::process::Command::new("docker").arg("info").output();
    if docker.is_ok_and(|o| o.status.success()) {
        let built = std::process::Command::new("docker")
            .args(["build", "-q", "-t", "mapctl-test"])
            .arg(root)
            .status()
            .unwrap();
        assert!(built.success(), "docker build");
    }
}
