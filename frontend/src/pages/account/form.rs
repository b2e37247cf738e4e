//! The form state login, registration and ЭЦП registration share: each
//! field's errors, the summary over them, and the write in flight — a Leptos
//! `Action` whose `pending()` disables the button and whose value is the
//! failure shown above the form.

use std::future::Future;

use leptos::prelude::*;
use shared::password::Password;
use shared::{FieldCode, FieldErrors};

use crate::api::ApiFailure;
use crate::components::field::TextField;
use crate::components::status::Failure;

/// (field id, label key) of each field, in form order.
pub type Labels = &'static [(&'static str, &'static str)];

/// One account form: its fields' errors and its write.
pub struct AccountForm<I: 'static> {
    /// Each field's errors, by field id (the form's own checks and the server's).
    pub fields: RwSignal<FieldErrors>,
    labels: Labels,
    /// The write; its value is the failure to show, if any.
    write: Action<I, Option<ApiFailure>>,
}

impl<I: 'static> Clone for AccountForm<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static> Copy for AccountForm<I> {}

impl<I: 'static> AccountForm<I> {
    /// A form over `labels` whose submit runs `write` with the form's field
    /// errors (to show the server's) and the input; `write` answers the
    /// failure to show above the form, if any.
    pub fn new<F, Fu>(labels: Labels, write: F) -> Self
    where
        F: Fn(RwSignal<FieldErrors>, &I) -> Fu + 'static,
        Fu: Future<Output = Option<ApiFailure>> + 'static,
    {
        let fields = RwSignal::new(FieldErrors::new());
        let write = Action::new_local(move |input: &I| write(fields, input));
        Self {
            fields,
            labels,
            write,
        }
    }

    /// The errors of field `id`.
    pub fn errors_of(self, id: &'static str) -> Signal<Vec<FieldCode>> {
        let fields = self.fields;
        Signal::derive(move || fields.with(|f| f.get(id).cloned().unwrap_or_default()))
    }

    /// (field id, label key, codes) of each field with errors, in form order.
    pub fn summary(self) -> Signal<Vec<(&'static str, &'static str, Vec<FieldCode>)>> {
        let (fields, labels) = (self.fields, self.labels);
        Signal::derive(move || {
            fields.with(|f| {
                labels
                    .iter()
                    .filter_map(|(id, label)| f.get(*id).map(|c| (*id, *label, c.clone())))
                    .collect()
            })
        })
    }

    /// Whether the write is in flight (the button waits meanwhile).
    pub fn busy(self) -> Memo<bool> {
        self.write.pending()
    }

    /// Hides the last failure: a new attempt starts.
    pub fn clear_failure(self) {
        self.write.clear();
    }

    /// Sends `input`; the last failure goes meanwhile.
    pub fn send(self, input: I) {
        self.write.clear();
        self.write.dispatch_local(input);
    }

    /// Shows the form's own `checks` by their fields and, when they found
    /// nothing, sends `input()`; the last failure goes either way. Nothing
    /// happens while a write is in flight.
    pub fn send_checked(self, checks: FieldErrors, input: impl FnOnce() -> I) {
        if self.busy().get_untracked() {
            return;
        }
        let ok = checks.is_empty();
        self.fields.set(checks);
        self.clear_failure();
        if ok {
            self.send(input());
        }
    }

    /// The last failure, above the form.
    pub fn failure(self) -> impl IntoView {
        let value = self.write.value();
        move || {
            value
                .with(|v| v.clone().flatten())
                .map(|e| view! { <Failure failure=e /> })
        }
    }
}

/// The form's own check of a new password (the server also checks it
/// against the account's details).
pub fn new_password_checks(password: RwSignal<String>) -> FieldErrors {
    let mut checks = FieldErrors::new();
    if let Err(code) = Password::parse(&password.get_untracked()) {
        checks.insert("new_password".into(), vec![code]);
    }
    checks
}

/// The new password's field, as every form that sets one shows it.
pub fn new_password_field(
    password: RwSignal<String>,
    errors: Signal<Vec<FieldCode>>,
    reveal: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <TextField
            id="new_password"
            label="cabinet.new_password"
            hint="register.password_hint"
            value=password
            errors=errors
            input_type="password"
            autocomplete="new-password"
            reveal=reveal
        />
    }
}
