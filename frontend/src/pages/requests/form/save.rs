//! The request form's saving: one save at a time, through a Leptos
//! `Action` whose `pending()` is the «Сохранить» button's wait. A change
//! made while a save is on its way is saved right after it, so no answer is
//! dropped however fast the user moves between fields.

use crate::api::{self, ApiFailure, Session};
use leptos::prelude::*;
use shared::request::SaveDraft;

use super::values::{Form, LICENSE_FIELDS};

/// Where a save's outcome goes.
#[derive(Clone, Copy)]
pub struct Outcome {
    /// The problems the server found, by field key.
    pub problems: RwSignal<shared::FieldErrors>,
    /// The failure shown above the form (the paper originals' too).
    pub failure: RwSignal<Option<ApiFailure>>,
    /// When the last save was stored.
    pub saved_at: RwSignal<Option<String>>,
}

/// The saving of request `id`'s form.
#[derive(Clone, Copy)]
pub struct Saving {
    write: Action<(), ()>,
    /// A change came while a save was on its way: save once more after it.
    again: RwSignal<bool>,
    /// «Проверить ответы» goes on to the check page once a save finds
    /// nothing missing.
    go_check: RwSignal<bool>,
    editable: bool,
}

impl Saving {
    /// Saves `form` of request `id` into `outcome`; `on_complete` runs when
    /// a save asked for by [`Saving::check`] finds nothing missing.
    pub fn new(
        session: Session,
        id: i64,
        form: Form,
        outcome: Outcome,
        editable: bool,
        on_complete: Callback<()>,
    ) -> Self {
        let again = RwSignal::new(false);
        let go_check = RwSignal::new(false);
        let write = Action::new_local(move |_: &()| async move {
            loop {
                again.set(false);
                let saved = save_once(session, id, form, outcome).await;
                if again.get_untracked() {
                    continue;
                }
                // The check asked for is answered by this save, whatever it
                // found: a later «Сохранить» only saves.
                if go_check.get_untracked() {
                    go_check.set(false);
                    if saved && outcome.problems.with_untracked(|p| p.is_empty()) {
                        on_complete.run(());
                    }
                }
                break;
            }
        });
        Self {
            write,
            again,
            go_check,
            editable,
        }
    }

    /// «Сохранить»: saves and stays, whatever a check asked before.
    pub fn save_and_stay(self) {
        self.go_check.set(false);
        self.save();
    }

    /// Saves the form now, or right after the save on its way.
    pub fn save(self) {
        if !self.editable {
            return;
        }
        if self.write.pending().get_untracked() {
            self.again.set(true);
            return;
        }
        self.write.dispatch_local(());
    }

    /// Saves the form and, when nothing is missing, goes on to the check.
    pub fn check(self) {
        self.go_check.set(true);
        self.save();
    }

    /// Whether a save is on its way.
    pub fn busy(self) -> Memo<bool> {
        self.write.pending()
    }
}

/// One save of `form`, `true` when stored; what the user typed stays in
/// the form on a refusal.
async fn save_once(session: Session, id: i64, form: Form, outcome: Outcome) -> bool {
    let body = SaveDraft {
        provider: Some(form.provider.get_untracked()).filter(|p| !p.is_empty()),
        answers: form.answers(),
        license: Some(form.license.get_untracked()).filter(|l| !l.is_empty()),
    };
    match api::save_draft(session, id, &body).await {
        Ok(dto) => {
            // The license chosen fills its number and date.
            form.values.with_value(|v| {
                for key in LICENSE_FIELDS {
                    if let (Some(s), Some(a)) = (v.get(key), dto.answers.get(key)) {
                        s.set(a.clone());
                    }
                }
            });
            outcome.problems.set(dto.problems);
            outcome.failure.set(None);
            outcome.saved_at.set(Some(dto.updated_at));
            true
        }
        Err(e) => {
            let fields = e.fields();
            if !fields.is_empty() {
                outcome.problems.update(|p| p.extend(fields));
            }
            outcome.failure.set(Some(e));
            false
        }
    }
}
