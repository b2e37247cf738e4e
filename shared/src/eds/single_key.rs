//! The national certification center's GOST R 34.10-2015 certificate is
//! the holder's one key: it signs documents and logs in. The center marks
//! it as a signing key only (extended key usage e-mail protection,
//! 1.3.6.1.5.5.7.3.4, beside the role OIDs; no client authentication), and
//! issues no separate GOST authentication key: every GOST R 34.10-2015
//! certificate of its test sets (2022–2026, `backend/tests/fixtures/
//! nca-test-pki`) is such. Its RSA (and the demo center's) keys stay two,
//! an authentication and a signing key, told apart by their extended key
//! usage as before.
//!
//! The browser's signer and the server read a certificate with this one
//! rule, so a login with such a key is neither refused by one side nor
//! accepted by the other alone.

/// The national center's GOST R 34.10-2015 key algorithms (1.2.398.3.10.1.1.2.*).
const NATIONAL_GOST_2015: &str = "1.2.398.3.10.1.1.2.";
const EKU_CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";
const EKU_EMAIL_PROTECTION: &str = "1.3.6.1.5.5.7.3.4";

/// Whether a certificate with the public key algorithm `key_algorithm` and
/// the extended key usages `extended_key_usage` (dotted OIDs) is the
/// national center's single GOST key, which serves authentication as well
/// as signing.
pub fn national_single_key<S: AsRef<str>>(key_algorithm: &str, extended_key_usage: &[S]) -> bool {
    let has = |oid: &str| extended_key_usage.iter().any(|e| e.as_ref() == oid);
    key_algorithm.starts_with(NATIONAL_GOST_2015)
        && has(EKU_EMAIL_PROTECTION)
        && !has(EKU_CLIENT_AUTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_national_gost_2015_signing_key_is_single() {
        let sign = ["1.3.6.1.5.5.7.3.4", "1.2.398.3.3.4.1.1"];
        assert!(national_single_key("1.2.398.3.10.1.1.2.2", &sign));
        // An RSA or ECDSA signing key is a signing key only.
        assert!(!national_single_key("1.2.840.113549.1.1.1", &sign));
        assert!(!national_single_key("1.2.840.10045.2.1", &sign));
        // TC26's and the 2004 national keys are not the national center's 2015 profile.
        assert!(!national_single_key("1.2.643.7.1.1.1.2", &sign));
        assert!(!national_single_key("1.2.398.3.10.1.1.1.1", &sign));
        // A GOST key without the signing usage, or marked for both, is not.
        assert!(!national_single_key(
            "1.2.398.3.10.1.1.2.2",
            &["1.2.398.3.3.4.1.2"]
        ));
        assert!(!national_single_key(
            "1.2.398.3.10.1.1.2.2",
            &["1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.2"]
        ));
        assert!(!national_single_key::<&str>("1.2.398.3.10.1.1.2.2", &[]));
        // A look-alike OID is not the family.
        assert!(!national_single_key("1.2.398.3.10.1.1.20", &sign));
    }
}
