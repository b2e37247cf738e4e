//! Attached files in a bucket of an S3-compatible object store: PUT, GET and
//! DELETE of one object per key, each request signed with AWS Signature
//! Version 4 ([`SigV4`]) over the hyper client, plain HTTP or HTTPS (rustls,
//! the web PKI's roots).

use std::io;
use std::time::Duration;

use axum::http::{Method, Request, StatusCode, Uri, header};
use bytes::Bytes;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use sha2::{Digest, Sha256};

use crate::adapters::storage::BlobStore;
use crate::adapters::storage::BoxFuture;
use crate::adapters::storage::valid_key;
use crate::config::Secret;
use crate::pki::hex;

/// One request, from connecting to the last byte of the answer.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The SHA-256 of nothing: the payload hash of GET and DELETE.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// An AWS Signature Version 4 signer for one set of credentials and scope.
#[derive(Clone, Copy)]
pub struct SigV4<'a> {
    pub access_key: &'a str,
    pub secret_key: &'a str,
    pub region: &'a str,
    /// `s3` here.
    pub service: &'a str,
}

impl SigV4<'_> {
    /// The `Authorization` header of a request. `path` is the URI-encoded
    /// path as sent, `query` the canonical query string (empty when there is
    /// none), `headers` every signed header (`host`, `x-amz-date` and
    /// `x-amz-content-sha256` among them; names in any case, each once) and
    /// `payload_sha256` the hex SHA-256 of the body.
    pub fn authorization(
        &self,
        method: &str,
        path: &str,
        query: &str,
        headers: &[(&str, &str)],
        payload_sha256: &str,
        at: DateTime<Utc>,
    ) -> String {
        let mut canonical_headers: Vec<(String, String)> = headers
            .iter()
            .map(|(name, value)| {
                let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
                (name.to_ascii_lowercase(), value)
            })
            .collect();
        canonical_headers.sort();
        let signed_headers = canonical_headers
            .iter()
            .map(|(name, _)| name.as_str())
            .collect::<Vec<_>>()
            .join(";");
        let mut canonical = format!("{method}\n{path}\n{query}\n");
        for (name, value) in &canonical_headers {
            canonical.push_str(&format!("{name}:{value}\n"));
        }
        canonical.push_str(&format!("\n{signed_headers}\n{payload_sha256}"));

        let date = at.format("%Y%m%d").to_string();
        let scope = format!("{date}/{}/{}/aws4_request", self.region, self.service);
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256\n{}\n{scope}\n{}",
            amz_date(at),
            hex(&Sha256::digest(canonical.as_bytes()))
        );
        let mut key = hmac_sha256(format!("AWS4{}", self.secret_key).as_bytes(), &date);
        for part in [self.region, self.service, "aws4_request"] {
            key = hmac_sha256(&key, part);
        }
        let signature = hex(&hmac_sha256(&key, &string_to_sign));
        format!(
            "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
            self.access_key
        )
    }
}

/// The `x-amz-date` form of a time: `20130524T000000Z`.
pub fn amz_date(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn hmac_sha256(key: &[u8], data: &str) -> Vec<u8> {
    // HMAC takes a key of any length: `new_from_slice` cannot fail.
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(key) else {
        unreachable!("HMAC accepts every key length")
    };
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// URI-encodes a path the way SigV4 wants it for S3: every byte but the
/// unreserved characters and `/` as `%XX`.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A bucket name S3 accepts: 3–63 lower-case letters, digits, `.` and `-`.
fn valid_bucket(bucket: &str) -> bool {
    (3..=63).contains(&bucket.len())
        && bucket
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
}

/// What an S3 store is given to reach its bucket.
#[derive(Debug, Clone)]
pub struct S3Settings<'a> {
    pub endpoint: &'a str,
    pub bucket: &'a str,
    pub region: &'a str,
    pub access_key: &'a str,
    pub secret_key: &'a Secret,
    pub path_style: bool,
}

/// Blobs as objects of one bucket, named by their key.
pub struct S3Store {
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
    scheme: String,
    /// The `Host` header (with the bucket when virtual-hosted).
    host: String,
    /// `/bucket` (path style) or empty (virtual-hosted).
    bucket_path: String,
    region: String,
    access_key: String,
    secret_key: Secret,
}

impl std::fmt::Debug for S3Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Store")
            .field("scheme", &self.scheme)
            .field("host", &self.host)
            .field("bucket_path", &self.bucket_path)
            .field("region", &self.region)
            .field("access_key", &self.access_key)
            .field("secret_key", &self.secret_key)
            .finish_non_exhaustive()
    }
}

impl S3Store {
    /// A store for `settings`; the endpoint is `http://host[:port]` or
    /// `https://host[:port]` without a path.
    pub fn new(settings: &S3Settings<'_>) -> Result<S3Store, String> {
        let uri: Uri = settings
            .endpoint
            .trim_end_matches('/')
            .parse()
            .map_err(|e| format!("S3 endpoint {}: {e}", settings.endpoint))?;
        let scheme = match uri.scheme_str() {
            Some(s @ ("http" | "https")) => s.to_owned(),
            _ => return Err(format!("S3 endpoint {}: http or https", settings.endpoint)),
        };
        let authority = match uri.authority() {
            Some(a) if matches!(uri.path(), "" | "/") && uri.query().is_none() => a.as_str(),
            _ => {
                return Err(format!(
                    "S3 endpoint {}: scheme and host only, no path",
                    settings.endpoint
                ));
            }
        };
        if authority.contains('@') {
            return Err("S3 endpoint: no credentials in the address".to_owned());
        }
        if !valid_bucket(settings.bucket) {
            return Err(format!("S3 bucket {}: not a bucket name", settings.bucket));
        }
        if settings.region.is_empty() || settings.access_key.is_empty() {
            return Err("S3: a region and an access key are needed".to_owned());
        }
        let (host, bucket_path) = if settings.path_style {
            (authority.to_owned(), format!("/{}", settings.bucket))
        } else {
            (format!("{}.{authority}", settings.bucket), String::new())
        };
        let tls = crate::adapters::tls::client_config().map_err(|e| format!("TLS: {e}"))?;
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(Some(CONNECT_TIMEOUT));
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config((*tls).clone())
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = Client::builder(hyper_util::rt::TokioExecutor::new())
            .build::<_, Full<Bytes>>(connector);
        Ok(S3Store {
            client,
            scheme,
            host,
            bucket_path,
            region: settings.region.to_owned(),
            access_key: settings.access_key.to_owned(),
            secret_key: settings.secret_key.clone(),
        })
    }

    /// Creates the bucket; one that exists already is fine (for tests and
    /// first set-up; some servers say `BucketAlreadyExists` for a bucket of
    /// the same owner, and a bucket of another owner fails at the first
    /// object anyway).
    pub async fn create_bucket(&self) -> io::Result<()> {
        let path = if self.bucket_path.is_empty() {
            "/".to_owned()
        } else {
            self.bucket_path.clone()
        };
        let (status, body) = self.send(Method::PUT, &path, Bytes::new()).await?;
        match status {
            s if s.is_success() => Ok(()),
            StatusCode::CONFLICT
                if matches!(
                    s3_code(&body),
                    Some("BucketAlreadyOwnedByYou" | "BucketAlreadyExists")
                ) =>
            {
                Ok(())
            }
            s => Err(s3_error("create bucket", s, &body)),
        }
    }

    /// The path of the object `key` (checked: 32 hex characters).
    fn object_path(&self, key: &str) -> io::Result<String> {
        if !valid_key(key) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a storage key",
            ));
        }
        Ok(format!("{}/{key}", self.bucket_path))
    }

    /// Sends one signed request and reads the whole answer.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Bytes,
    ) -> io::Result<(StatusCode, Bytes)> {
        let path = encode_path(path);
        let now = Utc::now();
        let date = amz_date(now);
        let payload_sha256 = if body.is_empty() {
            EMPTY_SHA256.to_owned()
        } else {
            hex(&Sha256::digest(&body))
        };
        let signer = SigV4 {
            access_key: &self.access_key,
            secret_key: self.secret_key.expose(),
            region: &self.region,
            service: "s3",
        };
        let authorization = signer.authorization(
            method.as_str(),
            &path,
            "",
            &[
                ("host", &self.host),
                ("x-amz-content-sha256", &payload_sha256),
                ("x-amz-date", &date),
            ],
            &payload_sha256,
            now,
        );
        let request = Request::builder()
            .method(method)
            .uri(format!("{}://{}{path}", self.scheme, self.host))
            .header(header::HOST, &self.host)
            .header("x-amz-content-sha256", &payload_sha256)
            .header("x-amz-date", &date)
            .header(header::AUTHORIZATION, authorization)
            .body(Full::new(body))
            .map_err(io::Error::other)?;
        let exchange = async {
            let response = self
                .client
                .request(request)
                .await
                .map_err(io::Error::other)?;
            let status = response.status();
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(io::Error::other)?
                .to_bytes();
            Ok((status, body))
        };
        tokio::time::timeout(REQUEST_TIMEOUT, exchange)
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "S3 request timed out"))?
    }
}

/// The `<Code>` of an S3 error body.
fn s3_code(body: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(body).ok()?;
    let start = text.find("<Code>")? + "<Code>".len();
    let len = text[start..].find("</Code>")?;
    Some(&text[start..start + len])
}

fn s3_error(action: &str, status: StatusCode, body: &[u8]) -> io::Error {
    let kind = match status {
        StatusCode::NOT_FOUND => io::ErrorKind::NotFound,
        StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED => io::ErrorKind::PermissionDenied,
        _ => io::ErrorKind::Other,
    };
    io::Error::new(
        kind,
        format!(
            "S3 {action}: {status} {}",
            s3_code(body).unwrap_or("(no error code)")
        ),
    )
}

impl BlobStore for S3Store {
    fn put<'a>(&'a self, key: &'a str, bytes: Bytes) -> BoxFuture<'a, io::Result<()>> {
        Box::pin(async move {
            let (status, body) = self
                .send(Method::PUT, &self.object_path(key)?, bytes)
                .await?;
            if status.is_success() {
                Ok(())
            } else {
                Err(s3_error("put", status, &body))
            }
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<Bytes>> {
        Box::pin(async move {
            let (status, body) = self
                .send(Method::GET, &self.object_path(key)?, Bytes::new())
                .await?;
            if status.is_success() {
                Ok(body)
            } else {
                Err(s3_error("get", status, &body))
            }
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<()>> {
        Box::pin(async move {
            let (status, body) = self
                .send(Method::DELETE, &self.object_path(key)?, Bytes::new())
                .await?;
            if status.is_success() || status == StatusCode::NOT_FOUND {
                Ok(())
            } else {
                Err(s3_error("delete", status, &body))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    use axum::extract::State;
    use axum::http::HeaderMap;
    use axum::response::IntoResponse;

    const ACCESS: &str = "AKIAIOSFODNN7EXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    fn example_signer() -> SigV4<'static> {
        SigV4 {
            access_key: ACCESS,
            secret_key: SECRET,
            region: "us-east-1",
            service: "s3",
        }
    }

    fn may_24_2013() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2013-05-24T00:00:00Z")
            .expect("date")
            .with_timezone(&Utc)
    }

    /// AWS's "Example: GET Object" (S3 API reference, signature
    /// calculations for the Authorization header).
    #[test]
    fn sigv4_aws_get_object_example() {
        let auth = example_signer().authorization(
            "GET",
            "/test.txt",
            "",
            &[
                ("Host", "examplebucket.s3.amazonaws.com"),
                ("Range", "bytes=0-9"),
                ("x-amz-content-sha256", EMPTY_SHA256),
                ("x-amz-date", "20130524T000000Z"),
            ],
            EMPTY_SHA256,
            may_24_2013(),
        );
        assert_eq!(
            auth,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, \
             SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, \
             Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        );
    }

    /// AWS's "Example: PUT Object": a body, a `$` in the key (encoded in the
    /// path), headers given out of order.
    #[test]
    fn sigv4_aws_put_object_example() {
        let body = b"Welcome to Amazon S3.";
        let payload = hex(&Sha256::digest(body));
        assert_eq!(
            payload,
            "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"
        );
        let path = encode_path("/test$file.text");
        assert_eq!(path, "/test%24file.text");
        let auth = example_signer().authorization(
            "PUT",
            &path,
            "",
            &[
                ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                ("Host", "examplebucket.s3.amazonaws.com"),
                ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                ("x-amz-date", "20130524T000000Z"),
                ("x-amz-content-sha256", &payload),
            ],
            &payload,
            may_24_2013(),
        );
        assert!(
            auth.ends_with(
                "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, \
                 Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"
            ),
            "{auth}"
        );
    }

    #[test]
    fn endpoints_and_buckets_are_checked() {
        let secret = Secret::new("s");
        let settings = |endpoint, bucket, path_style| S3Settings {
            endpoint,
            bucket,
            region: "us-east-1",
            access_key: "a",
            secret_key: &secret,
            path_style,
        };
        for (endpoint, bucket) in [
            ("ftp://host", "files"),
            ("http://host/prefix", "files"),
            ("http://user:pw@host", "files"),
            ("host:9000", "files"),
            ("http://host", "Files"),
            ("http://host", "a/b"),
            ("http://host", "ab"),
        ] {
            assert!(
                S3Store::new(&settings(endpoint, bucket, true)).is_err(),
                "{endpoint} {bucket}"
            );
        }
        let store = S3Store::new(&settings("http://127.0.0.1:9000/", "files", true)).expect("ok");
        assert_eq!(store.host, "127.0.0.1:9000");
        let key = crate::adapters::storage::new_key();
        assert_eq!(
            store.object_path(&key).expect("key"),
            format!("/files/{key}")
        );
        assert!(store.object_path("../x").is_err());
        let store = S3Store::new(&settings("https://s3.example.kz", "files", false)).expect("ok");
        assert_eq!(store.host, "files.s3.example.kz");
        assert_eq!(store.object_path(&key).expect("key"), format!("/{key}"));
        assert!(!format!("{store:?}").contains("\"s\""));
    }

    #[test]
    fn error_codes_are_read() {
        let body =
            b"<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>x</Message></Error>";
        assert_eq!(s3_code(body), Some("NoSuchKey"));
        assert_eq!(s3_code(b"oops"), None);
        let e = s3_error("get", StatusCode::NOT_FOUND, body);
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert!(e.to_string().contains("NoSuchKey"));
    }

    /// A stand-in S3 server on a loopback port: checks every request's
    /// signature as a server would (from the headers it received) and keeps
    /// objects in memory.
    #[derive(Clone, Default)]
    struct FakeS3 {
        objects: Arc<Mutex<HashMap<String, Bytes>>>,
    }

    async fn fake_s3(
        State(fake): State<FakeS3>,
        method: Method,
        uri: Uri,
        headers: HeaderMap,
        body: Bytes,
    ) -> axum::response::Response {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let (host, date, payload) = (
            header("host"),
            header("x-amz-date"),
            header("x-amz-content-sha256"),
        );
        let Some(at) = chrono::NaiveDateTime::parse_from_str(&date, "%Y%m%dT%H%M%SZ")
            .ok()
            .map(|t| t.and_utc())
        else {
            return StatusCode::BAD_REQUEST.into_response();
        };
        let expected = example_signer().authorization(
            method.as_str(),
            uri.path(),
            "",
            &[
                ("host", &host),
                ("x-amz-content-sha256", &payload),
                ("x-amz-date", &date),
            ],
            &payload,
            at,
        );
        if header("authorization") != expected || payload != hex(&Sha256::digest(&body)) {
            let xml = "<Error><Code>SignatureDoesNotMatch</Code></Error>";
            return (StatusCode::FORBIDDEN, xml).into_response();
        }
        let mut objects = fake.objects.lock().expect("lock");
        let path = uri.path().to_owned();
        match method {
            Method::PUT => {
                objects.insert(path, body);
                StatusCode::OK.into_response()
            }
            Method::GET => match objects.get(&path) {
                Some(b) => b.clone().into_response(),
                None => (
                    StatusCode::NOT_FOUND,
                    "<Error><Code>NoSuchKey</Code></Error>",
                )
                    .into_response(),
            },
            Method::DELETE => {
                objects.remove(&path);
                StatusCode::NO_CONTENT.into_response()
            }
            _ => StatusCode::METHOD_NOT_ALLOWED.into_response(),
        }
    }

    #[tokio::test]
    async fn signed_round_trip_against_a_checking_server() {
        let fake = FakeS3::default();
        let router = axum::Router::new()
            .fallback(fake_s3)
            .with_state(fake.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let endpoint = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, router).await });
        let secret = Secret::new(SECRET);
        let settings = S3Settings {
            endpoint: &endpoint,
            bucket: "portal-files",
            region: "us-east-1",
            access_key: ACCESS,
            secret_key: &secret,
            path_style: true,
        };
        let store = S3Store::new(&settings).expect("store");
        let key = crate::adapters::storage::new_key();
        let content = Bytes::from_static("содержимое файла".as_bytes());
        store.put(&key, content.clone()).await.expect("put");
        assert!(
            fake.objects
                .lock()
                .expect("lock")
                .contains_key(&format!("/portal-files/{key}"))
        );
        assert_eq!(store.get(&key).await.expect("get"), content);
        store.delete(&key).await.expect("delete");
        store.delete(&key).await.expect("delete a missing key");
        let missing = store.get(&key).await.expect_err("gone");
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);

        let wrong = Secret::new("not the secret");
        let store = S3Store::new(&S3Settings {
            secret_key: &wrong,
            ..settings
        })
        .expect("store");
        let refused = store.put(&key, content).await.expect_err("refused");
        assert_eq!(refused.kind(), io::ErrorKind::PermissionDenied);
        assert!(refused.to_string().contains("SignatureDoesNotMatch"));
    }
}
