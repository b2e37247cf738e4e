//! The commands of `cargo xtask`, one module each; each has its flags
//! (`Args`, whose doc comments are the usage text) and a `run`.

pub mod bench;
pub mod cluster;
pub mod codegen;
pub mod crash;
pub mod fuzz;
pub mod lighthouse;
pub mod schemathesis;
pub mod serve;
pub mod soak;
pub mod test;
pub mod tidy;
