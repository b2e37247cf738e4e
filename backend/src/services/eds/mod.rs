//! ЭЦП evidence: the trust store that verifies signatures (roots, CRLs)
//! and the accepted signatures kept beside what they signed, stamped later
//! when the TSA did not answer at first (`restamp`).

pub mod restamp;
pub mod seals;
pub mod signatures;
pub mod trust;
