//! Primary health-care organizations: places and the current attachment.

pub mod show;
