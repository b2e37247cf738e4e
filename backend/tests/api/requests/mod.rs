//! The applicant's request: drafts and history, attachments, payment
//! through the gateway, signing and registration, the other kinds of
//! request, the survey.

mod drafts;
mod files;
mod hostile;
mod hostile_files;
mod kinds;
mod payments;
pub mod steps;
mod submission;
mod survey;
