//! The current language in the context: its switch, the pages part's
//! arrival, and the reactive lookup the views use.

use std::sync::atomic::Ordering;

use leptos::prelude::*;
use shared::Lang;

use super::lang::{STORAGE_KEY, storage};
use super::table::{LoadFailed, PAGES_WANTED, Part, fetch, fill, find, lookup, slot};

/// The current language, shared through the context.
#[derive(Clone, Copy, Debug)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
    /// The language the user asked for whose table could not be fetched;
    /// the page stays in the current one and says so.
    pub switch_failed: RwSignal<Option<Lang>>,
    /// The current language's pages part.
    pages: RwSignal<PagesPart>,
}

/// Where the current language's pages part is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PagesPart {
    /// Not asked for yet: only the shell and the catalog have been shown.
    NotWanted,
    Fetching,
    Here,
    /// Could not be fetched (twice); asking again retries.
    Failed,
}

impl I18n {
    /// Starts in `lang`, whose first part [`load`] has fetched.
    pub fn new(lang: Lang) -> I18n {
        let i18n = I18n {
            lang: RwSignal::new(lang),
            switch_failed: RwSignal::new(None),
            pages: RwSignal::new(PagesPart::NotWanted),
        };
        Effect::new(move |_| {
            let lang = i18n.lang.get();
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", lang.code());
            }
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                doc.set_title(&lookup(lang, "app.title"));
            }
        });
        i18n
    }

    /// Switches to `lang` once its texts are here (both parts, if a page
    /// has needed the second), and remembers it.
    pub fn set(&self, lang: Lang) {
        let this = *self;
        leptos::task::spawn_local(async move {
            let mut fetched = fetch(Part::First, lang).await;
            if fetched.is_ok() && PAGES_WANTED.load(Ordering::Relaxed) {
                fetched = fetch(Part::Pages, lang).await;
            }
            match fetched {
                Ok(()) => {
                    this.switch_failed.set(None);
                    this.lang.set(lang);
                    this.pages.set(if slot(Part::Pages, lang).get().is_some() {
                        PagesPart::Here
                    } else {
                        PagesPart::NotWanted
                    });
                    if let Some(s) = storage() {
                        let _ = s.set_item(STORAGE_KEY, lang.code());
                    }
                }
                Err(LoadFailed) => this.switch_failed.set(Some(lang)),
            }
        });
    }

    /// Where the current language's pages part is.
    pub fn pages(&self) -> PagesPart {
        self.pages.get()
    }

    /// Starts fetching the current language's pages part unless it is here
    /// or on its way.
    pub fn want_pages(&self) {
        PAGES_WANTED.store(true, Ordering::Relaxed);
        let lang = self.lang.get_untracked();
        if slot(Part::Pages, lang).get().is_some() {
            if self.pages.get_untracked() != PagesPart::Here {
                self.pages.set(PagesPart::Here);
            }
            return;
        }
        if self.pages.get_untracked() == PagesPart::Fetching {
            return;
        }
        self.pages.set(PagesPart::Fetching);
        let this = *self;
        leptos::task::spawn_local(async move {
            let fetched = fetch(Part::Pages, lang).await;
            // A switch meanwhile has set the state for its own language.
            if this.lang.get_untracked() == lang {
                this.pages.set(match fetched {
                    Ok(()) => PagesPart::Here,
                    Err(LoadFailed) => PagesPart::Failed,
                });
            }
        });
    }

    /// The text of `key` in the current language. A key of the pages part
    /// asked for before that part is here (an error code on the catalog,
    /// say) fetches it, and the text follows when it arrives.
    pub fn t(&self, key: &str) -> String {
        let lang = self.lang.get();
        if let Some(text) = find(lang, key) {
            return text;
        }
        // Not after a failure: the page's own retry asks again, not every
        // text that re-renders.
        if self.pages.get() == PagesPart::NotWanted {
            self.want_pages();
        }
        key.to_owned()
    }

    pub fn tf(&self, key: &str, args: &[(&str, String)]) -> String {
        fill(self.t(key), args)
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive text for `key`, for use in views and attributes.
pub fn t(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}
