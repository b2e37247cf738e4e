//! The status of any request at any ЦОН (seeds 000 and 004, §10: the
//! applicant may learn it at the provider or at any ЦОН): the operator
//! types the request's number and the applicant's ИИН/БИН, both required;
//! a number that is not the applicant's is "not found", as an unknown one.
//! Each look-up is in the audit log and so in the request's access list
//! («Кто открывал запрос», `review::decisions::views`).

use crate::app::App;
use crate::db::entities::{requests, users};
use crate::db::stored;
use crate::error::{AppError, AppResult};
use crate::services::accounts::account;
use crate::services::core::audit;
use crate::services::core::model::{request_type_of, status_of};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use shared::account::Role;
use shared::calendar::Date;
use shared::desk::{StatusAnswer, StatusQuery};
use shared::error::Collector;
use shared::request::RequestNumber;
use shared::{FieldCode, TaxId};

/// The request numbered `q.number` of the applicant `q.id_number`, for a ЦОН
/// operator.
pub async fn status(app: &App, user: &users::Model, q: &StatusQuery) -> AppResult<StatusAnswer> {
    if user.role()? != Role::Operator {
        return Err(AppError::forbidden());
    }
    let mut fields = Collector::new();
    let number = if q.number.trim().is_empty() {
        fields.add("number", FieldCode::Required);
        None
    } else {
        fields.check(
            "number",
            RequestNumber::parse(&q.number).ok_or(FieldCode::RequestNumber),
        )
    };
    let id = if q.id_number.trim().is_empty() {
        fields.add("id_number", FieldCode::Required);
        None
    } else {
        fields.check("id_number", TaxId::parse(&q.id_number))
    };
    let (Some(number), Some(id)) = (number, id) else {
        return Err(AppError::validation(fields.into_errors()));
    };
    let found = requests::Entity::find()
        .filter(requests::Column::Number.eq(number.as_str()))
        .one(&app.db.read)
        .await?;
    let owner = match &found {
        Some(r) => account::find(app, r.user_id).await?,
        None => None,
    };
    let (Some(model), Some(_)) = (found, owner.filter(|o| o.id_number == id.as_string())) else {
        audit::record(
            app,
            Some(user.id),
            audit::STATUS_LOOKUP,
            None,
            &format!("{number} not found"),
        )
        .await?;
        return Err(AppError::not_found());
    };
    audit::record(
        app,
        Some(user.id),
        audit::STATUS_LOOKUP,
        Some(model.id),
        &number.to_string(),
    )
    .await?;
    Ok(StatusAnswer {
        number,
        service: model.service_code.clone(),
        request_type: request_type_of(&model)?,
        status: status_of(&model)?,
        due_date: stored::optional("requests.due_date", model.due_date.as_deref(), |d| {
            Date::parse(d).ok()
        })?,
    })
}
