//! The desk channels: a ЦОН operator and provider staff enter requests for
//! visitors found in the state registries; only those roles reach the desk,
//! each only what they entered (or their provider's office did); a registry
//! that does not know the number or does not answer in time has its own
//! answer; the visitor later claims the account with the ЭЦП.

mod claim;
mod con;
mod provider;
mod reach;
mod registries;
pub mod steps;
mod uncollected;
