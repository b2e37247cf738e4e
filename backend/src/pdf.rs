//! The portal's PDF documents laid out: rows of text (a size and a
//! string each) wrapped to an A4 page's width in an embedded TrueType
//! font that has every Kazakh letter, onto as many pages as they take,
//! with an optional QR code at the first page's bottom. The result
//! documents (`services::review::results_pdf`) and the signature
//! validation report (`services::validation::report_pdf`) are made so.

use std::sync::Arc;

use krilla::Document;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};

/// A line of text: its size in points and what it says (empty: a gap).
pub type Row = (f32, String);

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

/// The PDF of `rows` in the TrueType `font`, with the QR code of `qr`.
pub fn render(font: &Arc<Vec<u8>>, rows: &[Row], qr: Option<&str>) -> Result<Vec<u8>, String> {
    let measure = Measure(ttf_parser::Face::parse(font, 0).map_err(|e| e.to_string())?);
    let font = Font::new(Arc::clone(font).into(), 0).ok_or("the font cannot be read")?;
    let mut document = Document::new();
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("page size")?;
    let mut page = document.start_page_with(settings.clone());
    let mut surface = page.surface();
    if let Some(url) = qr {
        draw_qr(&mut surface, url)?;
    }
    let mut y = MARGIN + 10.0;
    // Above the QR code on the first page; to the margin on the next ones.
    let mut bottom = PAGE_H - MARGIN - if qr.is_some() { QR_ROOM } else { 0.0 };
    for (size, text) in rows {
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
