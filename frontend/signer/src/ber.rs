//! BER → DER, as far as PKCS#12 needs it, and a small reader of DER.
//!
//! The national certification center's keystores write their inner
//! structures with BER indefinite lengths (`30 80 … 00 00`) and constructed
//! OCTET STRINGs; the DER decoders refuse both. [`to_der`] rewrites an
//! element so that:
//!
//! - every length is definite and minimal;
//! - a constructed OCTET STRING (`24`) or BIT STRING (`23`) of the universal
//!   class is folded into the primitive string of its pieces' concatenation;
//! - everything else (tags, primitive contents) is copied unchanged, and
//!   constructed elements are rewritten recursively.
//!
//! It does not sort SET OF or canonicalize primitive values (BOOLEAN, etc.):
//! what it outputs is DER-length-shaped, which is what the readers here and
//! the `der` crate's structure checks need. Implicitly tagged strings in
//! constructed form (`A0 80 04 … 00 00`) cannot be told from an explicit tag
//! around a string without the schema; they keep their tag and their pieces,
//! and the schema-aware reader concatenates them (`Tlv::octets`).
//!
//! Malformed input (truncated, an indefinite length on a primitive element,
//! end-of-contents where none may be, nesting deeper than [`MAX_DEPTH`],
//! trailing bytes) is an error, never a panic. The output is written in one
//! buffer of the exact size, without reallocation, so that a caller wiping
//! it (decrypted key material) wipes the only copy.

use core::ops::Range;

/// How deep constructed elements may nest.
pub const MAX_DEPTH: usize = 64;

/// Why a BER element could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BerError {
    /// The input ends inside an element.
    Truncated,
    /// A length form that BER does not allow (reserved `FF`, more than four
    /// length octets, an indefinite length on a primitive element).
    BadLength,
    /// Tag number 0 (end-of-contents) where an element was expected, or a
    /// malformed one.
    BadTag,
    /// A constructed string whose pieces are not strings of the same type,
    /// or a BIT STRING piece without its unused-bits octet.
    BadString,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Bytes after the element.
    TrailingData,
}

impl core::fmt::Display for BerError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let what = match self {
            BerError::Truncated => "truncated",
            BerError::BadLength => "bad length",
            BerError::BadTag => "bad tag",
            BerError::BadString => "bad constructed string",
            BerError::TooDeep => "nested too deep",
            BerError::TrailingData => "trailing data",
        };
        f.write_str(what)
    }
}

impl std::error::Error for BerError {}

const OCTET_STRING: u8 = 0x04;
const BIT_STRING: u8 = 0x03;
const CONSTRUCTED: u8 = 0x20;

/// Rewrites one BER element (the whole of `input`) in DER lengths; see the
/// module documentation for exactly what changes.
pub fn to_der(input: &[u8]) -> Result<Vec<u8>, BerError> {
    let (node, used) = parse(input, 0, 0)?;
    if used != input.len() {
        return Err(BerError::TrailingData);
    }
    let mut out = Vec::with_capacity(node.encoded_len());
    node.write(input, &mut out);
    Ok(out)
}

/// An element's identifier and length octets.
#[derive(Debug, Clone)]
struct Header {
    /// The identifier octets, in the input.
    id: Range<usize>,
    constructed: bool,
    /// `None` for the indefinite form.
    len: Option<usize>,
    /// Where the contents start, in the input.
    body: usize,
}

fn header(input: &[u8], at: usize) -> Result<Header, BerError> {
    let first = *input.get(at).ok_or(BerError::Truncated)?;
    let mut pos = at + 1;
    if first & 0x1f == 0x1f {
        // High tag number: base-128 octets, the last without bit 8. Four are plenty.
        let mut count = 0;
        loop {
            let b = *input.get(pos).ok_or(BerError::Truncated)?;
            pos += 1;
            count += 1;
            if count == 1 && b == 0x80 {
                return Err(BerError::BadTag);
            }
            if b & 0x80 == 0 {
                break;
            }
            if count >= 4 {
                return Err(BerError::BadTag);
            }
        }
    }
    let id = at..pos;
    let constructed = first & CONSTRUCTED != 0;
    let l = *input.get(pos).ok_or(BerError::Truncated)?;
    pos += 1;
    let len = match l {
        0x80 => None,
        0xff => return Err(BerError::BadLength),
        short if short < 0x80 => Some(usize::from(short)),
        long => {
            let n = usize::from(long & 0x7f);
            if n > 4 {
                return Err(BerError::BadLength);
            }
            let bytes = input.get(pos..pos + n).ok_or(BerError::Truncated)?;
            pos += n;
            let mut v: usize = 0;
            for b in bytes {
                v = (v << 8) | usize::from(*b);
            }
            Some(v)
        }
    };
    if len.is_none() && !constructed {
        return Err(BerError::BadLength);
    }
    if let Some(len) = len {
        let end = pos.checked_add(len).ok_or(BerError::BadLength)?;
        if end > input.len() {
            return Err(BerError::Truncated);
        }
    }
    Ok(Header {
        id,
        constructed,
        len,
        body: pos,
    })
}

fn is_eoc(input: &[u8], at: usize) -> bool {
    input.get(at..at + 2) == Some(&[0, 0])
}

/// A parsed element: where its parts are in the input, and its DER size.
#[derive(Debug)]
struct Node {
    /// The identifier octets to write (from the input), or a folded
    /// string's own primitive tag.
    tag: Tag,
    body: Body,
    /// The length of the DER contents.
    len: usize,
}

#[derive(Debug)]
enum Tag {
    Input(Range<usize>),
    Folded(u8),
}

#[derive(Debug)]
enum Body {
    Primitive(Range<usize>),
    Constructed(Vec<Node>),
    /// A constructed string folded: the BIT STRING's unused bits (`None` for
    /// an OCTET STRING) and the pieces' contents, in order.
    Folded {
        unused_bits: Option<u8>,
        pieces: Vec<Range<usize>>,
    },
}

impl Node {
    fn encoded_len(&self) -> usize {
        let tag = match &self.tag {
            Tag::Input(r) => r.len(),
            Tag::Folded(_) => 1,
        };
        tag + length_len(self.len) + self.len
    }

    fn write(&self, input: &[u8], out: &mut Vec<u8>) {
        match &self.tag {
            Tag::Input(r) => out.extend_from_slice(&input[r.clone()]),
            Tag::Folded(t) => out.push(*t),
        }
        write_length(self.len, out);
        match &self.body {
            Body::Primitive(r) => out.extend_from_slice(&input[r.clone()]),
            Body::Constructed(children) => {
                for c in children {
                    c.write(input, out);
                }
            }
            Body::Folded {
                unused_bits,
                pieces,
            } => {
                if let Some(bits) = unused_bits {
                    out.push(*bits);
                }
                for p in pieces {
                    out.extend_from_slice(&input[p.clone()]);
                }
            }
        }
    }
}

fn length_len(len: usize) -> usize {
    if len < 0x80 {
        1
    } else {
        1 + (usize::BITS as usize / 8 - len.leading_zeros() as usize / 8)
    }
}

fn write_length(len: usize, out: &mut Vec<u8>) {
    if len < 0x80 {
        // Fits in seven bits.
        out.push(len.to_be_bytes()[core::mem::size_of::<usize>() - 1]);
    } else {
        let bytes = len.to_be_bytes();
        let skip = len.leading_zeros() as usize / 8;
        let n = bytes.len() - skip;
        out.push(0x80 | n.to_be_bytes()[core::mem::size_of::<usize>() - 1]);
        out.extend_from_slice(&bytes[skip..]);
    }
}

/// Parses the element at `at`; returns it and the position after it.
fn parse(input: &[u8], at: usize, depth: usize) -> Result<(Node, usize), BerError> {
    if depth > MAX_DEPTH {
        return Err(BerError::TooDeep);
    }
    if is_eoc(input, at) {
        return Err(BerError::BadTag);
    }
    let h = header(input, at)?;
    let first = input[h.id.start];
    if !h.constructed {
        // `header` refuses an indefinite primitive.
        let len = h.len.ok_or(BerError::BadLength)?;
        let range = h.body..h.body + len;
        return Ok((
            Node {
                tag: Tag::Input(h.id),
                body: Body::Primitive(range),
                len,
            },
            h.body + len,
        ));
    }
    let (children, end) = children(input, &h, depth)?;
    let folded = match first {
        f if f == CONSTRUCTED | OCTET_STRING => Some(OCTET_STRING),
        f if f == CONSTRUCTED | BIT_STRING => Some(BIT_STRING),
        _ => None,
    };
    let node = match folded {
        Some(kind) => fold(input, kind, children)?,
        None => {
            let len = children.iter().map(Node::encoded_len).sum();
            Node {
                tag: Tag::Input(h.id),
                body: Body::Constructed(children),
                len,
            }
        }
    };
    Ok((node, end))
}

/// The children of a constructed element, and the position after it
/// (after its end-of-contents for the indefinite form).
fn children(input: &[u8], h: &Header, depth: usize) -> Result<(Vec<Node>, usize), BerError> {
    let mut out = Vec::new();
    let mut pos = h.body;
    match h.len {
        Some(len) => {
            let end = h.body + len;
            while pos < end {
                let (child, next) = parse(&input[..end], pos, depth + 1)?;
                out.push(child);
                pos = next;
            }
            Ok((out, end))
        }
        None => loop {
            if pos >= input.len() {
                return Err(BerError::Truncated);
            }
            if is_eoc(input, pos) {
                return Ok((out, pos + 2));
            }
            let (child, next) = parse(input, pos, depth + 1)?;
            out.push(child);
            pos = next;
        },
    }
}

/// Folds a constructed OCTET or BIT STRING's (already parsed) pieces:
/// each must be a string of the same universal type, primitive or itself
/// folded; of a BIT STRING's pieces only the last may leave bits unused.
fn fold(input: &[u8], kind: u8, children: Vec<Node>) -> Result<Node, BerError> {
    let count = children.len();
    let mut pieces = Vec::with_capacity(count);
    let mut unused_bits = (kind == BIT_STRING).then_some(0u8);
    for (i, child) in children.into_iter().enumerate() {
        let last = i + 1 == count;
        let (bits, mut more) = match (child.tag, child.body) {
            (Tag::Input(t), Body::Primitive(r)) if input.get(t.clone()) == Some(&[kind][..]) => {
                if kind == BIT_STRING {
                    let bits = *input
                        .get(r.start)
                        .filter(|_| r.start < r.end)
                        .ok_or(BerError::BadString)?;
                    if bits != 0 && r.len() == 1 {
                        // No bits at all, yet some unused.
                        return Err(BerError::BadString);
                    }
                    (Some(bits), core::iter::once(r.start + 1..r.end).collect())
                } else {
                    (None, vec![r])
                }
            }
            (
                Tag::Folded(t),
                Body::Folded {
                    unused_bits,
                    pieces,
                },
            ) if t == kind => (unused_bits, pieces),
            _ => return Err(BerError::BadString),
        };
        if let Some(bits) = bits {
            if bits > 7 || (bits != 0 && !last) {
                return Err(BerError::BadString);
            }
            unused_bits = Some(bits);
        }
        pieces.append(&mut more);
    }
    let len = usize::from(kind == BIT_STRING) + pieces.iter().map(Range::len).sum::<usize>();
    Ok(Node {
        tag: Tag::Folded(kind),
        body: Body::Folded {
            unused_bits,
            pieces,
        },
        len,
    })
}

/// One element of DER (or of [`to_der`]'s output), read by [`Reader`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tlv<'a> {
    /// The identifier octet (only low tag numbers are read).
    pub tag: u8,
    /// The contents.
    pub value: &'a [u8],
    /// The whole element: identifier, length and contents.
    pub raw: &'a [u8],
}

impl<'a> Tlv<'a> {
    /// A reader over the contents of a constructed element.
    pub fn reader(&self) -> Reader<'a> {
        Reader::new(self.value)
    }

    /// The octets of an implicitly tagged OCTET STRING: the contents of the
    /// primitive form, or the concatenated OCTET STRINGs of the constructed
    /// form (which [`to_der`] leaves as it is).
    pub fn octets(&self) -> Option<Vec<u8>> {
        if self.tag & CONSTRUCTED == 0 {
            return Some(self.value.to_vec());
        }
        let mut out = Vec::with_capacity(self.value.len());
        let mut r = self.reader();
        while !r.is_empty() {
            out.extend_from_slice(r.expect(OCTET_STRING)?.value);
        }
        Some(out)
    }
}

/// Reads DER elements one after another (definite lengths only).
#[derive(Debug, Clone)]
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The next element, or `None` at the end or on malformed input.
    pub fn read(&mut self) -> Option<Tlv<'a>> {
        let h = header(self.rest, 0).ok()?;
        if h.id.len() != 1 {
            return None;
        }
        let len = h.len?;
        let end = h.body.checked_add(len)?;
        let raw = self.rest.get(..end)?;
        let value = raw.get(h.body..)?;
        self.rest = self.rest.get(end..)?;
        Some(Tlv {
            tag: *raw.first()?,
            value,
            raw,
        })
    }

    /// The next element if it has `tag`; `None` otherwise.
    pub fn expect(&mut self, tag: u8) -> Option<Tlv<'a>> {
        self.read().filter(|t| t.tag == tag)
    }

    /// The next element if there is one and it has `tag`; else nothing is read.
    pub fn optional(&mut self, tag: u8) -> Option<Tlv<'a>> {
        if self.rest.first() == Some(&tag) {
            self.read()
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn der(input: &[u8]) -> Vec<u8> {
        to_der(input).expect("normalizes")
    }

    fn interop(rel: &str) -> Vec<u8> {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../backend/tests/fixtures/nca-test-pki")
            .join(rel);
        std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    #[test]
    fn indefinite_lengths_become_definite() {
        assert_eq!(
            der(&[0x30, 0x80, 0x02, 0x01, 0x05, 0, 0]),
            [0x30, 3, 2, 1, 5]
        );
        // Empty, indefinite.
        assert_eq!(der(&[0x31, 0x80, 0, 0]), [0x31, 0]);
        // A context tag, indefinite, around a primitive string: kept as it is.
        assert_eq!(
            der(&[0xa0, 0x80, 0x04, 0x02, 0xaa, 0xbb, 0, 0]),
            [0xa0, 4, 0x04, 2, 0xaa, 0xbb]
        );
    }

    #[test]
    fn nested_indefinite_lengths() {
        let ber = [
            0x30, 0x80, // SEQUENCE
            0x30, 0x80, 0x04, 0x01, 0xaa, 0, 0, // SEQUENCE { OCTET STRING }
            0x31, 0x80, 0, 0, // SET {}
            0xa0, 0x80, 0x30, 0x80, 0x05, 0x00, 0, 0, 0, 0, // [0] { SEQUENCE { NULL } }
            0, 0,
        ];
        assert_eq!(
            der(&ber),
            [
                0x30, 13, 0x30, 3, 4, 1, 0xaa, 0x31, 0, 0xa0, 4, 0x30, 2, 5, 0
            ]
        );
    }

    #[test]
    fn constructed_strings_are_folded() {
        // Definite and indefinite constructed OCTET STRINGs, nested.
        assert_eq!(
            der(&[0x24, 0x06, 0x04, 0x01, 0xaa, 0x04, 0x01, 0xbb]),
            [0x04, 2, 0xaa, 0xbb]
        );
        assert_eq!(
            der(&[
                0x24, 0x80, 0x04, 0x02, 1, 2, 0x24, 0x80, 0x04, 0x01, 3, 0x04, 0x00, 0, 0, 0x04,
                0x01, 4, 0, 0
            ]),
            [0x04, 4, 1, 2, 3, 4]
        );
        // Inside other structures, where the national keystores have them.
        assert_eq!(
            der(&[
                0x30, 0x80, 0xa0, 0x80, 0x24, 0x80, 0x04, 0x01, 9, 0x04, 0x01, 8, 0, 0, 0, 0, 0, 0
            ]),
            [0x30, 6, 0xa0, 4, 0x04, 2, 9, 8]
        );
        // An empty constructed string.
        assert_eq!(der(&[0x24, 0x80, 0, 0]), [0x04, 0]);
        // BIT STRING pieces: only the last may leave bits unused.
        assert_eq!(
            der(&[
                0x23, 0x80, 0x03, 0x02, 0x00, 0xaa, 0x03, 0x02, 0x04, 0xb0, 0, 0
            ]),
            [0x03, 3, 0x04, 0xaa, 0xb0]
        );
        assert_eq!(der(&[0x23, 0x00]), [0x03, 1, 0]);
        assert_eq!(
            to_der(&[
                0x23, 0x80, 0x03, 0x02, 0x04, 0xa0, 0x03, 0x02, 0x00, 0xb0, 0, 0
            ]),
            Err(BerError::BadString)
        );
        // A piece of another type, or a piece without its unused-bits octet.
        assert_eq!(
            to_der(&[0x24, 0x80, 0x04, 0x01, 1, 0x02, 0x01, 2, 0, 0]),
            Err(BerError::BadString)
        );
        assert_eq!(
            to_der(&[0x24, 0x03, 0x03, 0x01, 0x00]),
            Err(BerError::BadString)
        );
        assert_eq!(to_der(&[0x23, 0x02, 0x03, 0x00]), Err(BerError::BadString));
        assert_eq!(
            to_der(&[0x23, 0x03, 0x03, 0x01, 0x09]),
            Err(BerError::BadString)
        );
        // Implicitly tagged strings are not folded (the schema decides), but read as one.
        let implicit = der(&[0xa0, 0x80, 0x04, 0x01, 1, 0x04, 0x01, 2, 0, 0]);
        assert_eq!(implicit, [0xa0, 6, 0x04, 1, 1, 0x04, 1, 2]);
        let tlv = Reader::new(&implicit).read().expect("tlv");
        assert_eq!(tlv.octets(), Some(vec![1, 2]));
    }

    #[test]
    fn lengths_become_minimal_and_long_ones_stay_right() {
        assert_eq!(der(&[0x30, 0x81, 0x03, 2, 1, 5]), [0x30, 3, 2, 1, 5]);
        assert_eq!(
            der(&[0x30, 0x84, 0, 0, 0, 0x03, 2, 1, 5]),
            [0x30, 3, 2, 1, 5]
        );
        for n in [127usize, 128, 255, 256, 65_535, 65_536] {
            let mut ber = vec![0x30, 0x80, 0x04, 0x84];
            ber.extend_from_slice(&u32::try_from(n).expect("len").to_be_bytes());
            ber.extend(std::iter::repeat_n(0x5a, n));
            ber.extend_from_slice(&[0, 0]);
            let out = der(&ber);
            let reader_sees = Reader::new(&out).read().expect("outer");
            let inner = reader_sees.reader().read().expect("inner");
            assert_eq!(inner.value.len(), n);
            assert_eq!(out.len(), reader_sees.raw.len());
            // Minimal: re-normalizing changes nothing.
            assert_eq!(der(&out), out);
        }
    }

    #[test]
    fn high_tag_numbers_are_kept() {
        assert_eq!(
            der(&[0xbf, 0x1f, 0x80, 0x02, 0x01, 0x05, 0, 0]),
            [0xbf, 0x1f, 3, 2, 1, 5]
        );
        assert_eq!(der(&[0x9f, 0x81, 0x00, 0x01, 7]), [0x9f, 0x81, 0x00, 1, 7]);
    }

    #[test]
    fn der_input_is_unchanged() {
        for rel in [
            "certs/2026_gost2015_individual_cms_signer.cer",
            "ca/root_test_gost_2022.cer",
            "ca/nca_gost2022_test.cer",
            "crl/nca_rsa_test__2022-03-29.crl",
            "samples/cms/2021_ncanode_attached_rsa_1signer.p7s",
        ] {
            let input = interop(rel);
            assert_eq!(der(&input), input, "{rel}");
        }
        assert_eq!(der(&[0x05, 0x00]), [0x05, 0x00]);
    }

    #[test]
    fn a_national_keystore_normalizes_to_der() {
        let file = interop("p12/2021_rsa_individual_sign_ncanode.p12");
        // The outer layer is DER already…
        assert_eq!(der(&file), file);
        // …the AuthenticatedSafe inside it is not.
        let pfx = Reader::new(&file).read().expect("pfx");
        let mut r = pfx.reader();
        r.read().expect("version");
        let auth_safe = r.read().expect("authSafe");
        let mut c = auth_safe.reader();
        c.read().expect("contentType");
        let octets = c
            .read()
            .expect("[0]")
            .reader()
            .read()
            .expect("OCTET STRING");
        assert_eq!(&octets.value[..2], &[0x30, 0x80]);
        let normalized = der(octets.value);
        assert_ne!(normalized, octets.value);
        assert_eq!(der(&normalized), normalized);
        assert_eq!(normalized[0], 0x30);
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        assert_eq!(to_der(&[]), Err(BerError::Truncated));
        assert_eq!(to_der(&[0x30]), Err(BerError::Truncated));
        assert_eq!(to_der(&[0x30, 0x80]), Err(BerError::Truncated));
        assert_eq!(to_der(&[0x30, 0x80, 0x05, 0x00]), Err(BerError::Truncated));
        assert_eq!(
            to_der(&[0x30, 0x80, 0x05, 0x00, 0x00]),
            Err(BerError::Truncated)
        );
        assert_eq!(to_der(&[0x30, 0x03, 0x02, 0x01]), Err(BerError::Truncated));
        assert_eq!(to_der(&[0x04, 0x82, 0x01]), Err(BerError::Truncated));
        assert_eq!(to_der(&[0x04, 0x80, 0x01, 0, 0]), Err(BerError::BadLength));
        assert_eq!(to_der(&[0x04, 0xff, 0x01]), Err(BerError::BadLength));
        assert_eq!(
            to_der(&[0x04, 0x85, 0, 0, 0, 0, 1, 0]),
            Err(BerError::BadLength)
        );
        assert_eq!(to_der(&[0, 0]), Err(BerError::BadTag));
        assert_eq!(to_der(&[0x30, 0x02, 0, 0]), Err(BerError::BadTag));
        assert_eq!(to_der(&[0x1f, 0x80, 0x01, 0x00]), Err(BerError::BadTag));
        assert_eq!(
            to_der(&[0x1f, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00]),
            Err(BerError::BadTag)
        );
        assert_eq!(to_der(&[0x05, 0x00, 0x05]), Err(BerError::TrailingData));
        // A child running past its parent's end.
        assert_eq!(
            to_der(&[0x30, 0x02, 0x04, 0x02, 1, 2]),
            Err(BerError::Truncated)
        );
        // Too deep.
        let mut deep = Vec::new();
        for _ in 0..=MAX_DEPTH + 1 {
            deep.extend_from_slice(&[0x30, 0x80]);
        }
        for _ in 0..=MAX_DEPTH + 1 {
            deep.extend_from_slice(&[0, 0]);
        }
        assert_eq!(to_der(&deep), Err(BerError::TooDeep));
    }

    #[test]
    fn every_truncation_of_a_keystore_is_an_error() {
        let file = interop("p12/2021_rsa_individual_sign_ncanode.p12");
        let pfx = Reader::new(&file).read().expect("pfx");
        let mut r = pfx.reader();
        r.read().expect("version");
        let mut c = r.read().expect("authSafe").reader();
        c.read().expect("contentType");
        let ber = c
            .read()
            .expect("[0]")
            .reader()
            .read()
            .expect("octets")
            .value;
        for cut in 0..ber.len() {
            assert!(to_der(&ber[..cut]).is_err(), "cut at {cut}");
        }
        for cut in 0..file.len() {
            assert!(to_der(&file[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_what_parses_is_stable() {
        let seeds = [
            interop("p12/2021_rsa_individual_sign_ncanode.p12"),
            vec![
                0x30, 0x80, 0x24, 0x80, 0x04, 0x01, 1, 0, 0, 0x23, 0x80, 0x03, 0x01, 0, 0, 0, 0, 0,
            ],
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for seed in &seeds {
            for _ in 0..2000 {
                let mut bytes = seed.clone();
                for _ in 0..(next() % 4 + 1) {
                    let at = usize::try_from(next() % bytes.len() as u64).expect("index");
                    bytes[at] = u8::try_from(next() % 256).expect("byte");
                }
                if let Ok(out) = to_der(&bytes) {
                    assert_eq!(to_der(&out), Ok(out.clone()));
                }
            }
        }
    }
}
