//! What the portal's server and its browser app agree on: identifiers
//! (ИИН/БИН), the other validated newtypes, the request and response bodies of
//! the JSON API, and the error codes that the app localizes.
//!
//! Invariant: this crate does no I/O and depends on `serde` only, so every
//! rule in it runs the same way in the browser and on the server. (The
//! server alone turns on the `openapi` feature, which adds `utoipa`'s schema
//! derives for the API description and nothing else.)

#[macro_use]
pub mod error;
pub mod account;
pub mod calendar;
pub mod canonical;
pub mod catalog;
pub mod contact;
pub mod desk;
pub mod eds;
pub mod files;
pub mod forms;
pub mod i18n;
pub mod ids;
pub mod money;
#[cfg(feature = "openapi")]
mod openapi;
pub mod password;
pub mod request;
pub mod review;
#[doc(hidden)]
pub mod tagged;

pub use error::{ApiErrorBody, ErrorCode, FieldCode, FieldErrors};
pub use i18n::{Lang, Text};
pub use ids::{Bin, Iin, TaxId};
