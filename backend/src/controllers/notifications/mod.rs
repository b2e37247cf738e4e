//! In-app notifications of status changes.

pub mod list;
pub mod read;
pub mod unread;
