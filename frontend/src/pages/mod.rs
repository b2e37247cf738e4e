//! What the routes show: the public catalog and service pages here, the
//! account's pages in `account/`, the applicant's requests in `requests/`,
//! the staff's desk, review, registry and indicators in `staff/`, the
//! public signature check in `validate/`; and the few helpers the pages
//! share.

pub mod account;
pub mod catalog;
pub mod not_found;
pub mod order;
pub mod requests;
pub mod service;
pub mod staff;
pub mod validate;

/// The `:id` of the address as a number (0 when it is not one).
pub fn use_id_param() -> leptos::prelude::Memo<i64> {
    use leptos::prelude::*;
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| {
        params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0))
    })
}

/// The request of `id` and its service, loaded together.
pub fn request_with_service(
    session: crate::api::Session,
    id: leptos::prelude::Memo<i64>,
) -> leptos::prelude::LocalResource<
    Result<(shared::request::RequestDto, shared::catalog::ServiceDetail), crate::api::ApiFailure>,
> {
    use leptos::prelude::*;
    LocalResource::new(move || {
        let id = id.get();
        async move {
            let request = crate::api::request(session, id).await?;
            let service = crate::api::service(request.service.clone()).await?;
            Ok((request, service))
        }
    })
}

/// A same-site path to go to after login: only paths starting with one `/`.
pub fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or_else(|| "/cabinet".to_owned())
}

/// The localized name of service `code` from the catalog's list once it
/// is loaded; nothing until then (a catalog code is never shown).
pub fn service_name(
    services: leptos::prelude::LocalResource<
        Result<Vec<shared::catalog::ServiceNames>, crate::api::ApiFailure>,
    >,
    code: &str,
    lang: shared::Lang,
) -> String {
    use leptos::prelude::Get;
    services
        .get()
        .and_then(Result::ok)
        .and_then(|list| list.into_iter().find(|s| s.code == code))
        .map(|s| s.name.get(lang).to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_the_site() {
        assert_eq!(
            safe_next(Some("/services/veterinary".into())),
            "/services/veterinary"
        );
        assert_eq!(safe_next(Some("//evil.example".into())), "/cabinet");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/cabinet");
        assert_eq!(safe_next(Some("/\\evil.example".into())), "/cabinet");
        assert_eq!(safe_next(None), "/cabinet");
    }
}
