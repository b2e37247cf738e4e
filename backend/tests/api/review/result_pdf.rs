//! The result documents' text stays inside the page (issue 26, item 5: the
//! PHC talon cut «санитарну[ю]» at the right edge): every word's box, as
//! poppler's `pdftotext -bbox` finds it, lies within the margins, and no
//! word is lost.

use backend::services::review::results_pdf::{Kind, ResultDoc, render};

use crate::helpers::app::TestApp;
use crate::review::steps::pdftotext_with;

/// Page width and margin of the result documents (A4, 50 pt).
const PAGE_W: f64 = 595.0;
const MARGIN: f64 = 50.0;

/// The words of `pdf` with their right and bottom edges.
fn words(pdf: &[u8]) -> Vec<(String, f64, f64)> {
    let html = pdftotext_with(pdf, &["-bbox"]);
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).expect("an attribute") + name.len() + 2;
        tag[at..]
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .expect("a number")
    };
    html.split("<word ")
        .skip(1)
        .map(|w| {
            let (tag, rest) = w.split_once('>').expect("a word tag");
            let text = rest.split("</word>").next().unwrap_or_default();
            (text.to_owned(), attr(tag, "xMax"), attr(tag, "yMax"))
        })
        .collect()
}

fn doc(kind: Kind) -> ResultDoc {
    let long = "Прикрепление к медицинской организации, оказывающей первичную медико-санитарную помощь, по месту жительства или работы";
    ResultDoc {
        kind,
        number: Some("KZ-L-2026-00000001".into()),
        request_number: "KZ-R-2026-00000001".into(),
        holder_name: "Жұмабаева Айгүл Нұрланқызы".into(),
        holder_id: "900101******7".into(),
        service: (long.into(), long.into()),
        activity: None,
        provider: (
            "ГКП на ПХВ «Городская поликлиника № 2 города Актау» управления здравоохранения Мангистауской области".into(),
            "ГКП на ПХВ «Городская поликлиника № 2 города Актау» управления здравоохранения Мангистауской области".into(),
        ),
        date: "2026-12-06".into(),
        official: "Жұмабаева Айгүл Нұрланқызы".into(),
        original: None,
        reasons: (0..12)
            .map(|i| format!("{i}. Санитарно-эпидемиологическое заключение не соответствует требованиям санитарных правил к помещениям медицинской организации"))
            .collect(),
        verify_url: "http://127.0.0.1:8080/verify/KZ-L-2026-00000001".into(),
    }
}

#[tokio::test]
async fn every_word_of_a_result_document_stays_inside_the_page() {
    let app = TestApp::new().await;
    for kind in [Kind::Certificate, Kind::Refusal] {
        let d = doc(kind);
        let pdf = render(&app.state.font, &d).expect("a PDF");
        let found = words(&pdf);
        for (word, x_max, y_max) in &found {
            assert!(
                *x_max <= PAGE_W - MARGIN + 1.0,
                "{kind:?}: «{word}» ends at x = {x_max}"
            );
            assert!(*y_max <= 842.0, "{kind:?}: «{word}» below the page");
        }
        // Nothing cut: the last reason and the address are there.
        let text: Vec<&str> = found.iter().map(|(w, _, _)| w.as_str()).collect();
        assert!(text.contains(&"медико-санитарную"), "{kind:?}: {text:?}");
        if kind == Kind::Refusal {
            assert!(
                text.contains(&"11."),
                "{kind:?}: the twelfth reason is missing"
            );
        }
    }
}
