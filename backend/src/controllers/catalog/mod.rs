//! The public service catalog.

pub mod facets;
pub mod list;
pub mod show;
