//! The gateway's hosted pages: plain HTML from the server, no script, in
//! the payer's language (kk, ru, en), every value escaped.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use shared::money::Tiyn;

use super::card::{CardInput, INSUFFICIENT_FUNDS};
use super::protocol::Order;
use crate::db::entities::gateway_transactions as txns;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Kk,
    Ru,
    En,
}

impl Lang {
    pub fn parse(code: &str) -> Lang {
        match code {
            "kk" => Lang::Kk,
            "en" => Lang::En,
            _ => Lang::Ru,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

/// A text in three languages.
fn t(lang: Lang, kk: &'static str, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// What is wrong with the card as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardProblem {
    Number,
    Expiry,
    Cvc,
}

/// A message above the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Card(CardProblem),
    /// The bank refused: `declined` or `insufficient_funds`.
    Refused(&'static str),
}

/// A page instead of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    BadOrder,
    Expired,
    NoReceipt,
    Unavailable,
}

pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#eef2f6;margin:0;color:#1b2430}\
main{max-width:30rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 2px 12px #0002}\
h1{font-size:1.3rem;margin:0 0 1rem}label{display:block;margin:.8rem 0 .2rem;font-weight:600}\
input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1.05rem;border:1px solid #8a96a3;border-radius:6px}\
input:focus{outline:3px solid #1f6feb66}.row{display:flex;gap:1rem}.row>div{flex:1}\
button,.button{display:inline-block;margin-top:1.2rem;width:100%;padding:.8rem;font-size:1.1rem;background:#0b5cad;color:#fff;border:0;border-radius:6px;text-align:center;text-decoration:none;cursor:pointer}\
.amount{font-size:1.6rem;font-weight:700}.notice{background:#fde8e8;border-left:4px solid #c62828;padding:.7rem;margin:1rem 0}\
.ok{background:#e6f4ea;border-left-color:#2e7d32}dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}dt{color:#56616d}dd{margin:0}\
.tests{font-size:.85rem;color:#56616d;margin-top:1.2rem}.brand{color:#56616d;font-size:.85rem;margin-bottom:.5rem}";

fn page(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body><main>\
         <div class=\"brand\">{}</div>{body}</main></body></html>",
        lang.code(),
        esc(title),
        t(
            lang,
            "Электрондық үкіметтің төлем шлюзі · сынақ ортасы",
            "Платёжный шлюз электронного правительства · тестовая среда",
            "E-government payment gateway · sandbox"
        ),
    )
}

fn amount(tiyn: u64) -> String {
    Tiyn(tiyn).to_string()
}

/// The hosted payment page.
pub fn payment_form(
    order: &Order,
    blob: &str,
    sig: &str,
    notice: Option<Notice>,
    input: &CardInput,
) -> String {
    let lang = Lang::parse(&order.lang);
    let notice_html = notice.map_or(String::new(), |n| {
        let text = match n {
            Notice::Card(CardProblem::Number) => t(
                lang,
                "Карта нөмірі қате. 13–19 цифрды тексеріңіз.",
                "Неверный номер карты. Проверьте 13–19 цифр.",
                "The card number is wrong. Check its 13–19 digits.",
            ),
            Notice::Card(CardProblem::Expiry) => t(
                lang,
                "Мерзімі ААА/ЖЖ түрінде және өтпеген болуы керек.",
                "Срок действия — в виде ММ/ГГ и ещё не истёк.",
                "The expiry must be MM/YY and not past.",
            ),
            Notice::Card(CardProblem::Cvc) => t(
                lang,
                "CVC — картаның артындағы үш цифр.",
                "CVC — три цифры на обороте карты.",
                "The CVC is the three digits on the back of the card.",
            ),
            Notice::Refused(INSUFFICIENT_FUNDS) => t(
                lang,
                "Төлем өтпеді: картада қаражат жеткіліксіз. Басқа картаны қолданып көріңіз.",
                "Платёж не прошёл: недостаточно средств на карте. Попробуйте другую карту.",
                "The payment failed: insufficient funds on the card. Try another card.",
            ),
            Notice::Refused(_) => t(
                lang,
                "Төлемді банк қабылдамады. Басқа картаны қолданып көріңіз.",
                "Банк отклонил платёж. Попробуйте другую карту.",
                "The bank declined the payment. Try another card.",
            ),
        };
        format!(
            "<div class=\"notice\" role=\"alert\" data-test=\"gw-notice\">{}</div>",
            esc(text)
        )
    });
    let body = format!(
        "<h1>{title}</h1><p>{desc}</p><p class=\"amount\" data-test=\"gw-amount\">{amount}</p>{notice_html}\
         <form method=\"post\" action=\"/gateway/pay\" autocomplete=\"off\">\
         <input type=\"hidden\" name=\"o\" value=\"{blob}\"><input type=\"hidden\" name=\"s\" value=\"{sig}\">\
         <label for=\"card\">{card}</label><input id=\"card\" name=\"card\" inputmode=\"numeric\" autocomplete=\"cc-number\" value=\"{card_v}\" data-test=\"gw-card\" required>\
         <div class=\"row\"><div><label for=\"expiry\">{expiry}</label><input id=\"expiry\" name=\"expiry\" placeholder=\"MM/YY\" autocomplete=\"cc-exp\" value=\"{expiry_v}\" data-test=\"gw-expiry\" required></div>\
         <div><label for=\"cvc\">CVC</label><input id=\"cvc\" name=\"cvc\" inputmode=\"numeric\" maxlength=\"3\" autocomplete=\"cc-csc\" value=\"{cvc_v}\" data-test=\"gw-cvc\" required></div></div>\
         <label for=\"holder\">{holder}</label><input id=\"holder\" name=\"holder\" autocomplete=\"cc-name\" value=\"{holder_v}\" data-test=\"gw-holder\">\
         <button type=\"submit\" data-test=\"gw-pay\">{pay} {amount}</button></form>\
         <div class=\"tests\">{tests}: 4111 1111 1111 1111 — {ok}; 4000 0000 0000 0002 — {declined}; 4000 0000 0000 9995 — {funds}.</div>",
        title = t(lang, "Төлем", "Оплата", "Payment"),
        desc = esc(&order.description),
        amount = esc(&amount(order.amount_tiyn)),
        blob = esc(blob),
        sig = esc(sig),
        card = t(lang, "Карта нөмірі", "Номер карты", "Card number"),
        card_v = esc(&input.card),
        expiry = t(lang, "Жарамдылық мерзімі", "Срок действия", "Expiry"),
        expiry_v = esc(&input.expiry),
        cvc_v = esc(&input.cvc),
        holder = t(lang, "Карта иесі", "Владелец карты", "Cardholder"),
        holder_v = esc(&input.holder),
        pay = t(lang, "Төлеу", "Оплатить", "Pay"),
        tests = t(lang, "Сынақ карталары", "Тестовые карты", "Test cards"),
        ok = t(lang, "сәтті", "успешно", "approved"),
        declined = t(lang, "қабылданбайды", "отклонена", "declined"),
        funds = t(
            lang,
            "қаражат жеткіліксіз",
            "недостаточно средств",
            "insufficient funds"
        ),
    );
    page(lang, t(lang, "Төлем", "Оплата", "Payment"), &body)
}

/// Where a receipt's "back" link may lead: an http(s) address only.
fn safe_return(url: &str) -> Option<&str> {
    (url.starts_with("https://") || url.starts_with("http://")).then_some(url)
}

/// The receipt of an approved payment.
pub fn receipt(row: &txns::Model) -> String {
    let lang = Lang::Ru;
    let back = safe_return(&row.return_url).map_or(String::new(), |u| {
        format!(
            "<a class=\"button\" href=\"{}\" data-test=\"gw-return\">{}</a>",
            esc(u),
            "Вернуться на портал · Порталға оралу · Back to the portal"
        )
    });
    let body = format!(
        "<h1>Квитанция · Түбіртек · Receipt</h1><div class=\"notice ok\" role=\"status\" data-test=\"gw-receipt\">{}</div>\
         <dl><dt>№</dt><dd data-test=\"gw-transaction\">{}</dd><dt>Сумма · Сома · Amount</dt><dd>{}</dd>\
         <dt>Карта · Card</dt><dd>{}</dd><dt>Время · Уақыты · Time</dt><dd>{} UTC</dd><dt>Заказ · Order</dt><dd>{}</dd></dl>{back}",
        "Оплата прошла · Төлем өтті · Payment approved",
        esc(&row.transaction_id),
        esc(&amount(u64::try_from(row.amount_tiyn).unwrap_or(0))),
        esc(&row.card_mask),
        esc(&row.created_at.format("%Y-%m-%d %H:%M:%S").to_string()),
        esc(&row.order_id),
    );
    page(lang, "Квитанция", &body)
}

/// A page saying why there is no form.
pub fn problem(lang: Lang, problem: Problem) -> Response {
    let (status, text) = match problem {
        Problem::BadOrder => (
            StatusCode::BAD_REQUEST,
            t(
                lang,
                "Төлем тапсырысы бүлінген немесе қолтаңбасы жоқ. Порталға оралып, қайта төлеуді бастаңыз.",
                "Платёжное поручение повреждено или не подписано. Вернитесь на портал и начните оплату заново.",
                "The payment order is damaged or unsigned. Go back to the portal and start the payment again.",
            ),
        ),
        Problem::Expired => (
            StatusCode::GONE,
            t(
                lang,
                "Төлем тапсырысының мерзімі өтті. Порталға оралып, қайта төлеуді бастаңыз.",
                "Срок платёжного поручения истёк. Вернитесь на портал и начните оплату заново.",
                "The payment order has expired. Go back to the portal and start the payment again.",
            ),
        ),
        Problem::NoReceipt => (
            StatusCode::NOT_FOUND,
            t(
                lang,
                "Мұндай түбіртек жоқ.",
                "Такой квитанции нет.",
                "There is no such receipt.",
            ),
        ),
        Problem::Unavailable => (
            StatusCode::SERVICE_UNAVAILABLE,
            t(
                lang,
                "Шлюз уақытша қолжетімсіз. Біраз уақыттан соң қайталаңыз.",
                "Шлюз временно недоступен. Повторите попытку позже.",
                "The gateway is unavailable for a moment. Try again later.",
            ),
        ),
    };
    let body = format!(
        "<h1>{}</h1><div class=\"notice\" role=\"alert\" data-test=\"gw-problem\">{}</div>",
        t(lang, "Төлем", "Оплата", "Payment"),
        esc(text)
    );
    (status, Html(page(lang, "Оплата", &body))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_and_return_links_are_web_addresses() {
        assert_eq!(
            esc("<a href=\"x\">'&"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;"
        );
        assert_eq!(safe_return("javascript:alert(1)"), None);
        assert_eq!(
            safe_return("http://127.0.0.1/requests/1"),
            Some("http://127.0.0.1/requests/1")
        );
    }
}
