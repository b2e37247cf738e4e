//! Demo accounts, one per role, seeded at start when configured (the
//! embedded default). Idempotent: an account that exists is left alone.
//! The credentials are listed in README.md.

use shared::account::{AccountKind, Role};
use shared::password::Password;

use crate::app::App;
use crate::error::{AppError, AppResult};
use crate::services::accounts::account as accounts;
use crate::services::accounts::account::NewAccount;
use crate::services::registry::licenses;
use crate::services::registry::licenses::NewLicense;

/// Licenses the demo applicants hold, for re-issuance and duplicates:
/// (number, holder's ИИН/БИН, service, provider, issued on, activity).
const LICENSES: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "KZ-L-2023-00000058",
        "900101300007",
        "med-license",
        "mangistau-health",
        "2023-09-18",
        "dentistry",
    ),
    (
        "KZ-L-2025-00000342",
        "900101300007",
        "veterinary",
        "akmola-agriculture",
        "2025-06-02",
        "vet_practice",
    ),
    (
        "KZ-L-2024-00000117",
        "050440000002",
        "med-license",
        "mangistau-health",
        "2024-03-12",
        "outpatient",
    ),
];

/// A demo account: (kind, ИИН/БИН, name, role, provider, password).
pub struct DemoAccount {
    pub kind: AccountKind,
    pub id_number: &'static str,
    pub name: &'static str,
    pub role: Role,
    pub provider: Option<&'static str>,
    pub password: &'static str,
}

pub const ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        kind: AccountKind::Individual,
        id_number: "900101300007",
        name: "Асқаров Ерлан Серікұлы",
        role: Role::Applicant,
        provider: None,
        password: "demo-applicant-2026",
    },
    DemoAccount {
        kind: AccountKind::LegalEntity,
        id_number: "050440000002",
        name: "ТОО «Каспий Мед Сервис»",
        role: Role::Applicant,
        provider: None,
        password: "demo-company-2026",
    },
    DemoAccount {
        kind: AccountKind::Individual,
        id_number: "850615400006",
        name: "Жұмабаева Айгүл Нұрланқызы",
        role: Role::Reviewer,
        provider: Some("mangistau-health"),
        password: "demo-reviewer-2026",
    },
    DemoAccount {
        kind: AccountKind::Individual,
        id_number: "950304300129",
        name: "Сейітқали Бекзат Ерланұлы",
        role: Role::Reviewer,
        provider: Some("aktau-polyclinic-1"),
        password: "demo-clinic-2026",
    },
    DemoAccount {
        kind: AccountKind::Individual,
        id_number: "920310300007",
        name: "Оспанов Данияр Маратұлы",
        role: Role::Operator,
        provider: None,
        password: "demo-operator-2026",
    },
    DemoAccount {
        kind: AccountKind::Individual,
        id_number: "800101300006",
        name: "Администратор портала",
        role: Role::Admin,
        provider: None,
        password: "demo-admin-2026",
    },
];

/// The demo information systems of the PHC organizations (the attachment
/// is fully automated, seed 002 item 3): (provider, БИН, name). Each has
/// its seal keystore (`demo::pki`).
pub const SYSTEMS: &[(&str, &str, &str)] = &[
    (
        "aktau-polyclinic-1",
        "060940010018",
        "«Ақтау қалалық №1 емханасы» МКК ақпараттық жүйесі",
    ),
    (
        "aktau-polyclinic-2",
        "060940010031",
        "«Ақтау қалалық №2 емханасы» МКК ақпараттық жүйесі",
    ),
    (
        "aktau-polyclinic-3",
        "060940010043",
        "«Ақтау қалалық №3 емханасы» МКК ақпараттық жүйесі",
    ),
    (
        "zhanaozen-polyclinic",
        "060940010055",
        "«Жаңаөзен қалалық емханасы» МКК ақпараттық жүйесі",
    ),
    (
        "beineu-hospital",
        "060940010067",
        "«Бейнеу аудандық ауруханасы» МКК ақпараттық жүйесі",
    ),
    (
        "munaily-hospital",
        "060940010079",
        "«Мұнайлы аудандық ауруханасы» МКК ақпараттық жүйесі",
    ),
    (
        "fort-shevchenko-hospital",
        "060940010080",
        "«Түпқараған аудандық ауруханасы» МКК ақпараттық жүйесі",
    ),
];

pub async fn seed(app: &App) -> AppResult<()> {
    for &(provider, bin, name) in SYSTEMS {
        let bin = shared::Bin::parse(bin)
            .map_err(|c| AppError::internal(format_args!("demo {bin}: {c:?}")))?;
        crate::services::automation::system::ensure(app, provider, &bin, name).await?;
    }
    for a in ACCOUNTS {
        a.kind
            .parse_id(a.id_number)
            .map_err(|c| AppError::internal(format_args!("demo {}: {c:?}", a.id_number)))?;
        if accounts::find_by_number(app, a.id_number).await?.is_some() {
            continue;
        }
        let password = Password::parse(a.password)
            .map_err(|c| AppError::internal(format_args!("demo password: {c:?}")))?;
        accounts::create(
            app,
            NewAccount {
                kind: a.kind,
                id_number: a.id_number.to_owned(),
                name: a.name.to_owned(),
                phone: "+77012345678".to_owned(),
                email: format!("{}@demo.egov.kz", a.role.code()),
                role: a.role,
                provider_code: a.provider.map(str::to_owned),
                password,
            },
        )
        .await?;
        tracing::info!(
            id_number = a.id_number,
            role = a.role.code(),
            "demo account created"
        );
    }
    for &(number, holder, service, provider, issued_on, activity) in LICENSES {
        let Some(user) = accounts::find_by_number(app, holder).await? else {
            continue;
        };
        let issued_on = shared::calendar::Date::parse(issued_on)
            .map_err(|c| AppError::internal(format_args!("demo license date: {c:?}")))?;
        licenses::record(
            app,
            NewLicense {
                number,
                holder: user.id,
                service,
                provider: Some(provider),
                issued_on,
                details: &format!("{{\"activity_subtype\":\"{activity}\"}}"),
            },
        )
        .await?;
    }
    Ok(())
}
