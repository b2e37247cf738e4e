//! The server's verdict on signatures, case by case: every way a signature
//! can be wrong is refused with its own code (`shared::eds::EdsCode`), through
//! the same `Trust::verify` the API uses. Signatures come from the portal's
//! own signers (the demo center's P-256 keys here, the browser's signer
//! crate for RSA) and from OpenSSL, in both directions.

use backend::pki::ca::{self, Holder, Issued};
use backend::pki::cert::KeyPurpose;
use backend::pki::sign::sign;
use backend::pki::verify::Expected;
use p256::pkcs8::LineEnding;
use shared::eds::EdsCode;
use x509_cert::der::EncodePem;

use crate::pki::steps::{
    BIN, DAY, DOC, URL, World, expected, openssl_sign, path_str, verdict, write_pem_rsa,
};

#[tokio::test]
async fn every_way_to_be_wrong_has_its_own_code() {
    let w = World::new();
    let trust = w.trust();
    let now = w.now;
    let good = w.signed(&w.sign, DOC);
    assert_eq!(
        verdict(&trust, &good, expected(KeyPurpose::Signing), now).await,
        None,
        "the valid signature"
    );

    let mut cases: Vec<(&str, Option<EdsCode>, EdsCode)> = Vec::new();
    let mut case = |name, got, want| cases.push((name, got, want));

    // The certificate's time.
    let expired = w.leaf(KeyPurpose::Signing, now - 400 * DAY, 365);
    case(
        "expired",
        verdict(
            &trust,
            &w.signed(&expired, DOC),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::Expired,
    );
    let future = w.leaf(KeyPurpose::Signing, now + 10 * DAY, 365);
    case(
        "not yet valid",
        verdict(
            &trust,
            &w.signed(&future, DOC),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::NotYetValid,
    );
    case(
        "signing time in the future",
        verdict(
            &trust,
            &sign(DOC, &w.sign, &[], now + 3600, false).expect("sign"),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::SigningTime,
    );

    // Revocation.
    let revoked = w.leaf(KeyPurpose::Signing, now - DAY, 365);
    let held = w.leaf(KeyPurpose::Signing, now - DAY, 365);
    let listing = w.trust_with(
        vec![w.crl(
            &w.nca,
            &[(&revoked, false), (&held, true)],
            now - 600,
            now + DAY,
        )],
        vec![],
    );
    case(
        "revoked",
        verdict(
            &listing,
            &w.signed(&revoked, DOC),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::Revoked,
    );
    case(
        "on hold",
        verdict(
            &listing,
            &w.signed(&held, DOC),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::OnHold,
    );
    let stale = w.trust_with(vec![w.crl(&w.nca, &[], now - 10 * DAY, now - DAY)], vec![]);
    case(
        "stale CRL",
        verdict(&stale, &good, expected(KeyPurpose::Signing), now).await,
        EdsCode::CrlStale,
    );
    // A CRL that names the intermediate (issuer and key identifier) but
    // was signed by another CA's key.
    let other_ca = ca::intermediate(&w.root, "OTHER NCA", now - 30 * DAY, 1825).expect("ca");
    let impersonator = Issued {
        cert: w.nca.cert.clone(),
        key: other_ca.key.clone(),
    };
    let forged = w.trust_with(
        vec![w.crl(&impersonator, &[], now - 600, now + DAY)],
        vec![],
    );
    case(
        "CRL signed by another CA",
        verdict(&forged, &good, expected(KeyPurpose::Signing), now).await,
        EdsCode::CrlForged,
    );
    let no_crl = w.trust_with(vec![], vec![]);
    case(
        "no CRL",
        verdict(&no_crl, &good, expected(KeyPurpose::Signing), now).await,
        EdsCode::CrlMissing,
    );

    // The path.
    let rogue_root = ca::root("ROGUE", now - DAY, 365).expect("root");
    let rogue = ca::leaf(
        &rogue_root,
        &w.holder,
        KeyPurpose::Signing,
        URL,
        now - DAY,
        365,
    )
    .expect("leaf");
    case(
        "unknown issuer",
        verdict(
            &trust,
            &sign(
                DOC,
                &rogue,
                std::slice::from_ref(&rogue_root.cert),
                now - 5,
                false,
            )
            .expect("sign"),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::UnknownIssuer,
    );
    let self_signed = ca::root("Асқаров Ерлан", now - DAY, 365).expect("self-signed");
    case(
        "self-signed leaf",
        verdict(
            &trust,
            &sign(DOC, &self_signed, &[], now - 5, false).expect("sign"),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::SelfSigned,
    );
    // A holder's certificate configured as an intermediate by mistake, and
    // a certificate it "issued".
    let not_a_ca = w.leaf(KeyPurpose::Signing, now - DAY, 365);
    let someone_else = Holder {
        iin: "880202400001".into(),
        surname: "Серікова".into(),
        given_name: "Айгүл".into(),
        ..w.holder.clone()
    };
    let under = ca::leaf(
        &not_a_ca,
        &someone_else,
        KeyPurpose::Signing,
        URL,
        now - DAY,
        365,
    )
    .expect("leaf");
    let misconfigured = w.trust_with(
        vec![w.crl(&w.nca, &[], now - 600, now + DAY)],
        vec![w.nca.cert.clone(), not_a_ca.cert.clone()],
    );
    case(
        "intermediate not a CA",
        verdict(
            &misconfigured,
            &sign(DOC, &under, &[], now - 5, false).expect("sign"),
            Expected {
                iin: Some("880202400001"),
                ..expected(KeyPurpose::Signing)
            },
            now,
        )
        .await,
        EdsCode::IssuerNotCa,
    );

    // The key and the holder.
    let neither = w.leaf(KeyPurpose::Other, now - DAY, 365);
    case(
        "wrong key usage",
        verdict(
            &trust,
            &w.signed(&neither, DOC),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::WrongKeyUsage,
    );
    let auth = w.leaf(KeyPurpose::Authentication, now - DAY, 365);
    case(
        "authentication key used to sign",
        verdict(
            &trust,
            &w.signed(&auth, DOC),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::AuthKeyForSigning,
    );
    case(
        "ИИН mismatch",
        verdict(
            &trust,
            &good,
            Expected {
                iin: Some("880202400001"),
                ..expected(KeyPurpose::Signing)
            },
            now,
        )
        .await,
        EdsCode::IinMismatch,
    );
    case(
        "БИН mismatch",
        verdict(
            &trust,
            &good,
            Expected {
                bin: Some(BIN),
                ..expected(KeyPurpose::Signing)
            },
            now,
        )
        .await,
        EdsCode::BinMismatch,
    );

    // The bytes.
    case(
        "tampered content",
        verdict(
            &trust,
            &good,
            Expected {
                content: br#"{"request":"med-license","type":"duplicate"}"#,
                ..expected(KeyPurpose::Signing)
            },
            now,
        )
        .await,
        EdsCode::ContentMismatch,
    );
    let mut tampered = good.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 0x01;
    case(
        "tampered signature",
        verdict(&trust, &tampered, expected(KeyPurpose::Signing), now).await,
        EdsCode::BadSignature,
    );
    let impostor = Issued {
        cert: w.leaf(KeyPurpose::Signing, now - DAY, 365).cert,
        key: w.sign.key.clone(),
    };
    case(
        "signer certificate swapped",
        verdict(
            &trust,
            &w.signed(&impostor, DOC),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::BadSignature,
    );
    case(
        "detached content missing",
        backend::pki::cms::verify(&good, None)
            .err()
            .map(|e| backend::pki::verify::VerifyError::Cms(e).code()),
        EdsCode::ContentMissing,
    );
    case(
        "garbage",
        verdict(
            &trust,
            b"certainly not a signature",
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::Malformed,
    );
    case(
        "empty",
        verdict(&trust, b"", expected(KeyPurpose::Signing), now).await,
        EdsCode::Malformed,
    );
    case(
        "truncated DER",
        verdict(
            &trust,
            &good[..good.len() / 2],
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::Malformed,
    );

    // Algorithms, with signatures made by OpenSSL.
    let dir = tempfile::tempdir().expect("temp");
    let nca_pem = dir.path().join("nca.pem");
    std::fs::write(&nca_pem, w.nca.cert.to_pem(LineEnding::LF).expect("pem")).expect("write");
    let nca_pem = path_str(&nca_pem);
    let rsa = ca::leaf_rsa(
        &w.nca,
        &w.holder,
        KeyPurpose::Signing,
        URL,
        now - DAY,
        365,
        2048,
    )
    .expect("rsa");
    let (cert, key) = write_pem_rsa(dir.path(), "rsa", &rsa);
    case(
        "SHA-1",
        verdict(
            &trust,
            &openssl_sign(dir.path(), &cert, &key, "sha1", &nca_pem),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::WeakAlgorithm,
    );
    case(
        "MD5",
        verdict(
            &trust,
            &openssl_sign(dir.path(), &cert, &key, "md5", &nca_pem),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::WeakAlgorithm,
    );
    let rsa1024 = ca::leaf_rsa(
        &w.nca,
        &w.holder,
        KeyPurpose::Signing,
        URL,
        now - DAY,
        365,
        1024,
    )
    .expect("rsa-1024");
    let (cert, key) = write_pem_rsa(dir.path(), "rsa1024", &rsa1024);
    case(
        "RSA-1024",
        verdict(
            &trust,
            &openssl_sign(dir.path(), &cert, &key, "sha256", &nca_pem),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::WeakAlgorithm,
    );

    let failures: Vec<String> = cases
        .iter()
        .filter(|(_, got, want)| got.as_ref() != Some(want))
        .map(|(name, got, want)| format!("{name}: got {got:?}, want {want:?}"))
        .collect();
    assert!(cases.len() >= 25, "{} cases", cases.len());
    assert!(failures.is_empty(), "{failures:#?}");
}
