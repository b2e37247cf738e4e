//! A license's branches, representative offices and sites (seed 000 §1,
//! item 2): the list anyone reads on the license's page, and for the
//! licensor's staff the form to add one and a way to close each, always
//! with a reason (kept in the license's history).

use leptos::prelude::*;
use shared::FieldErrors;
use shared::review::objects::{ObjectChange, ObjectDto, ObjectKind};

use crate::api::{self, ApiFailure, use_session};
use crate::components::status::write_failure;
use crate::format::local_time;
use crate::i18n::{I18n, t, use_i18n};

/// The i18n key of a unit's kind.
pub fn object_kind_key(kind: ObjectKind) -> &'static str {
    match kind {
        ObjectKind::Branch => "license.object.branch",
        ObjectKind::RepresentativeOffice => "license.object.representative_office",
        ObjectKind::Site => "license.object.site",
    }
}

/// The units, the open ones marked so.
#[component]
pub fn ObjectList(objects: Vec<ObjectDto>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="objects" data-test="license-objects">
            {objects.into_iter().map(|o| {
                let kind = o.kind;
                view! {
                    <li data-test="license-object" data-open=o.closed_at.is_none().to_string()>
                        <strong>{move || i18n.t(object_kind_key(kind))}</strong> " · " {o.name.clone()}
                        " · " {o.address.clone()} {o.bin.clone().map(|b| view! { " · " {t("request.tax_id")} " " {b} })}
                        {o.closed_at.as_ref().map(|c| view! { " · " <span class="muted">{t("license.object.closed")} " " {local_time(c)}</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn errors_of(i18n: I18n, problems: RwSignal<FieldErrors>, field: &'static str) -> impl IntoView {
    move || {
        problems.with(|p| p.get(field).cloned()).map(|codes| {
            view! { <ul class="field__errors" data-test=format!("object-{field}-error")>{codes.iter().map(|c| view! { <li>{i18n.field(c)}</li> }).collect_view()}</ul> }
        })
    }
}

/// The licensor's staff add a unit or close an open one.
#[component]
pub fn ObjectActions(
    number: String,
    objects: Vec<ObjectDto>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let number = StoredValue::new(number);
    let (kind, name, address, bin, reason) = (
        RwSignal::new(ObjectKind::Site.code().to_owned()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let problems = RwSignal::new(FieldErrors::new());
    // The open unit being changed; none: a new one is added.
    let editing = RwSignal::new(None::<i64>);
    let save = Action::new_local(move |(id, change): &(Option<i64>, ObjectChange)| {
        let (id, change) = (*id, change.clone());
        async move {
            let n = number.get_value();
            let done = match id {
                Some(id) => api::change_object(session, &n, id, &change).await,
                None => api::add_object(session, &n, &change).await,
            };
            match done {
                Ok(_) => {
                    problems.set(FieldErrors::new());
                    editing.set(None);
                    on_change.run(());
                    Ok(())
                }
                Err(e) => {
                    problems.set(e.fields());
                    Err(e)
                }
            }
        }
    });
    let close = Action::new_local(move |id: &i64| {
        let id = *id;
        async move {
            api::close_object(session, &number.get_value(), id, reason.get_untracked()).await?;
            on_change.run(());
            Ok::<(), ApiFailure>(())
        }
    });
    let open: Vec<ObjectDto> = objects
        .into_iter()
        .filter(|o| o.closed_at.is_none())
        .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let change = ObjectChange {
            kind: ObjectKind::parse(&kind.get_untracked()).unwrap_or(ObjectKind::Site),
            name: name.get_untracked(),
            address: address.get_untracked(),
            bin: bin.get_untracked(),
            reason: reason.get_untracked(),
        };
        save.dispatch_local((editing.get_untracked(), change));
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      value: RwSignal<String>,
                      key: &'static str| {
        view! {
            <div class="field">
                <label for=id>{t(label)}</label>
                <input id=id data-test=format!("{id}-input") prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                {errors_of(i18n, problems, key)}
            </div>
        }
    };
    view! {
        <form class="card" data-test="object-actions" on:submit=submit>
            <h2>{move || i18n.t(if editing.get().is_some() { "license.object.change_title" } else { "license.object.add_title" })}</h2>
            {write_failure(save)}
            {write_failure(close)}
            <div class="field">
                <label for="object-kind">{t("license.object.kind")}</label>
                <select id="object-kind" data-test="object-kind" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                    {ObjectKind::ALL.into_iter().map(|k| view! {
                        <option value=k.code() selected=k == ObjectKind::Site>{move || i18n.t(object_kind_key(k))}</option>
                    }).collect_view()}
                </select>
            </div>
            {field("object-name", "license.object.name", name, "name")}
            {field("object-address", "license.object.address", address, "address")}
            {field("object-bin", "license.object.bin", bin, "bin")}
            {field("object-reason", "registry.reason", reason, "reason")}
            <button type="submit" class="btn btn--primary" data-test="object-add">
                {move || i18n.t(if editing.get().is_some() { "license.object.save" } else { "license.object.add" })}
            </button>
            <ul>
                {open.into_iter().map(|o| {
                    let id = o.id;
                    let shown = o.name.clone();
                    let pick = move |_| {
                        editing.set(Some(o.id));
                        kind.set(o.kind.code().to_owned());
                        name.set(o.name.clone());
                        address.set(o.address.clone());
                        bin.set(o.bin.clone().unwrap_or_default());
                    };
                    view! { <li>{shown} " "
                        <button type="button" class="btn btn--small" data-test="object-edit" on:click=pick>{t("license.object.change")}</button> " "
                        <button type="button" class="btn btn--small" data-test="object-close"
                            on:click=move |_| { close.dispatch_local(id); }>{t("license.object.close")}</button></li> }
                }).collect_view()}
            </ul>
        </form>
    }
}
