//! The desk channels (SPEC §5): ЦОН operators and provider staff look a
//! visitor up in the state registries, enter a request for them, tick the
//! paper documents, register it (staff) and hand the result over. Only the
//! operator and provider-staff roles reach these endpoints.

pub mod create;
pub mod hand_over;
pub mod list;
pub mod lookup;
pub mod paper;
pub mod register;
pub mod remind;
pub mod status;
pub mod uncollected;

use shared::account::Role;

/// The desk roles.
pub const DESK: &[Role] = &[Role::Operator, Role::Reviewer];
