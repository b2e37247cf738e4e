//! The quality and timeliness indicators (SPEC §7).

pub mod figures;
