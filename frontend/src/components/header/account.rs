//! The signed-in part of the header, and what it knows of roles.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::account::{Role, UserDto};
use shared::desk::desk_channel;

use crate::api::use_session;
use crate::i18n::{t, use_i18n};

/// The unread count the header shows, shared through the context.
#[derive(Clone, Copy)]
pub struct Unread(pub RwSignal<u32>);

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
        Role::System => "role.system",
    }
}

/// The signed-in part of the header: the user's links by role, name, role
/// and the logout. A plain function: the closure that picks it is compiled
/// more than once.
pub(super) fn signed_in(user: UserDto, unread: Unread, logout: Callback<()>) -> AnyView {
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
                // Drawn, not a glyph: a font without U+1F514 shows an empty box.
                <svg class="bell__icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="currentColor" data-test="bell-icon">
                    <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/>
                </svg>
                <Show when=move || { unread.0.get() > 0 }>
                    <span class="bell__badge" data-test="notifications-badge">{move || unread.0.get().to_string()}</span>
                </Show>
            </A>
        </Show>
        <Show when=move || has_role(Role::Reviewer)>
            <A href="/review" attr:class="btn btn--ghost" attr:data-test="nav-review">{t("review.title")}</A>
        </Show>
        <Show when=move || session.user.with(|u| u.as_ref().is_some_and(|u| is_desk_user(u.role)))>
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
