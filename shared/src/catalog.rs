//! The service catalog as the API shows it: services, their providers and
//! regions, forms, required documents and qualification checklists.
//!
//! The catalog is data (see `backend/data/catalog/`): these types describe
//! it; nothing here names a particular service.

use serde::{Deserialize, Serialize};

use crate::account::AccountKind;
use crate::i18n::Text;
use crate::money::{MrpHundredths, Tiyn};

/// The three kinds of request a license service takes (SPEC §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestType {
    /// выдача
    Issuance,
    /// переоформление, of a license the applicant holds
    Reissuance,
    /// выдача дубликата
    Duplicate,
}

impl RequestType {
    pub const ALL: [RequestType; 3] = [
        RequestType::Issuance,
        RequestType::Reissuance,
        RequestType::Duplicate,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestType::Issuance => "issuance",
            RequestType::Reissuance => "reissuance",
            RequestType::Duplicate => "duplicate",
        }
    }

    pub fn parse(code: &str) -> Option<RequestType> {
        RequestType::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Who may apply: by ИИН, by БИН, or either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Eligibility {
    IinOnly,
    BinOnly,
    IinOrBin,
}

impl Eligibility {
    pub fn allows(self, kind: AccountKind) -> bool {
        matches!(
            (self, kind),
            (Eligibility::IinOrBin, _)
                | (Eligibility::IinOnly, AccountKind::Individual)
                | (Eligibility::BinOnly, AccountKind::LegalEntity)
        )
    }
}

/// Where a request can be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The e-government portal (this app).
    Portal,
    /// The provider's own office.
    Provider,
    /// A public service center (ЦОН).
    Con,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Portal, Channel::Provider, Channel::Con];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Portal => "portal",
            Channel::Provider => "provider",
            Channel::Con => "con",
        }
    }

    pub fn parse(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// The degree of automation a service's regulation states (each seed's
/// item 3: «Степень автоматизации электронной государственной услуги»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Automation {
    /// «частично автоматизированная»: a person decides (the licenses).
    Partial,
    /// «полностью автоматизированная»: the system decides when its rules
    /// hold (the PHC attachment).
    Full,
}

/// The kind of a service a regulation states (item 4: «Вид оказания
/// электронной государственной услуги»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    /// «транзакционная»: needs an exchange of information signed with an
    /// ЭЦП.
    Transactional,
}

/// The quality survey's form as a service's regulation words it (its
/// appendix «Форма анкеты для определения показателей … «качество» и
/// «доступность»», headed with the service's name): the two questions and
/// the three answers, one text for each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyForm {
    /// The form's heading (the service's name follows it).
    pub title: Text,
    /// 1. The quality of the process and of the result.
    pub process: Text,
    /// 2. The quality of the information on the procedure.
    pub information: Text,
    pub not_satisfied: Text,
    pub partially: Text,
    pub satisfied: Text,
}

/// One request type of a service, with its deadline and fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestTypeSpec {
    pub kind: RequestType,
    /// Processing time in working days (Kazakhstan's calendar).
    pub deadline_working_days: u16,
    /// The fee in МРП; zero for a free service.
    pub fee_mrp: MrpHundredths,
    /// A service-specific name for this request type, when the generic one
    /// does not fit (e.g. "attachment" for a clinic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

/// A choice in a select field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    pub code: String,
    pub label: Text,
}

/// What a form field holds and the rule its value follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text {
        #[serde(default = "default_text_max")]
        max_len: u32,
    },
    /// Several lines of text.
    Textarea {
        #[serde(default = "default_textarea_max")]
        max_len: u32,
    },
    /// Exactly `len` digits (a cadastral or registration number, say).
    Digits {
        len: u32,
    },
    Integer {
        min: i64,
        max: i64,
    },
    /// A decimal with up to two places (an area in m², a capacity in tonnes).
    Decimal {
        min: u64,
        max: u64,
    },
    Date {
        /// The date may not lie in the future (a date of issue, say).
        #[serde(default)]
        past_only: bool,
    },
    Select {
        options: Vec<Choice>,
    },
    Iin,
    Bin,
    Phone,
    Email,
    Checkbox,
}

fn default_text_max() -> u32 {
    200
}

fn default_textarea_max() -> u32 {
    2000
}

/// One field of a service's request form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldSpec {
    pub key: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
    #[serde(flatten)]
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// The request types whose form shows this field; all when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_types: Vec<RequestType>,
}

/// How a document reaches the provider.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentSource {
    /// The applicant attaches a file.
    #[default]
    Upload,
    /// The portal makes it from the filled form (the application itself).
    Form,
    /// The payment gateway's confirmation stands for it.
    Payment,
}

/// A document the applicant must (or may) attach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentSpec {
    pub code: String,
    pub name: Text,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub source: DocumentSource,
    /// The request types that need it; all when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_types: Vec<RequestType>,
}

impl DocumentSpec {
    /// Whether `request_type` needs it.
    pub fn applies_to(&self, request_type: RequestType) -> bool {
        self.request_types.is_empty() || self.request_types.contains(&request_type)
    }
}

/// One qualification requirement the provider checks (condition 4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChecklistItem {
    pub code: String,
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryDto {
    pub code: String,
    pub name: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionDto {
    pub code: String,
    pub name: Text,
}

/// A service provider (услугодатель): a state body or a medical organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderDto {
    pub code: String,
    pub name: Text,
    pub region: String,
    /// District or city within the region.
    pub district: Text,
    pub address: Text,
    pub phone: String,
    /// Working hours, in words.
    pub hours: Text,
    /// For a medical organization: how many people it can take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
}

/// A row of the catalog list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceSummary {
    pub code: String,
    pub category: String,
    pub name: Text,
    pub summary: Text,
    pub eligibility: Eligibility,
    pub free: bool,
    pub channels: Vec<Channel>,
    pub providers: Vec<String>,
    pub regions: Vec<String>,
    /// The service's own names of request types (a clinic's "attachment"
    /// for an issuance), where the generic name does not fit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub type_labels: Vec<TypeLabel>,
}

/// A service's own name for one of its request types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TypeLabel {
    pub kind: RequestType,
    pub label: Text,
}

/// What the pages that list requests need of a [`ServiceSummary`]: its name
/// and its own names of request types.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ServiceNames {
    pub code: String,
    pub name: Text,
    #[serde(default)]
    pub type_labels: Vec<TypeLabel>,
}

impl ServiceDetail {
    /// The service's own name of `kind`, if it has one.
    pub fn type_label(&self, kind: RequestType) -> Option<&Text> {
        self.request_types
            .iter()
            .find(|r| r.spec.kind == kind)
            .and_then(|r| r.spec.label.as_ref())
    }
}

impl ServiceNames {
    /// The service's own name of `kind`, if it has one.
    pub fn type_label(&self, kind: RequestType) -> Option<&Text> {
        self.type_labels
            .iter()
            .find(|l| l.kind == kind)
            .map(|l| &l.label)
    }
}

/// What a card of the public catalog shows of a [`ServiceSummary`] (and
/// what the pages that only name a service need): the app reads the list
/// into this (serde passes over the other fields), so the code that reads
/// channels, providers and regions is not in the first download but in the
/// one page that needs them, the desk.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ServiceCard {
    pub code: String,
    pub name: Text,
    pub summary: Text,
    pub eligibility: Eligibility,
    pub free: bool,
}

/// A request type with its fee worked out for the current year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PricedRequestType {
    #[serde(flatten)]
    pub spec: RequestTypeSpec,
    pub fee: Tiyn,
}

/// The service's passport: everything an applicant needs before applying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceDetail {
    pub code: String,
    pub category: String,
    pub name: Text,
    pub summary: Text,
    pub description: Text,
    pub legal_basis: Text,
    /// What the applicant receives.
    pub result: Text,
    pub eligibility: Eligibility,
    pub automation: Automation,
    pub service_kind: ServiceKind,
    pub channels: Vec<Channel>,
    /// The desk channels where the person at the desk signs the request
    /// with their own ЭЦП (a ЦОН's operator; for the PHC attachment, the
    /// clinic's employee, seed 002 §7 process 5); at the others the desk
    /// registers it without a signature (seed 000 §7 process 7).
    pub desk_signs: Vec<Channel>,
    pub request_types: Vec<PricedRequestType>,
    /// The year and МРП value the fees were computed with.
    pub mrp_year: i32,
    pub mrp_tenge: u32,
    pub documents: Vec<DocumentSpec>,
    pub fields: Vec<FieldSpec>,
    pub checklist: Vec<ChecklistItem>,
    pub providers: Vec<ProviderDto>,
    pub survey: SurveyForm,
}

/// Everything the catalog page filters by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogFacets {
    pub categories: Vec<CategoryDto>,
    pub providers: Vec<ProviderDto>,
    pub regions: Vec<RegionDto>,
}

/// `GET /api/catalog/services` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct CatalogQuery {
    /// Words to find in the name, summary or description, in any language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

impl CatalogQuery {
    /// The search words, lower-cased; empty when there is nothing to search.
    pub fn words(&self) -> Vec<String> {
        self.q
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A card is read from the very JSON the catalog list sends.
    #[test]
    fn a_card_reads_from_a_summary() {
        let text = |w: &str| Text {
            kk: format!("{w} kk"),
            ru: format!("{w} ru"),
            en: format!("{w} en"),
        };
        let summary = ServiceSummary {
            code: "pesticide-license".into(),
            category: "agriculture".into(),
            name: text("name"),
            summary: text("summary"),
            eligibility: Eligibility::BinOnly,
            free: false,
            channels: vec![Channel::Portal, Channel::Con],
            providers: vec!["ma".into()],
            regions: vec!["astana".into()],
            type_labels: vec![TypeLabel {
                kind: RequestType::Issuance,
                label: text("attachment"),
            }],
        };
        let json = serde_json::to_string(&[&summary]).expect("json");
        let names: Vec<ServiceNames> = serde_json::from_str(&json).expect("names");
        assert_eq!(
            names[0].type_label(RequestType::Issuance),
            Some(&text("attachment"))
        );
        assert_eq!(names[0].type_label(RequestType::Duplicate), None);
        let cards: Vec<ServiceCard> = serde_json::from_str(&json).expect("cards");
        assert_eq!(
            cards,
            [ServiceCard {
                code: summary.code,
                name: summary.name,
                summary: summary.summary,
                eligibility: Eligibility::BinOnly,
                free: false,
            }]
        );
    }

    #[test]
    fn request_type_codes_round_trip() {
        for r in RequestType::ALL {
            assert_eq!(RequestType::parse(r.code()), Some(r));
            assert_eq!(
                serde_json::to_string(&r).expect("json"),
                format!("\"{}\"", r.code())
            );
        }
        assert_eq!(RequestType::parse("renewal"), None);
    }

    #[test]
    fn eligibility() {
        assert!(Eligibility::BinOnly.allows(AccountKind::LegalEntity));
        assert!(!Eligibility::BinOnly.allows(AccountKind::Individual));
        assert!(!Eligibility::IinOnly.allows(AccountKind::LegalEntity));
        assert!(Eligibility::IinOrBin.allows(AccountKind::Individual));
    }

    #[test]
    fn field_spec_wire_form() {
        let json = r#"{"key":"area","label":{"kk":"Ауданы","ru":"Площадь","en":"Area"},
            "type":"decimal","min":1,"max":100000,"required":true}"#;
        let f: FieldSpec = serde_json::from_str(json).expect("parse");
        assert_eq!(
            f.kind,
            FieldKind::Decimal {
                min: 1,
                max: 100_000
            }
        );
        assert!(f.required && f.request_types.is_empty());
    }

    #[test]
    fn query_words() {
        let q = CatalogQuery {
            q: Some("  Лицензия  ВЕТЕРИНАРИЯ ".into()),
            ..Default::default()
        };
        assert_eq!(q.words(), vec!["лицензия", "ветеринария"]);
    }
}
