//! The result documents (SPEC §6): the electronic license, the PHC
//! attachment certificate and the motivated refusal, as PDFs in Kazakh and
//! Russian with an embedded (subset) font that has every Kazakh letter, real
//! text (extractable), and a QR code that opens the public verification
//! page. The reviewer signs the PDF's bytes in the browser.

use std::sync::Arc;

use crate::pdf;

/// What a result document says.
#[derive(Debug, Clone)]
pub struct ResultDoc {
    pub kind: Kind,
    /// The license or certificate number (none for a refusal).
    pub number: Option<String>,
    /// The request's registration number.
    pub request_number: String,
    pub holder_name: String,
    pub holder_id: String,
    /// The service, kk and ru.
    pub service: (String, String),
    /// The activity (sub-type), when the form names one.
    pub activity: Option<(String, String)>,
    /// The licensor / medical organization, kk and ru.
    pub provider: (String, String),
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The official who signs.
    pub official: String,
    /// A re-issued license or a duplicate: the original's number.
    pub original: Option<String>,
    /// A refusal: the reasons, each a line.
    pub reasons: Vec<String>,
    /// The public verification address (the QR code).
    pub verify_url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    License,
    Reissued,
    Duplicate,
    Certificate,
    Refusal,
}

impl Kind {
    /// The title in Kazakh and in Russian.
    pub fn titles(self) -> (&'static str, &'static str) {
        match self {
            Kind::License => ("ЭЛЕКТРОНДЫҚ ЛИЦЕНЗИЯ", "ЭЛЕКТРОННАЯ ЛИЦЕНЗИЯ"),
            Kind::Reissued => ("ҚАЙТА РЕСІМДЕЛГЕН ЛИЦЕНЗИЯ", "ПЕРЕОФОРМЛЕННАЯ ЛИЦЕНЗИЯ"),
            Kind::Duplicate => ("ЛИЦЕНЗИЯНЫҢ ТЕЛНҰСҚАСЫ", "ДУБЛИКАТ ЛИЦЕНЗИИ"),
            Kind::Certificate => (
                "МЕДИЦИНАЛЫҚ ҰЙЫМҒА ТІРКЕЛУ ТАЛОНЫ",
                "ТАЛОН ПРИКРЕПЛЕНИЯ К МЕДИЦИНСКОЙ ОРГАНИЗАЦИИ",
            ),
            Kind::Refusal => (
                "ҚЫЗМЕТ КӨРСЕТУДЕН ДӘЛЕЛДІ БАС ТАРТУ",
                "МОТИВИРОВАННЫЙ ОТКАЗ В ОКАЗАНИИ УСЛУГИ",
            ),
        }
    }
}

/// Renders `doc` with the TrueType `font`.
pub fn render(font: &Arc<Vec<u8>>, doc: &ResultDoc) -> Result<Vec<u8>, String> {
    let mut rows: Vec<(f32, String)> = Vec::new();
    let (kk_title, ru_title) = doc.kind.titles();
    rows.push((16.0, kk_title.to_owned()));
    rows.push((16.0, ru_title.to_owned()));
    rows.push((6.0, String::new()));
    if let Some(n) = &doc.number {
        rows.push((13.0, format!("№ {n}")));
    }
    fn field(rows: &mut Vec<(f32, String)>, kk: &str, ru: &str, value: &str) {
        rows.push((9.0, format!("{kk} / {ru}:")));
        rows.push((11.5, value.to_owned()));
    }
    let holder_label = if doc.kind == Kind::Certificate {
        ("Тұлға", "Лицо")
    } else if doc.kind == Kind::Refusal {
        ("Алушы", "Заявитель")
    } else {
        ("Лицензиат", "Лицензиат")
    };
    field(
        &mut rows,
        holder_label.0,
        holder_label.1,
        &format!("{} ({})", doc.holder_name, doc.holder_id),
    );
    field(
        &mut rows,
        "Қызмет",
        "Услуга",
        &format!("{} / {}", doc.service.0, doc.service.1),
    );
    if let Some((kk, ru)) = &doc.activity {
        field(
            &mut rows,
            "Қызмет түрі",
            "Вид деятельности",
            &format!("{kk} / {ru}"),
        );
    }
    let provider_label = if doc.kind == Kind::Certificate {
        ("Медициналық ұйым", "Медицинская организация")
    } else {
        ("Лицензиар", "Лицензиар")
    };
    field(
        &mut rows,
        provider_label.0,
        provider_label.1,
        &format!("{} / {}", doc.provider.0, doc.provider.1),
    );
    if let Some(o) = &doc.original {
        field(&mut rows, "Бастапқы лицензия", "Исходная лицензия", o);
    }
    field(
        &mut rows,
        "Сұрау нөмірі",
        "Номер запроса",
        &doc.request_number,
    );
    field(&mut rows, "Күні", "Дата", &doc.date);
    if !doc.reasons.is_empty() {
        rows.push((9.0, "Бас тарту негіздері / Основания отказа:".to_owned()));
        for r in &doc.reasons {
            rows.push((11.5, format!("— {r}")));
        }
    }
    field(
        &mut rows,
        "Қол қойған лауазымды тұлға (ЭЦҚ)",
        "Подписано должностным лицом (ЭЦП)",
        &doc.official,
    );
    rows.push((6.0, String::new()));
    rows.push((
        9.0,
        "Түпнұсқалығын тексеру / Проверка подлинности:".to_owned(),
    ));
    rows.push((9.0, doc.verify_url.clone()));

    pdf::render(font, &rows, Some(&doc.verify_url))
}
