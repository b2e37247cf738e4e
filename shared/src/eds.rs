//! The electronic digital signature (ЭЦП) as both sides see it: what a key is
//! for, why a signature or a keystore is refused (one code per reason, which
//! the app localizes as `eds.<code>`), and the messages between the app and
//! its signing worker.

use serde::{Deserialize, Serialize};

pub(crate) mod code;
mod single_key;
pub mod validation;

pub use code::EdsCode;
pub use single_key::national_single_key;

/// What a key may be used for (the extended key usage of its certificate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum KeyPurpose {
    /// Logging in and registering (1.3.6.1.5.5.7.3.2).
    Authentication,
    /// Signing documents (1.3.6.1.5.5.7.3.4).
    Signing,
}

/// The signing prompt's order to the signing worker. The keystore's bytes
/// and the content travel beside it as `Uint8Array`s (see the worker).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignOrder {
    pub password: String,
    pub purpose: KeyPurpose,
    /// Refuse before signing when the certificate's ИИН is another.
    #[serde(default)]
    pub expect_iin: Option<String>,
    /// Refuse before signing when the certificate's БИН is another.
    #[serde(default)]
    pub expect_bin: Option<String>,
    /// The browser's clock, Unix milliseconds: the signing time.
    pub now_ms: f64,
}

/// Who signed, read from the certificate, to show the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Signer {
    pub common_name: Option<String>,
    pub iin: Option<String>,
    pub bin: Option<String>,
    pub organization: Option<String>,
    /// The certificate's serial number, hex.
    pub serial: String,
    /// Unix seconds.
    pub not_after: u64,
}

/// What a challenge is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChallengePurpose {
    Login,
    Register,
}

/// `POST /api/auth/eds/challenge`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChallengeRequest {
    pub purpose: ChallengePurpose,
}

/// What the user signs with the authentication key to log in or register:
/// a fresh, single-use server challenge, bound to this portal and purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChallengeDocument {
    /// The portal's public address.
    pub portal: String,
    pub purpose: ChallengePurpose,
    /// 32 random bytes, base64url.
    pub nonce: String,
    /// Unix seconds.
    pub issued_at: u64,
    /// Unix seconds; the server refuses the challenge after this.
    pub expires_at: u64,
}

impl ChallengeDocument {
    /// The bytes that are signed: the canonical JSON of the document.
    pub fn to_signed_bytes(&self) -> Vec<u8> {
        // Strings, an enum and integers below 2^53: always representable.
        crate::canonical::to_bytes(self).unwrap_or_default()
    }
}

/// The answer to [`ChallengeRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Challenge {
    /// Quote it back with the signature.
    pub id: String,
    pub document: ChallengeDocument,
}

/// `POST /api/auth/eds/login`: the challenge signed with the authentication key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EdsLoginRequest {
    pub challenge_id: String,
    /// The CMS SignedData (detached), DER, base64.
    pub cms: String,
}

/// `POST /api/auth/eds/register`: the account is made from the
/// certificate's ИИН/БИН and name; the contacts and a password come from
/// the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EdsRegisterRequest {
    pub challenge_id: String,
    pub cms: String,
    pub phone: String,
    pub email: String,
    pub password: String,
}

/// The contacts and password of an ЭЦП registration, once valid.
#[derive(Debug)]
pub struct ValidEdsRegistration {
    pub phone: crate::contact::Phone,
    pub email: crate::contact::Email,
    pub password: crate::password::Password,
}

impl EdsRegisterRequest {
    /// The form's own fields (the signature is the server's to check).
    pub fn validate(&self) -> Result<ValidEdsRegistration, crate::error::FieldErrors> {
        let mut c = crate::error::Collector::new();
        let phone = c.check("phone", crate::contact::Phone::parse(&self.phone));
        let email = c.check("email", crate::contact::Email::parse(&self.email));
        // The ИИН/БИН and the name come from the certificate: the server
        // checks those against the password once it has read them.
        let owner = crate::password::Owner {
            phone: &self.phone,
            ..Default::default()
        };
        let password = c.check(
            "password",
            crate::password::Password::parse_for(&self.password, &owner),
        );
        match (phone, email, password) {
            (Some(phone), Some(email), Some(password)) => Ok(ValidEdsRegistration {
                phone,
                email,
                password,
            }),
            _ => Err(c.into_errors()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signed_bytes_are_canonical_json() {
        let doc = ChallengeDocument {
            portal: "http://127.0.0.1:8080".into(),
            purpose: ChallengePurpose::Login,
            nonce: "abc".into(),
            issued_at: 1_795_400_000,
            expires_at: 1_795_400_600,
        };
        assert_eq!(
            String::from_utf8(doc.to_signed_bytes()).expect("utf-8"),
            r#"{"expires_at":1795400600,"issued_at":1795400000,"nonce":"abc","portal":"http://127.0.0.1:8080","purpose":"login"}"#
        );
    }

    #[test]
    fn registration_fields_are_checked_together() {
        let bad = EdsRegisterRequest {
            phone: "12".into(),
            email: "x".into(),
            password: "short".into(),
            ..EdsRegisterRequest::default()
        };
        let errors = bad.validate().expect_err("invalid");
        assert_eq!(errors.len(), 3);
    }
}
