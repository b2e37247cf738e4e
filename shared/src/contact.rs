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

/// A person's or an organization's name: trimmed, 2 to 200 characters, no
/// invisible or control characters; on the server (feature `nfc`) also in
/// Unicode normal form C, so «й» typed two ways is one name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Name(String);

impl Name {
    pub const MAX: u32 = 200;

    pub fn parse(input: &str) -> Result<Self, FieldCode> {
        if input.chars().any(is_invisible) {
            return Err(FieldCode::Invisible);
        }
        let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
        #[cfg(feature = "nfc")]
        let s: String = unicode_normalization::UnicodeNormalization::nfc(s.as_str()).collect();
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
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Unicode's format characters (category Cf, Unicode 16) and the controls
/// (Cc) but for the spaces a pasted name may carry (tab, line breaks): the
/// direction overrides, zero-width spaces and joiners, the soft hyphen, tag
/// characters. Nothing a name needs; a bidi override makes one name look like
/// another.
pub fn is_invisible(c: char) -> bool {
    const FORMAT: &[(u32, u32)] = &[
        (0x00AD, 0x00AD),
        (0x0600, 0x0605),
        (0x061C, 0x061C),
        (0x06DD, 0x06DD),
        (0x070F, 0x070F),
        (0x0890, 0x0891),
        (0x08E2, 0x08E2),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1343F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0001, 0xE0001),
        (0xE0020, 0xE007F),
    ];
    let u = u32::from(c);
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || FORMAT.iter().any(|&(lo, hi)| (lo..=hi).contains(&u))
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
        assert_eq!(
            Name::parse("Иван\tПетров\n").map(|n| n.0),
            Ok("Иван Петров".into())
        );
    }

    #[test]
    fn a_name_with_invisible_characters_is_refused() {
        for bad in [
            "Иван\u{202E}вортеП",
            "Иван\u{200B}Петров",
            "\u{FEFF}Иван Петров",
            "Иван\u{00AD}Петров",
            "Иван\u{2066}Петров",
            "Иван\u{0007}Петров",
            "Иван\u{E0041}",
        ] {
            assert_eq!(Name::parse(bad), Err(FieldCode::Invisible), "{bad:?}");
        }
        assert!(Name::parse("Жанна д'Арк-Сейітқызы").is_ok());
    }
}
