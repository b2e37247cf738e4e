//! A request being filled (SPEC §3 process 3): the service's own form, built
//! from the catalog, saved on the server as the user goes (on leaving each
//! field, and with «Сохранить»), so it resumes on any device. Each problem
//! stands next to its field and in the summary at the top; nothing typed is
//! lost when the server refuses a save.
//!
//! - `editor`: the form; `fields`: one answer's control;
//!   `applicant`: who it is for; `choices`: the license and the provider;
//!   `paper`: the paper originals at a desk; `problems`: the problems found
//!   and their summary; `save`: the saving as the user goes; `values`: the
//!   answers, provider and license typed.

mod applicant;
mod choices;
mod editor;
mod fields;
mod paper;
mod problems;
mod save;
mod values;

use crate::api::{self, ApiFailure, use_session};
use crate::components::status::{Failure, Loading};
use crate::pages::requests::status::view::RequestStatusView;
use leptos::prelude::*;
use shared::catalog::RequestType;

use self::editor::{Extras, PHC, RequestForm};

#[component]
pub fn RequestPage() -> impl IntoView {
    let session = use_session();
    let id = crate::pages::use_id_param();
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move {
            let request = api::request(session, id).await?;
            let service = api::service(request.service.clone()).await?;
            let mut extras = Extras::default();
            if request.status.is_editable() {
                if matches!(
                    request.request_type,
                    RequestType::Reissuance | RequestType::Duplicate
                ) {
                    extras.licenses = api::licenses(session, Some(id)).await?;
                }
                if request.service == PHC {
                    extras.clinics = Some(api::clinics(session, Some(id)).await?);
                }
            }
            Ok::<_, ApiFailure>((request, service, extras))
        }
    });
    view! {
        <Transition fallback=Loading>
            {move || {
                loaded.get().map(|r| match r {
                    Ok((request, service, _)) if !request.status.is_editable() => {
                        view! { <RequestStatusView request=request service=service on_refresh=Callback::new(move |()| loaded.refetch()) /> }.into_any()
                    }
                    Ok((request, service, extras)) => view! { <RequestForm request=request service=service extras=extras /> }.into_any(),
                    Err(e) => view! { <Failure failure=e /> }.into_any(),
                })
            }}
        </Transition>
    }
}
