//! After a navigation (not the first page of the visit) the focus goes to
//! `main`, so a keyboard or screen-reader user goes on from the new page's
//! content, not from the link they followed (now gone) or the top of the
//! header. Each page calls [`page_arrived`] as it is drawn (the lazy routes
//! do it for theirs); `main` stays in the document while a lazy page loads
//! into it, so the focus is not lost when the page arrives.
//!
//! A page and not an effect on the location: an effect on
//! `use_location().pathname` outside the routes did not run again on a
//! link's navigation (the browser test caught it).

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::JsCast;

/// Whether a page has been drawn already in this visit.
static DREW_A_PAGE: AtomicBool = AtomicBool::new(false);

/// Moves the focus to `main`, unless this is the visit's first page.
pub fn page_arrived() {
    if !DREW_A_PAGE.swap(true, Ordering::Relaxed) {
        return;
    }
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let _ = main.focus();
    }
}
