//! After a navigation (not the first load) the focus moves to the new
//! page's heading, so a keyboard or screen reader user starts there and
//! hears where they are. A lazy page draws its heading once its part has
//! loaded, so the heading is looked for a little while, and found again if
//! the one focused leaves the page.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// How often and how long to look for the new heading.
const STEP_MS: i32 = 50;
const STEPS: u32 = 40;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The page's heading, or `main` itself when `fallback` and it has none.
fn target(fallback: bool) -> Option<HtmlElement> {
    let doc = document()?;
    let h1 = doc.query_selector("main h1").ok().flatten();
    let el = match h1 {
        Some(h) => h,
        None if fallback => doc.query_selector("main").ok().flatten()?,
        None => return None,
    };
    el.dyn_into::<HtmlElement>().ok()
}

fn active() -> Option<web_sys::Element> {
    document().and_then(|d| d.active_element())
}

/// Whether the user has put the focus somewhere of their own since the
/// navigation (the link they followed, `at_start`, is not such a place).
fn user_moved(focused: Option<&HtmlElement>, at_start: Option<&web_sys::Element>) -> bool {
    let Some(active) = active() else {
        return false;
    };
    let tag = active.tag_name();
    let ours = focused.is_some_and(|f| {
        let el: &web_sys::Element = f;
        el == &active
    });
    !(ours || at_start == Some(&active) || tag == "BODY" || tag == "MAIN")
}

#[component]
pub fn FocusOnNavigate() -> impl IntoView {
    let path = use_location().pathname;
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        path.track();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        let at_start = active();
        leptos::task::spawn_local(async move {
            let mut focused: Option<HtmlElement> = None;
            for step in 1..=STEPS {
                crate::api::sleep_ms(STEP_MS).await;
                if user_moved(focused.as_ref(), at_start.as_ref()) {
                    return;
                }
                let settled = focused
                    .as_ref()
                    .is_some_and(|f| f.is_connected() && f.tag_name() == "H1");
                if settled {
                    continue;
                }
                if let Some(el) = target(step == STEPS)
                    && focused.as_ref() != Some(&el)
                {
                    if el.tag_name() == "H1" {
                        let _ = el.set_attribute("tabindex", "-1");
                    }
                    let _ = el.focus();
                    focused = Some(el);
                }
            }
        });
    });
}
