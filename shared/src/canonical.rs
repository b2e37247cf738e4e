//! The canonical byte form of a document to sign: JSON in the JSON
//! Canonicalization Scheme (RFC 8785) — object members sorted by their names'
//! UTF-16 code units, no insignificant white space, the minimal string
//! escapes. The browser signs these bytes and the server rebuilds them from
//! what it stored, so both must come from this one function.
//!
//! Signed documents hold strings, booleans, integers, arrays and objects.
//! Numbers are integers within ±2^53 (RFC 8785 numbers are IEEE doubles, and
//! no document of ours needs a fraction); anything else is refused rather
//! than written in a form another implementation might not reproduce.

use std::fmt;

use serde::ser::{self, Serialize};

/// Why a value has no canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalError(String);

impl fmt::Display for CanonicalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanonicalError {}

impl ser::Error for CanonicalError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        CanonicalError(msg.to_string())
    }
}

/// The canonical JSON bytes of `value`.
pub fn to_bytes<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CanonicalError> {
    let tree = value.serialize(TreeSerializer)?;
    let mut out = String::new();
    write(&tree, &mut out);
    Ok(out.into_bytes())
}

const MAX_SAFE: u64 = (1 << 53) - 1;

#[derive(Debug)]
enum Node {
    Null,
    Bool(bool),
    Int(i128),
    Str(String),
    Arr(Vec<Node>),
    Obj(Vec<(String, Node)>),
}

fn write(node: &Node, out: &mut String) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(i) => out.push_str(&i.to_string()),
        Node::Str(s) => write_str(s, out),
        Node::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Node::Obj(members) => {
            let mut sorted: Vec<&(String, Node)> = members.iter().collect();
            sorted.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            out.push('{');
            for (i, (k, v)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(k, out);
                out.push(':');
                write(v, out);
            }
            out.push('}');
        }
    }
}

fn write_str(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => {
                let n = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[n >> 4]));
                out.push(char::from(HEX[n & 0xf]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn int(v: i128) -> Result<Node, CanonicalError> {
    if v.unsigned_abs() > u128::from(MAX_SAFE) {
        return Err(CanonicalError(format!(
            "the integer {v} is outside ±2^53 and has no exact JSON form"
        )));
    }
    Ok(Node::Int(v))
}

fn refused(what: &str) -> CanonicalError {
    CanonicalError(format!("{what} has no canonical form in a signed document"))
}

struct TreeSerializer;

struct SeqBuilder(Vec<Node>);

struct MapBuilder {
    members: Vec<(String, Node)>,
    key: Option<String>,
}

struct VariantBuilder<B> {
    name: &'static str,
    inner: B,
}

impl ser::Serializer for TreeSerializer {
    type Ok = Node;
    type Error = CanonicalError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = VariantBuilder<SeqBuilder>;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = VariantBuilder<MapBuilder>;

    fn serialize_bool(self, v: bool) -> Result<Node, CanonicalError> {
        Ok(Node::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Node, CanonicalError> {
        int(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<Node, CanonicalError> {
        int(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<Node, CanonicalError> {
        int(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<Node, CanonicalError> {
        int(v.into())
    }
    fn serialize_i128(self, v: i128) -> Result<Node, CanonicalError> {
        int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Node, CanonicalError> {
        int(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<Node, CanonicalError> {
        int(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Node, CanonicalError> {
        int(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<Node, CanonicalError> {
        int(v.into())
    }
    fn serialize_u128(self, v: u128) -> Result<Node, CanonicalError> {
        int(i128::try_from(v).map_err(|_| refused("a 128-bit integer"))?)
    }
    fn serialize_f32(self, _v: f32) -> Result<Node, CanonicalError> {
        Err(refused("a fractional number"))
    }
    fn serialize_f64(self, _v: f64) -> Result<Node, CanonicalError> {
        Err(refused("a fractional number"))
    }
    fn serialize_char(self, v: char) -> Result<Node, CanonicalError> {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Node, CanonicalError> {
        Ok(Node::Str(v.to_owned()))
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<Node, CanonicalError> {
        Err(refused("raw bytes (encode them as a string)"))
    }
    fn serialize_none(self) -> Result<Node, CanonicalError> {
        Ok(Node::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Node, CanonicalError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Node, CanonicalError> {
        Ok(Node::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Node, CanonicalError> {
        Ok(Node::Null)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Node, CanonicalError> {
        Ok(Node::Str(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Node, CanonicalError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Node, CanonicalError> {
        Ok(Node::Obj(vec![(
            variant.to_owned(),
            value.serialize(TreeSerializer)?,
        )]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, CanonicalError> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, CanonicalError> {
        Ok(SeqBuilder(Vec::with_capacity(len)))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<SeqBuilder, CanonicalError> {
        Ok(SeqBuilder(Vec::with_capacity(len)))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantBuilder<SeqBuilder>, CanonicalError> {
        Ok(VariantBuilder {
            name: variant,
            inner: SeqBuilder(Vec::with_capacity(len)),
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapBuilder, CanonicalError> {
        Ok(MapBuilder {
            members: Vec::new(),
            key: None,
        })
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<MapBuilder, CanonicalError> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<VariantBuilder<MapBuilder>, CanonicalError> {
        Ok(VariantBuilder {
            name: variant,
            inner: self.serialize_map(None)?,
        })
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Node;
    type Error = CanonicalError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.0.push(value.serialize(TreeSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Node, CanonicalError> {
        Ok(Node::Arr(self.0))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Node;
    type Error = CanonicalError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, CanonicalError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Node;
    type Error = CanonicalError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, CanonicalError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for VariantBuilder<SeqBuilder> {
    type Ok = Node;
    type Error = CanonicalError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        ser::SerializeSeq::serialize_element(&mut self.inner, value)
    }
    fn end(self) -> Result<Node, CanonicalError> {
        Ok(Node::Obj(vec![(
            self.name.to_owned(),
            Node::Arr(self.inner.0),
        )]))
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Node;
    type Error = CanonicalError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Self::Error> {
        match key.serialize(TreeSerializer)? {
            Node::Str(s) => {
                self.key = Some(s);
                Ok(())
            }
            _ => Err(refused("a map key that is not a string")),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| CanonicalError("a map value without its key".into()))?;
        if self.members.iter().any(|(k, _)| *k == key) {
            return Err(CanonicalError(format!("the member {key:?} appears twice")));
        }
        self.members.push((key, value.serialize(TreeSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Node, CanonicalError> {
        Ok(Node::Obj(self.members))
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = Node;
    type Error = CanonicalError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        ser::SerializeMap::serialize_key(self, key)?;
        ser::SerializeMap::serialize_value(self, value)
    }
    fn end(self) -> Result<Node, CanonicalError> {
        Ok(Node::Obj(self.members))
    }
}

impl ser::SerializeStructVariant for VariantBuilder<MapBuilder> {
    type Ok = Node;
    type Error = CanonicalError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn end(self) -> Result<Node, CanonicalError> {
        Ok(Node::Obj(vec![(
            self.name.to_owned(),
            Node::Obj(self.inner.members),
        )]))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::*;

    fn canon<T: Serialize>(v: &T) -> String {
        String::from_utf8(to_bytes(v).expect("canonical")).expect("utf-8")
    }

    #[test]
    fn members_are_sorted_by_utf16_code_units() {
        // RFC 8785 §3.2.3's own example of the sort order.
        let mut m = BTreeMap::new();
        for (k, v) in [
            ("\u{20ac}", "Euro Sign"),
            ("\r", "Carriage Return"),
            ("\u{fb33}", "Hebrew Letter Dalet With Dagesh"),
            ("1", "One"),
            ("\u{1f600}", "Emoji: Grinning Face"),
            ("\u{0080}", "Control"),
            ("\u{00f6}", "Latin Small Letter O With Diaeresis"),
        ] {
            m.insert(k.to_owned(), v.to_owned());
        }
        let out = canon(&m);
        let order: Vec<usize> = [
            "Carriage Return",
            "One",
            "Control",
            "Latin Small",
            "Euro Sign",
            "Emoji",
            "Hebrew",
        ]
        .iter()
        .map(|n| out.find(n).expect("present"))
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
    }

    #[test]
    fn strings_numbers_and_nesting() {
        #[derive(Serialize)]
        struct Doc<'a> {
            z: u64,
            a: &'a str,
            nested: Vec<Option<bool>>,
            kind: Kind,
        }
        #[derive(Serialize)]
        #[serde(rename_all = "snake_case")]
        enum Kind {
            Issuance,
        }
        let doc = Doc {
            z: 9_007_199_254_740_991,
            a: "Қ \"q\"\\\n\u{1}\u{7f}",
            nested: vec![Some(true), None],
            kind: Kind::Issuance,
        };
        assert_eq!(
            canon(&doc),
            "{\"a\":\"Қ \\\"q\\\"\\\\\\n\\u0001\u{7f}\",\"kind\":\"issuance\",\"nested\":[true,null],\"z\":9007199254740991}"
        );
    }

    #[test]
    fn what_has_no_exact_form_is_refused() {
        assert!(to_bytes(&1.5f64).is_err());
        assert!(to_bytes(&(1u64 << 53)).is_err());
        assert!(to_bytes(&-(1i64 << 53)).is_err());
        let mut bad = BTreeMap::new();
        bad.insert(1u8, "x");
        assert!(to_bytes(&bad).is_err());
    }

    #[test]
    fn same_value_same_bytes_whatever_the_field_order() {
        #[derive(Serialize)]
        struct A {
            b: u8,
            a: u8,
        }
        #[derive(Serialize)]
        struct B {
            a: u8,
            b: u8,
        }
        assert_eq!(
            to_bytes(&A { b: 2, a: 1 }).expect("a"),
            to_bytes(&B { a: 1, b: 2 }).expect("b")
        );
    }
}
