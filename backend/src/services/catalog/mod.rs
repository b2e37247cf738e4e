//! The service catalog: read from the data files, written to the database at
//! start (idempotently), and held in memory as a snapshot for the catalog
//! endpoints. Adding a service, a provider or a region is a data change in
//! `backend/data/catalog/`, never a code change.

pub mod data;
pub mod lookup;
pub mod names;
pub mod seed;
