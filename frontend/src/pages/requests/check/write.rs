//! The check page's writes: the desk's registration, the payment, and the
//! application signed and sent.

use leptos::prelude::*;
use shared::account::AccountKind;
use shared::eds::KeyPurpose;

use crate::api::{self, ApiFailure, Session};
use crate::components::keystore::Keystore;

/// The page's writes of request `id`, one at a time; `Ok(true)`: the page
/// is being left.
pub(super) fn writes(
    session: Session,
    keystore: Keystore,
    id: i64,
    navigate: impl Fn(&str, leptos_router::NavigateOptions) + Clone + 'static,
) -> Action<Step, Result<bool, ApiFailure>> {
    Action::new_local(move |step: &Step| {
        let (step, navigate) = (*step, navigate.clone());
        async move {
            match step {
                Step::Register => {
                    api::desk_action(session, id, "register").await?;
                    navigate(&format!("/requests/{id}"), Default::default());
                    Ok(true)
                }
                Step::Pay(lang) => {
                    let redirect = api::start_payment(session, id, lang).await?;
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().assign(&redirect.url);
                    }
                    Ok(true)
                }
                Step::Sign => match sign_and_submit(session, keystore, id).await {
                    Ok(true) => {
                        navigate(&format!("/requests/{id}"), Default::default());
                        Ok(false)
                    }
                    Ok(false) => Ok(false),
                    Err(e) => keystore.unless_refused(e).map_or(Ok(false), Err),
                },
            }
        }
    })
}

/// A write of the check page.
#[derive(Clone, Copy)]
pub(super) enum Step {
    /// At a desk, provider staff register the request without a signature.
    Register,
    /// To the payment gateway, its pages in `Lang`.
    Pay(shared::Lang),
    /// The application signed and the request sent.
    Sign,
}

/// Request `id`'s application signed with the signing key (as the user's
/// ИИН or БИН) and the request sent; `false` when the key store was closed.
async fn sign_and_submit(
    session: Session,
    keystore: Keystore,
    id: i64,
) -> Result<bool, ApiFailure> {
    let user = session.user.get_untracked();
    let application = api::application(session, id).await?;
    let (iin, bin) = match user.as_ref().map(|u| (u.kind, u.id_number.clone())) {
        Some((AccountKind::LegalEntity, n)) => (None, Some(n)),
        Some((AccountKind::Individual, n)) => (Some(n), None),
        None => (None, None),
    };
    let Some(signed) = keystore
        .sign_as(
            KeyPurpose::Signing,
            &application.to_signed_bytes(),
            iin,
            bin,
        )
        .await
    else {
        return Ok(false);
    };
    api::submit(session, id, crate::eds::base64(&signed.cms)).await?;
    Ok(true)
}
