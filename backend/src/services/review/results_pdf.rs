//! The result documents (SPEC §6): the electronic license, the PHC
//! attachment certificate and the motivated refusal, as PDFs in Kazakh and
//! Russian with an embedded (subset) font that has every Kazakh letter, real
//! text (extractable), and a QR code that opens the public verification
//! page. The reviewer signs the PDF's bytes in the browser.

use std::sync::Arc;

use krilla::Document;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};

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

/// How wide text is in the document's font: the glyphs' advances.
struct Measure<'a>(ttf_parser::Face<'a>);

impl Measure<'_> {
    /// The width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                self.0
                    .glyph_index(c)
                    .and_then(|g| self.0.glyph_hor_advance(g))
                    .map_or(0, u32::from)
            })
            .sum();
        units as f32 * size / f32::from(self.0.units_per_em())
    }

    /// `text` in lines no wider than `max` points at `size`, broken at
    /// spaces (a word wider than a line, such as an address, by letters).
    fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let joined = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&joined, size) <= max {
                line = joined;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if self.width(&line, size) > max {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 50.0;

/// Renders `doc` with the TrueType `font`.
pub fn render(font: &Arc<Vec<u8>>, doc: &ResultDoc) -> Result<Vec<u8>, String> {
    let measure = Measure(ttf_parser::Face::parse(font, 0).map_err(|e| e.to_string())?);
    let font = Font::new(Arc::clone(font).into(), 0).ok_or("the font cannot be read")?;
    let mut document = Document::new();
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

    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("page size")?;
    let mut page = document.start_page_with(settings.clone());
    let mut surface = page.surface();
    draw_qr(&mut surface, &doc.verify_url)?;
    let mut y = MARGIN + 10.0;
    // Above the QR code on the first page; to the margin on the next ones.
    let mut bottom = PAGE_H - MARGIN - QR_ROOM;
    for (size, text) in &rows {
        for line in measure.wrap(text, *size, PAGE_W - 2.0 * MARGIN) {
            y += size * 1.45;
            if y > bottom {
                surface.finish();
                page.finish();
                page = document.start_page_with(settings.clone());
                surface = page.surface();
                y = MARGIN + 10.0 + size * 1.45;
                bottom = PAGE_H - MARGIN;
            }
            surface.draw_text(
                Point::from_xy(MARGIN, y),
                font.clone(),
                *size,
                &line,
                false,
                TextDirection::Auto,
            );
        }
        if text.is_empty() {
            y += size * 1.45;
        }
    }
    surface.finish();
    page.finish();
    document.finish().map_err(|e| format!("{e:?}"))
}

/// The room the QR code takes at the first page's bottom, with a gap.
const QR_ROOM: f32 = 130.0;

/// The QR code of `url`, bottom right of the page: black modules as squares.
fn draw_qr(surface: &mut krilla::surface::Surface<'_>, url: &str) -> Result<(), String> {
    let code = qrcode::QrCode::new(url.as_bytes()).map_err(|e| e.to_string())?;
    let width = code.width();
    let module = 3.0_f32;
    let size = module * width as f32;
    let (x0, y0) = (PAGE_W - MARGIN - size, PAGE_H - MARGIN - size);
    let mut path = PathBuilder::new();
    for (i, c) in code.to_colors().into_iter().enumerate() {
        if c == qrcode::Color::Dark {
            let (col, row) = ((i % width) as f32, (i / width) as f32);
            if let Some(r) = Rect::from_xywh(x0 + col * module, y0 + row * module, module, module) {
                path.push_rect(r);
            }
        }
    }
    if let Some(path) = path.finish() {
        surface.draw_path(&path);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font() -> Vec<u8> {
        std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").expect("DejaVu Sans")
    }

    #[test]
    fn lines_stay_within_the_width_in_the_font() {
        let bytes = font();
        let m = Measure(ttf_parser::Face::parse(&bytes, 0).expect("a face"));
        let text = "Прикрепление к медицинской организации, оказывающей первичную \
                    медико-санитарную помощь, по месту жительства: \
                    https://portal.example.kz/verify/KZ-L-2026-00000001-with-a-long-tail";
        let lines = m.wrap(text, 11.5, 200.0);
        assert!(lines.len() > 3, "{lines:?}");
        for line in &lines {
            assert!(m.width(line, 11.5) <= 200.0, "{line}");
        }
        // Nothing lost: the same letters in the same order.
        let letters = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(letters(&lines.join(" ")), letters(text));
        assert!(m.wrap("", 11.5, 200.0).is_empty());
    }
}
