//! The applicant's requests: drafts and «История получения услуг». Only
//! applicants reach them, and each only their own.

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
