//! The rules of a service's request form (its catalog fields): each answer
//! against its field's kind and limits, the required ones, and nothing the
//! form does not ask. The browser runs them as the user types, the server
//! again on every save and before signing.

use std::collections::BTreeMap;

use crate::calendar::Date;
use crate::catalog::{FieldKind, FieldSpec, RequestType};
use crate::contact::{Email, Phone};
use crate::error::{Collector, FieldCode, FieldErrors};
use crate::ids::{Bin, Iin};

/// The answers of a form: field key → the text the user entered (a
/// checkbox is `"true"` or absent).
pub type Answers = BTreeMap<String, String>;

/// The fields a request type shows.
pub fn fields_for(fields: &[FieldSpec], request_type: RequestType) -> Vec<&FieldSpec> {
    fields
        .iter()
        .filter(|f| f.request_types.is_empty() || f.request_types.contains(&request_type))
        .collect()
}

/// A decimal with up to two places, `.` or `,` as the separator, in
/// hundredths.
fn hundredths(raw: &str) -> Option<u64> {
    let raw = raw.replace(',', ".");
    let (whole, frac) = raw.split_once('.').unwrap_or((raw.as_str(), ""));
    if whole.is_empty()
        || whole.len() > 15
        || frac.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    let frac: u64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<u64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    whole.checked_mul(100)?.checked_add(frac)
}

/// Checks one non-empty answer against its field's kind; `today` decides
/// what lies in the future.
pub fn check_answer(kind: &FieldKind, raw: &str, today: Date) -> Result<(), FieldCode> {
    let value = raw.trim();
    let chars = u32::try_from(value.chars().count()).unwrap_or(u32::MAX);
    match kind {
        FieldKind::Text { max_len } | FieldKind::Textarea { max_len } => {
            if chars > *max_len {
                return Err(FieldCode::TooLong { max: *max_len });
            }
            if matches!(kind, FieldKind::Text { .. }) && value.contains(['\n', '\r']) {
                return Err(FieldCode::SingleLine);
            }
            if value
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
            {
                return Err(FieldCode::SingleLine);
            }
        }
        FieldKind::Digits { len } => {
            if !value.bytes().all(|b| b.is_ascii_digit()) {
                return Err(FieldCode::DigitsOnly);
            }
            if chars != *len {
                return Err(FieldCode::Length { expected: *len });
            }
        }
        FieldKind::Integer { min, max } => {
            let n: i64 = value.parse().map_err(|_| FieldCode::Number)?;
            if n < *min || n > *max {
                return Err(FieldCode::Range {
                    min: *min,
                    max: *max,
                });
            }
        }
        FieldKind::Decimal { min, max } => {
            let n = hundredths(value).ok_or(FieldCode::Number)?;
            if n < min.saturating_mul(100) || n > max.saturating_mul(100) {
                return Err(FieldCode::Range {
                    min: i64::try_from(*min).unwrap_or(i64::MAX),
                    max: i64::try_from(*max).unwrap_or(i64::MAX),
                });
            }
        }
        FieldKind::Date { past_only } => {
            let date = Date::parse(value)?;
            if *past_only && date > today {
                return Err(FieldCode::DateInFuture);
            }
        }
        FieldKind::Select { options } => {
            if !options.iter().any(|o| o.code == value) {
                return Err(FieldCode::UnknownChoice);
            }
        }
        FieldKind::Iin => {
            Iin::parse(value)?;
        }
        FieldKind::Bin => {
            Bin::parse(value)?;
        }
        FieldKind::Phone => {
            Phone::parse(value)?;
        }
        FieldKind::Email => {
            Email::parse(value)?;
        }
        FieldKind::Checkbox => {
            if value != "true" {
                return Err(FieldCode::UnknownChoice);
            }
        }
    }
    Ok(())
}

/// Checks a draft as it is being filled: every answer given follows its
/// field's rule, and no answer is for a field the form does not have.
/// Missing answers are fine until [`check_complete`].
pub fn check_partial(
    fields: &[FieldSpec],
    request_type: RequestType,
    answers: &Answers,
    today: Date,
) -> Result<(), FieldErrors> {
    let shown = fields_for(fields, request_type);
    let mut c = Collector::new();
    for (key, value) in answers {
        match shown.iter().find(|f| f.key == *key) {
            None => c.add(key, FieldCode::UnknownField),
            Some(_) if value.trim().is_empty() => {}
            Some(f) => {
                c.check(key, check_answer(&f.kind, value, today));
            }
        }
    }
    c.finish()
}

/// Checks a form before it is sent: as [`check_partial`], and every
/// required field answered.
pub fn check_complete(
    fields: &[FieldSpec],
    request_type: RequestType,
    answers: &Answers,
    today: Date,
) -> Result<(), FieldErrors> {
    let mut errors = check_partial(fields, request_type, answers, today)
        .err()
        .unwrap_or_default();
    for f in fields_for(fields, request_type) {
        let empty = answers.get(&f.key).is_none_or(|v| v.trim().is_empty());
        if f.required && empty {
            errors
                .entry(f.key.clone())
                .or_default()
                .push(FieldCode::Required);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Choice;
    use crate::i18n::Text;

    fn field(key: &str, kind: FieldKind, required: bool) -> FieldSpec {
        FieldSpec {
            key: key.into(),
            label: Text {
                kk: key.into(),
                ru: key.into(),
                en: key.into(),
            },
            hint: None,
            kind,
            required,
            request_types: vec![],
        }
    }

    fn today() -> Date {
        Date::from_ymd(2026, 11, 23).expect("date")
    }

    fn check(kind: impl AsRef<FieldKind>, raw: &str) -> Result<(), FieldCode> {
        check_answer(kind.as_ref(), raw, today())
    }

    impl AsRef<FieldKind> for FieldKind {
        fn as_ref(&self) -> &FieldKind {
            self
        }
    }

    #[test]
    fn each_kind_has_its_rule() {
        assert_eq!(check(FieldKind::Text { max_len: 5 }, "Қазақ"), Ok(()));
        assert_eq!(
            check(FieldKind::Text { max_len: 5 }, "Қазақстан"),
            Err(FieldCode::TooLong { max: 5 })
        );
        assert_eq!(
            check(FieldKind::Text { max_len: 50 }, "two\nlines"),
            Err(FieldCode::SingleLine)
        );
        assert_eq!(
            check(FieldKind::Textarea { max_len: 50 }, "two\nlines"),
            Ok(())
        );
        assert_eq!(check(FieldKind::Digits { len: 4 }, "0123"), Ok(()));
        assert_eq!(
            check(FieldKind::Digits { len: 4 }, "12a4"),
            Err(FieldCode::DigitsOnly)
        );
        assert_eq!(
            check(FieldKind::Digits { len: 4 }, "123"),
            Err(FieldCode::Length { expected: 4 })
        );
        let int = || FieldKind::Integer { min: 1, max: 10 };
        assert_eq!(check(int(), "10"), Ok(()));
        assert_eq!(
            check(int(), "11"),
            Err(FieldCode::Range { min: 1, max: 10 })
        );
        assert_eq!(check(int(), "ten"), Err(FieldCode::Number));
        let dec = || FieldKind::Decimal { min: 1, max: 100 };
        assert_eq!(check(dec(), "99,5"), Ok(()));
        assert_eq!(check(dec(), "100.00"), Ok(()));
        assert_eq!(
            check(dec(), "100.01"),
            Err(FieldCode::Range { min: 1, max: 100 })
        );
        assert_eq!(
            check(dec(), "0.99"),
            Err(FieldCode::Range { min: 1, max: 100 })
        );
        assert_eq!(check(dec(), "1.234"), Err(FieldCode::Number));
        assert_eq!(check(dec(), "-5"), Err(FieldCode::Number));
        let past = || FieldKind::Date { past_only: true };
        assert_eq!(check(past(), "2026-11-23"), Ok(()));
        assert_eq!(check(past(), "2026-11-24"), Err(FieldCode::DateInFuture));
        assert_eq!(check(past(), "2026-02-30"), Err(FieldCode::Date));
        let select = || FieldKind::Select {
            options: vec![Choice {
                code: "lost".into(),
                label: Text {
                    kk: "x".into(),
                    ru: "x".into(),
                    en: "x".into(),
                },
            }],
        };
        assert_eq!(check(select(), "lost"), Ok(()));
        assert_eq!(check(select(), "stolen"), Err(FieldCode::UnknownChoice));
        assert_eq!(check(FieldKind::Iin, "900101300007"), Ok(()));
        assert_eq!(
            check(FieldKind::Iin, "900101300008"),
            Err(FieldCode::Checksum)
        );
        assert_eq!(check(FieldKind::Bin, "050440000002"), Ok(()));
        assert_eq!(check(FieldKind::Phone, "8 701 123 45 67"), Ok(()));
        assert_eq!(check(FieldKind::Email, "nope"), Err(FieldCode::Email));
        assert_eq!(check(FieldKind::Checkbox, "true"), Ok(()));
        assert_eq!(
            check(FieldKind::Checkbox, "yes"),
            Err(FieldCode::UnknownChoice)
        );
    }

    #[test]
    fn drafts_may_be_partial_but_not_foreign_and_forms_must_be_complete() {
        let mut only_reissue = field("grounds", FieldKind::Text { max_len: 100 }, true);
        only_reissue.request_types = vec![RequestType::Reissuance];
        let fields = vec![
            field("area", FieldKind::Decimal { min: 1, max: 1000 }, true),
            field("notes", FieldKind::Textarea { max_len: 100 }, false),
            only_reissue,
        ];
        let mut answers = Answers::new();
        answers.insert("notes".into(), "ok".into());
        assert_eq!(
            check_partial(&fields, RequestType::Issuance, &answers, today()),
            Ok(())
        );
        let errors = check_complete(&fields, RequestType::Issuance, &answers, today())
            .expect_err("area missing");
        assert_eq!(errors["area"], vec![FieldCode::Required]);
        assert!(!errors.contains_key("grounds"), "not asked for an issuance");

        answers.insert("grounds".into(), "a new address".into());
        let errors = check_partial(&fields, RequestType::Issuance, &answers, today())
            .expect_err("not on this form");
        assert_eq!(errors["grounds"], vec![FieldCode::UnknownField]);
        answers.insert("area".into(), "12,5".into());
        assert_eq!(
            check_complete(&fields, RequestType::Reissuance, &answers, today()),
            Ok(())
        );
        answers.insert("area".into(), "0".into());
        let errors = check_complete(&fields, RequestType::Reissuance, &answers, today())
            .expect_err("out of range");
        assert_eq!(errors["area"], vec![FieldCode::Range { min: 1, max: 1000 }]);
    }
}
