//! A proxy that puts a fixed latency in front of a local HTTP server (an
//! MSP office 30 ms from its Azure region, in front of Azurite) and logs
//! when each request came and went, to count the sequential round trips.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// (arrived, answered) of each request.
type Log = Arc<Mutex<Vec<(Instant, Instant)>>>;

pub struct Proxy {
    pub port: u16,
    log: Log,
}

/// One request (head and Content-Length body), asking the upstream to
/// close after answering: one request per connection.
fn read_request(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let (head, body) = super::http::read_request(stream)?;
    let head = String::from_utf8_lossy(&head).into_owned();
    let mut out: String = head
        .trim_end()
        .split("\r\n")
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .map(|l| format!("{l}\r\n"))
        .collect();
    out.push_str("Connection: close\r\n\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(&body);
    Some(out)
}

impl Proxy {
    /// Forwards to 127.0.0.1:`upstream`, each request held `latency` first.
    pub fn start(upstream: u16, latency: Duration) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log: Log = Arc::default();
        let l = log.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = l.clone();
                std::thread::spawn(move || {
                    let mut client = stream;
                    let Some(request) = read_request(&mut client) else {
                        return;
                    };
                    let arrived = Instant::now();
                    std::thread::sleep(latency);
                    let mut server = TcpStream::connect(("127.0.0.1", upstream)).unwrap();
                    server.write_all(&request).unwrap();
                    let mut answer = Vec::new();
                    let _ = server.read_to_end(&mut answer);
                    let _ = client.write_all(&answer);
                    let _ = client.flush();
                    log.lock().unwrap().push((arrived, Instant::now()));
                });
            }
        });
        Proxy { port, log }
    }

    /// Forgets what was logged.
    pub fn reset(&self) {
        self.log.lock().unwrap().clear();
    }

    /// (requests, sequential round trips) since the last reset: the longest
    /// chain of requests each sent after the one before was answered.
    pub fn counts(&self) -> (usize, usize) {
        let mut log = self.log.lock().unwrap().clone();
        log.sort_by_key(|(arrived, _)| *arrived);
        let mut depth = vec![0usize; log.len()];
        for i in 0..log.len() {
            depth[i] = 1
                + (0..i)
                    .filter(|&j| log[j].1 <= log[i].0)
                    .map(|j| depth[j])
                    .max()
                    .unwrap_or(0);
        }
        (log.len(), depth.into_iter().max().unwrap_or(0))
    }
}
