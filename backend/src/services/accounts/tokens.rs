//! Access tokens: short-lived JWTs signed with ES256. The algorithm is an
//! allow-list of one; `exp`, `nbf`, `iss`, `aud` and the `typ` header are
//! required and checked. A token whose signature and claims held is
//! remembered by its SHA-256 until it expires, so the next calls with it
//! check only the clock (the session is still checked on every call, by
//! `extract::CurrentUser`).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use p256::SecretKey;
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shared::account::Role;

use crate::clock::now_secs;
use crate::config::AuthConfig;
use crate::error::{AppError, AppResult};

/// The `typ` header of an access token (RFC 9068).
pub const ACCESS_TYP: &str = "at+jwt";
/// Seconds of clock difference allowed on `exp` and `nbf`.
const LEEWAY_SECS: u64 = 5;
/// At most this many verified tokens are remembered; past it the expired
/// ones go, and if none has, all of them (they are checked again).
const REMEMBERED_TOKENS: usize = 16_384;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// The user id.
    pub sub: String,
    pub role: Role,
    pub iss: String,
    pub aud: String,
    pub iat: u64,
    pub nbf: u64,
    pub exp: u64,
    pub jti: String,
    /// The refresh session (token family) this access token belongs to:
    /// when the session ends, so does the token.
    pub sid: String,
}

/// The key pair that signs and checks access tokens.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    issuer: String,
    audience: String,
    ttl_secs: u64,
    /// Tokens whose signature and claims held, by the SHA-256 of the token.
    verified: Mutex<HashMap<[u8; 32], Claims>>,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKeys(***)")
    }
}

impl TokenKeys {
    /// Loads the P-256 key from `path`, making one (mode 0600) on first start.
    pub fn load_or_create(path: &Path, cfg: &AuthConfig) -> AppResult<TokenKeys> {
        let pem = if path.exists() {
            std::fs::read_to_string(path).map_err(AppError::internal)?
        } else {
            let pem = generate_pem()?;
            write_private(path, &pem)?;
            pem
        };
        Self::from_pem(&pem, cfg)
    }

    /// A fresh key held only in memory (tests).
    pub fn ephemeral(cfg: &AuthConfig) -> AppResult<TokenKeys> {
        Self::from_pem(&generate_pem()?, cfg)
    }

    pub fn from_pem(private_pem: &str, cfg: &AuthConfig) -> AppResult<TokenKeys> {
        let secret = SecretKey::from_pkcs8_pem(private_pem).map_err(AppError::internal)?;
        let public_pem = secret
            .public_key()
            .to_public_key_pem(LineEnding::LF)
            .map_err(AppError::internal)?;
        Ok(TokenKeys {
            encoding: EncodingKey::from_ec_pem(private_pem.as_bytes())
                .map_err(AppError::internal)?,
            decoding: DecodingKey::from_ec_pem(public_pem.as_bytes())
                .map_err(AppError::internal)?,
            issuer: cfg.issuer.clone(),
            audience: cfg.audience.clone(),
            ttl_secs: cfg.access_ttl.as_secs(),
            verified: Mutex::new(HashMap::new()),
        })
    }

    pub fn ttl_secs(&self) -> u64 {
        self.ttl_secs
    }

    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    pub fn audience(&self) -> &str {
        &self.audience
    }

    /// Signs any claims with this key and `typ` header (tests forge tokens with it).
    pub fn sign<T: Serialize>(&self, typ: &str, claims: &T) -> AppResult<String> {
        let mut header = Header::new(Algorithm::ES256);
        header.typ = Some(typ.to_owned());
        jsonwebtoken::encode(&header, claims, &self.encoding).map_err(AppError::internal)
    }

    pub fn issue(&self, user_id: i32, role: Role, session: &str) -> AppResult<String> {
        let now = now_secs();
        let claims = Claims {
            sub: user_id.to_string(),
            role,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            iat: now,
            nbf: now,
            exp: now + self.ttl_secs,
            jti: uuid::Uuid::new_v4().to_string(),
            sid: session.to_owned(),
        };
        self.sign(ACCESS_TYP, &claims)
    }

    /// Checks signature, algorithm, `typ`, `exp`, `nbf`, `iss` and `aud`;
    /// for a token that held before, only `exp`.
    pub fn verify(&self, token: &str) -> AppResult<Claims> {
        self.verify_at(token, now_secs())
    }

    /// `verify` with the memory's clock at `now` (the signature's check
    /// reads the system clock).
    fn verify_at(&self, token: &str, now: u64) -> AppResult<Claims> {
        let digest: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        let known = self.remembered().get(&digest).cloned();
        if let Some(claims) = known {
            if claims.exp.saturating_add(LEEWAY_SECS) < now {
                self.remembered().remove(&digest);
                return Err(AppError::token_expired());
            }
            return Ok(claims);
        }
        let claims = self.verify_signed(token)?;
        let mut remembered = self.remembered();
        if remembered.len() >= REMEMBERED_TOKENS {
            remembered.retain(|_, c| c.exp.saturating_add(LEEWAY_SECS) >= now);
            if remembered.len() >= REMEMBERED_TOKENS {
                remembered.clear();
            }
        }
        remembered.insert(digest, claims.clone());
        Ok(claims)
    }

    /// The remembered tokens (a poisoned lock only means a panic elsewhere
    /// while it was held; the map is still whole).
    fn remembered(&self) -> std::sync::MutexGuard<'_, HashMap<[u8; 32], Claims>> {
        self.verified
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How many verified tokens are remembered (tests).
    #[cfg(test)]
    fn remembered_count(&self) -> usize {
        self.remembered().len()
    }

    fn verify_signed(&self, token: &str) -> AppResult<Claims> {
        match self.decode_as::<Claims>(ACCESS_TYP, token) {
            Ok(claims) => Ok(claims),
            Err(Refused::Expired) => Err(AppError::token_expired()),
            Err(Refused::Invalid) => Err(AppError::unauthenticated()),
        }
    }

    /// The claims of a token of another `typ` this key signed (a password
    /// reset link's), checked as an access token's are; `None` when it does
    /// not hold or has expired.
    pub fn verify_typed<T: DeserializeOwned>(&self, typ: &str, token: &str) -> Option<T> {
        self.decode_as(typ, token).ok()
    }

    /// Signature, algorithm, `typ`, `exp`, `nbf`, `iss`, `aud` and `sub`.
    fn decode_as<T: DeserializeOwned>(&self, typ: &str, token: &str) -> Result<T, Refused> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| Refused::Invalid)?;
        if header.alg != Algorithm::ES256 || header.typ.as_deref() != Some(typ) {
            return Err(Refused::Invalid);
        }
        let mut v = Validation::new(Algorithm::ES256);
        v.algorithms = vec![Algorithm::ES256];
        v.leeway = LEEWAY_SECS;
        v.validate_exp = true;
        v.validate_nbf = true;
        v.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        v.set_issuer(&[&self.issuer]);
        v.set_audience(&[&self.audience]);
        match jsonwebtoken::decode::<T>(token, &self.decoding, &v) {
            Ok(data) => Ok(data.claims),
            Err(e) if matches!(e.kind(), ErrorKind::ExpiredSignature) => Err(Refused::Expired),
            Err(_) => Err(Refused::Invalid),
        }
    }
}

/// Why a token was not taken.
enum Refused {
    Expired,
    Invalid,
}

fn generate_pem() -> AppResult<String> {
    let secret = SecretKey::random(&mut rand::rngs::OsRng);
    let pem = secret
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(AppError::internal)?;
    Ok(pem.to_string())
}

fn write_private(path: &Path, pem: &str) -> AppResult<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(AppError::internal)?;
    file.write_all(pem.as_bytes()).map_err(AppError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> TokenKeys {
        TokenKeys::ephemeral(&AuthConfig::default()).expect("a key")
    }

    #[test]
    fn a_verified_token_is_remembered_until_it_expires() {
        let keys = keys();
        let token = keys.issue(7, Role::Applicant, "family").expect("a token");
        let now = now_secs();
        assert_eq!(keys.verify_at(&token, now).expect("valid").sub, "7");
        assert_eq!(keys.remembered_count(), 1);
        assert_eq!(
            keys.verify_at(&token, now).expect("still valid").sid,
            "family"
        );
        assert_eq!(keys.remembered_count(), 1);

        let past = now + keys.ttl_secs() + LEEWAY_SECS + 1;
        let err = keys.verify_at(&token, past).expect_err("expired");
        assert_eq!(*err.code(), shared::error::ErrorCode::TokenExpired);
        assert_eq!(keys.remembered_count(), 0, "an expired token is forgotten");
    }

    #[test]
    fn a_refused_token_is_not_remembered_and_a_changed_one_is_checked_again() {
        let keys = keys();
        let token = keys.issue(7, Role::Applicant, "family").expect("a token");
        keys.verify(&token).expect("valid");
        // One character of the signature changed.
        let at = token.len() - 10;
        let swap = if &token[at..=at] == "A" { "B" } else { "A" };
        let tampered = format!("{}{swap}{}", &token[..at], &token[at + 1..]);
        assert!(keys.verify(&tampered).is_err());

        let other = super::TokenKeys::ephemeral(&AuthConfig::default()).expect("a key");
        assert!(
            other.verify(&token).is_err(),
            "another key's memory is its own"
        );
        assert_eq!(keys.remembered_count(), 1);
        assert_eq!(other.remembered_count(), 0);
    }
}
