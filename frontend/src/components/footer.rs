use leptos::prelude::*;

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
            <p class="muted">{t("footer.about")}</p>
        </footer>
    }
}
