//! Signatures and the certification centers: the demo center's files,
//! the server's verdict on every kind of bad signature, OpenSSL and the
//! portal verifying each other's signatures, CRLs fetched and cached, the
//! demo center's OCSP responder asked and its TSA stamping signatures.

mod crls;
mod demo_center;
mod interop;
mod national_accounts;
mod national_signer;
mod ocsp;
mod openssl_digests;
mod ssrf;
mod steps;
mod timestamps;
mod verdicts;
