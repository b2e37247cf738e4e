//! The portal as a whole: health and security headers, corrupt rows, the OpenAPI
//! description, the service catalog, e-mail, and files in S3.

mod app_page;
mod catalog;
mod corrupt_rows;
mod downloads;
mod health;
mod mail;
mod openapi;
mod s3;
