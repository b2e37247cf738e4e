//! The applicant's requests: drafts, history, files, payment, signing,
//! the result and the survey; the licenses and clinics a form offers.

use shared::request::{
    Application, ClinicsDto, CreateDraft, LicenseDto, PaymentRedirect, RequestDto, RequestQuery,
    RequestSummary, SaveDraft, StartPayment, SubmitSigned, SurveyBody,
};

use super::failure::ApiFailure;
use super::http::{Method, encode, json};
use super::session::{Session, authed, authed_response, authed_unit, bytes};

/// Starts a draft of a service.
pub async fn create_draft(session: Session, req: &CreateDraft) -> Result<RequestDto, ApiFailure> {
    authed(session, Method::Post, "/api/requests", Some(json(req)?)).await
}

pub async fn request(session: Session, id: i64) -> Result<RequestDto, ApiFailure> {
    authed(session, Method::Get, &format!("/api/requests/{id}"), None).await
}

/// Saves a draft as the user has it.
pub async fn save_draft(
    session: Session,
    id: i64,
    req: &SaveDraft,
) -> Result<RequestDto, ApiFailure> {
    authed(
        session,
        Method::Put,
        &format!("/api/requests/{id}"),
        Some(json(req)?),
    )
    .await
}

/// «История получения услуг».
pub async fn requests(
    session: Session,
    q: &RequestQuery,
) -> Result<Vec<RequestSummary>, ApiFailure> {
    let mut params = Vec::new();
    if let Some(s) = q.status {
        params.push(format!("status={}", s.code()));
    }
    if let Some(s) = q.service.as_deref().filter(|s| !s.is_empty()) {
        params.push(format!("service={}", encode(s)));
    }
    let path = if params.is_empty() {
        "/api/requests".to_owned()
    } else {
        format!("/api/requests?{}", params.join("&"))
    };
    authed(session, Method::Get, &path, None).await
}

/// Removes an attached file from a draft.
pub async fn delete_file(session: Session, id: i64, file: i64) -> Result<(), ApiFailure> {
    authed_unit(
        session,
        Method::Delete,
        &format!("/api/requests/{id}/files/{file}"),
        None,
    )
    .await
}

/// An attached file's bytes.
pub async fn file_bytes(session: Session, id: i64, file: i64) -> Result<Vec<u8>, ApiFailure> {
    let response = authed_response(
        session,
        Method::Get,
        &format!("/api/requests/{id}/files/{file}"),
        None,
    )
    .await?;
    response.binary().await.map_err(|_| ApiFailure::Network)
}

/// The payment gateway address to pay the request's fee at.
pub async fn start_payment(
    session: Session,
    id: i64,
    lang: shared::Lang,
) -> Result<PaymentRedirect, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/requests/{id}/payment"),
        Some(json(&StartPayment { lang })?),
    )
    .await
}

/// What «Подписать» signs.
pub async fn application(session: Session, id: i64) -> Result<Application, ApiFailure> {
    authed(
        session,
        Method::Get,
        &format!("/api/requests/{id}/application"),
        None,
    )
    .await
}

/// Sends the signature; the request is registered.
pub async fn submit(session: Session, id: i64, cms: String) -> Result<RequestDto, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/requests/{id}/submit"),
        Some(json(&SubmitSigned { cms })?),
    )
    .await
}

pub async fn answer_survey(session: Session, id: i64, body: &SurveyBody) -> Result<(), ApiFailure> {
    authed_unit(
        session,
        Method::Post,
        &format!("/api/requests/{id}/survey"),
        Some(json(body)?),
    )
    .await
}

/// The answer to the provider's open inquiry, with the files added since.
pub async fn answer_inquiry(
    session: Session,
    id: i64,
    body: &shared::request::inquiry::Answer,
) -> Result<RequestDto, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/requests/{id}/answer"),
        Some(json(body)?),
    )
    .await
}

/// The applicant's licenses; `request`: of the applicant of a request
/// entered at this desk.
pub async fn licenses(
    session: Session,
    request: Option<i64>,
) -> Result<Vec<LicenseDto>, ApiFailure> {
    authed(
        session,
        Method::Get,
        &for_request("/api/licenses", request),
        None,
    )
    .await
}

/// The PHC places and the applicant's current attachment; `request`: of the
/// applicant of a request entered at this desk.
pub async fn clinics(session: Session, request: Option<i64>) -> Result<ClinicsDto, ApiFailure> {
    authed(
        session,
        Method::Get,
        &for_request("/api/clinics", request),
        None,
    )
    .await
}

fn for_request(path: &str, request: Option<i64>) -> String {
    match request {
        Some(id) => format!("{path}?request={id}"),
        None => path.to_owned(),
    }
}

/// The result document (PDF) of a decided request.
pub async fn result_pdf(session: Session, request: i64) -> Result<Vec<u8>, ApiFailure> {
    bytes(session, &format!("/api/requests/{request}/result")).await
}

/// The ЭЦП signature (CMS) of a decided request's result document.
pub async fn result_signature(session: Session, request: i64) -> Result<Vec<u8>, ApiFailure> {
    bytes(
        session,
        &format!("/api/requests/{request}/result/signature"),
    )
    .await
}
