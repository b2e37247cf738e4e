//! Attachments: checked by their content, hostile ones refused without
//! losing anything, downloaded as sent; and nobody but the owner reads or
//! changes a request or its files.

use axum::http::{Method, StatusCode};
use serde_json::json;
use shared::files::{FileDto, MAX_FILE_BYTES};

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_COMPANY, DEMO_REVIEWER};
use crate::helpers::app::TestApp;
use crate::requests::steps::{draft, pdf, png, show, upload};

#[tokio::test]
async fn files_are_checked_by_content_and_hostile_ones_refused_without_losing_anything() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = draft(&app, &token, "med-license", "issuance").await;
    assert!(d.problems.contains_key("doc.diplomas"), "{:?}", d.problems);
    assert!(
        !d.problems.contains_key("doc.application"),
        "made from the form"
    );
    assert!(
        !d.problems.contains_key("doc.fee_payment"),
        "the payment stands for it"
    );

    let res = upload(&app, &token, d.id, "diplomas", "Диплом.pdf", pdf(100)).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let kept: FileDto = res.json();
    assert_eq!(kept.name, "Диплом.pdf");
    assert_eq!(kept.sha256.len(), 64);
    let res = upload(&app, &token, d.id, "diplomas", "scan.png", png()).await;
    assert_eq!(
        res.status,
        StatusCode::CREATED,
        "several files per document"
    );

    let eicar = br"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*".to_vec();
    let mut eicar_pdf = pdf(0);
    eicar_pdf.splice(9..9, eicar.iter().copied());
    let mut over = pdf(0);
    over.resize(usize::try_from(MAX_FILE_BYTES).expect("fits") + 1, b' ');
    let long_name = "я".repeat(300);
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        (
            "diploma.pdf.exe",
            pdf(0),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file_type_not_allowed",
        ),
        (
            "diploma.exe.pdf",
            pdf(0),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file_type_not_allowed",
        ),
        (
            "photo.png",
            b"<html><script>alert(1)</script></html>".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file_markup",
        ),
        (
            "photo.jpg",
            png(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file_type_mismatch",
        ),
        (
            "eicar.pdf",
            eicar,
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_infected",
        ),
        (
            "report.pdf",
            eicar_pdf,
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_infected",
        ),
        (
            "empty.pdf",
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_empty",
        ),
        (
            "big.pdf",
            over,
            StatusCode::PAYLOAD_TOO_LARGE,
            "file_too_large",
        ),
        (
            "../../etc/passwd.pdf",
            pdf(0),
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_name_invalid",
        ),
        (
            "C:\\Windows\\a.pdf",
            pdf(0),
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_name_invalid",
        ),
        (
            "a\u{0}b.pdf",
            pdf(0),
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_name_invalid",
        ),
        (
            &long_name,
            pdf(0),
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_name_too_long",
        ),
        (
            "cut.pdf",
            b"%PDF-1.4\n1 0 obj".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_damaged",
        ),
    ];
    for (name, bytes, status, code) in cases {
        let res = upload(&app, &token, d.id, "diplomas", name, bytes).await;
        assert_eq!(
            (res.status, res.code().as_str()),
            (status, code),
            "{name:?}"
        );
    }
    // A document the service does not ask for, or one made by the portal.
    for doc in ["passport", "application", "fee_payment", "loss_statement"] {
        let res = upload(&app, &token, d.id, doc, "a.pdf", pdf(0)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{doc}");
    }
    // Exactly at the limit is fine.
    let mut exact = pdf(0);
    exact.truncate(exact.len() - 6);
    exact.resize(usize::try_from(MAX_FILE_BYTES).expect("fits") - 6, b' ');
    exact.extend_from_slice(b"%%EOF\n");
    let res = upload(&app, &token, d.id, "equipment_list", "list.pdf", exact).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());

    let after = show(&app, &token, d.id).await;
    assert_eq!(
        after.files.len(),
        3,
        "nothing refused was kept, nothing kept was lost"
    );
    assert!(!after.problems.contains_key("doc.diplomas"));

    // Downloaded as it was sent, with a safe disposition.
    let res = app
        .get(&format!("/api/requests/{}/files/{}", d.id, kept.id))
        .token(&token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, pdf(100));
    assert_eq!(res.headers["content-type"], "application/pdf");
    let disposition = res.headers["content-disposition"].to_str().expect("ascii");
    assert!(
        disposition.starts_with("attachment; filename=\"______.pdf\"; filename*=UTF-8''%D0%94"),
        "{disposition}"
    );
    assert_eq!(res.headers["x-content-type-options"], "nosniff");

    // Removed while the request is a draft.
    let res = app
        .call(
            Method::DELETE,
            &format!("/api/requests/{}/files/{}", d.id, kept.id),
        )
        .token(&token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(show(&app, &token, d.id).await.files.len(), 2);
}

#[tokio::test]
async fn nobody_else_reads_or_changes_a_request_or_its_files() {
    let app = TestApp::new().await;
    let owner = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let other = app.login_token(DEMO_COMPANY.0, DEMO_COMPANY.1).await;
    let reviewer = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let d = draft(&app, &owner, "med-license", "issuance").await;
    let file: FileDto = upload(&app, &owner, d.id, "diplomas", "d.pdf", pdf(0))
        .await
        .json();
    let base = format!("/api/requests/{}", d.id);
    let file_path = format!("{base}/files/{}", file.id);
    for token in [&other, &reviewer] {
        for (method, path) in [
            (Method::GET, base.clone()),
            (Method::GET, file_path.clone()),
            (Method::DELETE, file_path.clone()),
            (Method::DELETE, base.clone()),
            (Method::GET, format!("{base}/application")),
        ] {
            let res = app.call(method.clone(), &path).token(token).send().await;
            assert!(
                matches!(res.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
                "{method} {path}: {}",
                res.status
            );
        }
        let res = app
            .call(Method::PUT, &base)
            .token(token)
            .json(json!({ "answers": { "premises_area": "1" } }))
            .send()
            .await;
        assert!(matches!(
            res.status,
            StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
        ));
        let res = upload(&app, token, d.id, "diplomas", "x.pdf", pdf(0)).await;
        assert!(matches!(
            res.status,
            StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
        ));
        let res = app
            .post(&format!("{base}/payment"))
            .token(token)
            .json(json!({}))
            .send()
            .await;
        assert!(matches!(
            res.status,
            StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
        ));
    }
    let res = app.get(&file_path).send().await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    // Still the owner's, untouched.
    let after = show(&app, &owner, d.id).await;
    assert_eq!(after.files.len(), 1);
    assert!(after.answers.is_empty());
}
