//! The fee, on the licensing side (SPEC §3 step 4): a payment order sent to
//! the payment gateway, and the gateway's signed notice, taken only with a
//! valid signature, a fresh timestamp and the right amount, and applied
//! exactly once however many times it arrives.

pub mod notice;
pub mod order;
pub mod status;
