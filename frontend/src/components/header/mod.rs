//! The site header: the brand, the language switch and the account
//! (`account`: the signed-in links; `lang`: the language buttons).

mod account;
mod lang;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use shared::account::Role;

use crate::api::{self, use_session};
use crate::i18n::t;

pub use self::account::{Unread, is_desk_user, role_key};

use self::account::signed_in;
use self::lang::lang_switch;

/// How often the badge asks for news.
const POLL_MS: u64 = 60_000;

#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let unread = Unread(RwSignal::new(0));
    provide_context(unread);
    let location = use_location();
    let is_applicant = move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.role == Role::Applicant))
    };
    let poll = move || {
        if !is_applicant() {
            unread.0.set(0);
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(badge) = api::unread_notifications(session).await {
                unread.0.set(badge.unread);
            }
        });
    };
    // On sign-in, on every page change, and every minute.
    Effect::new(move |_| {
        location.pathname.track();
        session.user.track();
        poll();
    });
    if let Ok(handle) = set_interval_with_handle(poll, std::time::Duration::from_millis(POLL_MS)) {
        on_cleanup(move || handle.clear());
    }
    let logout = Callback::new(move |()| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            session.logout().await;
            navigate("/", Default::default());
        });
    });
    view! {
        <a class="skip-link" href="#main">{t("app.skip")}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <A href="/" attr:class="brand" attr:data-test="brand">
                    <span class="brand__mark" aria-hidden="true">"e"</span>
                    <span class="brand__name">{t("app.name")}</span>
                </A>
                {lang_switch()}
                <div class="account" data-test="account">
                    {move || match session.user.get() {
                        Some(user) => signed_in(user, unread, logout),
                        None => {
                            view! {
                                <A href="/login" attr:class="btn btn--ghost" attr:data-test="nav-login">
                                    {t("nav.login")}
                                </A>
                                <A href="/register" attr:class="btn btn--primary" attr:data-test="nav-register">
                                    {t("nav.register")}
                                </A>
                            }
                                .into_any()
                        }
                    }}
                </div>
            </div>
        </header>
    }
}
