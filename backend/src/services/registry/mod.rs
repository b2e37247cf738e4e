//! The registries the review fills: the public license registry and its
//! changes, the applicants' own licenses, and PHC (clinic) attachments.

pub mod clinics;
pub mod entries;
pub mod licenses;
pub mod objects;
