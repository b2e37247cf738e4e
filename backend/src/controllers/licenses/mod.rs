//! The applicant's licenses.

pub mod list;
