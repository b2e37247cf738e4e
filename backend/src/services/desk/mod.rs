//! The desk channels (SPEC §5, diagrams 2 and 3): a public service center
//! (ЦОН) operator or the provider's own staff enter a request for a visitor
//! who came with paper. The visitor is looked up in the state registries
//! (`adapters::state_registries`); the request belongs to the visitor's account — the
//! one they have, or one made for them that they claim later by
//! registering with the ЭЦП — and records its channel and who entered it.
//! The form, the documents and the payment are the journey's
//! (`core::reach::reach` lets the desk work on it); the ЦОН operator signs it
//! with their own ЭЦП (`requests::submission::submit`), provider staff register it
//! directly (`work::register`). Afterwards the desk prints a receipt and marks
//! the result handed over in person (`work::hand_over`); the results still
//! waiting there are listed, by age, and their applicants reminded
//! (`uncollected`, seed 000 §17.6).
//!
//! Who reaches what: a ЦОН operator the requests they entered themselves;
//! provider staff those entered at their own provider's office. For anyone
//! else such a request does not exist.

pub mod access;
pub mod info;
pub mod list;
pub mod lookup;
pub mod start;
pub mod status;
pub mod uncollected;
pub mod work;
