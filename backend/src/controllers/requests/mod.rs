//! The applicant's requests: drafts and «История получения услуг». An
//! applicant reaches only their own; a ЦОН operator or provider staff only
//! those they work on at a desk (`services::core::reach::may_work_on`): the
//! service decides, and everyone else gets "not found".

pub mod answer;
pub mod create;
pub mod discard;
pub mod files;
pub mod list;
pub mod payment;
pub mod result;
pub mod save;
pub mod show;
pub mod submit;
pub mod survey;

use shared::account::Role;

/// Who works on a request's form, files, payment and signing.
pub const WORKERS: &[Role] = &[Role::Applicant, Role::Operator, Role::Reviewer];

/// Whose licenses or attachment to show: with `q.request`, the applicant
/// of that request (one the user reaches); without, the signed-in
/// applicant.
pub async fn applicant_for(
    app: &crate::app::App,
    user: &crate::extract::CurrentUser,
    q: shared::request::ApplicantQuery,
) -> crate::error::AppResult<crate::db::entities::users::Model> {
    match q.request {
        Some(id) => {
            user.require(WORKERS)?;
            let id = i32::try_from(id).map_err(|_| crate::error::AppError::not_found())?;
            Ok(crate::services::core::reach::reach(app, &user.0, id)
                .await?
                .owner)
        }
        None => {
            user.require(&[Role::Applicant])?;
            Ok(user.0.clone())
        }
    }
}
