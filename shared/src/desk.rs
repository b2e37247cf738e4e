//! The desk channels (SPEC §5, diagrams 2 and 3): provider staff and public
//! service center (ЦОН) operators enter a request on a visitor's behalf.
//! The visitor is looked up in the state registries — ГБД ФЛ for people by
//! ИИН, ГБД ЮЛ for organizations by БИН — and the request then follows the
//! same form, documents, payment and review as one made on the portal.

use serde::{Deserialize, Serialize};

use crate::account::AccountKind;
use crate::calendar::Date;
use crate::catalog::{Channel, RequestType};
use crate::ids::Sex;
use crate::request::parts::{ApplicantDto, RequestNumber, RequestStatus};

/// A person as ГБД ФЛ (the state database of individuals) knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonRecord {
    pub iin: String,
    pub surname: String,
    pub given_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patronymic: Option<String>,
    pub birth_date: Date,
    pub sex: Sex,
    /// The registered address, as the registry writes it.
    pub address: String,
}

impl PersonRecord {
    /// Surname, given name and patronymic, as documents write them.
    pub fn full_name(&self) -> String {
        [
            Some(self.surname.as_str()),
            Some(self.given_name.as_str()),
            self.patronymic.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
    }
}

/// The head of an organization, as ГБД ЮЛ names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeadRecord {
    pub iin: String,
    pub name: String,
}

/// An organization as ГБД ЮЛ (the state database of legal entities) knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationRecord {
    pub bin: String,
    pub name: String,
    pub registered_on: Date,
    pub address: String,
    pub head: HeadRecord,
}

/// What a registry answered about an ИИН or a БИН.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RegistryRecord {
    Person(PersonRecord),
    Organization(OrganizationRecord),
}

impl RegistryRecord {
    pub fn tax_id(&self) -> &str {
        match self {
            RegistryRecord::Person(p) => &p.iin,
            RegistryRecord::Organization(o) => &o.bin,
        }
    }

    /// The name an account and a document carry.
    pub fn name(&self) -> String {
        match self {
            RegistryRecord::Person(p) => p.full_name(),
            RegistryRecord::Organization(o) => o.name.clone(),
        }
    }

    pub fn account_kind(&self) -> AccountKind {
        match self {
            RegistryRecord::Person(_) => AccountKind::Individual,
            RegistryRecord::Organization(_) => AccountKind::LegalEntity,
        }
    }
}

/// `GET /api/desk/registry?kind=…&id_number=…`: look a visitor up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct LookupQuery {
    pub kind: AccountKind,
    pub id_number: String,
}

/// `GET /api/desk/status?number=…&id_number=…`: the status of any request
/// at any ЦОН (seeds 000 and 004, §10): its number and its applicant's
/// ИИН/БИН, both required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct StatusQuery {
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub id_number: String,
}

/// What a ЦОН operator tells the visitor of their request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusAnswer {
    pub number: RequestNumber,
    pub service: String,
    pub request_type: RequestType,
    pub status: RequestStatus,
    /// The deadline in working days, worked out at registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<Date>,
}

/// `POST /api/desk/requests`: start a request for the visitor `id_number`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskStart {
    pub service: String,
    pub request_type: RequestType,
    pub kind: AccountKind,
    pub id_number: String,
}

/// `PUT /api/desk/requests/{id}/paper`: the documents the visitor showed on
/// paper (catalog document codes); the list replaces the one before.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaperDocuments {
    pub documents: Vec<String>,
}

/// How a request entered at a desk came in, as its readers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskInfo {
    /// `provider` (the provider's own office) or `con` (a ЦОН).
    pub channel: Channel,
    /// The operator or staff member who entered it.
    pub entered_by: String,
    /// The documents ticked as presented on paper.
    pub paper: Vec<String>,
    /// RFC 3339: when the result was handed over in person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handed_over_at: Option<String>,
    /// Who handed it over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handed_over_by: Option<String>,
}

/// A result waiting at the desk to be handed over in person (seed 000
/// §17.6: the documents an applicant has not collected in time are kept
/// safe).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UncollectedRow {
    pub id: i64,
    pub service: String,
    pub status: RequestStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<RequestNumber>,
    pub applicant: ApplicantDto,
    /// RFC 3339: when the result was decided.
    pub decided_at: String,
    /// Whole days since then.
    pub waiting_days: u32,
    /// Waiting longer than the retention rule: to be passed to the
    /// provider's archive for safekeeping.
    pub past_retention: bool,
    /// RFC 3339: when the applicant was last reminded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminded_at: Option<String>,
}

/// `GET /api/desk/uncollected`: the results waiting at this desk, the
/// longest waiting first, and the retention rule they are held to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UncollectedList {
    /// How many days a result is kept at the desk (configuration).
    pub retention_days: u32,
    pub rows: Vec<UncollectedRow>,
}

/// `GET /api/desk/requests`: filters of the desk's list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct DeskQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RequestStatus>,
}

/// One request of the desk's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskRow {
    pub id: i64,
    pub service: String,
    pub request_type: RequestType,
    pub status: RequestStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<RequestNumber>,
    pub applicant: ApplicantDto,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<Date>,
    pub entered_by: String,
    pub handed_over: bool,
    /// RFC 3339.
    pub updated_at: String,
}

/// The channel a desk user enters requests through: a ЦОН operator's, or
/// the provider staff's own office.
pub fn desk_channel(role: crate::account::Role) -> Option<Channel> {
    match role {
        crate::account::Role::Operator => Some(Channel::Con),
        crate::account::Role::Reviewer => Some(Channel::Provider),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_name_skips_a_missing_patronymic() {
        let p = PersonRecord {
            iin: "900101300007".into(),
            surname: "Ким".into(),
            given_name: "Елена".into(),
            patronymic: None,
            birth_date: Date::from_ymd(1990, 1, 1).expect("date"),
            sex: Sex::Female,
            address: String::new(),
        };
        assert_eq!(p.full_name(), "Ким Елена");
        assert_eq!(
            RegistryRecord::Person(p).account_kind(),
            AccountKind::Individual
        );
    }

    #[test]
    fn only_desk_roles_have_a_channel() {
        use crate::account::Role;
        assert_eq!(desk_channel(Role::Operator), Some(Channel::Con));
        assert_eq!(desk_channel(Role::Reviewer), Some(Channel::Provider));
        assert_eq!(desk_channel(Role::Applicant), None);
        assert_eq!(desk_channel(Role::Admin), None);
    }
}
