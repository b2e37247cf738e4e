//! The router and the shell.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::Session;
use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::i18n::I18n;
use crate::pages::{
    cabinet::CabinetPage, catalog::CatalogPage, login::LoginPage, not_found::NotFound,
};
use crate::pages::{check::CheckPage, notifications::NotificationsPage};
use crate::pages::{desk::DeskPage, desk::ReceiptPage};
use crate::pages::{history::HistoryPage, request::RequestPage};
use crate::pages::{register::RegisterPage, register_eds::RegisterEdsPage, service::ServicePage};
use crate::pages::{registry::RegistryPage, registry::VerifyPage, stats::StatsPage};
use crate::pages::{review::ReviewQueuePage, review::ReviewRequestPage};

#[component]
pub fn App() -> impl IntoView {
    provide_context(I18n::new());
    provide_context(Session::new());
    view! {
        <Router>
            <Header />
            <main id="main" class="page" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=CatalogPage />
                    <Route path=path!("/services/:code") view=ServicePage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/register") view=RegisterPage />
                    <Route path=path!("/register/eds") view=RegisterEdsPage />
                    <Route path=path!("/cabinet") view=CabinetPage />
                    <Route path=path!("/requests") view=HistoryPage />
                    <Route path=path!("/requests/:id") view=RequestPage />
                    <Route path=path!("/requests/:id/check") view=CheckPage />
                    <Route path=path!("/notifications") view=NotificationsPage />
                    <Route path=path!("/review") view=ReviewQueuePage />
                    <Route path=path!("/review/:id") view=ReviewRequestPage />
                    <Route path=path!("/desk") view=DeskPage />
                    <Route path=path!("/desk/receipt/:id") view=ReceiptPage />
                    <Route path=path!("/registry") view=RegistryPage />
                    <Route path=path!("/stats") view=StatsPage />
                    <Route path=path!("/verify/:number") view=VerifyPage />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
