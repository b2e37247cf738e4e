//! ЭЦП evidence: the trust store that verifies signatures (roots, CRLs)
//! and the accepted signatures kept beside what they signed.

pub mod signatures;
pub mod trust;
