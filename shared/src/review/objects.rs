//! The licensee's branches, representative offices and objects (points,
//! sites) carrying on the licensed activity, which the E-licensing registry
//! holds beside the license (seed 000 §1, item 2: «…а также филиалах,
//! представительствах (объектах, пунктах, участках) лицензиата,
//! осуществляющих лицензируемый вид (подвид) деятельности»).

use serde::{Deserialize, Serialize};

/// The longest name or address kept.
pub const MAX_OBJECT_TEXT_CHARS: usize = 500;

/// What a unit of the licensee is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    /// «филиал»: has its own БИН (unit digit 1).
    Branch,
    /// «представительство»: has its own БИН (unit digit 2).
    RepresentativeOffice,
    /// «объект, пункт, участок»: a place of activity without a БИН.
    Site,
}

impl ObjectKind {
    pub const ALL: [ObjectKind; 3] = [
        ObjectKind::Branch,
        ObjectKind::RepresentativeOffice,
        ObjectKind::Site,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ObjectKind::Branch => "branch",
            ObjectKind::RepresentativeOffice => "representative_office",
            ObjectKind::Site => "site",
        }
    }

    pub fn parse(code: &str) -> Option<ObjectKind> {
        ObjectKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The БИН's unit digit a unit of this kind has, if it has a БИН.
    pub fn bin_unit(self) -> Option<u8> {
        match self {
            ObjectKind::Branch => Some(1),
            ObjectKind::RepresentativeOffice => Some(2),
            ObjectKind::Site => None,
        }
    }
}

/// `POST /api/registry/{number}/objects` and `PUT …/objects/{id}`: a unit
/// added or changed by the licensor's staff, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObjectChange {
    pub kind: ObjectKind,
    pub name: String,
    pub address: String,
    /// A branch's or representative office's own БИН.
    #[serde(default)]
    pub bin: String,
    pub reason: String,
}

/// `POST /api/registry/{number}/objects/{id}/close`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObjectClose {
    pub reason: String,
}

/// A unit as the registry shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObjectDto {
    pub id: i64,
    pub kind: ObjectKind,
    pub name: String,
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<String>,
    /// RFC 3339.
    pub opened_at: String,
    /// RFC 3339, once closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<String>,
}
