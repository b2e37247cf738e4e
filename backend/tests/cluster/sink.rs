//! A mail server that takes every letter and keeps its `Message-ID`: the
//! cluster's letters are counted by it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// How many times each `Message-ID` arrived.
#[derive(Clone, Default)]
pub struct Sink {
    pub received: Arc<Mutex<HashMap<String, u32>>>,
}

impl Sink {
    /// Listens on a loopback port; the port.
    pub async fn start(&self) -> Result<u16, String> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| format!("the mail sink: {e}"))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let received = self.received.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let received = received.clone();
                tokio::spawn(async move {
                    let _ = converse(socket, received).await;
                });
            }
        });
        Ok(port)
    }

    /// The letters received, and how many arrived more than once.
    pub fn counts(&self) -> (usize, usize) {
        let received = self
            .received
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let twice = received.values().filter(|n| **n > 1).count();
        (received.len(), twice)
    }

    pub fn has(&self, message_id: &str) -> bool {
        self.received
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains_key(message_id)
    }
}

async fn converse(
    socket: tokio::net::TcpStream,
    received: Arc<Mutex<HashMap<String, u32>>>,
) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink ESMTP\r\n").await?;
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250 sink\r\n",
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            "DATA" => {
                write.write_all(b"354 go on\r\n").await?;
                let mut id = None;
                loop {
                    let mut l = String::new();
                    if lines.read_line(&mut l).await? == 0 {
                        return Ok(());
                    }
                    if l == ".\r\n" {
                        break;
                    }
                    if let Some(v) = l.strip_prefix("Message-ID:") {
                        id = Some(v.trim().to_owned());
                    }
                }
                if let Some(id) = id
                    && let Ok(mut r) = received.lock()
                {
                    *r.entry(id).or_insert(0) += 1;
                }
                b"250 ok\r\n"
            }
            _ => b"250 ok\r\n",
        };
        write.write_all(reply).await?;
    }
}
