//! The report as a PDF signed by the portal: the checked files sent again
//! to `/api/validation/pdf` (nothing is kept between the two), the PDF
//! saved as a download.

use leptos::prelude::*;

use super::Check;
use crate::api;
use crate::components::blob::save_bytes;
use crate::components::status::Failure;
use crate::i18n::t;

#[component]
pub fn SealedPdf(check: Check) -> impl IntoView {
    let fetch = Action::new_local(|c: &Check| {
        let c = c.clone();
        async move {
            let pdf = api::validation_pdf(&c.signature, c.document.as_deref(), c.at).await?;
            save_bytes("validation-report.pdf", "application/pdf", &pdf);
            Ok::<(), api::ApiFailure>(())
        }
    });
    let click = move |_| {
        fetch.dispatch_local(check.clone());
    };
    view! {
        <p>
            <button type="button" class="btn" data-test="validate-download-pdf"
                disabled=move || fetch.pending().get() on:click=click>{t("validate.download_pdf")}</button>
        </p>
        {move || fetch.value().get().and_then(Result::err).map(|e| view! { <Failure failure=e /> })}
    }
}
