//! The public service catalog: search in any language, filters by category,
//! provider and region. The query lives in the URL, so a reload or a shared
//! link shows the same list.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::catalog::{CatalogFacets, CatalogQuery, ServiceCard};

use crate::api::{self, ApiFailure, catalog_query_string};
use crate::components::status::{Failure, Loading};
use crate::format::eligibility_key;
use crate::i18n::{I18n, t, use_i18n};

#[component]
pub fn CatalogPage() -> impl IntoView {
    crate::components::focus::page_arrived();
    let i18n = use_i18n();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        query_map.with(|m| {
            let get = |k: &str| m.get(k).filter(|v| !v.trim().is_empty());
            CatalogQuery {
                q: get("q"),
                category: get("category"),
                provider: get("provider"),
                region: get("region"),
            }
        })
    });
    let words = RwSignal::new(query.get_untracked().q.unwrap_or_default());
    let facets = LocalResource::new(api::facets);
    // The answer carries the query it answers, so the page (and its tests)
    // can tell a fresh list from the previous one shown during a transition.
    let services = LocalResource::new(move || {
        let q = query.get();
        async move { (catalog_query_string(&q), api::services(q).await) }
    });
    let navigate = use_navigate();

    let go = move |q: CatalogQuery| {
        let qs = catalog_query_string(&q);
        let url = if qs.is_empty() {
            "/".to_owned()
        } else {
            format!("/?{qs}")
        };
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let go_filter = Callback::new(go.clone());
    let go_search = go.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let words = words.get_untracked();
        go_search(CatalogQuery {
            q: Some(words),
            ..query.get_untracked()
        });
    };
    let go_reset = go.clone();
    let reset = Callback::new(move |()| {
        words.set(String::new());
        go_reset(CatalogQuery::default());
    });

    view! {
        <section class="hero">
            <h1 data-test="catalog-title">{t("catalog.title")}</h1>
            <p class="lead">{t("catalog.lead")}</p>
            <form class="search" role="search" on:submit=on_submit data-test="search-form">
                <label for="q" class="visually-hidden">{t("catalog.search_label")}</label>
                <input
                    id="q"
                    type="search"
                    data-test="search-input"
                    placeholder=t("catalog.search_placeholder")
                    prop:value=move || words.get()
                    on:input=move |ev| words.set(event_target_value(&ev))
                />
                <button type="submit" class="btn btn--primary" data-test="search-submit">{t("catalog.search")}</button>
            </form>
        </section>
        <Transition fallback=Loading>
            {move || {
                facets.get().map(|r| match r {
                    Ok(f) => filters(&f, query, go_filter),
                    Err(e) => view! { <Failure failure=e /> }.into_any(),
                })
            }}
        </Transition>
        <section aria-live="polite" class="results">
            <Transition fallback=Loading>
                {move || services.get().map(|(answered, r)| results(i18n, answered, r, reset))}
            </Transition>
        </section>
    }
}

/// The list answering `answered` (a query string), or why there is none.
/// A plain function, not inline in the `Transition`: the closure there is
/// compiled more than once, and this view is the bulk of it.
fn results(
    i18n: I18n,
    answered: String,
    r: Result<Vec<ServiceCard>, ApiFailure>,
    reset: Callback<()>,
) -> AnyView {
    match r {
        Ok(list) if list.is_empty() => view! {
            <div class="empty" data-test="no-results" data-query=answered>
                <p>{t("catalog.empty")}</p>
                <button type="button" class="btn btn--ghost" data-test="reset" on:click=move |_| reset.run(())>
                    {t("catalog.reset")}
                </button>
            </div>
        }
        .into_any(),
        Ok(list) => {
            let count = list.len();
            view! {
                <p class="muted" data-test="result-count">
                    {move || i18n.tf("catalog.count", &[("count", count.to_string())])}
                </p>
                <ul class="cards" data-test="service-list" data-query=answered>
                    {list.into_iter().map(|s| view! { <Card service=s /> }).collect_view()}
                </ul>
            }
            .into_any()
        }
        Err(e) => view! { <Failure failure=e /> }.into_any(),
    }
}

/// The three filters, each choice going to `go`. A plain function for the
/// reason [`results`] is one.
fn filters(
    facets: &CatalogFacets,
    query: Memo<CatalogQuery>,
    go: Callback<CatalogQuery>,
) -> AnyView {
    let i18n = use_i18n();
    let options = |items: Vec<(String, shared::Text)>| {
        items
            .into_iter()
            .map(|(code, name)| {
                view! { <option value=code>{move || name.get(i18n.lang.get()).to_owned()}</option> }
            })
            .collect_view()
    };
    let categories: Vec<_> = facets
        .categories
        .iter()
        .map(|c| (c.code.clone(), c.name.clone()))
        .collect();
    let providers: Vec<_> = facets
        .providers
        .iter()
        .map(|p| (p.code.clone(), p.name.clone()))
        .collect();
    let regions: Vec<_> = facets
        .regions
        .iter()
        .map(|r| (r.code.clone(), r.name.clone()))
        .collect();
    view! {
        <form class="filters" data-test="filters" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="category">{t("catalog.category")}</label>
                <select
                    id="category"
                    data-test="filter-category"
                    prop:value=move || query.get().category.unwrap_or_default()
                    on:change=move |ev| go.run(CatalogQuery { category: Some(event_target_value(&ev)), ..query.get_untracked() })
                >
                    <option value="">{t("catalog.all")}</option>
                    {options(categories)}
                </select>
            </div>
            <div class="field">
                <label for="provider">{t("catalog.provider")}</label>
                <select
                    id="provider"
                    data-test="filter-provider"
                    prop:value=move || query.get().provider.unwrap_or_default()
                    on:change=move |ev| go.run(CatalogQuery { provider: Some(event_target_value(&ev)), ..query.get_untracked() })
                >
                    <option value="">{t("catalog.all")}</option>
                    {options(providers)}
                </select>
            </div>
            <div class="field">
                <label for="region">{t("catalog.region")}</label>
                <select
                    id="region"
                    data-test="filter-region"
                    prop:value=move || query.get().region.unwrap_or_default()
                    on:change=move |ev| go.run(CatalogQuery { region: Some(event_target_value(&ev)), ..query.get_untracked() })
                >
                    <option value="">{t("catalog.all")}</option>
                    {options(regions)}
                </select>
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn Card(service: ServiceCard) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/services/{}", service.code);
    let link_test = format!("service-link-{}", service.code);
    let ServiceCard {
        code,
        name,
        summary,
        eligibility,
        free,
    } = service;
    view! {
        <li class="card" data-test="service-card" data-code=code>
            <h2 class="card__title">
                <A href=href attr:data-test=link_test>
                    {move || name.get(i18n.lang.get()).to_owned()}
                </A>
            </h2>
            <p>{move || summary.get(i18n.lang.get()).to_owned()}</p>
            <p class="tags">
                <span class="tag">{move || i18n.t(eligibility_key(eligibility))}</span>
                <span class="tag" class:tag--free=free data-test="fee-tag">
                    {move || if free { i18n.t("catalog.free") } else { i18n.t("catalog.paid") }}
                </span>
            </p>
        </li>
    }
}
