use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::t;

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer" data-test="footer">
            <p>
                {t("footer.call_center")} " "
                <a href="tel:1414" class="call-center" data-test="call-center">"1414"</a>
                " · " {t("footer.free")}
            </p>
            <p>
                <A href="/registry" attr:data-test="footer-registry">{t("registry.title")}</A>
                " · "
                <A href="/stats" attr:data-test="footer-stats">{t("stats.title")}</A>
                " · "
                <A href="/validate" attr:data-test="footer-validate">{t("validate.title")}</A>
            </p>
            <p class="muted">{t("footer.about")}</p>
        </footer>
    }
}
