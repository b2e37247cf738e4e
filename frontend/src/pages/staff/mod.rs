//! The staff's pages: the desk of a ЦОН or provider office, the reviewers'
//! dashboard, the registry of licenses (with the public check of a
//! document) and the public indicators.

pub mod desk;
mod objects;
pub mod registry;
pub mod review;
pub mod stats;
