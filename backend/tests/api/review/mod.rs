//! The provider's side: the queue of one's own provider, assignment, the
//! decision signed with the reviewer's ЭЦП, the result documents, the
//! license registry, public verification, the audit log and the
//! indicators.

mod approval;
mod audit;
mod outcomes;
mod queue;
mod reach;
mod result_pdf;
mod stats;
pub mod steps;
