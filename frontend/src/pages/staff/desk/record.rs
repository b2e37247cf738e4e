//! What the state registry knows of the visitor: a person (ГБД ФЛ) or an
//! organization (ГБД ЮЛ).

use leptos::prelude::*;
use shared::desk::RegistryRecord;

use crate::format::day;
use crate::i18n::t;

/// What the registry knows of the visitor.
#[component]
pub fn RecordCard(record: RegistryRecord) -> impl IntoView {
    let body = match record {
        RegistryRecord::Person(p) => {
            let name = p.full_name();
            view! {
                <h3>{t("desk.from_gbd_fl")}</h3>
                <dl class="facts">
                    <dt>{t("register.iin")}</dt><dd data-test="desk-record-id">{p.iin}</dd>
                    <dt>{t("request.name")}</dt><dd data-test="desk-record-name">{name}</dd>
                    <dt>{t("desk.birth_date")}</dt><dd>{day(&p.birth_date)}</dd>
                    <dt>{t("desk.address")}</dt><dd>{p.address}</dd>
                </dl>
            }
            .into_any()
        }
        RegistryRecord::Organization(o) => view! {
            <h3>{t("desk.from_gbd_ul")}</h3>
            <dl class="facts">
                <dt>{t("register.bin")}</dt><dd data-test="desk-record-id">{o.bin}</dd>
                <dt>{t("request.name")}</dt><dd data-test="desk-record-name">{o.name}</dd>
                <dt>{t("desk.registered_on")}</dt><dd>{day(&o.registered_on)}</dd>
                <dt>{t("desk.address")}</dt><dd>{o.address}</dd>
                <dt>{t("desk.head")}</dt><dd data-test="desk-record-head">{o.head.name} " (" {o.head.iin} ")"</dd>
            </dl>
        }
        .into_any(),
    };
    view! { <section class="record alert alert--ok" data-test="desk-record">{body}</section> }
}
