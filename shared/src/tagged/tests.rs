//! The codes read back from their wire form, through `Tagged`. A file of
//! its own: the codes are declared in `error`, which imports `tagged`.

use crate::eds::EdsCode;
use crate::error::{ApiErrorBody, ErrorCode, FieldCode};

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

#[test]
fn every_code_without_fields_reads_back() {
    for code in ErrorCode::ALL_CODES {
        if let Ok(e) = parse::<ErrorCode>(&format!(r#"{{"code":"{code}"}}"#)) {
            assert_eq!(e.code(), *code);
        }
    }
    for code in EdsCode::ALL_CODES {
        let e: EdsCode = parse(&format!(r#"{{"code":"{code}"}}"#)).expect(code);
        assert_eq!(e.code(), *code);
    }
}

#[test]
fn codes_with_fields_read_back_what_was_written() {
    let values = [
        ErrorCode::TooManyAttempts {
            retry_after_secs: 90,
        },
        ErrorCode::FileTooLarge { max: 10 << 20 },
        ErrorCode::TooManyFiles { max: 20 },
        ErrorCode::SignatureRejected {
            reason: EdsCode::ALL_CODES
                .first()
                .and_then(|c| parse(&format!(r#"{{"code":"{c}"}}"#)).ok())
                .expect("an ЭЦП code"),
        },
    ];
    for value in values {
        let json = serde_json::to_string(&value).expect("json");
        assert_eq!(parse::<ErrorCode>(&json), Ok(value));
    }
    let range = FieldCode::Range { min: -5, max: 5 };
    let json = serde_json::to_string(&range).expect("json");
    assert_eq!(parse::<FieldCode>(&json), Ok(range));
}

#[test]
fn the_code_may_come_anywhere_and_unknown_fields_are_ignored() {
    assert_eq!(
        parse::<FieldCode>(r#"{"max":64,"hint":["x"],"code":"too_long","note":{"a":1}}"#),
        Ok(FieldCode::TooLong { max: 64 })
    );
}

#[test]
fn a_wrong_object_is_refused() {
    for bad in [
        r#"{"code":"no_such_code"}"#,
        r#"{"max":64}"#,
        r#"{"code":"too_long"}"#,
        r#"{"code":"too_long","max":-1}"#,
        r#"{"code":"too_long","max":4294967296}"#,
        r#"{"code":"too_long","max":"64"}"#,
        r#"{"code":"length","code":"length","expected":12}"#,
        r#""too_long""#,
        r#"["too_long"]"#,
    ] {
        assert!(parse::<FieldCode>(bad).is_err(), "{bad}");
    }
    assert!(
        parse::<ErrorCode>(r#"{"code":"signature_rejected","reason":{"code":"nope"}}"#).is_err()
    );
}

#[test]
fn an_error_body_reads_with_its_field_errors() {
    let body: ApiErrorBody = parse(
        r#"{"error":{"code":"validation"},"fields":{"iin":[{"code":"checksum"},{"code":"length","expected":12}]},"request_id":"r-1"}"#,
    )
    .expect("body");
    assert_eq!(body.error, ErrorCode::Validation);
    assert_eq!(
        body.fields.get("iin"),
        Some(&vec![
            FieldCode::Checksum,
            FieldCode::Length { expected: 12 }
        ])
    );
    assert_eq!(body.request_id.as_deref(), Some("r-1"));
}
