//! Adapters to the systems outside the portal: file storage (a folder or
//! S3, through `object_store`), e-mail (the queue; `lettre` builds and
//! sends), the state registries (ГБД ФЛ, ГБД ЮЛ), the fetching of CRLs and the
//! asking of OCSP responders and timestamping authorities.
//! They know nothing of `services`.

pub mod crl_fetch;
pub mod mail;
pub mod pki_post;
pub mod state_registries;
pub mod storage;
