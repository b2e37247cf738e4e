//! Pieces the pages share.

pub mod answer;
pub mod blob;
pub mod document_list;
pub mod documents;
pub mod field;
pub mod focus;
pub mod footer;
pub mod header;
pub mod inquiries;
pub mod keystore;
pub mod status;
