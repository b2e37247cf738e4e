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
//!
//! - `texts`: a lazy page waits for the pages' texts; `routes`: the lazy
//!   routes, one per page outside the catalog.

mod routes;
mod texts;

use crate::api::Session;
use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::i18n::I18n;
use crate::pages::{catalog::CatalogPage, not_found::NotFound};
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::{Lazy, path};
use shared::Lang;

use self::routes::{
    CabinetRoute, CheckRoute, DeskRoute, HistoryRoute, LoginRoute, NotificationsRoute,
    ReceiptRoute, RecoverRoute, RegisterEdsRoute, RegisterRoute, RegistryRoute, RequestRoute,
    ReviewQueueRoute, ReviewRequestRoute, ServiceRoute, StatsRoute, ValidateRoute, VerifyRoute,
};

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
                    <Route path=path!("/recover") view={Lazy::<RecoverRoute>::new()} />
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
                    <Route path=path!("/validate") view={Lazy::<ValidateRoute>::new()} />
                </FlatRoutes>
            </main>
            <Footer />
        </Router>
    }
}
