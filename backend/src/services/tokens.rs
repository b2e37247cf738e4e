//! Access tokens: short-lived JWTs signed with ES256. The algorithm is an
//! allow-list of one; `exp`, `nbf`, `iss`, `aud` and the `typ` header are
//! required and checked.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use p256::SecretKey;
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use serde::{Deserialize, Serialize};
use shared::account::Role;

use crate::config::AuthConfig;
use crate::error::{AppError, AppResult};

/// The `typ` header of an access token (RFC 9068).
pub const ACCESS_TYP: &str = "at+jwt";

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
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKeys(***)")
    }
}

pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
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

    /// Checks signature, algorithm, `typ`, `exp`, `nbf`, `iss` and `aud`.
    pub fn verify(&self, token: &str) -> AppResult<Claims> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| AppError::unauthenticated())?;
        if header.alg != Algorithm::ES256 || header.typ.as_deref() != Some(ACCESS_TYP) {
            return Err(AppError::unauthenticated());
        }
        let mut v = Validation::new(Algorithm::ES256);
        v.algorithms = vec![Algorithm::ES256];
        v.leeway = 5;
        v.validate_exp = true;
        v.validate_nbf = true;
        v.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        v.set_issuer(&[&self.issuer]);
        v.set_audience(&[&self.audience]);
        match jsonwebtoken::decode::<Claims>(token, &self.decoding, &v) {
            Ok(data) => Ok(data.claims),
            Err(e) if matches!(e.kind(), ErrorKind::ExpiredSignature) => {
                Err(AppError::token_expired())
            }
            Err(_) => Err(AppError::unauthenticated()),
        }
    }
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
