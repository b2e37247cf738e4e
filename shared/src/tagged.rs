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
mod tests;
