//! The i18n layer: flat key → text tables per language, in two parts.
//! `locales/<lang>.json` holds what the first paint needs (the shell, the
//! catalog, the common failures); `locales/pages/<lang>.json` everything
//! else. Trunk copies both to `/locales/`. The app fetches the current
//! language's first part before it mounts, and its pages part when a page
//! other than the catalog first opens (alongside that page's code), so a
//! visit downloads one language, and a visit to the catalog only its first
//! part. `t("key")` gives a reactive text that follows the current language
//! and the arrival of the pages part.
//!
//! - `table`: the tables, their fetching and the lookup; `lang`: the
//!   language the app starts in; `context`: [`I18n`], the current language
//!   and its switch; `messages`: the texts of the shared codes.

mod context;
mod lang;
mod messages;
mod table;

pub use self::context::{I18n, PagesPart, t, use_i18n};
pub use self::lang::initial_lang;
pub use self::table::{LoadFailed, load};
#[cfg(test)]
use self::table::{Part, Table, fill, slot};
#[cfg(test)]
use shared::eds::EdsCode;
#[cfg(test)]
use shared::{ErrorCode, FieldCode, Lang};

#[cfg(test)]
mod tests;
