//! The electronic digital signature (ЭЦП) public-key infrastructure:
//! reading certificates and CRLs in the national certification center's
//! conventions, and checking the signatures between them. The CMS verifier
//! and the signing flow build on this (see the ЭЦП issue).

pub mod ca;
pub mod cert;
pub mod chain;
pub mod cms;
pub mod crl;
pub mod keystore;
pub mod sign;
pub mod signature;
pub mod verify;
