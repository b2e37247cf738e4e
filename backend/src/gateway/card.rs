//! What the sandbox gateway's payer types on the card page, and the
//! outcomes a test card brings.

use serde::Deserialize;

/// The outcome of an approved payment.
pub const APPROVED: &str = "approved";
/// The outcome of a declined card.
pub const DECLINED: &str = "declined";
/// The outcome of a card without the funds.
pub const INSUFFICIENT_FUNDS: &str = "insufficient_funds";

/// What the payer typed.
#[derive(Debug, Default, Deserialize)]
pub struct CardInput {
    #[serde(default)]
    pub card: String,
    #[serde(default)]
    pub expiry: String,
    #[serde(default)]
    pub cvc: String,
    #[serde(default)]
    pub holder: String,
}
