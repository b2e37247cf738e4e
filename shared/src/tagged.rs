//! Reading the error codes' wire form, `{"code": "too_long", "max": 64}`.
//!
//! serde's derive reads an internally tagged enum by first buffering the
//! whole object in its generic `Content` tree and then matching every
//! variant twice (as text and as bytes). For the app, which reads an error
//! body on every failed call, that is a large share of its first download.
//! Here the object is read once into a [`Tagged`] (the code and the other
//! fields, which are numbers or nested codes), and the `codes!` macro picks
//! the variant from the code with one `match`.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// One tagged object: its `code` and its other fields, in wire order.
#[derive(Debug)]
pub struct Tagged {
    pub code: String,
    fields: Vec<(String, Raw)>,
}

/// A field's value, as far as a code can hold one.
#[derive(Debug)]
pub enum Raw {
    Unsigned(u64),
    Signed(i64),
    Text(String),
    Code(Tagged),
    /// Any other JSON value: no code has such a field.
    Other,
}

/// A value a code's field can hold.
pub trait FromRaw: Sized {
    fn from_raw(raw: Raw) -> Option<Self>;
}

impl FromRaw for u64 {
    fn from_raw(raw: Raw) -> Option<Self> {
        match raw {
            Raw::Unsigned(n) => Some(n),
            _ => None,
        }
    }
}

impl FromRaw for u32 {
    fn from_raw(raw: Raw) -> Option<Self> {
        u64::from_raw(raw).and_then(|n| u32::try_from(n).ok())
    }
}

impl FromRaw for i64 {
    fn from_raw(raw: Raw) -> Option<Self> {
        match raw {
            Raw::Unsigned(n) => i64::try_from(n).ok(),
            Raw::Signed(n) => Some(n),
            _ => None,
        }
    }
}

impl Tagged {
    /// Takes the field `name` (the first, if the object repeats it).
    pub fn take<T: FromRaw>(&mut self, name: &str) -> Result<T, &'static str> {
        let at = self
            .fields
            .iter()
            .position(|(key, _)| key == name)
            .ok_or("a field of the code is missing")?;
        T::from_raw(self.fields.swap_remove(at).1).ok_or("a field of the code has the wrong type")
    }
}

impl<'de> Deserialize<'de> for Tagged {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(TaggedVisitor)
    }
}

struct TaggedVisitor;

impl<'de> Visitor<'de> for TaggedVisitor {
    type Value = Tagged;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object with a code")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Tagged, A::Error> {
        read_object(map)?.ok_or_else(|| de::Error::missing_field("code"))
    }
}

/// Reads an object: a [`Tagged`] if it has a text `code`, else `None`.
fn read_object<'de, A: MapAccess<'de>>(mut map: A) -> Result<Option<Tagged>, A::Error> {
    let mut code = None;
    let mut fields = Vec::new();
    while let Some(key) = map.next_key::<String>()? {
        let value = map.next_value::<Raw>()?;
        match (key.as_str(), value) {
            ("code", _) if code.is_some() => return Err(de::Error::duplicate_field("code")),
            ("code", Raw::Text(text)) => code = Some(text),
            ("code", _) => return Err(de::Error::custom("the code is not text")),
            (_, value) => fields.push((key, value)),
        }
    }
    Ok(code.map(|code| Tagged { code, fields }))
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a number, a text or a code")
    }

    fn visit_u64<E>(self, n: u64) -> Result<Raw, E> {
        Ok(Raw::Unsigned(n))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Raw, E> {
        Ok(Raw::Signed(n))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Raw, E> {
        Ok(Raw::Other)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Raw, E> {
        Ok(Raw::Other)
    }

    fn visit_str<E>(self, text: &str) -> Result<Raw, E> {
        Ok(Raw::Text(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> Result<Raw, E> {
        Ok(Raw::Text(text))
    }

    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Raw::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Raw, A::Error> {
        Ok(read_object(map)?.map_or(Raw::Other, Raw::Code))
    }
}

#[cfg(test)]
mod tests {
    use crate::eds::EdsCode;
    use crate::{ApiErrorBody, ErrorCode, FieldCode};

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
            parse::<ErrorCode>(r#"{"code":"signature_rejected","reason":{"code":"nope"}}"#)
                .is_err()
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
}
