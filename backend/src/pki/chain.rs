//! Certification paths: from a leaf certificate up to a trusted root, each
//! link checked — issuer found by key identifier, signature, validity at the
//! validation time, the issuer a CA, revocation by the issuer's current
//! CRL or OCSP answer (`revocation`).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::der::asn1::ObjectIdentifier as Oid;
use x509_cert::der::{Decode, Encode};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};

use super::cert::authority_key_id;
pub use super::cert::subject_key_id;
use super::revocation::crl::Crl;
use super::revocation::{Evidence, Refusal};
use super::signature::{SignatureError, verify_certificate};

const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
/// Longest path accepted, leaf and root included.
const MAX_DEPTH: usize = 6;
/// Certificate signatures remembered as checked; the set starts again when
/// full (a few hundred thousand holders fit in a few MB).
const MAX_REMEMBERED: usize = 100_000;

/// Why a path was refused. Each reason has its own code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("no trusted issuer for the certificate at depth {0}")]
    UnknownIssuer(usize),
    #[error("the signer's certificate is self-signed and not a trusted root")]
    SelfSignedLeaf,
    #[error("the certificate at depth {0} is not yet valid")]
    NotYetValid(usize),
    #[error("the certificate at depth {0} has expired")]
    Expired(usize),
    #[error("the issuer at depth {0} is not a certification authority")]
    IssuerNotCa(usize),
    #[error("the signature on the certificate at depth {depth}: {error}")]
    Signature { depth: usize, error: SignatureError },
    #[error("the certificate at depth {0} is revoked")]
    Revoked(usize),
    #[error("the certificate at depth {0} is on hold")]
    OnHold(usize),
    #[error("no CRL of the issuer of the certificate at depth {0}")]
    CrlMissing(usize),
    #[error("the CRL for the certificate at depth {0} is not current")]
    CrlStale(usize),
    #[error("the CRL for the certificate at depth {0} is not signed by its issuer")]
    CrlSignature(usize),
    #[error(
        "the OCSP response for the certificate at depth {0} is not its issuer's or not for this request"
    )]
    OcspForged(usize),
    #[error("no current OCSP answer for the certificate at depth {0}")]
    OcspMissing(usize),
    #[error("the path is longer than {MAX_DEPTH}")]
    TooLong,
}

fn extension<'a>(cert: &'a Certificate, oid: &Oid) -> Option<&'a Extension> {
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == *oid)
}

fn is_ca(cert: &Certificate) -> bool {
    let basic = extension(cert, &BASIC_CONSTRAINTS)
        .and_then(|e| BasicConstraints::from_der(e.extn_value.as_bytes()).ok())
        .is_some_and(|b| b.ca);
    let may_sign_certs = extension(cert, &KEY_USAGE)
        .map(|e| KeyUsage::from_der(e.extn_value.as_bytes()).is_ok_and(|k| k.key_cert_sign()))
        .unwrap_or(true);
    basic && may_sign_certs
}

fn self_issued(cert: &Certificate) -> bool {
    cert.tbs_certificate.subject == cert.tbs_certificate.issuer
}

/// The trusted roots and the known intermediate CAs.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    /// Shared by the store's copies, like `checked`: a verdict's copy
    /// (see [`TrustStore::with_intermediates`]) copies the list only when a
    /// signature brings a CA the store does not know.
    roots: Arc<Vec<Certificate>>,
    intermediates: Arc<Vec<Certificate>>,
    /// SHA-256 of (certificate DER, issuer's public key DER) of every
    /// certificate signature that held: the same bytes under the same key
    /// always give the same answer, and each verdict checks the same
    /// intermediates and roots, twice (at signing time and now). Shared by
    /// the store's copies.
    checked: Arc<Mutex<HashSet<[u8; 32]>>>,
}

impl TrustStore {
    pub fn new(roots: Vec<Certificate>, intermediates: Vec<Certificate>) -> TrustStore {
        TrustStore {
            roots: Arc::new(roots),
            intermediates: Arc::new(intermediates),
            checked: Arc::default(),
        }
    }

    /// The same store with `extra` as further (untrusted) intermediates: a
    /// path through them must still end at one of the roots.
    pub fn with_intermediates(&self, extra: &[Certificate]) -> TrustStore {
        let mut store = self.clone();
        for c in extra {
            if !store.intermediates.contains(c) && !store.roots.contains(c) && is_ca(c) {
                Arc::make_mut(&mut store.intermediates).push(c.clone());
            }
        }
        store
    }

    /// The known intermediate CAs.
    pub fn intermediates(&self) -> &[Certificate] {
        &self.intermediates
    }

    /// [`verify_certificate`], remembered when it holds (see `checked`).
    fn check_signature(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
    ) -> Result<(), SignatureError> {
        let key = link_key(cert, issuer);
        let known = |k: &[u8; 32]| self.checked.lock().is_ok_and(|set| set.contains(k));
        if key.as_ref().is_some_and(known) {
            return Ok(());
        }
        verify_certificate(cert, issuer)?;
        if let (Some(k), Ok(mut set)) = (key, self.checked.lock()) {
            if set.len() >= MAX_REMEMBERED {
                set.clear();
            }
            set.insert(k);
        }
        Ok(())
    }

    /// Certificate signatures remembered as checked.
    #[cfg(test)]
    fn remembered(&self) -> usize {
        self.checked.lock().map_or(0, |set| set.len())
    }

    fn is_root(&self, cert: &Certificate) -> bool {
        self.roots.iter().any(|r| r == cert)
    }

    /// The issuer of `cert`: by key identifier, or by name when the
    /// certificate names no key identifier.
    fn issuer_of(&self, cert: &Certificate) -> Option<&Certificate> {
        let aki = authority_key_id(cert.tbs_certificate.extensions.as_deref());
        self.roots
            .iter()
            .chain(self.intermediates.iter())
            .find(|candidate| match &aki {
                Some(id) => subject_key_id(candidate).as_ref() == Some(id),
                None => candidate.tbs_certificate.subject == cert.tbs_certificate.issuer,
            })
    }
}

/// What [`TrustStore::check_signature`] remembers a link by. DER is
/// self-delimiting, so the two encodings side by side are unambiguous.
fn link_key(cert: &Certificate, issuer: &Certificate) -> Option<[u8; 32]> {
    let mut hash = Sha256::new();
    hash.update(cert.to_der().ok()?);
    hash.update(super::cert::public_key_der(issuer).ok()?);
    Some(hash.finalize().into())
}

fn validity(cert: &Certificate, at: u64, depth: usize) -> Result<(), ChainError> {
    let v = &cert.tbs_certificate.validity;
    if at < v.not_before.to_unix_duration().as_secs() {
        return Err(ChainError::NotYetValid(depth));
    }
    if at > v.not_after.to_unix_duration().as_secs() {
        return Err(ChainError::Expired(depth));
    }
    Ok(())
}

/// A self-signed certificate that is not one of the trusted roots.
pub fn self_signed_untrusted(cert: &Certificate, store: &TrustStore) -> bool {
    self_issued(cert) && !store.is_root(cert)
}

/// The path from `cert` to a trusted root, leaf first, when every link's
/// signature holds and every issuer is a CA: validity and revocation aside
/// (those need the CRLs this path says where to fetch). None when there is
/// no such path, e.g. for a self-signed certificate that is not a root or
/// one issued by a CA nobody configured: nothing they name is fetched.
pub fn established_path(cert: &Certificate, store: &TrustStore) -> Option<Vec<Certificate>> {
    let mut path = vec![cert.clone()];
    for _ in 0..MAX_DEPTH {
        let last = path.last()?.clone();
        if store.is_root(&last) {
            return store.check_signature(&last, &last).ok().map(|()| path);
        }
        let issuer = store.issuer_of(&last)?;
        if *issuer == last || !is_ca(issuer) {
            return None;
        }
        store.check_signature(&last, issuer).ok()?;
        path.push(issuer.clone());
    }
    None
}

/// Checks the path from `leaf` to a trusted root at the time `at` (seconds
/// since the Unix epoch). The leaf must have a current CRL from its issuer;
/// an intermediate is checked against its issuer's CRL when one is given.
/// Gives the path, leaf first.
pub fn validate(
    leaf: &Certificate,
    store: &TrustStore,
    crls: &[Crl],
    at: u64,
) -> Result<Vec<Certificate>, ChainError> {
    validate_with(leaf, store, &Evidence::crls(crls), at)
}

/// [`validate`] with OCSP responses beside the CRLs, weighed by the trust
/// anchor's policy (`revocation`).
pub fn validate_with(
    leaf: &Certificate,
    store: &TrustStore,
    evidence: &Evidence<'_>,
    at: u64,
) -> Result<Vec<Certificate>, ChainError> {
    if self_signed_untrusted(leaf, store) {
        return Err(ChainError::SelfSignedLeaf);
    }
    // A path that cannot reach a trusted root is refused as such, before
    // any CRL or validity question along the way.
    let mut probe = leaf;
    for depth in 0..MAX_DEPTH {
        if store.is_root(probe) {
            break;
        }
        match store.issuer_of(probe) {
            Some(issuer) if issuer != probe => probe = issuer,
            _ => return Err(ChainError::UnknownIssuer(depth)),
        }
    }
    let mut path = vec![leaf.clone()];
    let mut depth = 0;
    loop {
        let cert = &path[depth];
        validity(cert, at, depth)?;
        if store.is_root(cert) {
            store
                .check_signature(cert, cert)
                .map_err(|error| ChainError::Signature { depth, error })?;
            return Ok(path);
        }
        let issuer = store
            .issuer_of(cert)
            .ok_or(ChainError::UnknownIssuer(depth))?;
        if !is_ca(issuer) {
            return Err(ChainError::IssuerNotCa(depth + 1));
        }
        store
            .check_signature(cert, issuer)
            .map_err(|error| ChainError::Signature { depth, error })?;
        super::revocation::check(cert, issuer, evidence, at, depth).map_err(|r| match r {
            Refusal::Revoked => ChainError::Revoked(depth),
            Refusal::OnHold => ChainError::OnHold(depth),
            Refusal::CrlMissing => ChainError::CrlMissing(depth),
            Refusal::CrlStale => ChainError::CrlStale(depth),
            Refusal::CrlSignature => ChainError::CrlSignature(depth),
            Refusal::OcspForged => ChainError::OcspForged(depth),
            Refusal::OcspMissing => ChainError::OcspMissing(depth),
        })?;
        let issuer = issuer.clone();
        path.push(issuer);
        depth += 1;
        if depth >= MAX_DEPTH {
            return Err(ChainError::TooLong);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::testdata::*;

    fn rsa_store() -> TrustStore {
        TrustStore::new(
            vec![cert("ca/root_rsa_test.pem")],
            vec![cert("ca/nca_rsa_test.pem")],
        )
    }

    fn rsa_crl() -> Vec<Crl> {
        vec![Crl::parse(&interop("crl/nca_rsa_test__2022-03-29.crl")).expect("crl")]
    }

    /// 2022-06-01: inside the leaf's, the intermediate's and the CRL's windows.
    const JUNE_2022: u64 = 1_654_041_600;

    #[test]
    fn the_national_rsa_chain_validates() {
        let path = validate(
            &cert("certs/2022_rsa_individual_sign.cer"),
            &rsa_store(),
            &rsa_crl(),
            JUNE_2022,
        )
        .expect("valid");
        assert_eq!(path.len(), 3);
        assert!(
            validate(
                &cert("certs/2022_rsa_individual_auth.cer"),
                &rsa_store(),
                &rsa_crl(),
                JUNE_2022
            )
            .is_ok()
        );
    }

    #[test]
    fn the_keys_the_crl_lists_are_refused() {
        for f in [
            "certs/2022_rsa_individual_sign_revoked_ncanode.leaf.pem",
            "certs/2022_rsa_individual_auth_revoked_ncanode.leaf.pem",
        ] {
            let r = validate(&cert(f), &rsa_store(), &rsa_crl(), JUNE_2022);
            assert!(
                matches!(r, Err(ChainError::Revoked(0) | ChainError::OnHold(0))),
                "{f}: {r:?}"
            );
        }
    }

    #[test]
    fn time_crl_and_trust_are_each_checked() {
        let leaf = cert("certs/2022_rsa_individual_sign.cer");
        // 2017: before the leaf.
        assert_eq!(
            validate(&leaf, &rsa_store(), &rsa_crl(), 1_500_000_000),
            Err(ChainError::NotYetValid(0))
        );
        // 2023-06: after the leaf.
        assert_eq!(
            validate(&leaf, &rsa_store(), &rsa_crl(), 1_686_000_000),
            Err(ChainError::Expired(0))
        );
        // 2022-12: leaf valid, CRL past its nextUpdate.
        assert_eq!(
            validate(&leaf, &rsa_store(), &rsa_crl(), 1_670_000_000),
            Err(ChainError::CrlStale(0))
        );
        assert_eq!(
            validate(&leaf, &rsa_store(), &[], JUNE_2022),
            Err(ChainError::CrlMissing(0))
        );
        let gost_only = TrustStore::new(vec![cert("ca/root_test_gost_2022.cer")], vec![]);
        assert_eq!(
            validate(&leaf, &gost_only, &rsa_crl(), JUNE_2022),
            Err(ChainError::UnknownIssuer(0))
        );
        // The root offered as a signer's certificate.
        let root = cert("ca/root_rsa_test.pem");
        let no_roots = TrustStore::new(vec![], vec![cert("ca/nca_rsa_test.pem")]);
        assert_eq!(
            validate(&root, &no_roots, &rsa_crl(), JUNE_2022),
            Err(ChainError::SelfSignedLeaf)
        );
    }

    #[test]
    fn a_crl_must_come_from_the_issuer() {
        // A CRL that names the issuer but fails its signature is refused.
        let leaf = cert("certs/2022_rsa_individual_sign.cer");
        let crl = rsa_crl();
        let mut bytes = crl[0].list.to_der().expect("der");
        // Flip one bit inside the signature (the last bytes of the DER).
        let n = bytes.len();
        bytes[n - 3] ^= 0x01;
        let tampered = Crl::parse(&bytes).expect("still a CRL");
        assert_eq!(
            validate(&leaf, &rsa_store(), &[tampered], JUNE_2022),
            Err(ChainError::CrlSignature(0))
        );
    }

    #[test]
    fn a_carried_intermediate_joins_only_the_verdicts_copy() {
        // A store that knows only the root: the intermediate comes with the
        // signature, and the store itself stays as it was.
        let root_only = TrustStore::new(vec![cert("ca/root_rsa_test.pem")], vec![]);
        let leaf = cert("certs/2022_rsa_individual_sign.cer");
        let intermediate = cert("ca/nca_rsa_test.pem");
        assert_eq!(
            validate(&leaf, &root_only, &rsa_crl(), JUNE_2022),
            Err(ChainError::UnknownIssuer(0))
        );
        let copy = root_only.with_intermediates(std::slice::from_ref(&intermediate));
        validate(&leaf, &copy, &rsa_crl(), JUNE_2022).expect("valid with the carried CA");
        assert_eq!(copy.intermediates(), std::slice::from_ref(&intermediate));
        assert!(root_only.intermediates().is_empty());
        // A leaf is not a CA and is never taken as one.
        assert!(
            root_only
                .with_intermediates(&[leaf])
                .intermediates()
                .is_empty()
        );
    }

    #[test]
    fn checked_signatures_are_remembered_and_a_changed_certificate_is_checked_again() {
        let store = rsa_store();
        let crls = rsa_crl();
        let leaf = cert("certs/2022_rsa_individual_sign.cer");
        assert_eq!(store.remembered(), 0);
        validate(&leaf, &store, &crls, JUNE_2022).expect("valid");
        // The leaf under the intermediate, the intermediate under the root,
        // the root under itself; a copy of the store shares them.
        assert_eq!(store.remembered(), 3);
        let copy = store.with_intermediates(&[]);
        validate(&leaf, &copy, &crls, JUNE_2022).expect("valid again");
        assert_eq!(store.remembered(), 3);
        // The same certificate with one bit of its signature changed is a
        // new link, checked in full and refused, and not remembered.
        let mut bytes = leaf.to_der().expect("der");
        let n = bytes.len();
        bytes[n - 3] ^= 0x01;
        let forged = Certificate::from_der(&bytes).expect("still a certificate");
        assert!(matches!(
            validate(&forged, &store, &crls, JUNE_2022),
            Err(ChainError::Signature { depth: 0, .. })
        ));
        assert_eq!(store.remembered(), 3);
    }

    #[test]
    fn a_crl_checked_once_is_still_refused_under_another_key() {
        let crl = rsa_crl().remove(0);
        let nca = cert("ca/nca_rsa_test.pem");
        crl.verify(&nca).expect("signed by the intermediate");
        crl.verify(&nca).expect("remembered");
        let root = cert("ca/root_rsa_test.pem");
        assert!(crl.verify(&root).is_err());
    }
}
