//! Behaviour of the generated entities: conversions to the API's types. The
//! entities themselves (`db/entities/`) are generated and never edited.

use shared::account::{AccountKind, Role, UserDto};

use super::entities::users;

impl users::Model {
    pub fn role(&self) -> Role {
        // Written only from `Role::code`; an unknown value gets no rights.
        Role::parse(&self.role).unwrap_or(Role::Applicant)
    }

    pub fn kind(&self) -> AccountKind {
        AccountKind::parse(&self.kind).unwrap_or(AccountKind::Individual)
    }

    pub fn to_dto(&self) -> UserDto {
        UserDto {
            id: i64::from(self.id),
            kind: self.kind(),
            id_number: self.id_number.clone(),
            name: self.name.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            role: self.role(),
            provider_code: self.provider_code.clone(),
            disabled: self.disabled,
        }
    }
}
