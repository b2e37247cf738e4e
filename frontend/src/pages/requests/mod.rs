//! The applicant's requests: the history, a request being filled, its
//! check before signing, and its status once sent.

pub mod check;
pub mod form;
pub mod history;
pub mod status;
