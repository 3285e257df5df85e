//! A fault-injecting HTTP proxy on 127.0.0.1 in front of Azurite: it forwards
//! each request (one per connection) unless the test's rule answers it with
//! an error of the service's own shape first.

use std::io::{Read, Write};

use super::http::read_request;
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
}

/// What to answer instead of forwarding: status and Table Storage error code.
/// Status [`DROP`] closes the connection unanswered, as a killed server does.
pub type Fault = (u16, &'static str);
pub const DROP: u16 = 0;
/// Status [`DELAY`] holds the request the milliseconds its code names
/// ("1500"), then forwards it: a slow store for one kind of request.
pub const DELAY: u16 = 1;
pub type Rule = Box<dyn FnMut(&Seen) -> Option<Fault> + Send>;

pub struct FaultProxy {
    pub port: u16,
    pub seen: Arc<Mutex<Vec<Seen>>>,
    pub faults: Arc<AtomicUsize>,
}

fn handle(
    mut client: TcpStream,
    upstream: u16,
    rule: &Mutex<Rule>,
    seen: &Mutex<Vec<Seen>>,
    faults: &AtomicUsize,
) {
    let Some((head, body)) = read_request(&mut client) else {
        return;
    };
    let head = String::from_utf8_lossy(&head).to_string();
    let mut first = head.lines().next().unwrap_or_default().split_whitespace();
    let request = Seen {
        method: first.next().unwrap_or_default().to_owned(),
        path: first.next().unwrap_or_default().to_owned(),
    };
    seen.lock().unwrap().push(request.clone());
    // The rule is asked under its lock; a delay is served after it.
    let verdict = (rule.lock().unwrap())(&request);
    if let Some((DELAY, ms)) = verdict {
        std::thread::sleep(std::time::Duration::from_millis(ms.parse().unwrap()));
    } else if let Some((status, code)) = verdict {
        faults.fetch_add(1, Ordering::SeqCst);
        if status == DROP {
            let _ = client.shutdown(std::net::Shutdown::Both);
            return;
        }
        let body = format!(
            r#"{{"odata.error":{{"code":"{code}","message":{{"lang":"en-US","value":"injected by the test proxy"}}}}}}"#
        );
        let _ = write!(
            client,
            "HTTP/1.1 {status} Injected\r\nContent-Type: application/json;odata=minimalmetadata\r\nx-ms-error-code: {code}\r\nx-ms-request-id: injected\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        return;
    }
    // One request per connection keeps the relay simple: ask the upstream to close.
    let mut forwarded = String::new();
    for line in head.trim_end().lines() {
        if !line.to_ascii_lowercase().starts_with("connection:") {
            forwarded.push_str(line);
            forwarded.push_str("\r\n");
        }
    }
    forwarded.push_str("Connection: close\r\n\r\n");
    let Ok(mut up) = TcpStream::connect(("127.0.0.1", upstream)) else {
        return;
    };
    if up
        .write_all(forwarded.as_bytes())
        .and_then(|_| up.write_all(&body))
        .is_err()
    {
        return;
    }
    let mut response = Vec::new();
    let _ = up.read_to_end(&mut response);
    let _ = client.write_all(&response);
}

impl FaultProxy {
    pub fn start(upstream: u16, rule: Rule) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let faults = Arc::new(AtomicUsize::new(0));
        let rule = Arc::new(Mutex::new(rule));
        let (s, f) = (seen.clone(), faults.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let (rule, s, f) = (rule.clone(), s.clone(), f.clone());
                std::thread::spawn(move || handle(client, upstream, &rule, &s, &f));
            }
        });
        FaultProxy { port, seen, faults }
    }

    /// A connection string to this proxy for the account of `connection_string`.
    pub fn connection_string(&self, connection_string: &str, upstream: u16) -> String {
        connection_string.replace(
            &format!("127.0.0.1:{upstream}"),
            &format!("127.0.0.1:{}", self.port),
        )
    }
}
