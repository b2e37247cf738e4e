//! The request core every area builds on and that builds on none of them:
//! how a stored request reads, who may reach it, how its status moves (with
//! its history event and the owner's notification), and the audit log.

pub mod audit;
pub mod model;
pub mod notifications;
pub mod reach;
pub mod transition;
