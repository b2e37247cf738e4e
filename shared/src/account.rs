//! Accounts, roles and the bodies of the authentication endpoints.

use serde::{Deserialize, Serialize};

use crate::contact::{Email, Name, Phone};
use crate::error::{Collector, FieldCode, FieldErrors};
use crate::ids::{Bin, Iin, TaxId};
use crate::password::Password;

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A citizen, an entrepreneur or a legal entity applying for services.
    Applicant,
    /// Staff of one service provider who review its requests.
    Reviewer,
    /// A public service center (ЦОН) operator who applies on behalf of visitors.
    Operator,
    Admin,
    /// A provider's information system: it decides the requests of a fully
    /// automated service and seals their results with the provider's
    /// information-system certificate. It never signs in.
    System,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Applicant,
        Role::Reviewer,
        Role::Operator,
        Role::Admin,
        Role::System,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Reviewer => "reviewer",
            Role::Operator => "operator",
            Role::Admin => "admin",
            Role::System => "system",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Whose account it is: a person (ИИН, also an individual entrepreneur) or a
/// legal entity (БИН).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    Individual,
    LegalEntity,
}

impl AccountKind {
    pub fn code(self) -> &'static str {
        match self {
            AccountKind::Individual => "individual",
            AccountKind::LegalEntity => "legal_entity",
        }
    }

    pub fn parse(code: &str) -> Option<AccountKind> {
        match code {
            "individual" => Some(AccountKind::Individual),
            "legal_entity" => Some(AccountKind::LegalEntity),
            _ => None,
        }
    }

    /// Parses the number a person of this kind identifies with.
    pub fn parse_id(self, input: &str) -> Result<TaxId, FieldCode> {
        match self {
            AccountKind::Individual => Iin::parse(input).map(TaxId::Iin),
            AccountKind::LegalEntity => Bin::parse(input).map(TaxId::Bin),
        }
    }
}

/// `POST /api/auth/register`. Raw strings, exactly as typed: the server and
/// the app both run [`RegisterRequest::validate`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterRequest {
    pub kind: String,
    /// ИИН for an individual, БИН for a legal entity.
    pub id_number: String,
    /// The person's full name, or the organization's name.
    pub name: String,
    pub phone: String,
    pub email: String,
    pub password: String,
}

/// A registration that passed every rule.
#[derive(Debug)]
pub struct ValidRegistration {
    pub kind: AccountKind,
    pub tax_id: TaxId,
    pub name: Name,
    pub phone: Phone,
    pub email: Email,
    pub password: Password,
}

impl RegisterRequest {
    pub fn validate(&self) -> Result<ValidRegistration, FieldErrors> {
        let mut c = Collector::new();
        let kind = c.check(
            "kind",
            AccountKind::parse(&self.kind).ok_or(FieldCode::UnknownChoice),
        );
        let tax_id = match kind {
            Some(k) => c.check("id_number", k.parse_id(&self.id_number)),
            None => None,
        };
        let name = c.check("name", Name::parse(&self.name));
        let phone = c.check("phone", Phone::parse(&self.phone));
        let email = c.check("email", Email::parse(&self.email));
        let owner = crate::password::Owner {
            tax_id: &self.id_number,
            phone: &self.phone,
            name: &self.name,
        };
        let password = c.check("password", Password::parse_for(&self.password, &owner));
        match (kind, tax_id, name, phone, email, password) {
            (Some(kind), Some(tax_id), Some(name), Some(phone), Some(email), Some(password))
                if c.is_empty() =>
            {
                Ok(ValidRegistration {
                    kind,
                    tax_id,
                    name,
                    phone,
                    email,
                    password,
                })
            }
            _ => Err(c.into_errors()),
        }
    }
}

/// `POST /api/auth/login`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// The ИИН or БИН the account was registered with.
    pub id_number: String,
    pub password: String,
}

/// `POST /api/auth/recover`: a one-time link to the account's e-mail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoverRequest {
    /// The ИИН or БИН the account was registered with.
    pub id_number: String,
    /// The language of the letter.
    #[serde(default)]
    pub lang: crate::Lang,
}

/// `POST /api/auth/recover/reset`: the link's token and the new password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetPasswordRequest {
    pub token: String,
    pub new_password: String,
}

/// `POST /api/auth/recover/eds`: a login challenge signed by the
/// authentication key of the account's ИИН/БИН, and the new password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EdsRecoverRequest {
    pub challenge_id: String,
    /// The CMS SignedData (detached), DER, base64.
    pub cms: String,
    pub new_password: String,
}

/// `POST /api/me/password`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// An account as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserDto {
    pub id: i64,
    pub kind: AccountKind,
    pub id_number: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub role: Role,
    /// The provider a reviewer works for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_code: Option<String>,
    pub disabled: bool,
}

/// The answer to register, login and refresh. The refresh token travels only
/// in an `HttpOnly` cookie; the access token lives in the app's memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionDto {
    pub access_token: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    pub user: UserDto,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> RegisterRequest {
        RegisterRequest {
            kind: "individual".into(),
            id_number: "900101300007".into(),
            name: "Иванов Иван".into(),
            phone: "8 701 123 45 67".into(),
            email: "ivan@example.kz".into(),
            password: "steppe-wind-2026".into(),
        }
    }

    #[test]
    fn valid_registration() {
        let v = good().validate().expect("valid");
        assert_eq!(v.kind, AccountKind::Individual);
        assert_eq!(v.tax_id.as_string(), "900101300007");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let r = RegisterRequest {
            id_number: "900101300008".into(),
            password: "short".into(),
            email: "nope".into(),
            ..good()
        };
        let errors = r.validate().expect_err("invalid");
        assert_eq!(errors["id_number"], vec![FieldCode::Checksum]);
        assert_eq!(errors["password"], vec![FieldCode::TooShort { min: 8 }]);
        assert_eq!(errors["email"], vec![FieldCode::Email]);
        assert!(!errors.contains_key("name"));
    }

    #[test]
    fn legal_entity_needs_a_bin() {
        let r = RegisterRequest {
            kind: "legal_entity".into(),
            ..good()
        };
        // 900101300007 is a valid ИИН but its fifth digit is no БИН kind.
        assert_eq!(
            r.validate().expect_err("invalid")["id_number"],
            vec![FieldCode::BinKind]
        );
    }
}
