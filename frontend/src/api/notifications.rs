//! The in-app notifications and their unread count.

use shared::request::{NotificationsDto, UnreadDto};

use super::failure::ApiFailure;
use super::http::Method;
use super::session::{Session, authed, authed_unit};

pub async fn notifications(session: Session) -> Result<NotificationsDto, ApiFailure> {
    authed(session, Method::Get, "/api/notifications", None).await
}

/// The unread count alone: the header polls it on every page change.
pub async fn unread_notifications(session: Session) -> Result<UnreadDto, ApiFailure> {
    authed(session, Method::Get, "/api/notifications/unread", None).await
}

pub async fn read_notifications(session: Session) -> Result<(), ApiFailure> {
    authed_unit(session, Method::Post, "/api/notifications/read", None).await
}
