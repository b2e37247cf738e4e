//! Whose certificate signed the registration challenge.

use leptos::prelude::*;
use shared::eds::Signer;

use crate::i18n::t;

/// The holder of the signing certificate: the name, the ИИН and, for an
/// organization's key, the БИН.
#[component]
pub(super) fn SignerCard(signer: Signer) -> impl IntoView {
    view! {
        <dl class="summary" data-test="eds-signer">
            <dt>{t("register_eds.holder")}</dt>
            <dd data-test="eds-signer-name">{signer.organization.clone().or(signer.common_name.clone()).unwrap_or_default()}</dd>
            <dt>{t("register.iin")}</dt>
            <dd data-test="eds-signer-iin">{signer.iin.clone().unwrap_or_default()}</dd>
            {signer.bin.map(|bin| view! {
                <dt>{t("register.bin")}</dt>
                <dd data-test="eds-signer-bin">{bin}</dd>
            })}
        </dl>
    }
}
