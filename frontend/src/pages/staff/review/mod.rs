//! The reviewers' dashboard (SPEC §3 steps 7–8): the provider's queue with
//! its filters and «Следующий запрос» (`queue`), and a request under review
//! (`request`): the applicant, the answers, how it came in and its files
//! (`intake`), the payment, the
//! inquiries to the applicant and their answers (`inquire`), the
//! signature report, the history; taking, assigning, releasing; the
//! qualification checklist (`checklist`) and the decision (`decide`), whose
//! result document the reviewer signs with the ЭЦП; the signature report
//! (`signature`).

mod checklist;
mod decide;
mod inquire;
mod intake;
pub mod queue;
pub mod request;
mod signature;
