//! Requests: the applicant's drafts, saved as they are filled and resumed on
//! any device; the signing and registration of a finished request (number,
//! due date); «История получения услуг»; the quality survey. A request
//! belongs to its author alone; another account gets "not found", never a
//! hint that it exists.
//!
//! The request core (`services::core`) says who may reach a request and
//! how its status moves; these files build on it.

pub mod drafts;
pub mod files;
pub mod inspect;
pub mod problems;
pub mod register;
pub mod submission;
pub mod survey;
pub mod view;
