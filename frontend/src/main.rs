//! The portal's single-page app: Leptos, client-side rendered, built by Trunk.
//!
//! - `app`: the router and the shell (header, footer).
//! - `api`: the typed client of `/api` and the session (the access token lives
//!   in memory only; the refresh token is an `HttpOnly` cookie).
//! - `i18n`: the three languages; every text goes through it.
//! - `pages/`, `components/`: what the routes show and what they share.

mod api;
mod app;
mod components;
mod eds;
mod i18n;
mod pages;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
