//! The desk's page: the start form above the requests entered at this desk,
//! for desk users only.

use crate::api::use_session;
use crate::components::header::is_desk_user;
use crate::components::status::Loading;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::list::DeskList;
use super::start::StartForm;
use super::status::StatusLookup;
use super::uncollected::Uncollected;

#[component]
pub fn DeskPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.ready.get() && session.user.get().is_none() {
            navigate("/login?next=/desk", Default::default());
        }
    });
    let role = move || session.user.with(|u| u.as_ref().map(|u| u.role));
    view! {
        <Show when=move || session.user.with(Option::is_some) fallback=Loading>
            <Show when=move || role().is_some_and(is_desk_user) fallback=|| view! {
                <p class="alert alert--info" data-test="desk-only-staff">{t("desk.only_staff")}</p>
            }>
                <section class="desk" data-test="desk">
                    <h1>{t("desk.title")}</h1>
                    <p class="muted">{t("desk.intro")}</p>
                    <StartForm />
                    <Show when=move || role() == Some(shared::account::Role::Operator)>
                        <StatusLookup />
                    </Show>
                    <Uncollected />
                    <DeskList />
                </section>
            </Show>
        </Show>
    }
}
