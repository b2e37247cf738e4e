//! At a desk: the paper originals the operator has seen, ticked one by one
//! and saved with each tick.

use crate::api::{self, ApiFailure, use_session};
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use shared::Text;

use super::problems::Problems;

/// The paper originals of the request `id` (`docs`: code and name of each
/// document); `paper` the codes ticked. A refused tick shows in `failure`.
#[component]
pub fn PaperOriginals(
    id: i64,
    docs: StoredValue<Vec<(String, Text)>>,
    paper: RwSignal<Vec<String>>,
    problems: Problems,
    failure: RwSignal<Option<ApiFailure>>,
    editable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let lang = move || i18n.lang.get();
    // Each tick saved as it is made; a refusal shows where the form's do.
    let write = Action::new_local(move |list: &Vec<String>| {
        let list = list.clone();
        async move {
            match api::desk_paper(session, id, list).await {
                Ok(dto) => {
                    problems.all.set(dto.problems);
                    if let Some(d) = dto.desk {
                        paper.set(d.paper);
                    }
                    failure.set(None);
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let tick = move |code: String, on: bool| {
        let mut list = paper.get_untracked();
        list.retain(|c| *c != code);
        if on {
            list.push(code);
        }
        paper.set(list.clone());
        write.dispatch_local(list);
    };
    view! {
        <fieldset class="field paper" data-test="paper">
            <legend>{t("desk.paper_title")}</legend>
            <p class="field__hint">{t("desk.paper_hint")}</p>
            {move || docs.with_value(|docs| docs.iter().map(|(code, name)| {
                let key = format!("paper.{code}");
                let c = code.clone();
                let checked = code.clone();
                let name = name.clone();
                let invalid = problems.errors_of(key.clone());
                let input_id = key.clone();
                view! {
                    <label class="choice__option" for=key class:choice__option--invalid=move || !invalid.get().is_empty()>
                        <input type="checkbox" id=input_id data-test=format!("paper-{code}") disabled=!editable
                            prop:checked=move || paper.with(|p| p.contains(&checked))
                            on:change=move |ev| tick(c.clone(), event_target_checked(&ev)) />
                        {move || name.get(lang()).to_owned()}
                    </label>
                }
            }).collect_view())}
        </fieldset>
    }
}
