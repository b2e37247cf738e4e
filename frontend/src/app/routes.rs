//! The lazy routes: each names its page's component, which the build splits
//! into its own file, fetched when the route first opens.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use super::texts::{texts_on_their_way, with_texts};

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
