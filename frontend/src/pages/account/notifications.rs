//! In-app notifications: each status change of the user's requests, newest
//! first; opening the page marks them read (the header's badge clears).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, use_session};
use crate::components::header::Unread;
use crate::components::status::{Failure, Loading};
use crate::format::local_time;
use crate::format::status_key;
use crate::i18n::{t, use_i18n};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let unread = use_context::<Unread>();
    let list = LocalResource::new(move || async move {
        let list = api::notifications(session).await?;
        if list.unread > 0
            && api::read_notifications(session).await.is_ok()
            && let Some(u) = unread
        {
            u.0.set(0);
        }
        Ok::<_, api::ApiFailure>(list)
    });
    view! {
        <section class="notifications" data-test="notifications">
            <h1>{t("notifications.title")}</h1>
            <Transition fallback=Loading>
                {move || list.get().map(|r| match r {
                    Ok(list) if list.items.is_empty() => view! { <p class="muted" data-test="notifications-empty">{t("notifications.empty")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="notifications__list">
                            {list.items.into_iter().map(|n| {
                                let number = n.number.as_ref().map_or_else(|| format!("#{}", n.request), ToString::to_string);
                                view! {
                                    <li class:unread=!n.read data-test="notification">
                                        <time>{local_time(&n.at)}</time> " · "
                                        <A href=format!("/requests/{}", n.request)>{number}</A> " · "
                                        <strong>{move || i18n.t(status_key(n.status))}</strong>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <Failure failure=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
