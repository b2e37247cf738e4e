//! The router and the shell.
//!
//! The shell and the catalog (the first page most visitors see) are in the
//! app's main module; every other page is a lazy route, which the build
//! (`cargo xtask`, see `xtask::app`) splits into its own file, fetched when
//! the route first opens. A page's route type (`…Route`) only names the page
//! component: the page starts its own loading as it renders.
//!
//! The table is a `FlatRoutes`, not a `Routes`: no route nests, and the
//! flat router leaves about 8 KB gzip less in the main module.

use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::{Lazy, LazyRoute, lazy_route, path};

use shared::Lang;

use crate::api::Session;
use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::components::status::Loading;
use crate::i18n::{I18n, PagesPart, t, use_i18n};
use crate::pages::{catalog::CatalogPage, not_found::NotFound};

/// The app in `lang`, whose texts are already loaded (see `main`).
#[component]
pub fn App(lang: Lang) -> impl IntoView {
    provide_context(I18n::new(lang));
    provide_context(Session::new());
    view! {
        <Router>
            <Header />
            <main id="main" class="page" tabindex="-1">
                <FlatRoutes fallback=NotFound>
                    <Route path=path!("/") view=CatalogPage />
                    <Route path=path!("/services/:code") view={Lazy::<ServiceRoute>::new()} />
                    <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} />
                    <Route path=path!("/register") view={Lazy::<RegisterRoute>::new()} />
                    <Route path=path!("/register/eds") view={Lazy::<RegisterEdsRoute>::new()} />
                    <Route path=path!("/cabinet") view={Lazy::<CabinetRoute>::new()} />
                    <Route path=path!("/requests") view={Lazy::<HistoryRoute>::new()} />
                    <Route path=path!("/requests/:id") view={Lazy::<RequestRoute>::new()} />
                    <Route path=path!("/requests/:id/check") view={Lazy::<CheckRoute>::new()} />
                    <Route path=path!("/notifications") view={Lazy::<NotificationsRoute>::new()} />
                    <Route path=path!("/review") view={Lazy::<ReviewQueueRoute>::new()} />
                    <Route path=path!("/review/:id") view={Lazy::<ReviewRequestRoute>::new()} />
                    <Route path=path!("/desk") view={Lazy::<DeskRoute>::new()} />
                    <Route path=path!("/desk/receipt/:id") view={Lazy::<ReceiptRoute>::new()} />
                    <Route path=path!("/registry") view={Lazy::<RegistryRoute>::new()} />
                    <Route path=path!("/stats") view={Lazy::<StatsRoute>::new()} />
                    <Route path=path!("/verify/:number") view={Lazy::<VerifyRoute>::new()} />
                </FlatRoutes>
            </main>
            <Footer />
        </Router>
    }
}

/// Called by every lazy route as it starts loading its page's code: the
/// pages' texts (`crate::i18n`) set off at the same time.
fn texts_on_their_way() {
    if let Some(i18n) = use_context::<I18n>() {
        i18n.want_pages();
    }
}

/// A lazy route's page, once the pages' texts are here; a loading line
/// until then, and a failure with a retry if they cannot be fetched.
fn with_texts(page: fn() -> AnyView) -> AnyView {
    let i18n = use_i18n();
    i18n.want_pages();
    let ready = Memo::new(move |_| i18n.pages() == PagesPart::Here);
    let waiting = move || {
        if i18n.pages() == PagesPart::Failed {
            view! {
                <div class="alert alert--error" role="alert" data-test="texts-failed">
                    <p>{t("error.network")}</p>
                    <button type="button" class="btn btn--primary" data-test="texts-retry" on:click=move |_| i18n.want_pages()>
                        {t("common.retry")}
                    </button>
                </div>
            }
            .into_any()
        } else {
            view! { <Loading /> }.into_any()
        }
    };
    view! { <Show when=move || ready.get() fallback=waiting>{page()}</Show> }.into_any()
}

/// `/services/:code`: [`crate::pages::service::ServicePage`], loaded on demand.
pub struct ServiceRoute;

#[lazy_route]
impl LazyRoute for ServiceRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| view! { <crate::pages::service::ServicePage /> }.into_any())
    }
}

/// `/login`: [`crate::pages::account::login::LoginPage`], loaded on demand.
pub struct LoginRoute;

#[lazy_route]
impl LazyRoute for LoginRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| view! { <crate::pages::account::login::LoginPage /> }.into_any())
    }
}

/// `/register`: [`crate::pages::account::register::RegisterPage`], loaded on demand.
pub struct RegisterRoute;

#[lazy_route]
impl LazyRoute for RegisterRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| view! { <crate::pages::account::register::RegisterPage /> }.into_any())
    }
}

/// `/register/eds`: [`crate::pages::account::register_eds::RegisterEdsPage`], loaded on demand.
pub struct RegisterEdsRoute;

#[lazy_route]
impl LazyRoute for RegisterEdsRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| view! { <crate::pages::account::register_eds::RegisterEdsPage /> }.into_any())
    }
}

/// `/cabinet`: [`crate::pages::account::cabinet::CabinetPage`], loaded on demand.
pub struct CabinetRoute;

#[lazy_route]
impl LazyRoute for CabinetRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| view! { <crate::pages::account::cabinet::CabinetPage /> }.into_any())
    }
}

/// `/requests`: [`crate::pages::requests::history::HistoryPage`], loaded on demand.
pub struct HistoryRoute;

#[lazy_route]
impl LazyRoute for HistoryRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| view! { <crate::pages::requests::history::HistoryPage /> }.into_any())
    }
}

/// `/requests/:id`: [`crate::pages::requests::form::RequestPage`], loaded on demand.
pub struct RequestRoute;

#[lazy_route]
impl LazyRoute for RequestRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| view! { <crate::pages::requests::form::RequestPage /> }.into_any())
    }
}

/// `/requests/:id/check`: [`crate::pages::requests::check::CheckPage`], loaded on demand.
pub struct CheckRoute;

#[lazy_route]
impl LazyRoute for CheckRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| view! { <crate::pages::requests::check::CheckPage /> }.into_any())
    }
}

/// `/notifications`: [`crate::pages::account::notifications::NotificationsPage`], loaded on demand.
pub struct NotificationsRoute;

#[lazy_route]
impl LazyRoute for NotificationsRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| {
            view! { <crate::pages::account::notifications::NotificationsPage /> }.into_any()
        })
    }
}

/// `/review`: [`crate::pages::staff::review::queue::ReviewQueuePage`], loaded on demand.
pub struct ReviewQueueRoute;

#[lazy_route]
impl LazyRoute for ReviewQueueRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| view! { <crate::pages::staff::review::queue::ReviewQueuePage /> }.into_any())
    }
}

/// `/review/:id`: [`crate::pages::staff::review::request::ReviewRequestPage`], loaded on demand.
pub struct ReviewRequestRoute;

#[lazy_route]
impl LazyRoute for ReviewRequestRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| {
            view! { <crate::pages::staff::review::request::ReviewRequestPage /> }.into_any()
        })
    }
}

/// `/desk`: [`crate::pages::staff::desk::page::DeskPage`], loaded on demand.
pub struct DeskRoute;

#[lazy_route]
impl LazyRoute for DeskRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| view! { <crate::pages::staff::desk::page::DeskPage /> }.into_any())
    }
}

/// `/desk/receipt/:id`: [`crate::pages::staff::desk::receipt::ReceiptPage`], loaded on demand.
pub struct ReceiptRoute;

#[lazy_route]
impl LazyRoute for ReceiptRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| view! { <crate::pages::staff::desk::receipt::ReceiptPage /> }.into_any())
    }
}

/// `/registry`: [`crate::pages::staff::registry::RegistryPage`], loaded on demand.
pub struct RegistryRoute;

#[lazy_route]
impl LazyRoute for RegistryRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| view! { <crate::pages::staff::registry::RegistryPage /> }.into_any())
    }
}

/// `/stats`: [`crate::pages::staff::stats::StatsPage`], loaded on demand.
pub struct StatsRoute;

#[lazy_route]
impl LazyRoute for StatsRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| view! { <crate::pages::staff::stats::StatsPage /> }.into_any())
    }
}

/// `/verify/:number`: [`crate::pages::staff::registry::VerifyPage`], loaded on demand.
pub struct VerifyRoute;

#[lazy_route]
impl LazyRoute for VerifyRoute {
    fn data() -> Self {
        texts_on_their_way();
        Self
    }

    fn view(_this: Self) -> AnyView {
        with_texts(|| view! { <crate::pages::staff::registry::VerifyPage /> }.into_any())
    }
}
