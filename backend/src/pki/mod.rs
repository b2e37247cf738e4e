//! The electronic digital signature (ЭЦП) public-key infrastructure: reading
//! certificates in the national certification center's conventions. Signing
//! and verification build on this (see the ЭЦП issue).

pub mod cert;
