//! The lazy routes: each names its page's component, which the build splits
//! into its own file, fetched when the route first opens.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use super::texts::{texts_on_their_way, with_texts};
use crate::pages::{account, requests, service, staff, validate};

/// `lazy! { Route "/path" => page::Component; … }`: for each line the route
/// type `Route` whose page is `Component`, loaded on demand once the pages'
/// texts are here.
macro_rules! lazy {
    ($($route:ident $path:literal => $($page:ident)::+;)*) => {$(
        #[doc = concat!("`", $path, "`: [`", stringify!($($page)::+), "`], loaded on demand.")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                texts_on_their_way();
                Self
            }

            fn view(_this: Self) -> AnyView {
                crate::components::focus::page_arrived();
                with_texts(|| view! { <$($page)::+ /> }.into_any())
            }
        }
    )*};
}

lazy! {
    ServiceRoute "/services/:code" => service::ServicePage;
    LoginRoute "/login" => account::login::LoginPage;
    RegisterRoute "/register" => account::register::RegisterPage;
    RegisterEdsRoute "/register/eds" => account::register_eds::RegisterEdsPage;
    RecoverRoute "/recover" => account::recover::RecoverPage;
    CabinetRoute "/cabinet" => account::cabinet::CabinetPage;
    HistoryRoute "/requests" => requests::history::HistoryPage;
    RequestRoute "/requests/:id" => requests::form::RequestPage;
    CheckRoute "/requests/:id/check" => requests::check::CheckPage;
    NotificationsRoute "/notifications" => account::notifications::NotificationsPage;
    ReviewQueueRoute "/review" => staff::review::queue::ReviewQueuePage;
    ReviewRequestRoute "/review/:id" => staff::review::request::ReviewRequestPage;
    DeskRoute "/desk" => staff::desk::page::DeskPage;
    ReceiptRoute "/desk/receipt/:id" => staff::desk::receipt::ReceiptPage;
    RegistryRoute "/registry" => staff::registry::RegistryPage;
    StatsRoute "/stats" => staff::stats::StatsPage;
    VerifyRoute "/verify/:number" => staff::registry::VerifyPage;
    ValidateRoute "/validate" => validate::ValidatePage;
}
