//! Password hashing with Argon2id. Hashing runs on the blocking pool so it
//! never stalls the async workers.

use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::config::AuthConfig;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone)]
pub struct PasswordHashing {
    params: Params,
}

impl PasswordHashing {
    pub fn new(cfg: &AuthConfig) -> AppResult<Self> {
        let params = Params::new(cfg.argon2_memory_kib, cfg.argon2_passes, 1, None)
            .map_err(AppError::internal)?;
        Ok(PasswordHashing { params })
    }

    fn argon(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    pub async fn hash(&self, password: String) -> AppResult<String> {
        let argon = self.argon();
        tokio::task::spawn_blocking(move || {
            let salt = SaltString::generate(&mut OsRng);
            argon
                .hash_password(password.as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(AppError::internal)
        })
        .await?
    }

    /// True when `password` matches `hash`. The parameters stored in the hash
    /// are the ones used, so older hashes keep working after a change.
    pub async fn verify(&self, password: String, hash: String) -> AppResult<bool> {
        let argon = self.argon();
        tokio::task::spawn_blocking(move || {
            let parsed = PasswordHash::new(&hash).map_err(AppError::internal)?;
            Ok(argon.verify_password(password.as_bytes(), &parsed).is_ok())
        })
        .await?
    }
}
