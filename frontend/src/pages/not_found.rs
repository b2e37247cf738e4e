use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::t;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::components::focus::page_arrived();
    view! {
        <section class="narrow" data-test="not-found">
            <h1>{t("notfound.title")}</h1>
            <p>{t("notfound.text")}</p>
            <A href="/" attr:class="btn btn--primary">{t("notfound.back")}</A>
        </section>
    }
}
