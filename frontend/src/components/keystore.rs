//! The signing prompt's fields: the ЭЦП keystore file and its password, and
//! the reason a signature could not be made. The chosen file and the
//! password stay as they are after a refusal, so the user only corrects
//! what was wrong; the password is never stored anywhere but this form.

use leptos::prelude::*;
use shared::ErrorCode;
use shared::eds::{ChallengePurpose, EdsCode, KeyPurpose, SignOrder};
use wasm_bindgen::JsCast;

use crate::api::{self, ApiFailure};
use crate::components::field::TextField;
use crate::eds::{self, SignFailure, Signed};
use crate::i18n::{I18n, t, use_i18n};

/// The chosen keystore: its file name and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenKeystore {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What the prompt holds; the page runs the signature with [`Keystore::sign`].
#[derive(Debug, Clone, Copy)]
pub struct Keystore {
    pub file: RwSignal<Option<ChosenKeystore>>,
    pub password: RwSignal<String>,
    /// The localized reason of the last refusal.
    pub error: RwSignal<Option<String>>,
    /// Taken when the prompt is made: no context is reachable in a task.
    i18n: I18n,
}

impl Keystore {
    /// Made in a component, where the language context is.
    pub fn new() -> Keystore {
        Keystore {
            file: RwSignal::new(None),
            password: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            i18n: use_i18n(),
        }
    }

    /// Signs `content` for `purpose`; a refusal is put in words in `error`.
    pub async fn sign(&self, purpose: KeyPurpose, content: &[u8]) -> Option<Signed> {
        self.sign_as(purpose, content, None, None).await
    }

    /// Signs `content` with a certificate that must carry `iin` / `bin`
    /// (checked in the browser first; the server checks again).
    pub async fn sign_as(
        &self,
        purpose: KeyPurpose,
        content: &[u8],
        expect_iin: Option<String>,
        expect_bin: Option<String>,
    ) -> Option<Signed> {
        let i18n = self.i18n;
        self.error.set(None);
        let Some(file) = self.file.get_untracked() else {
            self.error.set(Some(i18n.t("keystore.choose_file")));
            return None;
        };
        let password = self.password.get_untracked();
        if password.is_empty() {
            self.error.set(Some(i18n.t("keystore.enter_password")));
            return None;
        }
        let order = SignOrder {
            password,
            purpose,
            expect_iin,
            expect_bin,
            now_ms: eds::now_ms(),
        };
        match eds::sign(&file.bytes, &order, content).await {
            Ok(signed) => Some(signed),
            Err(SignFailure::Eds(code)) => {
                self.error.set(Some(i18n.eds(&code)));
                None
            }
            Err(SignFailure::Unavailable) => {
                self.error.set(Some(i18n.t("keystore.unavailable")));
                None
            }
        }
    }

    /// Shows a refusal the server gave for a signature.
    pub fn refused(&self, code: &EdsCode) {
        self.error.set(Some(self.i18n.eds(code)));
    }

    /// A fresh login challenge signed with the authentication key: the
    /// challenge's id and the CMS in base64; `Ok(None)` when the key could
    /// not sign (the prompt says why).
    pub async fn sign_login_challenge(&self) -> Result<Option<(String, String)>, ApiFailure> {
        let challenge = api::eds_challenge(ChallengePurpose::Login).await?;
        let signed = self
            .sign(
                KeyPurpose::Authentication,
                &challenge.document.to_signed_bytes(),
            )
            .await;
        Ok(signed.map(|s| (challenge.id, eds::base64(&s.cms))))
    }

    /// `e` for the page to show, unless it is the server's refusal of the
    /// signature, which the prompt shows instead.
    pub fn unless_refused(&self, e: ApiFailure) -> Option<ApiFailure> {
        match e.code() {
            Some(ErrorCode::SignatureRejected { reason }) => {
                self.refused(reason);
                None
            }
            _ => Some(e),
        }
    }
}

/// The file chooser and the password field of the signing prompt.
#[component]
pub fn KeystoreFields(keystore: Keystore) -> impl IntoView {
    let reveal = RwSignal::new(false);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            keystore.file.set(None);
            return;
        };
        keystore.error.set(None);
        leptos::task::spawn_local(async move {
            match eds::read_file(&file).await {
                Some(bytes) => keystore.file.set(Some(ChosenKeystore {
                    name: file.name(),
                    bytes,
                })),
                None => keystore.refused(&EdsCode::NotAKeystore),
            }
        });
    };
    view! {
        <div class="keystore" data-test="keystore">
            <div class="field" class:field--invalid=move || keystore.error.get().is_some()>
                <label for="keystore-file">{t("keystore.file")}</label>
                <p class="field__hint" id="keystore-file-hint">{t("keystore.file_hint")}</p>
                <input id="keystore-file" type="file" accept=".p12,.pfx,application/x-pkcs12"
                    aria-describedby="keystore-file-hint" data-test="keystore-file" on:change=on_file />
                {move || keystore.file.get().map(|f| view! {
                    <p class="muted small" data-test="keystore-chosen">{f.name}</p>
                })}
            </div>
            <TextField id="keystore_password" label="keystore.password" value=keystore.password
                errors=Signal::derive(Vec::new) input_type="password" autocomplete="off" reveal=reveal />
            <p id="keystore-error" class="field__error" role="alert" data-test="keystore-error">
                {move || keystore.error.get()}
            </p>
        </div>
    }
}
