//! The demo certification center itself: its root and its issuing CA
//! (made in `pki/` once, the keys never served), the keys it issues into
//! keystores, the revocations it records, the CRL it publishes, the OCSP
//! responder (`/pki/ocsp`) and the timestamping authority (`/pki/tsp`) it
//! runs, and the portal's own seal (its information-system certificate).

use std::path::{Path, PathBuf};

use p256::ecdsa::SigningKey;
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use x509_cert::der::{Encode, EncodePem};

use crate::error::{AppError, AppResult};
use crate::pki::ca::{self, Holder, Issued};
use crate::pki::cert::{self, HolderRole, KeyPurpose};

const DAY: u64 = 86_400;

fn write(path: &Path, bytes: &[u8]) -> AppResult<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(AppError::internal)?;
    }
    std::fs::write(path, bytes).map_err(AppError::internal)
}

/// Loads a CA from `private/<name>-key.pem` and `public/<name>.pem`, or makes it.
fn ca(dir: &Path, name: &str, make: impl FnOnce() -> AppResult<Issued>) -> AppResult<Issued> {
    let key_path = dir.join("private").join(format!("{name}-key.pem"));
    let cert_path = dir.join("public").join(format!("{name}.pem"));
    if key_path.exists() && cert_path.exists() {
        let key_pem = std::fs::read_to_string(&key_path).map_err(AppError::internal)?;
        let key = SigningKey::from_pkcs8_pem(&key_pem).map_err(AppError::internal)?;
        let cert = cert::read(&std::fs::read(&cert_path).map_err(AppError::internal)?)
            .map_err(AppError::internal)?;
        return Ok(Issued { cert, key });
    }
    let issued = make()?;
    let key_pem = issued
        .key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(AppError::internal)?;
    write(&key_path, key_pem.as_bytes())?;
    let cert_pem = issued
        .cert
        .to_pem(LineEnding::LF)
        .map_err(AppError::internal)?;
    write(&cert_path, cert_pem.as_bytes())?;
    Ok(issued)
}

/// Who the portal's seal names: the portal as an information system of
/// its operator (a demo БИН), with its administrator's ИИН.
fn seal_holder() -> Holder {
    Holder {
        iin: "800101300006".into(),
        surname: "ДЕМО ПОРТАЛ".into(),
        given_name: "ЭЦҚ ТЕКСЕРУ".into(),
        bin: Some("100140000122".into()),
        organization: Some("ДЕМО ПОРТАЛ ОПЕРАТОРЫ".into()),
        roles: vec![HolderRole::LegalEntity, HolderRole::InformationSystem],
    }
}

/// A revocation the demo center has recorded.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RevocationEntry {
    /// The certificate's serial number, lower-case hex.
    pub serial: String,
    /// Unix seconds.
    pub at: u64,
    /// Suspended (certificateHold) rather than revoked.
    pub hold: bool,
}

/// The demo center's two CAs, loaded from the data folder (made if missing).
pub struct Center {
    dir: PathBuf,
    pub root: Issued,
    pub nca: Issued,
    /// Its timestamping authority (`/pki/tsp`).
    pub tsa: Issued,
    /// The portal's own information-system certificate (the national
    /// role 1.2.398.3.3.4.1.2.6): it seals the validation reports.
    pub seal: Issued,
    crl_url: String,
    ocsp_url: String,
}

impl std::fmt::Debug for Center {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Center")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

/// What a new certificate is: key algorithm and purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    P256,
    Rsa2048,
}

impl Center {
    /// Opens the demo center in `data_dir/pki`, making its CAs when missing.
    pub fn open(data_dir: &Path, public_url: &str, now: u64) -> AppResult<Center> {
        let dir = data_dir.join("pki");
        let root = ca(&dir, "demo-root", || {
            ca::root("ДЕМО ТҮБІРЛІК КУӘЛАНДЫРУШЫ ОРТАЛЫҚ", now - DAY, 20 * 365)
                .map_err(AppError::internal)
        })?;
        let nca = ca(&dir, "demo-nca", || {
            ca::intermediate(
                &root,
                "ДЕМО ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ",
                now - DAY,
                10 * 365,
            )
            .map_err(AppError::internal)
        })?;
        let tsa = ca(&dir, "demo-tsa", || {
            crate::pki::tsp::authority::issue(
                &nca,
                "ДЕМО УАҚЫТ БЕЛГІСІ ҚЫЗМЕТІ",
                now - DAY,
                5 * 365,
            )
            .map_err(AppError::internal)
        })?;
        let public = public_url.trim_end_matches('/');
        let crl_url = format!("{public}/pki/demo-nca.crl");
        let ocsp_url = Center::service_url(public_url, "ocsp");
        let seal = ca(&dir, "demo-seal", || {
            let urls = ca::Urls {
                crl: &crl_url,
                ocsp: Some(&ocsp_url),
            };
            ca::leaf(
                &nca,
                &seal_holder(),
                KeyPurpose::Signing,
                urls,
                now - DAY,
                5 * 365,
            )
            .map_err(AppError::internal)
        })?;
        Ok(Center {
            dir,
            root,
            nca,
            tsa,
            seal,
            crl_url,
            ocsp_url,
        })
    }

    /// The address of the center's `service` (`ocsp`, as its certificates
    /// name it, or `tsp`).
    pub fn service_url(public_url: &str, service: &str) -> String {
        format!("{}/pki/{service}", public_url.trim_end_matches('/'))
    }

    /// The demo center of `data_dir`, if it has been made (a portal trusting
    /// only a production center has none).
    pub fn existing(data_dir: &Path, public_url: &str, now: u64) -> AppResult<Option<Center>> {
        let key = data_dir
            .join("pki")
            .join("private")
            .join("demo-nca-key.pem");
        if key.is_file() {
            Center::open(data_dir, public_url, now).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The OCSP response to `request`, from the revocations recorded now
    /// (so one `portal pki revoke` is answered at the next question).
    pub fn ocsp(&self, request: &[u8], now: u64) -> Vec<u8> {
        use crate::pki::revocation::ocsp::Status;
        let revocations = match self.revocations() {
            Ok(all) => all,
            Err(e) => {
                tracing::error!(error = ?e, "the demo center's revocations are unreadable");
                return crate::pki::revocation::ocsp::respond::internal_error();
            }
        };
        let status_of = |serial: &[u8]| {
            let key = crate::pki::revocation::crl::serial_key(serial);
            revocations
                .iter()
                .find(|r| r.serial == key)
                .map_or(Status::Good, |r| Status::Revoked {
                    at: r.at,
                    hold: r.hold,
                })
        };
        crate::pki::revocation::ocsp::respond::respond(request, &self.nca, status_of, now)
    }

    /// The timestamp response to `request` (RFC 3161), the center's
    /// certificates carried with the token.
    pub fn tsp(&self, request: &[u8], now: u64) -> Vec<u8> {
        let chain = [self.nca.cert.clone(), self.root.cert.clone()];
        crate::pki::tsp::respond::respond(request, &self.tsa, &chain, now)
    }

    fn urls(&self) -> ca::Urls<'_> {
        ca::Urls {
            crl: &self.crl_url,
            ocsp: Some(&self.ocsp_url),
        }
    }

    fn revocations_path(&self) -> PathBuf {
        self.dir.join("revocations.json")
    }

    /// What the center has revoked or suspended.
    pub fn revocations(&self) -> AppResult<Vec<RevocationEntry>> {
        match std::fs::read(self.revocations_path()) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(AppError::internal),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(AppError::internal(e)),
        }
    }

    /// Whether the published CRL is missing or more than a day old.
    pub fn crl_older_than_a_day(&self) -> bool {
        let crl_path = self.dir.join("public").join("demo-nca.crl");
        std::fs::metadata(&crl_path)
            .and_then(|m| m.modified())
            .map(|t| t.elapsed().map(|e| e.as_secs() > DAY).unwrap_or(true))
            .unwrap_or(true)
    }

    /// Publishes the CRL (`public/demo-nca.crl`), current for a week.
    pub fn publish_crl(&self, now: u64) -> AppResult<PathBuf> {
        let mut list = Vec::new();
        for r in self.revocations()? {
            let bytes = hex_bytes(&r.serial)?;
            list.push(ca::Revocation {
                serial: x509_cert::serial_number::SerialNumber::new(&bytes)
                    .map_err(AppError::internal)?,
                at: r.at,
                hold: r.hold,
            });
        }
        let crl = ca::crl(&self.nca, &list, now - 60, now + 7 * DAY).map_err(AppError::internal)?;
        let path = self.dir.join("public").join("demo-nca.crl");
        write(&path, &crl.to_der().map_err(AppError::internal)?)?;
        Ok(path)
    }

    /// Records a revocation (or suspension) of `serial` and publishes the CRL.
    pub fn revoke(&self, serial_hex: &str, hold: bool, now: u64) -> AppResult<()> {
        let serial = crate::pki::revocation::crl::serial_key(&hex_bytes(serial_hex)?);
        let mut all = self.revocations()?;
        // Entries are stored in `serial_key` form: one per certificate.
        all.retain(|r| r.serial != serial);
        all.push(RevocationEntry {
            serial,
            at: now,
            hold,
        });
        let json = serde_json::to_vec_pretty(&all).map_err(AppError::internal)?;
        write(&self.revocations_path(), &json)?;
        self.publish_crl(now)?;
        Ok(())
    }

    /// Issues a certificate for `holder` and writes its keystore; gives the
    /// certificate's serial number (hex).
    pub fn issue(
        &self,
        holder: &Holder,
        purpose: KeyPurpose,
        kind: KeyKind,
        password: &str,
        out: &Path,
        now: u64,
    ) -> AppResult<String> {
        let name = format!("{} {}", holder.surname, holder.given_name);
        let (cert, bytes) = match kind {
            KeyKind::P256 => {
                let issued = ca::leaf(&self.nca, holder, purpose, self.urls(), now - DAY, 365)
                    .map_err(AppError::internal)?;
                let bytes =
                    crate::pki::keystore::write(&issued, Some(&self.nca.cert), password, &name)
                        .map_err(AppError::internal)?;
                (issued.cert, bytes)
            }
            KeyKind::Rsa2048 => {
                let issued = ca::leaf_rsa(
                    &self.nca,
                    holder,
                    purpose,
                    self.urls(),
                    now - DAY,
                    365,
                    2048,
                )
                .map_err(AppError::internal)?;
                let bytes =
                    crate::pki::keystore::write_rsa(&issued, Some(&self.nca.cert), password, &name)
                        .map_err(AppError::internal)?;
                (issued.cert, bytes)
            }
        };
        write(out, &bytes)?;
        Ok(crate::pki::revocation::crl::serial_key(
            cert.tbs_certificate.serial_number.as_bytes(),
        ))
    }
}

fn hex_bytes(hex: &str) -> AppResult<Vec<u8>> {
    let hex = hex.trim().trim_start_matches("0x");
    let padded = if hex.len() % 2 == 1 {
        format!("0{hex}")
    } else {
        hex.to_owned()
    };
    (0..padded.len())
        .step_by(2)
        .map(|i| {
            padded
                .get(i..i + 2)
                .and_then(|b| u8::from_str_radix(b, 16).ok())
                .ok_or_else(|| AppError::internal(format!("not a hex serial number: {hex}")))
        })
        .collect()
}
