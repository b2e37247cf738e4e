//! The typed client of the portal's API, one file per resource; pages call
//! these functions and never build an `/api` path themselves.
//!
//! - `failure`: why a call failed.
//! - `http`: one call over `fetch` (headers, JSON, error bodies).
//! - `session`: the access token in memory and the signed-in calls.
//! - `catalog`, `auth`, `requests`, `desk`, `notifications`, `review`,
//!   `registry`: the calls of each resource; `upload`: a file with progress.
//!
//! The children use each other, never this file; it only re-exports them.

mod auth;
mod catalog;
mod desk;
mod failure;
mod http;
mod notifications;
mod registry;
mod requests;
mod review;
mod session;
pub mod upload;

pub use auth::*;
pub use catalog::*;
pub use desk::*;
pub use failure::ApiFailure;
pub use notifications::*;
pub use registry::*;
pub use requests::*;
pub use review::*;
pub use session::{Session, use_session};
