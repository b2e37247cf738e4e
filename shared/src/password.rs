//! The password rule (NIST SP 800-63B style): at least 8 characters, long
//! passphrases welcome, no composition rules, the most common passwords
//! refused.

use crate::error::FieldCode;

pub const MIN_CHARS: u32 = 8;
/// Generous, so passphrases fit; bounded, so hashing stays cheap.
pub const MAX_CHARS: u32 = 256;

/// Passwords that appear at the top of every breach corpus, plus the local
/// keyboard-layout favourites. Compared case-insensitively; only entries of
/// eight characters or more matter, since shorter ones fail on length.
const COMMON: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "12345678910",
    "123123123",
    "11111111",
    "111111111",
    "00000000",
    "000000000",
    "88888888",
    "87654321",
    "987654321",
    "11223344",
    "12341234",
    "12121212",
    "123321123",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "1q2w3e4r5t6y",
    "q1w2e3r4",
    "qwertyui",
    "qwertyuiop",
    "qwerty123",
    "qwerty1234",
    "qwerty12345",
    "1qaz2wsx",
    "1qazxsw2",
    "zaq12wsx",
    "zaq1zaq1",
    "asdfghjk",
    "asdfghjkl",
    "zxcvbnm1",
    "password",
    "password1",
    "password12",
    "password123",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "iloveyou",
    "iloveyou1",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "welcome1",
    "welcome123",
    "superman",
    "batman123",
    "starwars",
    "trustno1",
    "letmein1",
    "whatever",
    "computer",
    "internet",
    "michelle",
    "jennifer",
    "corvette",
    "mercedes",
    "liverpool",
    "chelsea1",
    "arsenal1",
    "blink182",
    "abcd1234",
    "abc12345",
    "abcdefgh",
    "a1b2c3d4",
    "aa123456",
    "qazwsxedc",
    "qweasdzxc",
    "admin123",
    "administrator",
    "changeme",
    "default1",
    "monkey12",
    "dragon12",
    "shadow12",
    "master12",
    "michael1",
    "football1",
    "charlie1",
    "jordan23",
    "basketball",
    "pokemon1",
    "minecraft",
    "samsung1",
    "myspace1",
    "linkedin",
    "facebook",
    "google123",
    "zxcvbnm123",
    "q1w2e3r4t5",
    "qwer1234",
    "asdf1234",
    "zxcv1234",
    "1234qwer",
    "1234abcd",
    "12qwaszx",
    "123qweasd",
    "123qweasdzxc",
    "qweqweqwe",
    "ytrewq123",
    // Russian-layout words typed on a Latin keyboard, and local favourites.
    "ghbdtnbr",
    "gfhjkm123",
    "vfhbyf123",
    "cjkysirj",
    "ntktajy1",
    "kjdtrjkz",
    "йцукенгш",
    "йцукен123",
    "пароль123",
    "парольпароль",
    "1234567890йц",
    "qazaqstan",
    "kazakhstan",
    "kazakstan",
    "qazaqstan1",
    "kazakhstan1",
    "astana2024",
    "astana2025",
    "astana2026",
    "almaty2024",
    "almaty2025",
    "almaty2026",
    "egov2024",
    "egov2025",
    "egov2026",
    "egovkz123",
];

/// A password that meets the rule. Not `Debug`-printable, so it cannot end up
/// in a log by accident.
pub struct Password(String);

impl Password {
    pub fn parse(input: &str) -> Result<Self, FieldCode> {
        if input.is_empty() {
            return Err(FieldCode::Required);
        }
        let n = input.chars().count();
        if n < MIN_CHARS as usize {
            return Err(FieldCode::TooShort { min: MIN_CHARS });
        }
        if n > MAX_CHARS as usize {
            return Err(FieldCode::TooLong { max: MAX_CHARS });
        }
        if is_common(input) {
            return Err(FieldCode::PasswordCommon);
        }
        Ok(Self(input.to_owned()))
    }

    /// [`Password::parse`], and not containing what others know of the
    /// account: its ИИН/БИН, its phone number or a word of its name.
    pub fn parse_for(input: &str, owner: &Owner<'_>) -> Result<Self, FieldCode> {
        let password = Self::parse(input)?;
        if owner.is_in(input) {
            return Err(FieldCode::PasswordPersonal);
        }
        Ok(password)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// What a password may not contain: the account's own details, as typed or
/// stored (ИИН/БИН, phone in any notation, name).
#[derive(Debug, Clone, Copy, Default)]
pub struct Owner<'a> {
    pub tax_id: &'a str,
    pub phone: &'a str,
    pub name: &'a str,
}

/// Name words shorter than this are too common to refuse («Ли», «ТОО»).
const MIN_NAME_WORD: usize = 3;

impl Owner<'_> {
    /// True if `password` contains the ИИН/БИН, the phone's ten national
    /// digits, or a name word of three letters or more, case-insensitively.
    pub fn is_in(&self, password: &str) -> bool {
        let folded = password.to_lowercase();
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        let tax_id = digits(self.tax_id);
        let phone = digits(self.phone);
        // +7 701 123 45 67, 8 701…, 701…: the ten digits after the country code.
        let national = phone.get(phone.len().saturating_sub(10)..).unwrap_or("");
        let numbers = [tax_id.as_str(), national]
            .into_iter()
            .filter(|n| n.len() >= 10)
            .any(|n| folded.contains(n));
        numbers
            || self
                .name
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= MIN_NAME_WORD)
                .any(|w| folded.contains(&w.to_lowercase()))
    }
}

/// True for a password from the common list, or one character repeated.
pub fn is_common(candidate: &str) -> bool {
    let folded = candidate.to_lowercase();
    let mut chars = folded.chars();
    let first = chars.next();
    if first.is_some() && chars.all(|c| Some(c) == first) {
        return true;
    }
    COMMON.iter().any(|c| *c == folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule() {
        assert_eq!(Password::parse("").err(), Some(FieldCode::Required));
        assert_eq!(
            Password::parse("short").err(),
            Some(FieldCode::TooShort { min: 8 })
        );
        assert_eq!(
            Password::parse("Password1").err(),
            Some(FieldCode::PasswordCommon)
        );
        assert_eq!(
            Password::parse("zzzzzzzzzz").err(),
            Some(FieldCode::PasswordCommon)
        );
        assert_eq!(
            Password::parse("ЙЦУКЕН123").err(),
            Some(FieldCode::PasswordCommon)
        );
        assert!(Password::parse("көктем келді жылы").is_ok());
        assert!(Password::parse(&"долгая фраза ".repeat(10)).is_ok());
        assert_eq!(
            Password::parse(&"x1".repeat(129)).err(),
            Some(FieldCode::TooLong { max: 256 })
        );
        assert_eq!(
            format!("{:?}", Password::parse("river-lamp-stone").ok()),
            "Some(Password(***))"
        );
    }

    #[test]
    fn a_password_with_the_owners_details_is_refused() {
        let owner = Owner {
            tax_id: "900101300123",
            phone: "+7 (701) 123-45-67",
            name: "Әлия Серікқызы Ли",
        };
        for bad in [
            "900101300123",
            "my900101300123!",
            "87011234567",
            "x7011234567x",
            "әлия2026рік",
            "ӘЛИЯ-СЕРІКҚЫЗЫ",
            "серікқызы1990",
        ] {
            assert_eq!(
                Password::parse_for(bad, &owner).err(),
                Some(FieldCode::PasswordPersonal),
                "{bad}"
            );
        }
        // A two-letter word and a short run of the phone's digits are fine.
        assert!(Password::parse_for("ли-ли-лимонад", &owner).is_ok());
        assert!(Password::parse_for("river 701 lamp", &owner).is_ok());
        // The common list comes first.
        assert_eq!(
            Password::parse_for("12345678", &owner).err(),
            Some(FieldCode::PasswordCommon)
        );
        assert!(Password::parse_for("900101300123", &Owner::default()).is_ok());
    }

    #[test]
    fn the_list_has_no_entry_the_length_rule_already_refuses() {
        for c in COMMON {
            assert!(c.chars().count() >= MIN_CHARS as usize, "{c}");
        }
    }
}
