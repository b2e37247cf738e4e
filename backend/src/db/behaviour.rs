//! Behaviour of the generated entities: conversions to the API's types. The
//! entities themselves (`db/entities/`) are generated and never edited.

use shared::account::{AccountKind, Role, UserDto};

use super::entities::users;
use super::stored;
use crate::error::AppResult;

impl users::Model {
    /// The account's role (written only from `Role::code`); a value that does
    /// not decode is an error, never a role with fewer or more rights.
    pub fn role(&self) -> AppResult<Role> {
        stored::state("users.role", &self.role, Role::parse)
    }

    pub fn kind(&self) -> AppResult<AccountKind> {
        stored::state("users.kind", &self.kind, AccountKind::parse)
    }

    pub fn to_dto(&self) -> AppResult<UserDto> {
        Ok(UserDto {
            id: i64::from(self.id),
            kind: self.kind()?,
            id_number: self.id_number.clone(),
            name: self.name.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            role: self.role()?,
            provider_code: self.provider_code.clone(),
            disabled: self.disabled,
        })
    }
}
