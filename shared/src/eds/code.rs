//! Why a keystore could not be used or a signature was refused, one code
//! per reason (shown as `shared::eds::EdsCode`). Its own module because
//! the API's `ErrorCode::SignatureRejected` carries it: `error` imports
//! this, not the rest of `eds`, which imports `error`.

use serde::Serialize;

codes! {
    /// Why a keystore could not be used or a signature was refused: the
    /// seeds' "refusal because the signature's authenticity is not
    /// confirmed", with the particular reason.
    pub enum EdsCode {
        // In the browser, opening the keystore.
        /// The file is not a PKCS#12 keystore.
        NotAKeystore = "not_a_keystore",
        /// The keystore's password is wrong.
        WrongPassword = "wrong_password",
        /// The keystore holds no private key or no certificate.
        KeystoreEmpty = "keystore_empty",
        /// A key algorithm the portal does not sign with (e.g. GOST 34.10).
        UnsupportedKey = "unsupported_key",
        // In the browser and on the server.
        /// An authentication key offered to sign a document.
        AuthKeyForSigning = "auth_key_for_signing",
        /// A signing key offered to log in or register.
        SigningKeyForAuth = "signing_key_for_auth",
        /// A certificate of the path has expired.
        Expired = "expired",
        /// A certificate of the path is not valid yet.
        NotYetValid = "not_yet_valid",
        /// The ИИН in the certificate is not the request's or the account's.
        IinMismatch = "iin_mismatch",
        /// The БИН in the certificate is not the request's or the account's.
        BinMismatch = "bin_mismatch",
        // On the server.
        /// Not a CMS signature at all: empty, garbage, truncated.
        Malformed = "malformed",
        /// The signature is over other content than the document.
        ContentMismatch = "content_mismatch",
        /// The document is neither in the signature nor sent beside it.
        ContentMissing = "content_missing",
        /// The cryptographic signature does not verify (tampered, or another
        /// certificate put in the signer's place).
        BadSignature = "bad_signature",
        /// MD5, SHA-1, RSA below 2048 bits or another refused algorithm.
        WeakAlgorithm = "weak_algorithm",
        /// An algorithm, curve or digest outside the allow-list that is not
        /// weak for all that (e.g. a GOST parameter set not mapped yet).
        UnsupportedAlgorithm = "unsupported_algorithm",
        /// The certificate is not a signing or authentication key at all.
        WrongKeyUsage = "wrong_key_usage",
        /// The signature carries no signing time.
        SigningTimeMissing = "signing_time_missing",
        /// Signed outside the certificate's validity, or in the future.
        SigningTime = "signing_time",
        /// The certificate is revoked.
        Revoked = "revoked",
        /// The certificate is suspended (on hold).
        OnHold = "on_hold",
        /// The certificate was not issued by a trusted certification center.
        UnknownIssuer = "unknown_issuer",
        /// A self-signed certificate offered as a holder's.
        SelfSigned = "self_signed",
        /// A certificate on the path that is not a certification authority.
        IssuerNotCa = "issuer_not_ca",
        /// No revocation list for an issuer on the path.
        CrlMissing = "crl_missing",
        /// The revocation list is out of date.
        CrlStale = "crl_stale",
        /// The revocation list is not signed by the certificate's issuer.
        CrlForged = "crl_forged",
        /// The OCSP answer is not signed by the issuer or its responder, or
        /// does not answer the portal's question (a replay).
        OcspForged = "ocsp_forged",
        /// The issuer's OCSP responder gave no current answer where the
        /// trust policy requires one.
        OcspMissing = "ocsp_missing",
        /// A legal entity's certificate whose holder is neither its head nor
        /// has the right to sign for it.
        NotEntitled = "not_entitled",
        /// The login or registration challenge is unknown, used or expired.
        ChallengeExpired = "challenge_expired",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_tagged() {
        let mut all = EdsCode::ALL_CODES.to_vec();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), EdsCode::ALL_CODES.len());
        let json = serde_json::to_string(&EdsCode::AuthKeyForSigning).expect("json");
        assert_eq!(json, r#"{"code":"auth_key_for_signing"}"#);
    }
}
