//! The lazy routes: each names its page's component, which the build splits
//! into its own file, fetched when the route first opens.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use super::texts::{texts_on_their_way, with_texts};

/// `lazy!(Route, "/path", page::Component)`: the route type `Route` whose
/// page is `Component`, loaded on demand once the pages' texts are here.
macro_rules! lazy {
    ($route:ident, $path:literal, $($page:ident)::+) => {
        #[doc = concat!("`", $path, "`: [`", stringify!($($page)::+), "`], loaded on demand.")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                texts_on_their_way();
                Self
            }

            fn view(_this: Self) -> AnyView {
                with_texts(|| view! { <$($page)::+ /> }.into_any())
            }
        }
    };
}

lazy!(
    ServiceRoute,
    "/services/:code",
    crate::pages::service::ServicePage
);
lazy!(
    LoginRoute,
    "/login",
    crate::pages::account::login::LoginPage
);
lazy!(
    RegisterRoute,
    "/register",
    crate::pages::account::register::RegisterPage
);
lazy!(
    RegisterEdsRoute,
    "/register/eds",
    crate::pages::account::register_eds::RegisterEdsPage
);
lazy!(
    CabinetRoute,
    "/cabinet",
    crate::pages::account::cabinet::CabinetPage
);
lazy!(
    HistoryRoute,
    "/requests",
    crate::pages::requests::history::HistoryPage
);
lazy!(
    RequestRoute,
    "/requests/:id",
    crate::pages::requests::form::RequestPage
);
lazy!(
    CheckRoute,
    "/requests/:id/check",
    crate::pages::requests::check::CheckPage
);
lazy!(
    NotificationsRoute,
    "/notifications",
    crate::pages::account::notifications::NotificationsPage
);
lazy!(
    ReviewQueueRoute,
    "/review",
    crate::pages::staff::review::queue::ReviewQueuePage
);
lazy!(
    ReviewRequestRoute,
    "/review/:id",
    crate::pages::staff::review::request::ReviewRequestPage
);
lazy!(
    DeskRoute,
    "/desk",
    crate::pages::staff::desk::page::DeskPage
);
lazy!(
    ReceiptRoute,
    "/desk/receipt/:id",
    crate::pages::staff::desk::receipt::ReceiptPage
);
lazy!(
    RegistryRoute,
    "/registry",
    crate::pages::staff::registry::RegistryPage
);
lazy!(StatsRoute, "/stats", crate::pages::staff::stats::StatsPage);
lazy!(
    VerifyRoute,
    "/verify/:number",
    crate::pages::staff::registry::VerifyPage
);
