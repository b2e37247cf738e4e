//! The report of the applicant's ЭЦП signature: who signed, with which
//! certificate, when, when it was checked and along which chain.

use leptos::prelude::*;
use shared::review::SignatureReport;

use crate::format::local_time;
use crate::i18n::t;

/// The signature `report` of the request under review.
#[component]
pub(super) fn SignatureCard(report: SignatureReport) -> impl IntoView {
    view! {
        <section data-test="signature-report"><h2>{t("review.signature")}</h2>
            <dl class="facts">
                <dt>{t("review.signer")}</dt><dd>{report.name} " " {report.iin} " " {report.bin}</dd>
                <dt>{t("review.serial")}</dt><dd><code>{report.serial}</code></dd>
                <dt>{t("review.signed_at")}</dt><dd>{local_time(&report.signing_time)}</dd>
                <dt>{t("review.checked_at")}</dt><dd>{local_time(&report.validated_at)}</dd>
                <dt>{t("review.path")}</dt><dd>{report.path.join(" → ")}</dd>
            </dl>
        </section>
    }
}
