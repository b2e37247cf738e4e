use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use shared::Lang;
use shared::account::{Role, UserDto};
use shared::desk::desk_channel;

use crate::api::{self, use_session};
use crate::i18n::{t, use_i18n};

/// The unread count the header shows, shared through the context.
#[derive(Clone, Copy)]
pub struct Unread(pub RwSignal<u32>);

/// How often the badge asks for news.
const POLL_MS: u64 = 60_000;

/// Whether the signed-in user works at a desk.
pub fn is_desk_user(role: Role) -> bool {
    desk_channel(role).is_some()
}

/// The name of a role in the current language.
pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Applicant => "role.applicant",
        Role::Reviewer => "role.reviewer",
        Role::Operator => "role.operator",
        Role::Admin => "role.admin",
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
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
                <nav class="lang-switch" aria-label=t("lang.switch") data-test="lang-switch">
                    {Lang::ALL
                        .into_iter()
                        .map(|lang| {
                            view! {
                                <button
                                    type="button"
                                    class="lang-switch__btn"
                                    lang=lang.code()
                                    aria-pressed=move || (i18n.lang.get() == lang).to_string()
                                    data-test=format!("lang-{}", lang.code())
                                    on:click=move |_| i18n.set(lang)
                                >
                                    {lang.native_name()}
                                </button>
                            }
                        })
                        .collect_view()}
                </nav>
                <Show when=move || i18n.switch_failed.get().is_some()>
                    <p class="lang-switch__error" role="alert" data-test="lang-switch-error">
                        {t("lang.switch_failed")}
                    </p>
                </Show>
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

/// The signed-in part of the header: the user's links by role, name, role
/// and the logout. A plain function: the closure that picks it is compiled
/// more than once.
fn signed_in(user: UserDto, unread: Unread, logout: Callback<()>) -> AnyView {
    let i18n = use_i18n();
    let session = use_session();
    let has_role = move |role: Role| {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.role == role))
    };
    view! {
        <Show when=move || has_role(Role::Applicant)>
            <A href="/notifications" attr:class="bell" attr:data-test="notifications-link"
                attr:aria-label=move || i18n.tf("notifications.unread", &[("count", unread.0.get().to_string())])>
                <span aria-hidden="true">"🔔"</span>
                <Show when=move || { unread.0.get() > 0 }>
                    <span class="bell__badge" data-test="notifications-badge">{move || unread.0.get().to_string()}</span>
                </Show>
            </A>
        </Show>
        <Show when=move || has_role(Role::Reviewer)>
            <A href="/review" attr:class="btn btn--ghost" attr:data-test="nav-review">{t("review.title")}</A>
        </Show>
        <Show when=move || session.user.with(|u| u.as_ref().is_some_and(|u| crate::components::header::is_desk_user(u.role)))>
            <A href="/desk" attr:class="btn btn--ghost" attr:data-test="nav-desk">{t("desk.title")}</A>
        </Show>
        <A href="/cabinet" attr:class="account__name" attr:data-test="user-name">
            {user.name.clone()}
        </A>
        <span class="account__role" data-test="user-role">
            {move || i18n.t(role_key(user.role))}
        </span>
        <button type="button" class="btn btn--ghost" data-test="logout" on:click=move |_| logout.run(())>
            {t("nav.logout")}
        </button>
    }
    .into_any()
}
