//! The migrations of December 2026.

pub mod m20261202_000006_desk;
pub mod m20261202_000007_queue_index;
pub mod m20261207_000008_shared_state;
pub mod m20261207_000009_outbox;
pub mod m20261207_000010_timestamps;
pub mod m20261207_000011_uncollected;
pub mod m20261208_000012_automation;
pub mod m20261208_000013_inquiries;
pub mod m20261208_000014_license_objects;
