//! The quality survey of each service in its own regulation's words: seed
//! 001's two Kazakh forms differ (the PHC attachment's appendix 3, the
//! medical license's appendix 4: «…үдерісінің сапасына…», «қанағаттанған
//! жоқпын»); every Russian form (seeds 000, 002, 003, 004) is «Форма анкеты
//! для определения показателей электронной государственной услуги:
//! «качество» и «доступность»», headed with the service's name.

use shared::catalog::ServiceDetail;

use crate::helpers::app::TestApp;

async fn passport(app: &TestApp, code: &str) -> ServiceDetail {
    app.get(&format!("/api/catalog/services/{code}"))
        .send()
        .await
        .json()
}

#[tokio::test]
async fn each_service_has_the_survey_of_its_regulation_in_kazakh_and_russian() {
    let app = TestApp::new().await;
    let phc = passport(&app, "phc-attachment").await.survey;
    let med = passport(&app, "med-license").await.survey;
    // Seed 001, the first regulation's appendix 3 (the PHC attachment).
    assert_eq!(
        phc.process.kk,
        "Электрондық мемлекеттік қызмет көрсетудің үдеріс сапасына және нәтижесіне қанағаттанасыз ба?"
    );
    assert_eq!(phc.not_satisfied.kk, "қанағаттанбаймын");
    assert!(phc.title.kk.starts_with("«Сапа» және «қолжетімділік»"));
    // Seed 001, the second regulation's appendix 4 (the medical license).
    assert_eq!(
        med.process.kk,
        "Электрондық мемлекеттік қызметті көрсету үдерісінің сапасына және нәтижесіне қанағаттанасыз ба?"
    );
    assert_eq!(
        med.information.kk,
        "Электрондық мемлекеттік қызметті көрсету тәртібі туралы ақпараттың сапасына қанағаттанасыз ба?"
    );
    assert_eq!(med.not_satisfied.kk, "қанағаттанған жоқпын");
    assert_ne!(
        phc.process.kk, med.process.kk,
        "two regulations, two wordings"
    );
    // Russian: the same form in every seed.
    for s in [&phc, &med] {
        assert_eq!(
            s.title.ru,
            "Форма анкеты для определения показателей электронной государственной услуги: «качество» и «доступность»"
        );
        assert_eq!(
            s.process.ru,
            "Удовлетворены ли Вы качеством процесса и результатом оказания электронной государственной услуги?"
        );
        assert_eq!(
            s.information.ru,
            "Удовлетворены ли Вы качеством информации о порядке оказания электронной государственной услуги?"
        );
        assert_eq!(
            [&s.not_satisfied.ru, &s.partially.ru, &s.satisfied.ru],
            ["не удовлетворен", "частично удовлетворен", "удовлетворен"]
        );
    }
}
