//! Every zlib stream of a PDF inflated without keeping its output, counting
//! bytes and stopping once the sum passes the bound: a small file that
//! inflates to gigabytes (a decompression bomb) is refused after reading
//! the bound's worth, never allocated. It runs on the raw bytes before the
//! PDF is parsed, so the parser's own inflating of object streams never
//! meets a bomb either.

use std::io::Read;

use flate2::read::ZlibDecoder;

/// The most all of one PDF's compressed streams may inflate to together.
pub const MAX_INFLATED: u64 = 100 * 1024 * 1024;

/// Where the data of each stream begins: after the `stream` keyword and
/// its end of line (not the `stream` of `endstream`).
fn stream_starts(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    const KEYWORD: &[u8] = b"stream";
    bytes
        .windows(KEYWORD.len())
        .enumerate()
        .filter(|(at, w)| *w == KEYWORD && !bytes[..*at].ends_with(b"end"))
        .filter_map(|(at, _)| {
            let after = &bytes[at + KEYWORD.len()..];
            if after.starts_with(b"\r\n") {
                Some(at + KEYWORD.len() + 2)
            } else if after.starts_with(b"\n") || after.starts_with(b"\r") {
                Some(at + KEYWORD.len() + 1)
            } else {
                None
            }
        })
}

/// How many bytes `data` inflates to, reading at most `limit + 1`; data
/// that is not zlib counts what came out before the decoder gave up.
fn inflated_len(data: &[u8], limit: u64) -> u64 {
    let mut decoder = ZlibDecoder::new(data).take(limit.saturating_add(1));
    let mut buf = [0u8; 16 * 1024];
    let mut total = 0u64;
    loop {
        match decoder.read(&mut buf) {
            Ok(0) | Err(_) => return total,
            Ok(n) => total += n as u64,
        }
    }
}

/// True when the zlib streams of `bytes` together inflate past `limit`.
pub fn exceeds(bytes: &[u8], limit: u64) -> bool {
    let mut left = limit;
    for start in stream_starts(bytes) {
        let n = inflated_len(&bytes[start..], left);
        if n > left {
            return true;
        }
        left -= n;
    }
    false
}

#[cfg(test)]
mod tests {
    use std::io::{Read, copy, repeat};
    use std::time::{Duration, Instant};

    use flate2::Compression;
    use flate2::write::ZlibEncoder;

    use super::*;

    fn stream_of(zeros: usize) -> Vec<u8> {
        let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
        copy(&mut repeat(0).take(zeros as u64), &mut z).expect("compress");
        let mut pdf = b"%PDF-1.4\n1 0 obj<</Filter/FlateDecode>>stream\r\n".to_vec();
        pdf.extend(z.finish().expect("compress"));
        pdf.extend_from_slice(b"\nendstream endobj\n%%EOF\n");
        pdf
    }

    #[test]
    fn a_bomb_is_refused_quickly_and_a_normal_stream_counted() {
        let bomb = stream_of(500 << 20);
        assert!(bomb.len() < 600 * 1024, "{}", bomb.len());
        let start = Instant::now();
        assert!(exceeds(&bomb, MAX_INFLATED));
        assert!(start.elapsed() < Duration::from_secs(2));
        let normal = stream_of(1 << 20);
        assert!(!exceeds(&normal, MAX_INFLATED));
        assert!(exceeds(&normal, 1 << 19));
        // Two streams share one bound.
        let mut two = normal.clone();
        two.extend_from_slice(&normal);
        assert!(!exceeds(&two, 3 << 20));
        assert!(exceeds(&two, (3 << 20) / 2));
        // `endstream` and data that is not zlib count nothing.
        assert!(!exceeds(b"stream\nnot zlib endstream\n", 0));
    }
}
