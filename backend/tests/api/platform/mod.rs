//! The portal as a whole: health and security headers, the OpenAPI
//! description, the service catalog, e-mail, and files in S3.

mod catalog;
mod health;
mod mail;
mod openapi;
mod s3;
