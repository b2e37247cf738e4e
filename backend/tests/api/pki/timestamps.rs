//! Every accepted request signature is stamped by the demo certification
//! center's timestamping authority (`/pki/tsp`, RFC 3161) and kept with
//! its token, which makes it CAdES-T (issue 25, item 4).

use backend::clock::now_secs;
use backend::db::entities::signatures;
use backend::pki::{cert, cms, tsp};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

use crate::helpers::accounts::DEMO_APPLICANT;
use crate::helpers::app::TestApp;
use crate::pki::steps::post_der;
use crate::requests::steps::submitted_med_license;

#[tokio::test]
async fn a_submitted_requests_signature_is_kept_with_its_timestamp() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let before = now_secs();
    let sent = submitted_med_license(&app, &token, DEMO_APPLICANT.0).await;
    let number = sent.number.expect("registered").to_string();
    let kept = signatures::Entity::find()
        .all(&app.state.db.read)
        .await
        .expect("db")
        .into_iter()
        .find(|s| s.subject.as_deref() == Some(number.as_str()))
        .expect("the request's signature");
    let token_der = kept.timestamp_token.expect("stamped");
    let value = cms::signature_value(&kept.cms).expect("a signer");
    let stamp = tsp::judge(&token_der, &value, None).expect("a token over the signature value");
    let tsa = cert::read(&app.get("/pki/demo-tsa.pem").send().await.body).expect("the TSA served");
    assert_eq!(stamp.tsa, tsa);
    assert!(stamp.gen_time >= before && stamp.gen_time <= now_secs() + 1);
    let at = kept.timestamped_at.expect("its time").timestamp();
    assert_eq!(u64::try_from(at).expect("positive"), stamp.gen_time);
}

/// A signature kept without a token (the TSA did not answer when it came)
/// is stamped at the next look, once; one that has its token is left alone.
#[tokio::test]
async fn a_signature_kept_unstamped_is_stamped_later() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let sent = submitted_med_license(&app, &token, DEMO_APPLICANT.0).await;
    let number = sent.number.expect("registered").to_string();
    let find = || async {
        signatures::Entity::find()
            .all(&app.state.db.read)
            .await
            .expect("db")
            .into_iter()
            .find(|s| s.subject.as_deref() == Some(number.as_str()))
            .expect("the request's signature")
    };
    // As if the TSA had been down: no token.
    let mut unstamped = find().await.into_active_model();
    unstamped.timestamp_token = Set(None);
    unstamped.timestamped_at = Set(None);
    unstamped.update(&app.state.db.write).await.expect("update");
    let before = now_secs();
    let stamped = backend::services::eds::restamp::restamp_pending(&app.state)
        .await
        .expect("stamps");
    assert_eq!(stamped, 1);
    let kept = find().await;
    let value = cms::signature_value(&kept.cms).expect("a signer");
    let stamp = tsp::judge(&kept.timestamp_token.expect("stamped now"), &value, None)
        .expect("a token over the signature value");
    assert!(stamp.gen_time >= before);
    assert!(kept.timestamped_at.is_some());
    // Nothing left to stamp.
    let again = backend::services::eds::restamp::restamp_pending(&app.state)
        .await
        .expect("looks");
    assert_eq!(again, 0);
}

#[tokio::test]
async fn the_tsa_answers_over_http_as_rfc_3161_says() {
    let app = TestApp::new().await;
    let (request, nonce) = tsp::request(b"a signature value").expect("request");
    let res = post_der(
        &app,
        "/pki/tsp",
        "timestamp-query",
        "timestamp-reply",
        request,
    )
    .await;
    let token = tsp::token_of(&res.body).expect("granted");
    tsp::judge(&token, b"a signature value", Some(&nonce))
        .expect("over the value, the nonce echoed");
    let refused = post_der(
        &app,
        "/pki/tsp",
        "timestamp-query",
        "timestamp-reply",
        b"not DER".to_vec(),
    )
    .await;
    assert_eq!(
        tsp::token_of(&refused.body),
        Err(tsp::TspError::NotGranted(2))
    );
}
