//! ИИН (individual identification number) and БИН (business identification
//! number): twelve digits, the last one a check digit (SPEC §9).
//!
//! Both are parsed once, at the edge, into [`Iin`] or [`Bin`]; code that holds
//! one never checks it again.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::FieldCode;

const WEIGHTS_FIRST: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const WEIGHTS_SECOND: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// Parses twelve ASCII digits, leading and trailing spaces ignored.
fn digits(input: &str) -> Result<[u8; 12], FieldCode> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(FieldCode::Required);
    }
    if !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldCode::DigitsOnly);
    }
    if trimmed.len() != 12 {
        return Err(FieldCode::Length { expected: 12 });
    }
    let mut out = [0u8; 12];
    for (slot, byte) in out.iter_mut().zip(trimmed.bytes()) {
        *slot = byte - b'0';
    }
    Ok(out)
}

/// The check digit of the first eleven digits, or `None` when the number
/// cannot have one (both weighted sums give 10).
pub fn check_digit(first_eleven: &[u8]) -> Option<u8> {
    let sum = |weights: &[u32; 11]| -> u32 {
        first_eleven
            .iter()
            .zip(weights)
            .map(|(d, w)| u32::from(*d) * w)
            .sum::<u32>()
            % 11
    };
    let first = sum(&WEIGHTS_FIRST);
    if first != 10 {
        return u8::try_from(first).ok();
    }
    let second = sum(&WEIGHTS_SECOND);
    if second != 10 {
        return u8::try_from(second).ok();
    }
    None
}

fn verify_check_digit(d: &[u8; 12]) -> Result<(), FieldCode> {
    match check_digit(&d[..11]) {
        Some(c) if c == d[11] => Ok(()),
        _ => Err(FieldCode::Checksum),
    }
}

fn to_string(d: &[u8; 12]) -> String {
    d.iter().map(|x| char::from(b'0' + x)).collect()
}

fn two(d: &[u8; 12], at: usize) -> u32 {
    u32::from(d[at]) * 10 + u32::from(d[at + 1])
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// Sex recorded in an ИИН's seventh digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

/// An individual identification number: `YYMMDD`, a century-and-sex digit,
/// four serial digits and the check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iin([u8; 12]);

impl Iin {
    pub fn parse(input: &str) -> Result<Self, FieldCode> {
        let d = digits(input)?;
        let century = match d[6] {
            1 | 2 => 1800,
            3 | 4 => 1900,
            5 | 6 => 2000,
            _ => return Err(FieldCode::IinCentury),
        };
        let year = century + two(&d, 0);
        let month = two(&d, 2);
        let day = two(&d, 4);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(FieldCode::IinBirthDate);
        }
        verify_check_digit(&d)?;
        Ok(Self(d))
    }

    /// Date of birth as (year, month, day).
    pub fn birth_date(&self) -> (u32, u32, u32) {
        let century = match self.0[6] {
            1 | 2 => 1800,
            3 | 4 => 1900,
            _ => 2000,
        };
        (century + two(&self.0, 0), two(&self.0, 2), two(&self.0, 4))
    }

    pub fn sex(&self) -> Sex {
        if self.0[6] % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The ИИН with its middle hidden, for public pages: `900101*****5`.
    pub fn masked(&self) -> String {
        let s = to_string(&self.0);
        format!("{}******{}", &s[..4], &s[10..])
    }
}

/// The kind of organization a БИН's fifth digit records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BinKind {
    ResidentLegalEntity,
    NonResidentLegalEntity,
    JointEntrepreneurship,
}

/// A business identification number: `YYMM` of registration, the kind, the
/// unit (head office, branch, representative office, peasant farm), five
/// serial digits and the check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bin([u8; 12]);

impl Bin {
    pub fn parse(input: &str) -> Result<Self, FieldCode> {
        let d = digits(input)?;
        let month = two(&d, 2);
        if !(1..=12).contains(&month) {
            return Err(FieldCode::BinRegistrationDate);
        }
        if !(4..=6).contains(&d[4]) {
            return Err(FieldCode::BinKind);
        }
        if d[5] > 3 {
            return Err(FieldCode::BinUnit);
        }
        verify_check_digit(&d)?;
        Ok(Self(d))
    }

    /// The unit digit: 0 the head office, 1 a branch, 2 a representative
    /// office, 3 a peasant or farm enterprise.
    pub fn unit(&self) -> u8 {
        self.0[5]
    }

    pub fn kind(&self) -> BinKind {
        match self.0[4] {
            4 => BinKind::ResidentLegalEntity,
            5 => BinKind::NonResidentLegalEntity,
            _ => BinKind::JointEntrepreneurship,
        }
    }
}

macro_rules! id_common {
    ($t:ty) => {
        impl $t {
            pub fn as_string(&self) -> String {
                to_string(&self.0)
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&to_string(&self.0))
            }
        }
        impl std::str::FromStr for $t {
            type Err = FieldCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&to_string(&self.0))
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(d)?;
                Self::parse(&raw).map_err(|code| {
                    serde::de::Error::custom(format_args!("invalid {}: {:?}", stringify!($t), code))
                })
            }
        }
    };
}
id_common!(Iin);
id_common!(Bin);

/// Whose number identifies an account: a person's ИИН or an organization's БИН.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "number", rename_all = "snake_case")]
pub enum TaxId {
    Iin(Iin),
    Bin(Bin),
}

impl TaxId {
    /// A number that identifies an account, as the login takes it: an ИИН
    /// when it reads as one, else a БИН. The length, the digits and the
    /// check digit are the same for both and are told first.
    pub fn parse(input: &str) -> Result<TaxId, FieldCode> {
        let d = digits(input)?;
        verify_check_digit(&d)?;
        Iin::parse(input)
            .map(TaxId::Iin)
            .or_else(|_| Bin::parse(input).map(TaxId::Bin))
            .map_err(|_| FieldCode::TaxId)
    }

    pub fn as_string(&self) -> String {
        match self {
            TaxId::Iin(i) => i.as_string(),
            TaxId::Bin(b) => b.as_string(),
        }
    }
}

impl fmt::Display for TaxId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_string())
    }
}

/// Makes a valid number from eleven digits by appending the check digit;
/// `None` when no check digit exists for them. Used by demo data and tests.
pub fn complete_with_check_digit(first_eleven: &str) -> Option<String> {
    if first_eleven.len() != 11 || !first_eleven.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: Vec<u8> = first_eleven.bytes().map(|b| b - b'0').collect();
    let c = check_digit(&d)?;
    Some(format!("{first_eleven}{c}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tax_id_is_an_iin_or_a_bin_or_says_why_not() {
        let iin = complete_with_check_digit("90010130000").expect("an ИИН");
        assert!(matches!(TaxId::parse(&iin), Ok(TaxId::Iin(_))));
        let bin = complete_with_check_digit("04084000133").expect("a БИН");
        assert!(matches!(TaxId::parse(&bin), Ok(TaxId::Bin(_))));
        assert_eq!(
            TaxId::parse("12345"),
            Err(FieldCode::Length { expected: 12 })
        );
        assert_eq!(TaxId::parse("hello"), Err(FieldCode::DigitsOnly));
        let mut wrong = iin.clone();
        wrong.replace_range(11.., if iin.ends_with('0') { "1" } else { "0" });
        assert_eq!(TaxId::parse(&wrong), Err(FieldCode::Checksum));
        // Month 13 and a seventh digit of 0: neither reading.
        let neither = complete_with_check_digit("90130100000").expect("a check digit");
        assert_eq!(TaxId::parse(&neither), Err(FieldCode::TaxId));
    }

    #[test]
    fn check_digit_first_weights() {
        // 1*9+2*0+3*0+4*1+5*0+6*1+7*3+8*0+9*0+10*0+11*0 = 40 → 40 mod 11 = 7
        assert_eq!(check_digit(&[9, 0, 0, 1, 0, 1, 3, 0, 0, 0, 0]), Some(7));
        assert!(Iin::parse("900101300007").is_ok());
        assert_eq!(Iin::parse("900101300008"), Err(FieldCode::Checksum));
    }

    #[test]
    fn check_digit_second_weights() {
        // Find eleven digits whose first sum is 10; the second weights decide.
        let mut seen_second = false;
        for serial in 0..10_000u32 {
            let first = format!("8805024{serial:04}");
            let d: Vec<u8> = first.bytes().map(|b| b - b'0').collect();
            let s1: u32 = d
                .iter()
                .zip(WEIGHTS_FIRST)
                .map(|(a, w)| u32::from(*a) * w)
                .sum::<u32>()
                % 11;
            if s1 == 10 {
                let s2: u32 = d
                    .iter()
                    .zip(WEIGHTS_SECOND)
                    .map(|(a, w)| u32::from(*a) * w)
                    .sum::<u32>()
                    % 11;
                let got = check_digit(&d);
                if s2 == 10 {
                    assert_eq!(got, None);
                } else {
                    seen_second = true;
                    assert_eq!(got, u8::try_from(s2).ok());
                    let full = complete_with_check_digit(&first).expect("valid");
                    assert!(Iin::parse(&full).is_ok(), "{full}");
                }
            }
        }
        assert!(seen_second);
    }

    #[test]
    fn iin_rules() {
        assert_eq!(Iin::parse(""), Err(FieldCode::Required));
        assert_eq!(Iin::parse("12345"), Err(FieldCode::Length { expected: 12 }));
        assert_eq!(Iin::parse("90010130000a"), Err(FieldCode::DigitsOnly));
        assert_eq!(Iin::parse("900101700007"), Err(FieldCode::IinCentury));
        assert_eq!(Iin::parse("901301300007"), Err(FieldCode::IinBirthDate));
        assert_eq!(Iin::parse("010229500007"), Err(FieldCode::IinBirthDate));
        let iin = Iin::parse(" 900101300007 ").expect("valid");
        assert_eq!(iin.birth_date(), (1990, 1, 1));
        assert_eq!(iin.sex(), Sex::Male);
        assert_eq!(iin.masked(), "9001******07");
        assert_eq!(iin.to_string(), "900101300007");
    }

    #[test]
    fn leap_day_is_a_date() {
        let iin = (0..10)
            .find_map(|serial| complete_with_check_digit(&format!("000229500{serial:02}")))
            .expect("some serial has a check digit");
        assert_eq!(Iin::parse(&iin).map(|i| i.birth_date()), Ok((2000, 2, 29)));
    }

    #[test]
    fn bin_rules() {
        let bin = complete_with_check_digit("05044000001").expect("check digit");
        let parsed = Bin::parse(&bin).expect("valid");
        assert_eq!(parsed.kind(), BinKind::ResidentLegalEntity);
        assert_eq!(
            Bin::parse("051340000012"),
            Err(FieldCode::BinRegistrationDate)
        );
        assert_eq!(Bin::parse("050470000012"), Err(FieldCode::BinKind));
        assert_eq!(Bin::parse("050449000012"), Err(FieldCode::BinUnit));
    }

    #[test]
    fn serde_round_trip_rejects_bad_numbers() {
        let iin: Iin = serde_json::from_str("\"900101300007\"").expect("valid");
        assert_eq!(
            serde_json::to_string(&iin).expect("json"),
            "\"900101300007\""
        );
        assert!(serde_json::from_str::<Iin>("\"900101300008\"").is_err());
    }
}
