//! Adapters to the systems outside the portal: file storage (a folder or
//! S3, through `object_store`), e-mail (the queue; `lettre` builds and
//! sends), the state registries (ГБД ФЛ, ГБД ЮЛ) and the fetching of CRLs.
//! They know nothing of `services`.

pub mod crl_fetch;
pub mod mail;
pub mod state_registries;
pub mod storage;
