//! Notifications: one per status change of a request, for its applicant —
//! in the app (the header's badge counts the unread ones), and by e-mail
//! when the portal has an SMTP server (a letter queued in the same
//! transaction, [`crate::adapters::mail::outbox`]).

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use shared::request::{NotificationDto, NotificationsDto, RequestNumber, RequestStatus};

use crate::adapters::mail::Letter;
use crate::app::App;
use crate::clock::rfc3339;
use crate::db::entities::{notifications, requests, users};
use crate::db::stored;
use crate::error::AppResult;

/// How many notifications the list shows.
const SHOWN: u64 = 30;

/// Records that `request` (of `user`) moved to `status`. A draft being
/// started is not news.
pub async fn record(
    db: &impl ConnectionTrait,
    user: i32,
    request: i32,
    status: RequestStatus,
) -> AppResult<()> {
    if status == RequestStatus::Draft {
        return Ok(());
    }
    notifications::ActiveModel {
        user_id: Set(user),
        request_id: Set(request),
        status: Set(status.code().to_owned()),
        created_at: Set(Utc::now().into()),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The letter telling the applicant of `model` that it reached `status`,
/// for [`transition`](super::transition::transition) to queue in its
/// transaction; `None` for a draft, or when the portal sends no e-mail.
pub fn letter(app: &App, model: &requests::Model, status: RequestStatus) -> Option<Letter> {
    letter_with(app, model, status, None)
}

/// [`letter`] with `note`, lines in Kazakh and in Russian told after the
/// new status (what the provider asks, and by when).
pub fn letter_with(
    app: &App,
    model: &requests::Model,
    status: RequestStatus,
    note: Option<(String, String)>,
) -> Option<Letter> {
    if !app.mailer.is_enabled() || status == RequestStatus::Draft {
        return None;
    }
    let (subject, body) = status_letter(app, model, status, note);
    Some(Letter {
        user_id: model.user_id,
        request_id: Some(model.id),
        subject,
        body,
    })
}

/// The name of a status in Kazakh and Russian (as the app shows it).
fn status_names(status: RequestStatus) -> (&'static str, &'static str) {
    match status {
        RequestStatus::Draft => ("Жоба", "Черновик"),
        RequestStatus::AwaitingPayment => ("Төлемді күтуде", "Ожидает оплаты"),
        RequestStatus::AwaitingSignature => ("Қол қоюды күтуде", "Ожидает подписания"),
        RequestStatus::Submitted => ("Тіркелді", "Зарегистрирован"),
        RequestStatus::InReview => ("Қаралуда", "На рассмотрении"),
        RequestStatus::Hearing => (
            "Алдын ала бас тарту: тыңдау",
            "Предварительный отказ: заслушивание",
        ),
        RequestStatus::AwaitingDocuments => ("Құжаттарды күтуде", "Ожидает документов"),
        RequestStatus::Approved => ("Нәтиже берілді", "Результат выдан"),
        RequestStatus::Refused => ("Дәлелді бас тарту", "Мотивированный отказ"),
    }
}

/// What every letter on `model` names: its number, its page, and the
/// service line in Kazakh and in Russian (by its name only, never its
/// catalog code; a service the catalog no longer names leaves it out).
fn facts(app: &App, model: &requests::Model) -> (String, String, String, String) {
    let number = model.number.clone().unwrap_or_else(|| model.id.to_string());
    let link = format!(
        "{}/requests/{}",
        app.config.public_url.trim_end_matches('/'),
        model.id
    );
    let service =
        |lang: shared::Lang, label: &str| match app.catalog.service_name(&model.service_code) {
            Some(name) => format!("{label}: {}\n", name.get(lang)),
            None => String::new(),
        };
    (
        number,
        link,
        service(shared::Lang::Kk, "Қызмет"),
        service(shared::Lang::Ru, "Услуга"),
    )
}

const SIGNATURE: &str = "--\n\
     Бұл хат автоматты түрде жіберілді, оған жауап бермеңіз.\n\
     Это письмо отправлено автоматически, не отвечайте на него.\n";

/// The subject and body of the letter on `model` reaching `status`: in
/// Kazakh, then in Russian.
fn status_letter(
    app: &App,
    model: &requests::Model,
    status: RequestStatus,
    note: Option<(String, String)>,
) -> (String, String) {
    let (number, link, service_kk, service_ru) = facts(app, model);
    let (kk, ru) = status_names(status);
    let (note_kk, note_ru) = note.map_or_else(Default::default, |(kk, ru)| {
        (format!("{kk}\n"), format!("{ru}\n"))
    });
    let subject = format!("Сұрау № {number}: {kk} / Запрос № {number}: {ru}");
    let body = format!(
        "Сәлеметсіз бе!\n\n\
         № {number} сұрауыңыздың мәртебесі өзгерді.\n\
         {service_kk}\
         Жаңа мәртебе: {kk}\n\
         {note_kk}\
         Толығырақ: {link}\n\n\
         Здравствуйте!\n\n\
         Статус вашего запроса № {number} изменился.\n\
         {service_ru}\
         Новый статус: {ru}\n\
         {note_ru}\
         Подробнее: {link}\n\n\
         {SIGNATURE}"
    );
    (subject, body)
}

/// The letter reminding the applicant of `model` that its result waits
/// at the desk to be collected in person (seed 000 §17.6); `None` when
/// the portal sends no e-mail.
pub fn reminder_letter(app: &App, model: &requests::Model) -> Option<Letter> {
    if !app.mailer.is_enabled() {
        return None;
    }
    let (number, link, service_kk, service_ru) = facts(app, model);
    let subject =
        format!("Сұрау № {number}: нәтижені алыңыз / Запрос № {number}: получите результат");
    let body = format!(
        "Сәлеметсіз бе!\n\n\
         № {number} сұрауыңыздың нәтижесі дайын және сізді өтініш берген жерде күтіп тұр.\n\
         {service_kk}\
         Оны жеке куәлігіңізбен келіп алыңыз.\n\
         Толығырақ: {link}\n\n\
         Здравствуйте!\n\n\
         Результат вашего запроса № {number} готов и ждет вас там, где вы подавали запрос.\n\
         {service_ru}\
         Получите его лично, с удостоверением личности.\n\
         Подробнее: {link}\n\n\
         {SIGNATURE}"
    );
    Some(Letter {
        user_id: model.user_id,
        request_id: Some(model.id),
        subject,
        body,
    })
}

/// The user's latest notifications and the unread count.
pub async fn list(app: &App, user: &users::Model) -> AppResult<NotificationsDto> {
    let unread = unread(app, user).await?;
    let rows = notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(user.id))
        .find_also_related(requests::Entity)
        .order_by_desc(notifications::Column::Id)
        .limit(SHOWN)
        .all(&app.db.read)
        .await?;
    let mut items = Vec::with_capacity(rows.len());
    // Every notification is about a request (a foreign key).
    for (n, r) in rows {
        let Some(r) = r else { continue };
        items.push(NotificationDto {
            id: i64::from(n.id),
            request: i64::from(r.id),
            service: r.service_code,
            number: stored::optional("requests.number", r.number.as_deref(), RequestNumber::parse)?,
            status: stored::state("notifications.status", &n.status, RequestStatus::parse)?,
            at: rfc3339(&n.created_at),
            read: n.read_at.is_some(),
        });
    }
    Ok(NotificationsDto { unread, items })
}

/// How many of the user's notifications are unread (an index answers it).
pub async fn unread(app: &App, user: &users::Model) -> AppResult<u32> {
    let count = notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(user.id))
        .filter(notifications::Column::ReadAt.is_null())
        .count(&app.db.read)
        .await?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// Marks every notification of the user read.
pub async fn mark_all_read(app: &App, user: &users::Model) -> AppResult<()> {
    notifications::Entity::update_many()
        .col_expr(
            notifications::Column::ReadAt,
            Expr::value(sea_orm::Value::ChronoDateTimeWithTimeZone(Some(Box::new(
                Utc::now().into(),
            )))),
        )
        .filter(notifications::Column::UserId.eq(user.id))
        .filter(notifications::Column::ReadAt.is_null())
        .exec(&app.db.write)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The letter names each status as the app does (its locale files: the
    /// statuses are in the pages part).
    #[test]
    fn status_names_match_the_apps_translations() {
        let locale = |lang: &str| -> serde_json::Value {
            let path = format!(
                "{}/../frontend/locales/pages/{lang}.json",
                env!("CARGO_MANIFEST_DIR")
            );
            serde_json::from_slice(&std::fs::read(&path).expect("locale file")).expect("json")
        };
        let (kk, ru) = (locale("kk"), locale("ru"));
        for status in RequestStatus::ALL {
            let key = format!("status.{}", status.code());
            let (in_kk, in_ru) = status_names(status);
            assert_eq!(kk[&key], in_kk, "{key}");
            assert_eq!(ru[&key], in_ru, "{key}");
        }
    }
}
