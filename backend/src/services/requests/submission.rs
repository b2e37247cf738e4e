//! Signing a finished request: what the applicant signs, the checks before
//! it, and the verified submission.

use crate::app::App;
use crate::db::entities::{files as file_rows, requests, users};
use crate::error::{AppError, AppResult};
use crate::pki::cert::KeyPurpose;
use crate::pki::verify::Expected;
use crate::services::core::model::answers_of;
use crate::services::core::model::channel_of;
use crate::services::core::model::fee;
use crate::services::core::model::request_type_of;
use crate::services::core::model::service;
use crate::services::core::reach::Reached;
use crate::services::core::reach::reach;
use crate::services::core::reach::require_editable;
use crate::services::eds::signatures;
use crate::services::payments::status;
use crate::services::registry::clinics;
use crate::services::registry::licenses as registry_licenses;
use crate::services::requests::files;
use crate::services::requests::problems::require_complete;
use crate::services::requests::register::register;
use crate::services::requests::view::dto;
use axum::http::StatusCode;
use shared::ErrorCode;
use shared::account::AccountKind;
use shared::catalog::ServiceDetail;
use shared::request::{Application, RequestDto, SignedFile, SignedPayment};

/// The application as it stands: what the applicant signs.
pub async fn build_application(
    app: &App,
    user: &users::Model,
    model: &requests::Model,
    stored: &[file_rows::Model],
) -> AppResult<Application> {
    let license = match model.license_id {
        Some(id) => registry_licenses::by_id(app, id).await?.map(|l| l.number),
        None => None,
    };
    let payment = status::paid(app, model.id).await?;
    Ok(Application {
        request: i64::from(model.id),
        service: model.service_code.clone(),
        request_type: request_type_of(model)?,
        provider: model.provider_code.clone(),
        applicant: user.id_number.clone(),
        applicant_name: user.name.clone(),
        license,
        answers: answers_of(model)?,
        files: stored
            .iter()
            .map(|f| SignedFile {
                document: f.document_code.clone(),
                name: f.file_name.clone(),
                sha256: f.sha256.clone(),
                size: u64::try_from(f.size_bytes).unwrap_or(0),
            })
            .collect(),
        payment: payment.map(|p| SignedPayment {
            transaction: p.transaction_id.unwrap_or_default(),
            amount_tiyn: u64::try_from(p.amount_tiyn).unwrap_or(0),
        }),
    })
}

/// Checks what must hold before signing: a complete form, a paid fee
/// (condition 2), a medical organization with room.
/// Shared by signing on the portal or at a ЦОН and registering at the
/// provider's desk.
pub async fn ready_to_sign(
    app: &App,
    user: &users::Model,
    detail: &ServiceDetail,
    model: &requests::Model,
    stored: &[file_rows::Model],
) -> AppResult<()> {
    require_editable(model)?;
    require_complete(detail, model, stored)?;
    if !fee(detail, model)?.is_zero() && !status::is_paid(app, model.id).await? {
        return Err(AppError::new(
            StatusCode::PAYMENT_REQUIRED,
            ErrorCode::PaymentRequired,
        ));
    }
    if clinics::attaches(app, &detail.code) {
        clinics::check_choice(app, user, model.provider_code.as_deref()).await?;
    }
    Ok(())
}

/// `GET /api/requests/{id}/application`: what «Подписать» signs.
pub async fn application(app: &App, user: &users::Model, id: i32) -> AppResult<Application> {
    let Reached { model, owner, .. } = reach(app, user, id).await?;
    let detail = service(app, &model.service_code)?;
    let stored = files::of_request(app, model.id).await?;
    ready_to_sign(app, &owner, &detail, &model, &stored).await?;
    build_application(app, &owner, &model, &stored).await
}

/// Verifies the applicant's signature over the application as stored
/// (condition 3) and registers the request (process 9): a number, the due
/// date in working days, status `submitted`. A refusal changes nothing.
///
/// At a ЦОН the operator signs with their own ЭЦП (seed 000 §8, process
/// 5), and at the PHC clinic's desk its employee (seed 002 §7, process 5):
/// the signature is checked against the signer's ИИН as every signature
/// is, the application still names the applicant. Provider staff of a
/// license service register without a signature (`desk::work::register`).
pub async fn submit(app: &App, user: &users::Model, id: i32, cms: &str) -> AppResult<RequestDto> {
    let Reached { model, owner, desk } = reach(app, user, id).await?;
    let detail = service(app, &model.service_code)?;
    // At a desk, only where the service has its desk sign (a ЦОН's
    // operator; the PHC clinic's employee); elsewhere staff register it
    // without a signature (`desk::work::register`).
    if desk && !detail.desk_signs.contains(&channel_of(&model)?) {
        return Err(AppError::forbidden());
    }
    let stored = files::of_request(app, model.id).await?;
    ready_to_sign(app, &owner, &detail, &model, &stored).await?;
    let content = build_application(app, &owner, &model, &stored)
        .await?
        .to_signed_bytes();
    let der = signatures::decode(cms)?;
    // The signer: the applicant, or the ЦОН operator (a person).
    let (iin, bin) = match user.kind()? {
        AccountKind::Individual => (Some(user.id_number.as_str()), None),
        AccountKind::LegalEntity => (None, Some(user.id_number.as_str())),
    };
    let now_secs = crate::clock::now_secs();
    let report = app
        .trust
        .verify(
            &der,
            Expected {
                content: &content,
                iin,
                bin,
                purpose: KeyPurpose::Signing,
            },
            now_secs,
        )
        .await?;
    let timestamp = app.trust.stamp(&der, now_secs).await?;
    let model = register(
        app,
        &detail,
        model,
        user.id,
        Some(signatures::Accepted {
            user_id: user.id,
            purpose: "request",
            subject: None,
            content: &content,
            cms: &der,
            report: &report,
            timestamp: timestamp.as_ref(),
        }),
    )
    .await?;
    let model = crate::services::automation::registered(app, &detail, &owner, model).await?;
    dto(app, &detail, &owner, &model).await
}
