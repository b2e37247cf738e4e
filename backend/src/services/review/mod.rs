//! The provider's review (SPEC §3 steps 7–8): the queue of the reviewer's
//! own provider, taking and assigning requests, the qualification
//! checklist, the decision and its result document signed with the
//! reviewer's ЭЦП in the browser, and what the signed result brings about
//! (a license in the registry, a PHC attachment, or a motivated refusal).
//!
//! A reviewer sees only their provider's requests: anything else is "not
//! found".

pub mod access;
pub mod apply;
pub mod assign;
pub mod decisions;
pub mod document;
pub mod draft;
pub mod queue;
pub mod results_pdf;
pub mod show;
pub mod sign;
pub mod verify;
