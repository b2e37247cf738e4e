//! Pieces the pages share.

pub mod blob;
pub mod documents;
pub mod field;
pub mod footer;
pub mod header;
pub mod keystore;
pub mod status;
