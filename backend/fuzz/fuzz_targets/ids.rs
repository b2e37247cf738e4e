//! ИИН and БИН from any text: never a panic; a number that parses prints
//! back to itself and parses again to the same number.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::account::AccountKind;
use shared::{Bin, Iin};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(iin) = Iin::parse(text) {
        let again = Iin::parse(&iin.as_string()).expect("a printed ИИН parses");
        assert_eq!(again, iin);
        let _ = iin.birth_date();
        let _ = iin.masked();
    }
    if let Ok(bin) = Bin::parse(text) {
        assert_eq!(Bin::parse(&bin.as_string()).expect("a printed БИН parses"), bin);
        let _ = bin.kind();
    }
    for kind in [AccountKind::Individual, AccountKind::LegalEntity] {
        let _ = kind.parse_id(text);
    }
});
