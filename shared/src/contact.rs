//! Contact details: e-mail address, Kazakhstan phone number, a name.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::FieldCode;

/// An e-mail address: one `@`, a non-empty local part, a dotted domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, FieldCode> {
        let s = input.trim();
        if s.is_empty() {
            return Err(FieldCode::Required);
        }
        if s.chars().count() > 254 {
            return Err(FieldCode::TooLong { max: 254 });
        }
        let (local, domain) = s.split_once('@').ok_or(FieldCode::Email)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty() && !local.chars().any(|c| c.is_whitespace() || c == '@');
        if !(domain_ok && local_ok) {
            return Err(FieldCode::Email);
        }
        Ok(Self(s.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Email::parse(&s).map_err(|c| c.code().to_owned())
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

/// A Kazakhstan phone number, kept as `+7` and ten digits. Accepts the usual
/// ways of writing it: `8 701 123 45 67`, `+7 (701) 123-45-67`, `7011234567`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, FieldCode> {
        let s = input.trim();
        if s.is_empty() {
            return Err(FieldCode::Required);
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'))
        {
            return Err(FieldCode::Phone);
        }
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        let national = match digits.len() {
            10 => digits.as_str(),
            11 if digits.starts_with('7') || digits.starts_with('8') => &digits[1..],
            _ => return Err(FieldCode::Phone),
        };
        // Kazakhstan numbers: mobile 7xx, fixed lines 7xx as well (area codes 71x–72x).
        if !national.starts_with('7') {
            return Err(FieldCode::Phone);
        }
        Ok(Self(format!("+7{national}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Phone {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Phone::parse(&s).map_err(|c| c.code().to_owned())
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0[2..];
        write!(f, "+7 {} {} {} {}", &d[..3], &d[3..6], &d[6..8], &d[8..])
    }
}

/// A person's or an organization's name: trimmed, 2 to 200 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Name(String);

impl Name {
    pub const MAX: u32 = 200;

    pub fn parse(input: &str) -> Result<Self, FieldCode> {
        let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
        let n = s.chars().count();
        if n == 0 {
            return Err(FieldCode::Required);
        }
        if n < 2 {
            return Err(FieldCode::TooShort { min: 2 });
        }
        if n > Self::MAX as usize {
            return Err(FieldCode::TooLong { max: Self::MAX });
        }
        if s.chars().any(char::is_control) {
            return Err(FieldCode::UnknownChoice);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Name {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Name::parse(&s).map_err(|c| c.code().to_owned())
    }
}

impl From<Name> for String {
    fn from(n: Name) -> String {
        n.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse(" A.B@Mail.KZ ").map(|e| e.0),
            Ok("a.b@mail.kz".into())
        );
        for bad in [
            "a", "a@b", "@b.kz", "a@.kz", "a@b..kz", "a b@c.kz", "a@b.kz.",
        ] {
            assert_eq!(Email::parse(bad), Err(FieldCode::Email), "{bad}");
        }
        assert_eq!(Email::parse("  "), Err(FieldCode::Required));
    }

    #[test]
    fn phones() {
        for ok in [
            "8 701 123 45 67",
            "+7 (701) 123-45-67",
            "7011234567",
            "87011234567",
        ] {
            assert_eq!(
                Phone::parse(ok).map(|p| p.0),
                Ok("+77011234567".into()),
                "{ok}"
            );
        }
        for bad in ["123", "+7 901 123 45 67", "phone", "+1 701 123 45 67 8"] {
            assert_eq!(Phone::parse(bad), Err(FieldCode::Phone), "{bad}");
        }
        let p = Phone::parse("87011234567").expect("valid");
        assert_eq!(p.to_string(), "+7 701 123 45 67");
    }

    #[test]
    fn names() {
        assert_eq!(
            Name::parse("  Әсел   Нұрланқызы ").map(|n| n.0),
            Ok("Әсел Нұрланқызы".into())
        );
        assert_eq!(Name::parse("А"), Err(FieldCode::TooShort { min: 2 }));
        assert_eq!(
            Name::parse(&"я".repeat(201)),
            Err(FieldCode::TooLong { max: 200 })
        );
    }
}
