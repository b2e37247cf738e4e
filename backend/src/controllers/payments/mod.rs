//! The licensing side's end of the payment gateway.

pub mod notice;
