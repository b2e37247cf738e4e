//! Money: amounts in tenge (whole tiyn) and fees counted in monthly
//! calculation indices (МРП), whose value in tenge is set by law each year.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An amount of money in tiyn (1/100 tenge). Never a float.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Tiyn(pub u64);

impl Tiyn {
    pub fn from_tenge(tenge: u64) -> Self {
        Tiyn(tenge * 100)
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
}

impl fmt::Display for Tiyn {
    /// `12 975 ₸` or `12 975,50 ₸`: thin grouping, comma decimals, as in Kazakh and Russian.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenge = self.0 / 100;
        let tiyn = self.0 % 100;
        let digits = tenge.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push('\u{a0}');
            }
            grouped.push(c);
        }
        if tiyn == 0 {
            write!(f, "{grouped}\u{a0}₸")
        } else {
            write!(f, "{grouped},{tiyn:02}\u{a0}₸")
        }
    }
}

/// A fee expressed as a multiple of the МРП, in hundredths so that fractions
/// such as 0.1 МРП are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct MrpHundredths(pub u32);

impl MrpHundredths {
    /// The amount for a year whose МРП is `mrp_tenge`.
    pub fn amount(self, mrp_tenge: u32) -> Tiyn {
        Tiyn(u64::from(self.0) * u64::from(mrp_tenge))
    }

    pub fn is_free(self) -> bool {
        self.0 == 0
    }
}

impl fmt::Display for MrpHundredths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 100;
        let frac = self.0 % 100;
        if frac == 0 {
            write!(f, "{whole}")
        } else if frac.is_multiple_of(10) {
            write!(f, "{whole},{}", frac / 10)
        } else {
            write!(f, "{whole},{frac:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fee_in_tenge() {
        assert_eq!(MrpHundredths(1000).amount(4325), Tiyn::from_tenge(43_250));
        assert_eq!(MrpHundredths(10).amount(4325), Tiyn(43_250));
        assert_eq!(Tiyn(43_250).to_string(), "432,50\u{a0}₸");
        assert_eq!(
            Tiyn::from_tenge(1_234_567).to_string(),
            "1\u{a0}234\u{a0}567\u{a0}₸"
        );
        assert_eq!(MrpHundredths(1000).to_string(), "10");
        assert_eq!(MrpHundredths(10).to_string(), "0,1");
        assert_eq!(MrpHundredths(25).to_string(), "0,25");
    }
}
